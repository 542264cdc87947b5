//! The frame around every page: header with search and the cart, footer with the language switch.
use leptos::prelude::*;
use leptos_router::hooks::use_location;

mod page_weight;

use page_weight::PageWeightNote;

use crate::cart::CartLink;
use crate::catalogue::search::SearchForm;
use crate::i18n::*;
use crate::village::{Trail, region_url};

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // On the search page the box shows what was searched.
    let value = if location.pathname.get_untracked() == "/cari" {
        location
            .query
            .with_untracked(|q| q.get("q"))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let cart = Resource::new(|| (), |_| crate::cart::cart_text());
    view! {
        <header class="site-header">
            <div class="bar">
                <a class="brand" href="/">
                    {t!(i18n, site_name)}
                </a>
                <a class="nav-link" href="/wilayah">{t!(i18n, regions_title)}</a>
                <Suspense>
                    {move || Suspend::new(async move {
                        // Without a cart this shows an empty badge, as a failed read does.
                        let (server, revision) = cart.await.unwrap_or_default();
                        view! { <CartLink server revision /> }
                    })}
                </Suspense>
            </div>
            <SearchForm value />
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // The router's `search` has no `?` of its own.
    let search = location.search.get_untracked();
    let here = if search.is_empty() {
        location.pathname.get_untracked()
    } else {
        format!("{}?{search}", location.pathname.get_untracked())
    };
    let here = form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>();
    // The switches are plain links to server routes that set a cookie: they work without JavaScript.
    let switch = {
        let here = here.clone();
        move |lang: &str| format!("/bahasa/{lang}?kembali={here}")
    };
    let saver = if crate::saver::on() {
        view! {
            <p data-testid="data-saver">
                {t!(i18n, saver_on)} " · "
                <a href=format!("/hemat-data/0?kembali={here}")>{t!(i18n, saver_turn_off)}</a>
            </p>
            <PageWeightNote />
        }
        .into_any()
    } else {
        view! {
            <p data-testid="data-saver">
                <a href=format!("/hemat-data/1?kembali={here}")>{t!(i18n, saver_turn_on)}</a>
            </p>
        }
        .into_any()
    };
    view! {
        <footer class="site-footer">
            <p>{t!(i18n, tagline)}</p>
            <p>
                <a href="/pesanan" data-testid="my-orders-link">{t!(i18n, my_orders)}</a>
                " · "
                <a href="/masuk" data-testid="sellers-link">{t!(i18n, for_sellers)}</a>
                " · "
                <a href="/petugas/masuk">{t!(i18n, for_officials)}</a>
                " · "
                <a href="/data">{t!(i18n, open_data)}</a>
            </p>
            {saver}
            <nav aria-label=t_string!(i18n, language)>
                <a href=switch("id") hreflang="id" lang="id">
                    "Bahasa Indonesia"
                </a>
                " · "
                <a href=switch("en") hreflang="en" lang="en">
                    "English"
                </a>
            </nav>
        </footer>
    }
}

/// The regions above a page, each a link, from the regions index down; the current page is not a link.
#[component]
pub fn Breadcrumb(trail: Trail) -> impl IntoView {
    let i18n = use_i18n();
    let here = use_location().pathname.get_untracked();
    let crumbs = trail
        .0
        .into_iter()
        .map(|r| {
            let href = region_url(&r.code);
            let current = href == here;
            view! {
                <li>
                    {if current {
                        view! { <span aria-current="page">{r.name}</span> }.into_any()
                    } else {
                        view! { <a href=href>{r.name}</a> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="breadcrumb" aria-label=t_string!(i18n, breadcrumb) data-testid="breadcrumb">
            <ol>
                <li>
                    <a href="/wilayah">{t!(i18n, regions_title)}</a>
                </li>
                {crumbs}
            </ol>
        </nav>
    }
}
