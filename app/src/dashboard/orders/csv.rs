//! Orders as CSV for spreadsheets: one row per order, amounts in whole Rupiah.

/// The columns of [`crate::orders::queries::export`]'s rows.
pub const HEADER: [&str; 19] = [
    "nomor",
    "waktu",
    "status",
    "pembeli",
    "hp",
    "jalan",
    "kode_desa",
    "kode_pos",
    "catatan",
    "barang",
    "pengiriman",
    "pembayaran",
    "subtotal",
    "ongkir",
    "kode_unik",
    "total",
    "kurir",
    "resi",
    "alasan_batal",
];

/// A field quoted when it must be; text a spreadsheet would run as a formula is made plain text.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

pub fn document(rows: &[Vec<String>]) -> String {
    std::iter::once(HEADER.map(field).join(","))
        .chain(
            rows.iter()
                .map(|row| row.iter().map(|v| field(v)).collect::<Vec<_>>().join(",")),
        )
        .map(|line| line + "\r\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_separators_and_defuses_formulas() {
        let rows = vec![vec![
            "LBG-7K3Q-2X".to_string(),
            "Jl. Merdeka 1, RT 2".to_string(),
            "kata \"manis\"".to_string(),
            "=HYPERLINK(\"x\")".to_string(),
            "+6281311112222".to_string(),
        ]];
        let csv = document(&rows);
        let second = csv.lines().nth(1).unwrap();
        assert_eq!(
            second,
            "LBG-7K3Q-2X,\"Jl. Merdeka 1, RT 2\",\"kata \"\"manis\"\"\",\"'=HYPERLINK(\"\"x\"\")\",'+6281311112222"
        );
        assert!(csv.starts_with("nomor,waktu,status,"));
    }
}
