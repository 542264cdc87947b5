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

/// Decoding a big photo takes a few hundred MB for a moment: two at a time per server, and an upload
/// waits at most this long for its turn.
#[cfg(feature = "ssr")]
static PROCESSING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
#[cfg(feature = "ssr")]
const LONGEST_QUEUE: std::time::Duration = std::time::Duration::from_secs(30);

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
        let _permit = tokio::time::timeout(LONGEST_QUEUE, PROCESSING.acquire())
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(|e| AppError::internal("the photo queue", e))?;
        let started = std::time::Instant::now();
        let processed = tokio::task::spawn_blocking(move || process::process(&bytes)).await;
        metrics::histogram!("lumbung_photo_processing_seconds")
            .record(started.elapsed().as_secs_f64());
        processed
            .map_err(|e| AppError::internal("processing a photo", e))?
            .map_err(refused)?
    };
    let media = crate::state::media();
    let name = crate::random::hex(12).map_err(|e| AppError::internal("a photo name", e))?;
    let key = format!("{prefix}/{name}");
    for (width, bytes) in std::mem::take(&mut processed.files) {
        if let Err(err) = media.put(&image_path(&key, width), bytes).await {
            // No photo is half stored: the sizes already written go too.
            forget_files(&key).await;
            return Err(stored(err));
        }
    }
    Ok((key, processed))
}

/// Checks, converts and stores one uploaded file.
#[cfg(feature = "ssr")]
async fn take_photo(listing: i64, file: &str, bytes: Vec<u8>) -> Result<(), AppError> {
    let pool = crate::state::pool();
    let too_many = || AppError::Photo {
        file: file.to_string(),
        problem: PhotoProblem::TooMany,
    };
    // Decoding is the costly part: not for a photo the listing has no room for.
    if queries::photos(&pool, listing).await?.len() >= MAX_PHOTOS {
        return Err(too_many());
    }
    let (key, processed) = store_image(&format!("products/{listing}"), file, bytes).await?;
    if queries::add(&pool, listing, &key, processed.width, processed.height)
        .await?
        .is_none()
    {
        forget_files(&key).await;
        return Err(too_many());
    }
    Ok(())
}

#[cfg(feature = "ssr")]
fn stored(err: object_store::Error) -> AppError {
    // The store (a folder, a bucket) refuses or cannot be reached: the seller can try again later.
    tracing::error!("media store: {err}");
    AppError::Unavailable
}

/// Deletes every size of a photo; a file left behind is only wasted space, so failures are logged.
#[cfg(feature = "ssr")]
pub async fn forget_files(key: &str) {
    let media = crate::state::media();
    for width in crate::catalogue::IMAGE_WIDTHS {
        if let Err(err) = media.delete(&image_path(key, width)).await {
            tracing::error!("deleting {key}: {err}");
        }
    }
}

/// The form sends the listing's id first, then the files.
#[server(input = MultipartFormData, endpoint = "upload_photos")]
pub async fn upload_photos(data: MultipartData) -> Result<(), AppError> {
    use crate::upload::{Upload, drain, file_name, read_up_to};
    let upload = Upload::open(data, "photos").await?;
    // Files before the listing's id: the form is not ours.
    let checked = match upload.text("id").and_then(|t| t.parse::<i64>().ok()) {
        Some(id) => crate::dashboard::listings::own(id).await.map(|_| id),
        None => Err(AppError::NotFound),
    };
    let id = match checked {
        Ok(id) => id,
        Err(err) => return Err(upload.refuse(None, err).await),
    };
    let (mut multipart, mut next) = upload.into_parts();
    let mut added = 0;
    while let Some(mut field) = next.take() {
        if field.name() == Some("photos") {
            let file = file_name(&field);
            let step = match read_up_to(&mut field, process::MAX_BYTES).await {
                // A form sent without choosing a file has one empty, nameless part.
                Ok(bytes) if bytes.is_empty() && file.is_empty() => Ok(()),
                Ok(bytes) => take_photo(id, &file, bytes).await.map(|_| added += 1),
                Err(problem) => Err(AppError::Photo { file, problem }),
            };
            if let Err(err) = step {
                drain(&mut multipart, Some(field)).await;
                return Err(err);
            }
        }
        // multer gives the next part only once this one is let go.
        drop(field);
        next = multipart.next_field().await.ok().flatten();
    }
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
    if !matches!(by, -1 | 1) {
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

/// The photo section of a listing's edit page.
#[component]
pub fn PhotoPanel(id: i64, photos: Vec<Photo>) -> impl IntoView {
    let i18n = use_i18n();
    let message =
        crate::error::refused_message(i18n, <UploadPhotos as leptos::server_fn::ServerFn>::PATH);
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
