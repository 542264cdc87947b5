//! Staff and the owner's one-time invitation links. Every query names the BUMDes, so an owner reaches
//! only their own staff and links.
use sqlx::PgPool;

use super::{Invitation, OpenInvite, StaffMember};
use crate::auth::queries::{new_token, problem, token_hash};
use crate::form::Problem;

/// How long an invitation link can be used.
pub const INVITE_DAYS: i32 = 7;

pub async fn members(pool: &PgPool, bumdes: i64) -> sqlx::Result<Vec<StaffMember>> {
    sqlx::query_as!(
        StaffMember,
        r#"SELECT id, name, whatsapp, role, to_char(created_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS "joined!"
           FROM sellers WHERE bumdes_id = $1 ORDER BY role = 'staff', created_at, id"#,
        bumdes
    )
    .fetch_all(pool)
    .await
}

/// Links not yet used, cancelled or expired, newest first.
pub async fn open_invites(pool: &PgPool, bumdes: i64) -> sqlx::Result<Vec<OpenInvite>> {
    sqlx::query_as!(
        OpenInvite,
        r#"SELECT id, to_char(expires_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') AS "expires!"
           FROM staff_invites
           WHERE bumdes_id = $1 AND used_at IS NULL AND expires_at > now()
           ORDER BY created_at DESC, id DESC"#,
        bumdes
    )
    .fetch_all(pool)
    .await
}

/// A new link's token; only its hash is stored.
pub async fn create_invite(pool: &PgPool, bumdes: i64, owner: i64) -> sqlx::Result<String> {
    let token = new_token()?;
    sqlx::query!(
        "INSERT INTO staff_invites (token_hash, bumdes_id, invited_by, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(days => $4))",
        &token_hash(&token)[..],
        bumdes,
        owner,
        INVITE_DAYS
    )
    .execute(pool)
    .await?;
    Ok(token)
}

/// The BUMDes of a link not used yet.
pub async fn invite_bumdes(pool: &PgPool, id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "SELECT bumdes_id FROM staff_invites WHERE id = $1 AND used_at IS NULL",
        id
    )
    .fetch_optional(pool)
    .await
}

/// A seller's BUMDes and role.
pub async fn member(pool: &PgPool, id: i64) -> sqlx::Result<Option<(i64, String)>> {
    Ok(
        sqlx::query!("SELECT bumdes_id, role FROM sellers WHERE id = $1", id)
            .fetch_optional(pool)
            .await?
            .map(|row| (row.bumdes_id, row.role)),
    )
}

/// False when the BUMDes has no such open link.
pub async fn cancel_invite(pool: &PgPool, bumdes: i64, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "DELETE FROM staff_invites WHERE id = $1 AND bumdes_id = $2 AND used_at IS NULL",
        id,
        bumdes
    )
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// Removes a staff member (never an owner) and so ends their sessions. False when the BUMDes has no
/// such staff member.
pub async fn remove_staff(pool: &PgPool, bumdes: i64, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "DELETE FROM sellers WHERE id = $1 AND bumdes_id = $2 AND role = 'staff'",
        id,
        bumdes
    )
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// The BUMDes an open link invites to.
pub async fn invitation(pool: &PgPool, token: &str) -> sqlx::Result<Option<Invitation>> {
    sqlx::query_as!(
        Invitation,
        "SELECT b.name AS bumdes_name, b.village_code FROM staff_invites i JOIN bumdes b ON b.id = i.bumdes_id
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > now()",
        &token_hash(token)[..]
    )
    .fetch_optional(pool)
    .await
}

/// A new staff member's account, as the join form gives it (already checked).
pub struct NewStaff<'a> {
    pub name: &'a str,
    /// Normalised to +62.
    pub whatsapp: &'a str,
    pub email: Option<&'a str>,
    pub password_hash: &'a str,
}

/// Uses the link once and creates the staff member's account; returns their seller id. A link used,
/// cancelled or expired meanwhile comes back as the `invite` problem, a taken number or email as its
/// field's.
pub async fn join(
    pool: &PgPool,
    token: &str,
    staff: &NewStaff<'_>,
) -> sqlx::Result<Result<i64, (&'static str, Problem)>> {
    let mut tx = pool.begin().await?;
    // The row lock makes two sign-ups with one link take turns: the second finds it used.
    let Some((invite, bumdes)) = sqlx::query!(
        "UPDATE staff_invites SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING id, bumdes_id",
        &token_hash(token)[..]
    )
    .fetch_optional(&mut *tx)
    .await?
    .map(|row| (row.id, row.bumdes_id)) else {
        return Ok(Err(("invite", Problem::InviteGone)));
    };
    let seller = sqlx::query_scalar!(
        "INSERT INTO sellers (bumdes_id, name, whatsapp, email, password_hash, role)
         VALUES ($1, $2, $3, $4, $5, 'staff') RETURNING id",
        bumdes,
        staff.name.trim(),
        staff.whatsapp,
        staff.email,
        staff.password_hash
    )
    .fetch_one(&mut *tx)
    .await;
    let seller = match seller {
        Ok(id) => id,
        // Dropping the transaction leaves the link unused, for a second try.
        Err(err) => return problem(err, "name"),
    };
    sqlx::query!(
        "UPDATE staff_invites SET used_by = $2 WHERE id = $1",
        invite,
        seller
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(seller))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures as fx;

    async fn owner(pool: &PgPool, bumdes: i64, whatsapp: &str) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO sellers (bumdes_id, name, whatsapp, password_hash, role)
             VALUES ($1, 'Pemilik', $2, 'hash', 'owner') RETURNING id",
        )
        .bind(bumdes)
        .bind(whatsapp)
        .fetch_one(pool)
        .await
        .unwrap()
    }

    fn staff(whatsapp: &str) -> NewStaff<'_> {
        NewStaff {
            name: "Budi",
            whatsapp,
            email: None,
            password_hash: "hash",
        }
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn a_link_lets_one_person_join_once(pool: PgPool) {
        fx::regions(&pool).await;
        let bumdes = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let me = owner(&pool, bumdes, "+6281200000001").await;
        let token = create_invite(&pool, bumdes, me).await.unwrap();
        assert_eq!(open_invites(&pool, bumdes).await.unwrap().len(), 1);
        assert_eq!(
            invitation(&pool, &token)
                .await
                .unwrap()
                .unwrap()
                .bumdes_name,
            "bumdes-maju"
        );

        // The owner's own number is taken: the link stays usable.
        assert_eq!(
            join(&pool, &token, &staff("+6281200000001")).await.unwrap(),
            Err(("whatsapp", Problem::PhoneTaken))
        );
        let budi = join(&pool, &token, &staff("+6281200000002"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            join(&pool, &token, &staff("+6281200000003")).await.unwrap(),
            Err(("invite", Problem::InviteGone))
        );
        assert_eq!(invitation(&pool, &token).await.unwrap(), None);
        assert!(open_invites(&pool, bumdes).await.unwrap().is_empty());
        let roles: Vec<(String, String)> = members(&pool, bumdes)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.name, m.role))
            .collect();
        assert_eq!(
            roles,
            [
                ("Pemilik".into(), "owner".into()),
                ("Budi".into(), "staff".into())
            ]
        );

        // Removing Budi ends his sessions; the owner cannot be removed.
        let session =
            crate::auth::queries::open_session(&pool, crate::auth::queries::Account::Seller(budi))
                .await
                .unwrap();
        assert!(!remove_staff(&pool, bumdes, me).await.unwrap());
        assert!(remove_staff(&pool, bumdes, budi).await.unwrap());
        assert_eq!(
            crate::auth::queries::session_seller(&pool, &session)
                .await
                .unwrap(),
            None
        );
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn links_expire_can_be_cancelled_and_belong_to_one_bumdes(pool: PgPool) {
        fx::regions(&pool).await;
        let mine = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let theirs = fx::bumdes(&pool, "bumdes-lain", fx::OTHER_VILLAGE, "verified").await;
        let me = owner(&pool, mine, "+6281200000001").await;
        let them = owner(&pool, theirs, "+6281200000009").await;

        let old = create_invite(&pool, mine, me).await.unwrap();
        sqlx::query("UPDATE staff_invites SET expires_at = now() - interval '1 minute'")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(invitation(&pool, &old).await.unwrap(), None);
        assert_eq!(
            join(&pool, &old, &staff("+6281200000002")).await.unwrap(),
            Err(("invite", Problem::InviteGone))
        );

        create_invite(&pool, mine, me).await.unwrap();
        let id = open_invites(&pool, mine).await.unwrap()[0].id;
        assert!(
            !cancel_invite(&pool, theirs, id).await.unwrap(),
            "another BUMDes's link"
        );
        assert!(cancel_invite(&pool, mine, id).await.unwrap());
        assert!(open_invites(&pool, mine).await.unwrap().is_empty());

        // Another BUMDes's staff member is out of reach.
        let token = create_invite(&pool, theirs, them).await.unwrap();
        let their_staff = join(&pool, &token, &staff("+6281200000005"))
            .await
            .unwrap()
            .unwrap();
        assert!(!remove_staff(&pool, mine, their_staff).await.unwrap());
    }
}
