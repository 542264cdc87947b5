//! Opening the database: the server at DATABASE_URL, or the private cluster, migrated either way.
use anyhow::{Context, Result};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::cli::Options;
use crate::embedded_pg::{EmbeddedPg, ensure_database};

pub struct Database {
    pub pool: PgPool,
    /// The private cluster, when this process started it and so must stop it.
    owned_cluster: Option<EmbeddedPg>,
}

pub fn embedded(options: &Options) -> Result<EmbeddedPg> {
    EmbeddedPg::new(&options.data_dir, options.pg_port)
}

impl Database {
    pub async fn open(options: &Options) -> Result<Self> {
        let (url, owned_cluster) = match &options.database_url {
            Some(url) => (url.clone(), None),
            None => {
                let pg = embedded(options)?;
                let started_here = pg.start()?;
                ensure_database(&pg).await?;
                (pg.url(), started_here.then_some(pg))
            }
        };
        let pool = PgPoolOptions::new()
            .max_connections(16)
            // Pages run short queries; compiling them with JIT costs more (tens of ms) than it saves.
            .after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::Executor::execute(conn, "SET jit = off").await?;
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .context("connecting to PostgreSQL")?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .context("migrating the database")?;
        Ok(Self {
            pool,
            owned_cluster,
        })
    }

    /// Closes the pool, then stops the private cluster if this process started it.
    pub async fn close(self) -> Result<()> {
        self.pool.close().await;
        if let Some(pg) = self.owned_cluster {
            pg.stop()?;
        }
        Ok(())
    }
}
