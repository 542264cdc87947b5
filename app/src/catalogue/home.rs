use leptos::prelude::*;
use leptos_meta::Meta;

use super::{ProductCard, ProductGrid};
use crate::error::AppError;
use crate::i18n::*;
use crate::not_found::ErrorPage;
use crate::raw_text::Title;

#[server(endpoint = "newest_flagships")]
pub async fn newest_flagships() -> Result<Vec<ProductCard>, AppError> {
    /// How many flagship products the home page lists.
    const HOME_LIMIT: i64 = 48;
    Ok(super::queries::newest_flagships(&crate::state::pool(), HOME_LIMIT).await?)
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let products = Resource::new(|| (), |_| newest_flagships());
    view! {
        <Title text=t_string!(i18n, home_title) />
        <Meta name="description" content=t_string!(i18n, home_intro) />
        <h1>{t!(i18n, home_title)}</h1>
        <p class="intro">{t!(i18n, home_intro)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, home_empty)}</p> }.into_any(),
                    Ok(list) => {
                        view! { <ProductGrid products=list testid="flagships" /> }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
