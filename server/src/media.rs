//! `/media/…`: pictures from the media store, whichever it is, cached by browsers for good (a key's
//! content never changes).
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn file(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    let Some(content_type) = content_type(&key) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.media.get(&key).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        // A key that is not a path (`..`, empty parts) is simply not there.
        Err(object_store::Error::InvalidPath { .. }) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!("media store: {err}");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Only pictures are served, by their extension.
fn content_type(key: &str) -> Option<&'static str> {
    key.ends_with(".webp").then_some("image/webp")
}
