//! How every page behind a login loads (the sellers' dashboard, the officials' console): guests are
//! sent to log in, other errors get the error page.
use leptos::prelude::*;
use leptos_router::components::Redirect;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::not_found::ErrorPage;

/// Shows `page` with its data once `data` has loaded; `login` is where a guest logs in.
#[component]
pub fn PrivatePage<T, F, V>(
    data: Resource<Result<T, AppError>>,
    page: F,
    #[prop(default = "/masuk")] login: &'static str,
) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => page(data).into_any(),
                        Err(AppError::Unauthorized) => view! { <Redirect path=login /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
