//! The session cookie: who is logged in, for server functions and pages rendered on the server.
use super::{Seller, queries};
use crate::error::AppError;
use crate::form::{FormProblems, Problem};
pub use queries::Account;

pub const COOKIE_NAME: &str = "lumbung_sesi";
const MAX_AGE_SECONDS: u32 = 30 * 24 * 3600;

/// The session token the browser sent, if any.
pub fn token() -> Option<String> {
    crate::cookie::read(COOKIE_NAME)
}

fn set_cookie(value: &str, max_age: u32) {
    crate::cookie::write(COOKIE_NAME, value, max_age);
}

/// Logs the seller or official in with a new session id: any session the browser had before is closed.
pub async fn start(account: Account) -> Result<(), AppError> {
    let pool = crate::state::pool();
    if let Some(old) = token() {
        queries::close_session(&pool, &old).await?;
    }
    let token = queries::open_session(&pool, account).await?;
    set_cookie(&token, MAX_AGE_SECONDS);
    Ok(())
}

/// A new account is logged in and sees its dashboard; a field a constraint refused sends the form back.
pub async fn welcome(
    created: Result<i64, (&'static str, Problem)>,
    mut form: FormProblems,
) -> Result<(), AppError> {
    match created {
        Ok(seller) => {
            start(Account::Seller(seller)).await?;
            leptos_axum::redirect("/dasbor");
            Ok(())
        }
        Err((field, problem)) => {
            form.add(field, problem);
            Err(AppError::Invalid(form))
        }
    }
}

pub async fn end() -> Result<(), AppError> {
    if let Some(token) = token() {
        queries::close_session(&crate::state::pool(), &token).await?;
    }
    set_cookie("", 0);
    Ok(())
}

/// The logged-in seller, if any.
pub async fn seller() -> Result<Option<Seller>, AppError> {
    match token() {
        Some(token) => Ok(queries::session_seller(&crate::state::pool(), &token).await?),
        None => Ok(None),
    }
}

/// The logged-in seller, or 401.
pub async fn require_seller() -> Result<Seller, AppError> {
    seller().await?.ok_or(AppError::Unauthorized)
}

/// The logged-in owner of a BUMDes: 401 for guests, 403 for staff.
pub async fn require_owner() -> Result<Seller, AppError> {
    let seller = require_seller().await?;
    if seller.role != "owner" {
        return Err(AppError::Forbidden);
    }
    Ok(seller)
}
