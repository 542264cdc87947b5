//! A new link voids the old one; a deactivated official can no longer log in nor use a session or link,
//! keeps their place in the list, and frees their number for a new invitation.
use sqlx::PgPool;

use super::new::{Invitation, add};
use super::queries::{
    active_region, colleagues, deactivate, link_for, login_account, new_link, session_official,
    set_password_by_link,
};
use crate::auth::queries::{Account, open_session};
use crate::test_fixtures as fx;

fn regency(whatsapp: &str) -> Invitation<'_> {
    Invitation {
        region: "11.01",
        name: "Dinas Aceh Selatan",
        whatsapp,
        email: "dinas@aceh.example",
    }
}

#[sqlx::test(migrations = "../server/migrations")]
async fn a_new_link_voids_the_old_and_deactivation_ends_everything(pool: PgPool) {
    fx::regions(&pool).await;
    let first = add(&pool, None, &regency("0811 0000 0003"))
        .await
        .unwrap()
        .unwrap();
    let id = login_id(&pool, &first).await;
    // The invitation ran out, say: a new link, and the first no longer opens.
    let second = new_link(&pool, id).await.unwrap().unwrap();
    assert_eq!(link_for(&pool, &first).await.unwrap(), None);
    assert_eq!(
        set_password_by_link(&pool, &first, "h").await.unwrap(),
        None
    );
    assert_eq!(
        set_password_by_link(&pool, &second, "h").await.unwrap(),
        Some(id)
    );
    assert_eq!(
        active_region(&pool, id).await.unwrap(),
        Some(Some("11.01".to_string()))
    );

    let session = open_session(&pool, Account::Official(id)).await.unwrap();
    let forgotten = new_link(&pool, id).await.unwrap().unwrap();
    assert!(deactivate(&pool, id).await.unwrap());
    assert!(!deactivate(&pool, id).await.unwrap(), "once");
    assert_eq!(session_official(&pool, &session).await.unwrap(), None);
    assert_eq!(login_account(&pool, "+6281100000003").await.unwrap(), None);
    assert_eq!(link_for(&pool, &forgotten).await.unwrap(), None);
    assert_eq!(new_link(&pool, id).await.unwrap(), None);
    assert_eq!(active_region(&pool, id).await.unwrap(), None);

    // Their number and email are free for whoever takes the office; the list keeps both, the
    // deactivated last.
    let again = add(&pool, None, &regency("0811-0000-0003"))
        .await
        .unwrap()
        .unwrap();
    let successor = set_password_by_link(&pool, &again, "h2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        login_account(&pool, "+6281100000003").await.unwrap(),
        Some((successor, "h2".to_string()))
    );
    let listed = colleagues(&pool, Some("11.01")).await.unwrap();
    let states: Vec<_> = listed
        .iter()
        .map(|c| (c.id, c.deactivated.is_some()))
        .collect();
    assert_eq!(states, [(successor, false), (id, true)]);
    // While the successor holds the number, nobody else may.
    let number_only = Invitation {
        email: "",
        ..regency("0811 0000 0003")
    };
    let taken = add(&pool, None, &number_only).await.unwrap();
    assert_eq!(
        taken.unwrap_err().problem("whatsapp"),
        Some(crate::form::Problem::PhoneTaken)
    );
}

/// The official a fresh link is for.
async fn login_id(pool: &PgPool, token: &str) -> i64 {
    sqlx::query_scalar("SELECT official_id FROM official_links WHERE token_hash = $1")
        .bind(&crate::auth::queries::token_hash(token)[..])
        .fetch_one(pool)
        .await
        .unwrap()
}
