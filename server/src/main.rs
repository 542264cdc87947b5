//! Lumbung's server binary: the web server and the commands that prepare its database.
#![recursion_limit = "256"]
mod api;
mod bench;
mod bench_checkout;
mod bench_coverage;
mod bench_faults;
mod bench_photos;
mod body_limits;
mod caching;
mod cli;
mod coverage_csv;
mod db;
mod embedded_pg;
mod fn_errors;
mod form_echo;
mod health;
mod http;
#[cfg(test)]
mod http_tests;
mod icons;
mod load_shed;
mod media;
mod open_data_csv;
mod orders_csv;
mod origin;
mod preferences;
mod pwa;
mod rate_limit;
mod refusal;
mod regions;
mod request_log;
mod security_headers;
mod seed;
mod sitemap;
mod static_files;
mod telemetry;
#[cfg(test)]
mod test_app;

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let cli = cli::Cli::parse();
    // Logs go to stderr: stdout carries what commands print, such as `db up`'s URL.
    let logs = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        );
    match cli.options.log_format {
        cli::LogFormat::Json => logs.json().with_current_span(true).init(),
        cli::LogFormat::Text => logs.init(),
    }
    cli.run(started).await
}
