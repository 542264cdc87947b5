//! The open data API's refusals and failures: a status, a code for programs and a message for people,
//! in Indonesian unless English is asked for.
use http::StatusCode;

use super::schema::ApiError;
use crate::i18n::*;

/// What was wrong with a parameter's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bad {
    Whole,
    Boolean,
    Choice,
    RegionCode,
    Category,
    TooLong,
    PriceOrder,
    Cursor,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Parameter {
        name: &'static str,
        bad: Bad,
    },
    NotFound,
    MethodNotAllowed,
    RateLimited {
        seconds: u32,
    },
    /// The database cannot be reached just now, or the server sheds load.
    Unavailable,
    Internal,
}

impl Problem {
    pub fn parameter(name: &'static str, bad: Bad) -> Problem {
        Problem::Parameter { name, bad }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Problem::Parameter { .. } => StatusCode::BAD_REQUEST,
            Problem::NotFound => StatusCode::NOT_FOUND,
            Problem::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Problem::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Problem::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Problem::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn body(&self, locale: Locale) -> ApiError {
        let (error, message) = match self {
            Problem::Parameter { name, bad } => {
                let text = match bad {
                    Bad::Whole => td_string!(locale, api_bad_whole),
                    Bad::Boolean => td_string!(locale, api_bad_boolean),
                    Bad::Choice => td_string!(locale, api_bad_choice),
                    Bad::RegionCode => td_string!(locale, api_bad_region),
                    Bad::Category => td_string!(locale, api_bad_category),
                    Bad::TooLong => td_string!(locale, api_bad_too_long),
                    Bad::PriceOrder => td_string!(locale, api_bad_price_order),
                    Bad::Cursor => td_string!(locale, api_bad_cursor),
                };
                let parameter = td_string!(locale, api_parameter);
                ("invalid_parameter", format!("{parameter} {name} {text}"))
            }
            Problem::NotFound => ("not_found", td_string!(locale, api_not_found).to_string()),
            Problem::MethodNotAllowed => (
                "method_not_allowed",
                td_string!(locale, api_read_only).to_string(),
            ),
            Problem::RateLimited { seconds } => (
                "rate_limited",
                crate::error::throttled_text(locale, *seconds),
            ),
            Problem::Unavailable => (
                "unavailable",
                td_string!(locale, error_unavailable).to_string(),
            ),
            Problem::Internal => ("internal", td_string!(locale, error_body).to_string()),
        };
        ApiError {
            error: error.to_string(),
            message,
            parameter: match self {
                Problem::Parameter { name, .. } => Some(name.to_string()),
                _ => None,
            },
        }
    }
}

impl From<sqlx::Error> for Problem {
    fn from(err: sqlx::Error) -> Self {
        match crate::error::AppError::from(err) {
            crate::error::AppError::Unavailable => Problem::Unavailable,
            _ => Problem::Internal,
        }
    }
}
