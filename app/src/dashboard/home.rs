//! The dashboard's first page: the BUMDes's standing, what needs doing today, stock running low, and
//! how buyers look at and buy its products.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::auth::Seller;
use crate::chart::{DayChart, DayCount};
use crate::error::AppError;
use crate::i18n::*;
use crate::money::rupiah;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;
use crate::verification::VerificationStatus;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LowStock {
    pub id: i64,
    pub name: String,
    pub stock: i32,
    pub unit: String,
}

/// A product's sales over the chart's days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopProduct {
    pub name: String,
    pub quantity: i64,
    pub rupiah: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ToDo {
    /// New orders: the payment to confirm.
    pub to_confirm: i64,
    /// Paid orders to ship.
    pub to_ship: i64,
    pub drafts: i64,
    pub without_photos: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub seller: Seller,
    pub to_do: ToDo,
    pub low_stock: Vec<LowStock>,
    pub views: Vec<DayCount>,
    pub sales: Vec<DayCount>,
    pub top: Vec<TopProduct>,
    /// The BUMDes's verification decisions, newest first.
    pub verification: Vec<crate::verification::Event>,
}

#[server(endpoint = "dashboard_home")]
pub async fn dashboard_home() -> Result<HomeData, AppError> {
    use super::queries;
    /// How many days the charts cover.
    const CHART_DAYS: i32 = 30;
    let seller = crate::auth::session::require_seller().await?;
    let pool = crate::state::pool();
    let (to_do, low_stock, (views, sales), top, verification) = tokio::try_join!(
        queries::to_do(&pool, seller.bumdes_id),
        queries::low_stock(&pool, seller.bumdes_id),
        queries::views_and_sales_per_day(&pool, seller.bumdes_id, CHART_DAYS),
        queries::top_products(&pool, seller.bumdes_id, CHART_DAYS),
        crate::verification::queries::history(&pool, seller.bumdes_id),
    )?;
    Ok(HomeData {
        seller,
        to_do,
        low_stock,
        views,
        sales,
        top,
        verification,
    })
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let home = Resource::new(|| (), |_| dashboard_home());
    view! { <PrivatePage data=home page=|home| view! { <Home home /> } /> }
}

#[component]
fn Home(home: HomeData) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let new_password = query.read_untracked().get("sandi").is_some();
    let log_out = ServerAction::<crate::auth::LogOut>::new();
    let HomeData {
        seller,
        to_do,
        low_stock,
        views,
        sales,
        top,
        verification,
    } = home;
    view! {
        <Title text=t_string!(i18n, dashboard_title).to_string() />
        <section class="dashboard" data-testid="dashboard">
            <h1>{seller.bumdes_name.clone()}</h1>
            <p>{t!(i18n, dashboard_hello)} ", " {seller.name.clone()}</p>
            {new_password.then(|| view! { <p class="notice" role="status">{t!(i18n, password_changed)}</p> })}
            <VerificationStatus seller=seller.clone() history=verification />
            <p class="note">{t!(i18n, bumdes_code)} ": " <code data-testid="bumdes-code">{seller.bumdes_slug.clone()}</code></p>
            <ul class="dashboard-links">
                <li><a href="/dasbor/pesanan">{t!(i18n, orders_title)}</a></li>
                <li><a href="/dasbor/produk">{t!(i18n, listings_title)}</a></li>
                {(seller.role == "owner").then(|| view! {
                    <li><a href="/dasbor/toko">{t!(i18n, terms_title)}</a></li>
                    <li><a href="/dasbor/staf">{t!(i18n, staff_title)}</a></li>
                })}
                <li><a href="/dasbor/sandi">{t!(i18n, password_title)}</a></li>
            </ul>
            <TodayToDo to_do />
            <LowStockList low_stock />
            <Charts views />
            <Sales sales top />
            <ActionForm action=log_out>
                <button type="submit" class="secondary" data-testid="log-out">{t!(i18n, log_out)}</button>
            </ActionForm>
        </section>
    }
}

/// Orders to confirm or ship first, then what the listings need.
#[component]
fn TodayToDo(to_do: ToDo) -> impl IntoView {
    let i18n = use_i18n();
    let no_orders = to_do.to_confirm == 0 && to_do.to_ship == 0;
    let tasks = [
        (
            to_do.to_confirm,
            t_string!(i18n, todo_to_confirm),
            "/dasbor/pesanan?status=new",
            "todo-confirm",
        ),
        (
            to_do.to_ship,
            t_string!(i18n, todo_to_ship),
            "/dasbor/pesanan?status=paid",
            "todo-ship",
        ),
        (
            to_do.drafts,
            t_string!(i18n, todo_drafts),
            "/dasbor/produk",
            "todo-drafts",
        ),
        (
            to_do.without_photos,
            t_string!(i18n, todo_without_photos),
            "/dasbor/produk",
            "todo-photos",
        ),
    ]
    .into_iter()
    .filter(|(count, ..)| *count > 0)
    .map(|(count, text, href, testid)| {
        view! {
            <li data-testid=testid>
                <a href=href>{text}</a>
                <span class="count">{count}</span>
            </li>
        }
    })
    .collect_view();
    view! {
        <section class="panel" data-testid="todo">
            <h2>{t!(i18n, todo_title)}</h2>
            {no_orders.then(|| view! {
                <p class="empty" data-testid="todo-orders">{t!(i18n, todo_no_orders)}</p>
            })}
            <ul class="tasks">{tasks}</ul>
        </section>
    }
}

#[component]
fn LowStockList(low_stock: Vec<LowStock>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = (!low_stock.is_empty()).then(|| {
        let rows = low_stock
            .into_iter()
            .map(|item| {
                let left = if item.stock == 0 {
                    t_string!(i18n, out_of_stock).to_string()
                } else {
                    format!(
                        "{} {} {}",
                        t_string!(i18n, stock_left),
                        item.stock,
                        item.unit
                    )
                };
                view! {
                    <li>
                        <a href=format!("/dasbor/produk/{}", item.id)>{item.name}</a>
                        <span class="count">{left}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="tasks">{rows}</ul> }
    });
    let empty = rows
        .is_none()
        .then(|| view! { <p class="empty">{t!(i18n, low_stock_none)}</p> });
    view! {
        <section class="panel" data-testid="low-stock">
            <h2>{t!(i18n, low_stock_title)}</h2>
            {rows}
            {empty}
        </section>
    }
}

#[component]
fn Charts(views: Vec<DayCount>) -> impl IntoView {
    let i18n = use_i18n();
    let total: i64 = views.iter().map(|d| d.count).sum();
    let today = views.last().map_or(0, |d| d.count);
    let summary = format!(
        "{}: {total} · {}: {today}",
        t_string!(i18n, views_total),
        t_string!(i18n, views_today)
    );
    let chart = (total > 0).then(|| {
        view! { <DayChart days=views label=format!("{} — {summary}", t_string!(i18n, views_title)) testid="views-chart" /> }
    });
    let empty = (total == 0).then(|| view! { <p class="empty">{t!(i18n, views_none)}</p> });
    view! {
        <section class="panel" data-testid="views">
            <h2>{t!(i18n, views_title)}</h2>
            <p class="note" data-testid="views-summary">{summary}</p>
            {chart}
            {empty}
        </section>
    }
}

/// Sales per day in Rupiah, and the products that sold most.
#[component]
fn Sales(sales: Vec<DayCount>, top: Vec<TopProduct>) -> impl IntoView {
    let i18n = use_i18n();
    let total: i64 = sales.iter().map(|d| d.count).sum();
    let summary = format!("{}: {}", t_string!(i18n, sales_total), rupiah(total));
    let chart = (total > 0).then(|| {
        view! {
            <DayChart days=sales label=format!("{} — {summary}", t_string!(i18n, sales_title))
                testid="sales-chart" money=true />
            <h3>{t!(i18n, top_products)}</h3>
            <ol class="tasks" data-testid="top-products">
                {top.into_iter().map(|p| view! {
                    <li>
                        <span>{p.name}</span>
                        <span class="count">{format!("{} × · {}", p.quantity, rupiah(p.rupiah))}</span>
                    </li>
                }).collect_view()}
            </ol>
        }
    });
    let empty = (total == 0).then(|| view! { <p class="empty">{t!(i18n, sales_none)}</p> });
    view! {
        <section class="panel" data-testid="sales">
            <h2>{t!(i18n, sales_title)}</h2>
            <p class="note" data-testid="sales-summary">{summary}</p>
            {chart}
            {empty}
        </section>
    }
}
