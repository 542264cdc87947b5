//! The verification queue and decisions in PostgreSQL. A decision locks its BUMDes and checks the state
//! it expects, so of two officials acting at once one wins and the other is told it changed.
use sqlx::PgPool;

use super::{Decision, Dossier, Event, Listed};
use crate::officials::scope::covers;

/// Who decides: an official (`Some` id, with their region), or the command line as the system.
pub struct Decider<'a> {
    pub official: Option<i64>,
    pub scope: Option<&'a str>,
}

/// What came of a decision.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// No such BUMDes.
    Missing,
    /// Outside the official's region.
    Outside,
    /// Not in the state the decision is for (someone else decided first).
    Changed,
}

/// The pending BUMDes of a region (`None`: the whole country), the longest waiting first.
pub async fn queue(pool: &PgPool, scope: Option<&str>) -> sqlx::Result<Vec<Dossier>> {
    let ids = sqlx::query_scalar!(
        "SELECT id FROM bumdes
         WHERE verification = 'pending' AND ($1::text IS NULL OR village_code LIKE $1 || '.%')
         ORDER BY submitted_at, id
         LIMIT 200",
        scope
    )
    .fetch_all(pool)
    .await?;
    dossiers(pool, &ids).await
}

/// One BUMDes as officials see it, in any state; its region is for the caller to check.
pub async fn dossier(pool: &PgPool, bumdes: i64) -> sqlx::Result<Option<Dossier>> {
    Ok(dossiers(pool, &[bumdes]).await?.pop())
}

/// The BUMDes of `ids` with what an official checks, in the order of `ids`.
async fn dossiers(pool: &PgPool, ids: &[i64]) -> sqlx::Result<Vec<Dossier>> {
    sqlx::query_as!(
        Dossier,
        r#"SELECT b.id, b.name, b.village_code, region_address(b.village_code) AS "village!",
                  to_char(b.created_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS "registered!",
                  coalesce(o.name, '') AS "owner!", coalesce(o.whatsapp, b.whatsapp) AS "owner_whatsapp!",
                  b.story, b.certificate_number, b.certificate_key, b.verification,
                  b.verified_office,
                  to_char(b.verified_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS verified_on,
                  coalesce((SELECT array_agg(p.name ORDER BY p.created_at, p.id) FROM products p
                            WHERE p.bumdes_id = b.id), '{}') AS "listings!"
           FROM bumdes b
           LEFT JOIN sellers o ON o.bumdes_id = b.id AND o.role = 'owner'
           WHERE b.id = ANY($1)
           ORDER BY array_position($1, b.id)"#,
        ids
    )
    .fetch_all(pool)
    .await
}

/// The BUMDes of a region, by name: those in `state` (all when `None`) whose name holds `name`.
pub async fn directory(
    pool: &PgPool,
    scope: Option<&str>,
    state: Option<&str>,
    name: &str,
) -> sqlx::Result<Vec<Listed>> {
    sqlx::query_as!(
        Listed,
        r#"SELECT b.id, b.name, region_address(b.village_code) AS "village!", b.verification
           FROM bumdes b
           WHERE ($1::text IS NULL OR b.village_code LIKE $1 || '.%')
             AND ($2::text IS NULL OR b.verification = $2)
             AND immutable_unaccent(lower(b.name)) LIKE '%' || like_escape(immutable_unaccent(lower($3))) || '%'
           ORDER BY lower(b.name), b.id
           LIMIT 100"#,
        scope,
        state,
        name
    )
    .fetch_all(pool)
    .await
}

/// Whether a decision can be made now about the BUMDes, without deciding: asked before a form's text is
/// checked, so that a refused form comes back while its BUMDes is still in the state to show it.
pub async fn can_decide(
    pool: &PgPool,
    who: &Decider<'_>,
    bumdes: i64,
    decision: Decision,
) -> sqlx::Result<Outcome> {
    let found = sqlx::query!(
        "SELECT village_code, verification FROM bumdes WHERE id = $1",
        bumdes
    )
    .fetch_optional(pool)
    .await?;
    Ok(judge(
        found.map(|row| (row.village_code, row.verification)),
        who,
        decision,
    ))
}

/// A decision's outcome for a BUMDes found with its village and state, or not found.
fn judge(found: Option<(String, String)>, who: &Decider<'_>, decision: Decision) -> Outcome {
    let Some((village, state)) = found else {
        return Outcome::Missing;
    };
    if !covers(who.scope, Some(&village)) {
        Outcome::Outside
    } else if state != decision.from() {
        Outcome::Changed
    } else {
        Outcome::Done
    }
}

/// Verifies, rejects or revokes a BUMDes and logs it, if it is in the decider's region and in the state
/// the decision is for.
pub async fn decide(
    pool: &PgPool,
    who: &Decider<'_>,
    bumdes: i64,
    decision: Decision,
    reason: Option<&str>,
) -> sqlx::Result<Outcome> {
    let mut tx = pool.begin().await?;
    let found = sqlx::query!(
        "SELECT village_code, verification FROM bumdes WHERE id = $1 FOR UPDATE",
        bumdes
    )
    .fetch_optional(&mut *tx)
    .await?;
    let found = found.map(|row| (row.village_code, row.verification));
    let outcome = judge(found, who, decision);
    if outcome != Outcome::Done {
        return Ok(outcome);
    }
    let office = sqlx::query!(
        r#"SELECT coalesce(o.name, 'Lumbung') AS "actor!",
                  CASE WHEN o.id IS NULL THEN 'Lumbung' ELSE official_office(o.region_code) END AS "office!"
           FROM (SELECT 1) one LEFT JOIN officials o ON o.id = $1"#,
        who.official
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        // The office stays only on a verified BUMDes, stamped with the date (trigger in 0021).
        "UPDATE bumdes SET verification = $2, verified_office = $3 WHERE id = $1",
        bumdes,
        decision.to(),
        office.office
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO verification_events (bumdes_id, official_id, actor, office, action, reason)
         VALUES ($1, $2, $3, $4, $5, $6)",
        bumdes,
        who.official,
        office.actor,
        office.office,
        decision.action(),
        reason
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// A rejected or revoked BUMDes goes back into the queue, at its end, when its owner asks; false when
/// it is neither.
pub async fn resubmit(pool: &PgPool, bumdes: i64, owner: &str) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    let moved = sqlx::query!(
        "UPDATE bumdes SET verification = 'pending', submitted_at = now()
         WHERE id = $1 AND verification IN ('rejected', 'revoked')",
        bumdes
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if moved {
        sqlx::query!(
            "INSERT INTO verification_events (bumdes_id, actor, office, action)
             VALUES ($1, $2, 'BUMDes', 'resubmit')",
            bumdes,
            owner
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(moved)
}

/// Every decision about a BUMDes, newest first.
pub async fn history(pool: &PgPool, bumdes: i64) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as!(
        Event,
        r#"SELECT actor, office, action, reason,
                  to_char(at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') AS "at!"
           FROM verification_events WHERE bumdes_id = $1 ORDER BY at DESC, id DESC"#,
        bumdes
    )
    .fetch_all(pool)
    .await
}

/// The command line's `admin verify`, by the slug on the BUMDes's dashboard; logged as the system.
pub async fn verify_by_slug(pool: &PgPool, slug: &str) -> sqlx::Result<Outcome> {
    let id = sqlx::query_scalar!("SELECT id FROM bumdes WHERE slug = $1", slug)
        .fetch_optional(pool)
        .await?;
    let Some(id) = id else {
        return Ok(Outcome::Missing);
    };
    let system = Decider {
        official: None,
        scope: None,
    };
    decide(pool, &system, id, Decision::Verify, None).await
}
