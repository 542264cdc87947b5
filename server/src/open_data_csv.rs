//! `/data/cakupan-{level}.csv`: the coverage of every province, regency, district or village, for
//! anyone (the open data page links them), revalidated by ETag.
use app::error::AppError;
use app::open_data::{BULK_LEVELS, bulk_path};
use app::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

pub async fn file(
    State(state): State<AppState>,
    file: Result<Path<String>, PathRejection>,
    request: Request,
) -> Response {
    let headers = request.headers();
    let wanted = file
        .map(|Path(file)| format!("/data/{file}"))
        .unwrap_or_default();
    let Some((name, level)) = BULK_LEVELS
        .into_iter()
        .find(|(name, _)| bulk_path(name) == wanted)
    else {
        return crate::refusal::failed_download(headers, AppError::NotFound);
    };
    let document = match app::open_data::bulk::document(&state.pool, level).await {
        Ok(document) => document,
        Err(err) => {
            tracing::error!("coverage CSV of {level}: {err}");
            return crate::refusal::failed_download(headers, AppError::Internal);
        }
    };
    let if_none_match = headers.get(header::IF_NONE_MATCH).cloned();
    let response = ([
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        ),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&format!("attachment; filename=\"cakupan-{name}.csv\""))
                .expect("the names are ASCII"),
        ),
        (
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ),
    ],)
        .into_response();
    // The villages' file is over the 4 MiB a page may be: tagged from the document itself. The figures
    // are recounted every few minutes.
    let (parts, _) = response.into_parts();
    let bytes = axum::body::Bytes::from(document.as_str().to_owned());
    crate::caching::tagged(parts, bytes, if_none_match, "public, max-age=300", None)
}
