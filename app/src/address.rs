//! The address a request comes from, for limits per address: the peer, or behind trusted proxies the
//! address the outermost one saw.

/// Where the request comes from: the peer, or behind trusted proxies the address the outermost saw.
pub async fn request_address() -> String {
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|info| info.0.ip());
    let headers = leptos::prelude::use_context::<http::request::Parts>()
        .map(|request| request.headers)
        .unwrap_or_default();
    let trusted = leptos::prelude::expect_context::<crate::state::AppState>().trusted_proxies;
    from_headers(peer, &headers, trusted).map_or_else(String::new, limit_key)
}

/// The client's address from the peer and the X-Forwarded-For headers (see [`client_address`]).
pub fn from_headers(
    peer: Option<std::net::IpAddr>,
    headers: &http::HeaderMap,
    trusted: usize,
) -> Option<std::net::IpAddr> {
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    client_address(peer, Some(&forwarded.join(",")), trusted)
}

/// What limits count an address under: IPv4 as it is, IPv6 by its /64, the block one subscriber gets
/// (counting each address alone would give anyone billions of fresh ones).
pub fn limit_key(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Each proxy appends the address it saw to X-Forwarded-For, so with `trusted` proxies the entry
/// `trusted` from the right is the one the outermost proxy wrote; entries left of it are whatever the
/// client sent. Without the header (or with a garbled entry) the peer stands.
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    forwarded: Option<&str>,
    trusted: usize,
) -> Option<std::net::IpAddr> {
    if trusted == 0 {
        return peer;
    }
    let entries: Vec<&str> = forwarded
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .collect();
    let Some(entry) = entries
        .len()
        .checked_sub(1)
        .map(|last| entries[last.saturating_sub(trusted - 1)])
    else {
        return peer;
    };
    entry.parse().ok().or(peer)
}

#[cfg(test)]
mod tests {
    use super::client_address;

    #[test]
    fn believes_only_the_trusted_proxies() {
        let proxy = Some("10.0.0.2".parse().unwrap());
        let forged = "6.6.6.6, 203.0.113.7";
        let ip = |s: &str| Some(s.parse().unwrap());
        // No proxy trusted: a forged header changes nothing.
        assert_eq!(client_address(proxy, Some(forged), 0), proxy);
        // One proxy: the entry it appended, not the one the client made up.
        assert_eq!(client_address(proxy, Some(forged), 1), ip("203.0.113.7"));
        // A CDN then a load balancer: the CDN's entry.
        assert_eq!(
            client_address(proxy, Some("6.6.6.6, 198.51.100.4, 172.16.0.9"), 2),
            ip("198.51.100.4")
        );
        // Fewer entries than proxies: the leftmost was still written by a proxy.
        assert_eq!(
            client_address(proxy, Some("198.51.100.4"), 2),
            ip("198.51.100.4")
        );
        assert_eq!(client_address(proxy, None, 1), proxy);
        assert_eq!(client_address(proxy, Some("bukan-alamat"), 1), proxy);
        assert_eq!(
            client_address(proxy, Some("2001:db8::1"), 1),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_block() {
        use super::limit_key;
        let key = |s: &str| limit_key(s.parse().unwrap());
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:ffff:1:2:3"));
        assert_eq!(key("2001:db8:1:2::9"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
    }
}
