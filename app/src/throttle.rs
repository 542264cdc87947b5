//! Limits on attempts that must hold on every app server (logins, registrations, checkouts, uploads,
//! invitations, an order's phone check): counted in PostgreSQL before the attempt is tried. Past a free
//! number, each further attempt waits longer; nothing locks anyone out for good.
use sqlx::PgPool;

/// How many attempts a key gets at once within `window` seconds, and the waits after them.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub free: i32,
    pub window: i32,
    /// The first wait, in seconds; it doubles with each attempt after it.
    pub first_wait: i32,
    pub longest_wait: i32,
}

/// Every limit, in one place. Windows and waits are in seconds; after a window's free attempts each next
/// one waits the first wait, doubling up to the longest.
pub mod rules {
    use super::Rule;

    const fn rule(free: i32, window: i32, first_wait: i32, longest_wait: i32) -> Rule {
        Rule {
            free,
            window,
            first_wait,
            longest_wait,
        }
    }

    /// Logins to one account from one address.
    pub const LOGIN_ACCOUNT_HERE: Rule = rule(5, 900, 2, 900);
    /// Logins from one address, to any account.
    pub const LOGIN_ADDRESS: Rule = rule(30, 900, 2, 900);
    /// Logins to one account from anywhere: the wait stops at a minute, so strangers who know a
    /// seller's public number cannot lock the seller out.
    pub const LOGIN_ACCOUNT: Rule = rule(20, 900, 5, 60);
    /// Phone numbers tried on one order's link, and from one address on any link.
    pub const ORDER_PHONE_LINK: Rule = rule(5, 900, 2, 900);
    pub const ORDER_PHONE_ADDRESS: Rule = rule(30, 900, 2, 900);
    /// Accounts made from one address: BUMDes registered, staff joining.
    pub const ACCOUNTS_ADDRESS: Rule = rule(5, 3600, 60, 3600);
    /// Checkouts placed from one address: a family or a shop, not a bot taking the stock.
    pub const CHECKOUT_ADDRESS: Rule = rule(10, 600, 30, 1800);
    /// Proofs of transfer sent from one address.
    pub const PROOF_ADDRESS: Rule = rule(10, 600, 30, 1800);
    /// Staff invitations made from one address.
    pub const INVITE_ADDRESS: Rule = rule(10, 3600, 60, 3600);
}

/// Counts an attempt under `key`, or says how many seconds are left to wait (an attempt that must wait
/// is not counted). The check reads the clock, not the transaction's start: an attempt that waited on
/// the row for a concurrent one would otherwise see that one's `now()` as still to come, and wait.
pub async fn attempt(pool: &PgPool, key: &str, rule: Rule) -> sqlx::Result<Result<(), u32>> {
    let counted = sqlx::query_scalar!(
        "INSERT INTO throttle AS t (key, attempts, window_start, next_allowed)
         VALUES ($1, 1, now(), now() + throttle_wait(1, $2, $4, $5))
         ON CONFLICT (key) DO UPDATE SET
             attempts = CASE WHEN t.window_start < now() - make_interval(secs => $3) THEN 1
                             ELSE t.attempts + 1 END,
             window_start = CASE WHEN t.window_start < now() - make_interval(secs => $3) THEN now()
                                 ELSE t.window_start END,
             next_allowed = now() + throttle_wait(
                 CASE WHEN t.window_start < now() - make_interval(secs => $3) THEN 1
                      ELSE t.attempts + 1 END, $2, $4, $5)
         WHERE t.next_allowed <= clock_timestamp()
         RETURNING attempts",
        key,
        rule.free,
        f64::from(rule.window),
        rule.first_wait,
        rule.longest_wait,
    )
    .fetch_optional(pool)
    .await?;
    if counted.is_some() {
        return Ok(Ok(()));
    }
    let left = sqlx::query_scalar!(
        r#"SELECT ceil(extract(epoch FROM next_allowed - now()))::int4 AS "left!"
           FROM throttle WHERE key = $1"#,
        key
    )
    .fetch_optional(pool)
    .await?;
    Ok(Err(left.unwrap_or(1).max(1) as u32))
}

/// Counts an attempt under each key, or refuses with the wait of the first key that must wait; `form` is
/// what was typed, sent back with the refusal.
pub async fn check(
    pool: &PgPool,
    keys: &[(&str, Rule)],
    form: &crate::form::FormProblems,
) -> Result<(), crate::error::AppError> {
    let scale =
        leptos::prelude::use_context::<crate::state::AppState>().map_or(1, |s| s.limit_scale);
    for (key, rule) in keys {
        let rule = Rule {
            free: rule.free.saturating_mul(scale as i32),
            ..*rule
        };
        if let Err(seconds) = attempt(pool, key, rule).await? {
            return Err(crate::error::AppError::Throttled {
                seconds,
                form: form.clone(),
            });
        }
    }
    Ok(())
}

/// Counts an attempt at `what` from the request's address under `rule` (see [`check`]).
pub async fn per_address(
    pool: &PgPool,
    what: &str,
    rule: Rule,
    form: &crate::form::FormProblems,
) -> Result<(), crate::error::AppError> {
    let address = crate::address::request_address().await;
    check(pool, &[(format!("{what}:{address}").as_str(), rule)], form).await
}

/// Forgets the attempts under `key` (a login that succeeded).
pub async fn forget(pool: &PgPool, key: &str) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM throttle WHERE key = $1", key)
        .execute(pool)
        .await?;
    Ok(())
}

/// Drops keys whose window and wait ended a day ago.
pub async fn prune(pool: &PgPool) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        "DELETE FROM throttle WHERE window_start < now() - interval '1 day'
           AND next_allowed < now() - interval '1 day'"
    )
    .execute(pool)
    .await?
    .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE: Rule = Rule {
        free: 5,
        window: 900,
        first_wait: 60,
        longest_wait: 900,
    };

    #[sqlx::test(migrations = "../server/migrations")]
    async fn attempts_sent_at_once_get_exactly_the_free_number(pool: PgPool) {
        let tries = (0..20).map(|_| {
            let pool = pool.clone();
            tokio::spawn(async move { attempt(&pool, "akun:+628123", FIVE).await.unwrap() })
        });
        let mut allowed = 0;
        for result in futures_util::future::join_all(tries).await {
            match result.unwrap() {
                Ok(()) => allowed += 1,
                Err(wait) => assert!((1..=60).contains(&wait), "{wait}"),
            }
        }
        assert_eq!(allowed, 5);
        // Another key is not held back.
        assert_eq!(attempt(&pool, "akun:+628999", FIVE).await.unwrap(), Ok(()));
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn attempts_within_the_free_number_sent_at_once_all_pass(pool: PgPool) {
        for round in 0..10 {
            let key = format!("daftar:10.0.0.{round}");
            let tries = (0..5).map(|_| {
                let (pool, key) = (pool.clone(), key.clone());
                tokio::spawn(async move { attempt(&pool, &key, FIVE).await.unwrap() })
            });
            for result in futures_util::future::join_all(tries).await {
                assert_eq!(result.unwrap(), Ok(()), "round {round}");
            }
        }
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn each_wait_doubles_up_to_the_longest_and_a_window_starts_again(pool: PgPool) {
        let key = "ip:10.0.0.1";
        for _ in 0..5 {
            attempt(&pool, key, FIVE).await.unwrap().unwrap();
        }
        let waits = |pool: PgPool| async move {
            sqlx::query_scalar::<_, i32>(
                "SELECT extract(epoch FROM next_allowed - now())::int4 FROM throttle WHERE key = $1",
            )
            .bind(key)
            .fetch_one(&pool)
            .await
            .unwrap()
        };
        assert!((58..=60).contains(&waits(pool.clone()).await));
        // As if the wait had passed: the sixth attempt waits twice as long, the seventh four times (capped).
        let pass = "UPDATE throttle SET next_allowed = now() - interval '1 second'";
        sqlx::query(pass).execute(&pool).await.unwrap();
        attempt(&pool, key, FIVE).await.unwrap().unwrap();
        assert!((118..=120).contains(&waits(pool.clone()).await));
        for _ in 0..6 {
            sqlx::query(pass).execute(&pool).await.unwrap();
            attempt(&pool, key, FIVE).await.unwrap().unwrap();
        }
        assert!((898..=900).contains(&waits(pool.clone()).await));
        // An old window starts again from the first attempt.
        sqlx::query(
            "UPDATE throttle SET window_start = now() - interval '1 hour', next_allowed = now()",
        )
        .execute(&pool)
        .await
        .unwrap();
        attempt(&pool, key, FIVE).await.unwrap().unwrap();
        assert_eq!(waits(pool.clone()).await, 0);
        forget(&pool, key).await.unwrap();
        assert_eq!(prune(&pool).await.unwrap(), 0);
    }
}
