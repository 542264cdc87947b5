//! Absolute addresses of pages and pictures, for canonical links, OpenGraph, sharing and the sitemap.

/// `path` (starting with `/`) under the site's public address.
pub fn absolute_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = leptos::prelude::use_context::<crate::state::AppState>() {
        return format!("{}{path}", state.public_url);
    }
    path.to_string()
}

/// A WhatsApp link: a chat with `number` (+62…; the link takes it without its plus sign) or, without
/// one, a message to send to anyone; `text` is the message, which the sender can still edit.
pub fn whatsapp_url(number: Option<&str>, text: Option<&str>) -> String {
    let number = number.map_or("", |n| n.trim_start_matches('+'));
    let query = text.map_or_else(String::new, |text| {
        let encoded = form_urlencoded::Serializer::new(String::new())
            .append_pair("text", text)
            .finish();
        format!("?{encoded}")
    });
    format!("https://wa.me/{number}{query}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn whatsapp_links_carry_the_number_without_plus_and_the_text_encoded() {
        use super::whatsapp_url;
        assert_eq!(
            whatsapp_url(Some("+6281234"), None),
            "https://wa.me/6281234"
        );
        assert_eq!(
            whatsapp_url(Some("+6281234"), Some("Pesanan LBG-1 & 2")),
            "https://wa.me/6281234?text=Pesanan+LBG-1+%26+2"
        );
        assert_eq!(whatsapp_url(None, Some("a b")), "https://wa.me/?text=a+b");
    }
}
