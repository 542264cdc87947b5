//! The seller's steps against a real database: the state machine, stock put back on cancel, and a
//! guest's access to orders.
use sqlx::PgPool;

use super::Step;
use super::queries::{Refused, by_token, detail, grant, guest_may_view, guest_orders, take_step};
use crate::checkout::place::place;
use crate::checkout::place_tests::{buyer, key, line, listed, named, setup, stock};
use crate::checkout::{Delivery, Payment};
use crate::test_fixtures as fx;

fn shipped() -> Step {
    Step::Shipped {
        courier: "JNE".into(),
        tracking_number: "JN123".into(),
    }
}

#[sqlx::test(migrations = "../server/migrations")]
async fn orders_move_only_along_the_state_machine(pool: PgPool) {
    let (maju, lain) = setup(&pool).await;
    let kopi = listed(&pool, maju, named("kopi")).await;
    let b = buyer(fx::VILLAGE, Delivery::Ship, Payment::Transfer);
    let placed = place(&pool, &key(1), &b, &[line(kopi, 2)])
        .await
        .unwrap()
        .unwrap();
    let number = &placed[0].number;
    // Shipping or finishing an unpaid order is refused, as is another BUMDes's step.
    assert_eq!(
        take_step(&pool, maju, number, &shipped()).await.unwrap(),
        Err(Refused::Transition)
    );
    assert_eq!(
        take_step(&pool, maju, number, &Step::Done).await.unwrap(),
        Err(Refused::Transition)
    );
    assert_eq!(
        take_step(&pool, lain, number, &Step::Paid).await.unwrap(),
        Err(Refused::NotFound)
    );
    take_step(&pool, maju, number, &Step::Paid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        take_step(&pool, maju, number, &Step::Paid).await.unwrap(),
        Err(Refused::Transition)
    );
    take_step(&pool, maju, number, &shipped())
        .await
        .unwrap()
        .unwrap();
    let cancel = Step::Cancel {
        reason: "habis".into(),
    };
    assert_eq!(
        take_step(&pool, maju, number, &cancel).await.unwrap(),
        Err(Refused::Transition)
    );
    take_step(&pool, maju, number, &Step::Done)
        .await
        .unwrap()
        .unwrap();
    let (id, phone) = by_token(&pool, &placed[0].token).await.unwrap().unwrap();
    assert_eq!(phone, "+6281311112222");
    let order = detail(&pool, id).await.unwrap();
    assert_eq!(order.status, "done");
    assert_eq!(order.courier.as_deref(), Some("JNE"));
    let timeline: Vec<&str> = order.events.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(timeline, ["new", "paid", "shipped", "done"]);
    assert_eq!(
        stock(&pool, kopi).await,
        8,
        "a finished order keeps its stock taken"
    );
}

#[sqlx::test(migrations = "../server/migrations")]
async fn cancelling_puts_the_stock_back_once(pool: PgPool) {
    let (maju, _) = setup(&pool).await;
    let kopi = listed(&pool, maju, named("kopi")).await;
    let b = buyer(fx::VILLAGE, Delivery::Pickup, Payment::Cod);
    let placed = place(&pool, &key(2), &b, &[line(kopi, 3)])
        .await
        .unwrap()
        .unwrap();
    let number = &placed[0].number;
    assert_eq!(stock(&pool, kopi).await, 7);
    take_step(&pool, maju, number, &Step::Paid)
        .await
        .unwrap()
        .unwrap();
    let cancel = Step::Cancel {
        reason: "Pembeli membatalkan".into(),
    };
    // Two staff pressing at once cancel it once.
    let (a, b) = tokio::join!(
        take_step(&pool, maju, number, &cancel),
        take_step(&pool, maju, number, &cancel)
    );
    let results = [a.unwrap(), b.unwrap()];
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    assert_eq!(stock(&pool, kopi).await, 10);
    let (id, _) = by_token(&pool, &placed[0].token).await.unwrap().unwrap();
    let order = detail(&pool, id).await.unwrap();
    assert_eq!(
        (order.status.as_str(), order.cancel_reason.as_deref()),
        ("cancelled", Some("Pembeli membatalkan"))
    );
}

#[sqlx::test(migrations = "../server/migrations")]
async fn a_guest_sees_only_orders_it_was_given(pool: PgPool) {
    let (maju, _) = setup(&pool).await;
    let kopi = listed(&pool, maju, named("kopi")).await;
    let b = buyer(fx::VILLAGE, Delivery::Ship, Payment::Transfer);
    let placed = place(&pool, &key(3), &b, &[line(kopi, 1)])
        .await
        .unwrap()
        .unwrap();
    let guest = crate::cart::queries::create(&pool).await.unwrap();
    let other = crate::cart::queries::create(&pool).await.unwrap();
    let (id, _) = by_token(&pool, &placed[0].token).await.unwrap().unwrap();
    assert!(by_token(&pool, "not-a-token").await.unwrap().is_none());
    grant(&pool, &guest, id, &placed[0].token).await.unwrap();
    assert!(guest_may_view(&pool, &guest, id).await.unwrap());
    assert!(!guest_may_view(&pool, &other, id).await.unwrap());
    let listed = guest_orders(&pool, &guest).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].href, format!("/pesanan/{}", placed[0].token));
    assert!(guest_orders(&pool, &other).await.unwrap().is_empty());
}
