//! Indonesian phone numbers as Lumbung stores them: `+62` and the digits, whatever way they were typed.

/// "0812-3456-7890", "62 812 3456 7890", "+62 812…" and "812…" all become "+6281234567890"; `None` when
/// what is left is not 8 to 13 digits after +62 (the database checks the same).
pub fn normalise(typed: &str) -> Option<String> {
    let kept: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let digits = kept.strip_prefix('+').unwrap_or(&kept);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest
    } else if kept.starts_with('+') {
        return None;
    } else {
        digits
    };
    let national = national.trim_start_matches('0');
    (8..=13)
        .contains(&national.len())
        .then(|| format!("+62{national}"))
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn every_usual_way_of_writing_a_number() {
        for typed in [
            "081234567890",
            "0812-3456-7890",
            "62 812 3456 7890",
            "+62 812-3456-7890",
            "+62 (0)812 3456 7890",
            "81234567890",
        ] {
            assert_eq!(
                normalise(typed).as_deref(),
                Some("+6281234567890"),
                "{typed}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_an_indonesian_number() {
        for typed in [
            "",
            "abc",
            "0812",
            "+1 415 555 0100",
            "0812345678901234",
            "08123x567890",
        ] {
            assert_eq!(normalise(typed), None, "{typed}");
        }
    }
}
