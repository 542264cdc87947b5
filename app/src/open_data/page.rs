//! `/data`: what the open data is, its licence, the bulk downloads and how to call the API, with
//! examples to copy.
use leptos::prelude::*;
use leptos_meta::Meta;

use super::{API, BULK_LEVELS, bulk_path};
use crate::i18n::*;
use crate::raw_text::Title;
use crate::site::absolute_url;

const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/deed.id";

#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = absolute_url(API);
    let downloads = BULK_LEVELS.map(|(name, _)| {
        let label = match name {
            "provinsi" => t_string!(i18n, data_bulk_provinces),
            "kabupaten" => t_string!(i18n, data_bulk_regencies),
            "kecamatan" => t_string!(i18n, data_bulk_districts),
            _ => t_string!(i18n, data_bulk_villages),
        };
        view! {
            <li>
                <a href=bulk_path(name) download="">{label}</a>
            </li>
        }
    });
    let endpoints = [
        ("/products", t_string!(i18n, data_api_products)),
        ("/products/{slug}", t_string!(i18n, data_api_product)),
        ("/bumdes", t_string!(i18n, data_api_bumdes)),
        ("/regions", t_string!(i18n, data_api_regions)),
        ("/regions/{code}", t_string!(i18n, data_api_region)),
    ]
    .map(|(path, what)| {
        view! {
            <dt>
                <code>{format!("GET {API}{path}")}</code>
            </dt>
            <dd>{what}</dd>
        }
    });
    let examples = [
        format!("{api}/products?q=kopi&province=11&sort=cheapest&limit=5"),
        format!("{api}/products?flagship=true&in_stock=true"),
        format!("{api}/bumdes?region=52.04"),
        format!("{api}/regions?parent=52&period=90d"),
        format!("{api}/regions/52.04"),
    ]
    .map(|url| {
        let text = url.clone();
        view! {
            <li>
                <a href=url>
                    <code>{text}</code>
                </a>
            </li>
        }
    });
    let paging = format!(
        "curl -s '{api}/products?q=madu&limit=20'\n\
         # → {{\"items\": [...], \"total\": 57, \"next_cursor\": \"3f9a02c1.1e.-40\", ...}}\n\
         curl -s '{api}/products?q=madu&limit=20&cursor=3f9a02c1.1e.-40'"
    );
    let script = format!(
        "const answer = await fetch('{api}/regions?period=365d');\n\
         const {{ items }} = await answer.json();\n\
         for (const p of items) console.log(p.code, p.name, p.coverage.coverage_share);"
    );
    view! {
        <Title text=t_string!(i18n, data_title).to_string() />
        <Meta name="description" content=t_string!(i18n, data_intro).to_string() />
        <section class="open-data" data-testid="open-data">
            <h1>{t!(i18n, data_title)}</h1>
            <p>{t!(i18n, data_intro)}</p>
            <p>{t!(i18n, data_no_personal)}</p>

            <h2>{t!(i18n, data_licence_heading)}</h2>
            <p>
                {t!(i18n, data_licence)} " "
                <a href=LICENCE_URL rel="license">
                    "Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)"
                </a> "."
            </p>
            <p>{t!(i18n, data_attribution)}</p>
            <blockquote>{t!(i18n, data_attribution_text)}</blockquote>
            <p>{t!(i18n, data_regions_source)}</p>

            <h2>{t!(i18n, data_bulk_heading)}</h2>
            <p>{t!(i18n, data_bulk_intro)}</p>
            <ul class="data-downloads">{downloads}</ul>

            <h2>{t!(i18n, data_api_heading)}</h2>
            <p>{t!(i18n, data_api_intro)}</p>
            <p>
                {t!(i18n, data_api_document)} " "
                <a href=format!("{API}/openapi.json") data-testid="openapi-link">
                    <code>{format!("{API}/openapi.json")}</code>
                </a>
            </p>
            <dl class="data-endpoints">{endpoints}</dl>
            <h3>{t!(i18n, data_examples_heading)}</h3>
            <ul class="data-examples">{examples}</ul>
            <p>{t!(i18n, data_paging)}</p>
            // Scrolled sideways on a phone: reachable by keyboard too.
            <pre tabindex="0">
                <code>{paging}</code>
            </pre>
            <p>{t!(i18n, data_script)}</p>
            <pre tabindex="0">
                <code>{script}</code>
            </pre>

            <h2>{t!(i18n, data_rules_heading)}</h2>
            <ul>
                <li>{t!(i18n, data_rule_fields)}</li>
                <li>{t!(i18n, data_rule_cache)}</li>
                <li>{t!(i18n, data_rule_cors)}</li>
                <li>{t!(i18n, data_rule_limit)}</li>
                <li>{t!(i18n, data_rule_errors)}</li>
            </ul>
        </section>
    }
}
