//! Unpaid orders give their stock back: an order still new (neither paid nor confirmed by the seller, COD
//! included) expires when its BUMDes's waiting time is over. A proof of transfer doubles that time once
//! (`queries::set_proof`), for the seller to look at it; it cannot hold the stock for ever.
use sqlx::PgPool;

/// Expires the orders whose time is over and puts their stock back; returns how many. A seller's step
/// taken at the same moment waits for this and then finds the order expired (409), or wins and this
/// skips the order.
pub async fn expire_due(pool: &PgPool) -> sqlx::Result<u64> {
    let mut tx = pool.begin().await?;
    let due = sqlx::query_scalar!(
        "SELECT id FROM orders
         WHERE status = 'new' AND expires_at <= now()
         ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED"
    )
    .fetch_all(&mut *tx)
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    sqlx::query!(
        "UPDATE orders SET status = 'expired', updated_at = now() WHERE id = ANY($1)",
        &due
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO order_events (order_id, status) SELECT unnest($1::bigint[]), 'expired'",
        &due
    )
    .execute(&mut *tx)
    .await?;
    // Products locked in id order, as checkouts lock them, so the two never wait on each other in a circle.
    sqlx::query!(
        "WITH back AS (
             SELECT product_id, sum(quantity)::int AS quantity FROM order_items
             WHERE order_id = ANY($1) GROUP BY product_id
         ), locked AS (
             SELECT p.id FROM products p JOIN back ON back.product_id = p.id ORDER BY p.id FOR UPDATE
         )
         UPDATE products p SET stock = p.stock + back.quantity, updated_at = now()
         FROM back, locked WHERE p.id = back.product_id AND locked.id = p.id",
        &due
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(due.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::place::place;
    use crate::checkout::place_tests::{buyer, key, line, listed, setup, stock};
    use crate::checkout::{Delivery, Payment};
    use crate::test_fixtures as fx;

    async fn status(pool: &PgPool, number: &str) -> String {
        sqlx::query_scalar("SELECT status FROM orders WHERE number = $1")
            .bind(number)
            .fetch_one(pool)
            .await
            .unwrap()
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn unpaid_orders_expire_at_their_bumdes_time_and_give_the_stock_back(pool: PgPool) {
        let (maju, _) = setup(&pool).await;
        let kopi = listed(&pool, maju, fx::NewProduct::default()).await;
        sqlx::query("UPDATE bumdes SET hold_hours = 6, cod = true WHERE id = $1")
            .bind(maju)
            .execute(&pool)
            .await
            .unwrap();
        let mut orders = Vec::new();
        for (n, payment) in [
            Payment::Cod,
            Payment::Transfer,
            Payment::Transfer,
            Payment::Cod,
        ]
        .into_iter()
        .enumerate()
        {
            let placed = place(
                &pool,
                &key(n as u32 + 1),
                &buyer(fx::VILLAGE, Delivery::Ship, payment),
                &[line(kopi, 2)],
            )
            .await
            .unwrap()
            .unwrap();
            orders.push(placed[0].number.clone());
        }
        assert_eq!(stock(&pool, kopi).await, 2);
        let expires: bool = sqlx::query_scalar(
            "SELECT expires_at BETWEEN now() + interval '5 hours 59 minutes' AND now() + interval '6 hours'
             FROM orders WHERE number = $1",
        )
        .bind(&orders[0])
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(expires);
        // Not yet due: nothing happens.
        assert_eq!(expire_due(&pool).await.unwrap(), 0);
        // Time passes. The second was paid meanwhile; the third got a proof of transfer, which doubles
        // its time once (a second proof adds nothing).
        sqlx::query("UPDATE orders SET created_at = now() - interval '7 hours', expires_at = now() - interval '1 hour'")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("UPDATE orders SET status = 'paid' WHERE number = $1")
            .bind(&orders[1])
            .execute(&pool)
            .await
            .unwrap();
        let third: i64 = sqlx::query_scalar("SELECT id FROM orders WHERE number = $1")
            .bind(&orders[2])
            .fetch_one(&pool)
            .await
            .unwrap();
        for proof in ["proofs/1/a", "proofs/1/b"] {
            crate::orders::queries::set_proof(&pool, third, proof)
                .await
                .unwrap()
                .unwrap();
        }
        let extended: bool = sqlx::query_scalar(
            "SELECT expires_at = created_at + interval '12 hours' FROM orders WHERE id = $1",
        )
        .bind(third)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(extended);
        assert_eq!(expire_due(&pool).await.unwrap(), 2);
        assert_eq!(
            [
                status(&pool, &orders[0]).await,
                status(&pool, &orders[1]).await,
                status(&pool, &orders[2]).await,
                status(&pool, &orders[3]).await
            ],
            ["expired", "paid", "new", "expired"]
        );
        assert_eq!(stock(&pool, kopi).await, 6);
        let events: i64 =
            sqlx::query_scalar("SELECT count(*) FROM order_events WHERE status = 'expired'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(events, 2);
        // Once expired, an order stays expired: a second pass changes nothing.
        assert_eq!(expire_due(&pool).await.unwrap(), 0);
        assert_eq!(stock(&pool, kopi).await, 6);
    }
}
