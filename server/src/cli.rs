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
}

impl Options {
    pub fn media(&self) -> Result<app::media::Media> {
        Ok(match &self.s3_bucket {
            Some(bucket) => app::media::Media::s3(bucket)?,
            None => app::media::Media::local(&self.data_dir.join("media"))?,
        })
    }
}

#[derive(Args, Clone, Default)]
pub struct Site {
    /// Seed the demo catalogue when the database has no BUMDes yet.
    #[arg(long, env = "LUMBUNG_DEMO")]
    pub demo: bool,
    /// The address buyers use, e.g. https://lumbung.id, for canonical links and the sitemap.
    /// Defaults to http:// and the listening address.
    #[arg(long, env = "LUMBUNG_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// How many proxies (load balancer, CDN) stand in front of the server, each adding to
    /// X-Forwarded-For: logins are then throttled by the address the outermost one saw. With 0 the
    /// header is ignored, since anyone can send it.
    #[arg(long, env = "LUMBUNG_TRUSTED_PROXIES", default_value_t = 0)]
    pub trusted_proxies: usize,
    /// Multiply the free attempts of every abuse limit (logins, registrations, checkouts, requests a
    /// minute) by this: for a site where many people share one address, such as the test suite, whose
    /// sellers all register from one machine.
    #[arg(long, env = "LUMBUNG_LIMIT_SCALE", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit_scale: u32,
}

#[derive(Subcommand)]
enum Command {
    /// Serve Lumbung over HTTP (the default).
    Serve(Site),
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
        /// The address the link starts with; defaults to the listening address.
        #[arg(long, env = "LUMBUNG_PUBLIC_URL")]
        public_url: Option<String>,
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
        let options = self.options;
        match self.command.unwrap_or(Command::Serve(Site::default())) {
            Command::Serve(site) => http::serve(&options, site, started).await,
            Command::BenchPhotos { rounds } => crate::bench_photos::run(rounds),
            Command::Icons { out } => crate::icons::write(&out),
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
                let db = Database::open(&options).await?;
                let result = task.run(&db, &options).await;
                db.close().await?;
                result
            }
        }
    }
}

impl Task {
    async fn run(self, db: &Database, options: &Options) -> Result<()> {
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
                        public_url,
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
                let site = match public_url {
                    Some(url) => url,
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
