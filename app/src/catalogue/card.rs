use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::*;
use crate::money::rupiah;

/// A product as lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub slug: String,
    pub name: String,
    pub price_rupiah: i64,
    pub unit: String,
    pub image_key: Option<String>,
    pub village: String,
    pub province: String,
}

/// Where a stored picture is served, or the placeholder for a product without one.
pub fn image_url(image_key: Option<&str>) -> String {
    image_key.map_or_else(
        || "/placeholder.svg".to_string(),
        |key| format!("/media/{key}"),
    )
}

#[component]
pub fn ProductCardView(product: ProductCard, #[prop(optional)] eager: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/p/{}", product.slug);
    let alt = format!("{} {}", t_string!(i18n, photo_of), product.name);
    view! {
        <li class="card">
            <a href=href>
                <img
                    src=image_url(product.image_key.as_deref())
                    alt=alt
                    width="400"
                    height="300"
                    loading=if eager { "eager" } else { "lazy" }
                />
                <h2>{product.name}</h2>
                <p class="price">{rupiah(product.price_rupiah)} <span class="unit">" / " {product.unit}</span></p>
                <p class="origin">{product.village} ", " {product.province}</p>
            </a>
        </li>
    }
}
