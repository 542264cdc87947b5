//! `server bench-checkout`: against a running server, N buyers check out at once for the last units of
//! one product (nothing may oversell), then one checkout form is sent 5 times at once (one order).
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use sqlx::PgPool;

const PRICE: i64 = 25_000;
const PHONE: &str = "+6281200000001";

/// The bench's own verified BUMDes and product (made on the first run), with `stock` units left.
pub async fn product_with_stock(pool: &PgPool, stock: i32) -> Result<(i64, String)> {
    let village: String = sqlx::query_scalar(
        "SELECT code FROM regions WHERE level = 'village' ORDER BY code LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .context("no villages: import the regions first")?;
    let bumdes: i64 = sqlx::query_scalar(
        "INSERT INTO bumdes (name, slug, village_code, whatsapp, verification, pickup, bank_name,
                             bank_account, bank_holder)
         VALUES ('BUMDes Uji Beban', 'bumdes-uji-beban', $1, '+6281200000000', 'verified', true, 'BRI',
                 '0123456789', 'BUMDes Uji Beban')
         ON CONFLICT (slug) DO UPDATE SET verification = 'verified' RETURNING id",
    )
    .bind(&village)
    .fetch_one(pool)
    .await?;
    let product: i64 = sqlx::query_scalar(
        "INSERT INTO products (bumdes_id, village_code, name, slug, description, price_rupiah, stock, unit,
                               weight_grams, category, published)
         VALUES ($1, $2, 'Kopi Uji Beban', 'kopi-uji-beban', 'Produk uji beban pemesanan.', $3, $4,
                 'bungkus', 250, 'kopi-teh', true)
         ON CONFLICT (slug) DO UPDATE SET stock = $4, price_rupiah = $3, published = true RETURNING id",
    )
    .bind(bumdes)
    .bind(&village)
    .bind(PRICE)
    .bind(stock)
    .fetch_one(pool)
    .await?;
    Ok((product, village))
}

pub fn new_key() -> Result<String> {
    app::random::hex(16).map_err(|e| anyhow::anyhow!("no randomness: {e}"))
}

/// Posts the checkout form as a browser without JavaScript does, as the guest whose cookie is `guest`
/// (none when empty); returns the status and the time taken.
pub async fn checkout(
    client: &reqwest::Client,
    url: &str,
    guest: &str,
    key: &str,
    product: i64,
    village: &str,
) -> Result<(u16, Duration)> {
    let cart = format!("{product}:1:{PRICE}");
    let form = [
        ("key", key),
        ("cart", cart.as_str()),
        ("name", "Pembeli Uji"),
        ("phone", PHONE),
        ("province", &village[..2]),
        ("regency", &village[..5]),
        ("district", &village[..8]),
        ("village", village),
        ("street", "Jl. Uji 1"),
        ("postal_code", "12345"),
        ("note", ""),
        ("delivery", "pickup"),
        ("payment", "transfer"),
    ];
    let started = Instant::now();
    let mut request = client
        .post(format!("{url}/api/place_order"))
        .header("Origin", url)
        .header("Referer", format!("{url}/pesan"));
    if !guest.is_empty() {
        let cookie = format!("{}={guest}", app::cart::guest::COOKIE_NAME);
        request = request.header("Cookie", cookie);
    }
    let response = request.form(&form).send().await?;
    let status = response.status().as_u16();
    response.bytes().await?;
    Ok((status, started.elapsed()))
}

/// The newest order's id: orders after it are the ones this run makes.
async fn last_order(pool: &PgPool) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM orders")
            .fetch_one(pool)
            .await?,
    )
}

async fn orders_of(pool: &PgPool, product: i64, since: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM orders o JOIN order_items i ON i.order_id = o.id
         WHERE i.product_id = $1 AND o.id > $2",
    )
    .bind(product)
    .bind(since)
    .fetch_one(pool)
    .await?)
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[at]
}

pub async fn run(pool: &PgPool, url: &str, buyers: usize, stock: i32) -> Result<()> {
    let url = url.trim_end_matches('/');
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(120))
        .build()?;
    client
        .get(format!("{url}/"))
        .send()
        .await
        .with_context(|| format!("no server at {url}: start it first (scripts/run)"))?;

    let (product, village) = product_with_stock(pool, stock).await?;
    let since = last_order(pool).await?;
    println!("{buyers} checkouts at once for the last {stock} units of one product, at {url}");
    let keys: Vec<String> = (0..buyers).map(|_| new_key()).collect::<Result<_>>()?;
    let started = Instant::now();
    let results = futures_util::future::join_all(
        keys.iter()
            .map(|key| checkout(&client, url, "", key, product, &village)),
    )
    .await;
    let wall = started.elapsed();
    let mut latencies = Vec::new();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for result in results {
        let (status, took) = result?;
        *statuses.entry(status).or_default() += 1;
        latencies.push(took);
    }
    latencies.sort();
    let orders = orders_of(pool, product, since).await?;
    let left: i32 = sqlx::query_scalar("SELECT stock FROM products WHERE id = $1")
        .bind(product)
        .fetch_one(pool)
        .await?;
    println!("orders created: {orders} (expected {stock})");
    println!("stock left: {left} (expected 0)");
    println!(
        "latency: p50 {:.0?}, p95 {:.0?}, max {:.0?}; all done in {wall:.2?}",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95),
        latencies.last().copied().unwrap_or_default()
    );
    println!("HTTP statuses: {statuses:?}");

    // One form sent 5 times at once, as a double tap and resends after a dropped connection do.
    product_with_stock(pool, stock).await?;
    let since = last_order(pool).await?;
    let key = new_key()?;
    let resends = futures_util::future::join_all(
        (0..5).map(|_| checkout(&client, url, "", &key, product, &village)),
    )
    .await;
    for resend in resends {
        resend?;
    }
    let once = orders_of(pool, product, since).await?;
    println!("same key sent 5 times at once: {once} order (expected 1)");

    if orders != i64::from(stock) || left != 0 || once != 1 {
        bail!("checkout benchmark: figures differ from those expected");
    }
    Ok(())
}
