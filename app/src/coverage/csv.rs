//! A coverage table as CSV, with a BOM so that Excel reads its names as UTF-8.
use super::Coverage;

pub const HEADER: [&str; 10] = [
    "kode_wilayah",
    "wilayah",
    "desa",
    "desa_bumdes_terverifikasi",
    "desa_produk_unggulan",
    "cakupan_persen",
    "produk",
    "pesanan",
    "gmv_rupiah",
    "menunggu_verifikasi",
];

pub fn document(coverage: &Coverage) -> String {
    let rows: Vec<Vec<String>> = (coverage.areas.iter())
        .map(|area| {
            let f = &area.figures;
            vec![
                area.code.clone(),
                area.name.clone(),
                f.villages.to_string(),
                f.verified_villages.to_string(),
                f.covered_villages.to_string(),
                f.share_percent(),
                f.products.to_string(),
                f.orders.to_string(),
                f.gmv_rupiah.to_string(),
                f.pending.to_string(),
            ]
        })
        .collect();
    format!(
        "{}{}",
        crate::csv::BOM,
        crate::csv::document(&HEADER, &rows)
    )
}

/// The download's file name: `cakupan-52.04-30hari.csv`.
pub fn file_name(coverage: &Coverage) -> String {
    let code = coverage.code.as_deref().unwrap_or("nasional");
    format!("cakupan-{code}-{}hari.csv", coverage.period.key())
}
