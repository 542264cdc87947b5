//! The buyers' sign that officials checked a BUMDes: "✓ Terverifikasi", the office that verified it and
//! the date, on cards, product pages and village pages.
use leptos::prelude::*;

use crate::i18n::*;

/// Nothing while `office` or `on` is missing: a BUMDes whose verification was revoked a moment ago.
#[component]
pub fn VerifiedBadge(office: Option<String>, on: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    office.zip(on).map(|(office, on)| {
        view! {
            <p class="verified" data-testid="verified-badge">
                <strong><span aria-hidden="true">"✓ "</span>{t!(i18n, status_verified)}</strong>
                " " <span>{t!(i18n, badge_verified_by)} " " {office} ", " {on}</span>
            </p>
        }
    })
}
