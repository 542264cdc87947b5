//! The one error type of server functions: an HTTP status and a message the user can read.
use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("the form has problems")]
    Invalid(crate::form::FormProblems),
    /// Not logged in.
    #[error("unauthorized")]
    Unauthorized,
    /// Logged in, but this is not theirs.
    #[error("forbidden")]
    Forbidden,
    /// Too many attempts or requests from here: the next is allowed after `seconds`. A form comes back
    /// as typed.
    #[error("throttled for {seconds} s")]
    Throttled {
        seconds: u32,
        form: crate::form::FormProblems,
    },
    /// An uploaded photo was refused; `file` is its name on the seller's phone.
    #[error("photo {file:?} refused: {problem:?}")]
    Photo {
        file: String,
        problem: crate::dashboard::photos::PhotoProblem,
    },
    /// A checkout made no orders: the cart changed, or a BUMDes cannot deliver or be paid so. The form
    /// comes back as typed.
    #[error("checkout refused: {problem:?}")]
    Order {
        problem: crate::checkout::PlaceProblem,
        form: crate::form::FormProblems,
    },
    /// An order cannot go from its status to the one asked for.
    #[error("order transition refused")]
    Transition,
    /// The BUMDes is not waiting for this decision (another official made one first, or there is no
    /// such BUMDes). The reason typed comes back.
    #[error("already decided")]
    Decided { form: crate::form::FormProblems },
    /// A request larger than any form (64 KiB).
    #[error("request too large")]
    TooLarge,
    /// The server is busy with others' work (photos to decode): try again shortly.
    #[error("busy")]
    Busy,
    /// The database cannot be reached just now (down, or every connection taken): try again shortly.
    #[error("unavailable")]
    Unavailable,
    /// A choice in the address that the page does not offer (a period, an order).
    #[error("unknown choice")]
    BadChoice,
    /// Text with a character no field can hold (a NUL byte), wherever it was sent.
    #[error("unusable characters")]
    BadText,
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Request(ServerFnErrorErr),
}

impl AppError {
    /// A failure that is ours, not the user's: logged here with its cause, which they never see.
    #[cfg(feature = "ssr")]
    pub fn internal(what: &str, cause: impl std::fmt::Display) -> Self {
        tracing::error!("{what}: {cause}");
        AppError::Internal
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::BadText | AppError::BadChoice => StatusCode::BAD_REQUEST,
            AppError::Busy | AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Photo { problem, .. } => problem.status(),
            AppError::Order { .. } | AppError::Transition | AppError::Decided { .. } => {
                StatusCode::CONFLICT
            }
            AppError::Request(_) => StatusCode::BAD_REQUEST,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the person reads about this error, in their language.
    pub fn message(&self, i18n: leptos_i18n::I18nContext<crate::i18n::Locale>) -> String {
        use crate::i18n::*;
        match self {
            AppError::NotFound => t_string!(i18n, not_found_body).to_string(),
            AppError::Unauthorized => t_string!(i18n, error_log_in_first).to_string(),
            AppError::Forbidden => t_string!(i18n, forbidden_body).to_string(),
            AppError::Throttled { seconds, .. } => {
                throttled_text(i18n.get_locale_untracked(), *seconds)
            }
            AppError::Invalid(_) => t_string!(i18n, error_form_damaged).to_string(),
            AppError::Photo { file, problem } => {
                let text = crate::dashboard::photos::problem_text(i18n, *problem);
                if file.is_empty() {
                    text
                } else {
                    format!("{file}: {text}")
                }
            }
            AppError::Order { .. } => t_string!(i18n, checkout_changed).to_string(),
            AppError::Transition => t_string!(i18n, error_transition).to_string(),
            AppError::Decided { .. } => t_string!(i18n, error_decided).to_string(),
            AppError::BadText => t_string!(i18n, error_bad_text).to_string(),
            AppError::BadChoice => t_string!(i18n, error_bad_choice).to_string(),
            AppError::Busy => t_string!(i18n, error_busy).to_string(),
            AppError::Unavailable => t_string!(i18n, error_unavailable).to_string(),
            AppError::TooLarge => t_string!(i18n, error_too_large).to_string(),
            AppError::Request(_) => t_string!(i18n, error_request).to_string(),
            AppError::Internal => t_string!(i18n, error_body).to_string(),
        }
    }
}

/// "Terlalu banyak percobaan … Coba lagi dalam 3 menit.", from the seconds to wait (whole minutes past
/// one). By locale rather than context: the server's door says it too, before any page renders.
pub fn throttled_text(locale: crate::i18n::Locale, seconds: u32) -> String {
    use crate::i18n::*;
    let (count, unit) = match seconds {
        0..=1 => (1, td_string!(locale, unit_second)),
        2..=59 => (seconds, td_string!(locale, unit_seconds)),
        60 => (1, td_string!(locale, unit_minute)),
        _ => (seconds.div_ceil(60), td_string!(locale, unit_minutes)),
    };
    format!(
        "{} {} {count} {unit}.",
        td_string!(locale, error_throttled),
        td_string!(locale, error_try_again_in)
    )
}

/// A plain page for an error met outside any page (a download): its title and message in `locale`.
pub fn plain_error_page(locale: crate::i18n::Locale, error: &AppError) -> String {
    use crate::i18n::*;
    let (title, text) = match error {
        AppError::NotFound => (
            td_string!(locale, not_found_title),
            td_string!(locale, not_found_body),
        ),
        AppError::Forbidden => (
            td_string!(locale, forbidden_title),
            td_string!(locale, forbidden_body),
        ),
        AppError::BadChoice => (
            td_string!(locale, error_refused_title),
            td_string!(locale, error_bad_choice),
        ),
        AppError::Unavailable => (
            td_string!(locale, error_title),
            td_string!(locale, error_unavailable),
        ),
        _ => (
            td_string!(locale, error_title),
            td_string!(locale, error_body),
        ),
    };
    let lang = match locale {
        Locale::en => "en",
        Locale::id => "id",
    };
    crate::raw_text::plain_page(lang, title, text, td_string!(locale, back_home))
}

/// The page the server's door answers with when a visitor asks for too many pages: plain HTML, as no
/// page of the site renders for it.
pub fn throttled_page(locale: crate::i18n::Locale, seconds: u32) -> String {
    use crate::i18n::*;
    let lang = match locale {
        Locale::en => "en",
        Locale::id => "id",
    };
    crate::raw_text::plain_page(
        lang,
        td_string!(locale, error_refused_title),
        &throttled_text(locale, seconds),
        td_string!(locale, back_home),
    )
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value)
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        // PostgreSQL's "character not in repertoire" and "untranslatable character": a NUL byte in text.
        const BAD_TEXT: [&str; 2] = ["22021", "22P05"];
        match err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::Database(db)
                if db.code().is_some_and(|c| BAD_TEXT.contains(&c.as_ref())) =>
            {
                AppError::BadText
            }
            // No connection to be had (PostgreSQL down, or every connection busy), a statement over its
            // time, PostgreSQL shutting down or starting: a moment's wait, not a fault of the page.
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!("database unavailable: {err}");
                AppError::Unavailable
            }
            sqlx::Error::Database(db)
                if db
                    .code()
                    .is_some_and(|c| c.starts_with("57") || c.starts_with("08")) =>
            {
                tracing::warn!("database unavailable: {db}");
                AppError::Unavailable
            }
            other => AppError::internal("database error", other),
        }
    }
}

/// Answers 429 with the seconds to wait before trying again.
pub fn set_retry_after(seconds: u32) {
    set_page_status(StatusCode::TOO_MANY_REQUESTS);
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
    }
    #[cfg(not(feature = "ssr"))]
    let _ = seconds;
}

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_page_status(status: StatusCode) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// The message for a form whose server function at `path` refused it, when the page shows no field of
/// it to blame (an upload, a button): without JavaScript the refusal comes back in the page's address.
/// Sets the page's status.
pub fn refused_message(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    path: &str,
) -> Option<String> {
    let error = leptos::prelude::use_context::<leptos::server::ServerActionError>()
        .filter(|error| error.path() == path)
        .map(|error| {
            leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(error.err())
        })?;
    match &error {
        AppError::Throttled { seconds, .. } => set_retry_after(*seconds),
        _ => set_page_status(error.status()),
    }
    Some(error.message(i18n))
}
