use sqlx::PgPool;

use super::params::{ProductsParams, Raw};
use super::queries::*;
use crate::catalogue::search::index::SearchIndex;
use crate::coverage::Period;
use crate::test_fixtures::{self as fx, FAR_VILLAGE, NewProduct, OTHER_VILLAGE, VILLAGE};

const BASE: &str = "https://lumbung.test";

/// Six products of two verified BUMDes (Aceh, Sumbawa) at rising prices, one unpublished, and one of
/// a pending BUMDes.
async fn catalogue(pool: &PgPool) -> i64 {
    fx::regions(pool).await;
    let aceh = fx::bumdes(pool, "bumdes-aceh", VILLAGE, "verified").await;
    let sumbawa = fx::bumdes(pool, "bumdes-sumbawa", FAR_VILLAGE, "verified").await;
    let pending = fx::bumdes(pool, "bumdes-baru", OTHER_VILLAGE, "pending").await;
    for (seller, slug, price, published) in [
        (aceh, "kopi-satu", 10_000, true),
        (aceh, "kopi-dua", 20_000, true),
        (sumbawa, "kopi-tiga", 30_000, true),
        (aceh, "kopi-empat", 40_000, true),
        (sumbawa, "kopi-lima", 50_000, true),
        (aceh, "kopi-draf", 15_000, false),
        (pending, "kopi-belum", 5_000, true),
    ] {
        let product = NewProduct {
            slug,
            price,
            published,
            ..Default::default()
        };
        fx::product(pool, seller, product).await.unwrap();
    }
    aceh
}

async fn window(pool: &PgPool, index: &SearchIndex, query: &str) -> super::schema::ProductList {
    let params = ProductsParams::read(&Raw::new(Some(query))).unwrap();
    search(pool, index, BASE, &params).await.unwrap()
}

fn slugs(list: &super::schema::ProductList) -> Vec<&str> {
    list.items.iter().map(|p| p.slug.as_str()).collect()
}

#[sqlx::test(migrations = "../server/migrations")]
async fn windows_follow_the_cursor_even_when_products_are_added(pool: PgPool) {
    let aceh = catalogue(&pool).await;
    let index = SearchIndex::load(&pool).await.unwrap();
    let first = window(&pool, &index, "q=kopi&sort=cheapest&limit=2").await;
    assert_eq!(slugs(&first), ["kopi-satu", "kopi-dua"]);
    assert_eq!(
        first.total, 5,
        "neither the draft nor the pending BUMDes's product"
    );
    // A cheaper product listed meanwhile sorts before the cursor: the next window neither repeats nor
    // skips one.
    let cheaper = NewProduct {
        slug: "kopi-murah",
        price: 1_000,
        ..Default::default()
    };
    fx::product(&pool, aceh, cheaper).await.unwrap();
    let cursor = first.next_cursor.expect("more follow");
    let second = window(
        &pool,
        &index,
        &format!("q=kopi&sort=cheapest&limit=2&cursor={cursor}"),
    )
    .await;
    assert_eq!(slugs(&second), ["kopi-tiga", "kopi-empat"]);
    assert_eq!(second.total, 6);
    let cursor = second.next_cursor.expect("one more");
    let last = window(
        &pool,
        &index,
        &format!("q=kopi&sort=cheapest&limit=2&cursor={cursor}"),
    )
    .await;
    assert_eq!(slugs(&last), ["kopi-lima"]);
    assert_eq!(last.next_cursor, None);
    // A full last window has no cursor either.
    let all = window(&pool, &index, "q=kopi&limit=6").await;
    assert_eq!((all.items.len(), all.next_cursor), (6, None));
    // The search page's filters: a province, a price band.
    let sumbawa = window(&pool, &index, "province=52&min_price=40000").await;
    assert_eq!(slugs(&sumbawa), ["kopi-lima"]);
    // A misspelling is corrected and says so.
    let corrected = window(&pool, &index, "q=kopi+satuu&limit=1").await;
    assert_eq!(corrected.corrected_query.as_deref(), Some("kopi satu"));
    assert_eq!(slugs(&corrected), ["kopi-satu"]);
}

#[sqlx::test(migrations = "../server/migrations")]
async fn a_product_names_its_regions_and_seller_but_no_phone(pool: PgPool) {
    catalogue(&pool).await;
    let product = product(&pool, BASE, "kopi-tiga").await.unwrap().unwrap();
    assert_eq!(product.product.url, "https://lumbung.test/p/kopi-tiga");
    assert_eq!(product.product.price, 30_000);
    let origin = &product.product.origin;
    assert_eq!(
        [
            &origin.village.code,
            &origin.district.code,
            &origin.regency.code,
            &origin.province.code
        ],
        ["52.04.01.2001", "52.04.01", "52.04", "52"]
    );
    assert_eq!(product.product.seller.name, "bumdes-sumbawa");
    assert_eq!(
        product.product.seller.verified_by.as_deref(),
        Some("Lumbung")
    );
    let json = serde_json::to_string(&product).unwrap();
    assert!(
        !json.contains("+62") && !json.contains("whatsapp"),
        "{json}"
    );
    // Neither a draft nor a pending BUMDes's product, nor one that does not exist.
    for hidden in ["kopi-draf", "kopi-belum", "tidak-ada"] {
        assert_eq!(
            super::queries::product(&pool, BASE, hidden).await.unwrap(),
            None,
            "{hidden}"
        );
    }
}

#[sqlx::test(migrations = "../server/migrations")]
async fn verified_bumdes_by_region_in_windows(pool: PgPool) {
    catalogue(&pool).await;
    let (all, next) = verified_bumdes(&pool, BASE, None, 0, 10).await.unwrap();
    let names: Vec<&str> = all.iter().map(|b| b.name.as_str()).collect();
    assert_eq!((names, next), (vec!["bumdes-aceh", "bumdes-sumbawa"], None));
    assert_eq!(all[0].products, 3, "published products only");
    assert_eq!(all[0].url, "https://lumbung.test/desa/11.01.01.2001");
    let (first, next) = verified_bumdes(&pool, BASE, None, 0, 1).await.unwrap();
    assert_eq!(first[0].name, "bumdes-aceh");
    let (second, last) = verified_bumdes(&pool, BASE, None, next.unwrap(), 1)
        .await
        .unwrap();
    assert_eq!((second[0].name.as_str(), last), ("bumdes-sumbawa", None));
    for (region, count) in [
        ("52", 1),
        ("52.04.01.2001", 1),
        ("11.01", 1),
        ("11.01.01.2002", 0),
        ("33", 0),
    ] {
        let (found, _) = verified_bumdes(&pool, BASE, Some(region), 0, 10)
            .await
            .unwrap();
        assert_eq!(found.len(), count, "{region}");
    }
    // "5" is not a prefix of "52": regions are matched whole.
    assert!(
        verified_bumdes(&pool, BASE, Some("5"), 0, 10)
            .await
            .unwrap()
            .0
            .is_empty()
    );
}

#[sqlx::test(migrations = "../server/migrations")]
async fn a_regions_figures_agree_with_its_parents_list(pool: PgPool) {
    catalogue(&pool).await;
    crate::village::queries::refresh_region_counts(&pool)
        .await
        .unwrap();
    crate::coverage::queries::refresh(&pool).await.unwrap();
    let provinces = regions_in(&pool, BASE, None, Period::Month)
        .await
        .unwrap()
        .unwrap();
    let codes: Vec<&str> = provinces.items.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["11", "52"]);
    assert_eq!(provinces.total.villages, 3);
    assert_eq!(provinces.total.pending_verifications, 1);
    assert!(provinces.counted_at.is_some());
    let aceh = region(&pool, BASE, "11", Period::Quarter)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(aceh.coverage, provinces.items[0].coverage);
    assert_eq!(aceh.coverage.products, 3);
    assert_eq!(
        aceh.children_url.as_deref(),
        Some("https://lumbung.test/api/v1/regions?parent=11")
    );
    let village = region(&pool, BASE, VILLAGE, Period::Year)
        .await
        .unwrap()
        .unwrap();
    let above: Vec<&str> = village.above.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(above, ["11", "11.01", "11.01.01"]);
    assert_eq!((village.coverage.villages, village.children_url), (1, None));
    let district = regions_in(&pool, BASE, Some("11.01.01"), Period::Month)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(district.items.len(), 2);
    assert_eq!(district.parent.unwrap().name, "Bakongan");
    for missing in ["99", "11.09", VILLAGE] {
        assert!(
            regions_in(&pool, BASE, Some(missing), Period::Month)
                .await
                .unwrap()
                .is_none()
        );
    }
    assert!(
        region(&pool, BASE, "99.01", Period::Month)
            .await
            .unwrap()
            .is_none()
    );
}

#[sqlx::test(migrations = "../server/migrations")]
async fn the_bulk_csv_lists_every_region_of_a_level(pool: PgPool) {
    catalogue(&pool).await;
    crate::village::queries::refresh_region_counts(&pool)
        .await
        .unwrap();
    let villages = super::bulk::document(&pool, "village").await.unwrap();
    let lines: Vec<&str> = villages.trim_start_matches('\u{feff}').lines().collect();
    assert!(villages.starts_with('\u{feff}'));
    assert_eq!(
        lines[0],
        "kode_wilayah,wilayah,kode_induk,desa,desa_bumdes_terverifikasi,desa_produk_unggulan,cakupan_persen,produk"
    );
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[1],
        "11.01.01.2001,Keude Bakongan,11.01.01,1,1,0,\"0,0\",3"
    );
    let provinces = super::bulk::document(&pool, "province").await.unwrap();
    assert_eq!(provinces.lines().count(), 3);
}

#[sqlx::test(migrations = "../server/migrations")]
async fn the_bulk_csv_is_made_again_only_after_a_count(pool: PgPool) {
    let aceh = catalogue(&pool).await;
    let recount = async || {
        crate::village::queries::refresh_region_counts(&pool)
            .await
            .unwrap();
        crate::coverage::queries::refresh(&pool).await.unwrap();
    };
    recount().await;
    let first = super::bulk::document(&pool, "regency").await.unwrap();
    let flagship = NewProduct {
        slug: "kopi-unggulan",
        flagship: true,
        ..Default::default()
    };
    fx::product(&pool, aceh, flagship).await.unwrap();
    // Until the figures are counted again, the same document.
    let again = super::bulk::document(&pool, "regency").await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&first, &again));
    recount().await;
    let counted = super::bulk::document(&pool, "regency").await.unwrap();
    assert!(
        first.contains("11.01,Kabupaten Aceh Selatan,11,2,1,0,"),
        "{first}"
    );
    assert!(
        counted.contains("11.01,Kabupaten Aceh Selatan,11,2,1,1,"),
        "{counted}"
    );
}
