//! Catalogue reads. Only products of verified BUMDes that are published are visible to buyers.
use sqlx::PgPool;

use super::ProductCard;

/// The newest flagship products, newest first.
pub async fn newest_flagships(pool: &PgPool, limit: i64) -> sqlx::Result<Vec<ProductCard>> {
    sqlx::query_as!(
        ProductCard,
        r#"SELECT p.slug, p.name, p.price_rupiah, p.unit, p.image_key,
                  v.name AS "village!", pr.name AS "province!"
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

/// Products matching what a buyer typed, best first: full-text matches (stemmed, accents ignored, the name
/// weighted above the category, the seller and its regions, then the description; flagships boosted),
/// then products whose name is close in spelling to what was typed ("kripik" finds "Keripik").
/// Ties fall back to the id, so pages stay stable.
pub async fn search(
    pool: &PgPool,
    typed: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<ProductCard>> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let mut tx = pool.begin().await?;
    // pg_trgm's default of 0.6 misses a dropped letter in short words.
    sqlx::query!("SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)")
        .fetch_one(&mut *tx)
        .await?;
    let found = sqlx::query_as!(
        ProductCard,
        r#"WITH q AS (SELECT websearch_to_tsquery('lumbung', $1) AS tsq, immutable_unaccent(lower($1)) AS typed)
           SELECT p.slug, p.name, p.price_rupiah, p.unit, p.image_key,
                  v.name AS "village!", pr.name AS "province!"
           FROM q, products p
           JOIN bumdes b ON b.id = p.bumdes_id
           JOIN regions v ON v.code = p.village_code
           JOIN regions pr ON pr.code = left(p.village_code, 2)
           WHERE p.published AND b.verification = 'verified'
             AND (p.search_vector @@ q.tsq OR q.typed <% immutable_unaccent(lower(p.name)))
           ORDER BY p.search_vector @@ q.tsq DESC,
                    ts_rank(p.search_vector, q.tsq) * CASE WHEN p.is_flagship THEN 1.5 ELSE 1 END DESC,
                    word_similarity(q.typed, immutable_unaccent(lower(p.name))) DESC,
                    p.id
           LIMIT $2 OFFSET $3"#,
        typed,
        limit,
        offset
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(found)
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

    async fn slugs(pool: &PgPool, typed: &str) -> Vec<String> {
        search(pool, typed, 20, 0)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.slug)
            .collect()
    }

    async fn search_fixture(pool: &PgPool) {
        fx::regions(pool).await;
        let maju = fx::bumdes(pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let lain = fx::bumdes(pool, "bumdes-lain", fx::OTHER_VILLAGE, "verified").await;
        for (seller, slug, category, flagship) in [
            (maju, "keripik-singkong", "makanan-ringan", false),
            (maju, "kopi-gayo", "kopi-teh", true),
            (lain, "kopi-robusta", "kopi-teh", false),
            (lain, "madu-hutan", "gula-madu", true),
        ] {
            let product = NewProduct {
                slug,
                category,
                flagship,
                ..Default::default()
            };
            fx::product(pool, seller, product).await.unwrap();
        }
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn search_stems_ranks_flagships_and_finds_places(pool: PgPool) {
        search_fixture(&pool).await;
        // "-nya" is a suffix the Indonesian stemmer removes; the flagship comes first among equals.
        assert_eq!(slugs(&pool, "kopinya").await, ["kopi-gayo", "kopi-robusta"]);
        // The seller's village (Keude Bakongan) and its district are searchable, accents ignored.
        assert_eq!(
            slugs(&pool, "Ujong Mangkí").await,
            ["madu-hutan", "kopi-robusta"]
        );
        assert_eq!(slugs(&pool, "bakongan keripik").await, ["keripik-singkong"]);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn search_forgives_a_typo_in_a_name(pool: PgPool) {
        search_fixture(&pool).await;
        assert_eq!(slugs(&pool, "kripik").await, ["keripik-singkong"]);
        assert_eq!(slugs(&pool, "mdu hutan").await, ["madu-hutan"]);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn search_pages_are_stable_and_metacharacters_are_plain_text(pool: PgPool) {
        search_fixture(&pool).await;
        let all = slugs(&pool, "kopi").await;
        let first = search(&pool, "kopi", 1, 0).await.unwrap();
        let second = search(&pool, "kopi", 1, 1).await.unwrap();
        assert_eq!(
            [first[0].slug.clone(), second[0].slug.clone()].to_vec(),
            all
        );
        for typed in ["%", "_", "\\", "'", "100%_\\'", "   ", "sagu"] {
            assert!(slugs(&pool, typed).await.is_empty(), "{typed}");
        }
        // Quotes and operators are words to search, never SQL.
        assert_eq!(
            slugs(&pool, "kopi' OR 1=1 --").await,
            ["kopi-gayo", "kopi-robusta"]
        );
        assert_eq!(slugs(&pool, "\"madu hutan\"").await, ["madu-hutan"]);
    }
}
