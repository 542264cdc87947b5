//! Money is whole Rupiah in `i64`, shown the Indonesian way: `Rp 25.000`.

/// Formats whole Rupiah with dots between thousands, e.g. `Rp 1.250.000`.
pub fn rupiah(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}Rp {}", grouped(amount.unsigned_abs()))
}

/// A count the Indonesian way, with dots between thousands: `83.762`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A bound no price comes near, so sums of prices stay far from overflowing.
pub const MAX_RUPIAH: i64 = 1_000_000_000_000;

/// Whole Rupiah as typed, with or without thousands dots and "Rp" ("25.000", "Rp 25000").
pub fn parse_rupiah(text: &str) -> Option<i64> {
    let text = text.trim();
    let text = text
        .strip_prefix("Rp")
        .or_else(|| text.strip_prefix("rp"))
        .unwrap_or(text);
    let digits: String = text.trim().chars().filter(|c| *c != '.').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|p| *p <= MAX_RUPIAH)
}

#[cfg(test)]
mod tests {
    use super::rupiah;

    #[test]
    fn groups_thousands_with_dots() {
        assert_eq!(rupiah(0), "Rp 0");
        assert_eq!(rupiah(999), "Rp 999");
        assert_eq!(rupiah(25_000), "Rp 25.000");
        assert_eq!(rupiah(1_250_000), "Rp 1.250.000");
        assert_eq!(rupiah(-4_500), "-Rp 4.500");
        assert_eq!(rupiah(i64::MIN), "-Rp 9.223.372.036.854.775.808");
        assert_eq!(super::grouped(83_762), "83.762");
        assert_eq!(super::grouped(100), "100");
    }
}
