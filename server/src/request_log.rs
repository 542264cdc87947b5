//! One log line per request (method, route pattern, status, latency) in a span that carries the
//! request's id, which also goes back to the client in `X-Request-Id`.
use std::time::Duration;

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, Response};
use axum::middleware::Next;
use tracing::Span;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Keeps the id a load balancer gave when it is a plain token (it goes into logs), else makes one.
pub async fn request_id(mut request: Request, next: Next) -> Response<Body> {
    let given = request
        .headers()
        .get(&REQUEST_ID)
        .filter(|id| plain(id.as_bytes()))
        .cloned();
    let id = match given {
        Some(id) => id,
        None => HeaderValue::from_str(&app::random::hex(8).unwrap_or_default())
            .expect("hex is a header value"),
    };
    request.headers_mut().insert(REQUEST_ID, id.clone());
    let mut response = next.run(request).await;
    response.headers_mut().insert(REQUEST_ID, id);
    response
}

fn plain(id: &[u8]) -> bool {
    (1..=64).contains(&id.len())
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(b))
}

/// The span every event of a request is logged in.
pub fn span(request: &Request) -> Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(other)", |path| path.as_str());
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|id| id.to_str().ok())
        .unwrap_or("");
    tracing::info_span!("request", method = %request.method(), route, id)
}

/// The request's line, once its answer is ready; server errors stand out as warnings (their cause was
/// logged where they happened).
pub fn answered(response: &Response<Body>, latency: Duration, _span: &Span) {
    let status = response.status().as_u16();
    let ms = latency.as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::warn!(status, latency_ms = ms, "answered");
    } else {
        tracing::info!(status, latency_ms = ms, "answered");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_ids_are_kept() {
        assert!(super::plain(b"abc-123_X.y"));
        for bad in [
            &b""[..],
            b"a b",
            b"a\"b",
            b"<script>",
            &[b'a'; 65],
            "é".as_bytes(),
        ] {
            assert!(!super::plain(bad), "{bad:?}");
        }
    }
}
