//! A bar chart of one count per day or week, drawn on the server as SVG: no chart library reaches the
//! phone.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayCount {
    /// `YYYY-MM-DD`, Jakarta time: the day, or a week's Monday.
    pub day: String,
    pub count: i64,
}

const WIDTH: f64 = 300.0;
const BARS_HEIGHT: f64 = 100.0;
/// Room above the bars for the highest count.
const TOP: f64 = 14.0;
/// Room under the bars for the first and last day.
const LABELS_HEIGHT: f64 = 16.0;

/// `days` oldest first; `label` says what the chart shows, for screen readers.
#[component]
pub fn DayChart(
    days: Vec<DayCount>,
    label: String,
    testid: &'static str,
    /// The counts are Rupiah.
    #[prop(optional)]
    money: bool,
) -> impl IntoView {
    let highest = days.iter().map(|d| d.count).max().unwrap_or(0).max(1);
    let step = WIDTH / days.len().max(1) as f64;
    let bars = days
        .iter()
        .enumerate()
        .filter(|(_, day)| day.count > 0)
        .map(|(i, day)| {
            let height = (day.count as f64 / highest as f64 * BARS_HEIGHT).max(1.0);
            view! {
                <rect
                    x=format!("{:.1}", i as f64 * step + 1.0)
                    y=format!("{:.1}", TOP + BARS_HEIGHT - height)
                    width=format!("{:.1}", (step - 2.0).max(1.0))
                    height=format!("{height:.1}")
                    data-day=day.day.clone()
                    data-count=day.count
                />
            }
        })
        .collect_view();
    let first = days.first().map(|d| short_date(&d.day)).unwrap_or_default();
    let last = days.last().map(|d| short_date(&d.day)).unwrap_or_default();
    let axis = TOP + BARS_HEIGHT;
    let bottom = axis + LABELS_HEIGHT;
    view! {
        <svg
            class="day-chart"
            viewBox=format!("0 0 {WIDTH} {bottom}")
            role="img"
            aria-label=label
            data-testid=testid
        >
            <line class="axis" x1="0" y1=axis x2=WIDTH y2=axis />
            <line class="peak" x1="0" y1=TOP x2=WIDTH y2=TOP />
            <text x="0" y=TOP - 3.0>{if money { crate::money::rupiah(highest) } else { crate::money::grouped(highest.max(0) as u64) }}</text>
            <g class="bars">{bars}</g>
            <text x="0" y=bottom - 2.0>{first}</text>
            <text x=WIDTH y=bottom - 2.0 text-anchor="end">{last}</text>
        </svg>
    }
}

/// "2026-11-28" → "28/11".
fn short_date(day: &str) -> String {
    match (day.get(8..10), day.get(5..7)) {
        (Some(d), Some(m)) => format!("{d}/{m}"),
        _ => day.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_day_and_month() {
        assert_eq!(super::short_date("2026-11-28"), "28/11");
    }
}
