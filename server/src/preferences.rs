//! The footer's switches, plain links that work without JavaScript: each sets a cookie, then goes back.
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

const LOCALES: [&str; 2] = ["id", "en"];
/// leptos_i18n's cookie.
const LANGUAGE_COOKIE: &str = "i18n_pref_locale";

#[derive(Deserialize)]
pub struct Back {
    kembali: Option<String>,
}

/// `/bahasa/{id|en}`.
pub async fn language(Path(lang): Path<String>, Query(back): Query<Back>) -> Response {
    remember(LANGUAGE_COOKIE, &lang, &LOCALES, back)
}

/// `/hemat-data/{1|0}`: data-saver mode on or off, whatever the browser's `Save-Data` says.
pub async fn data_saver(Path(choice): Path<String>, Query(back): Query<Back>) -> Response {
    remember(app::saver::COOKIE_NAME, &choice, &["1", "0"], back)
}

fn remember(cookie: &str, value: &str, allowed: &[&str], back: Back) -> Response {
    if !allowed.contains(&value) {
        return (
            StatusCode::NOT_FOUND,
            "Pilihan tidak tersedia / Choice not available",
        )
            .into_response();
    }
    let target = back
        .kembali
        .filter(|path| is_local_path(path))
        .unwrap_or_else(|| "/".into());
    let mut response = Redirect::to(&header_safe(&target)).into_response();
    let cookie = format!("{cookie}={value}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("ASCII cookie"),
    );
    response
}

/// The path with spaces, controls and non-ASCII letters percent-encoded, as a Location header needs.
fn header_safe(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_graphic() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Only paths on this site, so that the link cannot send users elsewhere.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
}

#[cfg(test)]
mod tests {
    #[test]
    fn redirects_only_within_the_site() {
        assert!(super::is_local_path("/p/kopi-gayo"));
        assert!(!super::is_local_path("//evil.example"));
        assert!(!super::is_local_path("https://evil.example"));
        assert!(!super::is_local_path("/\\evil.example"));
    }

    #[test]
    fn encodes_what_a_location_header_cannot_carry() {
        assert_eq!(
            super::header_safe("/cari?q=émping gayo"),
            "/cari?q=%C3%A9mping%20gayo"
        );
    }
}
