//! CSRF defence: a request that changes state must come from a page of this site, as its public address
//! names it (scheme, host and port). The Host header proves nothing: the client writes it.
//! Server functions have no CSRF check of their own, so this covers every POST, PUT, PATCH and DELETE.
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// `scheme://host[:port]` of the public address, lower case.
#[derive(Clone)]
pub struct PublicOrigin(String);

impl PublicOrigin {
    pub fn of(public_url: &str) -> Self {
        let origin = origin_of(public_url)
            .unwrap_or(public_url)
            .to_ascii_lowercase();
        // Browsers leave a scheme's own port out of Origin.
        let origin = match (origin.strip_suffix(":443"), origin.strip_suffix(":80")) {
            (Some(bare), _) if origin.starts_with("https://") => bare.to_string(),
            (_, Some(bare)) if origin.starts_with("http://") => bare.to_string(),
            _ => origin,
        };
        Self(origin)
    }
}

pub async fn same_origin_only(
    State(public): State<PublicOrigin>,
    request: Request,
    next: Next,
) -> Response {
    // The open data API changes nothing, whatever the method: it answers 405 to all but GET itself.
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || app::open_data::is_api(request.uri().path());
    if safe || from_site(request.headers(), &public.0) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "Permintaan ditolak: asal halaman tidak dikenal. / Request refused: unknown origin.",
        )
            .into_response()
    }
}

/// True when the Origin header (or, failing that, the Referer) is a page of `public`.
fn from_site(headers: &HeaderMap, public: &str) -> bool {
    headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|h| h.to_str().ok())
        .and_then(origin_of)
        .is_some_and(|origin| origin.eq_ignore_ascii_case(public))
}

/// `scheme://host[:port]` of an absolute http(s) URL.
fn origin_of(url: &str) -> Option<&str> {
    let scheme = if url.starts_with("https://") {
        8
    } else if url.starts_with("http://") {
        7
    } else {
        return None;
    };
    let end = url[scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| scheme + at);
    Some(&url[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), v.parse().unwrap()))
            .collect()
    }

    #[test]
    fn accepts_only_pages_of_the_public_address() {
        let public = PublicOrigin::of("https://lumbung.id/").0;
        let from = |pairs: &[(header::HeaderName, &str)]| from_site(&headers(pairs), &public);
        assert!(from(&[(header::ORIGIN, "https://lumbung.id")]));
        assert!(from(&[(header::ORIGIN, "https://LUMBUNG.id")]));
        assert!(from(&[(header::REFERER, "https://lumbung.id/p/x?y=1")]));
        // Another scheme, port or host, even one the client put in Host.
        assert!(!from(&[
            (header::HOST, "evil.example"),
            (header::ORIGIN, "http://evil.example")
        ]));
        assert!(!from(&[(header::ORIGIN, "http://lumbung.id")]));
        assert!(!from(&[(header::ORIGIN, "https://lumbung.id:8443")]));
        assert!(!from(&[(
            header::ORIGIN,
            "https://lumbung.id.evil.example"
        )]));
        assert!(!from(&[(
            header::REFERER,
            "https://lumbung.id.evil.example/"
        )]));
        assert!(!from(&[(header::ORIGIN, "null")]));
        assert!(!from(&[(header::HOST, "lumbung.id")]));
        // A foreign Origin is not excused by a Referer of the site.
        assert!(!from(&[
            (header::ORIGIN, "https://evil.example"),
            (header::REFERER, "https://lumbung.id/")
        ]));
        let explicit = PublicOrigin::of("https://lumbung.id:443/").0;
        assert!(from_site(
            &headers(&[(header::ORIGIN, "https://lumbung.id")]),
            &explicit
        ));
        let local = PublicOrigin::of("http://127.0.0.1:3000").0;
        assert!(from_site(
            &headers(&[(header::ORIGIN, "http://127.0.0.1:3000")]),
            &local
        ));
        assert!(!from_site(
            &headers(&[(header::ORIGIN, "http://127.0.0.1:3001")]),
            &local
        ));
    }
}
