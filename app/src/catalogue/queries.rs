//! Catalogue reads. Only products of verified BUMDes that are published are visible to buyers.
use sqlx::PgPool;

use super::ProductCard;

/// The newest flagship products, newest first.
pub async fn newest_flagships(pool: &PgPool, limit: i64) -> sqlx::Result<Vec<ProductCard>> {
    sqlx::query_as!(
        ProductCard,
        r#"SELECT p.slug, p.name, p.price_rupiah, p.unit, p.image_key,
                  v.name AS "village!", pr.name AS "province!", b.verified_office,
                  to_char(b.verified_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS verified_on
           FROM products p
           JOIN bumdes b ON b.id = p.bumdes_id
           JOIN regions v ON v.code = p.village_code
           JOIN regions pr ON pr.code = left(p.village_code, 2)
           WHERE p.is_flagship AND p.published AND b.verification = 'verified'
           ORDER BY p.created_at DESC, p.id DESC
           LIMIT $1"#,
        limit
    )
    .fetch_all(pool)
    .await
}

/// Cards for products in a given order (a search page). A constant, not `query_as!`, so that the search
/// benchmark can print its plan.
pub const CARDS_BY_ID: &str = "
    SELECT p.slug, p.name, p.price_rupiah, p.unit, p.image_key, v.name AS village, pr.name AS province,
           b.verified_office, to_char(b.verified_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS verified_on
    FROM unnest($1::bigint[]) WITH ORDINALITY AS wanted (id, n)
    JOIN products p ON p.id = wanted.id
    JOIN bumdes b ON b.id = p.bumdes_id
    JOIN regions v ON v.code = p.village_code
    JOIN regions pr ON pr.code = left(p.village_code, 2)
    ORDER BY wanted.n";

pub async fn cards_by_id(pool: &PgPool, ids: &[i64]) -> sqlx::Result<Vec<ProductCard>> {
    sqlx::query_as(CARDS_BY_ID).bind(ids).fetch_all(pool).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{self as fx, NewProduct};

    #[sqlx::test(migrations = "../server/migrations")]
    async fn lists_visible_flagships_newest_first(pool: PgPool) {
        fx::regions(&pool).await;
        let verified = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let pending = fx::bumdes(&pool, "bumdes-baru", fx::OTHER_VILLAGE, "pending").await;
        let older = NewProduct {
            slug: "kopi-gayo",
            flagship: true,
            age_hours: 5,
            ..Default::default()
        };
        fx::product(&pool, verified, older).await.unwrap();
        let not_flagship = NewProduct {
            slug: "gula-aren",
            age_hours: 1,
            ..Default::default()
        };
        fx::product(&pool, verified, not_flagship).await.unwrap();
        let unverified = NewProduct {
            slug: "madu",
            flagship: true,
            ..Default::default()
        };
        fx::product(&pool, pending, unverified).await.unwrap();

        let list = newest_flagships(&pool, 10).await.unwrap();
        assert_eq!(
            list.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(),
            ["kopi-gayo"]
        );
        assert_eq!(list[0].village, "Keude Bakongan");
        assert_eq!(list[0].province, "Aceh");
        assert_eq!(list[0].price_rupiah, 25_000);

        sqlx::query("UPDATE bumdes SET verification = 'verified' WHERE id = $1")
            .bind(pending)
            .execute(&pool)
            .await
            .unwrap();
        let list = newest_flagships(&pool, 10).await.unwrap();
        assert_eq!(
            list.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(),
            ["madu", "kopi-gayo"]
        );
        assert_eq!(newest_flagships(&pool, 1).await.unwrap().len(), 1);
    }
}
