//! The choropleth: each area's outline filled by its share of covered villages, linking to its own
//! coverage, with the legend of the shares.
use leptos::prelude::*;

use super::Area;
use crate::i18n::*;

/// The shades' upper bounds in villages per thousand, and their legend; the last shade has none.
const SHADES: [(i64, &str); 5] = [
    (0, "0 %"),
    (10, "< 1 %"),
    (50, "1–5 %"),
    (200, "5–20 %"),
    (500, "20–50 %"),
];
const TOP_SHADE: &str = "≥ 50 %";

/// The shade class of a share: `shade-0` for none, up to `shade-5` for half the villages or more.
fn shade(per_mille: i64) -> String {
    let index = SHADES
        .iter()
        .position(|&(below, _)| {
            if below == 0 {
                per_mille == 0
            } else {
                per_mille < below
            }
        })
        .unwrap_or(SHADES.len());
    format!("shade-{index}")
}

#[component]
pub fn CoverageMap(view_box: String, areas: Vec<Area>) -> impl IntoView {
    let i18n = use_i18n();
    let shapes = (areas.into_iter())
        .filter_map(|area| {
            let outline = area.outline?;
            let share = area.figures.share_text();
            Some(view! {
                <a href=super::region_path(&area.code) aria-label=format!("{}: {share}", area.name)
                    data-code=area.code.clone()>
                    <path d=outline class=shade(area.figures.share_per_mille()) />
                </a>
            })
        })
        .collect_view();
    let legend = (SHADES.iter().map(|(_, text)| *text))
        .chain([TOP_SHADE])
        .enumerate()
        .map(|(i, text)| view! { <li><span class=format!("swatch shade-{i}")></span>{text}</li> })
        .collect_view();
    view! {
        <figure class="coverage-map">
            <svg viewBox=view_box data-testid="coverage-map" aria-label=t_string!(i18n, coverage_map)>
                {shapes}
            </svg>
            <figcaption>
                {t!(i18n, coverage_map_legend)}
                <ul class="legend">{legend}</ul>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::shade;

    #[test]
    fn shares_fall_into_the_legends_shades() {
        for (per_mille, class) in [
            (0, "shade-0"),
            (1, "shade-1"),
            (9, "shade-1"),
            (10, "shade-2"),
            (49, "shade-2"),
            (50, "shade-3"),
            (499, "shade-4"),
            (500, "shade-5"),
            (1000, "shade-5"),
        ] {
            assert_eq!(shade(per_mille), class, "{per_mille}");
        }
    }
}
