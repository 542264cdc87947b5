use sqlx::PgPool;

use super::queries::*;
use super::{Period, SortBy};
use crate::error::AppError;
use crate::officials::Official;
use crate::test_fixtures::{self as fx, NewProduct, OTHER_VILLAGE, VILLAGE};

/// An order of `bumdes` for `subtotal`, placed `days_ago`.
async fn order(pool: &PgPool, bumdes: i64, status: &str, subtotal: i64, days_ago: i32) {
    sqlx::query(
        "WITH c AS (INSERT INTO checkouts (idempotency_key) VALUES (md5(random()::text)) RETURNING id)
         INSERT INTO orders (number, token_hash, checkout_id, bumdes_id, buyer_name, buyer_phone,
                             village_code, street, postal_code, delivery, payment, subtotal_rupiah,
                             shipping_rupiah, total_rupiah, status, cancel_reason, created_at, expires_at)
         SELECT 'LBG-' || upper(substr(md5(random()::text), 1, 4)) || '-' || upper(substr(md5(random()::text), 1, 2)),
                sha256(convert_to(random()::text, 'UTF8')), c.id, $1, 'Ani', '+6281311112222',
                $5, '', '12345', 'pickup', 'cod', $3, 0, $3, $2,
                CASE WHEN $2 = 'cancelled' THEN 'x' END,
                now() - make_interval(days => $4), now()
         FROM c",
    )
    .bind(bumdes)
    .bind(status)
    .bind(subtotal)
    .bind(days_ago)
    .bind(VILLAGE)
    .execute(pool)
    .await
    .unwrap();
}

async fn recount(pool: &PgPool) {
    crate::village::queries::refresh_region_counts(pool)
        .await
        .unwrap();
    refresh(pool).await.unwrap();
}

/// Aceh Selatan: a verified BUMDes with a flagship and three orders, a pending one next door;
/// Sumbawa: a verified BUMDes with a product that is not a flagship.
async fn programme(pool: &PgPool) {
    fx::regions_with_neighbour(pool).await;
    let seller = fx::bumdes(pool, "bumdes-a", VILLAGE, "verified").await;
    let flagship = NewProduct {
        flagship: true,
        ..NewProduct::default()
    };
    fx::product(pool, seller, flagship).await.unwrap();
    fx::bumdes(pool, "bumdes-b", OTHER_VILLAGE, "pending").await;
    let far = fx::bumdes(pool, "bumdes-c", fx::FAR_VILLAGE, "verified").await;
    let other = NewProduct {
        slug: "madu",
        ..NewProduct::default()
    };
    fx::product(pool, far, other).await.unwrap();
    order(pool, seller, "done", 50_000, 0).await;
    order(pool, seller, "cancelled", 70_000, 1).await;
    order(pool, seller, "done", 100_000, 100).await;
    recount(pool).await;
}

/// (code, villages, verified, covered, products, orders, gmv, pending)
type Row = (String, i64, i64, i64, i64, i64, i64, i64);

async fn rows(pool: &PgPool, parent: Option<&str>, period: Period) -> Vec<Row> {
    (areas(pool, parent, period).await.unwrap().into_iter())
        .map(|a| {
            let f = a.figures;
            let (v, ver, cov, p) = (
                f.villages,
                f.verified_villages,
                f.covered_villages,
                f.products,
            );
            (a.code, v, ver, cov, p, f.orders, f.gmv_rupiah, f.pending)
        })
        .collect()
}

#[sqlx::test(migrations = "../server/migrations")]
async fn figures_by_region_from_the_counts_and_live_below_regencies(pool: PgPool) {
    programme(&pool).await;
    assert_eq!(
        rows(&pool, None, Period::Month).await,
        [
            ("11".into(), 3, 1, 1, 1, 1, 50_000, 1),
            ("52".into(), 1, 1, 0, 1, 0, 0, 0)
        ]
    );
    // A year holds the older order; the cancelled one never counts.
    let year = rows(&pool, Some("11"), Period::Year).await;
    assert_eq!(
        year,
        [
            ("11.01".into(), 2, 1, 1, 1, 2, 150_000, 1),
            ("11.02".into(), 1, 0, 0, 0, 0, 0, 0)
        ]
    );
    // Districts and villages are counted from the orders themselves, and agree.
    assert_eq!(
        rows(&pool, Some("11.01"), Period::Year).await,
        [("11.01.01".into(), 2, 1, 1, 1, 2, 150_000, 1)]
    );
    assert_eq!(
        rows(&pool, Some("11.01.01"), Period::Quarter).await,
        [
            (VILLAGE.into(), 1, 1, 1, 1, 1, 50_000, 0),
            (OTHER_VILLAGE.into(), 1, 0, 0, 0, 0, 0, 1)
        ]
    );
    // Pending verifications are live: a new registration shows before the next count.
    fx::bumdes(&pool, "bumdes-d", fx::NEIGHBOUR_VILLAGE, "pending").await;
    assert_eq!(rows(&pool, Some("11"), Period::Year).await[1].7, 1);
}

#[sqlx::test(migrations = "../server/migrations")]
async fn weeks_hold_the_gmv_and_the_villages_covered_by_then(pool: PgPool) {
    programme(&pool).await;
    for region in [None, Some("11"), Some("11.01"), Some("11.01.01")] {
        let (covered, gmv) = weeks(&pool, region, Period::Year).await.unwrap();
        assert!(
            (53..=54).contains(&covered.len()),
            "{region:?}: {}",
            covered.len()
        );
        assert_eq!(covered.last().unwrap().count, 1, "{region:?}");
        // The flagship was added this week: before, nothing was covered.
        assert_eq!(covered[0].count, 0, "{region:?}");
        assert_eq!(
            gmv.iter().map(|w| w.count).sum::<i64>(),
            150_000,
            "{region:?}"
        );
        assert_eq!(covered.last().unwrap().day, gmv.last().unwrap().day);
    }
    let (_, gmv) = weeks(&pool, Some("52"), Period::Month).await.unwrap();
    assert!(gmv.iter().all(|w| w.count == 0));
}

fn official(region: Option<&str>) -> Official {
    Official {
        id: 1,
        name: "Budi".into(),
        region_code: region.map(str::to_string),
        region: None,
    }
}

#[sqlx::test(migrations = "../server/migrations")]
async fn an_official_sees_the_figures_of_their_region_only(pool: PgPool) {
    programme(&pool).await;
    let regency = official(Some("11.01"));
    let own = super::coverage_of(&pool, &regency, "", "", "")
        .await
        .unwrap();
    assert_eq!((own.code.as_deref(), own.home), (Some("11.01"), true));
    assert_eq!(own.areas.len(), 1);
    assert_eq!(own.total.gmv_rupiah, 50_000);
    let inside = super::coverage_of(&pool, &regency, "11.01.01", "365", "gmv")
        .await
        .unwrap();
    assert!(inside.villages && inside.view_box.is_none());
    assert_eq!(inside.areas[0].code, VILLAGE, "largest GMV first");
    assert_eq!((inside.period, inside.sort), (Period::Year, SortBy::Gmv));
    // The sibling regency, the parent, another province, the country's code.
    for code in ["11.02", "11", "52", "52.04"] {
        let refused = super::coverage_of(&pool, &regency, code, "", "").await;
        assert!(matches!(refused, Err(AppError::Forbidden)), "{code}");
    }
    for code in ["99", "11.01.01.2001", "11.01.01.", "x", "11.01.01.2001.1"] {
        let missing = super::coverage_of(&pool, &regency, code, "", "").await;
        assert!(matches!(missing, Err(AppError::NotFound)), "{code}");
    }
    for (period, sort) in [("7", ""), ("", "harga"), ("30 ", "")] {
        let bad = super::coverage_of(&pool, &regency, "", period, sort).await;
        assert!(
            matches!(bad, Err(AppError::BadChoice)),
            "{period:?} {sort:?}"
        );
    }
    // The country's official opens any of them; provinces and regencies come with outlines.
    let national = official(None);
    let country = super::coverage_of(&pool, &national, "", "", "cakupan")
        .await
        .unwrap();
    assert_eq!(country.code, None);
    assert!(country.view_box.is_some() && country.areas.iter().all(|a| a.outline.is_some()));
    assert_eq!(country.areas[0].code, "11", "best covered first");
    let province = super::coverage_of(&pool, &national, "11", "", "")
        .await
        .unwrap();
    assert_eq!(province.above.len(), 0);
    let district = super::coverage_of(&pool, &national, "11.01.01", "", "")
        .await
        .unwrap();
    let above: Vec<&str> = district.above.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(above, ["11", "11.01"]);
    let inside = super::coverage_of(&pool, &regency, "11.01.01", "", "")
        .await
        .unwrap();
    assert_eq!(inside.above.len(), 1, "only what the official may open");
}
