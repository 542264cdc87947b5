//! Open data: a read-only public API under `/api/v1/` (products with the search page's filters,
//! verified BUMDes, the programme's coverage by region) described by an OpenAPI document, bulk CSV of
//! coverage per region, and the page `/data` that explains them, under CC BY 4.0.
#[cfg(feature = "ssr")]
pub mod bulk;
mod page;
#[cfg(feature = "ssr")]
pub mod params;
#[cfg(feature = "ssr")]
pub mod problem;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(all(test, feature = "ssr"))]
mod queries_tests;
#[cfg(feature = "ssr")]
pub mod schema;

pub use page::DataPage;

/// Where the API is.
pub const API: &str = "/api/v1";

/// Whether a path is the API's (server functions are under `/api/` too).
pub fn is_api(path: &str) -> bool {
    path.strip_prefix(API)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A region's entry in the API.
pub fn region_path(code: &str) -> String {
    format!("{API}/regions/{code}")
}

/// The levels the bulk CSV downloads come in: the name in their address, and the region level.
pub const BULK_LEVELS: [(&str, &str); 4] = [
    ("provinsi", "province"),
    ("kabupaten", "regency"),
    ("kecamatan", "district"),
    ("desa", "village"),
];

/// Where a level's bulk CSV is downloaded.
pub fn bulk_path(name: &str) -> String {
    format!("/data/cakupan-{name}.csv")
}
