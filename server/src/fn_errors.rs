//! Server functions answer every error with 500; this gives each the status of its `AppError`
//! (400 for a bad form, 401 for a guest, 403 for another seller's data, 429 when throttled, with the
//! seconds to wait in `Retry-After`).
use app::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// Error bodies are JSON: a refused form with what was typed in it (forms are at most 64 KiB, each value
/// kept at most 8,000 characters).
const MAX_ERROR_BODY: usize = 1024 * 1024;

pub async fn error_statuses(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        tracing::error!("a server function's error is over {MAX_ERROR_BODY} bytes");
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
        if let AppError::Throttled { seconds, .. } = error {
            parts.headers.insert(header::RETRY_AFTER, seconds.into());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
