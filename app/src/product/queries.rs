use sqlx::PgPool;

use super::ProductDetail;
use crate::catalogue::ProductCard;

/// A product buyers may see, by slug: published, and sold by a verified BUMDes.
pub async fn visible_product(pool: &PgPool, slug: &str) -> sqlx::Result<Option<ProductDetail>> {
    sqlx::query_as!(
        ProductDetail,
        r#"SELECT p.id, p.slug, p.name, p.description, p.price_rupiah, p.stock, p.unit, p.weight_grams,
                  c.slug AS category, c.name_id AS category_id, c.name_en AS category_en, p.is_flagship,
                  p.image_key, ARRAY(SELECT image_key FROM product_photos WHERE product_id = p.id
                                     ORDER BY position) AS "photos!",
                  b.name AS bumdes_name, b.story AS bumdes_story, b.whatsapp AS bumdes_whatsapp,
                  b.verified_office,
                  to_char(b.verified_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS verified_on,
                  p.village_code, v.name AS "village!", d.name AS "district!",
                  r.name AS "regency!", pr.name AS "province!"
           FROM products p
           JOIN bumdes b ON b.id = p.bumdes_id
           JOIN categories c ON c.slug = p.category
           JOIN regions v ON v.code = p.village_code
           JOIN regions d ON d.code = v.parent_code
           JOIN regions r ON r.code = d.parent_code
           JOIN regions pr ON pr.code = r.parent_code
           WHERE p.slug = $1 AND p.published AND b.verification = 'verified'"#,
        slug
    )
    .fetch_optional(pool)
    .await
}

/// Other products from the same district first (the same trip, the same shipping), then the newest
/// from the same category.
pub async fn related(
    pool: &PgPool,
    product: &ProductDetail,
    limit: i64,
) -> sqlx::Result<Vec<ProductCard>> {
    let district = format!("{}.%", &product.village_code[..8]);
    sqlx::query_as!(
        ProductCard,
        r#"SELECT found.slug AS "slug!", found.name AS "name!", found.price_rupiah AS "price_rupiah!",
                  found.unit AS "unit!", found.image_key,
                  (SELECT name FROM regions WHERE code = found.village_code) AS "village!",
                  (SELECT name FROM regions WHERE code = left(found.village_code, 2)) AS "province!",
                  found.verified_office,
                  to_char(found.verified_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS verified_on
           FROM (
               (SELECT p.slug, p.name, p.price_rupiah, p.unit, p.image_key, p.village_code,
                       b.verified_office, b.verified_at, 0 AS nearness
                FROM products p JOIN bumdes b ON b.id = p.bumdes_id
                WHERE p.village_code LIKE $1 AND p.slug <> $2 AND p.published AND b.verification = 'verified'
                ORDER BY p.is_flagship DESC, p.created_at DESC LIMIT $4)
               UNION ALL
               (SELECT p.slug, p.name, p.price_rupiah, p.unit, p.image_key, p.village_code,
                       b.verified_office, b.verified_at, 1
                FROM products p JOIN bumdes b ON b.id = p.bumdes_id
                WHERE p.category = $3 AND p.published AND NOT p.village_code LIKE $1
                  AND b.verification = 'verified'
                ORDER BY p.created_at DESC LIMIT $4)
           ) found
           ORDER BY found.nearness
           LIMIT $4"#,
        district,
        product.slug,
        product.category,
        limit
    )
    .fetch_all(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{self as fx, NewProduct};

    fn constraint(err: sqlx::Error) -> String {
        err.as_database_error()
            .and_then(|e| e.constraint())
            .unwrap_or_default()
            .to_string()
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn shows_a_visible_product_with_its_regions(pool: PgPool) {
        fx::regions(&pool).await;
        let seller = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let kopi = NewProduct {
            slug: "kopi-gayo",
            flagship: true,
            price: 85_000,
            stock: 3,
            ..Default::default()
        };
        fx::product(&pool, seller, kopi).await.unwrap();

        let p = visible_product(&pool, "kopi-gayo")
            .await
            .unwrap()
            .expect("visible");
        assert_eq!(
            (p.name.as_str(), p.price_rupiah, p.stock),
            ("Kopi Gayo", 85_000, 3)
        );
        assert_eq!(p.bumdes_name, "bumdes-maju");
        assert_eq!(p.category_id, "Kopi & Teh");
        assert_eq!(
            [p.village, p.district, p.regency, p.province],
            [
                "Keude Bakongan",
                "Bakongan",
                "Kabupaten Aceh Selatan",
                "Aceh"
            ]
            .map(String::from)
        );
        assert_eq!(visible_product(&pool, "tidak-ada").await.unwrap(), None);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn hides_unpublished_products_and_unverified_sellers(pool: PgPool) {
        fx::regions(&pool).await;
        let verified = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let pending = fx::bumdes(&pool, "bumdes-baru", fx::OTHER_VILLAGE, "pending").await;
        fx::product(
            &pool,
            verified,
            NewProduct {
                slug: "draft",
                published: false,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        fx::product(
            &pool,
            pending,
            NewProduct {
                slug: "baru",
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(visible_product(&pool, "draft").await.unwrap(), None);
        assert_eq!(visible_product(&pool, "baru").await.unwrap(), None);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn refuses_a_second_flagship_in_the_same_village(pool: PgPool) {
        fx::regions(&pool).await;
        let first = fx::bumdes(&pool, "bumdes-satu", fx::VILLAGE, "verified").await;
        let second = fx::bumdes(&pool, "bumdes-dua", fx::VILLAGE, "verified").await;
        let elsewhere = fx::bumdes(&pool, "bumdes-lain", fx::OTHER_VILLAGE, "verified").await;
        fx::product(
            &pool,
            first,
            NewProduct {
                slug: "kopi",
                flagship: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();

        let err = fx::product(
            &pool,
            second,
            NewProduct {
                slug: "madu",
                flagship: true,
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
        assert_eq!(constraint(err), "products_one_flagship_per_village");
        // The same BUMDes cannot hold two either, while other products and other villages are fine.
        let err = fx::product(
            &pool,
            first,
            NewProduct {
                slug: "teh",
                flagship: true,
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
        assert_eq!(constraint(err), "products_one_flagship_per_village");
        fx::product(
            &pool,
            second,
            NewProduct {
                slug: "gula",
                ..Default::default()
            },
        )
        .await
        .unwrap();
        fx::product(
            &pool,
            elsewhere,
            NewProduct {
                slug: "tenun",
                flagship: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn refuses_negative_prices_and_stock(pool: PgPool) {
        fx::regions(&pool).await;
        let seller = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let err = fx::product(
            &pool,
            seller,
            NewProduct {
                price: -1,
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
        assert_eq!(constraint(err), "products_price_rupiah_check");
        let err = fx::product(
            &pool,
            seller,
            NewProduct {
                stock: -1,
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
        assert_eq!(constraint(err), "products_stock_check");
        // Zero is allowed: free samples and sold-out products exist.
        fx::product(
            &pool,
            seller,
            NewProduct {
                price: 0,
                stock: 0,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn refuses_a_seller_outside_a_village(pool: PgPool) {
        fx::regions(&pool).await;
        let err = sqlx::query(
            "INSERT INTO bumdes (name, slug, village_code, whatsapp) VALUES ('X', 'x', '11.01.01', '+6281234567890')",
        )
        .execute(&pool)
        .await
        .unwrap_err();
        assert_eq!(constraint(err), "bumdes_village_code_check");
    }
}
