//! `/media/…`: pictures from the media store, whichever it is, cached by browsers for good (a key's
//! content never changes). Only what the photo pipeline stored is served, and only as the WebP it is.
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn file(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    if !is_stored_name(&key) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match state.media.get(&key).await {
        Ok(Some(bytes)) if is_webp(&bytes) => (
            [
                (header::CONTENT_TYPE, "image/webp"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            bytes,
        )
            .into_response(),
        Ok(_) => StatusCode::NOT_FOUND.into_response(),
        // A key that is not a path (`..`, empty parts) is simply not there.
        Err(object_store::Error::InvalidPath { .. }) => StatusCode::NOT_FOUND.into_response(),
        // The store cannot be read just now: the page still shows, with the placeholder picture in
        // the photo's place (kept by no cache), until it can.
        Err(err) => {
            tracing::error!("media store: {err}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [
                    (header::CONTENT_TYPE, "image/svg+xml"),
                    (header::CACHE_CONTROL, "no-store"),
                    (header::RETRY_AFTER, "30"),
                ],
                PLACEHOLDER,
            )
                .into_response()
        }
    }
}

const PLACEHOLDER: &str = include_str!("../../public/placeholder.svg");

/// Only names the photo pipeline gives (`products/12/3fa9…-320.webp`): a folder it writes, lower-case
/// letters, digits and dashes, and one of its widths.
fn is_stored_name(key: &str) -> bool {
    let Some((name, width)) = key
        .strip_suffix(".webp")
        .and_then(|stem| stem.rsplit_once('-'))
    else {
        return false;
    };
    let folder = key.split('/').next().unwrap_or_default();
    ["products", "qris", "proofs", "certificate"].contains(&folder)
        && app::catalogue::IMAGE_WIDTHS
            .iter()
            .any(|w| w.to_string() == width)
        && name.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// Every stored file is a WebP the pipeline encoded; anything else in the store is not served as one.
fn is_webp(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_only_the_names_the_pipeline_writes() {
        for good in [
            "products/12/3fa9c0d1e2f3a4b5c6d7e8f9-320.webp",
            "products/demo/madu-hutan-sumbawa-1280.webp",
            "qris/4/abc-160.webp",
            "proofs/77/0a1b-640.webp",
            "certificate/9/0a1b-1280.webp",
        ] {
            assert!(is_stored_name(good), "{good}");
        }
        for bad in [
            "products/12/x-321.webp",
            "products/../secret-320.webp",
            "products//x-320.webp",
            "etc/passwd-320.webp",
            "products/12/x-320.svg",
            "products/12/X-320.webp",
            "products/12/x.html-320.webp",
            "products/12/x%2e%2e-320.webp",
            "-320.webp",
        ] {
            assert!(!is_stored_name(bad), "{bad}");
        }
        assert!(is_webp(b"RIFF\x10\0\0\0WEBPVP8 "));
        assert!(!is_webp(b"<svg xmlns='http://www.w3.org/2000/svg'>"));
    }
}
