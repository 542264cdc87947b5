//! Headers every response carries: no type sniffing, no framing, referrers kept to this site where a page's
//! address holds a secret, and a Content-Security-Policy on whatever the pages did not give one (files
//! opened on their own run nothing).
use app::csp::{FILE_POLICY, WORKER_POLICY};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// Features no page uses: a script that got in cannot ask for them either.
const PERMISSIONS: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=()";

/// Pages whose address carries a secret (an order's link, an invitation, an official's password link):
/// other sites never see it.
fn carries_token(path: &str) -> bool {
    ["/pesanan/", "/undangan/", "/petugas/sandi/"]
        .iter()
        .any(|start| path.starts_with(start))
        || path == "/dasbor/staf"
        || path == "/petugas/tim"
}

#[derive(Clone, Copy)]
pub struct Https(pub bool);

pub async fn add(State(https): State<Https>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let kept = response.status() == StatusCode::NOT_MODIFIED;
    set(response.headers_mut(), &path, https.0, kept);
    response
}

/// `kept`: a 304, whose policy the browser must take from the page it kept (see `caching`).
fn set(headers: &mut HeaderMap, path: &str, https: bool, kept: bool) {
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            PERMISSIONS,
        ),
        (
            header::REFERRER_POLICY,
            if carries_token(path) {
                "same-origin"
            } else {
                "strict-origin-when-cross-origin"
            },
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if !kept && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = if path == "/sw.js" {
            WORKER_POLICY
        } else {
            FILE_POLICY
        };
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_get_a_policy_that_runs_nothing_and_token_pages_keep_their_referrer() {
        let mut headers = HeaderMap::new();
        set(&mut headers, "/media/products/1/ab-320.webp", false, false);
        assert_eq!(headers[header::CONTENT_SECURITY_POLICY], FILE_POLICY);
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            headers[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin"
        );
        assert!(!headers.contains_key(header::STRICT_TRANSPORT_SECURITY));

        let mut page = HeaderMap::new();
        page.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'nonce-abc'"),
        );
        set(&mut page, "/pesanan/0123abcd", true, false);
        assert_eq!(
            page[header::CONTENT_SECURITY_POLICY],
            "script-src 'nonce-abc'"
        );
        assert_eq!(page[header::REFERRER_POLICY], "same-origin");
        assert_eq!(page[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000");

        let mut worker = HeaderMap::new();
        set(&mut worker, "/sw.js", false, false);
        assert_eq!(worker[header::CONTENT_SECURITY_POLICY], WORKER_POLICY);

        // A 304 gets no policy: the browser keeps the one that came with its page.
        let mut not_modified = HeaderMap::new();
        set(&mut not_modified, "/", false, true);
        assert!(!not_modified.contains_key(header::CONTENT_SECURITY_POLICY));
        assert_eq!(not_modified[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
}
