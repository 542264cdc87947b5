//! Search at `/cari`: a GET form whose whole state is in the URL, with filters that show their counts.
#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod matching;
mod page;
mod params;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
mod spelling;
mod suggest;
#[cfg(feature = "ssr")]
mod tsquery;

use serde::{Deserialize, Serialize};

pub use page::SearchPage;
pub use params::{MAX_PAGE, PAGE_SIZE, PRICE_BANDS, ParamError, SearchQuery, Sort};
pub use suggest::{SearchForm, Suggestion};

use super::ProductCard;

/// One page of results with the counts for every filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub items: Vec<ProductCard>,
    pub total: i64,
    pub facets: Facets,
    /// Set when nothing matched what was typed and these are the results of a corrected spelling.
    pub corrected: Option<String>,
}

/// How many results each filter value would give, with the other filters kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    pub categories: Vec<FacetCount>,
    pub provinces: Vec<FacetCount>,
    /// Only when a province is chosen.
    pub regencies: Vec<FacetCount>,
    /// One count per entry of [`PRICE_BANDS`].
    pub price_bands: Vec<i64>,
    pub in_stock: i64,
    pub flagship: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetCount {
    /// Category slug or region code.
    pub key: String,
    pub name: String,
    /// The English name, for categories; regions have one name.
    pub name_en: String,
    pub count: i64,
}
