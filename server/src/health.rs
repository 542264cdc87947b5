//! `/healthz` (the process answers) and `/readyz` (it can serve: the database answers within a second,
//! its migrations are applied and the search index is loaded), answered from the moment the server
//! listens: not ready while it starts, and again once it is stopping.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sqlx::PgPool;
use tower::ServiceExt;

/// How long the database has to answer before the server says it is not ready.
const DATABASE_WAIT: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct Health {
    pool: OnceLock<PgPool>,
    /// The whole site, once its state (the search index among it) is loaded.
    site: OnceLock<Router>,
    stopping: AtomicBool,
}

impl Health {
    pub fn connected(&self, pool: PgPool) {
        let _ = self.pool.set(pool);
    }

    pub fn open(&self, site: Router) {
        let _ = self.site.set(site);
    }

    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
    }

    /// Why the server cannot serve now, if it cannot.
    pub async fn unready(&self) -> Option<&'static str> {
        if self.stopping.load(Ordering::SeqCst) {
            return Some("stopping");
        }
        let (Some(pool), Some(_)) = (self.pool.get(), self.site.get()) else {
            return Some("starting");
        };
        let latest = crate::db::MIGRATOR.iter().map(|m| m.version).max();
        let applied = sqlx::query_scalar::<_, bool>(
            "SELECT coalesce(max(version) FILTER (WHERE success), 0) >= $1
                    AND NOT bool_or(NOT success) IS TRUE
             FROM _sqlx_migrations",
        )
        .bind(latest.unwrap_or(0))
        .fetch_one(pool);
        match tokio::time::timeout(DATABASE_WAIT, applied).await {
            Ok(Ok(true)) => None,
            Ok(Ok(false)) => Some("migrations not applied"),
            Ok(Err(_)) | Err(_) => Some("database not answering"),
        }
    }
}

pub const LIVE: &str = "/healthz";
pub const READY: &str = "/readyz";

/// What the listener serves: the two health answers always, the site once it is open.
pub fn door(health: Arc<Health>) -> Router {
    Router::new()
        .route(LIVE, get(|| async { plain(StatusCode::OK, "ok") }))
        .route(READY, get(readyz))
        .fallback(site)
        .with_state(health)
}

async fn readyz(State(health): State<Arc<Health>>) -> Response {
    match health.unready().await {
        None => plain(StatusCode::OK, "ready"),
        Some(why) => plain(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!("not ready: {why}"),
        ),
    }
}

async fn site(State(health): State<Arc<Health>>, request: Request) -> Response {
    match health.site.get() {
        Some(site) => match site.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        },
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            TEXT_HEADERS,
            [(header::RETRY_AFTER, "5")],
            "Lumbung sedang dinyalakan. Coba lagi sebentar lagi. / Lumbung is starting: try again shortly.",
        )
            .into_response(),
    }
}

/// These answers come before the site's layers: the headers every answer has, for plain text.
const TEXT_HEADERS: [(header::HeaderName, &str); 3] = [
    (header::CACHE_CONTROL, "no-store"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; frame-ancestors 'none'",
    ),
];

fn plain(status: StatusCode, text: &str) -> Response {
    (status, TEXT_HEADERS, text.to_string()).into_response()
}
