//! The open data API's query parameters. The OpenAPI document's parameters come from these structs,
//! and each is read leniently from the raw query string, so that a bad value gets a message naming its
//! parameter rather than an extractor's note.
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

use super::problem::{Bad, Problem};
use crate::catalogue::search::matching::{Place, Window};
use crate::catalogue::search::{SearchQuery, Sort};
use crate::coverage::Period;

/// Results per window, unless `limit` asks for another number up to `MAX_LIMIT`.
pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;

/// The query string's pairs, as sent.
pub struct Raw(Vec<(String, String)>);

impl Raw {
    pub fn new(query: Option<&str>) -> Raw {
        Raw(form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect())
    }

    /// A parameter's first value. An empty one is a value too: one that most parameters refuse.
    fn text(&self, name: &str) -> Option<String> {
        (self.0.iter())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    }

    /// A category's slug: lower-case letters and hyphens.
    fn category(&self) -> Result<Option<String>, Problem> {
        self.text("category")
            .map(|slug| {
                (!slug.is_empty() && slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
                    .then_some(slug)
                    .ok_or(Problem::parameter("category", Bad::Category))
            })
            .transpose()
    }

    fn whole(&self, name: &'static str, most: i64) -> Result<Option<i64>, Problem> {
        self.text(name)
            .map(|text| match text.parse::<i64>() {
                Ok(n) if (0..=most).contains(&n) => Ok(n),
                _ => Err(Problem::parameter(name, Bad::Whole)),
            })
            .transpose()
    }

    fn flag(&self, name: &'static str) -> Result<bool, Problem> {
        match self.text(name).as_deref() {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err(Problem::parameter(name, Bad::Boolean)),
        }
    }

    fn choice<T: Copy>(
        &self,
        name: &'static str,
        choices: &[(&str, T)],
    ) -> Result<Option<T>, Problem> {
        self.text(name)
            .map(|text| {
                (choices.iter())
                    .find(|(key, _)| *key == text)
                    .map(|(_, value)| *value)
                    .ok_or(Problem::parameter(name, Bad::Choice))
            })
            .transpose()
    }

    fn region(&self, name: &'static str) -> Result<Option<String>, Problem> {
        self.text(name)
            .map(|code| {
                is_region_code(&code)
                    .then_some(code)
                    .ok_or(Problem::parameter(name, Bad::RegionCode))
            })
            .transpose()
    }

    fn limit(&self) -> Result<usize, Problem> {
        match self.whole("limit", i64::from(MAX_LIMIT))? {
            None => Ok(DEFAULT_LIMIT as usize),
            Some(0) => Err(Problem::parameter("limit", Bad::Whole)),
            Some(n) => Ok(n as usize),
        }
    }
}

/// A Kemendagri code: a province `52`, regency `52.04`, district `52.04.05` or village `52.04.05.2001`.
pub fn is_region_code(code: &str) -> bool {
    let pieces: Vec<&str> = code.split('.').collect();
    (1..=4).contains(&pieces.len())
        && pieces.iter().enumerate().all(|(n, piece)| {
            piece.len() == if n == 3 { 4 } else { 2 } && piece.bytes().all(|b| b.is_ascii_digit())
        })
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ProductSort {
    /// With `q`, the best matches first; without, flagship products first, then the newest.
    #[default]
    Relevance,
    Cheapest,
    Priciest,
    Newest,
}

const SORTS: [(&str, ProductSort); 4] = [
    ("relevance", ProductSort::Relevance),
    ("cheapest", ProductSort::Cheapest),
    ("priciest", ProductSort::Priciest),
    ("newest", ProductSort::Newest),
];

/// The filters of the search page `/cari`, under English names.
#[derive(Clone, Debug, Default, PartialEq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductsParams {
    /// Words to look for, as typed in the search box: `kopi gayo`, `madu -hutan`, `"gula aren"`.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// A category's slug.
    #[param(pattern = "^[a-z-]+$", example = "kopi-teh")]
    pub category: Option<String>,
    /// A province's code.
    #[param(pattern = r"^[0-9]{2}$", example = "52")]
    pub province: Option<String>,
    /// A regency's code; it implies its province.
    #[param(pattern = r"^[0-9]{2}\.[0-9]{2}$", example = "52.04")]
    pub regency: Option<String>,
    /// Whole Rupiah, inclusive.
    #[param(minimum = 0, maximum = 1_000_000_000_000.0)]
    pub min_price: Option<i64>,
    /// Whole Rupiah, inclusive; not below `min_price`.
    #[param(minimum = 0, maximum = 1_000_000_000_000.0)]
    pub max_price: Option<i64>,
    /// Only products in stock.
    pub in_stock: Option<bool>,
    /// Only villages' flagship products.
    pub flagship: Option<bool>,
    #[param(inline)]
    pub sort: Option<ProductSort>,
    /// The `next_cursor` of the window before, with the same filters and sort.
    #[param(pattern = r"^[0-9a-f]{8}\.[0-9a-f]{1,32}\.-?[0-9]{1,19}$")]
    pub cursor: Option<String>,
    /// Products per window.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

impl ProductsParams {
    pub fn read(raw: &Raw) -> Result<ProductsParams, Problem> {
        let most = crate::money::MAX_RUPIAH;
        Ok(ProductsParams {
            q: raw.text("q"),
            category: raw.category()?,
            province: raw.region("province")?,
            regency: raw.region("regency")?,
            min_price: raw.whole("min_price", most)?,
            max_price: raw.whole("max_price", most)?,
            in_stock: Some(raw.flag("in_stock")?),
            flagship: Some(raw.flag("flagship")?),
            sort: raw.choice("sort", &SORTS)?,
            cursor: raw.text("cursor"),
            limit: Some(raw.limit()? as u32),
        })
    }

    /// The same search as `/cari` would make of these filters, and the window after the cursor.
    pub fn search(&self) -> Result<(SearchQuery, Window), Problem> {
        let sort = match self.sort.unwrap_or_default() {
            ProductSort::Relevance => Sort::Relevance,
            ProductSort::Cheapest => Sort::Cheapest,
            ProductSort::Priciest => Sort::Priciest,
            ProductSort::Newest => Sort::Newest,
        };
        let on = |flag: Option<bool>| flag.unwrap_or(false).then(|| "1".to_string());
        let (query, errors) = SearchQuery::parse(|key| match key {
            "q" => self.q.clone(),
            "kategori" => self.category.clone(),
            "provinsi" => self.province.clone(),
            "kabupaten" => self.regency.clone(),
            "harga_min" => self.min_price.map(|n| n.to_string()),
            "harga_max" => self.max_price.map(|n| n.to_string()),
            "stok" => on(self.in_stock),
            "unggulan" => on(self.flagship),
            "urut" => Some(sort.key().to_string()),
            _ => None,
        });
        use crate::catalogue::search::ParamError;
        if let Some(error) = errors.first() {
            return Err(match error {
                ParamError::QueryTooLong => Problem::parameter("q", Bad::TooLong),
                ParamError::Category => Problem::parameter("category", Bad::Category),
                ParamError::PriceOrder => Problem::parameter("max_price", Bad::PriceOrder),
                ParamError::Region if self.regency.is_some() => {
                    Problem::parameter("regency", Bad::RegionCode)
                }
                ParamError::Region => Problem::parameter("province", Bad::RegionCode),
                // Read above already; the search page's own check agrees.
                ParamError::Price => Problem::parameter("min_price", Bad::Whole),
                ParamError::Sort => Problem::parameter("sort", Bad::Choice),
                ParamError::Page => Problem::parameter("cursor", Bad::Cursor),
            });
        }
        let place = self
            .cursor
            .as_deref()
            .map(|cursor| read_cursor(&query, cursor))
            .transpose()?;
        let size = self.limit.unwrap_or(DEFAULT_LIMIT) as usize;
        Ok((query, Window::After { place, size }))
    }
}

/// What ties a cursor to its search: a digest of the search's address (its words, filters and sort).
fn search_mark(query: &SearchQuery) -> String {
    let digest = format!("{:x}", Sha256::digest(query.url().as_bytes()));
    digest[..8].to_string()
}

/// `mark.primary.secondary`: the search's mark, then the last result's place (hex, decimal).
pub fn cursor(query: &SearchQuery, place: Place) -> String {
    format!("{}.{:x}.{}", search_mark(query), place.0, place.1)
}

fn read_cursor(query: &SearchQuery, cursor: &str) -> Result<Place, Problem> {
    let bad = || Problem::parameter("cursor", Bad::Cursor);
    let mut parts = cursor.split('.');
    let (Some(mark), Some(primary), Some(secondary), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if mark != search_mark(query) {
        return Err(bad());
    }
    let primary = u128::from_str_radix(primary, 16).map_err(|_| bad())?;
    let secondary = secondary.parse::<i64>().map_err(|_| bad())?;
    Ok((primary, secondary))
}

/// Filters for the verified BUMDes.
#[derive(Clone, Debug, Default, PartialEq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BumdesParams {
    /// Only BUMDes in this region: a province, regency, district or village code.
    #[param(
        pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$",
        example = "52.04"
    )]
    pub region: Option<String>,
    /// The `next_cursor` of the window before.
    #[param(pattern = "^[0-9]+$")]
    pub cursor: Option<String>,
    /// BUMDes per window.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

impl BumdesParams {
    pub fn read(raw: &Raw) -> Result<BumdesParams, Problem> {
        let cursor = raw.text("cursor");
        if cursor.as_deref().is_some_and(|c| c.parse::<i64>().is_err()) {
            return Err(Problem::parameter("cursor", Bad::Cursor));
        }
        Ok(BumdesParams {
            region: raw.region("region")?,
            cursor,
            limit: Some(raw.limit()? as u32),
        })
    }

    /// The id the window starts after.
    pub fn after(&self) -> i64 {
        self.cursor
            .as_deref()
            .and_then(|c| c.parse().ok())
            .unwrap_or(0)
    }
}

/// The period orders and GMV are counted over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub enum PeriodChoice {
    /// The last 30 days, today included.
    #[default]
    #[serde(rename = "30d")]
    Days30,
    #[serde(rename = "90d")]
    Days90,
    #[serde(rename = "365d")]
    Days365,
}

const PERIODS: [(&str, PeriodChoice); 3] = [
    ("30d", PeriodChoice::Days30),
    ("90d", PeriodChoice::Days90),
    ("365d", PeriodChoice::Days365),
];

impl PeriodChoice {
    pub fn period(self) -> Period {
        match self {
            PeriodChoice::Days30 => Period::Month,
            PeriodChoice::Days90 => Period::Quarter,
            PeriodChoice::Days365 => Period::Year,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionsParams {
    /// The region whose regions to list: a province, regency or district code. Without it, the
    /// provinces.
    #[param(pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2})?)?$", example = "52")]
    pub parent: Option<String>,
    #[param(inline)]
    pub period: Option<PeriodChoice>,
}

impl RegionsParams {
    pub fn read(raw: &Raw) -> Result<RegionsParams, Problem> {
        let parent = raw.region("parent")?;
        if parent.as_deref().is_some_and(crate::village::is_village) {
            return Err(Problem::parameter("parent", Bad::RegionCode));
        }
        Ok(RegionsParams {
            parent,
            period: raw.choice("period", &PERIODS)?,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    #[param(inline)]
    pub period: Option<PeriodChoice>,
}

impl PeriodParams {
    pub fn read(raw: &Raw) -> Result<PeriodParams, Problem> {
        Ok(PeriodParams {
            period: raw.choice("period", &PERIODS)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn products(query: &str) -> Result<(SearchQuery, Window), Problem> {
        ProductsParams::read(&Raw::new(Some(query)))?.search()
    }

    fn refused(query: &str) -> Option<&'static str> {
        match products(query) {
            Err(Problem::Parameter { name, .. }) => Some(name),
            _ => None,
        }
    }

    #[test]
    fn reads_the_search_pages_filters_under_english_names() {
        let (query, window) = products(
            "q=kopi+gayo&category=kopi-teh&regency=11.04&min_price=25000&max_price=100000\
             &in_stock=true&flagship=false&sort=cheapest&limit=5",
        )
        .unwrap();
        assert_eq!(
            query.url(),
            "/cari?q=kopi+gayo&kategori=kopi-teh&kabupaten=11.04&harga_min=25000&harga_max=100000&stok=1&urut=termurah"
        );
        assert!(matches!(
            window,
            Window::After {
                place: None,
                size: 5
            }
        ));
    }

    #[test]
    fn names_the_parameter_at_fault() {
        assert_eq!(refused("min_price=-1"), Some("min_price"));
        assert_eq!(refused("max_price=1.5"), Some("max_price"));
        assert_eq!(refused("min_price=9&max_price=3"), Some("max_price"));
        assert_eq!(refused("in_stock=yes"), Some("in_stock"));
        assert_eq!(refused("sort=random"), Some("sort"));
        assert_eq!(refused("province=Jawa"), Some("province"));
        assert_eq!(refused("regency=52"), Some("regency"));
        assert_eq!(refused("category=Kopi%27%3B"), Some("category"));
        assert_eq!(refused(&format!("q={}", "a".repeat(201))), Some("q"));
        assert_eq!(refused("limit=0"), Some("limit"));
        assert_eq!(refused("limit=101"), Some("limit"));
        assert_eq!(refused("cursor=abc"), Some("cursor"));
        // An empty value is refused like any other that is not one (but for the words).
        for empty in [
            "category",
            "province",
            "min_price",
            "in_stock",
            "sort",
            "cursor",
            "limit",
        ] {
            assert_eq!(refused(&format!("{empty}=")), Some(empty));
        }
        assert_eq!(refused("q="), None);
        assert_eq!(refused("q=kopi&limit=100"), None);
    }

    #[test]
    fn a_cursor_belongs_to_its_search() {
        let (query, _) = products("q=kopi&sort=newest").unwrap();
        let next = cursor(&query, (0xabc, -7));
        let (_, window) = products(&format!("q=kopi&sort=newest&cursor={next}")).unwrap();
        assert!(matches!(
            window,
            Window::After {
                place: Some((0xabc, -7)),
                ..
            }
        ));
        // Another sort or other words would read the place wrongly.
        assert_eq!(refused(&format!("q=kopi&cursor={next}")), Some("cursor"));
        assert_eq!(
            refused(&format!("q=teh&sort=newest&cursor={next}")),
            Some("cursor")
        );
    }

    #[test]
    fn region_codes_of_every_level() {
        for code in ["52", "52.04", "52.04.05", "52.04.05.2001"] {
            assert!(is_region_code(code), "{code}");
        }
        for code in [
            "",
            "5",
            "52.4",
            "52.04.05.201",
            "52.04.05.2001.01",
            "ab",
            "52-04",
            "٥٢",
        ] {
            assert!(!is_region_code(code), "{code}");
        }
        assert!(BumdesParams::read(&Raw::new(Some("cursor=-x"))).is_err());
        assert!(RegionsParams::read(&Raw::new(Some("parent=52.04.05.2001"))).is_err());
        assert!(RegionsParams::read(&Raw::new(Some("period=7d"))).is_err());
    }
}
