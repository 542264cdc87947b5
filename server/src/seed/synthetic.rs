//! A large synthetic catalogue for benchmarks: N products spread over real villages, loaded with COPY.
use std::fmt::Write;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use sqlx::PgPool;

use app::slug::slugify;

const PRODUCTS_PER_BUMDES: u64 = 20;

/// (product, category, typical price in Rupiah, unit, weight in grams)
const KINDS: &[(&str, &str, i64, &str, i32)] = &[
    ("Kopi Arabika", "kopi-teh", 85_000, "pack 250 g", 250),
    ("Kopi Robusta", "kopi-teh", 55_000, "pack 250 g", 250),
    ("Teh Hijau", "kopi-teh", 35_000, "pack 100 g", 100),
    ("Gula Aren", "gula-madu", 30_000, "pack 500 g", 500),
    ("Gula Semut", "gula-madu", 38_000, "pack 500 g", 500),
    ("Madu Hutan", "gula-madu", 150_000, "botol 500 ml", 700),
    (
        "Keripik Singkong",
        "makanan-ringan",
        15_000,
        "pack 200 g",
        200,
    ),
    (
        "Keripik Pisang",
        "makanan-ringan",
        18_000,
        "pack 200 g",
        200,
    ),
    ("Keripik Tempe", "makanan-ringan", 18_000, "pack 200 g", 200),
    ("Dodol", "makanan-ringan", 30_000, "kotak 500 g", 500),
    (
        "Emping Melinjo",
        "makanan-ringan",
        55_000,
        "pack 500 g",
        500,
    ),
    ("Kayu Manis", "bumbu-rempah", 40_000, "pack 250 g", 250),
    ("Cengkeh", "bumbu-rempah", 70_000, "pack 250 g", 250),
    ("Pala", "bumbu-rempah", 45_000, "pack 100 g", 100),
    ("Beras Merah", "hasil-tani", 30_000, "pack 1 kg", 1000),
    ("Kacang Mete", "hasil-tani", 110_000, "pack 500 g", 500),
    ("Ikan Asin", "olahan-laut", 60_000, "pack 500 g", 500),
    ("Terasi Udang", "olahan-laut", 30_000, "pack 250 g", 250),
    ("Kain Tenun Ikat", "kain-tenun", 450_000, "lembar 2 m", 400),
    ("Batik Tulis", "kain-tenun", 400_000, "lembar 2 m", 350),
    ("Anyaman Bambu", "kerajinan", 85_000, "buah", 400),
    ("Anyaman Rotan", "kerajinan", 150_000, "buah", 600),
];

const STYLES: &[&str] = &[
    "Asli",
    "Premium",
    "Organik",
    "Tradisional",
    "Pilihan",
    "Khas Desa",
    "Super",
    "Murni",
];

/// Adds `n` published products, with one BUMDes per 20 products, each in a village that had none and
/// verified at some time in the last year. Returns the number of products added.
pub async fn seed(pool: &PgPool, n: u64) -> Result<u64> {
    let bumdes_wanted = n.div_ceil(PRODUCTS_PER_BUMDES).max(1) as i64;
    let sellers: Vec<(i64, String, String)> = sqlx::query_as(
        "INSERT INTO bumdes (name, slug, village_code, story, whatsapp, verification, verified_at, created_at)
         SELECT 'BUMDes ' || r.name, 'bumdes-' || replace(r.code, '.', '-'), r.code,
                'Usaha milik desa ' || r.name || '.', '+62812' || lpad((row_number() OVER ())::text, 8, '0'), 'verified',
                at, at - interval '1 day'
         FROM regions r, LATERAL (SELECT now() - random() * interval '365 days' AS at) verified
         WHERE r.level = 'village' AND NOT EXISTS (SELECT 1 FROM bumdes b WHERE b.village_code = r.code)
         ORDER BY md5(r.code)
         LIMIT $1
         RETURNING id, village_code, (SELECT name FROM regions WHERE code = left(village_code, 5))",
    )
    .bind(bumdes_wanted)
    .fetch_all(pool)
    .await?;
    anyhow::ensure!(!sellers.is_empty(), "every village already has a BUMDes");

    let bar = ProgressBar::new(n);
    bar.set_style(ProgressStyle::with_template(
        "products {bar:40} {human_pos}/{human_len} {per_sec} eta {eta}",
    )?);
    let mut conn = pool.acquire().await?;
    let mut copy = conn
        .copy_in_raw(
            "COPY products (bumdes_id, village_code, name, slug, description, price_rupiah, stock, unit,
                            weight_grams, category, is_flagship, published, created_at) FROM STDIN",
        )
        .await?;
    let mut chunk = String::with_capacity(1 << 20);
    for k in 0..n {
        let seller = (k % sellers.len() as u64) as usize;
        let round = k / sellers.len() as u64;
        let (bumdes_id, village, regency) = &sellers[seller];
        let (kind, category, price, unit, weight) = KINDS[(k * 7 % KINDS.len() as u64) as usize];
        let style = STYLES[(k / 3 % STYLES.len() as u64) as usize];
        let place = regency
            .trim_start_matches("Kabupaten ")
            .trim_start_matches("Kota ");
        let name = format!("{kind} {style} {place}");
        let slug = format!("{}-{bumdes_id}-{round}", slugify(&name));
        // Prices vary by up to ±40 %, rounded to Rp 500.
        let price = (price * (60 + (k * 13 % 81) as i64) / 100) / 500 * 500;
        let stock = k * 17 % 120;
        let flagship = if round == 0 { 't' } else { 'f' };
        let _ = writeln!(
            chunk,
            "{bumdes_id}\t{village}\t{name}\t{slug}\t{kind} {style} buatan BUMDes dari {place}.\t{price}\t{stock}\t{unit}\t{weight}\t{category}\t{flagship}\tt\t{}",
            created_at(k)
        );
        if chunk.len() > (1 << 20) - 512 {
            copy.send(chunk.as_bytes()).await?;
            chunk.clear();
            bar.set_position(k + 1);
        }
    }
    copy.send(chunk.as_bytes()).await?;
    let rows = copy.finish().await?;
    bar.finish();
    sqlx::query("ANALYZE bumdes, products")
        .execute(pool)
        .await?;
    Ok(rows)
}

/// Spreads creation times over the last year, newest first, as text that COPY reads.
fn created_at(k: u64) -> String {
    let at = chrono::Utc::now() - chrono::Duration::seconds(k as i64 * 31);
    at.format("%Y-%m-%d %H:%M:%S+00").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[sqlx::test]
    async fn spreads_products_over_villages_with_one_flagship_each(pool: PgPool) {
        crate::regions::ensure_imported(&pool).await.unwrap();
        assert_eq!(seed(&pool, 1_000).await.unwrap(), 1_000);
        let (products, sellers, villages, flagships, cheapest): (i64, i64, i64, i64, i64) =
            sqlx::query_as(
                "SELECT count(*), count(DISTINCT bumdes_id), count(DISTINCT village_code),
                    count(*) FILTER (WHERE is_flagship), min(price_rupiah)
             FROM products WHERE published",
            )
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(
            (products, sellers, villages, flagships),
            (1_000, 50, 50, 50)
        );
        assert!(cheapest > 0 && cheapest % 500 == 0, "{cheapest}");
        // A second run adds new sellers in other villages rather than clashing with the first.
        assert_eq!(seed(&pool, 100).await.unwrap(), 100);
    }
}
