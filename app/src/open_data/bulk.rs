//! The coverage of every region of one level, as CSV with a BOM (Excel then reads the names as UTF-8):
//! `/data/cakupan-provinsi.csv` down to `/data/cakupan-desa.csv`, 83,762 villages.
use std::sync::{Arc, Mutex};

use sqlx::PgPool;

pub const HEADER: [&str; 8] = [
    "kode_wilayah",
    "wilayah",
    "kode_induk",
    "desa",
    "desa_bumdes_terverifikasi",
    "desa_produk_unggulan",
    "cakupan_persen",
    "produk",
];

/// Each level's document as last made, with the count it was made after: the villages' is 4 MB to make
/// and anyone may ask for it, while the figures change only when the background count runs.
static MADE: Mutex<Vec<(String, String, Arc<String>)>> = Mutex::new(Vec::new());

/// The CSV of `level` (`province`, `regency`, `district` or `village`), by code: made again only after
/// the figures were counted again.
pub async fn document(pool: &PgPool, level: &str) -> sqlx::Result<Arc<String>> {
    // To the microsecond: two servers may count within one second.
    let counted = sqlx::query_scalar!(r#"SELECT at::text AS "at!" FROM coverage_refreshed"#)
        .fetch_optional(pool)
        .await?;
    let Some(counted) = counted else {
        return Ok(Arc::new(make(pool, level).await?));
    };
    let made = (MADE.lock().unwrap_or_else(|e| e.into_inner()).iter())
        .find(|(l, at, _)| l == level && *at == counted)
        .map(|(_, _, document)| document.clone());
    if let Some(document) = made {
        return Ok(document);
    }
    let document = Arc::new(make(pool, level).await?);
    let mut kept = MADE.lock().unwrap_or_else(|e| e.into_inner());
    kept.retain(|(l, _, _)| l != level);
    kept.push((level.to_string(), counted, document.clone()));
    Ok(document)
}

async fn make(pool: &PgPool, level: &str) -> sqlx::Result<String> {
    let rows = sqlx::query!(
        r#"SELECT r.code, r.name, coalesce(r.parent_code, '') AS "parent!",
                  coalesce(c.villages, 0) AS "villages!", coalesce(c.verified_villages, 0) AS "verified!",
                  coalesce(c.covered_villages, 0) AS "covered!", coalesce(c.products, 0) AS "products!"
           FROM regions r LEFT JOIN region_counts c ON c.code = r.code
           WHERE r.level = $1
           ORDER BY r.code"#,
        level
    )
    .fetch_all(pool)
    .await?;
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| {
            let figures = crate::coverage::Figures {
                villages: row.villages,
                covered_villages: row.covered,
                ..Default::default()
            };
            vec![
                row.code,
                row.name,
                row.parent,
                row.villages.to_string(),
                row.verified.to_string(),
                row.covered.to_string(),
                figures.share_percent(),
                row.products.to_string(),
            ]
        })
        .collect();
    Ok(format!(
        "{}{}",
        crate::csv::BOM,
        crate::csv::document(&HEADER, &rows)
    ))
}
