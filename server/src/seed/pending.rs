//! The demo's queue: BUMDes that registered and prepared listings but wait for an official, in the demo
//! officials' regions (two in Kabupaten Sumbawa, one elsewhere in Nusa Tenggara Barat, one in Jawa Tengah).
use anyhow::{Context, Result};
use sqlx::{Postgres, Transaction};

use super::images;
use app::media::Media;
use app::slug::slugify;

struct Pending<'a> {
    village: &'a str,
    name: &'a str,
    story: &'a str,
    certificate: &'a str,
    /// Days since it registered: the queue shows the longest waiting first.
    waiting_days: i32,
    product: (&'a str, &'a str, i64, &'a str, &'a str),
}

// Villages no demo BUMDes nor test uses: Luar (Alas) and Labuhan Bajo (Utan) in Sumbawa, Nyur Lembang
// (Narmada) in Lombok Barat, and Tambakreja (Kedungreja) in Kabupaten Cilacap.
const PENDING: [Pending; 4] = [
    Pending {
        village: "52.04.05.2001",
        name: "BUMDes Luar Sejahtera",
        story: "Petani Alas menanam kacang hijau dan mengolahnya menjadi bubuk dan kue.",
        certificate: "AHU-0001234.AH.01.33.2026",
        waiting_days: 9,
        product: (
            "Bubuk Kacang Hijau Alas",
            "hasil-tani",
            28_000,
            "bungkus 500 g",
            "Kacang hijau panen sendiri, disangrai lalu digiling halus.",
        ),
    },
    Pending {
        village: "52.04.06.2002",
        name: "BUMDes Utan Mandiri",
        story: "Pesisir Utan menjemur garam dan ikan asin dari tangkapan nelayan desa.",
        certificate: "",
        waiting_days: 4,
        product: (
            "Garam Krosok Utan",
            "bumbu-rempah",
            15_000,
            "bungkus 1 kg",
            "Garam laut dijemur di tambak pesisir Utan, tanpa campuran.",
        ),
    },
    Pending {
        village: "52.01.03.2002",
        name: "BUMDes Nyur Lembang Berkah",
        story: "Kelompok ibu-ibu Narmada membuat minyak kelapa tradisional.",
        certificate: "AHU-0005678.AH.01.33.2026",
        waiting_days: 2,
        product: (
            "Minyak Kelapa Kampung Narmada",
            "bumbu-rempah",
            35_000,
            "botol 500 ml",
            "Minyak kelapa dimasak dari santan kelapa desa, jernih dan harum.",
        ),
    },
    Pending {
        village: "33.01.01.2001",
        name: "BUMDes Tambakreja Makmur",
        story: "Penderes kelapa Kedungreja menyadap nira setiap pagi dan memasaknya menjadi gula.",
        certificate: "",
        waiting_days: 1,
        product: (
            "Gula Kelapa Tambakreja",
            "gula-madu",
            22_000,
            "bungkus 1 kg",
            "Gula kelapa cetak dari nira segar, tanpa pengawet.",
        ),
    },
];

/// Adds the pending BUMDes, each with its owner (numbers from `first_whatsapp` on) and one published
/// listing with a picture, which buyers see once an official verifies it.
pub async fn seed(
    tx: &mut Transaction<'_, Postgres>,
    media: &Media,
    password_hash: &str,
    first_whatsapp: usize,
) -> Result<()> {
    for (i, p) in PENDING.iter().enumerate() {
        let whatsapp = format!("+6281234{:06}", first_whatsapp + i);
        let bumdes_id: i64 = sqlx::query_scalar(
            "INSERT INTO bumdes (name, slug, village_code, story, whatsapp, certificate_number, created_at, submitted_at)
             VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), now() - make_interval(days => $7), now() - make_interval(days => $7))
             RETURNING id",
        )
        .bind(p.name)
        .bind(slugify(p.name))
        .bind(p.village)
        .bind(p.story)
        .bind(&whatsapp)
        .bind(p.certificate)
        .bind(p.waiting_days)
        .fetch_one(&mut **tx)
        .await
        .with_context(|| format!("pending demo BUMDes in {}", p.village))?;
        super::demo::add_owner(tx, bumdes_id, p.name, &whatsapp, password_hash).await?;
        let (name, category, price, unit, description) = p.product;
        let slug = slugify(name);
        let photo = images::store_product_photo(media, &slug, name, category).await?;
        sqlx::query(
            "WITH made AS (
                 INSERT INTO products (bumdes_id, village_code, name, slug, description, price_rupiah, stock,
                                       unit, weight_grams, category, is_flagship, published, image_key)
                 VALUES ($1, $2, $3, $4, $5, $6, 40, $7, 1100, $8, true, true, $9)
                 RETURNING id
             )
             INSERT INTO product_photos (product_id, position, image_key, width, height)
             SELECT id, 0, $9, $10, $11 FROM made",
        )
        .bind(bumdes_id)
        .bind(p.village)
        .bind(name)
        .bind(&slug)
        .bind(description)
        .bind(price)
        .bind(unit)
        .bind(category)
        .bind(&photo.key)
        .bind(photo.width as i32)
        .bind(photo.height as i32)
        .execute(&mut **tx)
        .await
        .with_context(|| format!("inserting {name}"))?;
    }
    Ok(())
}
