//! The pictures on the shop page, each an image checked and converted like product photos: the QRIS
//! buyers scan, and a photo of the legal entity certificate that officials compare with its number.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Picture {
    Qris,
    Certificate,
}

impl Picture {
    /// As forms send it, and the column's name in the queries.
    fn name(self) -> &'static str {
        match self {
            Self::Qris => "qris",
            Self::Certificate => "certificate",
        }
    }

    #[cfg(feature = "ssr")]
    fn parse(name: &str) -> Result<Self, AppError> {
        match name {
            "qris" => Ok(Self::Qris),
            "certificate" => Ok(Self::Certificate),
            _ => Err(AppError::Invalid(Default::default())),
        }
    }
}

/// The form sends which picture first, then the file.
#[server(input = MultipartFormData, endpoint = "upload_picture")]
pub async fn upload_picture(data: MultipartData) -> Result<(), AppError> {
    use crate::dashboard::photos::{forget_files, process::MAX_BYTES, store_image};
    let owner = crate::auth::session::require_owner().await?;
    let upload = crate::upload::Upload::open(data, "file").await?;
    let picture = Picture::parse(upload.text("picture").unwrap_or_default())?;
    let (file, bytes) = upload.file(MAX_BYTES).await?;
    let prefix = format!("{}/{}", picture.name(), owner.bumdes_id);
    let (key, _) = store_image(&prefix, &file, bytes).await?;
    let pool = crate::state::pool();
    let old =
        super::queries::set_picture(&pool, owner.bumdes_id, picture.name(), Some(&key)).await?;
    if let Some(old) = old {
        forget_files(&old).await;
    }
    leptos_axum::redirect(&format!("/dasbor/toko?disimpan=1#{}", picture.name()));
    Ok(())
}

#[server(endpoint = "remove_picture")]
pub async fn remove_picture(picture: String) -> Result<(), AppError> {
    let owner = crate::auth::session::require_owner().await?;
    let picture = Picture::parse(&picture)?;
    let pool = crate::state::pool();
    if let Some(old) =
        super::queries::set_picture(&pool, owner.bumdes_id, picture.name(), None).await?
    {
        crate::dashboard::photos::forget_files(&old).await;
    }
    leptos_axum::redirect(&format!("/dasbor/toko?disimpan=1#{}", picture.name()));
    Ok(())
}

/// Why an upload was refused: it comes back to the top of the page, the form's address.
pub fn refused_upload(i18n: leptos_i18n::I18nContext<Locale>) -> Option<impl IntoView + use<>> {
    let path = <UploadPicture as leptos::server_fn::ServerFn>::PATH;
    crate::error::refused_message(i18n, path).map(
        |text| view! { <p class="problems" role="alert" data-testid="picture-error">{text}</p> },
    )
}

/// A picture, with forms to send a new one or remove it.
#[component]
pub fn PictureForms(picture: Picture, key: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemovePicture>::new();
    let upload_url = <UploadPicture as leptos::server_fn::ServerFn>::url();
    let (title, hint, choose, upload, remove_text) = match picture {
        Picture::Qris => (
            "QRIS",
            t_string!(i18n, terms_qris_hint),
            t_string!(i18n, terms_qris_choose),
            t_string!(i18n, terms_qris_upload),
            t_string!(i18n, terms_qris_remove),
        ),
        Picture::Certificate => (
            t_string!(i18n, certificate_photo_title),
            t_string!(i18n, certificate_photo_hint),
            t_string!(i18n, certificate_photo_choose),
            t_string!(i18n, certificate_photo_upload),
            t_string!(i18n, certificate_photo_remove),
        ),
    };
    let name = picture.name();
    let input = format!("f-{name}");
    view! {
        <section id=name data-testid=name>
            <h2>{title}</h2>
            <p class="small">{hint}</p>
            {key.map(|key| view! {
                <img src=crate::catalogue::image_url(Some(&key), 320) alt=title width="160"
                    data-testid=format!("{name}-image") />
                <ActionForm action=remove>
                    <input type="hidden" name="picture" value=name />
                    <button type="submit" class="secondary">{remove_text}</button>
                </ActionForm>
            })}
            <form method="post" action=upload_url enctype="multipart/form-data">
                <input type="hidden" name="picture" value=name />
                <div class="field">
                    <label for=input.clone()>{choose}</label>
                    <input id=input type="file" name="file" accept="image/jpeg,image/png,image/webp" required />
                </div>
                <button type="submit" class="primary">{upload}</button>
            </form>
        </section>
    }
}
