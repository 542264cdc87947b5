//! The whole state of a search, as it lives in the URL: read from the query string and written back
//! into links, so that a search can be shared and the back button is right.
use serde::{Deserialize, Serialize};

/// Results per page.
pub const PAGE_SIZE: i64 = 20;
/// Deeper pages are refused: nobody reads them, and large offsets are slow.
pub const MAX_PAGE: u32 = 500;
const MAX_QUERY_CHARS: usize = 200;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Relevance,
    Cheapest,
    Priciest,
    Newest,
}

impl Sort {
    pub const ALL: [Sort; 4] = [
        Sort::Relevance,
        Sort::Cheapest,
        Sort::Priciest,
        Sort::Newest,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Sort::Relevance => "relevan",
            Sort::Cheapest => "termurah",
            Sort::Priciest => "termahal",
            Sort::Newest => "terbaru",
        }
    }

    fn from_key(key: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Price bands offered as filters: [min, max] in whole Rupiah, both inclusive.
pub const PRICE_BANDS: [(Option<i64>, Option<i64>); 5] = [
    (None, Some(24_999)),
    (Some(25_000), Some(49_999)),
    (Some(50_000), Some(99_999)),
    (Some(100_000), Some(249_999)),
    (Some(250_000), None),
];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    pub q: String,
    pub category: Option<String>,
    /// Province code, e.g. "52".
    pub province: Option<String>,
    /// Regency code, e.g. "52.04"; it implies its province.
    pub regency: Option<String>,
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    pub in_stock: bool,
    pub flagship: bool,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
}

/// What was wrong with a parameter, for a message in the buyer's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamError {
    QueryTooLong,
    Price,
    PriceOrder,
    Region,
    Category,
    Sort,
    Page,
}

fn is_code(text: &str, parts: usize) -> bool {
    let pieces: Vec<&str> = text.split('.').collect();
    pieces.len() == parts
        && pieces
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

impl SearchQuery {
    /// Reads the query string's parameters; `get` returns a parameter's value. Bad values are left out
    /// of the query and reported, so the page can say what to fix while keeping what was typed.
    pub fn parse(get: impl Fn(&str) -> Option<String>) -> (SearchQuery, Vec<ParamError>) {
        let mut errors = Vec::new();
        let text = |key: &str| {
            get(key)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut query = SearchQuery {
            q: crate::form::search_text(&text("q").unwrap_or_default(), usize::MAX),
            page: 1,
            ..Default::default()
        };
        if query.q.chars().count() > MAX_QUERY_CHARS {
            errors.push(ParamError::QueryTooLong);
            query.q = query.q.chars().take(MAX_QUERY_CHARS).collect();
        }
        if let Some(category) = text("kategori") {
            if category
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
            {
                query.category = Some(category);
            } else {
                errors.push(ParamError::Category);
            }
        }
        match (text("provinsi"), text("kabupaten")) {
            (_, Some(regency)) if is_code(&regency, 2) => {
                query.province = Some(regency[..2].to_string());
                query.regency = Some(regency);
            }
            (Some(province), None) if is_code(&province, 1) => query.province = Some(province),
            (None, None) => {}
            _ => errors.push(ParamError::Region),
        }
        for (key, slot) in [
            ("harga_min", &mut query.min_price),
            ("harga_max", &mut query.max_price),
        ] {
            if let Some(raw) = text(key) {
                match crate::money::parse_rupiah(&raw) {
                    Some(price) => *slot = Some(price),
                    None => errors.push(ParamError::Price),
                }
            }
        }
        if let (Some(min), Some(max)) = (query.min_price, query.max_price)
            && min > max
        {
            errors.push(ParamError::PriceOrder);
        }
        query.in_stock = text("stok").is_some();
        query.flagship = text("unggulan").is_some();
        if let Some(sort) = text("urut") {
            match Sort::from_key(&sort) {
                Some(sort) => query.sort = sort,
                None => errors.push(ParamError::Sort),
            }
        }
        if let Some(page) = text("hal") {
            match page.parse::<u32>() {
                Ok(page) if (1..=MAX_PAGE).contains(&page) => query.page = page,
                _ => errors.push(ParamError::Page),
            }
        }
        (query, errors)
    }

    /// The address of this search, with only the parameters that differ from the defaults.
    pub fn url(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        if let Some(category) = &self.category {
            out.append_pair("kategori", category);
        }
        match (&self.regency, &self.province) {
            (Some(regency), _) => {
                out.append_pair("kabupaten", regency);
            }
            (None, Some(province)) => {
                out.append_pair("provinsi", province);
            }
            (None, None) => {}
        }
        if let Some(min) = self.min_price {
            out.append_pair("harga_min", &min.to_string());
        }
        if let Some(max) = self.max_price {
            out.append_pair("harga_max", &max.to_string());
        }
        if self.in_stock {
            out.append_pair("stok", "1");
        }
        if self.flagship {
            out.append_pair("unggulan", "1");
        }
        if self.sort != Sort::Relevance {
            out.append_pair("urut", self.sort.key());
        }
        if self.page > 1 {
            out.append_pair("hal", &self.page.to_string());
        }
        let query = out.finish();
        if query.is_empty() {
            "/cari".to_string()
        } else {
            format!("/cari?{query}")
        }
    }

    /// This query as the search page's address would give it, or `None` when the address would be refused
    /// (a query too long, a page past the last): the server function takes the fields one by one, and
    /// anyone can send any.
    pub fn checked(&self) -> Option<SearchQuery> {
        let url = self.url();
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(url.split_once('?').map_or("", |(_, q)| q).as_bytes())
                .into_owned()
                .collect();
        let (query, errors) =
            SearchQuery::parse(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()));
        errors.is_empty().then_some(query)
    }

    /// The same search changed by `change`, back on its first page: for filter links.
    pub fn with(&self, change: impl FnOnce(&mut SearchQuery)) -> String {
        let mut next = self.clone();
        change(&mut next);
        next.page = 1;
        next.url()
    }

    /// The same search on another page.
    pub fn on_page(&self, page: u32) -> String {
        SearchQuery {
            page,
            ..self.clone()
        }
        .url()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> (SearchQuery, Vec<ParamError>) {
        SearchQuery::parse(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn reads_every_parameter_and_writes_the_same_url() {
        let (query, errors) = parse(&[
            ("q", " kopi gayo "),
            ("kategori", "kopi-teh"),
            ("kabupaten", "11.04"),
            ("harga_min", "25.000"),
            ("harga_max", "100000"),
            ("stok", "1"),
            ("unggulan", "1"),
            ("urut", "termurah"),
            ("hal", "3"),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(query.q, "kopi gayo");
        assert_eq!(query.province.as_deref(), Some("11"));
        assert_eq!(query.min_price, Some(25_000));
        assert_eq!(
            query.url(),
            "/cari?q=kopi+gayo&kategori=kopi-teh&kabupaten=11.04&harga_min=25000&harga_max=100000&stok=1&unggulan=1&urut=termurah&hal=3"
        );
        assert_eq!(parse(&[]).0.url(), "/cari");
    }

    #[test]
    fn filter_links_go_back_to_the_first_page() {
        let (query, _) = parse(&[("q", "madu"), ("hal", "4")]);
        assert_eq!(query.with(|q| q.in_stock = true), "/cari?q=madu&stok=1");
        assert_eq!(query.on_page(5), "/cari?q=madu&hal=5");
    }

    #[test]
    fn reports_bad_values_and_keeps_the_good_ones() {
        let (query, errors) = parse(&[
            ("q", "madu"),
            ("harga_min", "murah"),
            ("provinsi", "Jawa"),
            ("urut", "acak"),
            ("hal", "0"),
        ]);
        assert_eq!(query.q, "madu");
        assert_eq!(
            errors,
            [
                ParamError::Region,
                ParamError::Price,
                ParamError::Sort,
                ParamError::Page
            ]
        );
        let (_, errors) = parse(&[("harga_min", "90000"), ("harga_max", "10000")]);
        assert_eq!(errors, [ParamError::PriceOrder]);
        let (_, errors) = parse(&[("kategori", "'; DROP TABLE products")]);
        assert_eq!(errors, [ParamError::Category]);
        let long = "a".repeat(300);
        let (query, errors) = parse(&[("q", &long)]);
        assert_eq!(
            (query.q.len(), errors),
            (200, vec![ParamError::QueryTooLong])
        );
    }
}
