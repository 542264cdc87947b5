//! Reading an upload form (multipart): its text fields, each small, then one file, with the caller
//! deciding whether the sender may upload before a byte of the file is read. The whole body is bounded
//! at the door (`server/src/body_limits.rs`); this bounds each part of it.
use leptos::server_fn::codec::MultipartData;

use crate::dashboard::photos::PhotoProblem;
use crate::error::AppError;

/// The most a form sends (an upload's text fields included).
pub const FORM_BYTES: usize = 64 * 1024;
/// The largest body any request may send: a listing's photos at once, with its form.
pub const LARGEST_BODY: usize = crate::dashboard::photos::MAX_PHOTOS
    * crate::dashboard::photos::process::MAX_BYTES
    + FORM_BYTES;

/// More than any id or token a form sends.
const MAX_TEXT: usize = 1024;
/// Text fields before the file: the forms send one or two.
const MAX_TEXTS: usize = 8;

/// Whether a request's content type is a multipart form the upload functions can read (server_fn
/// panics on one without a boundary).
pub fn is_multipart(content_type: &str) -> bool {
    multer::parse_boundary(content_type).is_ok()
}

/// An upload form read up to its file.
pub struct Upload {
    multipart: multer::Multipart<'static>,
    file: Option<multer::Field<'static>>,
    /// The text fields before the file, in order.
    pub texts: Vec<(String, String)>,
}

impl Upload {
    /// Reads the text fields before the first part named `file_field` (or the end).
    pub async fn open(data: MultipartData, file_field: &str) -> Result<Self, AppError> {
        let mut multipart = data
            .into_inner()
            .ok_or_else(|| AppError::internal("a multipart request", "read twice"))?;
        let mut texts = Vec::new();
        let damaged = AppError::Invalid(Default::default());
        loop {
            let Ok(Some(mut field)) = multipart.next_field().await else {
                return Ok(Self {
                    multipart,
                    file: None,
                    texts,
                });
            };
            if field.name() == Some(file_field) {
                return Ok(Self {
                    multipart,
                    file: Some(field),
                    texts,
                });
            }
            if texts.len() == MAX_TEXTS {
                return Err(damaged);
            }
            let name = field.name().unwrap_or_default().to_string();
            let bytes = read_up_to(&mut field, MAX_TEXT)
                .await
                .map_err(|_| damaged.clone())?;
            texts.push((name, String::from_utf8(bytes).map_err(|_| damaged.clone())?));
        }
    }

    /// The text field `name`, if the form sent it.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts
            .iter()
            .find_map(|(field, value)| (field == name).then_some(value.as_str()))
    }

    /// The file's name on the sender's device and its bytes, at most `limit` of them.
    pub async fn file(mut self, limit: usize) -> Result<(String, Vec<u8>), AppError> {
        let Some(mut field) = self.file.take() else {
            return Err(missing());
        };
        let name = file_name(&field);
        match read_up_to(&mut field, limit).await {
            Ok(bytes) if bytes.is_empty() => Err(missing()),
            Ok(bytes) => Ok((name, bytes)),
            Err(problem) => Err(self
                .refuse(
                    Some(field),
                    AppError::Photo {
                        file: name,
                        problem,
                    },
                )
                .await),
        }
    }

    /// Refuses the upload with `error`, after reading what is left of it (up to a bound), so that the
    /// browser sees the answer rather than a reset connection.
    pub async fn refuse(
        mut self,
        field: Option<multer::Field<'static>>,
        error: AppError,
    ) -> AppError {
        drain(&mut self.multipart, field.or(self.file.take())).await;
        error
    }

    /// The parts after the file, for forms that send several files in one field.
    pub fn into_parts(self) -> (multer::Multipart<'static>, Option<multer::Field<'static>>) {
        (self.multipart, self.file)
    }
}

/// The file's name on the sender's device, as refusals name it: at most 100 characters of it.
pub fn file_name(field: &multer::Field<'static>) -> String {
    field
        .file_name()
        .unwrap_or_default()
        .chars()
        .take(100)
        .collect()
}

fn missing() -> AppError {
    AppError::Photo {
        file: String::new(),
        problem: PhotoProblem::Missing,
    }
}

/// Reads one part, up to `limit` bytes; a part cut off on its way (a dropped connection) is broken,
/// one past the limit too large.
pub async fn read_up_to(
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

/// Reads what is left of a refused upload, up to the largest body the door lets in.
pub async fn drain(
    multipart: &mut multer::Multipart<'static>,
    mut field: Option<multer::Field<'static>>,
) {
    let mut left = LARGEST_BODY;
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
