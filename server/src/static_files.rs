//! The built site's files (`target/site`: `/pkg/…`, the icons, the manifest), each with its
//! precompressed copies; anything else is the 404 page. Leptos's own file handler answers a file from
//! inside a reactive owner made under whatever owner the worker thread last had, so a file answered
//! while a page rendered on that thread took that page's response headers (its
//! Content-Security-Policy, even a cookie meant for another visitor). Here no reactive code touches a
//! file.
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

pub async fn or_not_found(State(state): State<AppState>, uri: Uri, request: Request) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        let (parts, body) = request.into_parts();
        let files = ServeDir::new(&*state.leptos_options.site_root)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false);
        let found = files
            .oneshot(Request::from_parts(parts.clone(), Body::empty()))
            .await;
        match found {
            Ok(file) if file.status() != StatusCode::NOT_FOUND => {
                return file.map(Body::new).into_response();
            }
            _ => return not_found(state, uri, Request::from_parts(parts, body)).await,
        }
    }
    not_found(state, uri, request).await
}

/// Leptos's handler, for the 404 page alone: the file it looks for first is not there.
async fn not_found(state: AppState, uri: Uri, request: Request) -> Response {
    leptos_axum::file_and_error_handler::<AppState, _>(app::shell::shell)(
        uri,
        State(state),
        request,
    )
    .await
}
