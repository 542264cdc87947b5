use sqlx::PgPool;

use super::queries::*;
use crate::test_fixtures as fx;
use crate::verification::Decision;

/// A pending BUMDes with its owner, in `village`.
async fn pending(pool: &PgPool, slug: &str, village: &str, whatsapp: &str) -> i64 {
    let id = fx::bumdes(pool, slug, village, "pending").await;
    sqlx::query(
        "INSERT INTO sellers (bumdes_id, name, whatsapp, password_hash, role)
         VALUES ($1, 'Siti', $2, 'x', 'owner')",
    )
    .bind(id)
    .bind(whatsapp)
    .execute(pool)
    .await
    .unwrap();
    id
}

async fn official(pool: &PgPool, region: Option<&str>, whatsapp: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO officials (name, whatsapp, region_code) VALUES ('Budi', $1, $2) RETURNING id",
    )
    .bind(whatsapp)
    .bind(region)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn state(pool: &PgPool, id: i64) -> String {
    sqlx::query_scalar("SELECT verification FROM bumdes WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../server/migrations")]
async fn an_official_sees_and_decides_only_inside_their_region(pool: PgPool) {
    fx::regions(&pool).await;
    let aceh = pending(&pool, "bumdes-aceh", fx::VILLAGE, "+6281200000001").await;
    let sumbawa = pending(&pool, "bumdes-sumbawa", fx::FAR_VILLAGE, "+6281200000002").await;
    let regency = official(&pool, Some("11.01"), "+6281100000001").await;
    let selatan = Decider {
        official: Some(regency),
        scope: Some("11.01"),
    };

    let queue_of = |scope: Option<&'static str>| {
        let pool = pool.clone();
        async move {
            queue(&pool, scope)
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(queue_of(Some("11.01")).await, [aceh]);
    assert_eq!(queue_of(Some("52")).await, [sumbawa]);
    assert_eq!(queue_of(None).await, [aceh, sumbawa]);
    let shown = &queue(&pool, Some("11")).await.unwrap()[0];
    assert_eq!(
        shown.village,
        "Keude Bakongan, Bakongan, Kabupaten Aceh Selatan, Aceh"
    );
    assert_eq!(
        (shown.owner.as_str(), shown.owner_whatsapp.as_str()),
        ("Siti", "+6281200000001")
    );

    // Another regency's BUMDes is out of reach, whatever the decision; an unknown one is missing.
    for decision in [Decision::Verify, Decision::Reject] {
        assert_eq!(
            decide(&pool, &selatan, sumbawa, decision, Some("x"))
                .await
                .unwrap(),
            Outcome::Outside
        );
    }
    assert_eq!(
        decide(&pool, &selatan, -1, Decision::Verify, None)
            .await
            .unwrap(),
        Outcome::Missing
    );
    assert_eq!(state(&pool, sumbawa).await, "pending");
    assert_eq!(history(&pool, sumbawa).await.unwrap(), []);

    assert_eq!(
        decide(&pool, &selatan, aceh, Decision::Verify, None)
            .await
            .unwrap(),
        Outcome::Done
    );
    assert_eq!(state(&pool, aceh).await, "verified");
    let office: (String, String) = sqlx::query_as(
        "SELECT verified_office, to_char(verified_at, 'YYYY') FROM bumdes WHERE id = $1",
    )
    .bind(aceh)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(office.0, "DPMD Kabupaten Aceh Selatan");
    assert!(queue_of(Some("11")).await.is_empty());
}

#[sqlx::test(migrations = "../server/migrations")]
async fn reject_resubmit_verify_each_logged_and_two_officials_at_once_decide_once(pool: PgPool) {
    fx::regions(&pool).await;
    let first = pending(&pool, "bumdes-satu", fx::VILLAGE, "+6281200000001").await;
    let second = pending(&pool, "bumdes-dua", fx::OTHER_VILLAGE, "+6281200000002").await;
    let province = official(&pool, Some("11"), "+6281100000001").await;
    let district = official(&pool, Some("11.01.01"), "+6281100000002").await;
    let aceh = Decider {
        official: Some(province),
        scope: Some("11"),
    };
    let bakongan = Decider {
        official: Some(district),
        scope: Some("11.01.01"),
    };

    assert_eq!(
        decide(
            &pool,
            &aceh,
            first,
            Decision::Reject,
            Some("Sertifikat belum ada.")
        )
        .await
        .unwrap(),
        Outcome::Done
    );
    // Nobody can verify or reject it now: it is no longer pending.
    for decision in [Decision::Verify, Decision::Reject] {
        assert_eq!(
            decide(&pool, &bakongan, first, decision, Some("x"))
                .await
                .unwrap(),
            Outcome::Changed
        );
    }
    // Asking again puts it at the end of the queue.
    assert!(resubmit(&pool, first, "Siti").await.unwrap());
    assert!(!resubmit(&pool, first, "Siti").await.unwrap());
    let order: Vec<i64> = queue(&pool, Some("11"))
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(order, [second, first]);

    // Two officials verify it at the same moment: one wins, the other is told.
    let (a, b) = tokio::join!(
        decide(&pool, &aceh, first, Decision::Verify, None),
        decide(&pool, &bakongan, first, Decision::Verify, None),
    );
    let mut outcomes = [a.unwrap(), b.unwrap()].map(|o| format!("{o:?}"));
    outcomes.sort();
    assert_eq!(outcomes, ["Changed", "Done"]);

    assert_eq!(state(&pool, first).await, "verified");
    let logged: Vec<(String, String, Option<String>)> = history(&pool, first)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.office, e.reason))
        .collect();
    assert_eq!(logged.len(), 3);
    assert_eq!(logged[0].0, "verify");
    let offices = ["DPMD Provinsi Aceh", "Pendamping Desa Kecamatan Bakongan"];
    assert!(offices.contains(&logged[0].1.as_str()), "{}", logged[0].1);
    assert_eq!(logged[1], ("resubmit".into(), "BUMDes".into(), None));
    assert_eq!(
        logged[2],
        (
            "reject".into(),
            "DPMD Provinsi Aceh".into(),
            Some("Sertifikat belum ada.".into())
        )
    );

    // The command line verifies as the system, and says so in the log.
    assert_eq!(
        verify_by_slug(&pool, "bumdes-dua").await.unwrap(),
        Outcome::Done
    );
    assert_eq!(
        verify_by_slug(&pool, "bumdes-dua").await.unwrap(),
        Outcome::Changed
    );
    let system = &history(&pool, second).await.unwrap()[0];
    assert_eq!(
        (system.actor.as_str(), system.office.as_str()),
        ("Lumbung", "Lumbung")
    );
}

#[sqlx::test(migrations = "../server/migrations")]
async fn revoking_hides_products_at_once_only_inside_the_region_and_the_owner_can_ask_again(
    pool: PgPool,
) {
    fx::regions(&pool).await;
    let shop = pending(&pool, "bumdes-kopi", fx::VILLAGE, "+6281200000001").await;
    let product = fx::NewProduct {
        slug: "kopi-gayo",
        ..Default::default()
    };
    fx::product(&pool, shop, product).await.unwrap();
    assert_eq!(
        verify_by_slug(&pool, "bumdes-kopi").await.unwrap(),
        Outcome::Done
    );
    let visible = || crate::product::queries::visible_product(&pool, "kopi-gayo");
    let shown = visible().await.unwrap().expect("visible once verified");
    assert_eq!(shown.verified_office.as_deref(), Some("Lumbung"));
    assert!(shown.verified_on.is_some());

    let sumbawa = official(&pool, Some("52.04"), "+6281100000001").await;
    let outside = Decider {
        official: Some(sumbawa),
        scope: Some("52.04"),
    };
    let aceh = official(&pool, Some("11"), "+6281100000002").await;
    let province = Decider {
        official: Some(aceh),
        scope: Some("11"),
    };
    let reason = Some("Sertifikat palsu.");
    assert_eq!(
        decide(&pool, &outside, shop, Decision::Revoke, reason)
            .await
            .unwrap(),
        Outcome::Outside
    );
    // A verified BUMDes cannot be verified or rejected, a pending one not revoked.
    for decision in [Decision::Verify, Decision::Reject] {
        assert_eq!(
            can_decide(&pool, &province, shop, decision).await.unwrap(),
            Outcome::Changed
        );
    }
    let changes_before: i64 = sqlx::query_scalar("SELECT count(*) FROM search_changes")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        decide(&pool, &province, shop, Decision::Revoke, reason)
            .await
            .unwrap(),
        Outcome::Done
    );
    assert_eq!(state(&pool, shop).await, "revoked");
    assert!(visible().await.unwrap().is_none());
    // The search index is told, so the product leaves search with the next one.
    let changes_after: i64 = sqlx::query_scalar("SELECT count(*) FROM search_changes")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(changes_after, changes_before + 1);
    assert_eq!(
        decide(&pool, &province, shop, Decision::Revoke, reason)
            .await
            .unwrap(),
        Outcome::Changed
    );

    let seen = dossier(&pool, shop).await.unwrap().unwrap();
    assert_eq!(seen.verification, "revoked");
    assert_eq!((seen.verified_office, seen.verified_on), (None, None));
    assert_eq!(seen.listings, ["Kopi Gayo"]);
    let logged = history(&pool, shop).await.unwrap();
    assert_eq!(
        (logged[0].action.as_str(), logged[0].reason.as_deref()),
        ("revoke", reason)
    );

    // The owner asks again; verified once more, it shows the new office.
    assert!(resubmit(&pool, shop, "Siti").await.unwrap());
    assert_eq!(
        decide(&pool, &province, shop, Decision::Verify, None)
            .await
            .unwrap(),
        Outcome::Done
    );
    let shown = visible().await.unwrap().unwrap();
    assert_eq!(shown.verified_office.as_deref(), Some("DPMD Provinsi Aceh"));
}

#[sqlx::test(migrations = "../server/migrations")]
async fn the_directory_finds_by_name_and_state_inside_the_region(pool: PgPool) {
    fx::regions(&pool).await;
    let kopi = pending(&pool, "bumdes-kopi", fx::VILLAGE, "+6281200000001").await;
    sqlx::query("UPDATE bumdes SET name = 'BUMDes Kopi 100%' WHERE id = $1")
        .bind(kopi)
        .execute(&pool)
        .await
        .unwrap();
    let madu = pending(&pool, "bumdes-madu", fx::OTHER_VILLAGE, "+6281200000002").await;
    let far = pending(
        &pool,
        "bumdes-kopi-sumbawa",
        fx::FAR_VILLAGE,
        "+6281200000003",
    )
    .await;
    verify_by_slug(&pool, "bumdes-madu").await.unwrap();
    let ids = |found: Vec<crate::verification::Listed>| {
        let mut ids: Vec<i64> = found.into_iter().map(|l| l.id).collect();
        ids.sort();
        ids
    };

    assert_eq!(
        ids(directory(&pool, Some("11"), None, "").await.unwrap()),
        [kopi, madu]
    );
    assert_eq!(
        ids(directory(&pool, None, None, "KOPI").await.unwrap()),
        [kopi, far]
    );
    assert_eq!(
        ids(directory(&pool, Some("11.01"), Some("verified"), "")
            .await
            .unwrap()),
        [madu]
    );
    assert_eq!(
        ids(directory(&pool, Some("52"), Some("verified"), "")
            .await
            .unwrap()),
        [0i64; 0]
    );
    // What is typed is text, not a pattern.
    assert_eq!(
        ids(directory(&pool, None, None, "%").await.unwrap()),
        [kopi]
    );
    assert!(ids(directory(&pool, None, None, "_").await.unwrap()).is_empty());
}
