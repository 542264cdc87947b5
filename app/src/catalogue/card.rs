use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::picture::{Loading, Picture};
use crate::i18n::*;
use crate::money::rupiah;
use crate::verified_badge::VerifiedBadge;

/// A product as lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProductCard {
    pub slug: String,
    pub name: String,
    pub price_rupiah: i64,
    pub unit: String,
    pub image_key: Option<String>,
    pub village: String,
    pub province: String,
    /// The office that verified its BUMDes, and the date (`DD-MM-YYYY`).
    pub verified_office: Option<String>,
    pub verified_on: Option<String>,
}

/// The widths every product picture is stored at.
pub const IMAGE_WIDTHS: [u32; 4] = [160, 320, 640, 1280];

/// The file of one size of a stored picture, under the media folder.
pub fn image_path(image_key: &str, width: u32) -> String {
    format!("{image_key}-{width}.webp")
}

/// Where one size of a stored picture is served, or the placeholder for a product without one.
pub fn image_url(image_key: Option<&str>, width: u32) -> String {
    image_key.map_or_else(
        || "/placeholder.svg".to_string(),
        |key| format!("/media/{}", image_path(key, width)),
    )
}

/// Every size of a stored picture, for `srcset`; empty for the placeholder, which scales itself.
pub fn image_srcset(image_key: Option<&str>) -> Option<String> {
    image_key.map(|key| {
        IMAGE_WIDTHS
            .iter()
            .map(|&w| format!("/media/{} {w}w", image_path(key, w)))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

#[component]
pub fn ProductCardView(product: ProductCard, #[prop(optional)] eager: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/p/{}", product.slug);
    let alt = format!("{} {}", t_string!(i18n, photo_of), product.name);
    view! {
        <li class="card">
            <a href=href>
                <Picture
                    image_key=product.image_key
                    alt
                    width=400
                    height=300
                    fallback=320
                    sizes="(min-width: 72rem) 14rem, (min-width: 48rem) 25vw, 50vw"
                    loading=if eager { Loading::Eager } else { Loading::Lazy }
                />
                <h2>{product.name}</h2>
                <p class="price">{rupiah(product.price_rupiah)} <span class="unit">" / " {product.unit}</span></p>
                <p class="origin">{product.village} ", " {product.province}</p>
                <VerifiedBadge office=product.verified_office on=product.verified_on />
            </a>
        </li>
    }
}

/// Product cards in a grid. The first row's pictures load at once unless the grid is below the fold.
#[component]
pub fn ProductGrid(
    products: Vec<ProductCard>,
    testid: &'static str,
    #[prop(optional)] below_fold: bool,
) -> impl IntoView {
    view! {
        <ul class="grid" data-testid=testid>
            {products
                .into_iter()
                .enumerate()
                .map(|(i, product)| view! { <ProductCardView product eager={ !below_fold && i < 2 } /> })
                .collect_view()}
        </ul>
    }
}
