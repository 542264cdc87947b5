//! Region reads. Counts come from the `region_counts` view, refreshed in the background.
use sqlx::PgPool;

use super::{BumdesProfile, RegionCount, RegionHit, RegionName, Trail};
use crate::catalogue::ProductCard;

/// Recounts products and BUMDes per region. Concurrently, so browsing never waits for it.
pub async fn refresh_region_counts(pool: &PgPool) -> sqlx::Result<()> {
    sqlx::query!("REFRESH MATERIALIZED VIEW CONCURRENTLY region_counts")
        .execute(pool)
        .await?;
    Ok(())
}

/// The provinces (no parent) or the regions directly under `parent`; those with products first.
pub async fn children(pool: &PgPool, parent: Option<&str>) -> sqlx::Result<Vec<RegionCount>> {
    sqlx::query_as!(
        RegionCount,
        r#"SELECT r.code, r.name, coalesce(c.products, 0) AS "products!", coalesce(c.bumdes, 0) AS "bumdes!"
           FROM regions r LEFT JOIN region_counts c ON c.code = r.code
           WHERE r.parent_code IS NOT DISTINCT FROM $1
           ORDER BY coalesce(c.products, 0) > 0 DESC, r.name, r.code"#,
        parent
    )
    .fetch_all(pool)
    .await
}

/// The region and every region above it, or `None` when the code does not exist.
pub async fn trail(pool: &PgPool, code: &str) -> sqlx::Result<Option<Trail>> {
    let names = sqlx::query_as!(
        RegionName,
        "SELECT code, name FROM regions
         WHERE code IN (left($1, 2), left($1, 5), left($1, 8), $1)
         ORDER BY length(code)",
        code
    )
    .fetch_all(pool)
    .await?;
    Ok(names
        .last()
        .is_some_and(|r| r.code == code)
        .then_some(Trail(names)))
}

/// Regions whose name contains what was typed (accents and case ignored), those with products first,
/// then the larger levels.
pub async fn find(pool: &PgPool, typed: &str, limit: i64) -> sqlx::Result<Vec<RegionHit>> {
    sqlx::query_as!(
        RegionHit,
        r#"SELECT r.code,
                  (SELECT string_agg(a.name, ', ' ORDER BY length(a.code) DESC) FROM regions a
                   WHERE a.code IN (left(r.code, 2), left(r.code, 5), left(r.code, 8), r.code)) AS "address!",
                  coalesce(c.products, 0) AS "products!", coalesce(c.bumdes, 0) AS "bumdes!"
           FROM regions r LEFT JOIN region_counts c ON c.code = r.code
           WHERE immutable_unaccent(lower(r.name)) LIKE
                 '%' || like_escape(immutable_unaccent(lower($1))) || '%'
           ORDER BY coalesce(c.products, 0) > 0 DESC, length(r.code), r.name, r.code
           LIMIT $2"#,
        typed,
        limit
    )
    .fetch_all(pool)
    .await
}

pub async fn village_bumdes(pool: &PgPool, village: &str) -> sqlx::Result<Vec<BumdesProfile>> {
    sqlx::query_as!(
        BumdesProfile,
        r#"SELECT name, story, whatsapp, verified_office,
                  to_char(verified_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS verified_on
           FROM bumdes
           WHERE village_code = $1 AND verification = 'verified' ORDER BY created_at, id"#,
        village
    )
    .fetch_all(pool)
    .await
}

/// The village's visible products: its flagship first, then the newest.
pub async fn village_products(pool: &PgPool, village: &str) -> sqlx::Result<Vec<ProductCard>> {
    sqlx::query_as!(
        ProductCard,
        r#"SELECT p.slug, p.name, p.price_rupiah, p.unit, p.image_key,
                  v.name AS "village!", pr.name AS "province!", b.verified_office,
                  to_char(b.verified_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY') AS verified_on
           FROM products p
           JOIN bumdes b ON b.id = p.bumdes_id
           JOIN regions v ON v.code = p.village_code
           JOIN regions pr ON pr.code = left(p.village_code, 2)
           WHERE p.village_code = $1 AND p.published AND b.verification = 'verified'
           ORDER BY p.is_flagship DESC, p.created_at DESC, p.id DESC
           LIMIT 100"#,
        village
    )
    .fetch_all(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{self as fx, NewProduct};

    async fn fixture(pool: &PgPool) {
        fx::regions(pool).await;
        let jauh = fx::bumdes(pool, "bumdes-jauh", fx::FAR_VILLAGE, "verified").await;
        fx::bumdes(pool, "bumdes-baru", fx::VILLAGE, "pending").await;
        for (slug, flagship, age_hours) in [("madu-trigona", false, 0), ("madu-hutan", true, 5)] {
            let product = NewProduct {
                slug,
                flagship,
                age_hours,
                ..Default::default()
            };
            fx::product(pool, jauh, product).await.unwrap();
        }
        refresh_region_counts(pool).await.unwrap();
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn lists_regions_with_products_first_and_their_counts(pool: PgPool) {
        fixture(&pool).await;
        let provinces = children(&pool, None).await.unwrap();
        let shown: Vec<_> = provinces
            .iter()
            .map(|r| (r.name.as_str(), r.products, r.bumdes))
            .collect();
        // Aceh comes first by name, but has nothing yet (its BUMDes is not verified).
        assert_eq!(shown, [("Nusa Tenggara Barat", 2, 1), ("Aceh", 0, 0)]);
        let villages = children(&pool, Some("52.04.01")).await.unwrap();
        assert_eq!(villages[0].code, fx::FAR_VILLAGE);
        assert_eq!(villages[0].products, 2);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn a_trail_goes_up_to_the_province(pool: PgPool) {
        fixture(&pool).await;
        let village = trail(&pool, fx::FAR_VILLAGE).await.unwrap().unwrap();
        assert_eq!(
            village.address(),
            "Lunyuk Ode, Lunyuk, Kabupaten Sumbawa, Nusa Tenggara Barat"
        );
        assert_eq!(trail(&pool, "52.04").await.unwrap().unwrap().0.len(), 2);
        assert_eq!(trail(&pool, "99.99").await.unwrap(), None);
        assert_eq!(trail(&pool, "52.04.01.9999").await.unwrap(), None);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn finds_regions_by_any_part_of_their_name(pool: PgPool) {
        fixture(&pool).await;
        let hits = find(&pool, "LUNYÜK", 10).await.unwrap();
        let codes: Vec<_> = hits.iter().map(|h| h.code.as_str()).collect();
        // Both have products; the district, the larger region, first.
        assert_eq!(codes, ["52.04.01", fx::FAR_VILLAGE]);
        assert_eq!(
            hits[1].address,
            "Lunyuk Ode, Lunyuk, Kabupaten Sumbawa, Nusa Tenggara Barat"
        );
        assert!(find(&pool, "%", 10).await.unwrap().is_empty());
        assert!(find(&pool, "_", 10).await.unwrap().is_empty());
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn a_village_shows_its_flagship_first_and_verified_sellers_only(pool: PgPool) {
        fixture(&pool).await;
        let products = village_products(&pool, fx::FAR_VILLAGE).await.unwrap();
        let slugs: Vec<_> = products.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["madu-hutan", "madu-trigona"]);
        assert_eq!(
            village_bumdes(&pool, fx::FAR_VILLAGE).await.unwrap().len(),
            1
        );
        // The pending BUMDes is not shown, and its village has nothing to show.
        assert!(village_bumdes(&pool, fx::VILLAGE).await.unwrap().is_empty());
        assert!(
            village_products(&pool, fx::VILLAGE)
                .await
                .unwrap()
                .is_empty()
        );
    }
}
