//! The coverage of one region: on an official's home page for their own region, and at
//! `/petugas/wilayah/{code}` for a region inside it.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::map::CoverageMap;
use super::table::CoverageTable;
use super::{Coverage, Period, count};
use crate::chart::DayChart;
use crate::error::AppError;
use crate::i18n::*;
use crate::money::rupiah;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;

/// `code` empty: the official's own region. 404 for no such province, regency or district, 403 for one
/// outside the official's region, 400 for a period or order the page does not offer.
#[server(endpoint = "region_coverage")]
pub async fn region_coverage(
    code: String,
    periode: String,
    urut: String,
) -> Result<Coverage, AppError> {
    let me = crate::officials::session::require_official().await?;
    coverage_of(&crate::state::pool(), &me, &code, &periode, &urut).await
}

/// The page's figures for `me`, from the address's code (empty: their own region), period and order.
#[cfg(feature = "ssr")]
pub async fn coverage_of(
    pool: &sqlx::PgPool,
    me: &crate::officials::Official,
    code: &str,
    period: &str,
    sort: &str,
) -> Result<Coverage, AppError> {
    use crate::officials::scope::{covers, is_official_region};
    let period = match period {
        "" => Period::default(),
        key => Period::from_key(key).ok_or(AppError::BadChoice)?,
    };
    let sort = match sort {
        "" => super::SortBy::default(),
        key => super::SortBy::from_key(key).ok_or(AppError::BadChoice)?,
    };
    let home = code.is_empty();
    let code = if home {
        me.region_code.clone()
    } else {
        Some(code.to_string())
    };
    let name = match code.as_deref() {
        None => None,
        Some(code) => {
            if !is_official_region(code) {
                return Err(AppError::NotFound);
            }
            let name = super::queries::region_name(pool, code).await?;
            if name.is_none() {
                return Err(AppError::NotFound);
            }
            if !covers(me.region_code.as_deref(), Some(code)) {
                return Err(AppError::Forbidden);
            }
            name
        }
    };
    let above = match code.as_deref() {
        None => Vec::new(),
        Some(code) => (crate::village::queries::trail(pool, code).await?)
            .map(|trail| trail.0)
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.code != code && covers(me.region_code.as_deref(), Some(&r.code)))
            .collect(),
    };
    let mut areas = super::queries::areas(pool, code.as_deref(), period).await?;
    let view_box = super::outlines::draw(&mut areas);
    sort.sort(&mut areas);
    let mut total = super::Figures::default();
    for area in &areas {
        total.add(&area.figures);
    }
    let (covered_weeks, gmv_weeks) = super::queries::weeks(pool, code.as_deref(), period).await?;
    Ok(Coverage {
        villages: code.as_deref().is_some_and(|c| c.len() == 8),
        code,
        name,
        above,
        home,
        period,
        sort,
        total,
        areas,
        view_box,
        covered_weeks,
        gmv_weeks,
        counted_at: super::queries::counted_at(pool).await?,
    })
}

/// The address's code, period and order, as the server function takes them.
fn asked(code: String) -> (String, String, String) {
    let query = use_query_map();
    query.with(|q| {
        (
            code,
            q.get("periode").unwrap_or_default(),
            q.get("urut").unwrap_or_default(),
        )
    })
}

#[component]
pub fn RegionCoveragePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || asked(params.read().get("code").unwrap_or_default()),
        |(code, period, sort)| region_coverage(code, period, sort),
    );
    view! {
        <PrivatePage data login=crate::officials::LOGIN page=|coverage: Coverage| {
            let title = coverage.name.clone().unwrap_or_default();
            view! {
                <Title text=title />
                <section class="dashboard"><CoverageView coverage /></section>
            }
        } />
    }
}

/// The address's period and order for the home page's coverage.
pub fn home_choice() -> (String, String) {
    let (_, period, sort) = asked(String::new());
    (period, sort)
}

#[component]
pub fn CoverageView(coverage: Coverage) -> impl IntoView {
    let i18n = use_i18n();
    let name = (coverage.name.clone())
        .unwrap_or_else(|| t_string!(i18n, official_whole_country).to_string());
    let up = (coverage.above.iter())
        .map(|r| view! { <li><a href=super::region_path(&r.code)>{r.name.clone()}</a></li> })
        .collect_view();
    let periods = Period::ALL
        .map(|period| {
            let text = match period {
                Period::Month => t_string!(i18n, coverage_period_30),
                Period::Quarter => t_string!(i18n, coverage_period_90),
                Period::Year => t_string!(i18n, coverage_period_365),
            };
            let current = (period == coverage.period).then_some("page");
            view! { <li><a href=coverage.link(period, coverage.sort) aria-current=current>{text}</a></li> }
        })
        .collect_view();
    let total = coverage.total.clone();
    let counted = (coverage.counted_at.clone())
        .map(|at| view! { <p class="note">{t!(i18n, coverage_counted_at)} " " {at}</p> });
    let map = (coverage.view_box.clone())
        .map(|view_box| view! { <CoverageMap view_box areas=coverage.areas.clone() /> });
    let label = |what: String| format!("{what} — {name}");
    // On the home page the coverage comes under the console's own heading, without the way up.
    let heading = if coverage.home {
        view! { <h2 data-testid="coverage-name">{name.clone()}</h2> }.into_any()
    } else {
        view! {
            <nav aria-label=t_string!(i18n, coverage_trail)>
                <ol class="trail">
                    <li><a href="/petugas">{t!(i18n, official_home_title)}</a></li>
                    {up}
                </ol>
            </nav>
            <h1 data-testid="coverage-name">{name.clone()}</h1>
        }
        .into_any()
    };
    view! {
        <div class="coverage" data-testid="coverage">
            {heading}
            <p class="coverage-target" data-testid="coverage-share">
                <strong>{total.share_text()}</strong> " " {t!(i18n, coverage_target_of)} " "
                {count(total.covered_villages)} " / " {count(total.villages)} " "
                {t!(i18n, coverage_villages_word)}
            </p>
            <nav aria-label=t_string!(i18n, coverage_period)>
                <ul class="periods">{periods}</ul>
            </nav>
            <dl class="figures">
                <div><dt>{t!(i18n, coverage_verified)}</dt><dd>{count(total.verified_villages)}</dd></div>
                <div><dt>{t!(i18n, coverage_products)}</dt><dd>{count(total.products)}</dd></div>
                <div><dt>{t!(i18n, coverage_orders)}</dt><dd>{count(total.orders)}</dd></div>
                <div><dt>{t!(i18n, coverage_pending)}</dt>
                    <dd><a href="/petugas/verifikasi">{count(total.pending)}</a></dd></div>
                // A whole row: a national GMV runs to a dozen digits.
                <div class="wide"><dt>{t!(i18n, coverage_gmv)}</dt><dd>{rupiah(total.gmv_rupiah)}</dd></div>
            </dl>
            {counted}
            {map}
            <h2>{t!(i18n, coverage_trend)}</h2>
            <h3>{t!(i18n, coverage_covered_weekly)}</h3>
            <DayChart days=coverage.covered_weeks.clone() testid="covered-chart"
                label=label(t_string!(i18n, coverage_covered_weekly).to_string()) />
            <h3>{t!(i18n, coverage_gmv_weekly)}</h3>
            <DayChart days=coverage.gmv_weeks.clone() testid="gmv-chart" money=true
                label=label(t_string!(i18n, coverage_gmv_weekly).to_string()) />
            <CoverageTable coverage />
        </div>
    }
}
