//! What every request handler and server function can reach, provided as Leptos context.
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub pool: PgPool,
    pub leptos_options: LeptosOptions,
}

/// The pool of the running server, for server functions.
pub fn pool() -> PgPool {
    leptos::prelude::expect_context::<AppState>().pool
}
