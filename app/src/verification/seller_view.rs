//! What the seller's dashboard says of their verification: the state, the reason of a rejection with
//! the way back into the queue, and every decision made about their BUMDes.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::Event;
use super::decide::ResubmitVerification;
use crate::auth::Seller;
use crate::auth::widgets::{FormError, sent_back};
use crate::i18n::*;

#[component]
pub fn VerificationStatus(seller: Seller, history: Vec<Event>) -> impl IntoView {
    let i18n = use_i18n();
    let asked = use_query_map().with_untracked(|q| q.get("diajukan").is_some());
    let resubmit = ServerAction::<ResubmitVerification>::new();
    let (_, error) = sent_back(resubmit.value().get_untracked());
    // Both a rejection and a revocation say why and let the owner ask again.
    let rejected = matches!(seller.verification.as_str(), "rejected" | "revoked");
    let (status, class) = super::dossier::state_text(i18n, &seller.verification);
    let explain = match seller.verification.as_str() {
        "verified" => t_string!(i18n, status_verified_explain),
        "rejected" => t_string!(i18n, status_rejected_explain),
        "revoked" => t_string!(i18n, status_revoked_explain),
        _ => t_string!(i18n, status_pending_explain),
    };
    // The reason of the newest rejection or revocation.
    let reason = (rejected.then(|| history.iter().find_map(|e| e.reason.clone()))).flatten();
    let ask_again = (rejected && seller.role == "owner").then(|| {
        view! {
            <ActionForm action=resubmit>
                <button type="submit" class="primary">{t!(i18n, verification_ask_again)}</button>
            </ActionForm>
        }
    });
    let events = (history.into_iter())
        .map(|event| view! { <EventItem event /> })
        .collect_view();
    view! {
        {asked.then(|| view! { <p class="notice" role="status">{t!(i18n, verification_asked)}</p> })}
        <p class=class data-testid="verification">{status}</p>
        <p>{explain}</p>
        {reason.map(|reason| view! {
            <p data-testid="rejection-reason">{t!(i18n, verification_reason)} " " <q>{reason}</q></p>
        })}
        <FormError error />
        {ask_again}
        <details class="history" data-testid="verification-history">
            <summary>{t!(i18n, verification_history)}</summary>
            <ul class="tasks">{events}</ul>
        </details>
    }
}

/// "02-12-2026 09:15 · Ditolak oleh Budi (DPMD Kabupaten Sumbawa): …"
#[component]
pub fn EventItem(event: Event) -> impl IntoView {
    let i18n = use_i18n();
    let what = match event.action.as_str() {
        "verify" => t_string!(i18n, event_verify),
        "reject" => t_string!(i18n, event_reject),
        "revoke" => t_string!(i18n, event_revoke),
        _ => t_string!(i18n, event_resubmit),
    };
    view! {
        <li data-testid="verification-event">
            <span>
                <small>{event.at}</small><br />
                {what} " " {event.actor} " (" {event.office} ")"
                {event.reason.map(|reason| view! { ": " <q>{reason}</q> })}
            </span>
        </li>
    }
}
