//! An order's status: a badge, and the timeline of the steps it went through.
use leptos::prelude::*;

use super::OrderEvent;
use crate::i18n::*;

pub fn status_text(i18n: leptos_i18n::I18nContext<Locale>, status: &str) -> String {
    match status {
        "new" => t_string!(i18n, status_new),
        "paid" => t_string!(i18n, status_paid),
        "shipped" => t_string!(i18n, status_shipped),
        "done" => t_string!(i18n, status_done),
        "expired" => t_string!(i18n, status_expired),
        _ => t_string!(i18n, status_cancelled),
    }
    .to_string()
}

#[component]
pub fn StatusBadge(status: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("status status-{status}") data-testid="order-status" data-status=status.clone()>
            {status_text(i18n, &status)}
        </span>
    }
}

/// The four steps of an order, each with when it was reached; a cancelled or expired order ends where
/// it stopped.
#[component]
pub fn Timeline(events: Vec<OrderEvent>) -> impl IntoView {
    let i18n = use_i18n();
    let cancelled = (events.iter())
        .find(|e| e.status == "cancelled" || e.status == "expired")
        .cloned();
    let was_cancelled = cancelled.is_some();
    let steps = ["new", "paid", "shipped", "done"]
        .into_iter()
        .filter_map(|status| {
            let at = events
                .iter()
                .find(|e| e.status == status)
                .map(|e| e.at.clone());
            // After a cancellation only the steps reached count.
            if was_cancelled && at.is_none() {
                return None;
            }
            Some((status.to_string(), at))
        })
        .chain(cancelled.map(|e| (e.status, Some(e.at))));
    view! {
        <ol class="timeline" data-testid="timeline">
            {steps.map(|(status, at)| {
                let reached = at.is_some();
                view! {
                    <li class:reached=reached data-status=status.clone() data-reached=reached.to_string()>
                        <strong>{status_text(i18n, &status)}</strong>
                        {at.map(|at| view! { " " <time>{at}</time> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
