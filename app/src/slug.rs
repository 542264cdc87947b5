//! URL slugs: lower-case ASCII letters and digits joined by single dashes.

/// "Kopi Arabika Gayo (250 g)" -> "kopi-arabika-gayo-250-g". Letters outside ASCII are dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_letters_and_digits() {
        assert_eq!(
            super::slugify("Kopi Arabika Gayo (250 g)"),
            "kopi-arabika-gayo-250-g"
        );
        assert_eq!(
            super::slugify("  Ukiran Kayu Pa'tedong "),
            "ukiran-kayu-pa-tedong"
        );
        assert_eq!(super::slugify("Émping!!"), "mping");
    }
}
