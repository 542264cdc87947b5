//! `/sitemap.xml` and `robots.txt`. The sitemap is an index: products come in files of at most 50,000
//! addresses (the protocol's limit), by id range, so that a million products stay crawlable.
use app::state::AppState;
use app::village::region_url;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const PER_FILE: i64 = 50_000;

fn xml(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A sitemap document: `root` is `urlset` (entries `url`) or `sitemapindex` (entries `sitemap`).
fn document(root: &str, entry: &str, base: &str, paths: impl Iterator<Item = String>) -> Response {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    );
    for path in paths {
        let loc = escape(&format!("{base}{path}"));
        out.push_str(&format!("<{entry}><loc>{loc}</loc></{entry}>\n"));
    }
    out.push_str(&format!("</{root}>\n"));
    xml(out)
}

fn urlset(base: &str, paths: impl Iterator<Item = String>) -> Response {
    document("urlset", "url", base, paths)
}

fn failed(err: sqlx::Error) -> Response {
    tracing::error!("sitemap: {err}");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

pub async fn index(State(state): State<AppState>) -> Response {
    let last_id = match sqlx::query_scalar!(r#"SELECT coalesce(max(id), 0) AS "id!" FROM products"#)
        .fetch_one(&state.pool)
        .await
    {
        Ok(id) => id,
        Err(err) => return failed(err),
    };
    let files = ["regions".to_string()]
        .into_iter()
        .chain((0..=last_id / PER_FILE).map(|n| format!("products-{n}")))
        .map(|file| format!("/sitemap/{file}.xml"));
    document("sitemapindex", "sitemap", &state.public_url, files)
}

/// `regions.xml`: the regions index, and every region and village that has products.
/// `products-N.xml`: visible products with ids from N×50,000 up to the next file.
pub async fn file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let base = &state.public_url;
    if file == "regions.xml" {
        return match sqlx::query_scalar!(
            "SELECT code FROM region_counts WHERE products > 0 AND code <> '' ORDER BY code"
        )
        .fetch_all(&state.pool)
        .await
        {
            Ok(codes) => urlset(
                base,
                std::iter::once("/wilayah".to_string())
                    .chain(codes.into_iter().flatten().map(|code| region_url(&code))),
            ),
            Err(err) => failed(err),
        };
    }
    let Some(n) = file
        .strip_prefix("products-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| (0..i64::MAX / PER_FILE).contains(n))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match sqlx::query_scalar!(
        "SELECT p.slug FROM products p JOIN bumdes b ON b.id = p.bumdes_id
         WHERE p.id > $1 AND p.id <= $2 AND p.published AND b.verification = 'verified'
         ORDER BY p.id",
        n * PER_FILE,
        (n + 1) * PER_FILE
    )
    .fetch_all(&state.pool)
    .await
    {
        Ok(slugs) => urlset(base, slugs.into_iter().map(|slug| format!("/p/{slug}"))),
        Err(err) => failed(err),
    }
}

pub async fn robots(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nDisallow: /api/\nDisallow: /bahasa/\nDisallow: /hemat-data/\n\nSitemap: {}/sitemap.xml\n",
            state.public_url
        ),
    )
        .into_response()
}
