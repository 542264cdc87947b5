//! Officials, their one-time password links and their sessions in PostgreSQL. Lists are bounded by the
//! region they are asked for; whether the official may ask is the caller's check (`session`).
use sqlx::PgPool;

use super::{Colleague, Official};
use crate::auth::queries::{new_token, problem, token_hash};
use crate::form::Problem;

/// How long a link to set a password can be used.
pub const LINK_DAYS: i32 = 7;

/// A new official's details (already checked).
pub struct NewOfficial<'a> {
    pub name: &'a str,
    /// Normalised to +62.
    pub whatsapp: &'a str,
    pub email: Option<&'a str>,
    /// `None` for the whole country.
    pub region_code: Option<&'a str>,
    pub invited_by: Option<i64>,
}

/// Adds an official without a password, and returns the token of their link to set one. A taken
/// number or email comes back as the field's problem.
pub async fn create(
    pool: &PgPool,
    new: &NewOfficial<'_>,
) -> sqlx::Result<Result<String, (&'static str, Problem)>> {
    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        "INSERT INTO officials (name, whatsapp, email, region_code, invited_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        new.name.trim(),
        new.whatsapp,
        new.email,
        new.region_code,
        new.invited_by
    )
    .fetch_one(&mut *tx)
    .await;
    let id = match id {
        Ok(id) => id,
        Err(err) => return problem(err, "name"),
    };
    let token = add_link(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Ok(token))
}

/// A link for official `id` to set their password, open for [`LINK_DAYS`]: its token.
async fn add_link(tx: &mut sqlx::PgConnection, id: i64) -> sqlx::Result<String> {
    let token = new_token()?;
    sqlx::query!(
        "INSERT INTO official_links (token_hash, official_id, expires_at)
         VALUES ($1, $2, now() + make_interval(days => $3))",
        &token_hash(&token)[..],
        id,
        LINK_DAYS
    )
    .execute(tx)
    .await?;
    Ok(token)
}

/// The region of active official `id` (`Some(None)`: the whole country); `None` for no such official
/// or one deactivated.
pub async fn active_region(pool: &PgPool, id: i64) -> sqlx::Result<Option<Option<String>>> {
    sqlx::query_scalar!(
        "SELECT region_code FROM officials WHERE id = $1 AND deactivated_at IS NULL",
        id
    )
    .fetch_optional(pool)
    .await
}

/// A new link for active official `id`, their open ones voided: for an invitation that ran out or a
/// forgotten password. `None` for no such active official.
pub async fn new_link(pool: &PgPool, id: i64) -> sqlx::Result<Option<String>> {
    let mut tx = pool.begin().await?;
    let voided = sqlx::query_scalar!(
        "WITH official AS (SELECT id FROM officials WHERE id = $1 AND deactivated_at IS NULL FOR UPDATE),
              voided AS (DELETE FROM official_links WHERE official_id IN (SELECT id FROM official)
                         AND used_at IS NULL)
         SELECT id FROM official",
        id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if voided.is_none() {
        return Ok(None);
    }
    let token = add_link(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Some(token))
}

/// Deactivates official `id`: their sessions and open links end, and their number and email are free.
/// False for no such active official.
pub async fn deactivate(pool: &PgPool, id: i64) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    let done = sqlx::query_scalar!(
        "UPDATE officials SET deactivated_at = now() WHERE id = $1 AND deactivated_at IS NULL RETURNING id",
        id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        return Ok(false);
    }
    sqlx::query!("DELETE FROM sessions WHERE official_id = $1", id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "DELETE FROM official_links WHERE official_id = $1 AND used_at IS NULL",
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The name of the official an open link is for.
pub async fn link_for(pool: &PgPool, token: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "SELECT o.name FROM official_links l JOIN officials o ON o.id = l.official_id
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now()",
        &token_hash(token)[..]
    )
    .fetch_optional(pool)
    .await
}

/// Uses an open link to set its official's password, ending their other sessions; `None` when the
/// link is used, expired or unknown. Two sends of one link set one password.
pub async fn set_password_by_link(
    pool: &PgPool,
    token: &str,
    hash: &str,
) -> sqlx::Result<Option<i64>> {
    let mut tx = pool.begin().await?;
    let official = sqlx::query_scalar!(
        "UPDATE official_links SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING official_id",
        &token_hash(token)[..]
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(official) = official else {
        return Ok(None);
    };
    sqlx::query!(
        "UPDATE officials SET password_hash = $2 WHERE id = $1",
        official,
        hash
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM sessions WHERE official_id = $1", official)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(official))
}

/// The official who logs in with this WhatsApp number or email, once they have a password.
pub async fn login_account(pool: &PgPool, login: &str) -> sqlx::Result<Option<(i64, String)>> {
    Ok(sqlx::query!(
        r#"SELECT id, password_hash AS "password_hash!" FROM officials
           WHERE (whatsapp = $1 OR email = lower($1)) AND password_hash IS NOT NULL
             AND deactivated_at IS NULL"#,
        login
    )
    .fetch_optional(pool)
    .await?
    .map(|row| (row.id, row.password_hash)))
}

/// The official of a live session, with their region's name.
pub async fn session_official(pool: &PgPool, token: &str) -> sqlx::Result<Option<Official>> {
    sqlx::query_as!(
        Official,
        "SELECT o.id, o.name, o.region_code, region_address(o.region_code) AS region
         FROM sessions x JOIN officials o ON o.id = x.official_id
         WHERE x.token_hash = $1 AND x.expires_at > now() AND o.deactivated_at IS NULL",
        &token_hash(token)[..]
    )
    .fetch_optional(pool)
    .await
}

/// The officials of `region` and of every region inside it (`None`: all), the widest regions first and
/// the deactivated last.
pub async fn colleagues(pool: &PgPool, region: Option<&str>) -> sqlx::Result<Vec<Colleague>> {
    sqlx::query_as!(
        Colleague,
        r#"SELECT o.id, o.name, o.whatsapp, region_address(o.region_code) AS region,
                  o.password_hash IS NOT NULL AS "active!",
                  to_char(o.created_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS "since!",
                  to_char(o.deactivated_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS deactivated
           FROM officials o
           WHERE $1::text IS NULL OR o.region_code = $1 OR o.region_code LIKE $1 || '.%'
           ORDER BY o.deactivated_at IS NOT NULL, length(coalesce(o.region_code, '')), o.region_code,
                    o.name, o.id
           LIMIT 500"#,
        region
    )
    .fetch_all(pool)
    .await
}
