//! Pages for what cannot be shown: a missing page (404), a failure on our side, and a page the phone
//! has not kept when there is no connection.
use leptos::prelude::*;
use leptos_meta::Meta;

use crate::error::{AppError, set_page_status};
use crate::i18n::*;
use crate::raw_text::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    set_page_status(http::StatusCode::NOT_FOUND);
    let i18n = use_i18n();
    view! {
        <Message
            title=t_string!(i18n, not_found_title).to_string()
            body=t_string!(i18n, not_found_body).to_string()
        />
    }
}

/// Shows an error from a server function with its status: 404 as "not found", the rest as our fault.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    if error == AppError::NotFound {
        return view! { <NotFound /> }.into_any();
    }
    match &error {
        AppError::Throttled { seconds, .. } => crate::error::set_retry_after(*seconds),
        _ => set_page_status(error.status()),
    }
    let i18n = use_i18n();
    let title = match error {
        AppError::Forbidden => t_string!(i18n, forbidden_title),
        AppError::Internal => t_string!(i18n, error_title),
        _ => t_string!(i18n, error_refused_title),
    };
    view! { <Message title=title.to_string() body=error.message(i18n) /> }.into_any()
}

#[component]
pub fn Message(title: String, body: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=title.clone() />
        <section class="message">
            <h1>{title}</h1>
            <p>{body}</p>
            <a href="/">{t!(i18n, back_home)}</a>
        </section>
    }
}

/// Kept by the service worker at install, and shown in place of a page it has not kept when offline;
/// "try again" reloads the address asked for, which stays in the address bar.
#[component]
pub fn OfflinePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, offline_title).to_string() />
        <Meta name="robots" content="noindex" />
        <section class="message" data-testid="offline-page">
            <h1>{t!(i18n, offline_title)}</h1>
            <p>{t!(i18n, offline_body)}</p>
            <p>
                <a class="button primary" href="">{t!(i18n, offline_retry)}</a>
            </p>
            <p>
                <a href="/">{t!(i18n, back_home)}</a>
                " · "
                <a href="/keranjang">{t!(i18n, cart)}</a>
            </p>
        </section>
    }
}
