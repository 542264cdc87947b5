//! "Pesanan saya": the orders this browser placed or opened, kept under its guest cookie.
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use super::{OrderSummary, StatusBadge};
use crate::error::AppError;
use crate::i18n::*;
use crate::money::rupiah;
use crate::not_found::ErrorPage;
use crate::raw_text::Title;

#[server(endpoint = "my_orders")]
pub async fn my_orders() -> Result<Vec<OrderSummary>, AppError> {
    match crate::cart::guest::token() {
        Some(guest) => Ok(super::queries::guest_orders(&crate::state::pool(), &guest).await?),
        None => Ok(Vec::new()),
    }
}

#[component]
pub fn MyOrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let orders = Resource::new(|| (), |_| my_orders());
    let just_placed = use_query_map().with_untracked(|q| q.get("baru").is_some());
    view! {
        <Title text=t_string!(i18n, my_orders).to_string() />
        <Meta name="robots" content="noindex" />
        <section class="orders" data-testid="my-orders">
            <h1>{t!(i18n, my_orders)}</h1>
            {just_placed.then(|| view! {
                <p class="notice" role="status" data-testid="order-placed">{t!(i18n, orders_placed_many)}</p>
            })}
            <Suspense>
                {move || Suspend::new(async move {
                    match orders.await {
                        Ok(orders) if orders.is_empty() => view! { <p>{t!(i18n, my_orders_none)}</p> }.into_any(),
                        Ok(orders) => view! { <OrderList orders /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Orders as a list of links; shared with the seller's inbox.
#[component]
pub fn OrderList(orders: Vec<OrderSummary>) -> impl IntoView {
    view! {
        <ul class="order-list">
            {orders.into_iter().map(|o| view! {
                <li data-testid="order-row" data-number=o.number.clone()>
                    <a href=o.href><strong>{o.number.clone()}</strong></a>
                    " " <StatusBadge status=o.status />
                    <br />
                    <span class="small">{o.created} " · " {o.bumdes_name} " · " {o.buyer_name}</span>
                    " " <strong>{rupiah(o.total)}</strong>
                </li>
            }).collect_view()}
        </ul>
    }
}
