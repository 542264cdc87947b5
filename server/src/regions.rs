//! Imports Indonesia's administrative regions (Kemendagri codes) from the CSV shipped in `data/`.
use std::path::Path;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use sqlx::PgPool;
use tokio::io::AsyncReadExt;

pub const REGIONS_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/regions-id.csv");

/// Loads the CSV with COPY into a staging table, then inserts new codes and renames changed ones,
/// so that running it again changes nothing. Returns the number of rows inserted or updated.
pub async fn import(pool: &PgPool, csv: &Path, progress: bool) -> Result<u64> {
    let mut file = tokio::fs::File::open(csv)
        .await
        .with_context(|| format!("opening {}", csv.display()))?;
    let size = file.metadata().await?.len();
    let bar = if progress {
        ProgressBar::new(size)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(ProgressStyle::with_template(
        "regions {bar:40} {bytes}/{total_bytes} {msg}",
    )?);

    let mut tx = pool.begin().await?;
    sqlx::query(
        "CREATE TEMP TABLE regions_import (LIKE regions INCLUDING DEFAULTS) ON COMMIT DROP",
    )
    .execute(&mut *tx)
    .await?;
    let mut copy = tx
        .copy_in_raw("COPY regions_import (code, parent_code, level, name) FROM STDIN WITH (FORMAT csv, HEADER true)")
        .await?;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        copy.send(&buf[..n]).await?;
        bar.inc(n as u64);
    }
    copy.finish().await?;
    bar.set_message("merging");

    // Rows are sorted by code, so every parent is inserted before its children.
    let changed = sqlx::query(
        "INSERT INTO regions (code, parent_code, level, name)
         SELECT code, NULLIF(parent_code, ''), level, name FROM regions_import ORDER BY code
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
         WHERE regions.name IS DISTINCT FROM EXCLUDED.name",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    bar.finish_with_message(format!("{changed} rows inserted or renamed"));
    Ok(changed)
}

/// Imports the regions when the table is still empty, as on a fresh database.
pub async fn ensure_imported(pool: &PgPool) -> Result<()> {
    let any: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM regions)")
        .fetch_one(pool)
        .await?;
    if !any {
        let started = std::time::Instant::now();
        let rows = import(pool, Path::new(REGIONS_CSV), false).await?;
        tracing::info!("imported {rows} regions in {:.1?}", started.elapsed());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn count(pool: &PgPool, level: &str) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM regions WHERE level = $1")
            .bind(level)
            .fetch_one(pool)
            .await
            .unwrap()
    }

    #[sqlx::test]
    async fn imports_every_level_once(pool: PgPool) {
        let inserted = import(&pool, Path::new(REGIONS_CSV), false).await.unwrap();
        assert_eq!(inserted, 91_599);
        assert_eq!(count(&pool, "province").await, 38);
        assert_eq!(count(&pool, "regency").await, 514);
        assert_eq!(count(&pool, "district").await, 7_285);
        assert_eq!(count(&pool, "village").await, 83_762);

        // A second import finds nothing to change.
        assert_eq!(
            import(&pool, Path::new(REGIONS_CSV), false).await.unwrap(),
            0
        );
        let name: String =
            sqlx::query_scalar("SELECT name FROM regions WHERE code = '11.01.01.2001'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(name, "Keude Bakongan");
    }

    #[sqlx::test]
    async fn refuses_a_level_that_does_not_match_the_code(pool: PgPool) {
        let err = sqlx::query("INSERT INTO regions (code, parent_code, level, name) VALUES ('11', NULL, 'village', 'X')")
            .execute(&pool)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("check constraint"), "{err}");
    }
}
