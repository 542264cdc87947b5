//! How much a request may send: an upload what the photo rules allow, any other request 64 KiB. A body
//! that says it is larger is refused before it is read; one that does not say is cut off at the limit.
use app::dashboard::photos::{PhotoProblem, process::MAX_BYTES};
use app::error::AppError;
use app::upload::{FORM_BYTES, LARGEST_BODY};
use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use leptos::server_fn::error::ServerFnErrorErr;

fn limit(path: &str) -> usize {
    match path {
        "/api/upload_photos" => LARGEST_BODY,
        "/api/upload_proof" | "/api/upload_picture" => MAX_BYTES + FORM_BYTES,
        _ => FORM_BYTES,
    }
}

pub async fn bounded(request: Request, next: Next) -> Response {
    let limit = limit(request.uri().path());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(length) = declared.filter(|&length| length > limit as u64) {
        let (parts, body) = request.into_parts();
        // A browser reads the refusal only once it has sent the body: one a little too large is read
        // (and thrown away) first; a far larger one is not, and its connection closes.
        if length <= 2 * limit as u64 {
            discard(body).await;
        }
        let error = if limit > FORM_BYTES {
            AppError::Photo {
                file: String::new(),
                problem: PhotoProblem::TooLarge,
            }
        } else {
            AppError::TooLarge
        };
        return crate::refusal::refuse(&parts, error);
    }
    let content_type = request.headers().get(header::CONTENT_TYPE);
    if limit > FORM_BYTES
        && !content_type
            .and_then(|v| v.to_str().ok())
            .is_some_and(app::upload::is_multipart)
    {
        // Read first, as above: a connection closed on unread bytes resets, and the browser sees no
        // answer.
        let (parts, body) = request.into_parts();
        discard(Body::new(http_body_util::Limited::new(body, limit))).await;
        let error = AppError::Request(ServerFnErrorErr::Request("not a multipart form".into()));
        return crate::refusal::refuse(&parts, error);
    }
    next.run(request.map(|body| Body::new(http_body_util::Limited::new(body, limit))))
        .await
}

async fn discard(mut body: Body) {
    use http_body_util::BodyExt;
    while let Some(Ok(_)) = body.frame().await {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_get_room_for_their_photos_and_the_rest_a_form() {
        assert_eq!(limit("/api/upload_photos"), 8 * 10 * 1024 * 1024 + 65_536);
        assert_eq!(limit("/api/upload_proof"), 10 * 1024 * 1024 + 65_536);
        assert_eq!(limit("/api/save_listing"), 65_536);
        assert_eq!(limit("/dasbor"), 65_536);
    }
}
