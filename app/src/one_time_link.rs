//! One-time links (a staff invitation, an official's password link): shown once when made, and the
//! page they open. The address holds the secret, so no other site may see it as the referrer and no
//! search engine should keep it; a link used, cancelled or expired opens a 404.
use leptos::prelude::*;
use leptos_meta::Meta;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{AppError, set_page_status};
use crate::i18n::*;
use crate::not_found::{ErrorPage, Message};
use crate::site::absolute_url;

/// The link just made, at `path`: shown this once, to copy or to send on WhatsApp after `message`.
#[component]
pub fn NewLink(path: String, copy_label: String, message: String) -> impl IntoView {
    let i18n = use_i18n();
    let link = absolute_url(&path);
    let whatsapp = crate::site::whatsapp_url(None, Some(&format!("{message} {link}")));
    view! {
        <Meta name="referrer" content="same-origin" />
        <div class="panel" data-testid="new-invite">
            <h2>{t!(i18n, invite_new)}</h2>
            <label for="invite-link">{copy_label}</label>
            <input id="invite-link" class="copy-link" type="text" readonly value=link />
            <p><a class="button-link" href=whatsapp rel="noopener">{t!(i18n, invite_whatsapp)}</a></p>
            <p class="note">{t!(i18n, invite_once)}</p>
        </div>
    }
}

/// The page a link opens: `page` with what `data` found, or 404 with `gone` when it found nothing.
#[component]
pub fn LinkPage<T, F, V>(
    data: Resource<Result<Option<T>, AppError>>,
    gone: String,
    page: F,
) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    view! {
        <Meta name="referrer" content="same-origin" />
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || {
                let (page, gone) = (page.clone(), gone.clone());
                Suspend::new(async move {
                    match data.await {
                        Ok(Some(found)) => page(found).into_any(),
                        Ok(None) => {
                            set_page_status(http::StatusCode::NOT_FOUND);
                            view! { <Message title=t_string!(i18n, invite_gone_title).to_string() body=gone /> }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
