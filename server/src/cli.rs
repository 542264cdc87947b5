//! The command line: `serve` (the default), `migrate`, `import-regions`, `seed` and `db`.
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use leptos::config::get_configuration;

use crate::db::Database;
use crate::{http, regions, seed};

#[derive(Parser)]
#[command(
    name = "server",
    about = "Lumbung: the marketplace for village flagship products"
)]
pub struct Cli {
    #[command(flatten)]
    pub options: Options,
    /// Global, so that a bare `server` (what `cargo leptos watch` runs) reads them as `serve` does.
    #[command(flatten)]
    pub site: Site,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Args, Clone)]
pub struct Options {
    /// PostgreSQL to use. Without it, Lumbung runs a private cluster under --data-dir.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Where the private cluster and uploaded media live.
    #[arg(long, env = "LUMBUNG_DATA_DIR", default_value = ".data", global = true)]
    pub data_dir: PathBuf,
    /// Port of the private cluster (loopback only).
    #[arg(long, env = "LUMBUNG_PG_PORT", default_value_t = 54329, global = true)]
    pub pg_port: u16,
    /// Keep pictures in this S3-compatible bucket (credentials and endpoint from the AWS_* variables)
    /// instead of under --data-dir: what several app servers need.
    #[arg(long, env = "LUMBUNG_S3_BUCKET", global = true)]
    pub s3_bucket: Option<String>,
    /// Logs as lines for people (`text`) or one JSON object a line for log shippers (`json`).
    #[arg(long, env = "LUMBUNG_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl Options {
    pub fn media(&self) -> Result<app::media::Media> {
        Ok(match &self.s3_bucket {
            Some(bucket) => app::media::Media::s3(bucket)?,
            None => app::media::Media::local(&self.data_dir.join("media"))?,
        })
    }
}

#[derive(Args, Clone)]
pub struct Site {
    /// Seed the demo catalogue when the database has no BUMDes yet.
    #[arg(long, env = "LUMBUNG_DEMO", global = true)]
    pub demo: bool,
    /// The address buyers use, e.g. https://lumbung.id, for canonical links and the sitemap.
    /// Defaults to http:// and the listening address.
    #[arg(long, env = "LUMBUNG_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// How many proxies (load balancer, CDN) stand in front of the server, each adding to
    /// X-Forwarded-For: logins are then throttled by the address the outermost one saw. With 0 the
    /// header is ignored, since anyone can send it.
    #[arg(
        long,
        env = "LUMBUNG_TRUSTED_PROXIES",
        default_value_t = 0,
        global = true
    )]
    pub trusted_proxies: usize,
    /// Multiply the free attempts of every abuse limit (logins, registrations, checkouts, requests a
    /// minute) by this: for a site where many people share one address, such as the test suite, whose
    /// sellers all register from one machine.
    #[arg(
        long,
        env = "LUMBUNG_LIMIT_SCALE",
        default_value_t = 1,
        value_parser = clap::value_parser!(u32).range(1..=10_000),
        global = true
    )]
    pub limit_scale: u32,
    /// Serve `/metrics` (Prometheus) on this address alone, e.g. 127.0.0.1:9100, rather than beside
    /// the pages on the public one.
    #[arg(long, env = "LUMBUNG_METRICS_ADDR", global = true)]
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// Requests served at once; the next is told to come back (503 with Retry-After) rather than
    /// queued without end.
    #[arg(long, env = "LUMBUNG_MAX_IN_FLIGHT", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..), global = true)]
    pub max_in_flight: u32,
}

#[derive(Subcommand)]
enum Command {
    /// Serve Lumbung over HTTP (the default).
    Serve,
    #[command(flatten)]
    Task(Task),
    /// Time how long an uploaded photo takes to become its WebP sizes, and how big they are.
    BenchPhotos {
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
    /// Draw the web app's maskable icons (192 and 512 px PNG) from the favicon's shapes.
    Icons {
        #[arg(long, default_value = crate::icons::DIR)]
        out: PathBuf,
    },
    /// Faults, on a private cluster (--data-dir, --pg-port) and servers of its own on port 3500: the
    /// server killed during 100 checkouts, PostgreSQL stopped for 10 s, its postmaster killed during
    /// writes. Fails when an acknowledged order is lost or counted twice, or the server does not recover.
    BenchFaults,
    /// Print every server function, page and route as JSON (the authorization matrix checks it covers
    /// them all).
    Routes,
    /// Start or stop the private PostgreSQL cluster on its own.
    Db {
        #[command(subcommand)]
        action: DbAction,
    },
}

/// One-off jobs on the database, which is opened (and migrated) for them and closed after.
#[derive(Subcommand)]
enum Task {
    /// Apply the database migrations.
    Migrate,
    /// Import Indonesia's regions (idempotent).
    ImportRegions {
        #[arg(long, default_value = regions::REGIONS_CSV)]
        csv: PathBuf,
    },
    /// Add data: the demo catalogue, or synthetic products and past orders for benchmarks.
    Seed {
        #[arg(
            long,
            required_unless_present_any = ["products", "orders"],
            conflicts_with_all = ["products", "orders"]
        )]
        demo: bool,
        /// Products, each BUMDes verified with 20 of them, in villages that had none.
        #[arg(long)]
        products: Option<u64>,
        /// Past orders over the last year, spread over the verified BUMDes that have products.
        #[arg(long)]
        orders: Option<u64>,
    },
    /// Officials' jobs on the command line.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
    /// Time a fixed mix of searches (run it after `seed --products 1000000`) and explain the slowest.
    BenchSearch {
        /// Timed rounds over the mix.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// How many of the slowest searches to EXPLAIN ANALYZE.
        #[arg(long, default_value_t = 3)]
        explain: usize,
    },
    /// Against a running server: the officials' coverage pages for the country, the largest province
    /// and regency (run it after `seed --products 1000000 --orders 1000000`).
    BenchCoverage {
        /// The running server.
        #[arg(long, default_value = "http://127.0.0.1:3000")]
        url: String,
        /// Timed requests of each page.
        #[arg(long, default_value_t = 50)]
        rounds: usize,
    },
    /// Against a running server: concurrent checkouts race for the last units of one product, then
    /// one checkout is sent 5 times at once.
    BenchCheckout {
        /// The running server.
        #[arg(long, default_value = "http://127.0.0.1:3000")]
        url: String,
        #[arg(long, default_value_t = 200)]
        buyers: usize,
        /// Units left to race for.
        #[arg(long, default_value_t = 10)]
        stock: i32,
    },
}

#[derive(Subcommand)]
enum AdminAction {
    /// Verify a BUMDes, by its slug (shown on its dashboard): buyers then see its published products.
    Verify { bumdes: String },
    /// Add an official and print their one-time link to choose a password. The first one is national
    /// (`--region ID`); they invite the others from the web.
    AddOfficial {
        /// `ID` (or `nasional`) for the whole country, else a province, regency or district code
        /// such as 52 or 52.04.
        #[arg(long)]
        region: String,
        #[arg(long)]
        name: String,
        /// Their WhatsApp number, also their login.
        #[arg(long)]
        whatsapp: String,
        #[arg(long, default_value = "")]
        email: String,
    },
}

#[derive(Subcommand)]
enum DbAction {
    /// Start the cluster and print its DATABASE_URL; it keeps running.
    Up {
        /// Skip fsync: faster, and only for throwaway test data.
        #[arg(long)]
        no_fsync: bool,
        /// Drop and create this database, and print its URL instead.
        #[arg(long, value_name = "NAME")]
        fresh_database: Option<String>,
    },
    /// Stop the cluster.
    Down,
}

impl Cli {
    pub async fn run(self, started: std::time::Instant) -> Result<()> {
        let (options, site) = (self.options, self.site);
        match self.command.unwrap_or(Command::Serve) {
            Command::Serve => http::serve(&options, site, started).await,
            Command::BenchPhotos { rounds } => crate::bench_photos::run(rounds),
            Command::Icons { out } => crate::icons::write(&out),
            Command::BenchFaults => crate::bench_faults::run(&options).await,
            Command::Routes => {
                println!("{}", http::route_list());
                Ok(())
            }
            Command::Db { action } => {
                let pg = crate::db::embedded(&options)?;
                match action {
                    DbAction::Up {
                        no_fsync,
                        fresh_database,
                    } => {
                        let pg = if no_fsync { pg.without_fsync() } else { pg };
                        pg.start()?;
                        crate::embedded_pg::ensure_database(&pg).await?;
                        match fresh_database {
                            Some(name) => println!(
                                "{}",
                                crate::embedded_pg::recreate_database(&pg, &name).await?
                            ),
                            None => println!("{}", pg.url()),
                        }
                    }
                    DbAction::Down => pg.stop()?,
                }
                Ok(())
            }
            Command::Task(task) => {
                let db = Database::open(&options, crate::db::Use::Command).await?;
                let result = task.run(&db, &options, &site).await;
                db.close().await?;
                result
            }
        }
    }
}

impl Task {
    async fn run(self, db: &Database, options: &Options, site: &Site) -> Result<()> {
        let pool = &db.pool;
        let started = std::time::Instant::now();
        match self {
            Task::Migrate => println!("migrations applied"),
            Task::ImportRegions { csv } => {
                let rows = regions::import(pool, &csv, true).await?;
                println!(
                    "{rows} regions inserted or renamed in {:.2?}",
                    started.elapsed()
                );
            }
            Task::Seed { demo: true, .. } => {
                regions::ensure_imported(pool).await?;
                let n = seed::demo::seed(pool, &options.media()?).await?;
                recount(pool).await?;
                println!("{n} demo products seeded in {:.2?}", started.elapsed());
            }
            Task::Seed {
                products, orders, ..
            } => {
                regions::ensure_imported(pool).await?;
                if let Some(products) = products {
                    let n = seed::synthetic::seed(pool, products).await?;
                    println!("{n} products seeded in {:.2?}", started.elapsed());
                }
                if let Some(orders) = orders {
                    let n = seed::orders::seed(pool, orders, seed::orders::Steps::Any).await?;
                    println!("{n} orders seeded in {:.2?}", started.elapsed());
                }
                recount(pool).await?;
            }
            Task::Admin {
                action: AdminAction::Verify { bumdes },
            } => {
                use app::verification::queries::{Outcome, verify_by_slug};
                match verify_by_slug(pool, &bumdes).await? {
                    Outcome::Done => println!("{bumdes} verified"),
                    Outcome::Missing => anyhow::bail!("no BUMDes has the slug {bumdes:?}"),
                    _ => anyhow::bail!("{bumdes} is not waiting for verification"),
                }
            }
            Task::Admin {
                action:
                    AdminAction::AddOfficial {
                        region,
                        name,
                        whatsapp,
                        email,
                    },
            } => {
                let country = ["id", "nasional"].contains(&region.to_lowercase().as_str());
                let typed = app::officials::new::Invitation {
                    region: if country { "" } else { &region },
                    name: &name,
                    whatsapp: &whatsapp,
                    email: &email,
                };
                let token = match app::officials::new::add(pool, None, &typed).await? {
                    Ok(token) => token,
                    Err(form) => anyhow::bail!("not added: {:?}", form.problems),
                };
                let site = match &site.public_url {
                    Some(url) => url.clone(),
                    None => format!(
                        "http://{}",
                        get_configuration(None)?.leptos_options.site_addr
                    ),
                };
                let path = app::officials::link_path(&token);
                println!("{name} added; their link to choose a password (valid 7 days, once):");
                println!("{}{path}", site.trim_end_matches('/'));
            }
            Task::BenchSearch { rounds, explain } => {
                crate::bench::run(pool, rounds, explain).await?
            }
            Task::BenchCheckout { url, buyers, stock } => {
                crate::bench_checkout::run(pool, &url, buyers, stock).await?
            }
            Task::BenchCoverage { url, rounds } => {
                crate::bench_coverage::run(pool, &url, rounds).await?
            }
        }
        Ok(())
    }
}

/// Counts what seeding added at once, rather than at the server's next background count.
async fn recount(pool: &sqlx::PgPool) -> Result<()> {
    app::village::queries::refresh_region_counts(pool).await?;
    app::coverage::queries::refresh(pool).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn site_settings_hold_without_the_serve_subcommand() {
        // A bare `server` is what `cargo leptos watch` runs.
        let bare = Cli::try_parse_from([
            "server",
            "--demo",
            "--public-url",
            "https://lumbung.id",
            "--trusted-proxies",
            "2",
            "--limit-scale",
            "7",
        ])
        .unwrap();
        assert!(bare.command.is_none());
        assert!(bare.site.demo);
        assert_eq!(bare.site.public_url.as_deref(), Some("https://lumbung.id"));
        assert_eq!((bare.site.trusted_proxies, bare.site.limit_scale), (2, 7));

        let after = Cli::try_parse_from(["server", "serve", "--trusted-proxies", "1"]).unwrap();
        assert!(matches!(after.command, Some(Command::Serve)));
        assert_eq!(after.site.trusted_proxies, 1);
        // The officials' link takes the same public address.
        let task = Cli::try_parse_from([
            "server",
            "admin",
            "add-official",
            "--region",
            "ID",
            "--name",
            "A",
            "--whatsapp",
            "0811",
            "--public-url",
            "https://lumbung.id/",
        ])
        .unwrap();
        assert_eq!(task.site.public_url.as_deref(), Some("https://lumbung.id/"));
    }

    #[test]
    fn every_site_setting_is_global_and_read_from_the_environment() {
        let cli = Cli::command();
        for id in ["demo", "public_url", "trusted_proxies", "limit_scale"] {
            let arg = cli.get_arguments().find(|a| a.get_id() == id).unwrap();
            assert!(arg.is_global_set(), "{id}");
            let env = arg.get_env().unwrap().to_str().unwrap();
            assert!(env.starts_with("LUMBUNG_"), "{id}: {env}");
        }
        cli.debug_assert();
    }
}
