//! Cache headers: hashed build files are kept for good, public pages are revalidated by ETag (a 304
//! costs a few bytes on a slow line), and pages with a buyer's or seller's data are never stored.
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

/// Pages are rendered whole before they are sent; none comes near this.
const MAX_PAGE: usize = 4 * 1024 * 1024;

#[derive(Debug, PartialEq)]
enum Policy {
    /// Built files whose names carry their content's hash.
    Immutable,
    /// Icons, the manifest and other files of `public/` under fixed names.
    Static,
    /// Pages with someone's orders, dashboard or sign-in: never stored, by browsers or the service worker.
    Private,
    /// The cart and checkout: this browser's, kept by it (for offline use) but always revalidated.
    PerBrowser,
    /// The same for every buyer of a language, but for the header's cart count: revalidated by ETag.
    Public,
}

fn policy(path: &str) -> Policy {
    let under = |prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    if path.starts_with("/pkg/") {
        Policy::Immutable
    } else if [
        "/icons",
        "/favicon.svg",
        "/placeholder.svg",
        "/manifest.webmanifest",
    ]
    .into_iter()
    .any(under)
    {
        Policy::Static
    } else if [
        "/dasbor",
        "/pesanan",
        "/masuk",
        "/daftar",
        "/undangan",
        "/petugas",
    ]
    .into_iter()
    .any(under)
    {
        Policy::Private
    } else if ["/keranjang", "/pesan"].into_iter().any(under) {
        Policy::PerBrowser
    } else {
        Policy::Public
    }
}

pub async fn headers(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let policy = policy(request.uri().path());
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    // The header counts a guest's cart: their pages are theirs, for no shared cache to keep.
    let shared = app::cookie::find(request.headers(), app::cart::guest::COOKIE_NAME).is_none();
    let mut response = next.run(request).await;
    if !response.status().is_success() {
        return response;
    }
    let headers = response.headers_mut();
    let value = match policy {
        Policy::Immutable => "public, max-age=31536000, immutable",
        Policy::Static => "public, max-age=86400",
        _ if !is_html(headers) => return response,
        Policy::Private => "private, no-store",
        Policy::PerBrowser => "private, no-cache",
        // A page that sets a cookie is someone's.
        Policy::Public if headers.contains_key(header::SET_COOKIE) => "private, no-cache",
        Policy::Public => {
            let cache_control = if shared {
                "public, no-cache"
            } else {
                "private, no-cache"
            };
            // The language and data-saver mode come from a cookie or, for the latter, a header.
            let vary = Some("Cookie, Save-Data");
            return with_etag(response, if_none_match, cache_control, vary).await;
        }
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// A weak ETag (the body is compressed after this) from the body's bytes; a match answers 304.
pub async fn with_etag(
    response: Response,
    if_none_match: Option<HeaderValue>,
    cache_control: &'static str,
    vary: Option<&'static str>,
) -> Response {
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE).await else {
        return Response::from_parts(parts, Body::empty());
    };
    tagged(parts, bytes, if_none_match, cache_control, vary)
}

/// The same for a body already in memory, of any size (a bulk download).
pub fn tagged(
    mut parts: axum::http::response::Parts,
    bytes: axum::body::Bytes,
    if_none_match: Option<HeaderValue>,
    cache_control: &'static str,
    vary: Option<&'static str>,
) -> Response {
    let digest = format!("{:x}", page_digest(&bytes));
    let etag = HeaderValue::from_str(&format!("W/\"{}\"", &digest[..32]))
        .expect("hex digits are a valid header value");
    let headers = &mut parts.headers;
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    if let Some(vary) = vary {
        headers.insert(header::VARY, HeaderValue::from_static(vary));
    }
    let unchanged = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    headers.insert(header::ETAG, etag);
    if unchanged {
        parts.status = StatusCode::NOT_MODIFIED;
        headers.remove(header::CONTENT_LENGTH);
        headers.remove(header::CONTENT_TYPE);
        // The browser keeps the page it has with the headers it came with: this response's policy names
        // this response's nonce, not the kept page's, and would block the kept page's scripts.
        headers.remove(header::CONTENT_SECURITY_POLICY);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The page's hash, leaving out the nonce Leptos draws for every response (its scripts carry it, and the
/// Content-Security-Policy names it), which would otherwise make every response new.
fn page_digest(page: &[u8]) -> impl std::fmt::LowerHex {
    const MARK: &[u8] = b"nonce=\"";
    let nonce = page
        .windows(MARK.len())
        .position(|w| w == MARK)
        .map(|at| &page[at + MARK.len()..])
        .and_then(|rest| rest.iter().position(|&b| b == b'"').map(|end| &rest[..end]))
        .filter(|nonce| !nonce.is_empty());
    let mut hash = Sha256::new();
    match nonce {
        Some(nonce) => {
            let mut rest = page;
            while let Some(at) = rest.windows(nonce.len()).position(|w| w == nonce) {
                hash.update(&rest[..at]);
                rest = &rest[at + nonce.len()..];
            }
            hash.update(rest);
        }
        None => hash.update(page),
    }
    hash.finalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_pages_are_told_apart_from_public_ones() {
        assert_eq!(policy("/pkg/lumbung.abc.wasm"), Policy::Immutable);
        assert_eq!(policy("/icons/icon-192.png"), Policy::Static);
        assert_eq!(policy("/dasbor"), Policy::Private);
        assert_eq!(policy("/dasbor/pesanan/LBG-1"), Policy::Private);
        assert_eq!(policy("/pesanan/abc"), Policy::Private);
        assert_eq!(policy("/pesan"), Policy::PerBrowser);
        assert_eq!(policy("/keranjang"), Policy::PerBrowser);
        // A product or village whose address only starts like a private one is public.
        assert_eq!(policy("/pesanankue"), Policy::Public);
        assert_eq!(policy("/p/kopi-gayo"), Policy::Public);
        assert_eq!(policy("/"), Policy::Public);
        assert_eq!(policy("/luring"), Policy::Public);
    }

    #[test]
    fn the_same_page_with_another_nonce_has_the_same_etag() {
        let digest = |page: &str| format!("{:x}", page_digest(page.as_bytes()));
        let one = r#"<script nonce="abc">x</script><link crossorigin="abc"><p>Kopi</p>"#;
        let two = r#"<script nonce="xyz">x</script><link crossorigin="xyz"><p>Kopi</p>"#;
        let other = r#"<script nonce="xyz">x</script><link crossorigin="xyz"><p>Teh</p>"#;
        assert_eq!(digest(one), digest(two));
        assert_ne!(digest(two), digest(other));
        assert_ne!(digest("<p>Kopi</p>"), digest("<p>Teh</p>"));
    }
}
