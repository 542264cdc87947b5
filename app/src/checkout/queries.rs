//! What checkout reads besides the cart: each BUMDes's terms.
use sqlx::PgExecutor;

use super::{PlacedOrder, Terms};
use crate::auth::queries::token_hash;

pub async fn terms(db: impl PgExecutor<'_>, bumdes: i64) -> sqlx::Result<Terms> {
    sqlx::query_as!(
        Terms,
        r#"SELECT id, name, village_code, ship_regency_rupiah AS ship_regency,
                  ship_province_rupiah AS ship_province, ship_elsewhere_rupiah AS ship_elsewhere, pickup,
                  bank_account IS NOT NULL AS "transfer!", cod, qris_key IS NOT NULL AS "qris!"
           FROM bumdes WHERE id = $1"#,
        bumdes
    )
    .fetch_one(db)
    .await
}

/// Lets this guest's browser open the order again, and list it under "Pesanan saya".
pub async fn remember(
    db: impl PgExecutor<'_>,
    guest: &str,
    order: &PlacedOrder,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO guest_orders (guest_hash, order_id, token)
         SELECT $1, id, $3 FROM orders WHERE number = $2
         ON CONFLICT DO NOTHING",
        &token_hash(guest)[..],
        order.number,
        order.token
    )
    .execute(db)
    .await?;
    Ok(())
}
