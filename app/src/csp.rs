//! The Content-Security-Policy of pages: the second wall behind escaping. Scripts run only from this
//! site's files or with the nonce Leptos draws for each response, so a script that some text smuggled
//! into a page does not run. WebAssembly needs `'wasm-unsafe-eval'`; nothing needs `'unsafe-inline'`.

/// The policy for a page whose own inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// For everything else (pictures, CSV, JSON): nothing in it may run, even opened on its own.
pub const FILE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// The service worker's own script: what it may fetch.
pub const WORKER_POLICY: &str = "default-src 'self'; object-src 'none'; base-uri 'none'";

/// Sends the page policy with the nonce of the response being rendered.
#[cfg(feature = "ssr")]
pub fn send_page_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_policy(&nonce)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
