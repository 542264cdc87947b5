//! A listing's photos and their order. Callers have checked the listing is the seller's; every query
//! names the listing, so a photo id from another listing finds nothing.
use sqlx::{PgPool, Postgres, Transaction};

use super::{MAX_PHOTOS, Photo};

pub async fn photos(pool: &PgPool, product: i64) -> sqlx::Result<Vec<Photo>> {
    sqlx::query_as!(
        Photo,
        "SELECT id, image_key, width, height FROM product_photos
         WHERE product_id = $1 ORDER BY position",
        product
    )
    .fetch_all(pool)
    .await
}

/// Adds a photo after the others; `None` when the listing already has [`MAX_PHOTOS`].
pub async fn add(
    pool: &PgPool,
    product: i64,
    image_key: &str,
    width: u32,
    height: u32,
) -> sqlx::Result<Option<i64>> {
    let mut tx = pool.begin().await?;
    // One upload at a time per listing, so two cannot both take the last place.
    sqlx::query!("SELECT id FROM products WHERE id = $1 FOR UPDATE", product)
        .fetch_one(&mut *tx)
        .await?;
    let id = sqlx::query_scalar!(
        "INSERT INTO product_photos (product_id, position, image_key, width, height)
         SELECT $1, count(*)::smallint, $2, $3, $4 FROM product_photos WHERE product_id = $1
         HAVING count(*) < $5
         RETURNING id",
        product,
        image_key,
        width as i32,
        height as i32,
        MAX_PHOTOS as i64
    )
    .fetch_optional(&mut *tx)
    .await?;
    set_cover(&mut tx, product).await?;
    tx.commit().await?;
    Ok(id)
}

/// Swaps a photo with its neighbour before (`-1`) or after (`1`); false when there is none.
pub async fn shift(pool: &PgPool, product: i64, photo: i64, by: i16) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    let moved = sqlx::query!(
        "WITH me AS (SELECT id, position FROM product_photos WHERE id = $2 AND product_id = $1),
              other AS (SELECT o.id, o.position FROM product_photos o, me
                        WHERE o.product_id = $1 AND o.position = me.position + $3)
         UPDATE product_photos p
         SET position = CASE WHEN p.id = me.id THEN other.position ELSE me.position END
         FROM me, other WHERE p.id IN (me.id, other.id)",
        product,
        photo,
        by
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 2;
    set_cover(&mut tx, product).await?;
    tx.commit().await?;
    Ok(moved)
}

/// Removes a photo, closes the gap, and returns its key so its files can go too.
pub async fn remove(pool: &PgPool, product: i64, photo: i64) -> sqlx::Result<Option<String>> {
    let mut tx = pool.begin().await?;
    let removed = sqlx::query!(
        "DELETE FROM product_photos WHERE id = $2 AND product_id = $1 RETURNING image_key, position",
        product,
        photo
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(removed) = &removed {
        sqlx::query!(
            "UPDATE product_photos SET position = position - 1 WHERE product_id = $1 AND position > $2",
            product,
            removed.position
        )
        .execute(&mut *tx)
        .await?;
        set_cover(&mut tx, product).await?;
    }
    tx.commit().await?;
    Ok(removed.map(|r| r.image_key))
}

/// Lists and search show `products.image_key`: keep it the first photo's.
async fn set_cover(tx: &mut Transaction<'_, Postgres>, product: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE products p SET image_key = first.image_key
         FROM (SELECT (SELECT image_key FROM product_photos WHERE product_id = $1
                       ORDER BY position LIMIT 1) AS image_key) first
         WHERE p.id = $1 AND p.image_key IS DISTINCT FROM first.image_key",
        product
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures as fx;

    async fn keys(pool: &PgPool, product: i64) -> (Vec<String>, Option<String>) {
        let order = photos(pool, product)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.image_key)
            .collect();
        let cover = sqlx::query_scalar("SELECT image_key FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(pool)
            .await
            .unwrap();
        (order, cover)
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn keeps_order_cover_and_the_limit_of_eight(pool: PgPool) {
        fx::regions(&pool).await;
        let bumdes = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let kopi = fx::product(&pool, bumdes, fx::NewProduct::default())
            .await
            .unwrap();
        let other = fx::product(
            &pool,
            bumdes,
            fx::NewProduct {
                slug: "madu",
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let mut ids = Vec::new();
        for n in 0..MAX_PHOTOS {
            ids.push(
                add(&pool, kopi, &format!("k{n}"), 800, 600)
                    .await
                    .unwrap()
                    .unwrap(),
            );
        }
        assert_eq!(add(&pool, kopi, "k8", 800, 600).await.unwrap(), None);
        let (order, cover) = keys(&pool, kopi).await;
        assert_eq!(order.len(), MAX_PHOTOS);
        assert_eq!(cover.as_deref(), Some("k0"));

        // The second photo moves first and becomes the cover; the first cannot move earlier.
        assert!(shift(&pool, kopi, ids[1], -1).await.unwrap());
        assert!(!shift(&pool, kopi, ids[1], -1).await.unwrap());
        assert!(!shift(&pool, kopi, ids[7], 1).await.unwrap());
        let (order, cover) = keys(&pool, kopi).await;
        assert_eq!(&order[..3], ["k1", "k0", "k2"]);
        assert_eq!(cover.as_deref(), Some("k1"));

        // Another listing's id reaches none of these photos.
        assert!(!shift(&pool, other, ids[2], -1).await.unwrap());
        assert_eq!(remove(&pool, other, ids[2]).await.unwrap(), None);

        assert_eq!(
            remove(&pool, kopi, ids[1]).await.unwrap().as_deref(),
            Some("k1")
        );
        let (order, cover) = keys(&pool, kopi).await;
        assert_eq!(order, ["k0", "k2", "k3", "k4", "k5", "k6", "k7"]);
        assert_eq!(cover.as_deref(), Some("k0"));
        // The gap is closed: the last can still move, and a new photo fits at the end.
        assert!(shift(&pool, kopi, ids[7], -1).await.unwrap());
        assert!(add(&pool, kopi, "k8", 800, 600).await.unwrap().is_some());
        for id in &ids[2..] {
            remove(&pool, kopi, *id).await.unwrap();
        }
        remove(&pool, kopi, ids[0]).await.unwrap();
        let (order, cover) = keys(&pool, kopi).await;
        assert_eq!((order, cover), (vec!["k8".to_string()], Some("k8".into())));
    }
}
