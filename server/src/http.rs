//! The web server: Leptos pages and server functions, media, and the layers every response passes.
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;
use app::catalogue::search::index::SearchIndex;
use app::product::views::ViewCounter;
use app::shell::{App, shell};
use app::state::AppState;
use axum::Router;
use axum::routing::get;
use leptos::config::get_configuration;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;

use crate::cli::{Options, Site};
use crate::db::Database;
use crate::{caching, fn_errors, media, origin, preferences, regions, seed, sitemap};

pub async fn serve(options: &Options, site: Site, started: Instant) -> Result<()> {
    let db = Database::open(options).await?;
    let media = options.media()?;
    regions::ensure_imported(&db.pool).await?;
    if site.demo {
        seed::demo::seed_if_empty(&db.pool, &media).await?;
    }

    let leptos_options = get_configuration(None)?.leptos_options;
    let addr = leptos_options.site_addr;
    let public_url = site.public_url.unwrap_or_else(|| format!("http://{addr}"));
    let loading = Instant::now();
    let search = Arc::new(SearchIndex::load(&db.pool).await?);
    tracing::info!(
        "search index: {} products in {:.1?}",
        search.len(),
        loading.elapsed()
    );
    let state = AppState {
        pool: db.pool.clone(),
        leptos_options,
        public_url: public_url.trim_end_matches('/').to_string(),
        search: search.clone(),
        media,
        views: Arc::default(),
        trusted_proxies: site.trusted_proxies,
    };
    let views = state.views.clone();
    let service_worker = crate::pwa::ServiceWorker::load(&state.leptos_options)?;
    tokio::spawn(refresh_region_counts(db.pool.clone()));
    tokio::spawn(flush_views(db.pool.clone(), views.clone()));
    tokio::spawn(refresh_search_index(db.pool.clone(), search));
    let routes = generate_route_list(App);
    let app = Router::new()
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .route("/bahasa/{lang}", get(preferences::language))
        .route("/hemat-data/{choice}", get(preferences::data_saver))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemap/{file}", get(sitemap::file))
        .route("/robots.txt", get(sitemap::robots))
        .route(
            "/sw.js",
            get(move || std::future::ready(service_worker.response())),
        )
        .route("/dasbor/pesanan.csv", get(crate::orders_csv::export))
        .route("/media/{*key}", get(media::file))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(fn_errors::error_statuses))
        .layer(axum::middleware::from_fn(origin::same_origin_only))
        .layer(axum::middleware::from_fn(caching::headers))
        .layer(CompressionLayer::new())
        .with_state(state);

    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(
        "Lumbung listening on http://{addr} (ready {:.0?} after start)",
        started.elapsed()
    );
    // The peer address throttles logins per address.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("shutting down");
    if let Err(err) = views.flush(&db.pool).await {
        tracing::warn!("writing the last product views: {err}");
    }
    db.close().await
}

/// Keeps the per-region counts of `/wilayah` fresh: now, then every few minutes.
async fn refresh_region_counts(pool: sqlx::PgPool) {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(300);
    loop {
        let started = Instant::now();
        match app::village::queries::refresh_region_counts(&pool).await {
            Ok(()) => tracing::debug!("region counts refreshed in {:.0?}", started.elapsed()),
            Err(err) => tracing::warn!("refreshing region counts: {err}"),
        }
        tokio::time::sleep(EVERY).await;
    }
}

/// Writes the product page views counted in memory, every few seconds.
async fn flush_views(pool: sqlx::PgPool, views: Arc<ViewCounter>) {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(10);
    loop {
        tokio::time::sleep(EVERY).await;
        if let Err(err) = views.flush(&pool).await {
            tracing::warn!("writing product views: {err}");
        }
    }
}

/// Keeps an idle server's search index current (searches also catch up first), rebuilds it when it is
/// stale or worn, and prunes the change log all servers have read.
async fn refresh_search_index(pool: sqlx::PgPool, index: Arc<SearchIndex>) {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(10);
    loop {
        tokio::time::sleep(EVERY).await;
        if let Err(err) = index.refresh(&pool).await {
            tracing::warn!("refreshing the search index: {err}");
        }
        if let Err(err) = SearchIndex::prune_changes(&pool).await {
            tracing::warn!("pruning search changes: {err}");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {},
        _ = term.recv() => {},
    }
}
