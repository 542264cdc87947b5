//! The frame around every page: header with the cart, footer with the language switch.
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::cart::CartBadge;
use crate::i18n::*;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                {t!(i18n, site_name)}
            </a>
            <CartBadge label=t_string!(i18n, cart).to_string() />
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let here = use_location().pathname.get_untracked();
    // The switch is a plain link to a server route that sets the cookie: it works without JavaScript.
    let switch = move |lang: &str| format!("/bahasa/{lang}?kembali={here}");
    view! {
        <footer class="site-footer">
            <p>{t!(i18n, tagline)}</p>
            <nav aria-label=t_string!(i18n, language)>
                <a href=switch("id") hreflang="id" lang="id">
                    "Bahasa Indonesia"
                </a>
                " · "
                <a href=switch("en") hreflang="en" lang="en">
                    "English"
                </a>
            </nav>
        </footer>
    }
}
