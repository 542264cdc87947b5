//! Placing orders against a real database: stock, idempotency, shipping fees and the unique code.
use sqlx::PgPool;

use super::place::{Buyer, link_token, place};
use super::{CartLine, Change, Delivery, Payment, PlaceProblem};
use crate::test_fixtures as fx;

/// In Aceh, but not in Aceh Selatan: the province fee.
const SAME_PROVINCE: &str = fx::NEIGHBOUR_VILLAGE;

pub(crate) async fn setup(pool: &PgPool) -> (i64, i64) {
    fx::regions_with_neighbour(pool).await;
    let maju = fx::bumdes(pool, "bumdes-maju", fx::VILLAGE, "verified").await;
    let lain = fx::bumdes(pool, "bumdes-lain", fx::OTHER_VILLAGE, "verified").await;
    sqlx::query(
        "UPDATE bumdes SET ship_regency_rupiah = 10000, ship_province_rupiah = 25000, bank_name = 'BRI',
                bank_account = '1234567890', bank_holder = 'BUMDes', cod = (slug = 'bumdes-maju')",
    )
    .execute(pool)
    .await
    .unwrap();
    (maju, lain)
}

pub(crate) fn named(slug: &str) -> fx::NewProduct<'_> {
    fx::NewProduct {
        slug,
        ..Default::default()
    }
}

pub(crate) async fn listed(pool: &PgPool, bumdes: i64, product: fx::NewProduct<'_>) -> i64 {
    fx::product(pool, bumdes, product).await.unwrap()
}

pub(crate) fn buyer(village: &'static str, delivery: Delivery, payment: Payment) -> Buyer<'static> {
    Buyer {
        guest: "tamu-uji",
        name: "Ani",
        phone: "+6281311112222",
        village_code: village,
        street: "Jl. Merdeka 1",
        postal_code: "23773",
        note: "",
        delivery,
        payment,
    }
}

pub(crate) fn line(product_id: i64, quantity: i32) -> CartLine {
    CartLine {
        product_id,
        quantity,
        price_seen: 25_000,
    }
}

pub(crate) async fn stock(pool: &PgPool, product: i64) -> i32 {
    sqlx::query_scalar("SELECT stock FROM products WHERE id = $1")
        .bind(product)
        .fetch_one(pool)
        .await
        .unwrap()
}

pub(crate) fn key(n: u32) -> String {
    format!("{n:032x}")
}

#[sqlx::test(migrations = "../server/migrations")]
async fn a_cart_becomes_one_order_per_bumdes_with_fees_and_codes(pool: PgPool) {
    let (maju, lain) = setup(&pool).await;
    let kopi = listed(&pool, maju, fx::NewProduct::default()).await;
    let madu = listed(&pool, maju, named("madu")).await;
    let teh = listed(&pool, lain, named("teh")).await;
    let placed = place(
        &pool,
        &key(1),
        &buyer(SAME_PROVINCE, Delivery::Ship, Payment::Transfer),
        &[line(kopi, 2), line(teh, 1), line(madu, 1)],
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(placed.len(), 2);
    for order in &placed {
        assert!(regex_like(&order.number), "{} is LBG-XXXX-XX", order.number);
        assert_eq!(order.token, link_token(&key(1), &order.number));
    }
    let rows: Vec<(i64, i64, i64, i32, i64, String)> = sqlx::query_as(
        "SELECT bumdes_id, subtotal_rupiah, shipping_rupiah, unique_code, total_rupiah, status
         FROM orders ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    // Kopi ×2 and madu from one BUMDes, teh from the other; both 25,000 to another regency of Aceh.
    assert_eq!((rows[0].0, rows[0].1, rows[0].2), (maju, 75_000, 25_000));
    assert_eq!((rows[1].0, rows[1].1, rows[1].2), (lain, 25_000, 25_000));
    for (_, subtotal, shipping, code, total, status) in &rows {
        assert!((1..=999).contains(code));
        assert_eq!(*total, subtotal + shipping + i64::from(*code));
        assert_eq!(status, "new");
    }
    assert_eq!((stock(&pool, kopi).await, stock(&pool, teh).await), (8, 9));
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM order_events WHERE status = 'new'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(events, 2);
}

fn regex_like(number: &str) -> bool {
    let ok = |s: &str| {
        s.chars()
            .all(|c| "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c))
    };
    number.len() == 11
        && number.starts_with("LBG-")
        && ok(&number[4..8])
        && &number[8..9] == "-"
        && ok(&number[9..])
}

#[sqlx::test(migrations = "../server/migrations")]
async fn fees_depend_on_distance_and_terms_are_kept(pool: PgPool) {
    let (maju, lain) = setup(&pool).await;
    let kopi = listed(&pool, maju, fx::NewProduct::default()).await;
    let teh = listed(&pool, lain, named("teh")).await;
    let fee = |n: u32, village: &'static str, delivery| {
        let pool = pool.clone();
        async move {
            place(
                &pool,
                &key(n),
                &buyer(village, delivery, Payment::Cod),
                &[line(kopi, 1)],
            )
            .await
            .unwrap()
            .map(|_| ())
        }
    };
    assert_eq!(fee(1, fx::OTHER_VILLAGE, Delivery::Ship).await, Ok(()));
    assert_eq!(fee(2, fx::VILLAGE, Delivery::Pickup).await, Ok(()));
    // Nothing set for elsewhere: it does not ship to Sumbawa.
    assert_eq!(
        fee(3, fx::FAR_VILLAGE, Delivery::Ship).await,
        Err(PlaceProblem::NoDelivery {
            bumdes: "bumdes-maju".into()
        })
    );
    let fees: Vec<(i64, i32)> =
        sqlx::query_as("SELECT shipping_rupiah, unique_code FROM orders ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(fees, [(10_000, 0), (0, 0)], "COD has no unique code");
    // The other BUMDes takes no COD; nothing of the checkout is kept.
    let refused = place(
        &pool,
        &key(4),
        &buyer(fx::VILLAGE, Delivery::Ship, Payment::Cod),
        &[line(kopi, 1), line(teh, 1)],
    )
    .await
    .unwrap();
    assert_eq!(
        refused,
        Err(PlaceProblem::NoPayment {
            bumdes: "bumdes-lain".into()
        })
    );
    assert_eq!(stock(&pool, kopi).await, 8);
}

#[sqlx::test(migrations = "../server/migrations")]
async fn changes_are_reported_and_nothing_is_taken(pool: PgPool) {
    let (maju, _) = setup(&pool).await;
    let kopi = listed(
        &pool,
        maju,
        fx::NewProduct {
            stock: 3,
            ..Default::default()
        },
    )
    .await;
    let madu = listed(
        &pool,
        maju,
        fx::NewProduct {
            slug: "madu",
            price: 30_000,
            ..Default::default()
        },
    )
    .await;
    let draf = listed(
        &pool,
        maju,
        fx::NewProduct {
            slug: "draf",
            published: false,
            ..Default::default()
        },
    )
    .await;
    let teh = listed(&pool, maju, named("teh")).await;
    let result = place(
        &pool,
        &key(1),
        &buyer(fx::VILLAGE, Delivery::Pickup, Payment::Transfer),
        &[line(teh, 1), line(kopi, 5), line(madu, 1), line(draf, 1)],
    )
    .await
    .unwrap();
    let Err(PlaceProblem::Changed(changes)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        changes,
        [
            Change::Stock {
                product_id: kopi,
                name: "Kopi".into(),
                wanted: 5,
                left: 3
            },
            Change::Price {
                product_id: madu,
                name: "Madu".into(),
                was: 25_000,
                now: 30_000
            },
            Change::Gone { product_id: draf },
        ]
    );
    assert_eq!(
        (stock(&pool, teh).await, stock(&pool, kopi).await),
        (10, 3),
        "all or nothing"
    );
    // The same key works once the buyer accepts the changes.
    let placed = place(
        &pool,
        &key(1),
        &buyer(fx::VILLAGE, Delivery::Pickup, Payment::Transfer),
        &[line(teh, 1), line(kopi, 3)],
    )
    .await
    .unwrap();
    assert!(placed.is_ok());
    assert_eq!(stock(&pool, kopi).await, 0);
}

#[sqlx::test(migrations = "../server/migrations")]
async fn a_key_sent_five_times_at_once_makes_one_order(pool: PgPool) {
    let (maju, _) = setup(&pool).await;
    let kopi = listed(&pool, maju, fx::NewProduct::default()).await;
    let tries = (0..5).map(|_| {
        let pool = pool.clone();
        tokio::spawn(async move {
            place(
                &pool,
                &key(7),
                &buyer(fx::VILLAGE, Delivery::Ship, Payment::Transfer),
                &[line(kopi, 2)],
            )
            .await
            .unwrap()
            .unwrap()
        })
    });
    let mut answers = Vec::new();
    for task in tries {
        answers.push(task.await.unwrap());
    }
    assert!(
        answers.iter().all(|a| a == &answers[0] && a.len() == 1),
        "{answers:?}"
    );
    let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((orders, stock(&pool, kopi).await), (1, 8));
}

#[sqlx::test(migrations = "../server/migrations")]
async fn racing_checkouts_never_oversell_and_transfers_get_distinct_amounts(pool: PgPool) {
    let (maju, _) = setup(&pool).await;
    let kopi = listed(
        &pool,
        maju,
        fx::NewProduct {
            stock: 10,
            ..Default::default()
        },
    )
    .await;
    let tries: Vec<_> = (0..30)
        .map(|n| {
            let pool = pool.clone();
            tokio::spawn(async move {
                place(
                    &pool,
                    &key(100 + n),
                    &buyer(fx::VILLAGE, Delivery::Ship, Payment::Transfer),
                    &[line(kopi, 1)],
                )
                .await
                .unwrap()
            })
        })
        .collect();
    let mut made = 0;
    for task in tries {
        match task.await.unwrap() {
            Ok(_) => made += 1,
            Err(PlaceProblem::Changed(changes)) => {
                assert!(
                    matches!(changes[..], [Change::Stock { left: 0, .. }]),
                    "{changes:?}"
                )
            }
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!((made, stock(&pool, kopi).await), (10, 0));
    let amounts: i64 = sqlx::query_scalar("SELECT count(DISTINCT total_rupiah) FROM orders")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(amounts, 10, "every unpaid transfer asks for its own amount");
}
