//! What every request handler and server function can reach, provided as Leptos context.
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub pool: PgPool,
    pub leptos_options: LeptosOptions,
    /// Where buyers reach the site, without a trailing slash: for canonical links, sharing and the sitemap.
    pub public_url: String,
}

/// The pool of the running server, for server functions.
pub fn pool() -> PgPool {
    leptos::prelude::expect_context::<AppState>().pool
}
