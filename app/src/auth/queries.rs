//! Accounts, sessions and login throttling in PostgreSQL.
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use super::Seller;
use crate::form::Problem;

/// A BUMDes and its owner's account, as the registration form gives them (already checked).
pub struct NewBumdes<'a> {
    pub bumdes_name: &'a str,
    pub village_code: &'a str,
    pub manager_name: &'a str,
    /// Normalised to +62.
    pub whatsapp: &'a str,
    pub email: Option<&'a str>,
    pub certificate_number: Option<&'a str>,
    pub password_hash: &'a str,
}

/// Registers a BUMDes, pending verification, with its owner; returns the owner's seller id. A taken
/// number or email, or an unknown village, comes back as the field's problem.
pub async fn register(
    pool: &PgPool,
    new: &NewBumdes<'_>,
) -> sqlx::Result<Result<i64, (&'static str, Problem)>> {
    let mut tx = pool.begin().await?;
    // The village code keeps slugs unique across villages that have BUMDes of the same name.
    let slug = format!(
        "{}-{}",
        crate::slug::slugify(new.bumdes_name),
        new.village_code.replace('.', "")
    );
    let bumdes = sqlx::query_scalar!(
        "INSERT INTO bumdes (name, slug, village_code, whatsapp, certificate_number)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        new.bumdes_name.trim(),
        slug,
        new.village_code,
        new.whatsapp,
        new.certificate_number
    )
    .fetch_one(&mut *tx)
    .await;
    let bumdes = match bumdes {
        Ok(id) => id,
        Err(err) => return problem(err, "bumdes_name"),
    };
    let seller = sqlx::query_scalar!(
        "INSERT INTO sellers (bumdes_id, name, whatsapp, email, password_hash, role)
         VALUES ($1, $2, $3, $4, $5, 'owner') RETURNING id",
        bumdes,
        new.manager_name.trim(),
        new.whatsapp,
        new.email,
        new.password_hash
    )
    .fetch_one(&mut *tx)
    .await;
    let seller = match seller {
        Ok(id) => id,
        Err(err) => return problem(err, "manager_name"),
    };
    tx.commit().await?;
    Ok(Ok(seller))
}

/// Which field a constraint violation is about; anything else is a real error.
pub(crate) fn problem<T>(
    err: sqlx::Error,
    name_field: &'static str,
) -> sqlx::Result<Result<T, (&'static str, Problem)>> {
    let Some(constraint) = err.as_database_error().and_then(|e| e.constraint()) else {
        return Err(err);
    };
    let found = match constraint {
        "sellers_whatsapp_key" => ("whatsapp", Problem::PhoneTaken),
        "sellers_email_key" => ("email", Problem::EmailTaken),
        "bumdes_slug_key" => (name_field, Problem::NameTaken),
        "bumdes_village_code_fkey" | "bumdes_village_code_check" => ("village", Problem::Village),
        "officials_whatsapp_key" => ("whatsapp", Problem::PhoneTaken),
        "officials_email_key" => ("email", Problem::EmailTaken),
        "officials_region_code_fkey" | "officials_region_code_check" => ("region", Problem::Region),
        _ => return Err(err),
    };
    Ok(Err(found))
}

/// The seller who logs in with this WhatsApp number or email, and their password hash.
pub async fn login_account(pool: &PgPool, login: &str) -> sqlx::Result<Option<(i64, String)>> {
    Ok(sqlx::query!(
        "SELECT id, password_hash FROM sellers WHERE whatsapp = $1 OR email = lower($1)",
        login
    )
    .fetch_optional(pool)
    .await?
    .map(|row| (row.id, row.password_hash)))
}

pub async fn password_hash(pool: &PgPool, seller: i64) -> sqlx::Result<String> {
    sqlx::query_scalar!("SELECT password_hash FROM sellers WHERE id = $1", seller)
        .fetch_one(pool)
        .await
}

/// A new password ends every other session of the seller.
pub async fn set_password(
    pool: &PgPool,
    seller: i64,
    hash: &str,
    keep_token: &str,
) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "UPDATE sellers SET password_hash = $2 WHERE id = $1",
        seller,
        hash
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "DELETE FROM sessions WHERE seller_id = $1 AND token_hash <> $2",
        seller,
        &token_hash(keep_token)[..]
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// How long a session lasts without logging in again.
const SESSION_DAYS: i32 = 30;

/// What is kept of a secret token: its SHA-256.
pub(crate) fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// A secret for a cookie or a link: 256 random bits, hex.
pub(crate) fn new_token() -> sqlx::Result<String> {
    crate::random::hex(32).map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))
}

/// Whom a session is for: a seller or an official, each with their own pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Account {
    Seller(i64),
    Official(i64),
}

/// A new session: the token for the cookie.
pub async fn open_session(pool: &PgPool, account: Account) -> sqlx::Result<String> {
    let token = new_token()?;
    let (seller, official) = match account {
        Account::Seller(id) => (Some(id), None),
        Account::Official(id) => (None, Some(id)),
    };
    sqlx::query!(
        "INSERT INTO sessions (token_hash, seller_id, official_id, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(days => $4))",
        &token_hash(&token)[..],
        seller,
        official,
        SESSION_DAYS
    )
    .execute(pool)
    .await?;
    Ok(token)
}

pub async fn close_session(pool: &PgPool, token: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "DELETE FROM sessions WHERE token_hash = $1",
        &token_hash(token)[..]
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The seller of a live session, with their BUMDes.
pub async fn session_seller(pool: &PgPool, token: &str) -> sqlx::Result<Option<Seller>> {
    sqlx::query_as!(
        Seller,
        r#"SELECT s.id, s.name, s.role, b.id AS bumdes_id, b.name AS bumdes_name, b.slug AS bumdes_slug,
                  b.village_code, b.verification
           FROM sessions x
           JOIN sellers s ON s.id = x.seller_id
           JOIN bumdes b ON b.id = s.bumdes_id
           WHERE x.token_hash = $1 AND x.expires_at > now()"#,
        &token_hash(token)[..]
    )
    .fetch_optional(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures as fx;

    fn new<'a>(whatsapp: &'a str, email: Option<&'a str>) -> NewBumdes<'a> {
        NewBumdes {
            bumdes_name: "BUMDes Maju Jaya",
            village_code: fx::VILLAGE,
            manager_name: "Siti",
            whatsapp,
            email,
            certificate_number: None,
            password_hash: "not-a-real-hash",
        }
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn registers_a_pending_bumdes_and_refuses_taken_numbers(pool: PgPool) {
        fx::regions(&pool).await;
        let seller = register(&pool, &new("+6281234567890", Some("siti@example.id")))
            .await
            .unwrap()
            .unwrap();
        let token = open_session(&pool, Account::Seller(seller)).await.unwrap();
        let me = session_seller(&pool, &token).await.unwrap().unwrap();
        assert_eq!(
            (me.role.as_str(), me.verification.as_str()),
            ("owner", "pending")
        );
        assert_eq!(me.bumdes_slug, "bumdes-maju-jaya-1101012001");

        // The same number again, then the same email, then the same BUMDes name in the same village.
        let again = register(&pool, &new("+6281234567890", None)).await.unwrap();
        assert_eq!(again, Err(("bumdes_name", Problem::NameTaken)));
        let mut other = new("+6281111111111", Some("siti@example.id"));
        other.bumdes_name = "BUMDes Lain";
        assert_eq!(
            register(&pool, &other).await.unwrap(),
            Err(("email", Problem::EmailTaken))
        );
        other.email = None;
        other.whatsapp = "+6281234567890";
        assert_eq!(
            register(&pool, &other).await.unwrap(),
            Err(("whatsapp", Problem::PhoneTaken))
        );
        other.village_code = "99.99.99.9999";
        other.whatsapp = "+6282222222222";
        assert_eq!(
            register(&pool, &other).await.unwrap(),
            Err(("village", Problem::Village))
        );

        use crate::verification::queries::{Outcome, verify_by_slug};
        assert_eq!(
            verify_by_slug(&pool, &me.bumdes_slug).await.unwrap(),
            Outcome::Done
        );
        assert_eq!(
            verify_by_slug(&pool, "no-such-bumdes").await.unwrap(),
            Outcome::Missing
        );
        let me = session_seller(&pool, &token).await.unwrap().unwrap();
        assert_eq!(me.verification, "verified");
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn sessions_end_on_logout_and_on_a_new_password_elsewhere(pool: PgPool) {
        fx::regions(&pool).await;
        let seller = register(&pool, &new("+6281234567890", None))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            login_account(&pool, "+6281234567890")
                .await
                .unwrap()
                .map(|(id, _)| id),
            Some(seller)
        );
        let phone = open_session(&pool, Account::Seller(seller)).await.unwrap();
        let laptop = open_session(&pool, Account::Seller(seller)).await.unwrap();
        assert_ne!(phone, laptop);
        set_password(&pool, seller, "new-hash", &laptop)
            .await
            .unwrap();
        assert!(session_seller(&pool, &phone).await.unwrap().is_none());
        assert!(session_seller(&pool, &laptop).await.unwrap().is_some());
        assert_eq!(password_hash(&pool, seller).await.unwrap(), "new-hash");
        close_session(&pool, &laptop).await.unwrap();
        assert!(session_seller(&pool, &laptop).await.unwrap().is_none());
        assert!(
            session_seller(&pool, "not-a-token")
                .await
                .unwrap()
                .is_none()
        );
    }
}
