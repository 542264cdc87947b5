//! Product page views, counted in memory and added to `product_views` in one statement every few
//! seconds: a page view costs a map increment, not a database write.
use std::collections::HashMap;
use std::sync::Mutex;

use sqlx::PgPool;

#[derive(Debug, Default)]
pub struct ViewCounter {
    pending: Mutex<HashMap<i64, i32>>,
}

impl ViewCounter {
    pub fn count(&self, product: i64) {
        *self
            .pending
            .lock()
            .expect("view counter")
            .entry(product)
            .or_default() += 1;
    }

    /// Writes what was counted since the last flush; on failure keeps it for the next one.
    pub async fn flush(&self, pool: &PgPool) -> sqlx::Result<usize> {
        let taken = std::mem::take(&mut *self.pending.lock().expect("view counter"));
        if taken.is_empty() {
            return Ok(0);
        }
        let (products, views): (Vec<i64>, Vec<i32>) = taken.into_iter().unzip();
        let written = sqlx::query!(
            "INSERT INTO product_views (product_id, day, views)
             SELECT p.id, (now() AT TIME ZONE 'Asia/Jakarta')::date, counted.views
             FROM unnest($1::bigint[], $2::int[]) AS counted (product_id, views)
             JOIN products p ON p.id = counted.product_id
             ON CONFLICT (product_id, day) DO UPDATE SET views = product_views.views + EXCLUDED.views",
            &products,
            &views
        )
        .execute(pool)
        .await;
        match written {
            Ok(_) => Ok(products.len()),
            Err(err) => {
                let mut pending = self.pending.lock().expect("view counter");
                for (product, n) in products.into_iter().zip(views) {
                    *pending.entry(product).or_default() += n;
                }
                Err(err)
            }
        }
    }
}

/// Sent by the service worker when it fetches a page to keep it for offline use (public/sw.js).
pub const KEEPING_HEADER: &str = "x-lumbung-keep";

/// Crawlers read product pages all day; their visits are not buyers' interest.
pub fn is_crawler(user_agent: &str) -> bool {
    let agent = user_agent.to_ascii_lowercase();
    ["bot", "crawl", "spider", "slurp", "lighthouse"]
        .iter()
        .any(|word| agent.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures as fx;

    #[test]
    fn knows_crawlers() {
        assert!(is_crawler("Mozilla/5.0 (compatible; Googlebot/2.1)"));
        assert!(!is_crawler(
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"
        ));
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn adds_counted_views_to_today(pool: PgPool) {
        fx::regions(&pool).await;
        let bumdes = fx::bumdes(&pool, "bumdes-maju", fx::VILLAGE, "verified").await;
        let kopi = fx::product(&pool, bumdes, fx::NewProduct::default())
            .await
            .unwrap();
        let counter = ViewCounter::default();
        for _ in 0..3 {
            counter.count(kopi);
        }
        // A product deleted meanwhile is skipped, not an error.
        counter.count(kopi + 1000);
        assert_eq!(counter.flush(&pool).await.unwrap(), 2);
        assert_eq!(counter.flush(&pool).await.unwrap(), 0);
        counter.count(kopi);
        counter.flush(&pool).await.unwrap();
        let views: i32 =
            sqlx::query_scalar("SELECT views FROM product_views WHERE product_id = $1")
                .bind(kopi)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(views, 4);
    }
}
