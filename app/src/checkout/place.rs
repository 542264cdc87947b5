//! Placing a checkout, all in one transaction: stock taken with conditional updates (nothing oversells),
//! one order per BUMDes with its shipping fee and payment, and the idempotency key making a resend
//! return the orders already made.
use sha2::{Digest, Sha256};
use sqlx::{PgPool, Postgres, Transaction};

use super::{CartLine, Change, Delivery, MAX_LINES, Payment, PlaceProblem, PlacedOrder};
use crate::auth::queries::token_hash;

/// The most units of one product an order takes (a cart's most, which is small).
const MAX_QUANTITY: i32 = crate::cart::MAX_QUANTITY as i32;

/// The buyer, as the checkout form gives them (already checked).
pub struct Buyer<'a> {
    /// The guest token of the browser placing the checkout.
    pub guest: &'a str,
    pub name: &'a str,
    /// Normalised to +62.
    pub phone: &'a str,
    pub village_code: &'a str,
    pub street: &'a str,
    pub postal_code: &'a str,
    pub note: &'a str,
    pub delivery: Delivery,
    pub payment: Payment,
}

/// Makes the checkout's orders, or says why not; the same key again returns the same orders.
pub async fn place(
    pool: &PgPool,
    key: &str,
    buyer: &Buyer<'_>,
    lines: &[CartLine],
) -> sqlx::Result<Result<Vec<PlacedOrder>, PlaceProblem>> {
    if lines.is_empty() {
        return Ok(Err(PlaceProblem::EmptyCart));
    }
    if lines.len() > MAX_LINES || lines.iter().any(|l| l.quantity > MAX_QUANTITY) {
        return Ok(Err(PlaceProblem::TooMuch));
    }
    let mut tx = pool.begin().await?;
    // A second request with this key waits here until the first commits, then finds its orders.
    let checkout = sqlx::query_scalar!(
        "INSERT INTO checkouts (idempotency_key, guest_hash) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING id",
        key,
        &token_hash(buyer.guest)[..]
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(checkout) = checkout else {
        drop(tx);
        let placed = already_placed(pool, key, buyer.guest).await?;
        // Another browser's key (someone put it in a link): it opens nothing here.
        return Ok(if placed.is_empty() {
            Err(PlaceProblem::KeyUsed)
        } else {
            Ok(placed)
        });
    };
    let taken = match take_stock(&mut tx, lines).await? {
        Ok(taken) => taken,
        Err(changes) => return Ok(Err(PlaceProblem::Changed(changes))),
    };
    let mut placed = Vec::new();
    for bumdes in group_by_bumdes(&taken) {
        match make_order(&mut tx, checkout, key, buyer, &bumdes).await? {
            Ok(order) => placed.push(order),
            Err(problem) => return Ok(Err(problem)),
        }
    }
    tx.commit().await?;
    metrics::counter!("lumbung_orders_placed_total").increment(placed.len() as u64);
    Ok(Ok(placed))
}

/// A cart line whose stock was taken, at the price the buyer saw.
struct Taken {
    product: i64,
    quantity: i32,
    price: i64,
    name: String,
    unit: String,
    bumdes: i64,
}

/// Takes each line's stock, in product order (so two checkouts never wait on each other in a circle).
/// Any difference from what the buyer saw (price, stock, a product gone) undoes it all.
async fn take_stock(
    tx: &mut Transaction<'_, Postgres>,
    lines: &[CartLine],
) -> sqlx::Result<Result<Vec<Taken>, Vec<Change>>> {
    let mut sorted: Vec<&CartLine> = lines.iter().collect();
    sorted.sort_by_key(|line| line.product_id);
    let mut taken = Vec::new();
    let mut changes = Vec::new();
    for line in sorted {
        // Under a concurrent checkout this waits for its row lock, then checks the stock it left.
        let row = sqlx::query!(
            "UPDATE products p SET stock = p.stock - $2, updated_at = now()
             FROM bumdes b
             WHERE p.id = $1 AND b.id = p.bumdes_id AND p.stock >= $2 AND p.published
               AND b.verification = 'verified'
             RETURNING p.name, p.unit, p.price_rupiah, p.bumdes_id",
            line.product_id,
            line.quantity
        )
        .fetch_optional(&mut **tx)
        .await?;
        match row {
            Some(row) if row.price_rupiah == line.price_seen => taken.push(Taken {
                product: line.product_id,
                quantity: line.quantity,
                price: row.price_rupiah,
                name: row.name,
                unit: row.unit,
                bumdes: row.bumdes_id,
            }),
            Some(row) => changes.push(Change::Price {
                product_id: line.product_id,
                name: row.name,
                was: line.price_seen,
                now: row.price_rupiah,
            }),
            None => changes.push(short_of_stock(tx, line).await?),
        }
    }
    Ok(if changes.is_empty() {
        Ok(taken)
    } else {
        Err(changes)
    })
}

/// Why a line's stock could not be taken: too few left, or no longer for sale.
async fn short_of_stock(
    tx: &mut Transaction<'_, Postgres>,
    line: &CartLine,
) -> sqlx::Result<Change> {
    let row = sqlx::query!(
        "SELECT p.name, p.stock FROM products p JOIN bumdes b ON b.id = p.bumdes_id
         WHERE p.id = $1 AND p.published AND b.verification = 'verified'",
        line.product_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    Ok(match row {
        Some(row) => Change::Stock {
            product_id: line.product_id,
            name: row.name,
            wanted: line.quantity,
            left: row.stock,
        },
        None => Change::Gone {
            product_id: line.product_id,
        },
    })
}

/// The taken lines of one BUMDes.
struct BumdesLines<'a> {
    bumdes: i64,
    lines: Vec<&'a Taken>,
}

fn group_by_bumdes(taken: &[Taken]) -> Vec<BumdesLines<'_>> {
    let mut groups: Vec<BumdesLines> = Vec::new();
    for line in taken {
        match groups.iter_mut().find(|g| g.bumdes == line.bumdes) {
            Some(group) => group.lines.push(line),
            None => groups.push(BumdesLines {
                bumdes: line.bumdes,
                lines: vec![line],
            }),
        }
    }
    groups
}

async fn make_order(
    tx: &mut Transaction<'_, Postgres>,
    checkout: i64,
    key: &str,
    buyer: &Buyer<'_>,
    group: &BumdesLines<'_>,
) -> sqlx::Result<Result<PlacedOrder, PlaceProblem>> {
    let terms = super::queries::terms(&mut **tx, group.bumdes).await?;
    let Some(shipping) = terms.fee(buyer.delivery, buyer.village_code) else {
        return Ok(Err(PlaceProblem::NoDelivery { bumdes: terms.name }));
    };
    if !terms.accepts(buyer.payment) {
        return Ok(Err(PlaceProblem::NoPayment { bumdes: terms.name }));
    }
    // Prices are at most 10^12 and quantities at most 100, so this cannot overflow; checked all the same.
    let subtotal = group.lines.iter().try_fold(0i64, |sum, line| {
        line.price
            .checked_mul(i64::from(line.quantity))
            .and_then(|cost| sum.checked_add(cost))
    });
    let Some(subtotal) = subtotal.filter(|s| s.checked_add(shipping + 999).is_some()) else {
        return Ok(Err(PlaceProblem::TooMuch));
    };
    let order = insert_order(tx, checkout, key, buyer, group.bumdes, subtotal, shipping).await?;
    for line in &group.lines {
        sqlx::query!(
            "INSERT INTO order_items (order_id, product_id, name, unit, price_rupiah, quantity)
             VALUES ($1, $2, $3, $4, $5, $6)",
            order.0,
            line.product,
            line.name,
            line.unit,
            line.price,
            line.quantity
        )
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query!(
        "INSERT INTO order_events (order_id, status) VALUES ($1, 'new')",
        order.0
    )
    .execute(&mut **tx)
    .await?;
    Ok(Ok(PlacedOrder {
        token: link_token(key, &order.1),
        number: order.1,
    }))
}

/// Inserts the order with a fresh number and, for a transfer, a code making its amount unique among
/// the BUMDes's unpaid transfers; tries again (in a savepoint) when a concurrent order took either.
async fn insert_order(
    tx: &mut Transaction<'_, Postgres>,
    checkout: i64,
    key: &str,
    buyer: &Buyer<'_>,
    bumdes: i64,
    subtotal: i64,
    shipping: i64,
) -> sqlx::Result<(i64, String)> {
    const ATTEMPTS: usize = 5;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let number = order_number()?;
        let mut savepoint = sqlx::Connection::begin(&mut **tx).await?;
        let code: i32 = if buyer.payment == Payment::Transfer {
            sqlx::query_scalar!(
                r#"SELECT code AS "code!" FROM generate_series(1, 999) AS code
                   WHERE NOT EXISTS (SELECT 1 FROM orders WHERE bumdes_id = $1 AND status = 'new'
                                     AND payment = 'transfer' AND total_rupiah = $2::bigint + code)
                   ORDER BY random() LIMIT 1"#,
                bumdes,
                subtotal + shipping
            )
            .fetch_optional(&mut *savepoint)
            .await?
            .unwrap_or(0)
        } else {
            0
        };
        let inserted = sqlx::query_scalar!(
            "INSERT INTO orders (number, token_hash, checkout_id, bumdes_id, buyer_name, buyer_phone,
                                 village_code, street, postal_code, note, delivery, payment,
                                 subtotal_rupiah, shipping_rupiah, unique_code, total_rupiah, expires_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                    now() + make_interval(hours => b.hold_hours)
             FROM bumdes b WHERE b.id = $4
             RETURNING id",
            number,
            &Sha256::digest(link_token(key, &number).as_bytes())[..],
            checkout,
            bumdes,
            buyer.name.trim(),
            buyer.phone,
            buyer.village_code,
            buyer.street.trim(),
            buyer.postal_code,
            buyer.note.trim(),
            buyer.delivery.as_str(),
            buyer.payment.as_str(),
            subtotal,
            shipping,
            code,
            subtotal + shipping + i64::from(code)
        )
        .fetch_one(&mut *savepoint)
        .await;
        match inserted {
            Ok(id) => {
                savepoint.commit().await?;
                return Ok((id, number));
            }
            Err(err) if attempt < ATTEMPTS && is_unique_violation(&err) => {
                savepoint.rollback().await?;
            }
            Err(err) => return Err(err),
        }
    }
}

fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|e| e.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// Orders an earlier request from this browser with this key made, with their links.
async fn already_placed(pool: &PgPool, key: &str, guest: &str) -> sqlx::Result<Vec<PlacedOrder>> {
    let numbers = sqlx::query_scalar!(
        "SELECT o.number FROM orders o JOIN checkouts c ON c.id = o.checkout_id
         WHERE c.idempotency_key = $1 AND c.guest_hash = $2 ORDER BY o.id",
        key,
        &token_hash(guest)[..]
    )
    .fetch_all(pool)
    .await?;
    Ok(numbers
        .into_iter()
        .map(|number| PlacedOrder {
            token: link_token(key, &number),
            number,
        })
        .collect())
}

/// The secret in an order's link, derived from the checkout's key (which only the buyer's form
/// holds), so a resend of the form gets the same links while the database keeps only their hashes.
pub fn link_token(key: &str, number: &str) -> String {
    let digest = Sha256::digest(format!("lumbung-order-link:{key}:{number}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `LBG-` and six random characters of Crockford's base 32, as `LBG-7K3Q-2X`.
fn order_number() -> sqlx::Result<String> {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes)
        .map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))?;
    let chars: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect();
    Ok(format!("LBG-{}-{}", &chars[..4], &chars[4..]))
}
