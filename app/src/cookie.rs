//! Reading and writing this site's cookies on the server: HttpOnly so scripts cannot read them,
//! SameSite=Lax so other sites cannot post with them, Secure when the site is served over https.
use http::header::{COOKIE, SET_COOKIE};
use http::{HeaderValue, request::Parts};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::state::AppState;

/// The value of the cookie `name` the browser sent, if any.
pub fn read(name: &str) -> Option<String> {
    find(&use_context::<Parts>()?.headers, name)
}

/// The value of the cookie `name` in these request headers.
pub fn find(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value.to_string())
}

/// Sets (or, with a `max_age` of 0, removes) the cookie `name` on the response.
pub fn write(name: &str, value: &str, max_age: u32) {
    let state = expect_context::<AppState>();
    let secure = if state.public_url.starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    let cookie =
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    if let Ok(header) = HeaderValue::from_str(&cookie) {
        expect_context::<ResponseOptions>().append_header(SET_COOKIE, header);
    }
}
