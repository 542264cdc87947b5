//! What every request handler and server function can reach, provided as Leptos context.
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

use sqlx::PgPool;

use crate::catalogue::search::index::SearchIndex;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub pool: PgPool,
    pub leptos_options: LeptosOptions,
    /// Where buyers reach the site, without a trailing slash: for canonical links, sharing and the sitemap.
    pub public_url: String,
    pub search: Arc<SearchIndex>,
    pub media: crate::media::Media,
    /// Product page views not yet written to the database.
    pub views: Arc<crate::product::views::ViewCounter>,
    /// Proxies in front of the server whose X-Forwarded-For entries are believed.
    pub trusted_proxies: usize,
    /// What every abuse limit's free attempts are multiplied by (1 but where many share an address).
    pub limit_scale: u32,
}

/// Where the running server keeps pictures.
pub fn media() -> crate::media::Media {
    leptos::prelude::expect_context::<AppState>().media
}

/// Where product page views are counted.
pub fn views() -> Arc<crate::product::views::ViewCounter> {
    leptos::prelude::expect_context::<AppState>().views
}

/// The pool of the running server, for server functions.
pub fn pool() -> PgPool {
    leptos::prelude::expect_context::<AppState>().pool
}
