//! The open data API's answers, thin over `app::open_data`: each reads its parameters leniently and
//! answers JSON, or the problem as JSON in the asker's language.
use app::open_data::params::{
    BumdesParams, PeriodParams, ProductsParams, Raw, RegionsParams, is_region_code,
};
use app::open_data::problem::Problem;
use app::open_data::queries;
use app::open_data::schema::{
    ApiError, BumdesList, ProductDetail, ProductList, Region, RegionList,
};
use app::state::AppState;
use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

fn answer<T: Serialize>(headers: &HeaderMap, result: Result<T, Problem>) -> Response {
    match result {
        Ok(body) => Json(body).into_response(),
        Err(problem) => refused(headers, problem),
    }
}

/// A problem's status and JSON, with the seconds to wait when it is the rate limit.
pub fn refused(headers: &HeaderMap, problem: Problem) -> Response {
    let body = problem.body(crate::refusal::locale_of(headers));
    let mut response = (problem.status(), Json(body)).into_response();
    // The message is in the asker's language.
    (response.headers_mut()).append(header::VARY, HeaderValue::from_static("Accept-Language"));
    let wait = match problem {
        Problem::RateLimited { seconds } => Some(seconds),
        Problem::Unavailable => Some(5),
        _ => None,
    };
    if let Some(seconds) = wait {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

// Each annotation names what its operation answers of its own; every operation's ETag, 304 and 429 are
// added to the document by `document::Shared`.

/// Products buyers can order: the search page's filters under English names, in windows.
#[utoipa::path(
    get,
    path = "/api/v1/products",
    tag = "products",
    params(ProductsParams),
    responses(
        (status = 200, description = "A window of matching products.", body = ProductList),
        (status = 400, description = "A parameter's value is refused.", body = ApiError),
    )
)]
pub async fn products(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let list = async {
        let params = ProductsParams::read(&Raw::new(raw.as_deref()))?;
        queries::search(&state.pool, &state.search, &state.public_url, &params).await
    };
    answer(&headers, list.await)
}

/// One product buyers can order, by its slug.
#[utoipa::path(
    get,
    path = "/api/v1/products/{slug}",
    tag = "products",
    params(("slug" = String, Path, description = "The product's slug, as in its page's address /p/{slug}.")),
    responses(
        (status = 200, description = "The product.", body = ProductDetail),
        (status = 404, description = "No product buyers can see has this slug.", body = ApiError),
    )
)]
pub async fn product(
    State(state): State<AppState>,
    headers: HeaderMap,
    slug: Result<Path<String>, PathRejection>,
) -> Response {
    let found = async {
        let slug = slug.map_err(|_| Problem::NotFound)?.0;
        // Slugs are lower-case letters, digits and hyphens: anything else is no product's.
        if !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(Problem::NotFound);
        }
        (queries::product(&state.pool, &state.public_url, &slug).await?).ok_or(Problem::NotFound)
    };
    answer(&headers, found.await)
}

/// Verified BUMDes, oldest first, in windows.
#[utoipa::path(
    get,
    path = "/api/v1/bumdes",
    tag = "bumdes",
    params(BumdesParams),
    responses(
        (status = 200, description = "A window of verified BUMDes.", body = BumdesList),
        (status = 400, description = "A parameter's value is refused.", body = ApiError),
    )
)]
pub async fn bumdes(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let list = async {
        let params = BumdesParams::read(&Raw::new(raw.as_deref()))?;
        let limit = params
            .limit
            .unwrap_or(app::open_data::params::DEFAULT_LIMIT) as usize;
        let (items, next) = queries::verified_bumdes(
            &state.pool,
            &state.public_url,
            params.region.as_deref(),
            params.after(),
            limit,
        )
        .await?;
        Ok::<_, Problem>(BumdesList {
            items,
            next_cursor: next.map(|id| id.to_string()),
        })
    };
    answer(&headers, list.await)
}

/// The regions inside one, or the provinces, with the programme's figures.
#[utoipa::path(
    get,
    path = "/api/v1/regions",
    tag = "coverage",
    params(RegionsParams),
    responses(
        (status = 200, description = "The regions with their figures.", body = RegionList),
        (status = 400, description = "A parameter's value is refused.", body = ApiError),
        (status = 404, description = "There is no such region.", body = ApiError),
    )
)]
pub async fn regions(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let list = async {
        let params = RegionsParams::read(&Raw::new(raw.as_deref()))?;
        let period = params.period.unwrap_or_default().period();
        let parent = params.parent.as_deref();
        (queries::regions_in(&state.pool, &state.public_url, parent, period).await?)
            .ok_or(Problem::NotFound)
    };
    answer(&headers, list.await)
}

/// One region's figures.
#[utoipa::path(
    get,
    path = "/api/v1/regions/{code}",
    tag = "coverage",
    params(
        ("code" = String, Path, description = "A Kemendagri code: province, regency, district or village.",
         example = "52.04"),
        PeriodParams,
    ),
    responses(
        (status = 200, description = "The region with its figures.", body = Region),
        (status = 400, description = "A parameter's value is refused.", body = ApiError),
        (status = 404, description = "There is no such region.", body = ApiError),
    )
)]
pub async fn region(
    State(state): State<AppState>,
    headers: HeaderMap,
    code: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Response {
    let found = async {
        let code = code.map_err(|_| Problem::NotFound)?.0;
        if !is_region_code(&code) {
            return Err(Problem::NotFound);
        }
        let params = PeriodParams::read(&Raw::new(raw.as_deref()))?;
        let period = params.period.unwrap_or_default().period();
        (queries::region(&state.pool, &state.public_url, &code, period).await?)
            .ok_or(Problem::NotFound)
    };
    answer(&headers, found.await)
}

pub async fn not_found(headers: HeaderMap) -> Response {
    refused(&headers, Problem::NotFound)
}

pub async fn method_not_allowed(headers: HeaderMap) -> Response {
    let mut response = refused(&headers, Problem::MethodNotAllowed);
    response.headers_mut().insert(
        header::ALLOW,
        HeaderValue::from_static("GET, HEAD, OPTIONS"),
    );
    response
}
