//! Data-saver mode: asked for by the browser (`Save-Data: on`) or by the buyer with the footer's switch,
//! whose cookie wins over the header. Pages then show the smallest pictures, loaded only when tapped,
//! and the footer tells how many bytes the page took.
pub const COOKIE_NAME: &str = "lumbung_hemat";

/// Whether these request headers ask for data-saver mode.
pub fn wanted(headers: &http::HeaderMap) -> bool {
    #[cfg(feature = "ssr")]
    if let Some(choice) = crate::cookie::find(headers, COOKIE_NAME) {
        return choice == "1";
    }
    headers
        .get("save-data")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("on"))
}

/// Whether the page being rendered is in data-saver mode (always false in the browser, where only
/// islands run and get what they need as props).
pub fn on() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .is_some_and(|request| wanted(&request.headers))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> http::HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    http::HeaderName::from_static(name),
                    http::HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    #[test]
    fn the_buyers_choice_wins_over_the_browsers_header() {
        assert!(!wanted(&headers(&[])));
        assert!(wanted(&headers(&[("save-data", "on")])));
        assert!(!wanted(&headers(&[("save-data", "off")])));
        assert!(wanted(&headers(&[("cookie", "lumbung_hemat=1")])));
        assert!(!wanted(&headers(&[
            ("save-data", "on"),
            ("cookie", "a=b; lumbung_hemat=0")
        ])));
    }
}
