//! Officials' regions: the whole country, or a province, regency or district and all it contains.

/// Whether an official of `scope` sees and acts on `region` (`None` for either: the whole country):
/// the region itself or one inside it. Codes nest by their dotted prefix, 52 ⊃ 52.04 ⊃ 52.04.02 ⊃
/// 52.04.02.2001.
pub fn covers(scope: Option<&str>, region: Option<&str>) -> bool {
    match (scope, region) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(scope), Some(region)) => region
            .strip_prefix(scope)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.')),
    }
}

/// Whether `code` has the shape of a region an official can be given: a province (52), a regency
/// (52.04) or a district (52.04.02). Villages have facilitators at district level.
pub fn is_official_region(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    (1..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_covers_itself_and_what_is_inside_it_only() {
        assert!(covers(None, Some("52.04")));
        assert!(covers(None, None));
        assert!(covers(Some("52"), Some("52")));
        assert!(covers(Some("52"), Some("52.04.02.2001")));
        assert!(covers(Some("52.04"), Some("52.04.02")));
        // A sibling, the parent, the country, and a code that only starts with the same digits.
        assert!(!covers(Some("52.04"), Some("52.05")));
        assert!(!covers(Some("52.04"), Some("52")));
        assert!(!covers(Some("52"), None));
        assert!(!covers(Some("52.04"), Some("52.040")));
        assert!(!covers(Some("52"), Some("53.01")));
        assert!(!covers(Some("52"), Some("")));
    }

    #[test]
    fn officials_get_provinces_regencies_or_districts() {
        for code in ["52", "52.04", "52.04.02"] {
            assert!(is_official_region(code), "{code}");
        }
        for code in [
            "",
            "5",
            "52.",
            "52.04.02.2001",
            "52.4",
            "ab",
            "52.04.02.01",
            " 52",
        ] {
            assert!(!is_official_region(code), "{code:?}");
        }
    }
}
