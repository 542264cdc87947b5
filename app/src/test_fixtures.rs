//! Rows for database tests: one region chain, BUMDes and products with only the fields a test cares about.
use sqlx::PgPool;

pub const VILLAGE: &str = "11.01.01.2001";
pub const OTHER_VILLAGE: &str = "11.01.01.2002";
/// In another province: Nusa Tenggara Barat › Kabupaten Sumbawa › Lunyuk.
pub const FAR_VILLAGE: &str = "52.04.01.2001";

/// Aceh › Aceh Selatan › Bakongan › two of its villages, and one village in Sumbawa, as in the
/// Kemendagri list.
pub async fn regions(pool: &PgPool) {
    sqlx::query(
        "INSERT INTO regions (code, parent_code, level, name) VALUES
            ('11', NULL, 'province', 'Aceh'),
            ('11.01', '11', 'regency', 'Kabupaten Aceh Selatan'),
            ('11.01.01', '11.01', 'district', 'Bakongan'),
            ('11.01.01.2001', '11.01.01', 'village', 'Keude Bakongan'),
            ('11.01.01.2002', '11.01.01', 'village', 'Ujong Mangki'),
            ('52', NULL, 'province', 'Nusa Tenggara Barat'),
            ('52.04', '52', 'regency', 'Kabupaten Sumbawa'),
            ('52.04.01', '52.04', 'district', 'Lunyuk'),
            ('52.04.01.2001', '52.04.01', 'village', 'Lunyuk Ode')",
    )
    .execute(pool)
    .await
    .unwrap();
}

/// The regions of [`regions`] and a second regency of Aceh, with one district and [`NEIGHBOUR_VILLAGE`].
pub async fn regions_with_neighbour(pool: &PgPool) {
    regions(pool).await;
    sqlx::query(
        "INSERT INTO regions (code, parent_code, level, name) VALUES
            ('11.02', '11', 'regency', 'Kabupaten Aceh Tenggara'),
            ('11.02.01', '11.02', 'district', 'Lawe Alas'),
            ('11.02.01.2001', '11.02.01', 'village', 'Lawe Dua')",
    )
    .execute(pool)
    .await
    .unwrap();
}

/// In Aceh, but not in Aceh Selatan.
pub const NEIGHBOUR_VILLAGE: &str = "11.02.01.2001";

pub async fn bumdes(pool: &PgPool, slug: &str, village: &str, verification: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO bumdes (name, slug, village_code, whatsapp, verification)
         VALUES ($1, $1, $2, '+6281234567890', $3) RETURNING id",
    )
    .bind(slug)
    .bind(village)
    .bind(verification)
    .fetch_one(pool)
    .await
    .unwrap()
}

pub struct NewProduct<'a> {
    pub slug: &'a str,
    pub flagship: bool,
    pub published: bool,
    pub price: i64,
    pub stock: i32,
    pub category: &'a str,
    /// How long ago it was listed, in hours.
    pub age_hours: i32,
}

impl Default for NewProduct<'_> {
    fn default() -> Self {
        Self {
            slug: "kopi",
            flagship: false,
            published: true,
            price: 25_000,
            stock: 10,
            category: "kopi-teh",
            age_hours: 0,
        }
    }
}

pub async fn product(pool: &PgPool, bumdes_id: i64, p: NewProduct<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO products (bumdes_id, village_code, name, slug, description, price_rupiah, stock, unit,
                               weight_grams, category, is_flagship, published, created_at)
         SELECT $1, village_code, initcap(replace($2, '-', ' ')), $2, 'Deskripsi', $3, $4, 'pack 250 g',
                250, $8, $5, $6, now() - make_interval(hours => $7)
         FROM bumdes WHERE id = $1
         RETURNING id",
    )
    .bind(bumdes_id)
    .bind(p.slug)
    .bind(p.price)
    .bind(p.stock)
    .bind(p.flagship)
    .bind(p.published)
    .bind(p.age_hours)
    .bind(p.category)
    .fetch_one(pool)
    .await
}
