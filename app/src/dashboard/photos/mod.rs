//! A listing's photos: upload (several at once, up to eight in all), reorder and delete, all as plain
//! forms. Uploads are multipart POSTs to a server function; a refused photo comes back as a message
//! naming the file, and the photos before it are kept.
#[cfg(feature = "ssr")]
pub mod process;
#[cfg(feature = "ssr")]
pub mod queries;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};

use crate::catalogue::image_path;
use crate::error::AppError;
use crate::i18n::*;

pub const MAX_PHOTOS: usize = 8;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    pub id: i64,
    pub image_key: String,
    pub width: i32,
    pub height: i32,
}

/// Why an uploaded file was refused; each has a message in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhotoProblem {
    /// No file was chosen.
    Missing,
    NotAPhoto,
    Heic,
    /// Over 10 MB.
    TooLarge,
    /// Dimensions that would exhaust memory: a decompression bomb or a panorama too big to sell with.
    TooManyPixels,
    TooSmall,
    Broken,
    /// The listing already has [`MAX_PHOTOS`].
    TooMany,
}

impl PhotoProblem {
    pub fn status(self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            PhotoProblem::NotAPhoto | PhotoProblem::Heic => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            PhotoProblem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

pub fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, problem: PhotoProblem) -> String {
    match problem {
        PhotoProblem::Missing => t_string!(i18n, photo_missing),
        PhotoProblem::NotAPhoto => t_string!(i18n, photo_not_a_photo),
        PhotoProblem::Heic => t_string!(i18n, photo_heic),
        PhotoProblem::TooLarge => t_string!(i18n, photo_too_large),
        PhotoProblem::TooManyPixels => t_string!(i18n, photo_too_many_pixels),
        PhotoProblem::TooSmall => t_string!(i18n, photo_too_small),
        PhotoProblem::Broken => t_string!(i18n, photo_broken),
        PhotoProblem::TooMany => t_string!(i18n, photo_too_many),
    }
    .to_string()
}

/// Decoding a big photo takes a few hundred MB for a moment: two at a time per server.
#[cfg(feature = "ssr")]
static PROCESSING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Checks and converts an uploaded image, and stores its sizes under a new key starting with `prefix`.
/// Product photos, proofs of transfer and QRIS pictures all pass here.
#[cfg(feature = "ssr")]
pub async fn store_image(
    prefix: &str,
    file: &str,
    bytes: Vec<u8>,
) -> Result<(String, process::Processed), AppError> {
    let refused = |problem| AppError::Photo {
        file: file.to_string(),
        problem,
    };
    let mut processed = {
        let _permit = PROCESSING.acquire().await.map_err(|_| AppError::Internal)?;
        tokio::task::spawn_blocking(move || process::process(&bytes))
            .await
            .map_err(|_| AppError::Internal)?
            .map_err(refused)?
    };
    let media = crate::state::media();
    let name = crate::random::hex(12).map_err(|_| AppError::Internal)?;
    let key = format!("{prefix}/{name}");
    for (width, bytes) in std::mem::take(&mut processed.files) {
        media
            .put(&image_path(&key, width), bytes)
            .await
            .map_err(stored)?;
    }
    Ok((key, processed))
}

/// Checks, converts and stores one uploaded file.
#[cfg(feature = "ssr")]
async fn take_photo(listing: i64, file: &str, bytes: Vec<u8>) -> Result<(), AppError> {
    let (key, processed) = store_image(&format!("products/{listing}"), file, bytes).await?;
    let pool = crate::state::pool();
    if queries::add(&pool, listing, &key, processed.width, processed.height)
        .await?
        .is_none()
    {
        forget_files(&key).await;
        return Err(AppError::Photo {
            file: file.to_string(),
            problem: PhotoProblem::TooMany,
        });
    }
    Ok(())
}

/// A form of text fields and one file in `file_field`: the texts, and the file's name and bytes
/// (an error when no file was chosen, or it is refused on the way).
#[cfg(feature = "ssr")]
pub async fn read_one_file(
    data: MultipartData,
    file_field: &str,
) -> Result<(Vec<(String, String)>, String, Vec<u8>), AppError> {
    let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
    let mut texts = Vec::new();
    let mut file = None;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field && file.is_none() {
            let file_name = field.file_name().unwrap_or_default().to_string();
            match read_up_to(&mut field, process::MAX_BYTES).await {
                Ok(bytes) => file = Some((file_name, bytes)),
                Err(problem) => {
                    drain(&mut multipart, Some(field)).await;
                    return Err(AppError::Photo {
                        file: file_name,
                        problem,
                    });
                }
            }
        } else if let Ok(text) = field.text().await {
            texts.push((name, text));
        }
    }
    match file {
        Some((name, bytes)) if !bytes.is_empty() => Ok((texts, name, bytes)),
        _ => Err(AppError::Photo {
            file: String::new(),
            problem: PhotoProblem::Missing,
        }),
    }
}

#[cfg(feature = "ssr")]
fn stored(err: object_store::Error) -> AppError {
    leptos::logging::error!("media store: {err}");
    AppError::Internal
}

/// Deletes every size of a photo; a file left behind is only wasted space, so failures are logged.
#[cfg(feature = "ssr")]
pub async fn forget_files(key: &str) {
    let media = crate::state::media();
    for width in crate::catalogue::IMAGE_WIDTHS {
        if let Err(err) = media.delete(&image_path(key, width)).await {
            leptos::logging::error!("deleting {key}: {err}");
        }
    }
}

/// Reads one multipart field, up to `limit` bytes; a file cut off on its way (a dropped connection)
/// is broken, one past the limit too large.
#[cfg(feature = "ssr")]
async fn read_up_to(
    field: &mut multer::Field<'static>,
    limit: usize,
) -> Result<Vec<u8>, PhotoProblem> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| PhotoProblem::Broken)? {
        if bytes.len() + chunk.len() > limit {
            return Err(PhotoProblem::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Reads what is left of a refused upload (up to a bound), so the browser sees the answer rather
/// than a reset connection.
#[cfg(feature = "ssr")]
async fn drain(
    multipart: &mut multer::Multipart<'static>,
    mut field: Option<multer::Field<'static>>,
) {
    let mut left = 100 * 1024 * 1024usize;
    loop {
        if let Some(field) = field.as_mut() {
            while let Ok(Some(chunk)) = field.chunk().await {
                left = left.saturating_sub(chunk.len());
                if left == 0 {
                    return;
                }
            }
        }
        match multipart.next_field().await {
            Ok(Some(next)) => field = Some(next),
            _ => return,
        }
    }
}

/// The form sends the listing's id first, then the files.
#[server(input = MultipartFormData, endpoint = "upload_photos")]
pub async fn upload_photos(data: MultipartData) -> Result<(), AppError> {
    let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
    let mut listing = None;
    let mut added = 0;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().map(str::to_owned);
        let (step, rest) = match (name.as_deref(), listing) {
            (Some("id"), _) => {
                let id = field.text().await.ok().and_then(|t| t.parse::<i64>().ok());
                let checked = match id {
                    Some(id) => crate::dashboard::listings::own(id).await.map(|_| id),
                    None => Err(AppError::NotFound),
                };
                (checked.map(|id| listing = Some(id)), None)
            }
            (Some("photos"), Some(id)) => {
                let file = field.file_name().unwrap_or_default().to_string();
                let step = match read_up_to(&mut field, process::MAX_BYTES).await {
                    // A form sent without choosing a file has one empty, nameless part.
                    Ok(bytes) if bytes.is_empty() && file.is_empty() => Ok(()),
                    Ok(bytes) => take_photo(id, &file, bytes).await.map(|_| added += 1),
                    Err(problem) => Err(AppError::Photo { file, problem }),
                };
                (step, Some(field))
            }
            // Files before the listing's id: the form is not ours.
            (Some("photos"), None) => (Err(AppError::NotFound), Some(field)),
            _ => (Ok(()), Some(field)),
        };
        if let Err(err) = step {
            drain(&mut multipart, rest).await;
            return Err(err);
        }
    }
    let id = listing.ok_or(AppError::NotFound)?;
    if added == 0 {
        return Err(AppError::Photo {
            file: String::new(),
            problem: PhotoProblem::Missing,
        });
    }
    leptos_axum::redirect(&format!("/dasbor/produk/{id}?foto={added}#foto"));
    Ok(())
}

/// Moves a photo one place earlier (`by` = -1) or later (1); the first photo is the cover.
#[server(endpoint = "move_photo")]
pub async fn move_photo(id: i64, photo: i64, by: i16) -> Result<(), AppError> {
    crate::dashboard::listings::own(id).await?;
    if by.abs() != 1 {
        return Err(AppError::NotFound);
    }
    queries::shift(&crate::state::pool(), id, photo, by).await?;
    leptos_axum::redirect(&format!("/dasbor/produk/{id}#foto"));
    Ok(())
}

#[server(endpoint = "delete_photo")]
pub async fn delete_photo(id: i64, photo: i64) -> Result<(), AppError> {
    crate::dashboard::listings::own(id).await?;
    let key = queries::remove(&crate::state::pool(), id, photo)
        .await?
        .ok_or(AppError::NotFound)?;
    forget_files(&key).await;
    leptos_axum::redirect(&format!("/dasbor/produk/{id}#foto"));
    Ok(())
}

/// The message for an upload form whose server function at `path` refused the file (without
/// JavaScript the refusal comes back in the page's address); sets the page's status.
pub fn upload_problem(i18n: leptos_i18n::I18nContext<Locale>, path: &str) -> Option<String> {
    let error = leptos::prelude::use_context::<leptos::server::ServerActionError>()
        .filter(|error| error.path() == path)
        .map(|error| {
            leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(error.err())
        })?;
    crate::error::set_page_status(error.status());
    Some(match error {
        AppError::Photo { file, problem } if file.is_empty() => problem_text(i18n, problem),
        AppError::Photo { file, problem } => format!("{file}: {}", problem_text(i18n, problem)),
        AppError::Transition => t_string!(i18n, error_transition).to_string(),
        AppError::Forbidden => t_string!(i18n, forbidden_body).to_string(),
        _ => t_string!(i18n, error_body).to_string(),
    })
}

/// The photo section of a listing's edit page.
#[component]
pub fn PhotoPanel(id: i64, photos: Vec<Photo>) -> impl IntoView {
    let i18n = use_i18n();
    let message = upload_problem(i18n, <UploadPhotos as leptos::server_fn::ServerFn>::PATH);
    let upload_url = <UploadPhotos as leptos::server_fn::ServerFn>::url();
    let count = photos.len();
    let last = count.saturating_sub(1);
    let shift = ServerAction::<MovePhoto>::new();
    let delete = ServerAction::<DeletePhoto>::new();
    view! {
        <section id="foto" class="photos" data-testid="photos">
            <h2>{t!(i18n, photos_title)} " (" {count} "/" {MAX_PHOTOS} ")"</h2>
            <p class="hint">{t!(i18n, photos_hint)}</p>
            {message.map(|text| view! { <p class="problems" role="alert" data-testid="photo-error">{text}</p> })}
            <ol class="photo-list">
                {photos.into_iter().enumerate().map(|(n, photo)| {
                    let src = format!("/media/{}", image_path(&photo.image_key, 320));
                    let move_form = |by: i16, label: String| view! {
                        <ActionForm action=shift>
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="photo" value=photo.id />
                            <input type="hidden" name="by" value=by />
                            <button type="submit" class="secondary">{label}</button>
                        </ActionForm>
                    };
                    view! {
                        <li>
                            <img src=src width="160" height="120" alt=format!("{} {}", t_string!(i18n, photos_title), n + 1) />
                            {(n == 0).then(|| view! { <span class="badge">{t!(i18n, photo_cover)}</span> })}
                            <div class="photo-actions">
                                {(n > 0).then(|| move_form(-1, t_string!(i18n, photo_earlier).to_string()))}
                                {(n < last).then(|| move_form(1, t_string!(i18n, photo_later).to_string()))}
                                <ActionForm action=delete>
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="photo" value=photo.id />
                                    <button type="submit" class="secondary">{t!(i18n, photo_delete)}</button>
                                </ActionForm>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(count < MAX_PHOTOS).then(|| view! {
                <form method="post" action=upload_url enctype="multipart/form-data">
                    <input type="hidden" name="id" value=id />
                    <div class="field">
                        <label for="f-photos">{t!(i18n, photos_choose)}</label>
                        <input id="f-photos" type="file" name="photos" multiple
                            accept="image/jpeg,image/png,image/webp" />
                    </div>
                    <button type="submit" class="primary">{t!(i18n, photos_upload)}</button>
                </form>
            })}
        </section>
    }
}
