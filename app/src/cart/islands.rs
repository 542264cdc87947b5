//! The cart's islands: adding a product, and the header's link with the number of items.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use super::storage;
use crate::i18n::*;
use crate::island::{find, handler_element, hydrated};

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
#[component]
pub fn AddToCartForm(slug: String, stock: u32) -> impl IntoView {
    let i18n = use_i18n();
    let start = 1u32.min(stock);
    view! {
        <AddToCart>
            <input type="hidden" name="slug" value=slug />
            <label for="quantity" class="label">{t!(i18n, quantity)}</label>
            <div class="stepper">
                <button
                    type="button"
                    data-step="-1"
                    aria-label=t_string!(i18n, decrease)
                    disabled={ start <= 1 }
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
                    data-testid="quantity"
                />
                <button
                    type="button"
                    data-step="1"
                    aria-label=t_string!(i18n, increase)
                    disabled={ start >= stock }
                >
                    "+"
                </button>
            </div>
            <button type="submit" class="primary" disabled={ stock == 0 }>
                {t!(i18n, add_to_cart)}
            </button>
            <p class="notice" role="status" data-added=t_string!(i18n, added_to_cart)></p>
        </AddToCart>
    }
}

#[island]
fn AddToCart(children: Children) -> impl IntoView {
    let action = <super::CartAdd as ServerFn>::url();
    view! {
        <form
            class="add-to-cart"
            method="post"
            action=action
            data-hydrated=hydrated()
            on:submit=add
            on:click=step
            on:change=|event| {
                if let Some(form) = handler_element(&event) {
                    set_quantity(&form, |typed| typed);
                }
            }
        >
            {children()}
        </form>
    }
}

/// The stepper's buttons.
fn step(event: web_sys::MouseEvent) {
    let button = event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok())
        .and_then(|target| target.closest("[data-step]").ok().flatten());
    let step = button.and_then(|b| b.get_attribute("data-step")?.parse::<i64>().ok());
    if let (Some(step), Some(form)) = (step, handler_element(&event)) {
        set_quantity(&form, |quantity| quantity + step);
    }
}

/// Sets the quantity to `change` of the one shown, within 1 and the stock, and enables the stepper's
/// buttons that can still change it. Returns the quantity.
fn set_quantity(form: &Element, change: impl Fn(i64) -> i64) -> Option<u32> {
    let input = find::<HtmlInputElement>(form, "input[name=quantity]")?;
    let stock: i64 = input.max().parse().unwrap_or(0);
    let shown = input.value().trim().parse().unwrap_or(1);
    let quantity = change(shown).clamp(1, stock.max(1));
    input.set_value(&quantity.to_string());
    for (selector, stopped) in [
        ("[data-step='-1']", quantity <= 1),
        ("[data-step='1']", quantity >= stock),
    ] {
        if let Some(button) = find::<Element>(form, selector) {
            let _ = button.toggle_attribute_with_force("disabled", stopped);
        }
    }
    u32::try_from(quantity).ok()
}

fn add(event: web_sys::SubmitEvent) {
    let Some(form) = handler_element(&event) else {
        return;
    };
    let slug = find::<HtmlInputElement>(&form, "input[name=slug]").map(|input| input.value());
    let (Some(slug), Some(quantity)) = (slug, set_quantity(&form, |shown| shown)) else {
        return;
    };
    event.prevent_default();
    let text = storage::with_added(&storage::load(), &slug, quantity);
    storage::store(&text, true);
    leptos::task::spawn_local(async move {
        send(text).await;
    });
    if let Some(notice) = find::<Element>(&form, "[data-added]") {
        notice.set_text_content(notice.get_attribute("data-added").as_deref());
    }
}

/// Reloads a page showing the cart, so it shows the copy just sent: once for each revision, so that a
/// browser whose guest cookie does not stick (a new guest, revision 1, every request) is not reloaded
/// for ever.
fn reload_if_showing_cart() {
    const RELOADED_KEY: &str = "lumbung.cart.reloaded";
    let showing = document()
        .query_selector("[data-cart-view]")
        .ok()
        .flatten()
        .is_some();
    let Some(session) = window().session_storage().ok().flatten() else {
        return;
    };
    let revision = storage::revision().to_string();
    let reloaded = session.get_item(RELOADED_KEY).ok().flatten();
    if showing && reloaded.as_deref() != Some(revision.as_str()) {
        let _ = session.set_item(RELOADED_KEY, &revision);
        let _ = window().location().reload();
    }
}

/// A link to the cart with its number of items; `server` is the server's copy of the cart at its
/// `revision`.
#[component]
pub fn CartLink(server: String, revision: i64) -> impl IntoView {
    let i18n = use_i18n();
    let count = storage::total(&server);
    view! {
        <CartBadge>
            {t!(i18n, cart)}
            " "
            <span
                class="badge"
                data-testid="cart-count"
                data-cart=server
                data-revision=revision
                hidden={ count == 0 }
            >
                {count}
            </span>
        </CartBadge>
    }
}

/// Brings the two copies of the cart together by the server's revision of it: a server copy newer than
/// the one this browser last matched (changed by a form without JavaScript, or emptied by an order)
/// replaces the browser's; changes this browser could not send yet (offline), or a page rendered before
/// this browser's last change arrived, send the browser's copy again. Then counts the browser's copy.
#[island]
fn CartBadge(children: Children) -> impl IntoView {
    let link = NodeRef::<leptos::html::A>::new();
    Effect::new(move |_| {
        if let Some(badge) = link.get().and_then(|link| find::<Element>(&link, ".badge")) {
            start_counting(badge);
        }
    });
    view! {
        <a class="cart" href="/keranjang" data-hydrated=hydrated() node_ref=link>
            {children()}
        </a>
    }
}

fn start_counting(badge: Element) {
    let server = badge.get_attribute("data-cart").unwrap_or_default();
    let revision: i64 = badge
        .get_attribute("data-revision")
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
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
    let count = move |_| {
        let count = storage::total(&storage::load());
        badge.set_text_content(Some(&count.to_string()));
        let _ = badge.toggle_attribute_with_force("hidden", count == 0);
    };
    count(());
    // This tab or another one changed the cart. Islands stay as long as the page: so do the listeners.
    for event in [storage::CHANGED_EVENT, "storage"] {
        let count = count.clone();
        let _ = window_event_listener_untyped(event, move |_| count(()));
    }
}
