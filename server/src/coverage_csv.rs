//! `/petugas/cakupan.csv` and `/petugas/wilayah/{code}/cakupan.csv`: the coverage table of the
//! official's region, or of one inside it, as a CSV download.
use app::coverage::csv;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};

#[derive(serde::Deserialize)]
pub struct Choice {
    #[serde(default)]
    periode: String,
}

pub async fn own_region(
    state: State<AppState>,
    headers: HeaderMap,
    choice: Query<Choice>,
) -> Response {
    export(state, headers, String::new(), choice).await
}

pub async fn region(
    state: State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    choice: Query<Choice>,
) -> Response {
    export(state, headers, code, choice).await
}

async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    code: String,
    Query(choice): Query<Choice>,
) -> Response {
    let token = app::cookie::find(&headers, app::auth::session::COOKIE_NAME);
    let me = match app::officials::session::official_of(&state.pool, token).await {
        Ok(me) => me,
        Err(AppError::Unauthorized) => return Redirect::to(app::officials::LOGIN).into_response(),
        Err(err) => return crate::refusal::failed_download(&headers, err),
    };
    let coverage =
        match app::coverage::coverage_of(&state.pool, &me, &code, &choice.periode, "").await {
            Ok(coverage) => coverage,
            Err(err) => return crate::refusal::failed_download(&headers, err),
        };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", csv::file_name(&coverage)),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        csv::document(&coverage),
    )
        .into_response()
}
