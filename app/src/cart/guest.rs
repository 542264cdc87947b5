//! The guest's cookie: a random token keying their server-side cart and the orders they may open.
use super::queries;
use crate::error::AppError;

pub const COOKIE_NAME: &str = "lumbung_tamu";
const MAX_AGE_SECONDS: u32 = 365 * 24 * 3600;

/// The guest token the browser sent, if any.
pub fn token() -> Option<String> {
    crate::cookie::read(COOKIE_NAME)
}

/// This browser's guest token, made (and its cookie set) when it has none the database knows.
pub async fn ensure() -> Result<String, AppError> {
    let pool = crate::state::pool();
    if let Some(token) = token()
        && queries::touch(&pool, &token).await?
    {
        return Ok(token);
    }
    let token = queries::create(&pool).await?;
    crate::cookie::write(COOKIE_NAME, &token, MAX_AGE_SECONDS);
    Ok(token)
}

/// The cart this browser keeps on the server and its revision (empty and 0 for a new guest).
pub async fn cart() -> Result<(String, i64), AppError> {
    match token() {
        Some(token) => Ok(queries::cart(&crate::state::pool(), &token).await?),
        None => Ok((String::new(), 0)),
    }
}
