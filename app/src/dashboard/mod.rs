//! The seller's dashboard: their BUMDes and whether buyers can see it yet.
pub mod listings;
pub mod photos;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::auth::Seller;
use crate::error::AppError;
use crate::i18n::*;
use crate::not_found::ErrorPage;

#[server(endpoint = "dashboard_home")]
pub async fn dashboard_home() -> Result<Seller, AppError> {
    crate::auth::session::require_seller().await
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| dashboard_home());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(seller) => view! { <Home seller /> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/masuk" /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Home(seller: Seller) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let new_password = query.read_untracked().get("sandi").is_some();
    let log_out = ServerAction::<crate::auth::LogOut>::new();
    let (status, explain, class) = match seller.verification.as_str() {
        "verified" => (
            t_string!(i18n, status_verified),
            t_string!(i18n, status_verified_explain),
            "status verified",
        ),
        "rejected" => (
            t_string!(i18n, status_rejected),
            t_string!(i18n, status_rejected_explain),
            "status rejected",
        ),
        _ => (
            t_string!(i18n, status_pending),
            t_string!(i18n, status_pending_explain),
            "status pending",
        ),
    };
    view! {
        <Title text=t_string!(i18n, dashboard_title).to_string() />
        <section class="dashboard" data-testid="dashboard">
            <h1>{seller.bumdes_name.clone()}</h1>
            <p>{t!(i18n, dashboard_hello)} ", " {seller.name.clone()}</p>
            {new_password.then(|| view! { <p class="notice" role="status">{t!(i18n, password_changed)}</p> })}
            <p class=class data-testid="verification">{status}</p>
            <p>{explain}</p>
            <p class="note">{t!(i18n, bumdes_code)} ": " <code data-testid="bumdes-code">{seller.bumdes_slug.clone()}</code></p>
            <ul class="dashboard-links">
                <li><a href="/dasbor/produk">{t!(i18n, listings_title)}</a></li>
                <li><a href="/dasbor/sandi">{t!(i18n, password_title)}</a></li>
            </ul>
            <ActionForm action=log_out>
                <button type="submit" class="secondary" data-testid="log-out">{t!(i18n, log_out)}</button>
            </ActionForm>
        </section>
    }
}
