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

/// Whether `text` could be a slug: what a cart or a link names a product by must be, before it is looked up.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 200
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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
        assert!(super::is_slug("kopi-gayo-12"));
        for bad in ["", "Kopi", "kopi\0", "kopi gayo", "kopi;x=1", "../x"] {
            assert!(!super::is_slug(bad), "{bad:?}");
        }
    }
}
