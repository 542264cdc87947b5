//! `server bench-coverage`: against a running server, the officials' coverage pages (national, the
//! province and the regency with the most villages), each asked for `rounds` times in turn by a national
//! official over loopback, with p50/p95 from request to the page's last byte: the server's time.
use std::time::Instant;

use anyhow::{Result, bail};
use sqlx::PgPool;

use crate::bench::{ms, percentile};

const PHONE: &str = "+6281199990001";

/// The bench's own national official (made on the first run), logged in: the session token.
async fn session(pool: &PgPool) -> Result<String> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO officials (name, whatsapp, region_code) VALUES ('Bench', $1, NULL)
         ON CONFLICT (whatsapp) WHERE deactivated_at IS NULL DO UPDATE SET name = excluded.name RETURNING id",
    )
    .bind(PHONE)
    .fetch_one(pool)
    .await?;
    Ok(app::auth::queries::open_session(pool, app::auth::queries::Account::Official(id)).await?)
}

/// The province and the regency with the most villages: the largest pages below the country's.
async fn largest(pool: &PgPool) -> Result<(String, String)> {
    let pick = |len: i32| {
        sqlx::query_scalar::<_, String>(
            "SELECT left(code, $1) FROM regions WHERE level = 'village'
             GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
        )
        .bind(len)
        .fetch_one(pool)
    };
    Ok((pick(2).await?, pick(5).await?))
}

pub async fn run(pool: &PgPool, url: &str, rounds: usize) -> Result<()> {
    let url = url.trim_end_matches('/');
    let token = session(pool).await?;
    let (province, regency) = largest(pool).await?;
    let counts: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM regions WHERE level = 'village'), (SELECT count(*) FROM products),
                (SELECT count(*) FROM orders)",
    )
    .fetch_one(pool)
    .await?;
    println!(
        "{} villages, {} products, {} orders; {rounds} rounds of each page, a year's orders",
        counts.0, counts.1, counts.2
    );
    let client = reqwest::Client::new();
    let cookie = format!("{}={token}", app::auth::session::COOKIE_NAME);
    println!("{:<24} {:>10} {:>10} {:>9}", "page", "p50", "p95", "bytes");
    for (label, path) in [
        ("national".to_string(), "/petugas".to_string()),
        (
            format!("province {province}"),
            app::coverage::region_path(&province),
        ),
        (
            format!("regency {regency}"),
            app::coverage::region_path(&regency),
        ),
    ] {
        let page = format!("{url}{path}?periode=365");
        let mut times = Vec::with_capacity(rounds);
        let mut bytes = 0;
        // One round first, not counted: the server's caches and PostgreSQL's buffers warm up.
        for round in 0..=rounds {
            let started = Instant::now();
            let response = client.get(&page).header("Cookie", &cookie).send().await?;
            let status = response.status();
            let body = response.bytes().await?;
            if status != 200 || !body.windows(20).any(|w| w == b"data-testid=\"coverag") {
                bail!("{page}: {status}, not a coverage page");
            }
            if round > 0 {
                times.push(started.elapsed());
                bytes = body.len();
            }
        }
        times.sort();
        println!(
            "{label:<24} {:>10} {:>10} {bytes:>9}",
            ms(percentile(&times, 50.0)),
            ms(percentile(&times, 95.0)),
        );
    }
    app::auth::queries::close_session(pool, &token).await?;
    Ok(())
}
