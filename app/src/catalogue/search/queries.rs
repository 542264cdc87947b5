//! Search reads: one page of results, the counts behind every filter, and spelling correction.
//!
//! The SQL is assembled with `QueryBuilder` because filters come and go: the planner then sees only the
//! conditions that apply. Every value the buyer typed is a bind parameter, never SQL text.
use std::collections::HashMap;

use sqlx::{PgPool, Postgres, QueryBuilder, Row};

use super::{FacetCount, Facets, PAGE_SIZE, PRICE_BANDS, SearchQuery, SearchResults, Sort};
use crate::catalogue::ProductCard;

/// Visible products (published, from a verified BUMDes) that match the typed words, if any.
fn push_matching<'a>(b: &mut QueryBuilder<'a, Postgres>, typed: &'a str) {
    b.push(
        " FROM products p JOIN bumdes b ON b.id = p.bumdes_id
          WHERE p.published AND b.verification = 'verified'",
    );
    if !typed.is_empty() {
        b.push(" AND p.search_vector @@ websearch_to_tsquery('lumbung', ")
            .push_bind(typed)
            .push(")");
    }
}

/// The filters, each as a boolean SQL expression (`true` when it is not set).
struct Filters<'a>(&'a SearchQuery);

impl<'a> Filters<'a> {
    fn category(&self, b: &mut QueryBuilder<'a, Postgres>) {
        match &self.0.category {
            Some(category) => b.push("(p.category = ").push_bind(category).push(")"),
            None => b.push("true"),
        };
    }

    fn province(&self, b: &mut QueryBuilder<'a, Postgres>) {
        match &self.0.province {
            Some(code) => b
                .push("(p.village_code LIKE ")
                .push_bind(code)
                .push(" || '.%')"),
            None => b.push("true"),
        };
    }

    /// The regency when one is chosen, else the province.
    fn region(&self, b: &mut QueryBuilder<'a, Postgres>) {
        match &self.0.regency {
            Some(code) => b
                .push("(p.village_code LIKE ")
                .push_bind(code)
                .push(" || '.%')"),
            None => {
                self.province(b);
                b
            }
        };
    }

    fn price(&self, b: &mut QueryBuilder<'a, Postgres>) {
        b.push("(");
        match self.0.min_price {
            Some(min) => b.push("p.price_rupiah >= ").push_bind(min),
            None => b.push("true"),
        };
        b.push(" AND ");
        match self.0.max_price {
            Some(max) => b.push("p.price_rupiah <= ").push_bind(max),
            None => b.push("true"),
        };
        b.push(")");
    }

    fn in_stock(&self, b: &mut QueryBuilder<'a, Postgres>) {
        b.push(if self.0.in_stock {
            "(p.stock > 0)"
        } else {
            "true"
        });
    }

    fn flagship(&self, b: &mut QueryBuilder<'a, Postgres>) {
        b.push(if self.0.flagship {
            "p.is_flagship"
        } else {
            "true"
        });
    }

    fn all(&self, b: &mut QueryBuilder<'a, Postgres>) {
        for push in [
            Self::category,
            Self::region,
            Self::price,
            Self::in_stock,
            Self::flagship,
        ] {
            b.push(" AND ");
            push(self, b);
        }
    }
}

/// One page of products for the search, in its sort order, with the id last so pages never overlap.
async fn page(pool: &PgPool, query: &SearchQuery, typed: &str) -> sqlx::Result<Vec<ProductCard>> {
    let rows = page_sql("", query, typed).build().fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|row| ProductCard {
            slug: row.get("slug"),
            name: row.get("name"),
            price_rupiah: row.get("price_rupiah"),
            unit: row.get("unit"),
            image_key: row.get("image_key"),
            village: row.get("village"),
            province: row.get("province"),
        })
        .collect())
}

/// The page query, after `prefix` (`EXPLAIN …` for the benchmark).
pub fn page_sql<'a>(
    prefix: &str,
    query: &'a SearchQuery,
    typed: &'a str,
) -> QueryBuilder<'a, Postgres> {
    // Region names are looked up for the 20 rows of the page, not for every match.
    let mut b = QueryBuilder::new(prefix);
    b.push(
        "SELECT found.slug, found.name, found.price_rupiah, found.unit, found.image_key,
                (SELECT name FROM regions WHERE code = found.village_code) AS village,
                (SELECT name FROM regions WHERE code = left(found.village_code, 2)) AS province
         FROM (SELECT p.slug, p.name, p.price_rupiah, p.unit, p.image_key, p.village_code",
    );
    push_matching(&mut b, typed);
    Filters(query).all(&mut b);
    b.push(" ORDER BY ");
    match query.sort {
        // Weights D, C, B, A: a word in the name counts five times one in the category.
        Sort::Relevance if !typed.is_empty() => b
            .push("ts_rank('{0.05, 0.1, 0.2, 1.0}', p.search_vector, websearch_to_tsquery('lumbung', ")
            .push_bind(typed)
            .push(")) * CASE WHEN p.is_flagship THEN 1.5 ELSE 1 END DESC, p.id"),
        Sort::Relevance => b.push("p.is_flagship DESC, p.created_at DESC, p.id DESC"),
        Sort::Cheapest => b.push("p.price_rupiah, p.id"),
        Sort::Priciest => b.push("p.price_rupiah DESC, p.id"),
        Sort::Newest => b.push("p.created_at DESC, p.id DESC"),
    };
    b.push(" LIMIT ")
        .push_bind(PAGE_SIZE)
        .push(" OFFSET ")
        .push_bind(PAGE_SIZE * (i64::from(query.page.max(1)) - 1))
        .push(") found");
    b
}

/// Which grouping set a facet row belongs to: `GROUPING(category, province, regency, band)`.
const BY_CATEGORY: i32 = 0b0111;
const BY_PROVINCE: i32 = 0b1011;
const BY_REGENCY: i32 = 0b1101;
const BY_BAND: i32 = 0b1110;
const OVERALL: i32 = 0b1111;

/// Counts in one pass over the matches: each filter's values are counted with the other filters
/// applied but not itself, so a buyer sees what switching to another value would give.
async fn facets(pool: &PgPool, query: &SearchQuery, typed: &str) -> sqlx::Result<(i64, Facets)> {
    let rows = facets_sql("", query, typed).build().fetch_all(pool).await?;
    read_facets(pool, query, rows).await
}

/// The facet query, after `prefix` (`EXPLAIN …` for the benchmark).
pub fn facets_sql<'a>(
    prefix: &str,
    query: &'a SearchQuery,
    typed: &'a str,
) -> QueryBuilder<'a, Postgres> {
    let f = Filters(query);
    let mut b = QueryBuilder::new(prefix);
    b.push(
        "WITH m AS (SELECT p.category, left(p.village_code, 2) AS province, left(p.village_code, 5) AS regency,
                p.stock > 0 AS in_stock, p.is_flagship, CASE",
    );
    // The band's index in PRICE_BANDS; the edges are constants, not input.
    for (band, (_, max)) in PRICE_BANDS.iter().enumerate() {
        if let Some(max) = max {
            b.push(format_args!(" WHEN p.price_rupiah <= {max} THEN {band}"));
        }
    }
    b.push(format_args!(" ELSE {} END AS band", PRICE_BANDS.len() - 1));
    for (push, name) in [
        (
            Filters::category as fn(&Filters<'a>, &mut QueryBuilder<'a, Postgres>),
            "f_category",
        ),
        (Filters::province, "f_province"),
        (Filters::region, "f_region"),
        (Filters::price, "f_price"),
        (Filters::in_stock, "f_stock"),
        (Filters::flagship, "f_flagship"),
    ] {
        b.push(", ");
        push(&f, &mut b);
        b.push(format_args!(" AS {name}"));
    }
    push_matching(&mut b, typed);
    b.push(
        ")
        SELECT GROUPING(category, province, regency, band) AS grouping_set, category, province, regency, band,
          count(*) FILTER (WHERE f_region AND f_price AND f_stock AND f_flagship) AS by_category,
          count(*) FILTER (WHERE f_category AND f_price AND f_stock AND f_flagship) AS by_province,
          count(*) FILTER (WHERE f_category AND f_province AND f_price AND f_stock AND f_flagship) AS by_regency,
          count(*) FILTER (WHERE f_category AND f_region AND f_stock AND f_flagship) AS by_band,
          count(*) FILTER (WHERE in_stock AND f_category AND f_region AND f_price AND f_flagship) AS in_stock_count,
          count(*) FILTER (WHERE is_flagship AND f_category AND f_region AND f_price AND f_stock) AS flagship_count,
          count(*) FILTER (WHERE f_category AND f_region AND f_price AND f_stock AND f_flagship) AS total
        FROM m GROUP BY GROUPING SETS ((category), (province), (regency), (band), ())",
    );
    b
}

/// Turns the facet query's rows into counts with names.
async fn read_facets(
    pool: &PgPool,
    query: &SearchQuery,
    rows: Vec<sqlx::postgres::PgRow>,
) -> sqlx::Result<(i64, Facets)> {
    let mut total = 0;
    let mut facets = Facets {
        price_bands: vec![0; PRICE_BANDS.len()],
        ..Default::default()
    };
    let mut categories = HashMap::new();
    let mut regions = HashMap::new();
    for row in rows {
        let set: i32 = row.get("grouping_set");
        match set {
            BY_CATEGORY => {
                categories.insert(
                    row.get::<String, _>("category"),
                    row.get::<i64, _>("by_category"),
                );
            }
            BY_PROVINCE => {
                regions.insert(
                    row.get::<String, _>("province"),
                    row.get::<i64, _>("by_province"),
                );
            }
            BY_REGENCY if query.province.is_some() => {
                regions.insert(
                    row.get::<String, _>("regency"),
                    row.get::<i64, _>("by_regency"),
                );
            }
            BY_BAND => {
                let band: i32 = row.get("band");
                facets.price_bands[band as usize] = row.get("by_band");
            }
            OVERALL => {
                total = row.get("total");
                facets.in_stock = row.get("in_stock_count");
                facets.flagship = row.get("flagship_count");
            }
            _ => {}
        }
    }
    regions.retain(|_, n| *n > 0);
    categories.retain(|_, n| *n > 0);
    let codes: Vec<String> = regions.keys().cloned().collect();
    for named in sqlx::query!(
        r#"SELECT code AS "key!", name AS "name!", name AS "name_en!", level AS "level!"
           FROM regions WHERE code = ANY($1)
           UNION ALL
           SELECT slug, name_id, name_en, 'category' FROM categories"#,
        &codes
    )
    .fetch_all(pool)
    .await?
    {
        let (list, counts) = match named.level.as_str() {
            "category" => (&mut facets.categories, &categories),
            "province" => (&mut facets.provinces, &regions),
            _ => (&mut facets.regencies, &regions),
        };
        if let Some(&count) = counts.get(&named.key) {
            list.push(FacetCount {
                key: named.key,
                name: named.name,
                name_en: named.name_en,
                count,
            });
        }
    }
    // Most results first; names break ties so the list does not move between visits.
    for list in [
        &mut facets.categories,
        &mut facets.provinces,
        &mut facets.regencies,
    ] {
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    }
    Ok((total, facets))
}

/// The typed words with each unknown word replaced by the closest known one ("kopi gayoo" -> "kopi
/// gayo"); `None` when every word is known or nothing close enough exists.
pub async fn correct_spelling(pool: &PgPool, typed: &str) -> sqlx::Result<Option<String>> {
    // Closeness is trigram similarity; words that name products win over words only found in region
    // names, and common ones over rare ones.
    let corrected = sqlx::query!(
        r#"SELECT string_agg(coalesce(
                    (SELECT word FROM search_words WHERE word = t.w),
                    (SELECT c.word FROM (SELECT word, products, similarity(word, t.w) AS s FROM search_words
                                         ORDER BY word <-> t.w LIMIT 10) c
                     WHERE c.s >= 0.25
                     ORDER BY c.s + CASE WHEN c.products > 0 THEN 0.1 ELSE 0 END + 0.01 * ln(1 + c.products) DESC,
                              c.word
                     LIMIT 1),
                    t.w), ' ' ORDER BY t.n) AS "corrected",
                  string_agg(t.w, ' ' ORDER BY t.n) AS "normalised"
           FROM regexp_split_to_table(immutable_unaccent(lower($1)), '[^a-z0-9]+') WITH ORDINALITY AS t (w, n)
           WHERE t.w <> ''"#,
        typed
    )
    .fetch_one(pool)
    .await?;
    Ok(corrected
        .corrected
        .filter(|c| Some(c) != corrected.normalised.as_ref()))
}

/// A page of results with its filter counts. When nothing matches what was typed, searches again with
/// the spelling corrected, and says so.
pub async fn search(pool: &PgPool, query: &SearchQuery) -> sqlx::Result<SearchResults> {
    let typed = query.q.trim();
    let (items, counted) = tokio::try_join!(page(pool, query, typed), facets(pool, query, typed))?;
    let (total, facets) = counted;
    if total == 0
        && !typed.is_empty()
        && let Some(corrected) = correct_spelling(pool, typed).await?
    {
        let (items, (total, facets)) = tokio::try_join!(
            page(pool, query, &corrected),
            self::facets(pool, query, &corrected)
        )?;
        if total > 0 {
            return Ok(SearchResults {
                items,
                total,
                facets,
                corrected: Some(corrected),
            });
        }
    }
    Ok(SearchResults {
        items,
        total,
        facets,
        corrected: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
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

    async fn slugs(pool: &PgPool, query: SearchQuery) -> Vec<String> {
        let found = search(pool, &query).await.unwrap();
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
            let results = search(&pool, &q(typed)).await.unwrap();
            assert_eq!(results.corrected.as_deref(), Some(corrected), "{typed}");
            assert_eq!(results.items[0].slug, found, "{typed}");
            assert_eq!(results.total, results.items.len() as i64);
        }
        // Exact matches are not second-guessed.
        assert_eq!(search(&pool, &q("kopi")).await.unwrap().corrected, None);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn an_empty_result_and_metacharacters_are_plain_text(pool: PgPool) {
        fixture(&pool).await;
        let none = search(&pool, &q("sagu")).await.unwrap();
        assert_eq!((none.total, none.items.len(), none.corrected), (0, 0, None));
        assert!(none.facets.categories.is_empty() && none.facets.provinces.is_empty());
        for typed in ["%", "_", "\\", "'", "100%_\\'", "zzzz%"] {
            let found = search(&pool, &q(typed)).await.unwrap();
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

        let category = search(
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

        let province = search(
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
        assert_eq!(search(&pool, &regency).await.unwrap().total, 3);

        let priced = search(
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
        let found = search(&pool, &in_stock).await.unwrap();
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
        let beyond = search(
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
}
