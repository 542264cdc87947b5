//! The dashboard home's figures for one BUMDes.
use sqlx::PgPool;

use super::home::{LowStock, ToDo, TopProduct};
use crate::chart::DayCount;

/// Products with at most this many left are listed as running low.
pub const LOW_STOCK: i32 = 5;

/// Per day over the last `days` days (Jakarta time), oldest first, days without any included: views of
/// the BUMDes's product pages, and its sales (items, in Rupiah, of orders paid or further, by the day
/// they were ordered).
pub async fn views_and_sales_per_day(
    pool: &PgPool,
    bumdes: i64,
    days: i32,
) -> sqlx::Result<(Vec<DayCount>, Vec<DayCount>)> {
    let rows = sqlx::query!(
        r#"WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Jakarta')::date AS day)
           SELECT to_char(d.day, 'YYYY-MM-DD') AS "day!",
                  coalesce((SELECT sum(v.views) FROM product_views v JOIN products p ON p.id = v.product_id
                            WHERE p.bumdes_id = $1 AND v.day = d.day), 0)::bigint AS "views!",
                  coalesce((SELECT sum(o.subtotal_rupiah) FROM orders o
                            WHERE o.bumdes_id = $1 AND o.status IN ('paid', 'shipped', 'done')
                              AND (o.created_at AT TIME ZONE 'Asia/Jakarta')::date = d.day), 0)::bigint AS "sales!"
           FROM today, generate_series(today.day - ($2 - 1), today.day, interval '1 day') AS d (day)
           ORDER BY d.day"#,
        bumdes,
        days
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let views = DayCount {
                day: r.day.clone(),
                count: r.views,
            };
            (
                views,
                DayCount {
                    day: r.day,
                    count: r.sales,
                },
            )
        })
        .unzip())
}

/// The best sellers of the last `days` days by Rupiah, orders paid or further.
pub async fn top_products(pool: &PgPool, bumdes: i64, days: i32) -> sqlx::Result<Vec<TopProduct>> {
    sqlx::query_as!(
        TopProduct,
        r#"SELECT i.name, sum(i.quantity)::bigint AS "quantity!",
                  sum(i.price_rupiah * i.quantity)::bigint AS "rupiah!"
           FROM order_items i JOIN orders o ON o.id = i.order_id
           WHERE o.bumdes_id = $1 AND o.status IN ('paid', 'shipped', 'done')
             AND o.created_at > now() - make_interval(days => $2)
           GROUP BY i.product_id, i.name ORDER BY 3 DESC, 1 LIMIT 5"#,
        bumdes,
        days
    )
    .fetch_all(pool)
    .await
}

/// What the seller can do today: orders to confirm or ship, and their listings.
pub async fn to_do(pool: &PgPool, bumdes: i64) -> sqlx::Result<ToDo> {
    sqlx::query_as!(
        ToDo,
        r#"SELECT (SELECT count(*) FROM orders WHERE bumdes_id = $1 AND status = 'new') AS "to_confirm!",
                  (SELECT count(*) FROM orders WHERE bumdes_id = $1 AND status = 'paid') AS "to_ship!",
                  count(*) FILTER (WHERE NOT published) AS "drafts!",
                  count(*) FILTER (WHERE image_key IS NULL) AS "without_photos!"
           FROM products WHERE bumdes_id = $1 AND deleted_at IS NULL"#,
        bumdes
    )
    .fetch_one(pool)
    .await
}

/// Listings buyers can order that are nearly or quite sold out, fewest first.
pub async fn low_stock(pool: &PgPool, bumdes: i64) -> sqlx::Result<Vec<LowStock>> {
    sqlx::query_as!(
        LowStock,
        "SELECT id, name, stock, unit FROM products
         WHERE bumdes_id = $1 AND deleted_at IS NULL AND published AND stock <= $2
         ORDER BY stock, name LIMIT 10",
        bumdes,
        LOW_STOCK
    )
    .fetch_all(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures as fx;

    #[sqlx::test(migrations = "../server/migrations")]
    async fn counts_only_its_own_views_and_stock(pool: PgPool) {
        fx::regions(&pool).await;
        let mine = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let theirs = fx::bumdes(&pool, "bumdes-lain", fx::OTHER_VILLAGE, "verified").await;
        let mut ids = Vec::new();
        for (owner, slug, stock, published) in [
            (mine, "kopi", 2, true),
            (mine, "madu", 40, true),
            (mine, "draf", 0, false),
            (theirs, "teh", 1, true),
        ] {
            let product = fx::NewProduct {
                slug,
                stock,
                published,
                ..Default::default()
            };
            ids.push(fx::product(&pool, owner, product).await.unwrap());
        }
        let (low, other) = (ids[0], ids[3]);
        sqlx::query(
            "INSERT INTO product_views (product_id, day, views) VALUES
                ($1, (now() AT TIME ZONE 'Asia/Jakarta')::date, 3),
                ($1, (now() AT TIME ZONE 'Asia/Jakarta')::date - 2, 5),
                ($1, (now() AT TIME ZONE 'Asia/Jakarta')::date - 40, 7),
                ($2, (now() AT TIME ZONE 'Asia/Jakarta')::date, 11)",
        )
        .bind(low)
        .bind(other)
        .execute(&pool)
        .await
        .unwrap();
        let (days, _) = views_and_sales_per_day(&pool, mine, 30).await.unwrap();
        assert_eq!(days.len(), 30);
        let counts: Vec<i64> = days.iter().map(|d| d.count).collect();
        assert_eq!(&counts[27..], [5, 0, 3]);
        assert_eq!(
            counts.iter().sum::<i64>(),
            8,
            "older views and other BUMDes' are left out"
        );
        assert!(days[0].day < days[29].day);

        let todo = to_do(&pool, mine).await.unwrap();
        assert_eq!((todo.drafts, todo.without_photos), (1, 3));

        let names: Vec<String> = low_stock(&pool, mine)
            .await
            .unwrap()
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(names, ["Kopi"]);
    }
}
