//! Synthetic past orders, spread over the verified BUMDes that have a product and over the year before
//! yesterday: for the coverage benchmark most of them done, the rest at every later step; for the demo
//! only done or cancelled ones, so that no seller's inbox fills with orders nobody placed.
use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use sqlx::PgPool;

/// Orders made by one statement.
const BATCH: i64 = 50_000;

/// Which steps the orders have reached.
#[derive(Clone, Copy)]
pub enum Steps {
    /// Done, cancelled, shipped or paid.
    Any,
    /// Done or cancelled.
    Closed,
}

/// Adds `n` orders, each with one line and its last status, and returns how many were added (an order
/// whose random number was taken already is skipped).
pub async fn seed(pool: &PgPool, n: u64, steps: Steps) -> Result<u64> {
    let sellers: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM bumdes b
         WHERE verification = 'verified' AND EXISTS (SELECT 1 FROM products WHERE bumdes_id = b.id)",
    )
    .fetch_one(pool)
    .await?;
    anyhow::ensure!(
        sellers > 0,
        "no verified BUMDes has a product: seed products first"
    );
    // Numbers go on from any earlier run's, in the upper half of the number space (random ones from
    // checkout take the whole of it; the few that clash are skipped).
    let first: i64 = sqlx::query_scalar("SELECT (1::bigint << 29) + count(*) FROM orders")
        .fetch_one(pool)
        .await?;
    let bar = ProgressBar::new(n);
    bar.set_style(ProgressStyle::with_template(
        "orders {bar:40} {human_pos}/{human_len} {per_sec} eta {eta}",
    )?);
    let mut added = 0;
    let mut from = 0;
    while from < n as i64 {
        let to = (from + BATCH).min(n as i64);
        added += batch(pool, first, from, to, steps).await?;
        bar.set_position(to as u64);
        from = to;
    }
    bar.finish();
    sqlx::query("ANALYZE checkouts, orders, order_items, order_events")
        .execute(pool)
        .await?;
    Ok(added)
}

/// Orders `from..to` of this run, numbered from `first`.
async fn batch(pool: &PgPool, first: i64, from: i64, to: i64, steps: Steps) -> Result<u64> {
    let added: i64 = sqlx::query_scalar(
        r#"WITH sellers AS (
               SELECT b.id, b.village_code, p.id AS product_id, p.name, p.unit, p.price_rupiah,
                      row_number() OVER (ORDER BY b.id) - 1 AS i
               FROM bumdes b
               JOIN LATERAL (SELECT id, name, unit, price_rupiah FROM products
                             WHERE bumdes_id = b.id AND price_rupiah > 0 ORDER BY id LIMIT 1) p ON true
               WHERE b.verification = 'verified'
           ),
           total AS (SELECT count(*) AS n FROM sellers),
           made AS MATERIALIZED (
               SELECT g, md5('seed-order-' || ($1 + g)) AS key, s.*,
                      now() - interval '1 day' - random() * interval '364 days' AS at, 1 + g % 3 AS quantity,
                      CASE WHEN g % 20 < 13 OR ($4 AND g % 20 >= 16) THEN 'done' WHEN g % 20 < 16 THEN 'cancelled'
                           WHEN g % 20 < 18 THEN 'shipped' ELSE 'paid' END AS status,
                      (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ',
                                                ((($1 + g) >> (5 * k)) & 31)::int + 1, 1), '' ORDER BY k DESC)
                       FROM generate_series(0, 5) k) AS code
               FROM generate_series($2::bigint, $3::bigint - 1) g
               JOIN sellers s ON s.i = (g * 7919) % (SELECT n FROM total)
           ),
           checkouts_made AS (
               INSERT INTO checkouts (idempotency_key, created_at)
               SELECT key, at FROM made ON CONFLICT DO NOTHING
               RETURNING id, idempotency_key
           ),
           orders_made AS (
               INSERT INTO orders (number, token_hash, checkout_id, bumdes_id, buyer_name, buyer_phone,
                                   village_code, street, postal_code, delivery, payment, subtotal_rupiah,
                                   shipping_rupiah, total_rupiah, status, cancel_reason, created_at,
                                   updated_at, expires_at)
               SELECT 'LBG-' || left(m.code, 4) || '-' || right(m.code, 2), sha256(convert_to(m.key, 'UTF8')),
                      c.id, m.id, 'Pembeli ' || m.g, '+62813' || lpad((m.g % 100000000)::text, 8, '0'),
                      m.village_code, '', '12345', 'pickup', 'cod', m.price_rupiah * m.quantity, 0,
                      m.price_rupiah * m.quantity, m.status,
                      CASE WHEN m.status = 'cancelled' THEN 'Dibatalkan pembeli' END,
                      m.at, m.at, m.at + interval '48 hours'
               FROM made m JOIN checkouts_made c ON c.idempotency_key = m.key
               ON CONFLICT DO NOTHING
               RETURNING id, checkout_id, status, created_at
           ),
           items AS (
               INSERT INTO order_items (order_id, product_id, name, unit, price_rupiah, quantity)
               SELECT o.id, m.product_id, m.name, m.unit, m.price_rupiah, m.quantity
               FROM orders_made o JOIN checkouts_made c ON c.id = o.checkout_id
               JOIN made m ON m.key = c.idempotency_key
           ),
           events AS (
               INSERT INTO order_events (order_id, status, at) SELECT id, status, created_at FROM orders_made
           )
           SELECT count(*) FROM orders_made"#,
    )
    .bind(first)
    .bind(from)
    .bind(to)
    .bind(matches!(steps, Steps::Closed))
    .fetch_one(pool)
    .await?;
    Ok(added as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[sqlx::test]
    async fn orders_spread_over_sellers_and_the_year(pool: PgPool) {
        crate::regions::ensure_imported(&pool).await.unwrap();
        assert!(
            seed(&pool, 10, Steps::Any).await.is_err(),
            "no products yet"
        );
        crate::seed::synthetic::seed(&pool, 200).await.unwrap();
        assert_eq!(seed(&pool, 1_000, Steps::Any).await.unwrap(), 1_000);
        let (orders, sellers, done, oldest_days, items): (i64, i64, i64, f64, i64) = sqlx::query_as(
            "SELECT count(*), count(DISTINCT bumdes_id), count(*) FILTER (WHERE status = 'done'),
                    (extract(epoch FROM now() - min(created_at)) / 86400)::float8,
                    (SELECT count(*) FROM order_items)
             FROM orders",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!((orders, sellers, done, items), (1_000, 10, 650, 1_000));
        assert!(oldest_days > 300.0 && oldest_days <= 365.0, "{oldest_days}");
        // A second run numbers on from the first; the demo's orders are all closed, none from today.
        assert_eq!(seed(&pool, 100, Steps::Closed).await.unwrap(), 100);
        let (open, today): (i64, i64) = sqlx::query_as(
            "SELECT count(*) FILTER (WHERE status NOT IN ('done', 'cancelled')),
                    count(*) FILTER (WHERE created_at > now() - interval '1 day')
             FROM (SELECT * FROM orders ORDER BY id DESC LIMIT 100) newest",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!((open, today), (0, 0));
    }
}
