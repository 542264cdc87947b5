//! The OVOP programme's coverage for officials (`/petugas`, `/petugas/wilayah/{code}`): for each region
//! inside the one looked at, how many villages have a verified BUMDes and a flagship product buyers can
//! see, with products, orders, GMV and pending verifications; a map, a weekly trend, a table and a CSV.
#[cfg(feature = "ssr")]
pub mod csv;
mod map;
#[cfg(feature = "ssr")]
mod outlines;
mod page;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(all(test, feature = "ssr"))]
mod queries_tests;
mod table;

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub use page::coverage_of;
pub use page::{CoverageView, RegionCoveragePage, home_choice, region_coverage};

use crate::chart::DayCount;
use crate::village::RegionName;

/// A figure as shown: `83.762`.
fn count(n: i64) -> String {
    crate::money::grouped(n.max(0) as u64)
}

/// Where the drill-down into a region is.
pub fn region_path(code: &str) -> String {
    format!("/petugas/wilayah/{code}")
}

/// The period orders and GMV are counted over: the last 30 days, 90 days or year, today included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    #[default]
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Month, Period::Quarter, Period::Year];

    pub fn days(self) -> i32 {
        match self {
            Period::Month => 30,
            Period::Quarter => 90,
            Period::Year => 365,
        }
    }

    /// The value of `?periode=` in links.
    pub fn key(self) -> &'static str {
        match self {
            Period::Month => "30",
            Period::Quarter => "90",
            Period::Year => "365",
        }
    }

    pub fn from_key(key: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// What the table is ordered by (`?urut=`), largest first except for names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortBy {
    #[default]
    Name,
    Coverage,
    Gmv,
    Pending,
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [SortBy::Name, SortBy::Coverage, SortBy::Gmv, SortBy::Pending];

    pub fn key(self) -> &'static str {
        match self {
            SortBy::Name => "nama",
            SortBy::Coverage => "cakupan",
            SortBy::Gmv => "gmv",
            SortBy::Pending => "menunggu",
        }
    }

    pub fn from_key(key: &str) -> Option<SortBy> {
        SortBy::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn sort(self, areas: &mut [Area]) {
        match self {
            SortBy::Name => areas.sort_by(|a, b| a.name.cmp(&b.name).then(a.code.cmp(&b.code))),
            SortBy::Coverage => areas.sort_by(|a, b| {
                (b.figures.share_per_mille())
                    .cmp(&a.figures.share_per_mille())
                    .then(a.name.cmp(&b.name))
            }),
            SortBy::Gmv => areas.sort_by(|a, b| {
                (b.figures.gmv_rupiah)
                    .cmp(&a.figures.gmv_rupiah)
                    .then(a.name.cmp(&b.name))
            }),
            SortBy::Pending => areas.sort_by(|a, b| {
                (b.figures.pending)
                    .cmp(&a.figures.pending)
                    .then(a.name.cmp(&b.name))
            }),
        }
    }
}

/// One region's figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub villages: i64,
    /// Villages with a verified BUMDes.
    pub verified_villages: i64,
    /// Villages with a flagship product buyers can see: the programme's target.
    pub covered_villages: i64,
    /// Products buyers can see.
    pub products: i64,
    /// Orders placed in the period, cancelled and expired ones left out.
    pub orders: i64,
    /// Subtotals of the period's orders that are done.
    pub gmv_rupiah: i64,
    /// BUMDes waiting for verification.
    pub pending: i64,
}

impl Figures {
    /// Covered villages per thousand villages, rounded down: what the map colours and the table sorts.
    pub fn share_per_mille(&self) -> i64 {
        (self.covered_villages * 1000)
            .checked_div(self.villages)
            .unwrap_or(0)
    }

    /// "12,3 %" (Indonesian decimal comma).
    pub fn share_text(&self) -> String {
        format!("{} %", self.share_percent())
    }

    /// "12,3": the share in per cent, for a CSV's column.
    pub fn share_percent(&self) -> String {
        let permille = self.share_per_mille();
        format!("{},{}", permille / 10, permille % 10)
    }

    pub fn add(&mut self, other: &Figures) {
        self.villages += other.villages;
        self.verified_villages += other.verified_villages;
        self.covered_villages += other.covered_villages;
        self.products += other.products;
        self.orders += other.orders;
        self.gmv_rupiah += other.gmv_rupiah;
        self.pending += other.pending;
    }
}

/// A region inside the one looked at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub figures: Figures,
    /// Its outline as SVG path data in the map's coordinates; provinces and regencies only.
    pub outline: Option<String>,
}

/// A coverage page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// `None`: the whole country.
    pub code: Option<String>,
    pub name: Option<String>,
    /// The regions above this one that the official may open, outermost first.
    pub above: Vec<RegionName>,
    /// The official looks at their own region (their home page) rather than one inside it.
    pub home: bool,
    pub period: Period,
    pub sort: SortBy,
    pub total: Figures,
    pub areas: Vec<Area>,
    /// The areas are villages: they link to their public pages rather than further down.
    pub villages: bool,
    /// The map's viewBox, when the areas have outlines.
    pub view_box: Option<String>,
    /// Villages covered at the end of each week of the period, then each week's GMV; Monday first.
    pub covered_weeks: Vec<DayCount>,
    pub gmv_weeks: Vec<DayCount>,
    /// "DD-MM-YYYY HH:MM" (Jakarta) of the figures' last count.
    pub counted_at: Option<String>,
}

impl Coverage {
    /// This page's address with another period or order.
    pub fn link(&self, period: Period, sort: SortBy) -> String {
        let base = match (&self.code, self.home) {
            (Some(code), false) => region_path(code),
            _ => "/petugas".to_string(),
        };
        format!("{base}?periode={}&urut={}", period.key(), sort.key())
    }

    /// Where the CSV of this page's table is downloaded.
    pub fn csv_link(&self) -> String {
        let base = match &self.code {
            Some(code) => region_path(code),
            None => "/petugas".to_string(),
        };
        format!("{base}/cakupan.csv?periode={}", self.period.key())
    }
}
