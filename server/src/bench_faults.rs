//! `server bench-faults`: Lumbung under the faults an operator meets, on a private cluster and servers
//! it starts itself: the server killed (SIGKILL) while 100 checkouts are in flight, PostgreSQL stopped
//! for 10 s while the server serves, and PostgreSQL's postmaster killed (SIGKILL) during writes. Prints
//! what held, and fails when something did not.
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use sqlx::PgPool;
use tokio::process::{Child, Command};

use crate::bench_checkout::{checkout, new_key, percentile, product_with_stock};
use crate::cli::Options;
use crate::embedded_pg::{EmbeddedPg, recreate_database};

const PORT: u16 = 3500;
const STOCK: i32 = 100_000;

/// What the buyers order: the bench's one product, in its village, and the database to check.
#[derive(Clone)]
struct Shop {
    pool: PgPool,
    product: i64,
    village: String,
}

/// A buyer: their guest cookie and their checkout's idempotency key, sent again as a browser would.
struct Buyer {
    guest: String,
    key: String,
}

/// One checkout as its buyer saw it: acknowledged when the server answered it as placed.
struct Sent {
    acknowledged: bool,
    status: Option<u16>,
}

pub async fn run(options: &Options) -> Result<()> {
    let pg = crate::db::embedded(options)?;
    pg.start()?;
    crate::embedded_pg::ensure_database(&pg).await?;
    let url = recreate_database(&pg, "lumbung_faults").await?;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(4)
        .connect(&url)
        .await?;
    crate::db::MIGRATOR.run(&pool).await?;
    crate::regions::ensure_imported(&pool).await?;
    let (product, village) = product_with_stock(&pool, STOCK).await?;
    let logs = options.data_dir.join("faults");
    std::fs::create_dir_all(&logs)?;
    let mut failed = Vec::new();

    let mut server = Server::start(&url, &logs, 1).await?;
    println!("== the server killed (SIGKILL) while 100 checkouts are in flight, then restarted");
    let shop = Shop {
        pool: pool.clone(),
        product,
        village,
    };
    let killed = killed_mid_checkout(&shop, &mut server).await?;
    server = Server::start(&url, &logs, 2).await?;
    failed.extend(after_kill(&shop, &server, killed).await?);

    println!("== PostgreSQL stopped for 10 s while the server serves");
    failed.extend(database_stopped(&shop, &pg, &server).await?);

    println!("== PostgreSQL's postmaster killed (SIGKILL) during writes");
    failed.extend(postmaster_killed(&shop, &pg, &server).await?);

    server.kill().await?;
    pool.close().await;
    if !failed.is_empty() {
        bail!("faults: {}", failed.join("; "));
    }
    println!("every fault: held");
    Ok(())
}

/// How the bench reaches the server: cheap to clone into each buyer's task.
#[derive(Clone)]
struct Client {
    url: String,
    http: reqwest::Client,
}

impl Client {
    async fn status(&self, path: &str) -> Option<u16> {
        let answer = self.http.get(format!("{}{path}", self.url)).send().await;
        answer.ok().map(|a| a.status().as_u16())
    }

    async fn send(&self, buyer: &Buyer, shop: &Shop) -> Sent {
        let answer = checkout(
            &self.http,
            &self.url,
            &buyer.guest,
            &buyer.key,
            shop.product,
            &shop.village,
        )
        .await;
        let status = answer.ok().map(|(status, _)| status);
        Sent {
            acknowledged: status.is_some_and(|s| s < 400),
            status,
        }
    }
}

/// A server process of this binary over `database`, its log in `logs`.
struct Server {
    child: Child,
    client: Client,
}

impl Server {
    async fn start(database: &str, logs: &Path, nth: usize) -> Result<Self> {
        let log = std::fs::File::create(logs.join(format!("server-{nth}.log")))?;
        let child = Command::new(std::env::current_exe()?)
            .arg("serve")
            .env("DATABASE_URL", database)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{PORT}"))
            .env("LUMBUNG_LIMIT_SCALE", "10000")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .context("starting the server")?;
        let client = Client {
            url: format!("http://127.0.0.1:{PORT}"),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(20))
                .build()?,
        };
        let started = Instant::now();
        while client.status("/readyz").await != Some(200) {
            ensure!(
                started.elapsed() < Duration::from_secs(180),
                "the server was not ready in 3 minutes; see {}",
                logs.display()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Ok(Self { child, client })
    }

    /// SIGKILL, as the kernel's OOM killer or a pulled plug would.
    async fn kill(&mut self) -> Result<()> {
        self.child.start_kill()?;
        self.child.wait().await?;
        Ok(())
    }
}

async fn buyers(pool: &PgPool, n: usize) -> Result<Vec<Buyer>> {
    let mut all = Vec::with_capacity(n);
    for _ in 0..n {
        all.push(Buyer {
            guest: app::cart::queries::create(pool).await?,
            key: new_key()?,
        });
    }
    Ok(all)
}

/// Orders the checkout of `key` made (a checkout makes one order a BUMDes: one here).
async fn orders_of_key(pool: &PgPool, key: &str) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM orders o JOIN checkouts c ON c.id = o.checkout_id
         WHERE c.idempotency_key = $1",
    )
    .bind(key)
    .fetch_one(pool)
    .await?)
}

/// The stock must be what it was less every unit ordered.
async fn stock_adds_up(pool: &PgPool, product: i64) -> Result<(i32, i64)> {
    Ok(sqlx::query_as(
        "SELECT p.stock, $2 - coalesce((SELECT sum(quantity) FROM order_items WHERE product_id = p.id), 0)
         FROM products p WHERE p.id = $1",
    )
    .bind(product)
    .bind(i64::from(STOCK))
    .fetch_one(pool)
    .await?)
}

struct Killed {
    buyers: Vec<Buyer>,
    sent: Vec<Sent>,
}

async fn killed_mid_checkout(shop: &Shop, server: &mut Server) -> Result<Killed> {
    let buyers = Arc::new(buyers(&shop.pool, 100).await?);
    let answered = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..buyers.len())
        .map(|i| {
            let (buyers, answered) = (buyers.clone(), answered.clone());
            let client = server.client.clone();
            let shop = shop.clone();
            tokio::spawn(async move {
                let sent = client.send(&buyers[i], &shop).await;
                answered.fetch_add(1, Ordering::SeqCst);
                sent
            })
        })
        .collect();
    // Killed once a fifth have their answer: the rest are on their way, in the server or the database.
    while answered.load(Ordering::SeqCst) < buyers.len() / 5 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let at_kill = answered.load(Ordering::SeqCst);
    server.kill().await?;
    let mut sent = Vec::new();
    for task in tasks {
        sent.push(task.await?);
    }
    let acknowledged = sent.iter().filter(|s| s.acknowledged).count();
    println!(
        "killed with {at_kill} of 100 answered; {acknowledged} acknowledged in all, {} cut off",
        sent.iter().filter(|s| s.status.is_none()).count()
    );
    let buyers = Arc::try_unwrap(buyers).map_err(|_| anyhow::anyhow!("buyers still shared"))?;
    Ok(Killed { buyers, sent })
}

async fn after_kill(shop: &Shop, server: &Server, killed: Killed) -> Result<Vec<String>> {
    let mut failed = Vec::new();
    let mut before = Vec::new();
    for (buyer, sent) in killed.buyers.iter().zip(&killed.sent) {
        let orders = orders_of_key(&shop.pool, &buyer.key).await?;
        if sent.acknowledged && orders != 1 {
            failed.push(format!("an acknowledged checkout has {orders} orders"));
        }
        before.push(orders);
    }
    let acknowledged = killed.sent.iter().filter(|s| s.acknowledged).count();
    let unacknowledged_but_made = killed
        .sent
        .iter()
        .zip(&before)
        .filter(|(s, n)| !s.acknowledged && **n == 1)
        .count();
    println!(
        "after the restart: {acknowledged} acknowledged checkouts, each exactly once; \
         {unacknowledged_but_made} more committed whose answer was cut off"
    );
    let (stock, expected) = stock_adds_up(&shop.pool, shop.product).await?;
    println!("stock {stock}, expected {expected} (initial less every unit ordered)");
    if i64::from(stock) != expected {
        failed.push(format!("stock {stock} after the kill, expected {expected}"));
    }
    // Every key sent again, as each buyer's browser retries: none makes a second order.
    let mut resent = Vec::new();
    for buyer in &killed.buyers {
        resent.push(server.client.send(buyer, shop).await.status);
    }
    let statuses = count_statuses_of(resent.into_iter());
    let mut new_for_made = 0;
    let mut placed_now = 0;
    for (buyer, was) in killed.buyers.iter().zip(&before) {
        let now = orders_of_key(&shop.pool, &buyer.key).await?;
        if now != 1 {
            failed.push(format!("a key resent has {now} orders"));
        }
        match was {
            0 => placed_now += now,
            _ => new_for_made += now - was,
        }
    }
    println!(
        "every key sent again ({statuses:?}): {new_for_made} new orders for the {} committed, \
         {placed_now} placed now for the {} never committed; every key has exactly 1 order",
        before.iter().filter(|n| **n == 1).count(),
        before.iter().filter(|n| **n == 0).count()
    );
    if new_for_made != 0 {
        failed.push(format!("{new_for_made} orders made again"));
    }
    let (stock, expected) = stock_adds_up(&shop.pool, shop.product).await?;
    if i64::from(stock) != expected {
        failed.push(format!(
            "stock {stock} after resending, expected {expected}"
        ));
    }
    Ok(failed)
}

/// What a probe of a page saw: when (since the bench began), its status (none: no answer) and time.
struct Probe {
    at: Duration,
    status: Option<u16>,
    took: Duration,
}

/// Asks for `path` every 100 ms for 24 s of `clock`.
async fn probe(client: Client, path: String, clock: Instant) -> Vec<Probe> {
    let mut seen = Vec::new();
    while clock.elapsed() < Duration::from_secs(24) {
        let at = clock.elapsed();
        let answer = client
            .http
            .get(format!("{}{path}", client.url))
            .timeout(Duration::from_secs(10))
            .send()
            .await;
        seen.push(Probe {
            at,
            status: answer.ok().map(|a| a.status().as_u16()),
            took: clock.elapsed() - at,
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    seen
}

async fn database_stopped(shop: &Shop, pg: &EmbeddedPg, server: &Server) -> Result<Vec<String>> {
    let mut failed = Vec::new();
    let slug: String = sqlx::query_scalar("SELECT slug FROM products WHERE id = $1")
        .bind(shop.product)
        .fetch_one(&shop.pool)
        .await?;
    // The probes' times and the outage's are read on one clock.
    let clock = Instant::now();
    let page = tokio::spawn(probe(server.client.clone(), format!("/p/{slug}"), clock));
    let ready = tokio::spawn(probe(server.client.clone(), "/readyz".into(), clock));
    tokio::time::sleep(Duration::from_secs(3)).await;
    let stopping_at = clock.elapsed();
    pg.stop()?;
    let stopped_at = clock.elapsed();
    // Checkouts tried while it is down: refused, so none is acknowledged and lost.
    let tried = buyers_offline(shop, server).await?;
    tokio::time::sleep(Duration::from_secs(10).saturating_sub(clock.elapsed() - stopping_at)).await;
    let restarting_at = clock.elapsed();
    pg.start()?;
    let back_at = clock.elapsed();
    let (page, ready) = (page.await?, ready.await?);

    // Asked and answered while PostgreSQL was down, neither stopping nor starting.
    let down = |p: &&Probe| p.at >= stopped_at && p.at + p.took <= restarting_at;
    let during: Vec<&Probe> = page.iter().filter(down).collect();
    let slowest = during.iter().map(|p| p.took).max().unwrap_or_default();
    let statuses = count_statuses(&during);
    println!(
        "down {:.1?}: the product page answered {statuses:?}, the slowest in {} ms",
        back_at - stopped_at,
        slowest.as_millis()
    );
    // What needs no query may still be served; nothing hangs, nothing fails but with 503.
    if slowest > Duration::from_secs(2)
        || during.iter().any(|p| !matches!(p.status, Some(200 | 503)))
    {
        failed.push("with PostgreSQL down, a page did not answer 503 within 2 s".into());
    }
    let ready_during: Vec<&Probe> = ready.iter().filter(down).collect();
    let red = ready_during.iter().all(|p| p.status == Some(503));
    println!(
        "/readyz during the outage: {:?}",
        count_statuses(&ready_during)
    );
    if !red {
        failed.push("/readyz did not go red".into());
    }
    let resumed = page
        .iter()
        .find(|p| p.at >= back_at && p.status == Some(200))
        .map(|p| p.at + p.took - back_at);
    match resumed {
        Some(after) => println!("serving again {after:.0?} after PostgreSQL was back"),
        None => println!("not serving again before the probes ended"),
    }
    if resumed.is_none_or(|after| after > Duration::from_secs(5)) {
        failed.push("serving did not resume within 5 s".into());
    }
    let slow_after = page
        .iter()
        .filter(|p| p.at >= back_at + Duration::from_secs(5))
        .map(|p| p.took)
        .collect::<Vec<_>>();
    if let Some(p95) = (!slow_after.is_empty()).then(|| {
        let mut sorted = slow_after.clone();
        sorted.sort();
        percentile(&sorted, 0.95)
    }) {
        println!("once back: the product page's p95 {p95:.0?}");
    }
    let mut lost = 0;
    for (buyer, sent) in &tried {
        if sent.acknowledged && orders_of_key(&shop.pool, &buyer.key).await? != 1 {
            lost += 1;
        }
    }
    println!(
        "{} checkouts tried during the outage: {:?}; acknowledged and lost: {lost}",
        tried.len(),
        count_statuses_of(tried.iter().map(|(_, s)| s.status))
    );
    if lost > 0 {
        failed.push(format!("{lost} acknowledged orders lost"));
    }
    Ok(failed)
}

/// Ten checkouts at once while the database is down.
async fn buyers_offline(shop: &Shop, server: &Server) -> Result<Vec<(Buyer, Sent)>> {
    // No database to make a guest in: the server makes one if it can.
    let buyers = (0..10)
        .map(|_| {
            Ok(Buyer {
                guest: String::new(),
                key: new_key()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let sent =
        futures_util::future::join_all(buyers.iter().map(|buyer| server.client.send(buyer, shop)))
            .await;
    Ok(buyers.into_iter().zip(sent).collect())
}

fn count_statuses(probes: &[&Probe]) -> BTreeMap<String, usize> {
    count_statuses_of(probes.iter().map(|p| p.status))
}

fn count_statuses_of(statuses: impl Iterator<Item = Option<u16>>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for status in statuses {
        *counts
            .entry(status.map_or("no answer".into(), |s| s.to_string()))
            .or_default() += 1;
    }
    counts
}

async fn postmaster_killed(shop: &Shop, pg: &EmbeddedPg, server: &Server) -> Result<Vec<String>> {
    let buyers = Arc::new(buyers(&shop.pool, 400).await?);
    let next = Arc::new(AtomicUsize::new(0));
    // Ten buyers at a time, each checking out as soon as the one before had its answer.
    let workers: Vec<_> = (0..10)
        .map(|_| {
            let (buyers, next) = (buyers.clone(), next.clone());
            let client = server.client.clone();
            let shop = shop.clone();
            tokio::spawn(async move {
                let mut sent = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= buyers.len() {
                        return sent;
                    }
                    sent.push((i, client.send(&buyers[i], &shop).await));
                }
            })
        })
        .collect();
    while next.load(Ordering::SeqCst) < 100 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    pg.kill_postmaster()?;
    let killed_at = next.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(2)).await;
    // Its backends keep the shared memory a moment after the postmaster is gone.
    let mut tries = 0;
    while let Err(err) = pg.start() {
        tries += 1;
        ensure!(tries < 30, "PostgreSQL did not start after the kill: {err}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let mut sent = Vec::new();
    for worker in workers {
        sent.extend(worker.await?);
    }
    let acknowledged: Vec<&usize> = sent
        .iter()
        .filter(|(_, s)| s.acknowledged)
        .map(|(i, _)| i)
        .collect();
    let mut missing = 0;
    for i in &acknowledged {
        if orders_of_key(&shop.pool, &buyers[**i].key).await? != 1 {
            missing += 1;
        }
    }
    println!(
        "killed after {killed_at} of 400 checkouts began; {} acknowledged ({:?}); after crash recovery \
         missing: {missing}",
        acknowledged.len(),
        count_statuses_of(sent.iter().map(|(_, s)| s.status))
    );
    let (stock, expected) = stock_adds_up(&shop.pool, shop.product).await?;
    println!("stock {stock}, expected {expected}");
    let mut failed = Vec::new();
    if missing > 0 {
        failed.push(format!(
            "{missing} acknowledged orders missing after crash recovery"
        ));
    }
    if i64::from(stock) != expected {
        failed.push(format!(
            "stock {stock} after crash recovery, expected {expected}"
        ));
    }
    Ok(failed)
}
