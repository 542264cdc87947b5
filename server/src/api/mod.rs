//! The open data API under `/api/v1/`: read-only JSON for anyone, described by an OpenAPI 3.1 document
//! made from its Rust types. Open to pages of every origin for GET, revalidated by ETag, and limited
//! per address with its own count (a 429 in JSON, with `Retry-After`).
pub mod document;
pub mod handlers;

use std::sync::Arc;
use std::time::Duration;

use app::open_data::problem::Problem;
use app::state::AppState;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::Response;
use axum::routing::{MethodRouter, get};
use tower_http::cors::{Any, CorsLayer};

use crate::rate_limit::RateLimit;

/// Requests per address and minute: a program paging through every product at 100 a window gets far;
/// the whole country's figures are one CSV download.
pub const PER_MINUTE: u32 = 60;

/// How long an answer may be kept before it is asked for again (the figures are recounted every few
/// minutes; a product's stock changes with every order).
const FRESH: &str = "public, max-age=60";

/// The API's routes, under `/api/v1`.
pub fn routes() -> [(&'static str, MethodRouter<AppState>); 6] {
    [
        ("/products", get(handlers::products)),
        ("/products/{slug}", get(handlers::product)),
        ("/bumdes", get(handlers::bumdes)),
        ("/regions", get(handlers::regions)),
        ("/regions/{code}", get(handlers::region)),
        ("/openapi.json", get(document::served)),
    ]
}

pub fn router(state: &AppState) -> Router<AppState> {
    let limit = RateLimit::new(PER_MINUTE * state.limit_scale, state.trusted_proxies);
    (routes().into_iter())
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(from_fn(revalidated))
        .layer(from_fn_with_state(limit, limited))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::HEAD])
                .allow_headers([header::IF_NONE_MATCH, header::ACCEPT_LANGUAGE])
                .expose_headers([header::ETAG, header::RETRY_AFTER])
                .max_age(Duration::from_secs(86_400)),
        )
}

async fn limited(State(limit): State<Arc<RateLimit>>, request: Request, next: Next) -> Response {
    match limit.over(&request) {
        Some(seconds) => handlers::refused(request.headers(), Problem::RateLimited { seconds }),
        None => next.run(request).await,
    }
}

/// Answers carry an ETag (a match answers 304) and may be kept a minute; refusals are not kept.
async fn revalidated(request: Request, next: Next) -> Response {
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let mut response = next.run(request).await;
    if !response.status().is_success() {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    crate::caching::with_etag(response, if_none_match, FRESH, None).await
}
