//! The product page: what a buyer needs to decide, and what search engines and chat apps read.
mod page;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod views;

use serde::{Deserialize, Serialize};

pub use page::ProductPage;

/// Everything the product page shows, with the names of the regions it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub price_rupiah: i64,
    pub stock: i32,
    pub unit: String,
    pub weight_grams: i32,
    /// The category's slug, and its names.
    pub category: String,
    pub category_id: String,
    pub category_en: String,
    pub is_flagship: bool,
    pub image_key: Option<String>,
    /// Every photo's key, in the seller's order (the first is `image_key`).
    pub photos: Vec<String>,
    pub bumdes_name: String,
    pub bumdes_story: String,
    pub bumdes_whatsapp: String,
    /// The office that verified the BUMDes, and the date (`DD-MM-YYYY`).
    pub verified_office: Option<String>,
    pub verified_on: Option<String>,
    pub village_code: String,
    pub village: String,
    pub district: String,
    pub regency: String,
    pub province: String,
}
