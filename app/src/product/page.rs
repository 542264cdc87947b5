use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::ProductDetail;
use crate::cart::{AddToCart, AddToCartLabels};
use crate::catalogue::image_url;
use crate::error::AppError;
use crate::i18n::*;
use crate::money::rupiah;
use crate::not_found::{ErrorPage, NotFound};

#[server(endpoint = "product_by_slug")]
pub async fn product_by_slug(slug: String) -> Result<Option<ProductDetail>, AppError> {
    Ok(super::queries::visible_product(&crate::state::pool(), &slug).await?)
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
                    Ok(Some(product)) => view! { <ProductView product /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductView(product: ProductDetail) -> impl IntoView {
    let i18n = use_i18n();
    let stock = u32::try_from(product.stock).unwrap_or(0);
    let labels = AddToCartLabels {
        quantity: t_string!(i18n, quantity).to_string(),
        decrease: t_string!(i18n, decrease).to_string(),
        increase: t_string!(i18n, increase).to_string(),
        add: t_string!(i18n, add_to_cart).to_string(),
        added: t_string!(i18n, added_to_cart).to_string(),
    };
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
        <Meta name="description" content=summary />
        <article class="product">
            <img
                class="product-photo"
                src=image_url(product.image_key.as_deref())
                alt=format!("{} {}", t_string!(i18n, photo_of), product.name)
                width="800"
                height="600"
            />
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
                <AddToCart slug=product.slug stock labels />
                <h2>{t!(i18n, description)}</h2>
                <p class="description">{product.description}</p>
                <h2>{t!(i18n, sold_by)}</h2>
                <p class="seller" data-testid="seller">{product.bumdes_name}</p>
                <p>{product.bumdes_story}</p>
                <p class="origin" data-testid="origin" data-village-code=product.village_code>
                    {t!(i18n, origin)} ": " {origin}
                </p>
            </div>
        </article>
    }
}
