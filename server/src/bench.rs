//! `server bench-search`: a fixed mix of realistic searches, timed on the server side as the search
//! page runs them (results page, filter counts, spelling correction), with the plans of the slowest.
use std::time::{Duration, Instant};

use anyhow::Result;
use app::catalogue::queries::CARDS_BY_ID;
use app::catalogue::search::SearchQuery;
use app::catalogue::search::index::SearchIndex;
use app::catalogue::search::queries::{search, search_timed};
use sqlx::{PgPool, Row};

/// (words, filters as in the URL)
const MIX: &[(&str, &str)] = &[
    // Single words
    ("kopi", ""),
    ("madu", ""),
    ("keripik", ""),
    ("batik", ""),
    ("tenun", ""),
    ("gula", ""),
    ("beras", ""),
    ("teh", ""),
    ("cengkeh", ""),
    ("pala", ""),
    ("terasi", ""),
    ("anyaman", ""),
    ("dodol", ""),
    ("emping", ""),
    ("rotan", ""),
    ("ikan", ""),
    // Phrases
    ("kopi arabika", ""),
    ("keripik singkong", ""),
    ("gula aren", ""),
    ("madu hutan", ""),
    ("kain tenun ikat", ""),
    ("batik tulis", ""),
    ("kacang mete", ""),
    ("teh hijau", ""),
    ("beras merah", ""),
    ("kayu manis", ""),
    // Typos
    ("kripik", ""),
    ("kopi gayoo", ""),
    ("mdu hutan", ""),
    ("batk tulis", ""),
    ("cengke", ""),
    ("gula arenn", ""),
    ("madu hutan sumbwa", ""),
    ("anyaman bamboo", ""),
    // Places, alone and with a product
    ("sumbawa", ""),
    ("gayo", ""),
    ("toraja", ""),
    ("lombok", ""),
    ("kapuas hulu", ""),
    ("bener meriah", ""),
    ("malang", ""),
    ("garut", ""),
    ("bantul", ""),
    ("madu hutan sumbawa", ""),
    ("kopi toraja", ""),
    ("tenun sumba", ""),
    ("kopi gayo", ""),
    // Filters and sorts
    ("kopi", "kategori=kopi-teh"),
    ("madu", "provinsi=52"),
    ("keripik", "harga_max=20000"),
    ("batik", "stok=1&urut=termurah"),
    ("", "kategori=kerajinan&urut=terbaru"),
    ("", "unggulan=1"),
    ("kopi", "kabupaten=11.04&hal=2"),
    ("tenun", "urut=termahal"),
    ("madu", "harga_min=100000&unggulan=1"),
    ("", "provinsi=11&stok=1"),
    ("gula aren", "provinsi=33&urut=termurah"),
];

fn parse(words: &str, filters: &str) -> SearchQuery {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(filters.as_bytes())
        .into_owned()
        .chain([("q".to_string(), words.to_string())])
        .collect();
    let (query, errors) =
        SearchQuery::parse(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()));
    assert!(
        errors.is_empty(),
        "bad benchmark query {words:?} {filters:?}"
    );
    query
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

pub async fn run(pool: &PgPool, rounds: usize, explain: usize) -> Result<()> {
    let loading = Instant::now();
    let index = SearchIndex::load(pool).await?;
    println!(
        "search index: {} visible products loaded in {:.1} s",
        index.len(),
        loading.elapsed().as_secs_f64()
    );
    println!(
        "{} searches × {rounds} rounds (one warm-up round not counted)",
        MIX.len()
    );
    let queries: Vec<SearchQuery> = MIX.iter().map(|(w, f)| parse(w, f)).collect();
    for query in &queries {
        search(pool, &index, query).await?;
    }
    let mut all = Vec::new();
    let mut worst = Vec::new();
    for _ in 0..rounds {
        for (i, query) in queries.iter().enumerate() {
            let started = Instant::now();
            let (found, timings) = search_timed(pool, &index, query).await?;
            let took = started.elapsed();
            all.push(took);
            worst.push((took, i, found.total, timings, found.items.len()));
        }
    }
    all.sort();
    println!(
        "latency p50 {}  p95 {}  p99 {}  max {}",
        ms(percentile(&all, 50.0)),
        ms(percentile(&all, 95.0)),
        ms(percentile(&all, 99.0)),
        ms(all[all.len() - 1])
    );
    worst.sort_by_key(|w| std::cmp::Reverse(w.0));
    let mut shown = Vec::new();
    println!(
        "slowest searches (sync with the change log, words and matching, spelling, the page's cards):"
    );
    for (took, i, total, t, _) in &worst {
        if shown.contains(i) {
            continue;
        }
        shown.push(*i);
        let (words, filters) = MIX[*i];
        println!(
            "  {:>9}  {total:>7} results  q={words:?} {filters}  [sync {} · matching {} · spelling {} · cards {}]",
            ms(*took),
            ms(t.sync),
            ms(t.matching),
            ms(t.spelling),
            ms(t.cards)
        );
        if shown.len() == 10 {
            break;
        }
    }
    for &i in shown.iter().take(explain) {
        let found = search(pool, &index, &queries[i]).await?;
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM products WHERE slug = ANY($1)")
            .bind(
                found
                    .items
                    .iter()
                    .map(|p| p.slug.clone())
                    .collect::<Vec<_>>(),
            )
            .fetch_all(pool)
            .await?;
        println!(
            "\n=== EXPLAIN the page's cards, q={:?} {}",
            MIX[i].0, MIX[i].1
        );
        for row in sqlx::query(&format!("EXPLAIN (ANALYZE, BUFFERS) {CARDS_BY_ID}"))
            .bind(&ids)
            .fetch_all(pool)
            .await?
        {
            println!("{}", row.get::<String, _>(0));
        }
    }
    Ok(())
}
