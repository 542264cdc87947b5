use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::ProductDetail;
use crate::cart::AddToCartForm;
use crate::catalogue::{Loading, Picture, ProductCard, ProductGrid, image_url};
use crate::error::AppError;
use crate::i18n::*;
use crate::layout::Breadcrumb;
use crate::money::rupiah;
use crate::not_found::{ErrorPage, NotFound};
use crate::raw_text::{JsonLd, Title};
use crate::site::absolute_url;
use crate::verified_badge::VerifiedBadge;
use crate::village::{RegionName, Trail};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductPageData {
    pub product: ProductDetail,
    pub related: Vec<ProductCard>,
}

#[server(endpoint = "product_by_slug")]
pub async fn product_by_slug(slug: String) -> Result<Option<ProductPageData>, AppError> {
    /// How many related products the page offers.
    const RELATED: i64 = 8;
    let pool = crate::state::pool();
    if !crate::slug::is_slug(&slug) {
        return Ok(None);
    }
    let Some(product) = super::queries::visible_product(&pool, &slug).await? else {
        return Ok(None);
    };
    // Crawlers and the service worker keeping a page for offline use are not buyers looking.
    if !leptos::prelude::use_context::<http::request::Parts>().is_some_and(|request| {
        let header = |name| request.headers.get(name).and_then(|v| v.to_str().ok());
        header(http::header::USER_AGENT.as_str()).is_some_and(super::views::is_crawler)
            || header(super::views::KEEPING_HEADER).is_some()
    }) {
        crate::state::views().count(product.id);
    }
    let related = super::queries::related(&pool, &product, RELATED).await?;
    Ok(Some(ProductPageData { product, related }))
}

impl ProductDetail {
    /// Its regions, province first.
    pub fn trail(&self) -> Trail {
        let code = &self.village_code;
        Trail(
            [
                (&code[..2], &self.province),
                (&code[..5], &self.regency),
                (&code[..8], &self.district),
                (&code[..], &self.village),
            ]
            .into_iter()
            .map(|(code, name)| RegionName {
                code: code.to_string(),
                name: name.clone(),
            })
            .collect(),
        )
    }

    /// schema.org `Product` with an `Offer` in Rupiah, for search engines.
    pub fn json_ld(&self, url: &str, image: &str) -> serde_json::Value {
        let availability = if self.stock > 0 {
            "https://schema.org/InStock"
        } else {
            "https://schema.org/OutOfStock"
        };
        serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Product",
            "name": self.name,
            "description": self.description,
            "image": image,
            "category": self.category_id,
            "url": url,
            "brand": { "@type": "Organization", "name": self.bumdes_name },
            "offers": {
                "@type": "Offer",
                "price": self.price_rupiah,
                "priceCurrency": "IDR",
                "availability": availability,
                "url": url,
                "seller": { "@type": "Organization", "name": self.bumdes_name },
            },
        })
    }
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let product = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        product_by_slug,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match product.await {
                    Ok(Some(ProductPageData { product, related })) => {
                        view! { <ProductView product related /> }.into_any()
                    }
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductView(product: ProductDetail, related: Vec<ProductCard>) -> impl IntoView {
    let i18n = use_i18n();
    let url = absolute_url(&format!("/p/{}", product.slug));
    let image = absolute_url(&image_url(product.image_key.as_deref(), 1280));
    let json_ld = product.json_ld(&url, &image);
    let share_text = format!("{} – {} {url}", product.name, rupiah(product.price_rupiah));
    let share = crate::site::whatsapp_url(None, Some(&share_text));
    let trail = product.trail();
    let related = (!related.is_empty()).then(|| {
        view! {
            <section class="related">
                <h2>{t!(i18n, related_products)}</h2>
                <ProductGrid products=related testid="related" below_fold=true />
            </section>
        }
    });
    let stock = u32::try_from(product.stock).unwrap_or(0);
    let stock_text = if stock == 0 {
        t_string!(i18n, out_of_stock).to_string()
    } else {
        format!("{stock} {}", t_string!(i18n, available))
    };
    let origin = format!(
        "{}, {}, {}, {}",
        product.village, product.district, product.regency, product.province
    );
    let category = match i18n.get_locale_untracked() {
        Locale::en => product.category_en,
        Locale::id => product.category_id,
    };
    let summary: String = product.description.chars().take(160).collect();
    view! {
        <Title text=product.name.clone() />
        <Meta name="description" content=summary.clone() />
        <Link rel="canonical" href=url.clone() />
        <Meta property="og:type" content="product" />
        <Meta property="og:title" content=product.name.clone() />
        <Meta property="og:description" content=summary />
        <Meta property="og:url" content=url />
        <Meta property="og:image" content=image />
        <Meta property="product:price:amount" content=product.price_rupiah.to_string() />
        <Meta property="product:price:currency" content="IDR" />
        <JsonLd value=json_ld />
        <Breadcrumb trail />
        <article class="product">
            <Gallery name=product.name.clone() cover=product.image_key.clone() photos=product.photos.clone() />
            <div class="product-info">
                <p class="category">
                    {category}
                    {product.is_flagship.then(|| view! { " · " <strong>{t!(i18n, flagship)}</strong> })}
                </p>
                <h1>{product.name}</h1>
                <p class="price" data-testid="price">
                    {rupiah(product.price_rupiah)}
                    <span class="unit">" / " {product.unit}</span>
                </p>
                <p class="stock" data-testid="stock">{t!(i18n, stock)} ": " {stock_text}</p>
                <AddToCartForm slug=product.slug stock />
                <h2>{t!(i18n, description)}</h2>
                <p class="description">{product.description}</p>
                <h2>{t!(i18n, sold_by)}</h2>
                <p class="seller" data-testid="seller">{product.bumdes_name}</p>
                <VerifiedBadge office=product.verified_office on=product.verified_on />
                <p>{product.bumdes_story}</p>
                <p class="origin" data-testid="origin" data-village-code=product.village_code.clone()>
                    {t!(i18n, origin)} ": "
                    <a href=format!("/desa/{}", product.village_code)>{origin}</a>
                </p>
                <p>
                    <a class="whatsapp" href=share rel="noopener" data-testid="share-whatsapp">
                        {t!(i18n, share_whatsapp)}
                    </a>
                </p>
            </div>
        </article>
        {related}
    }
}

/// The product's photos side by side, swiped through (no JavaScript); the first loads at once, never
/// lazily, and every one keeps a 4:3 box so nothing moves while they load.
#[component]
fn Gallery(name: String, cover: Option<String>, photos: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let keys: Vec<Option<String>> = if photos.is_empty() {
        vec![cover]
    } else {
        photos.into_iter().map(Some).collect()
    };
    let count = keys.len();
    view! {
        <ul class="gallery" data-testid="gallery">
            {keys.into_iter().enumerate().map(|(n, key)| {
                let alt = if count > 1 {
                    format!("{} {} ({}/{count})", t_string!(i18n, photo_of), name, n + 1)
                } else {
                    format!("{} {}", t_string!(i18n, photo_of), name)
                };
                view! {
                    <li>
                        <Picture
                            class="product-photo"
                            image_key=key
                            alt
                            width=800
                            height=600
                            fallback=640
                            sizes="(min-width: 72rem) 36rem, (min-width: 48rem) 50vw, 100vw"
                            loading=if n == 0 { Loading::First } else { Loading::Lazy }
                        />
                    </li>
                }
            }).collect_view()}
        </ul>
        {(count > 1).then(|| view! {
            <p class="gallery-hint">{format!("{count} {}", t_string!(i18n, gallery_swipe))}</p>
        })}
    }
}
