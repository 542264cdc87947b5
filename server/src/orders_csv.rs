//! `/dasbor/pesanan.csv`: the logged-in seller's orders as a CSV download.
use app::dashboard::orders::csv;
use app::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

pub async fn export(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let seller = match app::cookie::find(&headers, app::auth::session::COOKIE_NAME) {
        Some(token) => app::auth::queries::session_seller(&state.pool, &token).await,
        None => Ok(None),
    };
    let seller = match seller {
        Ok(Some(seller)) => seller,
        Ok(None) => return Redirect::to("/masuk").into_response(),
        Err(err) => return failed(err),
    };
    let rows = match app::orders::queries::export(&state.pool, seller.bumdes_id).await {
        Ok(rows) => rows,
        Err(err) => return failed(err),
    };
    let file = format!(
        "attachment; filename=\"pesanan-{}.csv\"",
        seller.bumdes_slug
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        csv::document(&rows),
    )
        .into_response()
}

fn failed(err: sqlx::Error) -> Response {
    tracing::error!("orders csv: {err}");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}
