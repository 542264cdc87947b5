//! The address a request comes from, for throttling logins per address.

/// Where the request comes from: the peer, or behind trusted proxies the address the outermost saw.
pub async fn request_address() -> String {
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|info| info.0.ip());
    let forwarded = leptos::prelude::use_context::<http::request::Parts>().map(|request| {
        request
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect::<Vec<_>>()
            .join(",")
    });
    let trusted = leptos::prelude::expect_context::<crate::state::AppState>().trusted_proxies;
    client_address(peer, forwarded.as_deref(), trusted)
        .map_or_else(String::new, |ip| ip.to_string())
}

/// Each proxy appends the address it saw to X-Forwarded-For, so with `trusted` proxies the entry
/// `trusted` from the right is the one the outermost proxy wrote; entries left of it are whatever the
/// client sent. Without the header (or with a garbled entry) the peer stands.
fn client_address(
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
}
