//! Guests and their carts in the database, and the products a cart holds.
use sqlx::PgPool;

use super::CartItem;
use crate::auth::queries::{new_token, token_hash};

pub async fn create(pool: &PgPool) -> sqlx::Result<String> {
    let token = new_token()?;
    sqlx::query!(
        "INSERT INTO guests (token_hash) VALUES ($1)",
        &token_hash(&token)[..]
    )
    .execute(pool)
    .await?;
    Ok(token)
}

/// Marks the guest as seen; false when the token is unknown.
pub async fn touch(pool: &PgPool, token: &str) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "UPDATE guests SET seen_at = now() WHERE token_hash = $1",
        &token_hash(token)[..]
    )
    .execute(pool)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// The guest's cart and its revision (empty and 0 for an unknown guest).
pub async fn cart(pool: &PgPool, token: &str) -> sqlx::Result<(String, i64)> {
    let row = sqlx::query!(
        "SELECT cart, revision FROM guests WHERE token_hash = $1",
        &token_hash(token)[..]
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.cart, r.revision)).unwrap_or_default())
}

/// Replaces the guest's cart; returns its new revision.
pub async fn set_cart(pool: &PgPool, token: &str, cart: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "UPDATE guests SET cart = $2, revision = revision + 1, seen_at = now() WHERE token_hash = $1
         RETURNING revision",
        &token_hash(token)[..],
        cart
    )
    .fetch_one(pool)
    .await
}

/// The cart's products still for sale, in the cart's order, each with the quantity wanted.
pub async fn items(pool: &PgPool, cart: &[(String, u32)]) -> sqlx::Result<Vec<CartItem>> {
    let slugs: Vec<String> = cart.iter().map(|(slug, _)| slug.clone()).collect();
    let rows = sqlx::query!(
        r#"SELECT p.id, p.slug, p.name, p.unit, p.price_rupiah, p.stock, p.image_key,
                  b.id AS bumdes_id, b.name AS bumdes_name
           FROM products p JOIN bumdes b ON b.id = p.bumdes_id
           WHERE p.slug = ANY($1) AND p.published AND b.verification = 'verified'"#,
        &slugs
    )
    .fetch_all(pool)
    .await?;
    Ok(cart
        .iter()
        .filter_map(|(slug, quantity)| {
            let row = rows.iter().find(|row| &row.slug == slug)?;
            Some(CartItem {
                product_id: row.id,
                slug: row.slug.clone(),
                name: row.name.clone(),
                unit: row.unit.clone(),
                price: row.price_rupiah,
                stock: row.stock,
                quantity: *quantity,
                image_key: row.image_key.clone(),
                bumdes_id: row.bumdes_id,
                bumdes_name: row.bumdes_name.clone(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{self as fx, NewProduct};

    #[sqlx::test(migrations = "../server/migrations")]
    async fn a_guest_keeps_a_cart_of_products_still_for_sale(pool: PgPool) {
        fx::regions(&pool).await;
        let shop = fx::bumdes(&pool, "bumdes-a", fx::VILLAGE, "verified").await;
        fx::product(
            &pool,
            shop,
            NewProduct {
                slug: "kopi",
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let draft = NewProduct {
            slug: "draf",
            published: false,
            ..Default::default()
        };
        fx::product(&pool, shop, draft).await.unwrap();
        let token = create(&pool).await.unwrap();
        assert!(touch(&pool, &token).await.unwrap());
        assert!(!touch(&pool, "unknown").await.unwrap());
        assert_eq!(set_cart(&pool, &token, "kopi=1").await.unwrap(), 1);
        assert_eq!(set_cart(&pool, &token, "draf=1;kopi=2").await.unwrap(), 2);
        let (text, revision) = cart(&pool, &token).await.unwrap();
        assert_eq!((text.as_str(), revision), ("draf=1;kopi=2", 2));
        assert_eq!(cart(&pool, "unknown").await.unwrap(), (String::new(), 0));
        let wanted = super::super::storage::parse(&text);
        let items = items(&pool, &wanted).await.unwrap();
        assert_eq!(items.len(), 1, "an unpublished product is left out");
        assert_eq!((items[0].slug.as_str(), items[0].quantity), ("kopi", 2));
        assert_eq!(items[0].price, 25_000);
    }
}
