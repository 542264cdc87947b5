//! Orders read for their pages, the guest's access to them, and the seller's steps (a state machine
//! checked under the order's row lock).
use sqlx::PgPool;

use super::{OrderDetail, OrderEvent, OrderItem, OrderSummary, Step};
use crate::auth::queries::token_hash;

/// The order a link's token opens: its id and the buyer's phone.
pub async fn by_token(pool: &PgPool, token: &str) -> sqlx::Result<Option<(i64, String)>> {
    let row = sqlx::query!(
        "SELECT id, buyer_phone FROM orders WHERE token_hash = $1",
        &token_hash(token)[..]
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.id, r.buyer_phone)))
}

pub async fn guest_may_view(pool: &PgPool, guest: &str, order: i64) -> sqlx::Result<bool> {
    let found = sqlx::query_scalar!(
        r#"SELECT 1 AS "one!" FROM guest_orders WHERE guest_hash = $1 AND order_id = $2"#,
        &token_hash(guest)[..],
        order
    )
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// After the buyer's phone matched: this browser may open the order, and lists it.
pub async fn grant(pool: &PgPool, guest: &str, order: i64, link: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO guest_orders (guest_hash, order_id, token) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
        &token_hash(guest)[..],
        order,
        link
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// This browser's orders, newest first.
pub async fn guest_orders(pool: &PgPool, guest: &str) -> sqlx::Result<Vec<OrderSummary>> {
    sqlx::query_as!(
        OrderSummary,
        r#"SELECT o.number, o.status,
                  to_char(o.created_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') AS "created!",
                  b.name AS bumdes_name, o.buyer_name, o.total_rupiah AS total,
                  '/pesanan/' || g.token AS "href!"
           FROM guest_orders g JOIN orders o ON o.id = g.order_id JOIN bumdes b ON b.id = o.bumdes_id
           WHERE g.guest_hash = $1 ORDER BY o.created_at DESC, o.id DESC"#,
        &token_hash(guest)[..]
    )
    .fetch_all(pool)
    .await
}

/// A BUMDes's orders with this status (all when `None`), newest first.
pub async fn bumdes_orders(
    pool: &PgPool,
    bumdes: i64,
    status: Option<&str>,
) -> sqlx::Result<Vec<OrderSummary>> {
    sqlx::query_as!(
        OrderSummary,
        r#"SELECT o.number, o.status,
                  to_char(o.created_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') AS "created!",
                  b.name AS bumdes_name, o.buyer_name, o.total_rupiah AS total,
                  '/dasbor/pesanan/' || o.number AS "href!"
           FROM orders o JOIN bumdes b ON b.id = o.bumdes_id
           WHERE o.bumdes_id = $1 AND ($2::text IS NULL OR o.status = $2)
           ORDER BY o.created_at DESC, o.id DESC"#,
        bumdes,
        status
    )
    .fetch_all(pool)
    .await
}

/// A BUMDes's order by its number.
pub async fn bumdes_order(pool: &PgPool, bumdes: i64, number: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "SELECT id FROM orders WHERE bumdes_id = $1 AND number = $2",
        bumdes,
        number
    )
    .fetch_optional(pool)
    .await
}

pub async fn detail(pool: &PgPool, order: i64) -> sqlx::Result<OrderDetail> {
    let o = sqlx::query!(
        r#"SELECT o.number, o.status,
                  to_char(o.created_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') AS "created!",
                  b.name AS bumdes_name, b.whatsapp AS bumdes_whatsapp, o.buyer_name, o.buyer_phone,
                  o.street, concat_ws(', ', v.name, d.name, r.name, p.name) AS "place!", o.postal_code,
                  o.note, o.delivery, o.payment, o.subtotal_rupiah, o.shipping_rupiah, o.unique_code,
                  o.total_rupiah, b.bank_name, b.bank_account, b.bank_holder, b.qris_key, o.courier,
                  o.tracking_number, o.cancel_reason, o.proof_key,
                  CASE WHEN o.status = 'new'
                       THEN to_char(o.expires_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') END AS expires
           FROM orders o JOIN bumdes b ON b.id = o.bumdes_id
           JOIN regions v ON v.code = o.village_code
           JOIN regions d ON d.code = left(o.village_code, 8)
           JOIN regions r ON r.code = left(o.village_code, 5)
           JOIN regions p ON p.code = left(o.village_code, 2)
           WHERE o.id = $1"#,
        order
    )
    .fetch_one(pool)
    .await?;
    let items = sqlx::query_as!(
        OrderItem,
        "SELECT name, unit, price_rupiah AS price, quantity FROM order_items
         WHERE order_id = $1 ORDER BY name",
        order
    )
    .fetch_all(pool)
    .await?;
    let events = sqlx::query_as!(
        OrderEvent,
        r#"SELECT status, to_char(at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') AS "at!"
           FROM order_events WHERE order_id = $1 ORDER BY at, status"#,
        order
    )
    .fetch_all(pool)
    .await?;
    Ok(OrderDetail {
        number: o.number,
        status: o.status,
        created: o.created,
        bumdes_name: o.bumdes_name,
        bumdes_whatsapp: o.bumdes_whatsapp,
        buyer_name: o.buyer_name,
        buyer_phone: o.buyer_phone,
        street: o.street,
        place: o.place,
        postal_code: o.postal_code,
        note: o.note,
        delivery: o.delivery,
        payment: o.payment,
        subtotal: o.subtotal_rupiah,
        shipping: o.shipping_rupiah,
        unique_code: o.unique_code,
        total: o.total_rupiah,
        bank_name: o.bank_name,
        bank_account: o.bank_account,
        bank_holder: o.bank_holder,
        qris_key: o.qris_key,
        courier: o.courier,
        tracking_number: o.tracking_number,
        cancel_reason: o.cancel_reason,
        proof_key: o.proof_key,
        items,
        events,
        expires: o.expires,
    })
}

/// Keeps the buyer's proof of transfer while the order waits for payment: `Ok` with the proof it
/// replaces, if any; `Err` when the order is past waiting.
pub async fn set_proof(
    pool: &PgPool,
    order: i64,
    key: &str,
) -> sqlx::Result<Result<Option<String>, Refused>> {
    let replaced = sqlx::query_scalar!(
        "WITH old AS (SELECT id, proof_key FROM orders WHERE id = $1 FOR UPDATE)
         UPDATE orders o SET proof_key = $2, updated_at = now(),
                -- The seller gets time to look at it: the order waits twice as long, once.
                expires_at = greatest(o.expires_at,
                    o.created_at + 2 * (SELECT make_interval(hours => hold_hours) FROM bumdes WHERE id = o.bumdes_id))
         FROM old
         WHERE o.id = old.id AND o.status = 'new' AND o.payment <> 'cod'
         RETURNING old.proof_key",
        order,
        key
    )
    .fetch_optional(pool)
    .await?;
    Ok(replaced.ok_or(Refused::Transition))
}

/// Why a step was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    NotFound,
    /// The order's status does not allow it (someone else may have taken a step first).
    Transition,
}

/// Takes the seller's step; cancelling puts the stock back. Under the order's row lock, so two
/// staff pressing at once take it once.
pub async fn take_step(
    pool: &PgPool,
    bumdes: i64,
    number: &str,
    step: &Step,
) -> sqlx::Result<Result<(), Refused>> {
    let mut tx = pool.begin().await?;
    let Some(order) = sqlx::query!(
        "SELECT id, status, delivery FROM orders WHERE bumdes_id = $1 AND number = $2 FOR UPDATE",
        bumdes,
        number
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Err(Refused::NotFound));
    };
    if !step.from_statuses().contains(&order.status.as_str()) {
        return Ok(Err(Refused::Transition));
    }
    let (courier, tracking, reason) = match step {
        Step::Shipped {
            courier,
            tracking_number,
        } => (Some(courier.as_str()), Some(tracking_number.as_str()), None),
        Step::Cancel { reason } => (None, None, Some(reason.as_str())),
        Step::Paid | Step::Done => (None, None, None),
    };
    sqlx::query!(
        "UPDATE orders SET status = $2, courier = coalesce($3, courier),
                tracking_number = coalesce($4, tracking_number),
                cancel_reason = coalesce($5, cancel_reason), updated_at = now()
         WHERE id = $1",
        order.id,
        step.to_status(),
        courier,
        tracking,
        reason
    )
    .execute(&mut *tx)
    .await?;
    if matches!(step, Step::Cancel { .. }) {
        sqlx::query!(
            "UPDATE products p SET stock = p.stock + i.quantity, updated_at = now()
             FROM order_items i WHERE i.order_id = $1 AND p.id = i.product_id",
            order.id
        )
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query!(
        "INSERT INTO order_events (order_id, status) VALUES ($1, $2)",
        order.id,
        step.to_status()
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// A BUMDes's orders, oldest first, as the CSV export lists them.
pub async fn export(pool: &PgPool, bumdes: i64) -> sqlx::Result<Vec<Vec<String>>> {
    let rows = sqlx::query!(
        r#"SELECT o.number, to_char(o.created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD HH24:MI') AS "created!",
                  o.status, o.buyer_name, o.buyer_phone, o.street, o.village_code, o.postal_code, o.note,
                  o.delivery, o.payment, o.subtotal_rupiah, o.shipping_rupiah, o.unique_code, o.total_rupiah,
                  coalesce(o.courier, '') AS "courier!", coalesce(o.tracking_number, '') AS "tracking!",
                  coalesce(o.cancel_reason, '') AS "reason!",
                  (SELECT string_agg(i.quantity || ' x ' || i.name, '; ' ORDER BY i.name)
                   FROM order_items i WHERE i.order_id = o.id) AS "items!"
           FROM orders o WHERE o.bumdes_id = $1 ORDER BY o.created_at, o.id"#,
        bumdes
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            vec![
                r.number,
                r.created,
                r.status,
                r.buyer_name,
                r.buyer_phone,
                r.street,
                r.village_code,
                r.postal_code,
                r.note,
                r.items,
                r.delivery,
                r.payment,
                r.subtotal_rupiah.to_string(),
                r.shipping_rupiah.to_string(),
                r.unique_code.to_string(),
                r.total_rupiah.to_string(),
                r.courier,
                r.tracking,
                r.reason,
            ]
        })
        .collect())
}
