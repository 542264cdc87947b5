//! A BUMDes's own listings. Every query names the seller's BUMDes, so a seller reaches only its own.
use sqlx::PgPool;

use super::{Listing, ListingFields};
use crate::form::Problem;

/// Whose listing this is: `None` when it does not exist (or is deleted).
pub async fn owner(pool: &PgPool, id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "SELECT bumdes_id FROM products WHERE id = $1 AND deleted_at IS NULL",
        id
    )
    .fetch_optional(pool)
    .await
}

pub async fn own_listings(pool: &PgPool, bumdes: i64) -> sqlx::Result<Vec<Listing>> {
    sqlx::query_as!(
        Listing,
        "SELECT id, slug, name, price_rupiah, stock, unit, published, is_flagship FROM products
         WHERE bumdes_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC",
        bumdes
    )
    .fetch_all(pool)
    .await
}

pub async fn fields(pool: &PgPool, bumdes: i64, id: i64) -> sqlx::Result<Option<ListingFields>> {
    sqlx::query_as!(
        ListingFields,
        r#"SELECT name, description, category, price_rupiah::text AS "price!", stock::text AS "stock!", unit,
                  weight_grams::text AS "weight!", is_flagship AS flagship FROM products
           WHERE id = $1 AND bumdes_id = $2 AND deleted_at IS NULL"#,
        id,
        bumdes
    )
    .fetch_optional(pool)
    .await
}

/// A listing as the form gave it, checked.
pub struct Checked<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub category: &'a str,
    pub price: i64,
    pub stock: i32,
    pub unit: &'a str,
    pub weight: i32,
    pub flagship: bool,
}

/// Creates (`id` None) or updates a listing of `bumdes`; returns its id, or the field a constraint
/// refused: the village's flagship held by another BUMDes, or an unknown category.
pub async fn save(
    pool: &PgPool,
    bumdes: i64,
    id: Option<i64>,
    listing: &Checked<'_>,
) -> sqlx::Result<Result<i64, (&'static str, Problem)>> {
    let mut tx = pool.begin().await?;
    if listing.flagship {
        // The seller moves its own flagship; another BUMDes's stays and the unique index says so.
        sqlx::query!(
            "UPDATE products SET is_flagship = false
             WHERE bumdes_id = $1 AND is_flagship AND id IS DISTINCT FROM $2",
            bumdes,
            id
        )
        .execute(&mut *tx)
        .await?;
    }
    let saved = match id {
        Some(id) => {
            sqlx::query_scalar!(
                "UPDATE products SET name = $3, description = $4, category = $5, price_rupiah = $6, stock = $7,
                        unit = $8, weight_grams = $9, is_flagship = $10, updated_at = now()
                 WHERE id = $1 AND bumdes_id = $2 AND deleted_at IS NULL RETURNING id",
                id,
                bumdes,
                listing.name.trim(),
                listing.description.trim(),
                listing.category,
                listing.price,
                listing.stock,
                listing.unit.trim(),
                listing.weight,
                listing.flagship
            )
            .fetch_one(&mut *tx)
            .await
        }
        // The slug ends with the id, so two listings of the same name never collide.
        None => {
            sqlx::query_scalar!(
                r#"WITH n AS (SELECT nextval(pg_get_serial_sequence('products', 'id')) AS id)
                   INSERT INTO products (id, bumdes_id, village_code, name, slug, description, category,
                                         price_rupiah, stock, unit, weight_grams, is_flagship)
                   OVERRIDING SYSTEM VALUE
                   SELECT n.id, b.id, b.village_code, $2, $3 || '-' || n.id, $4, $5, $6, $7, $8, $9, $10
                   FROM n, bumdes b WHERE b.id = $1
                   RETURNING id"#,
                bumdes,
                listing.name.trim(),
                crate::slug::slugify(listing.name),
                listing.description.trim(),
                listing.category,
                listing.price,
                listing.stock,
                listing.unit.trim(),
                listing.weight,
                listing.flagship
            )
            .fetch_one(&mut *tx)
            .await
        }
    };
    match saved {
        Ok(id) => {
            tx.commit().await?;
            Ok(Ok(id))
        }
        Err(err) => match err.as_database_error().and_then(|e| e.constraint()) {
            Some("products_one_flagship_per_village") => {
                Ok(Err(("flagship", Problem::FlagshipTaken)))
            }
            Some("products_category_fkey") => Ok(Err(("category", Problem::Required))),
            _ => Err(err),
        },
    }
}

/// Shows or hides a listing; false when it is not this BUMDes's.
pub async fn set_published(
    pool: &PgPool,
    bumdes: i64,
    id: i64,
    published: bool,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "UPDATE products SET published = $3, updated_at = now()
         WHERE id = $1 AND bumdes_id = $2 AND deleted_at IS NULL",
        id,
        bumdes,
        published
    )
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// Deletes softly: hidden, no longer the flagship, gone from the seller's list.
pub async fn delete(pool: &PgPool, bumdes: i64, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "UPDATE products SET deleted_at = now(), published = false, is_flagship = false, updated_at = now()
         WHERE id = $1 AND bumdes_id = $2 AND deleted_at IS NULL",
        id,
        bumdes
    )
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// Categories for the form's choice: (slug, Indonesian name, English name).
pub async fn categories(pool: &PgPool) -> sqlx::Result<Vec<(String, String, String)>> {
    Ok(
        sqlx::query!("SELECT slug, name_id, name_en FROM categories ORDER BY position")
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|c| (c.slug, c.name_id, c.name_en))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures as fx;

    fn kopi(flagship: bool) -> Checked<'static> {
        Checked {
            name: "Kopi Robusta Bakongan",
            description: "Bubuk, 250 g",
            category: "kopi-teh",
            price: 45_000,
            stock: 12,
            unit: "bungkus",
            weight: 250,
            flagship,
        }
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn creates_edits_publishes_and_deletes_only_its_own(pool: PgPool) {
        fx::regions(&pool).await;
        let mine = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "pending").await;
        let theirs = fx::bumdes(&pool, "bumdes-lain", fx::OTHER_VILLAGE, "verified").await;
        let id = save(&pool, mine, None, &kopi(false))
            .await
            .unwrap()
            .unwrap();
        let listed = own_listings(&pool, mine).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].slug, format!("kopi-robusta-bakongan-{id}"));
        assert!(!listed[0].published);
        assert_eq!(owner(&pool, id).await.unwrap(), Some(mine));

        // Another BUMDes can neither read, change, publish nor delete it.
        assert!(fields(&pool, theirs, id).await.unwrap().is_none());
        assert!(save(&pool, theirs, Some(id), &kopi(false)).await.is_err());
        assert!(!set_published(&pool, theirs, id, true).await.unwrap());
        assert!(!delete(&pool, theirs, id).await.unwrap());

        let mut edited = kopi(false);
        edited.price = 50_000;
        save(&pool, mine, Some(id), &edited).await.unwrap().unwrap();
        assert_eq!(
            fields(&pool, mine, id).await.unwrap().unwrap().price,
            "50000"
        );
        assert!(set_published(&pool, mine, id, true).await.unwrap());
        assert!(own_listings(&pool, mine).await.unwrap()[0].published);
        assert!(delete(&pool, mine, id).await.unwrap());
        assert!(own_listings(&pool, mine).await.unwrap().is_empty());
        assert_eq!(owner(&pool, id).await.unwrap(), None);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn one_flagship_per_village_whichever_bumdes_sells_it(pool: PgPool) {
        fx::regions(&pool).await;
        let first = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let second = fx::bumdes(&pool, "bumdes-kedua", fx::VILLAGE, "verified").await;
        let a = save(&pool, first, None, &kopi(true))
            .await
            .unwrap()
            .unwrap();
        // The same BUMDes moves its flagship to another listing.
        let b = save(&pool, first, None, &kopi(true))
            .await
            .unwrap()
            .unwrap();
        let flags: Vec<(i64, bool)> = own_listings(&pool, first)
            .await
            .unwrap()
            .iter()
            .map(|l| (l.id, l.is_flagship))
            .collect();
        assert_eq!(flags, [(b, true), (a, false)]);
        // Another BUMDes of the village is told, and nothing of its listing is saved.
        assert_eq!(
            save(&pool, second, None, &kopi(true)).await.unwrap(),
            Err(("flagship", Problem::FlagshipTaken))
        );
        assert!(own_listings(&pool, second).await.unwrap().is_empty());
        // Deleting the flagship frees the village's place.
        assert!(delete(&pool, first, b).await.unwrap());
        assert!(
            save(&pool, second, None, &kopi(true))
                .await
                .unwrap()
                .is_ok()
        );
    }
}
