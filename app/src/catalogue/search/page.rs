use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::use_query_map;

use super::{FacetCount, PRICE_BANDS, ParamError, SearchQuery, SearchResults, Sort};
use crate::catalogue::ProductGrid;
use crate::error::{AppError, set_page_status};
use crate::i18n::*;
use crate::money::rupiah;
use crate::not_found::ErrorPage;
use crate::raw_text::Title;

#[server(endpoint = "search", input = server_fn::codec::GetUrl)]
pub async fn search_products(query: SearchQuery) -> Result<SearchResults, AppError> {
    let state = leptos::prelude::expect_context::<crate::state::AppState>();
    let query = query
        .checked()
        .ok_or(AppError::Invalid(Default::default()))?;
    Ok(super::queries::search(&state.pool, &state.search, &query).await?)
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let (query, errors) = params.with_untracked(|p| SearchQuery::parse(|key| p.get(key)));
    let title = if query.q.is_empty() {
        t_string!(i18n, search_title).to_string()
    } else {
        format!("{} “{}”", t_string!(i18n, search_results_for), query.q)
    };
    let valid = errors.is_empty();
    let body = if valid {
        let results = Resource::new(
            {
                let query = query.clone();
                move || query.clone()
            },
            search_products,
        );
        let query = query.clone();
        view! {
            <Suspense>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        match results.await {
                            Ok(results) => view! { <Results query results /> }.into_any(),
                            Err(error) => view! { <ErrorPage error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        }
        .into_any()
    } else {
        set_page_status(http::StatusCode::BAD_REQUEST);
        view! { <Problems errors query=query.clone() /> }.into_any()
    };
    // A plain word search is a page worth finding; filtered, sorted and later pages are its variants.
    let plain = SearchQuery {
        q: query.q.clone(),
        ..Default::default()
    };
    let head = if valid && !query.q.is_empty() && plain.url() == query.url() {
        let description = format!("{title}: {}", t_string!(i18n, search_description));
        let canonical = crate::site::absolute_url(&plain.url());
        view! {
            <Meta name="description" content=description />
            <Link rel="canonical" href=canonical />
        }
        .into_any()
    } else {
        view! { <Meta name="robots" content="noindex, follow" /> }.into_any()
    };
    view! {
        <Title text=title.clone() />
        {head}
        <h1>{title}</h1>
        {body}
    }
}

fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, error: ParamError) -> &'static str {
    match error {
        ParamError::QueryTooLong => t_string!(i18n, search_error_query_too_long),
        ParamError::Price => t_string!(i18n, search_error_price),
        ParamError::PriceOrder => t_string!(i18n, search_error_price_order),
        ParamError::Region => t_string!(i18n, search_error_region),
        ParamError::Category => t_string!(i18n, search_error_category),
        ParamError::Sort => t_string!(i18n, search_error_sort),
        ParamError::Page => t_string!(i18n, search_error_page),
    }
}

/// What is wrong with the address, and the price form again with what was typed in it.
#[component]
fn Problems(errors: Vec<ParamError>, query: SearchQuery) -> impl IntoView {
    let i18n = use_i18n();
    let raw = use_query_map();
    let typed = move |key: &str| raw.with_untracked(|p| p.get(key)).unwrap_or_default();
    let reset = SearchQuery {
        q: query.q.clone(),
        ..Default::default()
    }
    .url();
    view! {
        <div class="problems" role="alert" data-testid="search-errors">
            <p>{t!(i18n, search_error_intro)}</p>
            <ul>
                {errors.into_iter().map(|e| view! { <li>{problem_text(i18n, e)}</li> }).collect_view()}
            </ul>
        </div>
        <PriceForm query min=typed("harga_min") max=typed("harga_max") />
        <p>
            <a href=reset>{t!(i18n, search_reset)}</a>
        </p>
    }
}

#[component]
fn Results(query: SearchQuery, results: SearchResults) -> impl IntoView {
    let i18n = use_i18n();
    let SearchResults {
        items,
        total,
        facets,
        corrected,
    } = results;
    let pages = u32::try_from((total + super::PAGE_SIZE - 1) / super::PAGE_SIZE)
        .unwrap_or(u32::MAX)
        .min(super::MAX_PAGE);
    let corrected = corrected.map(|c| {
        let href = query.with(|q| q.q = c.clone());
        view! {
            <p class="did-you-mean" data-testid="did-you-mean">
                {t!(i18n, search_no_exact)} " “" {query.q.clone()} "”. " {t!(i18n, search_did_you_mean)} ": "
                <a href=href>
                    <strong>{c}</strong>
                </a>
            </p>
        }
    });
    let count = format!(
        "{} {}",
        thousands(total),
        t_string!(i18n, search_products_found)
    );
    let list = if items.is_empty() {
        view! {
            <div class="empty" data-testid="no-results">
                <p>{t!(i18n, search_empty)}</p>
                <p>{t!(i18n, search_empty_hint)}</p>
            </div>
        }
        .into_any()
    } else {
        view! { <ProductGrid products=items testid="results" /> }.into_any()
    };
    view! {
        {corrected}
        <p class="result-count" data-testid="result-count">{count}</p>
        <SortLinks query=query.clone() />
        <Filters query=query.clone() facets />
        {list}
        <Pager query pages />
    }
}

/// 12345 as "12.345".
fn thousands(n: i64) -> String {
    rupiah(n).trim_start_matches("Rp ").to_string()
}

#[component]
fn SortLinks(query: SearchQuery) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |sort: Sort| match sort {
        Sort::Relevance => t_string!(i18n, sort_relevance),
        Sort::Cheapest => t_string!(i18n, sort_cheapest),
        Sort::Priciest => t_string!(i18n, sort_priciest),
        Sort::Newest => t_string!(i18n, sort_newest),
    };
    view! {
        <nav class="sort" aria-label=t_string!(i18n, sort_by)>
            {t!(i18n, sort_by)} ": "
            {Sort::ALL
                .into_iter()
                .map(|sort| {
                    let current = (sort == query.sort).then_some("true");
                    view! {
                        <a href=query.with(|q| q.sort = sort) aria-current=current>
                            {label(sort)}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// A filter value: a link that toggles it, with its count.
#[component]
fn Choice(href: String, label: String, count: i64, active: bool) -> impl IntoView {
    view! {
        <li>
            <a href=href aria-current=active.then_some("true") rel="nofollow">
                {label}
                " "
                <span class="count">{thousands(count)}</span>
            </a>
        </li>
    }
}

#[component]
fn Filters(query: SearchQuery, facets: super::Facets) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.get_locale_untracked() == Locale::en;
    let name = move |f: &FacetCount| {
        if english {
            f.name_en.clone()
        } else {
            f.name.clone()
        }
    };
    let active = [
        query.category.is_some(),
        query.province.is_some(),
        query.min_price.is_some() || query.max_price.is_some(),
        query.in_stock,
        query.flagship,
    ]
    .into_iter()
    .filter(|a| *a)
    .count();
    let summary = if active > 0 {
        format!("{} ({active})", t_string!(i18n, filters))
    } else {
        t_string!(i18n, filters).to_string()
    };
    // Each value links to the search with it chosen, or without it when it already is.
    let choices = |list: &[FacetCount],
                   chosen: &Option<String>,
                   choose: fn(&mut SearchQuery, Option<String>)| {
        list.iter()
            .map(|f| {
                let on = chosen.as_deref() == Some(f.key.as_str());
                let key = (!on).then(|| f.key.clone());
                let href = query.with(|q| choose(q, key));
                view! { <Choice href label=name(f) count=f.count active=on /> }
            })
            .collect_view()
    };
    let categories = choices(&facets.categories, &query.category, |q, key| {
        q.category = key
    });
    let provinces = choices(&facets.provinces, &query.province, |q, key| {
        q.province = key;
        q.regency = None;
    });
    let regencies = (!facets.regencies.is_empty()).then(|| {
        let list = choices(&facets.regencies, &query.regency, |q, key| q.regency = key);
        view! {
            <fieldset>
                <legend>{t!(i18n, filter_regency)}</legend>
                <ul class="choices" data-testid="facet-regency">{list}</ul>
            </fieldset>
        }
    });
    let bands = PRICE_BANDS
        .iter()
        .zip(&facets.price_bands)
        .map(|(&(min, max), &count)| {
            let on = query.min_price == min && query.max_price == max;
            let href = query.with(|q| {
                (q.min_price, q.max_price) = if on { (None, None) } else { (min, max) };
            });
            let label = match (min, max) {
                (None, Some(max)) => format!("≤ {}", rupiah(max)),
                (Some(min), None) => format!("≥ {}", rupiah(min)),
                (Some(min), Some(max)) => format!("{} – {}", rupiah(min), thousands(max)),
                (None, None) => String::new(),
            };
            view! { <Choice href label count active=on /> }
        })
        .collect_view();
    let in_stock_href = query.with(|q| q.in_stock = !q.in_stock);
    let flagship_href = query.with(|q| q.flagship = !q.flagship);
    view! {
        <details class="filters" open={ active > 0 }>
            <summary>{summary}</summary>
            <fieldset>
                <legend>{t!(i18n, filter_category)}</legend>
                <ul class="choices" data-testid="facet-category">{categories}</ul>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, filter_province)}</legend>
                <ul class="choices" data-testid="facet-province">{provinces}</ul>
            </fieldset>
            {regencies}
            <fieldset>
                <legend>{t!(i18n, filter_price)}</legend>
                <ul class="choices" data-testid="facet-price">{bands}</ul>
                <PriceForm
                    query=query.clone()
                    min=query.min_price.map(|p| p.to_string()).unwrap_or_default()
                    max=query.max_price.map(|p| p.to_string()).unwrap_or_default()
                />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, filter_more)}</legend>
                <ul class="choices" data-testid="facet-more">
                    <Choice
                        href=in_stock_href
                        label=t_string!(i18n, filter_in_stock).to_string()
                        count=facets.in_stock
                        active=query.in_stock
                    />
                    <Choice
                        href=flagship_href
                        label=t_string!(i18n, filter_flagship).to_string()
                        count=facets.flagship
                        active=query.flagship
                    />
                </ul>
            </fieldset>
        </details>
    }
}

/// Minimum and maximum price, sent with the rest of the search as hidden fields.
#[component]
fn PriceForm(query: SearchQuery, min: String, max: String) -> impl IntoView {
    let i18n = use_i18n();
    let keep = SearchQuery {
        min_price: None,
        max_price: None,
        page: 1,
        ..query
    };
    let hidden = form_urlencoded::parse(
        keep.url()
            .trim_start_matches("/cari")
            .trim_start_matches('?')
            .as_bytes(),
    )
    .map(|(k, v)| view! { <input type="hidden" name=k.into_owned() value=v.into_owned() /> })
    .collect_view();
    view! {
        <form class="price-form" action="/cari" method="get">
            {hidden}
            <label>
                {t!(i18n, price_min)}
                <input name="harga_min" inputmode="numeric" value=min placeholder="0" />
            </label>
            <label>
                {t!(i18n, price_max)}
                <input name="harga_max" inputmode="numeric" value=max placeholder="1.000.000" />
            </label>
            <button type="submit">{t!(i18n, apply)}</button>
        </form>
    }
}

#[component]
fn Pager(query: SearchQuery, pages: u32) -> impl IntoView {
    let i18n = use_i18n();
    let here = query.page;
    (pages > 1).then(|| {
        let prev = (here > 1).then(|| {
            view! {
                <a href=query.on_page(here - 1) rel="prev">
                    {t!(i18n, page_prev)}
                </a>
            }
        });
        let next = (here < pages).then(|| {
            view! {
                <a href=query.on_page(here + 1) rel="next">
                    {t!(i18n, page_next)}
                </a>
            }
        });
        view! {
            <nav class="pager" aria-label=t_string!(i18n, pages) data-testid="pager">
                {prev}
                <span>{format!("{} {here} / {pages}", t_string!(i18n, page))}</span>
                {next}
            </nav>
        }
    })
}
