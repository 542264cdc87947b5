//! Browsing by region: `/wilayah` down to the villages, and each village's page at `/desa/{code}`.
mod browse;
mod page;
#[cfg(feature = "ssr")]
pub mod queries;

use serde::{Deserialize, Serialize};

pub use browse::{RegionsPage, find_regions, regions_under};
pub use page::VillagePage;

/// A region with what Lumbung has in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionCount {
    pub code: String,
    pub name: String,
    pub products: i64,
    pub bumdes: i64,
}

/// A region found by name, with its address and counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionHit {
    pub code: String,
    pub address: String,
    pub products: i64,
    pub bumdes: i64,
}

/// A verified BUMDes as its village page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BumdesProfile {
    pub name: String,
    pub story: String,
    pub whatsapp: String,
    /// The office that verified it, and the date (`DD-MM-YYYY`).
    pub verified_office: Option<String>,
    pub verified_on: Option<String>,
}

/// A region and the regions above it, province first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trail(pub Vec<RegionName>);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionName {
    pub code: String,
    pub name: String,
}

impl Trail {
    /// "Desa, Kecamatan, Kabupaten, Provinsi": nearest first, as Indonesians write an address.
    pub fn address(&self) -> String {
        self.0
            .iter()
            .rev()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Whether a region code is a village's (PP.KK.CC.VVVV); the levels above have shorter codes.
pub fn is_village(code: &str) -> bool {
    code.len() == "11.01.01.2001".len()
}

/// Where a region is shown: villages have their own page, the levels above list what they contain.
pub fn region_url(code: &str) -> String {
    if is_village(code) {
        format!("/desa/{code}")
    } else {
        format!("/wilayah/{code}")
    }
}
