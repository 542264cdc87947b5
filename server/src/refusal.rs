//! Refusing a server function's request before it runs (too large, too many), so that each way of calling
//! it hears what it would have heard from the function itself: a form posted without JavaScript goes back
//! to its page with the error (the page says it in the visitor's language, and keeps what was typed);
//! any other caller gets the error's status and its JSON.
use app::error::AppError;
use app::form::FormProblems;
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::{FromServerFnError, ServerFnUrlError};

pub fn refuse(request: &Parts, error: AppError) -> Response {
    if let (false, AppError::Throttled { seconds, .. }) =
        (request.uri.path().starts_with("/api/"), &error)
    {
        return refused_page(request, *seconds);
    }
    let accepts_html = request
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let referer = request
        .headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let retry_after = match &error {
        AppError::Throttled { seconds, .. } => Some(HeaderValue::from(*seconds)),
        _ => None,
    };
    let status = error.status();
    let mut response = match referer {
        Some(mut back) if accepts_html => {
            ServerFnUrlError::<AppError>::strip_error_info(&mut back);
            match ServerFnUrlError::new(request.uri.path(), error).to_url(&back) {
                Ok(url) => {
                    (StatusCode::SEE_OTHER, [(header::LOCATION, url.to_string())]).into_response()
                }
                Err(_) => status.into_response(),
            }
        }
        _ => {
            let body = String::from_utf8(error.ser().to_vec()).unwrap_or_default();
            let mut response = (status, Body::from(body)).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            headers.insert("serverfnerror", HeaderValue::from_static("1"));
            response
        }
    };
    if let Some(seconds) = retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, seconds);
    }
    response
}

/// Requests to `/api/…` that name no server function (nor the open data API's `/api/v1/…`) (or use another method) are not found, in the
/// visitor's terms; the framework would answer 400 with a note for developers.
pub async fn known_functions(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let known = !path.starts_with("/api/")
        || app::open_data::is_api(path)
        || leptos::server_fn::axum::server_fn_paths()
            .any(|(known, method)| known == path && method == request.method());
    if known {
        return next.run(request).await;
    }
    let (parts, _) = request.into_parts();
    refuse(&parts, AppError::NotFound)
}

/// A page asked for too often: 429 with a page of its own, in the visitor's language (no page of the
/// site's renders for it: that is the work being refused).
fn refused_page(request: &Parts, seconds: u32) -> Response {
    let page = app::error::throttled_page(locale_of(&request.headers), seconds);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::RETRY_AFTER, HeaderValue::from(seconds)),
        ],
        page,
    )
        .into_response()
}

/// A download that failed: the error's status and a plain page in the visitor's language. Internal
/// errors were logged where they happened.
pub fn failed_download(headers: &axum::http::HeaderMap, error: AppError) -> Response {
    let page = app::error::plain_error_page(locale_of(headers), &error);
    (
        error.status(),
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        page,
    )
        .into_response()
}

/// The visitor's language: the footer's choice (leptos_i18n's cookie), else the browser's first.
pub fn locale_of(headers: &axum::http::HeaderMap) -> app::i18n::Locale {
    let chosen = app::cookie::find(headers, "i18n_pref_locale");
    let browser = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim_start().to_ascii_lowercase());
    let english = match chosen.as_deref() {
        Some(lang) => lang == "en",
        None => browser.is_some_and(|v| v.starts_with("en")),
    };
    if english {
        app::i18n::Locale::en
    } else {
        app::i18n::Locale::id
    }
}

/// What a form body held, to send back with its refusal: every field but passwords.
pub fn typed(body: &[u8]) -> FormProblems {
    let mut form = FormProblems::default();
    for (field, value) in form_urlencoded::parse(body) {
        if !field.contains("password") && field != "current" {
            form.keep(&field, &value);
        }
    }
    form
}
