//! What the open data API answers: stable English field names, money in whole Rupiah, regions by their
//! Kemendagri codes, and nothing about any buyer. The OpenAPI document's schemas are made from these
//! types, so the two cannot drift apart.
use serde::Serialize;
use utoipa::ToSchema;

/// A region by its Kemendagri code.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RegionRef {
    #[schema(example = "52.04")]
    pub code: String,
    #[schema(example = "Sumbawa")]
    pub name: String,
}

/// The village a product or BUMDes is in, with the regions above it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Origin {
    pub village: RegionRef,
    pub district: RegionRef,
    pub regency: RegionRef,
    pub province: RegionRef,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Category {
    #[schema(example = "kopi-teh")]
    pub slug: String,
    /// The Indonesian name.
    #[schema(example = "Kopi & Teh")]
    pub name: String,
    #[schema(example = "Coffee & Tea")]
    pub name_en: String,
}

/// The village-owned enterprise (BUMDes) that sells a product.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Seller {
    pub slug: String,
    pub name: String,
    /// The office that verified the BUMDes.
    pub verified_by: Option<String>,
    /// The day it was verified, `YYYY-MM-DD`.
    #[schema(example = "2026-11-02")]
    pub verified_on: Option<String>,
}

/// A product buyers can see: published, sold by a verified BUMDes.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Product {
    #[schema(example = "kopi-arabika-gayo")]
    pub slug: String,
    pub name: String,
    /// The product's page.
    pub url: String,
    /// Whole Rupiah.
    #[schema(example = 85000)]
    pub price: i64,
    /// What the price is for: `250 g`, `botol`…
    pub unit: String,
    pub stock: i32,
    /// The village's flagship product (*produk unggulan*).
    pub flagship: bool,
    pub category: Category,
    /// A 640 px wide WebP photo, when the seller added one.
    pub image_url: Option<String>,
    pub origin: Origin,
    pub seller: Seller,
    /// The day the product was listed, `YYYY-MM-DD`.
    pub listed_on: String,
}

/// One product, with what its page says besides.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProductDetail {
    #[serde(flatten)]
    pub product: Product,
    pub description: String,
    pub weight_grams: i32,
    /// Every photo, 640 px wide, in the seller's order.
    pub photo_urls: Vec<String>,
}

/// A window of search results.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProductList {
    pub items: Vec<Product>,
    /// How many products match, over every window.
    pub total: i64,
    /// Pass as `cursor` for the next window; `null` on the last.
    pub next_cursor: Option<String>,
    /// Set when nothing matched `q` as typed and these are the results for this spelling.
    pub corrected_query: Option<String>,
}

/// A verified BUMDes.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Bumdes {
    pub slug: String,
    pub name: String,
    /// The story the BUMDes tells buyers.
    pub story: String,
    /// Its village's page, where its products are.
    pub url: String,
    pub origin: Origin,
    pub verified_by: Option<String>,
    /// `YYYY-MM-DD`.
    pub verified_on: Option<String>,
    /// Products buyers can see.
    pub products: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct BumdesList {
    pub items: Vec<Bumdes>,
    /// Pass as `cursor` for the next window; `null` on the last.
    pub next_cursor: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Province,
    Regency,
    District,
    Village,
}

impl Level {
    /// From a region code's length.
    pub fn of(code: &str) -> Level {
        match code.len() {
            2 => Level::Province,
            5 => Level::Regency,
            8 => Level::District,
            _ => Level::Village,
        }
    }
}

/// The OVOP programme's figures for a region.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct Coverage {
    pub villages: i64,
    /// Villages with a verified BUMDes.
    pub verified_villages: i64,
    /// Villages whose flagship product buyers can see: the programme's target.
    pub covered_villages: i64,
    /// `covered_villages / villages`, from 0 to 1, to four places.
    #[schema(example = 0.1234)]
    pub coverage_share: f64,
    /// Products buyers can see.
    pub products: i64,
    /// Orders placed in the period, cancelled and expired ones left out.
    pub orders: i64,
    /// Subtotals of the period's completed orders, whole Rupiah.
    pub gmv: i64,
    /// BUMDes waiting for an official's verification.
    pub pending_verifications: i64,
}

/// A region with its figures.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RegionCoverage {
    #[schema(example = "52.04")]
    pub code: String,
    pub name: String,
    pub level: Level,
    /// This region's own entry in the API.
    pub url: String,
    pub coverage: Coverage,
}

/// The regions inside one (or the provinces), with their figures.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RegionList {
    /// `null`: the provinces of the whole country.
    pub parent: Option<RegionRef>,
    /// The days orders and GMV are counted over, today included.
    #[schema(example = 30)]
    pub period_days: i32,
    /// When the figures were last counted (every few minutes), RFC 3339.
    pub counted_at: Option<String>,
    /// The figures of all the regions listed together.
    pub total: Coverage,
    pub items: Vec<RegionCoverage>,
}

/// One region's figures.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Region {
    #[schema(example = "52.04")]
    pub code: String,
    pub name: String,
    pub level: Level,
    /// The regions it lies in, the province first.
    pub above: Vec<RegionRef>,
    #[schema(example = 30)]
    pub period_days: i32,
    /// RFC 3339.
    pub counted_at: Option<String>,
    pub coverage: Coverage,
    /// The regions inside it with their figures; `null` for a village.
    pub children_url: Option<String>,
}

/// Every refusal and failure.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ApiError {
    /// For programs: `invalid_parameter`, `not_found`, `method_not_allowed`, `rate_limited` or
    /// `internal`.
    #[schema(example = "invalid_parameter")]
    pub error: String,
    /// For people, in Indonesian (or English when `Accept-Language` asks for it).
    pub message: String,
    /// The query parameter at fault, for `invalid_parameter`.
    pub parameter: Option<String>,
}
