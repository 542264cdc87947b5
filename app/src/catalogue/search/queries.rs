//! Search: what was typed goes through PostgreSQL's text search configuration; matching, counting,
//! ranking and spelling corrections run on the in-memory index; the page's products come from PostgreSQL.
use std::time::{Duration, Instant};

use sqlx::PgPool;

use super::index::SearchIndex;
use super::matching::{Found, Window};
use super::tsquery::{self, Query};
use super::{SearchQuery, SearchResults};
use crate::catalogue::queries::cards_by_id;

/// What PostgreSQL makes of the typed text: its query (`websearch_to_tsquery`: stems, `or`, `-word`,
/// quotes) and its words as the vocabulary spells them (lower case, no accents).
struct Typed {
    query: Option<Query>,
    words: Vec<String>,
}

async fn read_typed(pool: &PgPool, typed: &str) -> sqlx::Result<Typed> {
    let read = sqlx::query!(
        r#"SELECT websearch_to_tsquery('lumbung', $1)::text AS "query!",
                  array(SELECT w FROM regexp_split_to_table(immutable_unaccent(lower($1)), '[^a-z0-9]+') AS w
                        WHERE w <> '') AS "words!""#,
        typed
    )
    .fetch_one(pool)
    .await?;
    Ok(Typed {
        query: tsquery::parse(&read.query),
        words: read.words,
    })
}

/// Matches, counts and the window's ids for `typed` (empty: browse without words), with what was typed.
async fn find(
    pool: &PgPool,
    index: &SearchIndex,
    query: &SearchQuery,
    typed: &str,
    window: Window,
) -> sqlx::Result<(Found, Option<Typed>)> {
    if typed.is_empty() {
        return Ok((index.read().find(None, query, window), None));
    }
    let read = read_typed(pool, typed).await?;
    let found = index.read().find(Some(read.query.as_ref()), query, window);
    Ok((found, Some(read)))
}

/// A page of results with its filter counts, after the index has caught up with every write made
/// before the search. When nothing matches what was typed, searches again with the spelling corrected,
/// and says so.
pub async fn search(
    pool: &PgPool,
    index: &SearchIndex,
    query: &SearchQuery,
) -> sqlx::Result<SearchResults> {
    Ok(search_timed(pool, index, query).await?.0)
}

/// Where a search's time went, for the benchmark.
#[derive(Debug, Default)]
pub struct Timings {
    pub sync: Duration,
    pub matching: Duration,
    pub spelling: Duration,
    pub cards: Duration,
}

pub async fn search_timed(
    pool: &PgPool,
    index: &SearchIndex,
    query: &SearchQuery,
) -> sqlx::Result<(SearchResults, Timings)> {
    let mut timings = Timings::default();
    let (found, corrected) =
        matches(pool, index, query, Window::Page(query.page), &mut timings).await?;
    let started = Instant::now();
    let items = cards_by_id(pool, &found.ids).await?;
    timings.cards = started.elapsed();
    let results = SearchResults {
        items,
        total: found.total,
        facets: found.facets,
        corrected,
    };
    Ok((results, timings))
}

/// The ids of a search's window with its counts, after the index has caught up with every write made
/// before the search; with the corrected spelling when nothing matched what was typed and that did.
pub async fn matches(
    pool: &PgPool,
    index: &SearchIndex,
    query: &SearchQuery,
    window: Window,
    timings: &mut Timings,
) -> sqlx::Result<(Found, Option<String>)> {
    let mut lap = Instant::now();
    let mut split = |into: &mut Duration| {
        *into += lap.elapsed();
        lap = Instant::now();
    };
    let typed = query.q.trim();
    index.sync(pool).await?;
    split(&mut timings.sync);
    let (mut found, read) = find(pool, index, query, typed, window).await?;
    split(&mut timings.matching);
    let mut corrected = None;
    if found.total == 0
        && let Some(read) = read
    {
        let spelled = index.read().vocabulary.correct(&read.words);
        split(&mut timings.spelling);
        if let Some(spelled) = spelled {
            let (again, _) = find(pool, index, query, &spelled, window).await?;
            split(&mut timings.matching);
            if again.total > 0 {
                found = again;
                corrected = Some(spelled);
            }
        }
    }
    Ok((found, corrected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::search::{FacetCount, Sort};
    use crate::test_fixtures::{self as fx, NewProduct};

    /// Four products in three villages of two provinces.
    async fn fixture(pool: &PgPool) {
        fx::regions(pool).await;
        let maju = fx::bumdes(pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let lain = fx::bumdes(pool, "bumdes-lain", fx::OTHER_VILLAGE, "verified").await;
        let jauh = fx::bumdes(pool, "bumdes-jauh", fx::FAR_VILLAGE, "verified").await;
        for (seller, slug, category, flagship, price, stock, age_hours) in [
            (
                maju,
                "keripik-singkong",
                "makanan-ringan",
                false,
                15_000,
                10,
                3,
            ),
            (maju, "kopi-gayo", "kopi-teh", true, 85_000, 5, 2),
            (lain, "kopi-robusta", "kopi-teh", false, 55_000, 0, 1),
            (jauh, "madu-hutan", "gula-madu", true, 150_000, 30, 0),
        ] {
            let product = NewProduct {
                slug,
                category,
                flagship,
                price,
                stock,
                age_hours,
                ..Default::default()
            };
            fx::product(pool, seller, product).await.unwrap();
        }
    }

    fn q(typed: &str) -> SearchQuery {
        SearchQuery {
            q: typed.to_string(),
            page: 1,
            ..Default::default()
        }
    }

    /// A search on an index built for it.
    async fn results(pool: &PgPool, query: &SearchQuery) -> sqlx::Result<SearchResults> {
        search(pool, &SearchIndex::load(pool).await?, query).await
    }

    async fn slugs(pool: &PgPool, query: SearchQuery) -> Vec<String> {
        let found = results(pool, &query).await.unwrap();
        found.items.into_iter().map(|p| p.slug).collect()
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn stems_ranks_flagships_and_finds_places(pool: PgPool) {
        fixture(&pool).await;
        // "-nya" is a suffix the Indonesian stemmer removes; the flagship comes first among equals.
        assert_eq!(
            slugs(&pool, q("kopinya")).await,
            ["kopi-gayo", "kopi-robusta"]
        );
        // The seller's village and its regions are searchable, accents ignored.
        assert_eq!(slugs(&pool, q("Ujong Mangkí")).await, ["kopi-robusta"]);
        assert_eq!(slugs(&pool, q("sumbawa")).await, ["madu-hutan"]);
        assert_eq!(slugs(&pool, q("madu hutan sumbawa")).await, ["madu-hutan"]);
        assert_eq!(
            slugs(&pool, q("bakongan keripik")).await,
            ["keripik-singkong"]
        );
        // A word in the name outranks the same word elsewhere: "Kopi & Teh" is every coffee's category.
        assert_eq!(slugs(&pool, q("robusta")).await, ["kopi-robusta"]);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn corrects_typos_and_says_so(pool: PgPool) {
        fixture(&pool).await;
        for (typed, corrected, found) in [
            ("kripik", "keripik", "keripik-singkong"),
            ("mdu hutan", "madu hutan", "madu-hutan"),
            ("kopi gayoo", "kopi gayo", "kopi-gayo"),
            ("madu hutan sumbwa", "madu hutan sumbawa", "madu-hutan"),
        ] {
            let results = results(&pool, &q(typed)).await.unwrap();
            assert_eq!(results.corrected.as_deref(), Some(corrected), "{typed}");
            assert_eq!(results.items[0].slug, found, "{typed}");
            assert_eq!(results.total, results.items.len() as i64);
        }
        // Exact matches are not second-guessed.
        assert_eq!(results(&pool, &q("kopi")).await.unwrap().corrected, None);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn an_empty_result_and_metacharacters_are_plain_text(pool: PgPool) {
        fixture(&pool).await;
        let none = results(&pool, &q("sagu")).await.unwrap();
        assert_eq!((none.total, none.items.len(), none.corrected), (0, 0, None));
        assert!(none.facets.categories.is_empty() && none.facets.provinces.is_empty());
        for typed in ["%", "_", "\\", "'", "100%_\\'", "zzzz%"] {
            let found = results(&pool, &q(typed)).await.unwrap();
            assert_eq!(found.total, 0, "{typed}");
        }
        // Quotes and operators are words to search, never SQL.
        assert_eq!(
            slugs(&pool, q("kopi' OR 1=1 --")).await,
            ["kopi-gayo", "kopi-robusta"]
        );
        assert_eq!(slugs(&pool, q("\"madu hutan\"")).await, ["madu-hutan"]);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn each_sort(pool: PgPool) {
        fixture(&pool).await;
        let sorted = |sort| SearchQuery { sort, ..q("") };
        assert_eq!(
            slugs(&pool, sorted(Sort::Cheapest)).await,
            [
                "keripik-singkong",
                "kopi-robusta",
                "kopi-gayo",
                "madu-hutan"
            ]
        );
        assert_eq!(
            slugs(&pool, sorted(Sort::Priciest)).await,
            [
                "madu-hutan",
                "kopi-gayo",
                "kopi-robusta",
                "keripik-singkong"
            ]
        );
        assert_eq!(
            slugs(&pool, sorted(Sort::Newest)).await,
            [
                "madu-hutan",
                "kopi-robusta",
                "kopi-gayo",
                "keripik-singkong"
            ]
        );
        // Without words, relevance is flagships first, newest first.
        assert_eq!(
            slugs(&pool, sorted(Sort::Relevance)).await,
            [
                "madu-hutan",
                "kopi-gayo",
                "kopi-robusta",
                "keripik-singkong"
            ]
        );
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn each_filter_and_its_counts(pool: PgPool) {
        fixture(&pool).await;
        let count = |list: &[FacetCount]| {
            list.iter()
                .map(|f| (f.key.clone(), f.count))
                .collect::<Vec<_>>()
        };
        let pairs = |items: &[(&str, i64)]| {
            items
                .iter()
                .map(|(k, n)| (k.to_string(), *n))
                .collect::<Vec<_>>()
        };

        let category = results(
            &pool,
            &SearchQuery {
                category: Some("kopi-teh".into()),
                ..q("")
            },
        )
        .await
        .unwrap();
        assert_eq!(category.total, 2);
        // A filter's own values are counted without it, so the other categories stay reachable.
        assert_eq!(
            count(&category.facets.categories),
            pairs(&[("kopi-teh", 2), ("gula-madu", 1), ("makanan-ringan", 1)])
        );
        assert_eq!(count(&category.facets.provinces), pairs(&[("11", 2)]));
        assert_eq!((category.facets.in_stock, category.facets.flagship), (1, 1));

        let province = results(
            &pool,
            &SearchQuery {
                province: Some("52".into()),
                ..q("")
            },
        )
        .await
        .unwrap();
        assert_eq!(province.items.len(), 1);
        assert_eq!(
            count(&province.facets.provinces),
            pairs(&[("11", 3), ("52", 1)])
        );
        assert_eq!(count(&province.facets.regencies), pairs(&[("52.04", 1)]));
        assert_eq!(province.facets.provinces[1].name, "Nusa Tenggara Barat");

        let regency = SearchQuery {
            province: Some("11".into()),
            regency: Some("11.01".into()),
            ..q("")
        };
        assert_eq!(results(&pool, &regency).await.unwrap().total, 3);

        let priced = results(
            &pool,
            &SearchQuery {
                min_price: Some(50_000),
                max_price: Some(99_999),
                ..q("")
            },
        )
        .await
        .unwrap();
        assert_eq!(priced.total, 2);
        // Bands count without the price filter: ≤ 24.999, 25.000–49.999, 50.000–99.999, 100.000–249.999, more.
        assert_eq!(priced.facets.price_bands, [1, 0, 2, 1, 0]);

        let in_stock = SearchQuery {
            in_stock: true,
            ..q("kopi")
        };
        assert_eq!(slugs(&pool, in_stock.clone()).await, ["kopi-gayo"]);
        let found = results(&pool, &in_stock).await.unwrap();
        assert_eq!(found.facets.price_bands, [0, 0, 1, 0, 0]);
        assert_eq!(found.facets.in_stock, 1);
        assert_eq!(found.facets.flagship, 1);

        let flagship = SearchQuery {
            flagship: true,
            ..q("")
        };
        assert_eq!(slugs(&pool, flagship).await, ["madu-hutan", "kopi-gayo"]);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn pages_are_stable_and_do_not_overlap(pool: PgPool) {
        fx::regions(&pool).await;
        let seller = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        // 45 products that rank the same: only the id orders them.
        let slugs_made: Vec<String> = (0..45).map(|i| format!("kopi-bubuk-{i}")).collect();
        for slug in &slugs_made {
            let product = NewProduct {
                slug,
                ..Default::default()
            };
            fx::product(&pool, seller, product).await.unwrap();
        }
        let mut seen = Vec::new();
        for page in 1..=3 {
            let query = SearchQuery { page, ..q("kopi") };
            let first = slugs(&pool, query.clone()).await;
            assert_eq!(first, slugs(&pool, query).await, "page {page} again");
            seen.extend(first);
        }
        assert_eq!(seen.len(), 45);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 45, "no product on two pages");
        let beyond = results(
            &pool,
            &SearchQuery {
                page: 4,
                ..q("kopi")
            },
        )
        .await
        .unwrap();
        assert_eq!((beyond.total, beyond.items.len()), (45, 0));
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn the_index_follows_every_write_before_a_search(pool: PgPool) {
        fixture(&pool).await;
        let index = SearchIndex::load(&pool).await.unwrap();
        let kopi = async |index: &SearchIndex| {
            let found = search(&pool, index, &q("kopi")).await.unwrap();
            (
                found.total,
                found.items.into_iter().map(|p| p.slug).collect::<Vec<_>>(),
            )
        };
        assert_eq!(kopi(&index).await.0, 2);

        // A new product, a renamed one (new words), a price change, one unpublished.
        let maju: i64 = sqlx::query_scalar("SELECT id FROM bumdes WHERE slug = 'bumdes-maju'")
            .fetch_one(&pool)
            .await
            .unwrap();
        let added = NewProduct {
            slug: "kopi-luwak",
            ..Default::default()
        };
        fx::product(&pool, maju, added).await.unwrap();
        sqlx::query(
            "UPDATE products SET name = 'Kopi Keripik Singkong' WHERE slug = 'keripik-singkong'",
        )
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query("UPDATE products SET published = false WHERE slug = 'kopi-robusta'")
            .execute(&pool)
            .await
            .unwrap();
        let (total, mut slugs) = kopi(&index).await;
        slugs.sort();
        assert_eq!(total, 3);
        assert_eq!(slugs, ["keripik-singkong", "kopi-gayo", "kopi-luwak"]);

        // Withdrawing a BUMDes's verification hides all its products; a price change moves a product.
        sqlx::query("UPDATE bumdes SET verification = 'pending' WHERE slug = 'bumdes-maju'")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(kopi(&index).await, (0, vec![]));
        sqlx::query("UPDATE products SET price_rupiah = 10 WHERE slug = 'madu-hutan'")
            .execute(&pool)
            .await
            .unwrap();
        let cheapest = search(
            &pool,
            &index,
            &SearchQuery {
                sort: Sort::Cheapest,
                ..q("")
            },
        )
        .await
        .unwrap();
        assert_eq!(cheapest.items[0].slug, "madu-hutan");
        assert_eq!(cheapest.total, 1);
        assert_eq!(index.len(), 1);
        // A fresh index agrees with the one that followed the changes.
        assert_eq!(SearchIndex::load(&pool).await.unwrap().len(), 1);
    }
}
