//! Absolute addresses of pages and pictures, for canonical links, OpenGraph, sharing and the sitemap.

/// `path` (starting with `/`) under the site's public address.
pub fn absolute_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = leptos::prelude::use_context::<crate::state::AppState>() {
        return format!("{}{path}", state.public_url);
    }
    path.to_string()
}
