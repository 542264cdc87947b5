//! Lumbung's server binary: the web server and the commands that prepare its database.
#![recursion_limit = "256"]
mod api;
mod bench;
mod bench_checkout;
mod bench_coverage;
mod bench_photos;
mod body_limits;
mod caching;
mod cli;
mod coverage_csv;
mod db;
mod embedded_pg;
mod fn_errors;
mod form_echo;
mod http;
mod icons;
mod media;
mod open_data_csv;
mod orders_csv;
mod origin;
mod preferences;
mod pwa;
mod rate_limit;
mod refusal;
mod regions;
mod security_headers;
mod seed;
mod sitemap;
mod static_files;

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    // Logs go to stderr: stdout carries what commands print, such as `db up`'s URL.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    cli::Cli::parse().run(started).await
}
