//! Who is logged in as an official, for server functions and pages: the same session cookie as
//! sellers, whose sessions are not officials'.
use super::{Official, queries};
use crate::error::AppError;

/// The logged-in official: 401 for guests, 403 for a logged-in seller (who is not one).
pub async fn require_official() -> Result<Official, AppError> {
    official_of(&crate::state::pool(), crate::auth::session::token()).await
}

/// The official whose session `token` is (from the cookie), as [`require_official`] judges it.
pub async fn official_of(pool: &sqlx::PgPool, token: Option<String>) -> Result<Official, AppError> {
    let Some(token) = token else {
        return Err(AppError::Unauthorized);
    };
    if let Some(official) = queries::session_official(pool, &token).await? {
        return Ok(official);
    }
    match crate::auth::queries::session_seller(pool, &token).await? {
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::Unauthorized),
    }
}
