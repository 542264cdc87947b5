//! `/petugas/cakupan.csv` and `/petugas/wilayah/{code}/cakupan.csv`: the coverage table of the
//! official's region, or of one inside it, as a CSV download.
use app::coverage::csv;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};

pub async fn own_region(state: State<AppState>, headers: HeaderMap, query: RawQuery) -> Response {
    export(state, headers, String::new(), query).await
}

pub async fn region(
    state: State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    query: RawQuery,
) -> Response {
    export(state, headers, code, query).await
}

/// `?periode=` as typed, read leniently (a repeated or odd field is no extractor's English 400): the
/// page's own check then refuses what it does not offer, in words.
fn period(query: Option<String>) -> String {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(field, _)| field == "periode")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    code: String,
    RawQuery(query): RawQuery,
) -> Response {
    let token = app::cookie::find(&headers, app::auth::session::COOKIE_NAME);
    let me = match app::officials::session::official_of(&state.pool, token).await {
        Ok(me) => me,
        Err(AppError::Unauthorized) => return Redirect::to(app::officials::LOGIN).into_response(),
        Err(err) => return crate::refusal::failed_download(&headers, err),
    };
    let coverage =
        match app::coverage::coverage_of(&state.pool, &me, &code, &period(query), "").await {
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
