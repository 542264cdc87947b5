//! The seller's listings: a list with publish, unpublish and delete, and one form to create or edit.
mod form;
#[cfg(feature = "ssr")]
pub mod queries;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::*;
use crate::money::rupiah;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;

pub use form::ListingFormPage;

/// A row of the seller's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub price_rupiah: i64,
    pub stock: i32,
    pub unit: String,
    pub published: bool,
    pub is_flagship: bool,
}

/// A listing's fields as the form shows them (numbers as text, as typed).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListingFields {
    pub name: String,
    pub description: String,
    pub category: String,
    pub price: String,
    pub stock: String,
    pub unit: String,
    pub weight: String,
    pub flagship: bool,
}

/// The listing's BUMDes must be the seller's: 404 when it does not exist, 403 when it is another's.
#[cfg(feature = "ssr")]
pub async fn own(id: i64) -> Result<crate::auth::Seller, AppError> {
    let seller = crate::auth::session::require_seller().await?;
    match queries::owner(&crate::state::pool(), id).await? {
        None => Err(AppError::NotFound),
        Some(bumdes) if bumdes != seller.bumdes_id => Err(AppError::Forbidden),
        Some(_) => Ok(seller),
    }
}

#[server(endpoint = "my_listings")]
pub async fn my_listings() -> Result<Vec<Listing>, AppError> {
    let seller = crate::auth::session::require_seller().await?;
    Ok(queries::own_listings(&crate::state::pool(), seller.bumdes_id).await?)
}

#[server(endpoint = "publish_listing")]
pub async fn publish_listing(id: i64, publish: bool) -> Result<(), AppError> {
    let seller = own(id).await?;
    queries::set_published(&crate::state::pool(), seller.bumdes_id, id, publish).await?;
    leptos_axum::redirect("/dasbor/produk");
    Ok(())
}

#[server(endpoint = "delete_listing")]
pub async fn delete_listing(id: i64) -> Result<(), AppError> {
    let seller = own(id).await?;
    queries::delete(&crate::state::pool(), seller.bumdes_id, id).await?;
    leptos_axum::redirect("/dasbor/produk?dihapus=1");
    Ok(())
}

#[component]
pub fn ListingsPage() -> impl IntoView {
    let listings = Resource::new(|| (), |_| my_listings());
    view! { <PrivatePage data=listings page=|listings| view! { <ListingsView listings /> } /> }
}

#[component]
fn ListingsView(listings: Vec<Listing>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        if q.get("disimpan").is_some() {
            Some(t_string!(i18n, listing_saved))
        } else if q.get("dihapus").is_some() {
            Some(t_string!(i18n, listing_deleted))
        } else {
            None
        }
    });
    use leptos::server_fn::ServerFn;
    let refused = crate::error::refused_message(i18n, <PublishListing as ServerFn>::PATH);
    let empty = listings.is_empty();
    view! {
        <Title text=t_string!(i18n, listings_title).to_string() />
        <section class="dashboard" data-testid="listings">
            <h1>{t!(i18n, listings_title)}</h1>
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {refused.map(|text| view! { <p class="problems" role="alert">{text}</p> })}
            <p><a href="/dasbor/produk/baru" class="button-link">{t!(i18n, listing_new)}</a></p>
            {empty.then(|| view! { <p>{t!(i18n, listings_empty)}</p> })}
            <ul class="listings">
                {listings.into_iter().map(|listing| view! { <ListingRow listing /> }).collect_view()}
            </ul>
            <p><a href="/dasbor">{t!(i18n, back_to_dashboard)}</a></p>
        </section>
    }
}

#[component]
fn ListingRow(listing: Listing) -> impl IntoView {
    let i18n = use_i18n();
    let publish = ServerAction::<PublishListing>::new();
    let state = if listing.published {
        t_string!(i18n, listing_published)
    } else {
        t_string!(i18n, listing_draft)
    };
    view! {
        <li class="listing" data-testid="listing">
            <a href=format!("/dasbor/produk/{}", listing.id)><strong>{listing.name}</strong></a>
            <span>{rupiah(listing.price_rupiah)} " · " {t!(i18n, stock)} " " {listing.stock} " " {listing.unit}</span>
            <span class="state">{state}
                {listing.is_flagship.then(|| view! { " · " {t!(i18n, flagship)} })}
            </span>
            <ActionForm action=publish>
                <input type="hidden" name="id" value=listing.id />
                <input type="hidden" name="publish" value=(!listing.published).to_string() />
                <button type="submit" class="secondary">
                    {if listing.published { t_string!(i18n, listing_unpublish) } else { t_string!(i18n, listing_publish) }}
                </button>
            </ActionForm>
        </li>
    }
}
