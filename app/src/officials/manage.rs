//! Looking after the officials inside one's region: a new password link (an invitation that ran out, a
//! forgotten password), or deactivation when someone leaves the office.
use leptos::prelude::*;

use crate::error::AppError;

/// Makes a new link for official `id`, the open ones voided, and shows it once on their region's team
/// page. 403 outside the official's region and for themselves, 404 for no such active official.
#[server(endpoint = "new_official_link")]
pub async fn new_official_link(id: i64) -> Result<(), AppError> {
    let pool = crate::state::pool();
    let region = colleague(&pool, id).await?;
    let token = (super::queries::new_link(&pool, id).await?).ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/petugas/tim?wilayah={region}&tautan={token}"));
    Ok(())
}

/// Deactivates official `id`: they can no longer log in, and their number is free for a new invitation.
#[server(endpoint = "deactivate_official")]
pub async fn deactivate_official(id: i64) -> Result<(), AppError> {
    let pool = crate::state::pool();
    let region = colleague(&pool, id).await?;
    if !super::queries::deactivate(&pool, id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!("/petugas/tim?wilayah={region}&nonaktif=1"));
    Ok(())
}

/// The region code of active official `id` (empty for the whole country), if the logged-in official
/// may look after them: inside their own region, and not themselves.
#[cfg(feature = "ssr")]
async fn colleague(pool: &sqlx::PgPool, id: i64) -> Result<String, AppError> {
    let me = super::session::require_official().await?;
    let region = (super::queries::active_region(pool, id).await?).ok_or(AppError::NotFound)?;
    if id == me.id || !super::scope::covers(me.region_code.as_deref(), region.as_deref()) {
        return Err(AppError::Forbidden);
    }
    Ok(region.unwrap_or_default())
}
