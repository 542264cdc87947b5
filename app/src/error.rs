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
    #[error("too many attempts")]
    TooManyAttempts,
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
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Request(ServerFnErrorErr),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            AppError::Photo { problem, .. } => problem.status(),
            AppError::Order { .. } | AppError::Transition => StatusCode::CONFLICT,
            AppError::Request(_) => StatusCode::BAD_REQUEST,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
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
        match err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => {
                leptos::logging::error!("database error: {other}");
                AppError::Internal
            }
        }
    }
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
