//! The interactive parts of buyers' pages: the only code that ships to the browser.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
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

/// Sends the browser's copy of the cart to the server; it stays pending when that fails (offline).
async fn send(text: String) -> bool {
    let Some(revision) = save_on_server(&text).await else {
        return false;
    };
    // Unless the cart changed again meanwhile: that change sends itself.
    if storage::load() == text {
        storage::store(&text, false);
        storage::set_revision(revision);
    }
    true
}

/// Posts the cart to `cart_save` as a form and reads the revision it answers. A plain request rather
/// than the server function's client keeps that client, and its error types, out of the browser bundle.
#[cfg(feature = "hydrate")]
async fn save_on_server(text: &str) -> Option<i64> {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("cart", text)
        .finish();
    let response = gloo_net::http::Request::post(<super::CartSave as ServerFn>::url())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .ok()?
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()?.trim().parse().ok()
}

/// Islands' event handlers and effects only run in the browser.
#[cfg(not(feature = "hydrate"))]
async fn save_on_server(_text: &str) -> Option<i64> {
    None
}

/// A quantity and a button that puts that many in the cart: a plain form to the server without
/// JavaScript; with it, the browser's cart, sent to the server in the background.
#[island]
pub fn AddToCart(slug: String, stock: u32, labels: AddToCartLabels) -> impl IntoView {
    let hydrated = hydrated_marker();
    let start = 1u32.min(stock);
    let quantity = RwSignal::new(start);
    let added = RwSignal::new(false);
    let add = {
        let slug = slug.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let text = storage::with_added(&storage::load(), &slug, quantity.get_untracked());
            storage::store(&text, true);
            leptos::task::spawn_local(async move {
                send(text).await;
            });
            added.set(true);
        }
    };
    let typed = move |event: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&event).trim().parse::<u32>() {
            quantity.set(n.clamp(1, stock.max(1)));
        }
    };
    let action = <super::CartAdd as ServerFn>::url();
    view! {
        <form
            class="add-to-cart"
            method="post"
            action=action
            data-hydrated=hydrated
            on:submit=add
        >
            <input type="hidden" name="slug" value=slug />
            <label for="quantity" class="label">{labels.quantity}</label>
            <div class="stepper">
                <button
                    type="button"
                    aria-label=labels.decrease
                    disabled=move || { quantity.get() <= 1 }
                    on:click=move |_| quantity.update(|q| *q = q.saturating_sub(1).max(1))
                >
                    "−"
                </button>
                <input
                    id="quantity"
                    name="quantity"
                    type="number"
                    min="1"
                    max=stock
                    inputmode="numeric"
                    value=start
                    prop:value=move || quantity.get().to_string()
                    on:change=typed
                    data-testid="quantity"
                />
                <button
                    type="button"
                    aria-label=labels.increase
                    disabled=move || { quantity.get() >= stock }
                    on:click=move |_| quantity.update(|q| *q = (*q + 1).min(stock))
                >
                    "+"
                </button>
            </div>
            <button type="submit" class="primary" disabled=stock == 0>
                {labels.add}
            </button>
            <p class="notice" role="status">{move || added.get().then(|| labels.added.clone())}</p>
        </form>
    }
}

/// Reloads a page showing the cart, so it shows the copy just sent.
fn reload_if_showing_cart() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let showing = window
        .document()
        .and_then(|doc| doc.query_selector("[data-cart-view]").ok().flatten())
        .is_some();
    if showing {
        let _ = window.location().reload();
    }
}

/// A link to the cart with its number of items. It also brings the two copies of the cart together by
/// the server's revision of it (`revision`, rendered with the page as `server`): a server copy newer
/// than the one this browser last matched (changed by a form without JavaScript, or emptied by an
/// order) replaces the browser's; changes this browser could not send yet (offline), or a page
/// rendered before this browser's last change arrived, send the browser's copy again.
#[island]
pub fn CartBadge(label: String, server: String, revision: i64) -> impl IntoView {
    let hydrated = hydrated_marker();
    let count = RwSignal::new(storage::total(&server));
    Effect::new(move |_| {
        if storage::pending() || revision < storage::revision() {
            leptos::task::spawn_local(async move {
                if send(storage::load()).await {
                    reload_if_showing_cart();
                }
            });
        } else if revision > storage::revision() || storage::load() != server {
            storage::store(&server, false);
            storage::set_revision(revision);
        }
        count.set(storage::total(&storage::load()));
    });
    let refresh = move |_| count.set(storage::total(&storage::load()));
    let on_change = window_event_listener_untyped(storage::CHANGED_EVENT, refresh);
    // Another tab changed the cart.
    let on_storage = window_event_listener_untyped("storage", refresh);
    on_cleanup(move || {
        on_change.remove();
        on_storage.remove();
    });
    view! {
        <a class="cart" href="/keranjang" data-hydrated=hydrated>
            {label}
            " "
            <span class="badge" data-testid="cart-count" hidden=move || count.get() == 0>
                {count}
            </span>
        </a>
    }
}
