//! The real router over a `#[sqlx::test]` database, driven request by request with tower's `oneshot`:
//! for tests of what only the assembled server does (statuses, headers, the Origin check, sessions).
use std::sync::Arc;

use app::catalogue::search::index::SearchIndex;
use app::state::AppState;
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use tower::ServiceExt;

/// The address tests say the site has: the Origin its own pages send.
pub const SITE: &str = "http://lumbung.test";

pub struct TestApp {
    router: Router,
    /// Where the media store keeps pictures (a folder of the test's own).
    pub media_dir: std::path::PathBuf,
}

/// What the server answered, its body read whole.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: impl header::AsHeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl TestApp {
    pub async fn new(pool: PgPool) -> Self {
        Self::with_limits(pool, 256, crate::load_shed::TIME_LIMIT).await
    }

    /// With at most `most_in_flight` requests served at once, each within `time_limit`.
    pub async fn with_limits(
        pool: PgPool,
        most_in_flight: usize,
        time_limit: std::time::Duration,
    ) -> Self {
        // The source folder stands in for the built site: it holds the service worker and the icons,
        // and without hashed names nothing asks for the build's list of them.
        let site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../public");
        let leptos_options = LeptosOptions::builder()
            .output_name("lumbung")
            .site_root(site_root)
            .build();
        let media_dir = std::env::temp_dir().join(format!(
            "lumbung-http-test-{}-{}",
            std::process::id(),
            app::random::hex(8).unwrap()
        ));
        let state = AppState {
            pool: pool.clone(),
            leptos_options,
            public_url: SITE.to_string(),
            search: Arc::new(SearchIndex::load(&pool).await.unwrap()),
            media: app::media::Media::local(&media_dir).unwrap(),
            views: Arc::default(),
            trusted_proxies: 0,
            limit_scale: 1,
        };
        let layout = crate::http::Layout {
            metrics: true,
            most_in_flight,
            time_limit,
        };
        let router = crate::http::router(state, layout).await.unwrap();
        Self { router, media_dir }
    }

    /// Drives another router (the health door) the same way.
    pub fn around(router: Router) -> Self {
        Self {
            router,
            media_dir: std::env::temp_dir(),
        }
    }

    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// Sends `request` as if from 127.0.0.1.
    pub async fn send(&self, mut request: Request<Body>) -> Answer {
        let peer = std::net::SocketAddr::from(([127, 0, 0, 1], 40_000));
        request.extensions_mut().insert(ConnectInfo(peer));
        let response = self.router.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = to_bytes(body, 64 << 20).await.unwrap();
        Answer {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        self.send(with_headers(Request::get(path), headers, Body::empty()))
            .await
    }

    /// A form posted to `path`, with these headers (add `("origin", SITE)` to pass the Origin check).
    pub async fn post(&self, path: &str, form: &str, headers: &[(&str, &str)]) -> Answer {
        let request =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(with_headers(request, headers, Body::from(form.to_string())))
            .await
    }
}

fn with_headers(
    mut request: axum::http::request::Builder,
    headers: &[(&str, &str)],
    body: Body,
) -> Request<Body> {
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(body).unwrap()
}

/// The `cookie` header of a session for this account.
pub async fn session_cookie(pool: &PgPool, account: app::auth::queries::Account) -> String {
    let token = app::auth::queries::open_session(pool, account)
        .await
        .unwrap();
    format!("{}={token}", app::auth::session::COOKIE_NAME)
}
