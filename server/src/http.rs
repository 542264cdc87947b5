//! The web server: Leptos pages and server functions, media, and the layers every response passes.
use std::sync::Arc;
use std::time::{Duration, Instant};

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
use tower_http::trace::TraceLayer;

use crate::cli::{Options, Site};
use crate::db::Database;
use crate::health::{self, Health};
use crate::pwa::ServiceWorker;
use crate::{
    api, body_limits, caching, fn_errors, form_echo, load_shed, media, origin, preferences,
    rate_limit, refusal, regions, request_log, security_headers, seed, sitemap, static_files,
    telemetry,
};

/// How long in-flight requests may finish once the server is told to stop.
const DRAIN: Duration = Duration::from_secs(10);

/// Listens at once (health answers from the start), gets the site ready, serves it, and on SIGTERM
/// or Ctrl-C stops accepting, lets requests finish for up to [`DRAIN`] and writes the view counts.
pub async fn serve(options: &Options, site: Site, started: Instant) -> Result<()> {
    let leptos_options = get_configuration(None)?.leptos_options;
    let addr = leptos_options.site_addr;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let health = Arc::new(Health::default());
    let signalled = Arc::new(tokio::sync::Notify::new());
    // The peer address throttles logins per address.
    let door =
        health::door(health.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let mut serving = tokio::spawn(
        axum::serve(listener, door)
            .with_graceful_shutdown({
                let (health, signalled) = (health.clone(), signalled.clone());
                async move {
                    shutdown_signal().await;
                    health.stop();
                    signalled.notify_one();
                }
            })
            .into_future(),
    );
    tracing::info!("listening on http://{addr}; getting ready");

    let db = Database::open(options, crate::db::Use::Serving).await?;
    health.connected(db.pool.clone());
    let media = options.media()?;
    regions::ensure_imported(&db.maintenance).await?;
    if site.demo {
        seed::demo::seed_if_empty(&db.maintenance, &media).await?;
    }
    let public_url = site.public_url.unwrap_or_else(|| format!("http://{addr}"));
    let loading = Instant::now();
    let search = Arc::new(SearchIndex::load(&db.maintenance).await?);
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
    let views = state.views.clone();
    let metrics_apart = match site.metrics_addr {
        Some(at) => {
            let listener = tokio::net::TcpListener::bind(at).await?;
            tokio::spawn(axum::serve(listener, telemetry::router(state.clone())).into_future());
            tracing::info!("metrics on http://{at}{}", telemetry::PATH);
            true
        }
        None => false,
    };
    let layout = Layout {
        metrics: !metrics_apart,
        most_in_flight: site.max_in_flight as usize,
        time_limit: load_shed::TIME_LIMIT,
    };
    health.open(router(state, layout).await?);
    tokio::spawn(refresh_region_counts(db.maintenance.clone()));
    tokio::spawn(flush_views(db.pool.clone(), views.clone()));
    tokio::spawn(refresh_search_index(db.maintenance.clone(), search));
    tokio::spawn(expire_orders(db.maintenance.clone()));
    tracing::info!(
        "Lumbung ready on http://{addr} ({:.0?} after start)",
        started.elapsed()
    );

    tokio::select! {
        ended = &mut serving => ended??,
        () = signalled.notified() => {
            tracing::info!("stopping: finishing the requests under way");
            match tokio::time::timeout(DRAIN, &mut serving).await {
                Ok(ended) => ended??,
                Err(_) => {
                    tracing::warn!("requests still running after {DRAIN:?} were cut off");
                    serving.abort();
                }
            }
        }
    }
    if let Err(err) = views.flush(&db.pool).await {
        tracing::warn!("writing the last product views: {err}");
    }
    tracing::info!("stopped");
    db.close().await
}

/// What the router is built with besides the state.
pub struct Layout {
    /// `/metrics` beside the pages (else it is served on an address of its own).
    pub metrics: bool,
    /// Requests served at once.
    pub most_in_flight: usize,
    /// How long a request may take (uploads longer).
    pub time_limit: Duration,
}

/// The whole site over `state`, every layer included: what `serve` serves and what the HTTP tests
/// drive. Requests carry the peer's `ConnectInfo<SocketAddr>`.
pub async fn router(state: AppState, layout: Layout) -> Result<Router> {
    // Figures recorded before the recorder is installed would be lost.
    telemetry::handle();
    let echo_key = form_echo::EchoKey::load(&state.pool).await?;
    let service_worker = ServiceWorker::load(&state.leptos_options)?;
    let routes = generate_route_list(App);
    let pages = Router::new().leptos_routes(&state, routes, {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    });
    let pages = match layout.metrics {
        true => pages.route(telemetry::PATH, get(telemetry::render)),
        false => pages,
    };
    Ok(ROUTES
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
        .layer(axum::middleware::from_fn_with_state(
            load_shed::Limits::new(layout.most_in_flight, layout.time_limit),
            load_shed::shed,
        ))
        .layer(axum::middleware::from_fn(telemetry::track))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_log::span)
                .on_response(request_log::answered)
                .on_failure(()),
        )
        .layer(axum::middleware::from_fn(request_log::request_id))
        .with_state(state))
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
        .chain([health::LIVE, health::READY, telemetry::PATH].map(str::to_string))
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
