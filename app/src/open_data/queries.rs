//! The open data API's reads: only what buyers can already see (published products of verified
//! BUMDes, verified BUMDes) and the programme's counts; never a buyer, an order or a phone number.
use std::collections::HashMap;

use sqlx::PgPool;

use super::params::{ProductsParams, cursor};
use super::problem::Problem;
use super::schema::{
    Bumdes, Category, Coverage, Level, Origin, Product, ProductDetail, ProductList, Region,
    RegionCoverage, RegionList, RegionRef, Seller,
};
use crate::catalogue::image_url;
use crate::catalogue::search::index::SearchIndex;
use crate::catalogue::search::queries::{Timings, matches};
use crate::coverage::{Area, Figures, Period};
use crate::village::Trail;
use crate::village::queries::trail;

/// The photo width the API links to.
const PHOTO_WIDTH: u32 = 640;

/// Each village of `villages` with the regions above it, by village code.
async fn origins(
    pool: &PgPool,
    villages: impl Iterator<Item = String>,
) -> sqlx::Result<HashMap<String, Origin>> {
    let codes: Vec<String> = villages.collect();
    let rows = sqlx::query!(
        r#"SELECT village_code AS "village_code!", village AS "village!",
                  district_code AS "district_code!", district AS "district!",
                  regency_code AS "regency_code!", regency AS "regency!",
                  province_code AS "province_code!", province AS "province!"
           FROM village_origins WHERE village_code = ANY($1)"#,
        &codes[..]
    )
    .fetch_all(pool)
    .await?;
    let region = |code, name| RegionRef { code, name };
    Ok(rows
        .into_iter()
        .map(|row| {
            let origin = Origin {
                village: region(row.village_code.clone(), row.village),
                district: region(row.district_code, row.district),
                regency: region(row.regency_code, row.regency),
                province: region(row.province_code, row.province),
            };
            (row.village_code, origin)
        })
        .collect())
}

/// An absolute address on this site.
fn at(base: &str, path: &str) -> String {
    format!("{base}{path}")
}

/// Products by id, in that order, leaving out any that buyers can no longer see.
async fn products_by_id(pool: &PgPool, base: &str, ids: &[i64]) -> sqlx::Result<Vec<Product>> {
    let rows = sqlx::query!(
        r#"SELECT p.slug, p.name, p.price_rupiah, p.unit, p.stock, p.is_flagship, p.image_key,
                  to_char(p.created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS "listed_on!",
                  c.slug AS category, c.name_id AS category_name, c.name_en AS category_en,
                  b.slug AS seller_slug, b.name AS seller_name, b.verified_office,
                  to_char(b.verified_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS verified_on,
                  p.village_code
           FROM unnest($1::bigint[]) WITH ORDINALITY AS wanted (id, n)
           JOIN products p ON p.id = wanted.id
           JOIN bumdes b ON b.id = p.bumdes_id
           JOIN categories c ON c.slug = p.category
           WHERE p.published AND b.verification = 'verified'
           ORDER BY wanted.n"#,
        ids
    )
    .fetch_all(pool)
    .await?;
    let origins = origins(pool, rows.iter().map(|row| row.village_code.clone())).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Product {
                origin: origins.get(&row.village_code)?.clone(),
                url: at(base, &format!("/p/{}", row.slug)),
                image_url: (row.image_key.as_deref())
                    .map(|key| at(base, &image_url(Some(key), PHOTO_WIDTH))),
                slug: row.slug,
                name: row.name,
                price: row.price_rupiah,
                unit: row.unit,
                stock: row.stock,
                flagship: row.is_flagship,
                category: Category {
                    slug: row.category,
                    name: row.category_name,
                    name_en: row.category_en,
                },
                seller: Seller {
                    slug: row.seller_slug,
                    name: row.seller_name,
                    verified_by: row.verified_office,
                    verified_on: row.verified_on,
                },
                listed_on: row.listed_on,
            })
        })
        .collect())
}

/// A window of the search `/cari` would make of these filters, after the cursor.
pub async fn search(
    pool: &PgPool,
    index: &SearchIndex,
    base: &str,
    params: &ProductsParams,
) -> Result<ProductList, Problem> {
    let (query, window) = params.search()?;
    let (found, corrected) = matches(pool, index, &query, window, &mut Timings::default()).await?;
    Ok(ProductList {
        items: products_by_id(pool, base, &found.ids).await?,
        total: found.total,
        next_cursor: found.next.map(|place| cursor(&query, place)),
        corrected_query: corrected,
    })
}

/// One product buyers can see, by its slug.
pub async fn product(pool: &PgPool, base: &str, slug: &str) -> sqlx::Result<Option<ProductDetail>> {
    let Some(row) = sqlx::query!(
        r#"SELECT p.id, p.description, p.weight_grams,
                  ARRAY(SELECT image_key FROM product_photos WHERE product_id = p.id
                        ORDER BY position) AS "photos!"
           FROM products p JOIN bumdes b ON b.id = p.bumdes_id
           WHERE p.slug = $1 AND p.published AND b.verification = 'verified'"#,
        slug
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let Some(product) = products_by_id(pool, base, &[row.id]).await?.pop() else {
        return Ok(None);
    };
    Ok(Some(ProductDetail {
        product,
        description: row.description,
        weight_grams: row.weight_grams,
        photo_urls: (row.photos.iter())
            .map(|key| at(base, &image_url(Some(key), PHOTO_WIDTH)))
            .collect(),
    }))
}

/// Verified BUMDes after the id `after`, oldest first, in `region` (any level) or anywhere: at most
/// `limit`, with the id to continue after when more follow.
pub async fn verified_bumdes(
    pool: &PgPool,
    base: &str,
    region: Option<&str>,
    after: i64,
    limit: usize,
) -> sqlx::Result<(Vec<Bumdes>, Option<i64>)> {
    let mut rows = sqlx::query!(
        r#"SELECT b.id, b.slug, b.name, b.story, b.verified_office,
                  to_char(b.verified_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS verified_on,
                  (SELECT count(*) FROM products p WHERE p.bumdes_id = b.id AND p.published) AS "products!",
                  b.village_code
           FROM bumdes b
           WHERE b.verification = 'verified' AND b.id > $2
             AND ($1::text IS NULL OR b.village_code = $1 OR b.village_code LIKE $1 || '.%')
           ORDER BY b.id
           LIMIT $3"#,
        region,
        after,
        limit as i64 + 1
    )
    .fetch_all(pool)
    .await?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = more.then(|| rows.last().map(|row| row.id)).flatten();
    let origins = origins(pool, rows.iter().map(|row| row.village_code.clone())).await?;
    let items = rows
        .into_iter()
        .filter_map(|row| {
            Some(Bumdes {
                origin: origins.get(&row.village_code)?.clone(),
                url: at(base, &crate::village::region_url(&row.village_code)),
                slug: row.slug,
                name: row.name,
                story: row.story,
                verified_by: row.verified_office,
                verified_on: row.verified_on,
                products: row.products,
            })
        })
        .collect();
    Ok((items, next))
}

/// When the figures were last counted, RFC 3339.
async fn counted_at(pool: &PgPool) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "at!"
           FROM coverage_refreshed"#
    )
    .fetch_optional(pool)
    .await
}

impl From<&Figures> for Coverage {
    fn from(f: &Figures) -> Coverage {
        let share = (f.covered_villages as f64 / f.villages as f64 * 10_000.0).round() / 10_000.0;
        Coverage {
            villages: f.villages,
            verified_villages: f.verified_villages,
            covered_villages: f.covered_villages,
            coverage_share: if f.villages > 0 { share } else { 0.0 },
            products: f.products,
            orders: f.orders,
            gmv: f.gmv_rupiah,
            pending_verifications: f.pending,
        }
    }
}

/// The regions inside `parent` (`None`: the provinces) with their figures, or `None` when there is no
/// such province, regency or district.
pub async fn regions_in(
    pool: &PgPool,
    base: &str,
    parent: Option<&str>,
    period: Period,
) -> sqlx::Result<Option<RegionList>> {
    let parent = match parent {
        None => None,
        Some(code) => match trail(pool, code).await? {
            Some(trail) if !crate::village::is_village(code) => trail.0.last().cloned(),
            _ => return Ok(None),
        },
    };
    let code = parent.as_ref().map(|p| p.code.as_str());
    let areas = crate::coverage::queries::areas(pool, code, period).await?;
    let mut total = Figures::default();
    for area in &areas {
        total.add(&area.figures);
    }
    Ok(Some(RegionList {
        parent: parent.map(|p| RegionRef {
            code: p.code,
            name: p.name,
        }),
        period_days: period.days(),
        counted_at: counted_at(pool).await?,
        total: Coverage::from(&total),
        items: areas
            .iter()
            .map(|area| region_coverage(base, area))
            .collect(),
    }))
}

/// One region's figures (any level), or `None` when there is no such region.
pub async fn region(
    pool: &PgPool,
    base: &str,
    code: &str,
    period: Period,
) -> sqlx::Result<Option<Region>> {
    let Some(Trail(mut names)) = trail(pool, code).await? else {
        return Ok(None);
    };
    let Some(own) = names.pop() else {
        return Ok(None);
    };
    // Its figures are those its parent's page lists for it.
    let parent = names.last().map(|p| p.code.as_str());
    let areas = crate::coverage::queries::areas(pool, parent, period).await?;
    let Some(area) = areas.iter().find(|area| area.code == own.code) else {
        return Ok(None);
    };
    let village = crate::village::is_village(code);
    Ok(Some(Region {
        level: Level::of(code),
        above: (names.into_iter())
            .map(|r| RegionRef {
                code: r.code,
                name: r.name,
            })
            .collect(),
        period_days: period.days(),
        counted_at: counted_at(pool).await?,
        coverage: Coverage::from(&area.figures),
        children_url: (!village)
            .then(|| at(base, &format!("{}/regions?parent={code}", super::API))),
        code: own.code,
        name: own.name,
    }))
}

fn region_coverage(base: &str, area: &Area) -> RegionCoverage {
    RegionCoverage {
        code: area.code.clone(),
        name: area.name.clone(),
        level: Level::of(&area.code),
        url: at(base, &super::region_path(&area.code)),
        coverage: Coverage::from(&area.figures),
    }
}
