//! The web server: Leptos pages and server functions, media, and the layers every response passes.
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;
use app::catalogue::search::index::SearchIndex;
use app::product::views::ViewCounter;
use app::shell::{App, shell};
use app::state::AppState;
use axum::Router;
use axum::routing::{MethodRouter, get};
use leptos::config::get_configuration;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;

use crate::cli::{Options, Site};
use crate::db::Database;
use crate::pwa::ServiceWorker;
use crate::{
    api, body_limits, caching, fn_errors, form_echo, media, origin, preferences, rate_limit,
    refusal, regions, security_headers, seed, sitemap, static_files,
};

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
        limit_scale: site.limit_scale,
    };
    let echo_key = form_echo::EchoKey::load(&db.pool).await?;
    let views = state.views.clone();
    let service_worker = ServiceWorker::load(&state.leptos_options)?;
    tokio::spawn(refresh_region_counts(db.pool.clone()));
    tokio::spawn(flush_views(db.pool.clone(), views.clone()));
    tokio::spawn(refresh_search_index(db.pool.clone(), search));
    tokio::spawn(expire_orders(db.pool.clone()));
    let routes = generate_route_list(App);
    let pages = Router::new().leptos_routes(&state, routes, {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    });
    let app = ROUTES
        .into_iter()
        .fold(pages, |router, (path, handler)| {
            router.route(path, handler(&service_worker))
        })
        .nest(app::open_data::API, api::router(&state))
        .fallback(static_files::or_not_found)
        .layer(axum::middleware::from_fn(fn_errors::error_statuses))
        .layer(axum::middleware::from_fn(refusal::known_functions))
        .layer(axum::middleware::from_fn(body_limits::bounded))
        .layer(axum::middleware::from_fn_with_state(
            rate_limit::RateLimit::new(
                rate_limit::PER_MINUTE * state.limit_scale,
                state.trusted_proxies,
            ),
            rate_limit::limited,
        ))
        .layer(axum::middleware::from_fn_with_state(
            origin::PublicOrigin::of(&state.public_url),
            origin::same_origin_only,
        ))
        .layer(axum::middleware::from_fn_with_state(
            echo_key,
            form_echo::signed,
        ))
        .layer(axum::middleware::from_fn(caching::headers))
        .layer(axum::middleware::from_fn_with_state(
            security_headers::Https(state.public_url.starts_with("https://")),
            security_headers::add,
        ))
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

/// Every route besides Leptos's pages and server functions, with its handler; `server routes` lists
/// them with those, for the authorization matrix.
type Route = (&'static str, fn(&ServiceWorker) -> MethodRouter<AppState>);
const ROUTES: [Route; 11] = [
    ("/bahasa/{lang}", |_| get(preferences::language)),
    ("/hemat-data/{choice}", |_| get(preferences::data_saver)),
    ("/sitemap.xml", |_| get(sitemap::index)),
    ("/sitemap/{file}", |_| get(sitemap::file)),
    ("/robots.txt", |_| get(sitemap::robots)),
    ("/sw.js", |worker| {
        let worker = worker.clone();
        get(move || std::future::ready(worker.response()))
    }),
    ("/dasbor/pesanan.csv", |_| get(crate::orders_csv::export)),
    ("/petugas/cakupan.csv", |_| {
        get(crate::coverage_csv::own_region)
    }),
    ("/petugas/wilayah/{code}/cakupan.csv", |_| {
        get(crate::coverage_csv::region)
    }),
    ("/data/{file}", |_| get(crate::open_data_csv::file)),
    ("/media/{*key}", |_| get(media::file)),
];

/// What `server routes` prints: every server function (method and path), then every page and route.
pub fn route_list() -> serde_json::Value {
    let functions: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| format!("{method} {path}"))
        .collect();
    let pages: Vec<String> = generate_route_list(App)
        .iter()
        .map(|route| route.path().to_string())
        .chain(ROUTES.iter().map(|(path, _)| path.to_string()))
        .chain(crate::api::routes().map(|(path, _)| format!("{}{path}", app::open_data::API)))
        .collect();
    serde_json::json!({ "functions": functions, "pages": pages })
}

/// Keeps the per-region counts of `/wilayah` and the officials' coverage fresh: now, then every few
/// minutes.
async fn refresh_region_counts(pool: sqlx::PgPool) {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(300);
    loop {
        let started = Instant::now();
        match app::village::queries::refresh_region_counts(&pool).await {
            Ok(()) => tracing::debug!("region counts refreshed in {:.0?}", started.elapsed()),
            Err(err) => tracing::warn!("refreshing region counts: {err}"),
        }
        let started = Instant::now();
        match app::coverage::queries::refresh(&pool).await {
            Ok(()) => tracing::debug!("coverage refreshed in {:.0?}", started.elapsed()),
            Err(err) => tracing::warn!("refreshing coverage: {err}"),
        }
        tokio::time::sleep(EVERY).await;
    }
}

/// Gives back the stock of unpaid orders whose time is over, and forgets attempts counted a day ago.
async fn expire_orders(pool: sqlx::PgPool) {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(15);
    loop {
        match app::orders::expiry::expire_due(&pool).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("{n} unpaid orders expired"),
            Err(err) => tracing::warn!("expiring unpaid orders: {err}"),
        }
        if let Err(err) = app::throttle::prune(&pool).await {
            tracing::warn!("pruning attempts: {err}");
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
