//! The coverage of every region of one level, as CSV with a BOM (Excel then reads the names as UTF-8):
//! `/data/cakupan-provinsi.csv` down to `/data/cakupan-desa.csv`, 83,762 villages.
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

/// The CSV of `level` (`province`, `regency`, `district` or `village`), by code.
pub async fn document(pool: &PgPool, level: &str) -> sqlx::Result<String> {
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
