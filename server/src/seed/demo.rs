//! The demo catalogue: real villages, Indonesian OVOP products, prices in whole Rupiah.
use anyhow::{Context, Result, bail};
use sqlx::PgPool;

use super::images;
use app::media::Media;
use app::slug::slugify;

const CATALOGUE: &str = include_str!("../../data/demo-catalogue.txt");

/// Every demo BUMDes's owner logs in with the BUMDes's WhatsApp number and this password (README).
pub const DEMO_PASSWORD: &str = "lumbung-demo";

struct DemoBumdes<'a> {
    regency: &'a str,
    nth: i64,
    name: &'a str,
    story: &'a str,
    products: Vec<DemoProduct<'a>>,
}

struct DemoProduct<'a> {
    name: &'a str,
    category: &'a str,
    price: i64,
    unit: &'a str,
    weight: i32,
    stock: i32,
    description: &'a str,
}

fn parse(text: &str) -> Result<Vec<DemoBumdes<'_>>> {
    let mut all: Vec<DemoBumdes> = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('|').collect();
        let at = || format!("demo-catalogue.txt line {}", n + 1);
        match (f[0], f.len()) {
            ("B", 5) => all.push(DemoBumdes {
                regency: f[1],
                nth: f[2].parse().with_context(at)?,
                name: f[3],
                story: f[4],
                products: Vec::new(),
            }),
            ("P", 8) => all.last_mut().with_context(at)?.products.push(DemoProduct {
                name: f[1],
                category: f[2],
                price: f[3].parse().with_context(at)?,
                unit: f[4],
                weight: f[5].parse().with_context(at)?,
                stock: f[6].parse().with_context(at)?,
                description: f[7],
            }),
            _ => bail!("{}: unexpected line", at()),
        }
    }
    Ok(all)
}

/// Seeds the demo BUMDes and products, with a picture for each product, in one transaction.
pub async fn seed(pool: &PgPool, media: &Media) -> Result<usize> {
    let catalogue = parse(CATALOGUE)?;
    let password_hash = app::auth::password::hash(DEMO_PASSWORD.to_string()).await?;
    // Photos are made on every core at once, then stored with their products in order.
    let mut photos = catalogue
        .iter()
        .flat_map(|b| &b.products)
        .map(|p| {
            let (media, name, category) = (media.clone(), p.name, p.category);
            tokio::spawn(async move {
                images::store_product_photo(&media, &slugify(name), name, category).await
            })
        })
        .collect::<Vec<_>>()
        .into_iter();
    let mut tx = pool.begin().await?;
    let mut products = 0;
    for (i, b) in catalogue.iter().enumerate() {
        // The nth desa of the regency, by code: desa codes have 2 as the first digit of their last part.
        let village: String = sqlx::query_scalar(
            "SELECT code FROM regions WHERE level = 'village' AND code LIKE $1 || '.%' AND split_part(code, '.', 4) LIKE '2%'
             ORDER BY code OFFSET $2 - 1 LIMIT 1",
        )
        .bind(b.regency)
        .bind(b.nth)
        .fetch_one(&mut *tx)
        .await
        .with_context(|| format!("no village {} in regency {}; import the regions first", b.nth, b.regency))?;
        let whatsapp = format!("+6281234{:06}", 500_100 + i);
        let bumdes_id: i64 = sqlx::query_scalar(
            // Every demo BUMDes ships everywhere and takes transfers; every other one also takes COD.
            "INSERT INTO bumdes (name, slug, village_code, story, whatsapp, verification, created_at,
                                 ship_regency_rupiah, ship_province_rupiah, ship_elsewhere_rupiah,
                                 bank_name, bank_account, bank_holder, cod)
             VALUES ($1, $2, $3, $4, $5, 'verified', now() - make_interval(days => $6),
                     10000, 20000, 35000, 'BRI', '0123' || lpad($6::text, 8, '0'), $1, $6 % 2 = 0)
             RETURNING id",
        )
        .bind(b.name)
        .bind(slugify(b.name))
        .bind(&village)
        .bind(b.story)
        .bind(&whatsapp)
        .bind(i as i32)
        .fetch_one(&mut *tx)
        .await?;
        add_owner(&mut tx, bumdes_id, b.name, &whatsapp, &password_hash).await?;
        for (j, p) in b.products.iter().enumerate() {
            let slug = slugify(p.name);
            let photo = photos.next().context("a photo per product")?.await??;
            let product_id: i64 = sqlx::query_scalar(
                "INSERT INTO products (bumdes_id, village_code, name, slug, description, price_rupiah, stock, unit,
                                       weight_grams, category, is_flagship, published, image_key, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12,
                         now() - make_interval(days => $13, hours => $14))
                 RETURNING id",
            )
            .bind(bumdes_id)
            .bind(&village)
            .bind(p.name)
            .bind(&slug)
            .bind(p.description)
            .bind(p.price)
            .bind(p.stock)
            .bind(p.unit)
            .bind(p.weight)
            .bind(p.category)
            .bind(j == 0)
            .bind(&photo.key)
            .bind(i as i32)
            .bind(j as i32)
            .fetch_one(&mut *tx)
            .await
            .with_context(|| format!("inserting {}", p.name))?;
            sqlx::query(
                "INSERT INTO product_photos (product_id, position, image_key, width, height)
                 VALUES ($1, 0, $2, $3, $4)",
            )
            .bind(product_id)
            .bind(&photo.key)
            .bind(photo.width as i32)
            .bind(photo.height as i32)
            .execute(&mut *tx)
            .await?;
            products += 1;
        }
    }
    // A month of earlier page views, so demo sellers see their dashboard charts filled in.
    sqlx::query(
        "INSERT INTO product_views (product_id, day, views)
         SELECT p.id, d.day, v.views
         FROM products p,
              generate_series((now() AT TIME ZONE 'Asia/Jakarta')::date - 29,
                              (now() AT TIME ZONE 'Asia/Jakarta')::date - 1, interval '1 day') AS d (day),
              LATERAL (SELECT abs(hashtext(p.slug || d.day::text)) % 9 - 3 AS views) v
         WHERE v.views > 0",
    )
    .execute(&mut *tx)
    .await?;
    // The programme's officials at three levels, with the demo password (README).
    for (region, name, whatsapp) in DEMO_OFFICIALS {
        sqlx::query(
            "INSERT INTO officials (name, whatsapp, region_code, password_hash) VALUES ($1, $2, $3, $4)",
        )
        .bind(name)
        .bind(whatsapp)
        .bind(region)
        .bind(&password_hash)
        .execute(&mut *tx)
        .await?;
    }
    super::pending::seed(&mut tx, media, &password_hash, 500_100 + catalogue.len()).await?;
    tx.commit().await?;
    // A year of finished orders, so that the officials' map and trend and the sellers' sales show.
    super::orders::seed(pool, PAST_ORDERS, super::orders::Steps::Closed).await?;
    Ok(products)
}

/// The owner of a demo BUMDes, who logs in with its number and the demo password.
pub(super) async fn add_owner(
    tx: &mut sqlx::PgConnection,
    bumdes_id: i64,
    bumdes_name: &str,
    whatsapp: &str,
    password_hash: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sellers (bumdes_id, name, whatsapp, password_hash, role)
         VALUES ($1, 'Pengelola ' || $2, $3, $4, 'owner')",
    )
    .bind(bumdes_id)
    .bind(bumdes_name)
    .bind(whatsapp)
    .bind(password_hash)
    .execute(tx)
    .await?;
    Ok(())
}

/// Past orders in the demo: about a dozen a BUMDes.
const PAST_ORDERS: u64 = 600;

/// The demo's officials: the ministry, Nusa Tenggara Barat's village office and Sumbawa's.
const DEMO_OFFICIALS: [(Option<&str>, &str, &str); 3] = [
    (None, "Kementerian Desa (demo)", "+6281100000001"),
    (
        Some("52"),
        "DPMD Nusa Tenggara Barat (demo)",
        "+6281100000002",
    ),
    (
        Some("52.04"),
        "DPMD Kabupaten Sumbawa (demo)",
        "+6281100000003",
    ),
];

/// Seeds the demo when the database has no BUMDes yet.
pub async fn seed_if_empty(pool: &PgPool, media: &Media) -> Result<()> {
    let any: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM bumdes)")
        .fetch_one(pool)
        .await?;
    if !any {
        let n = seed(pool, media).await?;
        tracing::info!("seeded {n} demo products");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_spans_forty_bumdes_in_ten_provinces() {
        let all = parse(CATALOGUE).unwrap();
        assert!(all.len() >= 40, "{}", all.len());
        let provinces: std::collections::HashSet<_> = all.iter().map(|b| &b.regency[..2]).collect();
        assert!(provinces.len() >= 10, "{provinces:?}");
        assert!(
            all.iter()
                .all(|b| !b.products.is_empty() && b.products.iter().all(|p| p.price > 0))
        );
        let slugs: std::collections::HashSet<_> = all
            .iter()
            .flat_map(|b| &b.products)
            .map(|p| slugify(p.name))
            .collect();
        assert_eq!(
            slugs.len(),
            all.iter().map(|b| b.products.len()).sum::<usize>(),
            "product slugs are unique"
        );
    }

    #[sqlx::test]
    async fn seeds_real_villages_with_pictures(pool: PgPool) {
        crate::regions::ensure_imported(&pool).await.unwrap();
        let media = std::env::temp_dir().join(format!("lumbung-demo-test-{}", std::process::id()));
        let n = seed(&pool, &Media::local(&media).unwrap()).await.unwrap();
        assert!(n >= 80, "{n}");
        let (flagships, villages): (i64, i64) = sqlx::query_as(
            "SELECT count(*) FILTER (WHERE is_flagship), count(DISTINCT village_code) FROM products",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(flagships, villages, "one flagship per village");
        // Each demo BUMDes's owner can log in with the demo password.
        let (id, hash) = app::auth::queries::login_account(&pool, "+6281234500100")
            .await
            .unwrap()
            .unwrap();
        assert!(
            app::auth::password::verify(DEMO_PASSWORD.to_string(), hash)
                .await
                .unwrap()
        );
        let sellers: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM sellers s JOIN bumdes b ON b.id = s.bumdes_id
             WHERE s.role = 'owner' AND b.verification = 'verified'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(sellers, parse(CATALOGUE).unwrap().len() as i64, "{id}");
        // The queue: pending BUMDes with a listing each, two of them in the demo regency.
        let (pending, in_sumbawa, listed): (i64, i64, i64) = sqlx::query_as(
            "SELECT count(*), count(*) FILTER (WHERE village_code LIKE '52.04.%'),
                    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM products p JOIN sellers s USING (bumdes_id)
                                                   WHERE p.bumdes_id = b.id AND p.published AND s.role = 'owner'))
             FROM bumdes b WHERE verification = 'pending'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!((pending, in_sumbawa, listed), (4, 2, 4));
        // A year of closed orders over the verified BUMDes, none of them to act on.
        let (orders, open, sellers): (i64, i64, i64) = sqlx::query_as(
            "SELECT count(*), count(*) FILTER (WHERE status NOT IN ('done', 'cancelled')),
                    count(DISTINCT bumdes_id)
             FROM orders",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!((orders, open), (PAST_ORDERS as i64, 0));
        assert!(sellers >= 40, "{sellers}");
        // Past views for the charts; today's are left to real visits.
        let (days, today): (i64, i64) = sqlx::query_as(
            "SELECT count(DISTINCT day), count(*) FILTER (WHERE day >= (now() AT TIME ZONE 'Asia/Jakarta')::date)
             FROM product_views",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!((days, today), (29, 0));
        let key: String =
            sqlx::query_scalar("SELECT image_key FROM products WHERE slug = 'madu-hutan-sumbawa'")
                .fetch_one(&pool)
                .await
                .unwrap();
        for width in app::catalogue::IMAGE_WIDTHS {
            // Stored as WebP, never scaled up past the 800 px drawing.
            let img = image::open(media.join(app::catalogue::image_path(&key, width))).unwrap();
            assert_eq!(img.width(), width.min(super::images::WIDTH));
        }
        std::fs::remove_dir_all(media).unwrap();
    }
}
