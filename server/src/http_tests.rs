//! The assembled server, request by request: statuses, cache headers, the Origin check and sessions,
//! as every layer of `http::router` gives them.
use app::auth::queries::Account;
use axum::http::{StatusCode, header};
use sqlx::PgPool;

use crate::test_app::{SITE, TestApp, session_cookie};

/// A BUMDes in Keude Bakongan with its owner and one staff member, and a national official: the
/// cookies of each.
struct People {
    owner: String,
    staff: String,
    official: String,
}

async fn people(pool: &PgPool) -> People {
    sqlx::query(
        "INSERT INTO regions (code, parent_code, level, name) VALUES
            ('11', NULL, 'province', 'Aceh'),
            ('11.01', '11', 'regency', 'Kabupaten Aceh Selatan'),
            ('11.01.01', '11.01', 'district', 'Bakongan'),
            ('11.01.01.2001', '11.01.01', 'village', 'Keude Bakongan')",
    )
    .execute(pool)
    .await
    .unwrap();
    let new = app::auth::queries::NewBumdes {
        bumdes_name: "BUMDes Uji",
        village_code: "11.01.01.2001",
        manager_name: "Pemilik",
        whatsapp: "+6281234500001",
        email: None,
        certificate_number: None,
        password_hash: "not a hash: nobody logs in",
    };
    let owner = app::auth::queries::register(pool, &new)
        .await
        .unwrap()
        .unwrap();
    let staff: i64 = sqlx::query_scalar(
        "INSERT INTO sellers (bumdes_id, name, whatsapp, password_hash, role)
         SELECT bumdes_id, 'Staf', '+6281234500002', 'x', 'staff' FROM sellers WHERE id = $1
         RETURNING id",
    )
    .bind(owner)
    .fetch_one(pool)
    .await
    .unwrap();
    let official: i64 = sqlx::query_scalar(
        "INSERT INTO officials (name, whatsapp) VALUES ('Petugas', '+6281100000009') RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    People {
        owner: session_cookie(pool, Account::Seller(owner)).await,
        staff: session_cookie(pool, Account::Seller(staff)).await,
        official: session_cookie(pool, Account::Official(official)).await,
    }
}

#[sqlx::test]
async fn pages_answer_with_their_status_and_headers(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let home = app.get("/", &[]).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.header(header::CONTENT_TYPE).starts_with("text/html"));
    assert!(home.body.contains("<html"), "{}", &home.body[..200]);
    assert_eq!(home.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(
        home.header(header::CONTENT_SECURITY_POLICY)
            .contains("'nonce-")
    );

    let missing = app.get("/p/tidak-ada", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("<html"));
    assert_eq!(
        app.get("/berkas-yang-tidak-ada.txt", &[]).await.status,
        StatusCode::NOT_FOUND
    );

    let icon = app.get("/favicon.svg", &[]).await;
    assert_eq!(icon.status, StatusCode::OK);
    assert_eq!(icon.header(header::CONTENT_TYPE), "image/svg+xml");
    let robots = app.get("/robots.txt", &[]).await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots.body.contains(&format!("{SITE}/sitemap.xml")));
}

#[sqlx::test]
async fn public_answers_carry_an_etag_that_gives_304(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let first = app.get("/api/v1/regions", &[]).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.header(header::CACHE_CONTROL), "public, max-age=60");
    let tag = first.header(header::ETAG).to_string();
    assert!(tag.starts_with("W/\""), "{tag}");
    let again = app.get("/api/v1/regions", &[("if-none-match", &tag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header(header::ETAG), tag);
    // Another tag is another document.
    let stale = app
        .get("/api/v1/regions", &[("if-none-match", "W/\"lain\"")])
        .await;
    assert_eq!(stale.status, StatusCode::OK);

    let refused = app.get("/api/v1/products?limit=1000", &[]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.header(header::CACHE_CONTROL), "no-store");
    assert!(
        refused.body.contains("\"parameter\":\"limit\""),
        "{}",
        refused.body
    );
}

#[sqlx::test]
async fn changes_from_another_origin_are_refused(pool: PgPool) {
    let app = TestApp::new(pool.clone()).await;
    let who = people(&pool).await;
    let cookie = who.owner.as_str();
    for origin in [
        &[("cookie", cookie), ("origin", "https://jahat.example")][..],
        &[
            ("cookie", cookie),
            ("origin", "http://lumbung.test.jahat.example"),
        ],
        &[
            ("cookie", cookie),
            ("referer", "https://jahat.example/?http://lumbung.test/"),
        ],
        &[("cookie", cookie)],
    ] {
        let answer = app.post("/api/staff_data", "", origin).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{origin:?}");
        assert!(answer.body.contains("asal halaman tidak dikenal"));
    }
    let from_a_page = [
        ("cookie", cookie),
        ("referer", "http://lumbung.test/dasbor/staf"),
    ];
    let answer = app.post("/api/staff_data", "", &from_a_page).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    // Reading needs no origin.
    assert_eq!(
        app.get("/dasbor/pesanan.csv", &[("cookie", cookie)])
            .await
            .status,
        StatusCode::OK
    );
}

/// A server function called from the site's pages with this cookie ("" for none).
async fn call(app: &TestApp, cookie: &str, function: &str, form: &str) -> crate::test_app::Answer {
    let headers = [("cookie", cookie), ("origin", SITE)];
    app.post(&format!("/api/{function}"), form, &headers).await
}

#[sqlx::test]
async fn server_functions_answer_401_403_and_keep_their_4xx(pool: PgPool) {
    let app = TestApp::new(pool.clone()).await;
    let who = people(&pool).await;
    // Owners alone manage staff.
    assert_eq!(
        call(&app, "", "staff_data", "").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&app, &who.official, "staff_data", "").await.status,
        StatusCode::UNAUTHORIZED,
        "an official is not a seller"
    );
    assert_eq!(
        call(&app, &who.staff, "staff_data", "").await.status,
        StatusCode::FORBIDDEN
    );
    let owner = call(&app, &who.owner, "staff_data", "").await;
    assert_eq!(owner.status, StatusCode::OK);
    assert!(owner.body.contains("Staf"), "{}", owner.body);

    // A listing of no BUMDes of theirs, an argument that is no number, a function that does not exist.
    assert_eq!(
        call(&app, &who.owner, "listing_form", "id=999999")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let bad = call(&app, &who.owner, "listing_form", "id=satu").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    assert_eq!(bad.header("serverfnerror"), "/api/listing_form");
    assert_eq!(
        call(&app, &who.owner, "tidak_ada", "").await.status,
        StatusCode::NOT_FOUND
    );

    // Downloads: a guest is sent to log in, a seller is no official.
    let guest = app.get("/dasbor/pesanan.csv", &[]).await;
    assert_eq!(guest.status, StatusCode::SEE_OTHER);
    assert_eq!(guest.header(header::LOCATION), "/masuk");
    let csv = app
        .get("/dasbor/pesanan.csv", &[("cookie", &who.owner)])
        .await;
    assert_eq!(csv.header(header::CONTENT_TYPE), "text/csv; charset=utf-8");
    let coverage = app
        .get("/petugas/cakupan.csv", &[("cookie", &who.owner)])
        .await;
    assert_eq!(coverage.status, StatusCode::FORBIDDEN);
    let coverage = app
        .get("/petugas/cakupan.csv", &[("cookie", &who.official)])
        .await;
    assert_eq!(coverage.status, StatusCode::OK);
}

#[sqlx::test]
async fn every_answer_carries_a_request_id_and_is_counted(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let made = app.get("/robots.txt", &[]).await;
    let id = made.header("x-request-id").to_string();
    assert_eq!(id.len(), 16, "{id}");
    assert_ne!(app.get("/robots.txt", &[]).await.header("x-request-id"), id);
    // A load balancer's plain id is kept; anything else is replaced, as it goes into the logs.
    let kept = app
        .get("/robots.txt", &[("x-request-id", "lb-42.a_b")])
        .await;
    assert_eq!(kept.header("x-request-id"), "lb-42.a_b");
    let hostile = app
        .get("/robots.txt", &[("x-request-id", "a\" b=<script>")])
        .await;
    assert_eq!(hostile.header("x-request-id").len(), 16);

    app.get("/p/tidak-ada", &[]).await;
    let invented = axum::http::Request::builder()
        .method("LUMBUNGX")
        .uri("/robots.txt")
        .body(axum::body::Body::empty())
        .unwrap();
    app.send(invented).await;
    let metrics = app.get("/metrics", &[]).await;
    assert_eq!(metrics.status, StatusCode::OK);
    let line = |prefix: &str| {
        metrics
            .body
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix} in\n{}", metrics.body))
            .to_string()
    };
    // By route pattern, never the path typed.
    line(r#"lumbung_http_requests_total{route="/p/{slug}",method="GET",status="404"}"#);
    line(
        r#"lumbung_http_request_duration_seconds_bucket{route="/robots.txt",method="GET",le="0.005"}"#,
    );
    assert!(!metrics.body.contains("tidak-ada"));
    assert!(
        !metrics.body.contains("LUMBUNGX"),
        "a method name typed is no label"
    );
    line("lumbung_db_pool_connections{state=\"idle\"}");
    line("lumbung_search_index_products 0");
    line("lumbung_search_index_sync_lag_seconds");
}

#[sqlx::test]
async fn ready_only_between_start_and_stop(pool: PgPool) {
    use crate::health::{Health, door};
    use std::sync::Arc;
    let health = Arc::new(Health::default());
    let site = TestApp::new(pool.clone()).await;
    let door = TestApp::around(door(health.clone()));
    assert_eq!(door.get("/healthz", &[]).await.status, StatusCode::OK);
    let starting = door.get("/readyz", &[]).await;
    assert_eq!(starting.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(starting.body, "not ready: starting");
    let early = door.get("/", &[]).await;
    assert_eq!(early.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(early.header(header::RETRY_AFTER), "5");
    assert_eq!(early.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(starting.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");

    health.connected(pool.clone());
    health.open(site.router());
    assert_eq!(door.get("/readyz", &[]).await.body, "ready");
    assert_eq!(door.get("/robots.txt", &[]).await.status, StatusCode::OK);
    // A database without the latest of the migrations this binary expects cannot serve it.
    sqlx::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT max(version) FROM _sqlx_migrations)",
    )
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(
        door.get("/readyz", &[]).await.body,
        "not ready: migrations not applied"
    );
    health.stop();
    let stopping = door.get("/readyz", &[]).await;
    assert_eq!(stopping.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(stopping.body, "not ready: stopping");
    assert_eq!(door.get("/healthz", &[]).await.status, StatusCode::OK);
}

/// A form whose body never finishes arriving: its request holds its place until dropped.
fn stalled_form() -> axum::http::Request<axum::body::Body> {
    let never = futures_util::stream::pending::<Result<Vec<u8>, std::io::Error>>();
    axum::http::Request::post("/api/staff_data")
        .header("origin", SITE)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from_stream(never))
        .unwrap()
}

#[sqlx::test]
async fn sheds_load_past_its_limits_with_503_and_retry_after(pool: PgPool) {
    use std::time::{Duration, Instant};
    let app = std::sync::Arc::new(TestApp::with_limits(pool, 1, Duration::from_millis(400)).await);
    // One request in flight takes the only place: the next is refused at once, in words.
    let stalled = tokio::spawn({
        let app = app.clone();
        async move { app.send(stalled_form()).await }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let refused = app.get("/robots.txt", &[]).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.header(header::RETRY_AFTER), "1");
    assert!(
        refused.body.contains("terganggu sebentar"),
        "{}",
        refused.body
    );
    assert!(started.elapsed() < Duration::from_millis(100));
    let api = app.get("/api/v1/regions", &[]).await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        api.body.contains("\"error\":\"unavailable\""),
        "{}",
        api.body
    );

    // The stalled one is cut off at its time limit, and the place is free again.
    let late = stalled.await.unwrap();
    assert_eq!(late.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(late.header(header::RETRY_AFTER), "5");
    assert_eq!(late.header(header::CONTENT_TYPE), "application/json");
    assert_eq!(app.get("/robots.txt", &[]).await.status, StatusCode::OK);
}

/// A 400 × 300 PNG, as a phone might send.
fn photo() -> Vec<u8> {
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_fn(400, 300, |x, y| image::Rgb([x as u8, y as u8, 90]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    png.into_inner()
}

#[sqlx::test]
async fn a_failing_media_store_refuses_uploads_in_words_and_pages_still_show(pool: PgPool) {
    let app = TestApp::new(pool.clone()).await;
    let who = people(&pool).await;
    let listing: i64 = sqlx::query_scalar(
        "INSERT INTO products (bumdes_id, village_code, name, slug, description, price_rupiah, stock,
                               unit, weight_grams, category, published)
         SELECT id, village_code, 'Kopi Uji', 'kopi-uji', 'Kopi.', 25000, 5, 'bungkus', 250,
                'kopi-teh', true FROM bumdes RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    // Where the photos' folder should be, a file: every write to the store fails.
    std::fs::write(app.media_dir.join("products"), b"").unwrap();

    let boundary = "lumbung-uji";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n{listing}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"kopi.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend(photo());
    body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    let upload = axum::http::Request::post("/api/upload_photos")
        .header("origin", SITE)
        .header("cookie", &who.owner)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(axum::body::Body::from(body))
        .unwrap();
    let refused = app.send(upload).await;
    assert_eq!(
        refused.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Unavailable"), "{}", refused.body);
    let photos: i64 = sqlx::query_scalar("SELECT count(*) FROM product_photos")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(photos, 0);
    let stored: Vec<_> = std::fs::read_dir(&app.media_dir).unwrap().collect();
    assert_eq!(
        stored.len(),
        1,
        "only the file standing in the folder's way"
    );

    // The listing's page still renders; a picture that cannot be read is the placeholder.
    sqlx::query("UPDATE bumdes SET verification = 'verified'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(app.get("/p/kopi-uji", &[]).await.status, StatusCode::OK);
    let picture = app
        .get("/media/products/1/0123456789abcdef01234567-320.webp", &[])
        .await;
    assert_eq!(picture.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(picture.header(header::CONTENT_TYPE), "image/svg+xml");
    assert_eq!(picture.header(header::CACHE_CONTROL), "no-store");
    assert!(picture.body.starts_with("<svg"), "{}", picture.body);
}
