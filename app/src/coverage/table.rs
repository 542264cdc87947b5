//! The areas' figures as a table whose headers re-order it (links, so it works without JavaScript),
//! with the CSV download of the same rows.
use leptos::prelude::*;

use super::{Area, Coverage, SortBy, count};
use crate::i18n::*;
use crate::money::rupiah;

#[component]
pub fn CoverageTable(coverage: Coverage) -> impl IntoView {
    let i18n = use_i18n();
    let header = |sort: SortBy, text: String| {
        let current = coverage.sort == sort;
        let link = coverage.link(coverage.period, sort);
        view! {
            <th scope="col" aria-sort=current.then_some(if sort == SortBy::Name { "ascending" } else { "descending" })>
                <a href=link>{text}</a>
            </th>
        }
    };
    let villages = coverage.villages;
    let rows = (coverage.areas.iter())
        .map(|area| view! { <Row area=area.clone() villages /> })
        .collect_view();
    view! {
        <h2>{t!(i18n, coverage_table)}</h2>
        <p><a href=coverage.csv_link() download data-testid="coverage-csv">{t!(i18n, coverage_csv)}</a></p>
        <div class="table-scroll" role="region" tabindex="0" aria-label=t_string!(i18n, coverage_table)>
            <table class="coverage-table" data-testid="coverage-table">
                <thead>
                    <tr>
                        {header(SortBy::Name, t_string!(i18n, coverage_region).to_string())}
                        <th scope="col">{t!(i18n, coverage_villages)}</th>
                        <th scope="col">{t!(i18n, coverage_verified)}</th>
                        {header(SortBy::Coverage, t_string!(i18n, coverage_covered).to_string())}
                        <th scope="col">{t!(i18n, coverage_products)}</th>
                        <th scope="col">{t!(i18n, coverage_orders)}</th>
                        {header(SortBy::Gmv, t_string!(i18n, coverage_gmv).to_string())}
                        {header(SortBy::Pending, t_string!(i18n, coverage_pending).to_string())}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn Row(area: Area, villages: bool) -> impl IntoView {
    let link = if villages {
        crate::village::region_url(&area.code)
    } else {
        super::region_path(&area.code)
    };
    let f = area.figures;
    view! {
        <tr data-code=area.code.clone()>
            <th scope="row"><a href=link>{area.name}</a></th>
            <td>{count(f.villages)}</td>
            <td>{count(f.verified_villages)}</td>
            <td>{count(f.covered_villages)} " (" {f.share_text()} ")"</td>
            <td>{count(f.products)}</td>
            <td>{count(f.orders)}</td>
            <td>{rupiah(f.gmv_rupiah)}</td>
            <td>{count(f.pending)}</td>
        </tr>
    }
}
