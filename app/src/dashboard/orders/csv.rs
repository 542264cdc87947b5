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

pub fn document(rows: &[Vec<String>]) -> String {
    crate::csv::document(&HEADER, rows)
}
