//! Prometheus figures at `/metrics`: requests by route pattern and status with their latency, the
//! database pool, the search index, and what the app records itself (orders placed, checkouts
//! refused by reason, photo processing time).
use std::sync::OnceLock;
use std::time::Instant;

use app::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Histogram buckets in seconds: a page takes milliseconds, a photo up to seconds.
const BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's recorder, installed on first use (tests build many routers in one process).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &BUCKETS)
            .expect("buckets are not empty")
            .install_recorder()
            .expect("no other metrics recorder is installed")
    })
}

/// Counts every request under its route pattern and method (never the path or a method name typed,
/// which anyone can vary: each new label would be a new series kept for good).
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(other)", |path| path.as_str())
        .to_string();
    let method = match *request.method() {
        Method::GET
        | Method::HEAD
        | Method::POST
        | Method::PUT
        | Method::PATCH
        | Method::DELETE
        | Method::OPTIONS => request.method().as_str(),
        _ => "(other)",
    }
    .to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("lumbung_http_requests_total", &labels).increment(1);
    metrics::histogram!("lumbung_http_request_duration_seconds", &labels[..2])
        .record(started.elapsed().as_secs_f64());
    response
}

/// The figures as Prometheus text, with the gauges read now.
pub async fn render(State(state): State<AppState>) -> Response {
    let handle = handle();
    let pool = &state.pool;
    let idle = pool.num_idle() as f64;
    metrics::gauge!("lumbung_db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("lumbung_db_pool_connections", "state" => "in_use")
        .set(f64::from(pool.size()) - idle);
    metrics::gauge!("lumbung_search_index_products").set(state.search.len() as f64);
    metrics::gauge!("lumbung_search_index_sync_lag_seconds")
        .set(state.search.since_sync().await.as_secs_f64());
    handle.run_upkeep();
    (
        [
            (header::CONTENT_TYPE, "text/plain; version=0.0.4"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        handle.render(),
    )
        .into_response()
}

/// `/metrics` alone, for `--metrics-addr`: an address that need not be public.
pub fn router(state: AppState) -> axum::Router {
    axum::Router::new()
        .route(PATH, axum::routing::get(render))
        .with_state(state)
}

pub const PATH: &str = "/metrics";
