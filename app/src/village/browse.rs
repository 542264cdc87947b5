use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::{RegionCount, RegionHit, Trail, region_url};
use crate::error::AppError;
use crate::i18n::*;
use crate::layout::Breadcrumb;
use crate::not_found::{ErrorPage, NotFound};
use crate::raw_text::Title;

/// What `/wilayah` and `/wilayah/{code}` show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionListing {
    /// `None` at the top, where the provinces are listed.
    pub trail: Option<Trail>,
    pub children: Vec<RegionCount>,
}

/// The regions under a province, regency or district (all provinces without a code); `None` for a code
/// that is not one of those.
#[server(endpoint = "regions_under", input = server_fn::codec::GetUrl)]
pub async fn regions_under(code: Option<String>) -> Result<Option<RegionListing>, AppError> {
    let pool = crate::state::pool();
    let trail = match &code {
        None => None,
        Some(code) if !super::is_village(code) => match super::queries::trail(&pool, code).await? {
            Some(trail) => Some(trail),
            None => return Ok(None),
        },
        Some(_) => return Ok(None),
    };
    let children = super::queries::children(&pool, code.as_deref()).await?;
    Ok(Some(RegionListing { trail, children }))
}

#[server(endpoint = "find_regions", input = server_fn::codec::GetUrl)]
pub async fn find_regions(typed: String) -> Result<Vec<RegionHit>, AppError> {
    const LIMIT: i64 = 30;
    let typed = crate::form::search_text(&typed, 100);
    if typed.chars().count() < 3 {
        return Ok(Vec::new());
    }
    Ok(super::queries::find(&crate::state::pool(), &typed, LIMIT).await?)
}

/// "12 produk · 3 BUMDes", or that there is nothing yet.
fn counts(i18n: leptos_i18n::I18nContext<Locale>, products: i64, bumdes: i64) -> String {
    if products == 0 && bumdes == 0 {
        return t_string!(i18n, region_nothing_yet).to_string();
    }
    format!(
        "{products} {} · {bumdes} BUMDes",
        t_string!(i18n, region_products)
    )
}

#[component]
pub fn RegionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let code = params.with_untracked(|p| p.get("code"));
    let typed = query.with_untracked(|q| q.get("cari")).unwrap_or_default();
    let listing = Resource::new(move || code.clone(), regions_under);
    let found = {
        let typed = typed.clone();
        Resource::new(move || typed.clone(), find_regions)
    };
    let search = {
        let typed = typed.clone();
        move || {
            view! {
                <form class="region-search" action="/wilayah" method="get" role="search"
                    aria-label=t_string!(i18n, region_search_label)>
                    <label for="cari">{t!(i18n, region_search_label)}</label>
                    <div class="row">
                        <input id="cari" name="cari" type="search" value=typed.clone() minlength="3" maxlength="100" />
                        <button type="submit">{t!(i18n, search_submit)}</button>
                    </div>
                </form>
            }
        }
    };
    let hits = move || {
        (!typed.trim().is_empty()).then(|| {
        view! {
            <Suspense>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(hits) if hits.is_empty() => view! { <p data-testid="region-hits">{t!(i18n, region_search_none)}</p> }.into_any(),
                        Ok(hits) => view! {
                            <ul class="regions" data-testid="region-hits">
                                {hits.into_iter().map(|h| view! {
                                    <li>
                                        <a href=region_url(&h.code)>{h.address}</a>
                                        <span class="count">{counts(i18n, h.products, h.bumdes)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        }
    })
    };
    view! {
        <Suspense>
            {move || {
                let (search, hits) = (search.clone(), hits.clone());
                Suspend::new(async move {
                    match listing.await {
                        Ok(Some(listing)) => {
                            view! {
                                <Listing listing>
                                    {search()}
                                    {hits()}
                                </Listing>
                            }
                                .into_any()
                        }
                        Ok(None) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A region's children, with `children` (the region search) between the title and the list.
#[component]
fn Listing(listing: RegionListing, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let title = listing.trail.as_ref().and_then(|t| t.0.last()).map_or_else(
        || t_string!(i18n, regions_title).to_string(),
        |r| r.name.clone(),
    );
    let crumbs = listing.trail.map(|trail| view! { <Breadcrumb trail /> });
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=format!("{title}: {}", t_string!(i18n, regions_intro)) />
        {crumbs}
        <h1>{title}</h1>
        <p class="intro">{t!(i18n, regions_intro)}</p>
        {children()}
        <ul class="regions" data-testid="regions">
            {listing
                .children
                .into_iter()
                .map(|r| {
                    let empty = (r.products == 0).then_some("true");
                    view! {
                        <li data-empty=empty>
                            <a href=region_url(&r.code)>{r.name}</a>
                            <span class="count">{counts(i18n, r.products, r.bumdes)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
