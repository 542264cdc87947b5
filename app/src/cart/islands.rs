//! The interactive parts of buyers' pages: the only code that ships to the browser.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::storage;

/// Texts for [`AddToCart`], translated on the server so the browser bundle carries no translations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddToCartLabels {
    pub quantity: String,
    pub decrease: String,
    pub increase: String,
    pub add: String,
    pub added: String,
}

/// Marks an island's root once it runs in the browser, so tests can wait for hydration.
fn hydrated_marker() -> impl Fn() -> Option<&'static str> + Copy {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    move || hydrated.get().then_some("true")
}

/// A quantity stepper bounded by the stock, and a button that puts that many in the cart.
#[island]
pub fn AddToCart(slug: String, stock: u32, labels: AddToCartLabels) -> impl IntoView {
    let hydrated = hydrated_marker();
    let quantity = RwSignal::new(1u32.min(stock));
    let added = RwSignal::new(false);
    let add = move |_| {
        storage::add(&slug, quantity.get_untracked());
        added.set(true);
    };
    view! {
        <div class="add-to-cart" data-hydrated=hydrated>
            <span id="quantity-label" class="label">{labels.quantity}</span>
            <div class="stepper" role="group" aria-labelledby="quantity-label">
                <button
                    type="button"
                    aria-label=labels.decrease
                    disabled=move || { quantity.get() <= 1 }
                    on:click=move |_| quantity.update(|q| *q = q.saturating_sub(1).max(1))
                >
                    "−"
                </button>
                <output aria-live="polite" data-testid="quantity">{quantity}</output>
                <button
                    type="button"
                    aria-label=labels.increase
                    disabled=move || { quantity.get() >= stock }
                    on:click=move |_| quantity.update(|q| *q = (*q + 1).min(stock))
                >
                    "+"
                </button>
            </div>
            <button type="button" class="primary" disabled=stock == 0 on:click=add>
                {labels.add}
            </button>
            <p class="notice" role="status">{move || added.get().then(|| labels.added.clone())}</p>
        </div>
    }
}

/// The number of items in the cart, kept up to date as islands on the page add to it.
#[island]
pub fn CartBadge(label: String) -> impl IntoView {
    let hydrated = hydrated_marker();
    let count = RwSignal::new(0u32);
    Effect::new(move |_| count.set(storage::total(&storage::load())));
    let refresh = move |_| count.set(storage::total(&storage::load()));
    let on_change = window_event_listener_untyped(storage::CHANGED_EVENT, refresh);
    // Another tab changed the cart.
    let on_storage = window_event_listener_untyped("storage", refresh);
    on_cleanup(move || {
        on_change.remove();
        on_storage.remove();
    });
    view! {
        <span class="cart" data-hydrated=hydrated>
            {label}
            " "
            <span class="badge" data-testid="cart-count" hidden=move || count.get() == 0>
                {count}
            </span>
        </span>
    }
}
