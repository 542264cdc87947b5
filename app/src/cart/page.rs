//! The cart page and the server functions that change the server's copy of the cart. Its forms are
//! plain posts, so they work without JavaScript; with it, the browser's copy follows on the next page.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Meta;

use super::{CartItem, by_bumdes};
use crate::catalogue::{Loading, Picture};
use crate::error::AppError;
use crate::i18n::*;
use crate::money::rupiah;
use crate::not_found::ErrorPage;
use crate::raw_text::Title;

/// The most of one product a cart holds, and an order takes: unpaid orders hold stock until they expire,
/// so no one order may take a village's whole harvest.
pub const MAX_QUANTITY: u32 = 100;

/// A typed quantity, within bounds; anything unreadable counts as one.
#[cfg(feature = "ssr")]
fn quantity(typed: &str, min: u32) -> u32 {
    typed
        .trim()
        .parse::<u32>()
        .unwrap_or(1)
        .clamp(min, MAX_QUANTITY)
}

/// Changes the server's copy of the cart; returns its new revision.
#[cfg(feature = "ssr")]
async fn change_cart(change: impl FnOnce(&str) -> String) -> Result<i64, AppError> {
    let token = super::guest::ensure().await?;
    let pool = crate::state::pool();
    let cart = change(&super::queries::cart(&pool, &token).await?.0);
    if cart.len() > super::storage::MAX_TEXT {
        return Err(AppError::Invalid(Default::default()));
    }
    Ok(super::queries::set_cart(&pool, &token, &cart).await?)
}

/// The product page's form without JavaScript.
#[server(endpoint = "cart_add")]
pub async fn cart_add(slug: String, quantity: String) -> Result<(), AppError> {
    let wanted = self::quantity(&quantity, 1);
    change_cart(|cart| super::storage::with_added(cart, &slug, wanted)).await?;
    leptos_axum::redirect("/keranjang");
    Ok(())
}

/// A new quantity for one line; 0 removes it.
#[server(endpoint = "cart_set")]
pub async fn cart_set(slug: String, quantity: String) -> Result<(), AppError> {
    let wanted = self::quantity(&quantity, 0);
    change_cart(|cart| super::storage::with_quantity(cart, &slug, wanted)).await?;
    leptos_axum::redirect("/keranjang");
    Ok(())
}

/// The browser's copy of the cart, replacing the server's; returns the new revision.
#[server(endpoint = "cart_save")]
pub async fn cart_save(cart: String) -> Result<i64, AppError> {
    let clean = super::storage::serialize(&super::storage::parse(&cart));
    change_cart(|_| clean).await
}

/// The server's copy of the cart and its revision.
#[server(endpoint = "cart_text")]
pub async fn cart_text() -> Result<(String, i64), AppError> {
    super::guest::cart().await
}

#[server(endpoint = "cart_items")]
pub async fn cart_items() -> Result<Vec<CartItem>, AppError> {
    let cart = super::storage::parse(&super::guest::cart().await?.0);
    Ok(super::queries::items(&crate::state::pool(), &cart).await?)
}

#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    let items = Resource::new(|| (), |_| cart_items());
    view! {
        <Title text=t_string!(i18n, cart).to_string() />
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || Suspend::new(async move {
                match items.await {
                    Ok(items) => view! { <CartView items /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CartView(items: Vec<CartItem>) -> impl IntoView {
    let i18n = use_i18n();
    let total: i64 = items.iter().map(CartItem::total).sum();
    let body = if items.is_empty() {
        view! {
            <p data-testid="cart-empty">{t!(i18n, cart_empty)}</p>
            <p><a href="/">{t!(i18n, cart_browse)}</a></p>
        }
        .into_any()
    } else {
        view! {
            {by_bumdes(&items).into_iter().map(|(_, bumdes, items)| view! {
                <section class="cart-shop">
                    <h2>{bumdes}</h2>
                    <ul class="cart-lines">
                        {items.into_iter().map(|item| view! { <CartLine item /> }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
            <p class="cart-total">
                {t!(i18n, cart_total)} ": " <strong data-testid="cart-total">{rupiah(total)}</strong>
            </p>
            <p class="small">{t!(i18n, cart_shipping_later)}</p>
            <a class="button primary" href="/pesan" data-testid="to-checkout">{t!(i18n, cart_checkout)}</a>
        }
        .into_any()
    };
    // The cart badge reloads a page marked so after sending the browser's newer copy.
    view! {
        <section class="cart-page" data-cart-view="true">
            <h1>{t!(i18n, cart)}</h1>
            {body}
        </section>
    }
}

#[component]
fn CartLine(item: CartItem) -> impl IntoView {
    let i18n = use_i18n();
    let action = <CartSet as ServerFn>::url();
    let input_id = format!("qty-{}", item.slug);
    let short = (i64::from(item.quantity) > i64::from(item.stock)).then(|| {
        let text = if item.stock <= 0 {
            t_string!(i18n, out_of_stock).to_string()
        } else {
            format!("{} {}", t_string!(i18n, cart_stock_left), item.stock)
        };
        view! { <p class="field-problem" data-testid="stock-warning">{text}</p> }
    });
    view! {
        <li class="cart-line" data-testid="cart-line" data-slug=item.slug.clone()>
            <Picture image_key=item.image_key.clone() alt=String::new() width=80 height=60 fallback=160 sizes="80px"
                loading=Loading::Lazy />
            <div>
                <a href=format!("/p/{}", item.slug)>{item.name.clone()}</a>
                <p class="small">{rupiah(item.price)} " / " {item.unit.clone()}</p>
                {short}
                <form method="post" action=action class="inline">
                    <input type="hidden" name="slug" value=item.slug.clone() />
                    <label for=input_id.clone()>{t!(i18n, quantity)}</label>
                    <input id=input_id type="number" name="quantity" min="0" max=MAX_QUANTITY
                        value=item.quantity inputmode="numeric" data-testid="line-quantity" />
                    <button type="submit" class="secondary">{t!(i18n, cart_update)}</button>
                </form>
                <form method="post" action=action class="inline">
                    <input type="hidden" name="slug" value=item.slug.clone() />
                    <input type="hidden" name="quantity" value="0" />
                    <button type="submit" class="secondary" data-testid="remove-line">{t!(i18n, cart_remove)}</button>
                </form>
            </div>
            <p class="line-total" data-testid="line-total">{rupiah(item.total())}</p>
        </li>
    }
}
