//! The seller's orders: an inbox filtered by status, and each order with the next steps it allows.
#[cfg(feature = "ssr")]
pub mod csv;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::auth::widgets::{FormError, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::orders::{OrderDetail, OrderFacts, OrderList, OrderSummary, StatusBadge, Timeline};
use crate::private_page::PrivatePage;
use crate::raw_text::Title;

const STATUSES: [&str; 6] = ["new", "paid", "shipped", "done", "cancelled", "expired"];

#[server(endpoint = "seller_orders")]
pub async fn seller_orders(status: Option<String>) -> Result<Vec<OrderSummary>, AppError> {
    let seller = crate::auth::session::require_seller().await?;
    let status = status.filter(|s| STATUSES.contains(&s.as_str()));
    Ok(crate::orders::queries::bumdes_orders(
        &crate::state::pool(),
        seller.bumdes_id,
        status.as_deref(),
    )
    .await?)
}

#[server(endpoint = "seller_order")]
pub async fn seller_order(number: String) -> Result<OrderDetail, AppError> {
    let seller = crate::auth::session::require_seller().await?;
    let pool = crate::state::pool();
    let id = crate::orders::queries::bumdes_order(&pool, seller.bumdes_id, &number)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(crate::orders::queries::detail(&pool, id).await?)
}

/// One step of the state machine; courier and tracking number for shipping, a reason to cancel.
#[server(endpoint = "order_step")]
pub async fn order_step(
    number: String,
    step: String,
    courier: Option<String>,
    tracking_number: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::checks::text;
    use crate::form::FormProblems;
    use crate::orders::Step;
    use crate::orders::queries::{Refused, take_step};

    let seller = crate::auth::session::require_seller().await?;
    let mut form = FormProblems::default();
    let step = match step.as_str() {
        "paid" => Step::Paid,
        "done" => Step::Done,
        "shipped" => {
            let (courier, tracking_number) = (
                courier.unwrap_or_default(),
                tracking_number.unwrap_or_default(),
            );
            text(&mut form, "courier", &courier, 60);
            text(&mut form, "tracking_number", &tracking_number, 60);
            Step::Shipped {
                courier: courier.trim().to_string(),
                tracking_number: tracking_number.trim().to_string(),
            }
        }
        "cancelled" => {
            let reason = reason.unwrap_or_default();
            text(&mut form, "reason", &reason, 300);
            Step::Cancel {
                reason: reason.trim().to_string(),
            }
        }
        _ => return Err(AppError::Transition),
    };
    if !form.is_empty() {
        return Err(AppError::Invalid(form));
    }
    match take_step(&crate::state::pool(), seller.bumdes_id, &number, &step).await? {
        Ok(()) => {
            leptos_axum::redirect(&format!(
                "/dasbor/pesanan/{number}?langkah={}",
                step.to_status()
            ));
            Ok(())
        }
        Err(Refused::NotFound) => Err(AppError::NotFound),
        Err(Refused::Transition) => Err(AppError::Transition),
    }
}

#[component]
pub fn SellerOrdersPage() -> impl IntoView {
    let status = move || use_query_map().with_untracked(|q| q.get("status"));
    let data = Resource::new(status, seller_orders);
    view! { <PrivatePage data page=move |orders| view! { <Inbox orders status=status() /> } /> }
}

#[component]
fn Inbox(orders: Vec<OrderSummary>, status: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let tab = |value: Option<&'static str>, label: String| {
        let current = value.map(str::to_string) == status;
        let href = value.map_or("/dasbor/pesanan".to_string(), |v| {
            format!("/dasbor/pesanan?status={v}")
        });
        view! { <a href=href aria-current=current.then_some("page") class="tab">{label}</a> }
    };
    let empty = orders.is_empty();
    view! {
        <Title text=t_string!(i18n, orders_title).to_string() />
        <section class="dashboard" data-testid="seller-orders">
            <h1>{t!(i18n, orders_title)}</h1>
            <nav class="tabs" aria-label=t_string!(i18n, orders_filter)>
                {tab(None, t_string!(i18n, orders_all).to_string())}
                {STATUSES.into_iter().map(|s| tab(Some(s), crate::orders::timeline::status_text(i18n, s))).collect_view()}
            </nav>
            {if empty {
                view! { <p data-testid="orders-none">{t!(i18n, orders_none)}</p> }.into_any()
            } else {
                view! { <OrderList orders /> }.into_any()
            }}
            <p><a href="/dasbor/pesanan.csv" download data-testid="orders-csv">{t!(i18n, orders_csv)}</a></p>
            <p><a href="/dasbor">{t!(i18n, dashboard_title)}</a></p>
        </section>
    }
}

#[component]
pub fn SellerOrderPage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let data = Resource::new(number, seller_order);
    view! { <PrivatePage data page=move |order| view! { <SellerOrder order /> } /> }
}

#[component]
fn SellerOrder(order: OrderDetail) -> impl IntoView {
    let i18n = use_i18n();
    let step = ServerAction::<OrderStep>::new();
    let (form, error) = sent_back(step.value().get_untracked());
    let title = format!("{} {}", t_string!(i18n, order_title), order.number);
    let number = order.number.clone();
    let button = move |value: &'static str, label: String| {
        view! {
            <input type="hidden" name="number" value=number.clone() />
            <input type="hidden" name="step" value=value />
            <button type="submit" class="primary" data-testid=format!("step-{value}")>{label}</button>
        }
    };
    let field = move |name: &'static str, label: String| {
        view! { <crate::auth::widgets::Field form=form.clone() name label /> }
    };
    let (cancel_button, cancel_field) = (button.clone(), field.clone());
    let ships = order.delivery == "ship";
    let next = match order.status.as_str() {
        "new" => {
            // Cash on delivery: nothing is paid yet, the seller confirms the order.
            let label = if order.payment == "cod" { t_string!(i18n, step_confirm) } else { t_string!(i18n, step_paid) };
            Some(view! { <ActionForm action=step>{button("paid", label.to_string())}</ActionForm> }.into_any())
        }
        "paid" => Some(view! {
            <ActionForm action=step>
                {ships.then(|| view! {
                    {field("courier", t_string!(i18n, field_courier).to_string())}
                    {field("tracking_number", t_string!(i18n, field_tracking).to_string())}
                })}
                {button("shipped", t_string!(i18n, step_shipped).to_string())}
            </ActionForm>
        }.into_any()),
        "shipped" => Some(view! {
            <ActionForm action=step>{button("done", t_string!(i18n, step_done).to_string())}</ActionForm>
        }.into_any()),
        _ => None,
    };
    let cancel = matches!(order.status.as_str(), "new" | "paid").then(|| {
        view! {
            <details class="cancel">
                <summary>{t!(i18n, step_cancel)}</summary>
                <ActionForm action=step>
                    {cancel_field("reason", t_string!(i18n, field_cancel_reason).to_string())}
                    {cancel_button("cancelled", t_string!(i18n, step_cancel).to_string())}
                </ActionForm>
            </details>
        }
    });
    let buyer_whatsapp = crate::site::whatsapp_url(
        Some(&order.buyer_phone),
        Some(&format!(
            "{} {}",
            t_string!(i18n, order_title),
            order.number
        )),
    );
    let (number, status, created, events) = (
        order.number.clone(),
        order.status.clone(),
        order.created.clone(),
        order.events.clone(),
    );
    view! {
        <Title text=title.clone() />
        <section class="dashboard order" data-testid="seller-order" data-number=number>
            <h1>{title}</h1>
            <p><StatusBadge status /> " · " {created}</p>
            <p>
                <a class="whatsapp" href=buyer_whatsapp rel="noopener" data-testid="buyer-whatsapp">
                    {t!(i18n, order_contact_buyer)}
                </a>
            </p>
            <FormError error />
            {next}
            {cancel}
            <Timeline events />
            <OrderFacts order />
            <p><a href="/dasbor/pesanan">{t!(i18n, orders_title)}</a></p>
        </section>
    }
}
