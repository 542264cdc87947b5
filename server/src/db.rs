//! Opening the database: the server at DATABASE_URL, or the private cluster, migrated either way.
use anyhow::{Context, Result};
use sqlx::ConnectOptions;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::cli::Options;
use crate::embedded_pg::{EmbeddedPg, ensure_database};

/// The schema this binary expects; `/readyz` checks the database has all of it.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a request waits for a connection before it is told to come back (503): with PostgreSQL
/// down, sqlx would otherwise keep trying for 30 s.
const CONNECTION_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// The longest a request's statement may run: a runaway query is stopped rather than holding a
/// connection every other request waits for.
const STATEMENT_TIMEOUT: &str = "10s";

/// A statement slower than this is logged as a warning.
const SLOW_STATEMENT: std::time::Duration = std::time::Duration::from_millis(250);

pub struct Database {
    /// For requests; when serving, under the statement timeout.
    pub pool: PgPool,
    /// For the work that is no request's (migrating, imports, seeding, the background counts): no
    /// statement timeout, and when serving two connections of its own, so it never takes the
    /// requests' ones. For a command, the same pool as `pool`.
    pub maintenance: PgPool,
    /// The private cluster, when this process started it and so must stop it.
    owned_cluster: Option<EmbeddedPg>,
}

pub fn embedded(options: &Options) -> Result<EmbeddedPg> {
    EmbeddedPg::new(&options.data_dir, options.pg_port)
}

/// Who opens the database: the web server bounds its requests' statements, commands do not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Serving,
    Command,
}

impl Database {
    pub async fn open(options: &Options, usage: Use) -> Result<Self> {
        let (url, owned_cluster) = match &options.database_url {
            Some(url) => (url.clone(), None),
            None => {
                let pg = embedded(options)?;
                let started_here = pg.start()?;
                ensure_database(&pg).await?;
                (pg.url(), started_here.then_some(pg))
            }
        };
        let connections = match usage {
            Use::Serving => 2,
            Use::Command => 16,
        };
        // Every statement is logged at debug (`RUST_LOG=sqlx::query=debug`) with its time, inside
        // the request's span; a slow one at warn.
        let connect = url
            .parse::<PgConnectOptions>()
            .context("reading DATABASE_URL")?
            .log_slow_statements(log::LevelFilter::Warn, SLOW_STATEMENT);
        let maintenance = pool(connections, None)
            .connect_with(connect.clone())
            .await
            .context("connecting to PostgreSQL")?;
        MIGRATOR
            .run(&maintenance)
            .await
            .context("migrating the database")?;
        let pool = match usage {
            Use::Serving => pool(16, Some(STATEMENT_TIMEOUT)).connect_lazy_with(connect),
            Use::Command => maintenance.clone(),
        };
        Ok(Self {
            pool,
            maintenance,
            owned_cluster,
        })
    }

    /// Closes the pool, then stops the private cluster if this process started it.
    pub async fn close(self) -> Result<()> {
        self.pool.close().await;
        self.maintenance.close().await;
        if let Some(pg) = self.owned_cluster {
            pg.stop()?;
        }
        Ok(())
    }
}

fn pool(connections: u32, statement_timeout: Option<&'static str>) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(CONNECTION_WAIT)
        // Pages run short queries; compiling them with JIT costs more (tens of ms) than it saves.
        .after_connect(move |conn, _| {
            Box::pin(async move {
                sqlx::Executor::execute(&mut *conn, "SET jit = off").await?;
                if let Some(limit) = statement_timeout {
                    let set = format!("SET statement_timeout = '{limit}'");
                    sqlx::Executor::execute(&mut *conn, set.as_str()).await?;
                }
                Ok(())
            })
        })
}
