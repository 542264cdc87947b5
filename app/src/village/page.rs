use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::{BumdesProfile, Trail};
use crate::catalogue::{ProductCard, ProductGrid};
use crate::error::AppError;
use crate::i18n::*;
use crate::layout::Breadcrumb;
use crate::not_found::{ErrorPage, NotFound};
use crate::raw_text::Title;
use crate::verified_badge::VerifiedBadge;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Village {
    pub trail: Trail,
    pub bumdes: Vec<BumdesProfile>,
    /// The flagship first.
    pub products: Vec<ProductCard>,
}

#[server(endpoint = "village", input = server_fn::codec::GetUrl)]
pub async fn get_village(code: String) -> Result<Option<Village>, AppError> {
    let pool = crate::state::pool();
    if !super::is_village(&code) {
        return Ok(None);
    }
    let Some(trail) = super::queries::trail(&pool, &code).await? else {
        return Ok(None);
    };
    let (bumdes, products) = tokio::try_join!(
        super::queries::village_bumdes(&pool, &code),
        super::queries::village_products(&pool, &code)
    )?;
    Ok(Some(Village {
        trail,
        bumdes,
        products,
    }))
}

#[component]
pub fn VillagePage() -> impl IntoView {
    let params = use_params_map();
    let village = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        get_village,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match village.await {
                    Ok(Some(village)) => view! { <VillageView village /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn VillageView(village: Village) -> impl IntoView {
    let i18n = use_i18n();
    let name = village
        .trail
        .0
        .last()
        .map(|r| r.name.clone())
        .unwrap_or_default();
    // Kemendagri numbers kelurahan 1xxx and desa 2xxx.
    let kind = if village
        .trail
        .0
        .last()
        .is_some_and(|r| r.code.as_bytes().get(9) == Some(&b'1'))
    {
        t_string!(i18n, urban_village_word)
    } else {
        t_string!(i18n, village_word)
    };
    let title = format!("{kind} {name}");
    let address = village.trail.address();
    let sellers = village
        .bumdes
        .into_iter()
        .map(|b| {
            view! {
                <section class="bumdes" data-testid="bumdes">
                    <h2>{b.name}</h2>
                    <VerifiedBadge office=b.verified_office on=b.verified_on />
                    <p>{b.story}</p>
                    <p>
                        <a class="whatsapp" href=crate::site::whatsapp_url(Some(&b.whatsapp), None) rel="noopener">
                            {t!(i18n, contact_whatsapp)} " " {b.whatsapp.clone()}
                        </a>
                    </p>
                </section>
            }
        })
        .collect_view();
    let products = if village.products.is_empty() {
        view! {
            <p class="empty" data-testid="village-empty">
                {t!(i18n, village_empty)}
            </p>
        }
        .into_any()
    } else {
        view! {
            <h2>{t!(i18n, village_products)}</h2>
            <ProductGrid products=village.products testid="village-products" />
        }
        .into_any()
    };
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=format!("{title}, {address}") />
        <Breadcrumb trail=village.trail.clone() />
        <h1>{title}</h1>
        <p class="intro">{address}</p>
        {sellers}
        {products}
    }
}
