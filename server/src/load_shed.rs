//! Shedding load rather than queueing it: at most so many requests at once (the next is told at once to
//! come back, 503 with `Retry-After`), each within a time limit.
use std::sync::Arc;
use std::time::Duration;

use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Semaphore;

/// A page or a form: its queries are bounded by the statement timeout well before this.
pub const TIME_LIMIT: Duration = Duration::from_secs(15);
/// A photo or proof of transfer comes over slow mobile data, and its body is read within the time.
const UPLOAD_TIME_LIMIT: Duration = Duration::from_secs(120);

#[derive(Clone)]
pub struct Limits {
    in_flight: Arc<Semaphore>,
    time_limit: Duration,
}

impl Limits {
    pub fn new(most_in_flight: usize, time_limit: Duration) -> Self {
        Self {
            in_flight: Arc::new(Semaphore::new(most_in_flight)),
            time_limit,
        }
    }
}

pub async fn shed(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let Ok(_permit) = limits.in_flight.clone().try_acquire_owned() else {
        metrics::counter!("lumbung_requests_shed_total", "why" => "busy").increment(1);
        let (parts, _) = request.into_parts();
        return unavailable(&parts, 1);
    };
    let upload = request
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"multipart/"));
    // Only what the refusal needs, kept before the request is handed on.
    let mut head = Request::new(()).into_parts().0;
    head.method = request.method().clone();
    head.uri = request.uri().clone();
    head.headers = request.headers().clone();
    let limit = match upload {
        true => UPLOAD_TIME_LIMIT.max(limits.time_limit),
        false => limits.time_limit,
    };
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            metrics::counter!("lumbung_requests_shed_total", "why" => "timeout").increment(1);
            tracing::warn!("no answer within {limit:?}: refused");
            unavailable(&head, 5)
        }
    }
}

/// 503 in the caller's terms: the open data API's JSON, a server function's (or a form's way back),
/// else a plain page.
fn unavailable(request: &Parts, seconds: u32) -> Response {
    let path = request.uri.path();
    let mut response = if app::open_data::is_api(path) {
        crate::api::handlers::refused(
            &request.headers,
            app::open_data::problem::Problem::Unavailable,
        )
    } else if request.method == Method::POST && path.starts_with("/api/") {
        crate::refusal::refuse(request, AppError::Unavailable)
    } else {
        crate::refusal::failed_download(&request.headers, AppError::Unavailable)
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}
