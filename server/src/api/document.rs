//! The OpenAPI 3.1 document of the open data API, made from the handlers' annotations and the
//! answers' Rust types, with this server's public address.
use app::open_data::params::{PeriodChoice, ProductSort};
use app::open_data::schema::{
    ApiError, Bumdes, BumdesList, Category, Coverage, Level, Origin, Product, ProductDetail,
    ProductList, Region, RegionCoverage, RegionList, RegionRef, Seller,
};
use app::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::{
    ContentBuilder, HeaderBuilder, ObjectBuilder, Ref, RefOr, ResponseBuilder, Server, Type,
};
use utoipa::{Modify, OpenApi};

use super::handlers;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Lumbung open data",
        version = "1",
        description = "Village products, verified BUMDes and the OVOP programme's coverage by region. \
                       Read-only, public, no key. Field names are stable within v1; money is whole Rupiah; \
                       regions are Kemendagri codes. No buyer's personal data.",
        license(name = "CC BY 4.0", url = "https://creativecommons.org/licenses/by/4.0/")
    ),
    paths(
        handlers::products,
        handlers::product,
        handlers::bumdes,
        handlers::regions,
        handlers::region
    ),
    components(schemas(
        ApiError, Bumdes, BumdesList, Category, Coverage, Level, Origin, PeriodChoice, Product,
        ProductDetail, ProductList, ProductSort, Region, RegionCoverage, RegionList, RegionRef, Seller
    )),
    modifiers(&Shared),
    tags(
        (name = "products", description = "Products buyers can order."),
        (name = "bumdes", description = "Verified village-owned enterprises."),
        (name = "coverage", description = "The programme's figures by region.")
    )
)]
struct Document;

/// What every operation answers besides its own: an ETag and Cache-Control with its answer, 304 to a
/// matching `If-None-Match`, 429 past the per-address limit, 503 when the server sheds load.
struct Shared;

impl Modify for Shared {
    fn modify(&self, document: &mut utoipa::openapi::OpenApi) {
        let text = || ObjectBuilder::new().schema_type(Type::String);
        let header = |schema: ObjectBuilder, description: &str| {
            HeaderBuilder::new()
                .schema(Some(schema))
                .description(Some(description))
                .build()
        };
        let etag = header(
            text(),
            "A weak tag of the answer: send it in If-None-Match.",
        );
        let cache = header(text(), "How long the answer may be kept.");
        let unchanged = ResponseBuilder::new()
            .description("Unchanged since the ETag sent in If-None-Match.")
            .build();
        let wait = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .header(
                    "Retry-After",
                    header(
                        ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .minimum(Some(0)),
                        "Seconds to wait.",
                    ),
                )
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ApiError")))
                        .build(),
                )
                .build()
        };
        let limited = wait("Too many requests from this address.");
        let unavailable = wait("The server is too busy or cannot reach its database just now.");
        let operations = document
            .paths
            .paths
            .values_mut()
            .filter_map(|item| item.get.as_mut());
        for operation in operations {
            let responses = &mut operation.responses.responses;
            if let Some(RefOr::T(answer)) = responses.get_mut("200") {
                answer.headers.insert("ETag".into(), etag.clone().into());
                answer
                    .headers
                    .insert("Cache-Control".into(), cache.clone().into());
            }
            responses.insert("304".into(), unchanged.clone().into());
            responses.insert("429".into(), limited.clone().into());
            responses.insert("503".into(), unavailable.clone().into());
        }
    }
}

/// The document as JSON, naming `public_url` as the server.
pub fn json(public_url: &str) -> String {
    let mut document = Document::openapi();
    document.servers = Some(vec![Server::new(public_url)]);
    document.to_json().expect("the document serializes")
}

pub async fn served(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        json(&state.public_url),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_openapi_3_1_document_of_every_route() {
        let document: serde_json::Value =
            serde_json::from_str(&json("https://lumbung.test")).unwrap();
        assert_eq!(document["openapi"], "3.1.0");
        assert_eq!(document["servers"][0]["url"], "https://lumbung.test");
        let paths = document["paths"].as_object().unwrap();
        for (path, _) in super::super::routes() {
            if path != "/openapi.json" {
                let path = format!("{}{path}", app::open_data::API);
                assert!(paths.contains_key(&path), "{path} is not in the document");
            }
        }
        assert_eq!(paths.len(), super::super::routes().len() - 1);
        // Every operation's shared answers.
        for (path, item) in paths {
            let responses = &item["get"]["responses"];
            assert!(responses["200"]["headers"]["ETag"].is_object(), "{path}");
            assert!(
                responses["429"]["headers"]["Retry-After"].is_object(),
                "{path}"
            );
            assert!(responses["304"].is_object(), "{path}");
        }
        // Money is whole Rupiah: an integer.
        let price = &document["components"]["schemas"]["Product"]["properties"]["price"];
        assert_eq!(price["type"], "integer");
    }
}
