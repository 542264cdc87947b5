//! The cart as the browser keeps it in localStorage: `slug=quantity` pairs joined by `;`.
//! A tiny text format rather than JSON keeps serde_json out of the WASM bundle.

pub const STORAGE_KEY: &str = "lumbung.cart";
/// Set while this browser's copy has changes the server has not received.
const PENDING_KEY: &str = "lumbung.cart.pending";
/// The revision of the server's copy this browser's copy last matched.
const REVISION_KEY: &str = "lumbung.cart.revision";
/// The longest cart text the server keeps.
pub const MAX_TEXT: usize = 4000;
/// Dispatched on `window` whenever this tab changes the cart.
pub const CHANGED_EVENT: &str = "lumbung-cart";

pub fn parse(text: &str) -> Vec<(String, u32)> {
    text.split(';')
        .filter_map(|pair| {
            let (slug, qty) = pair.split_once('=')?;
            let qty: u32 = qty.parse().ok()?;
            (crate::slug::is_slug(slug) && qty > 0)
                .then(|| (slug.to_string(), qty.min(super::MAX_QUANTITY)))
        })
        .collect()
}

pub fn serialize(items: &[(String, u32)]) -> String {
    items
        .iter()
        .map(|(slug, qty)| format!("{slug}={qty}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// The cart text after adding `qty` of `slug`, merged with what is already there.
pub fn with_added(text: &str, slug: &str, qty: u32) -> String {
    let mut items = parse(text);
    if !crate::slug::is_slug(slug) {
        return serialize(&items);
    }
    match items.iter_mut().find(|(s, _)| s == slug) {
        Some((_, q)) => *q = q.saturating_add(qty).min(super::MAX_QUANTITY),
        None => items.push((slug.to_string(), qty.min(super::MAX_QUANTITY))),
    }
    serialize(&items)
}

/// The cart text with `slug` set to `qty`, removed at 0.
pub fn with_quantity(text: &str, slug: &str, qty: u32) -> String {
    let mut items = parse(text);
    if !crate::slug::is_slug(slug) {
        return serialize(&items);
    }
    let qty = qty.min(super::MAX_QUANTITY);
    match items.iter().position(|(s, _)| s == slug) {
        Some(at) if qty == 0 => {
            items.remove(at);
        }
        Some(at) => items[at].1 = qty,
        None if qty > 0 => items.push((slug.to_string(), qty)),
        None => {}
    }
    serialize(&items)
}

pub fn total(text: &str) -> u32 {
    parse(text)
        .iter()
        .fold(0u32, |sum, (_, qty)| sum.saturating_add(*qty))
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The cart text stored in this browser (empty when storage is unavailable).
pub fn load() -> String {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .unwrap_or_default()
}

/// Whether this browser's copy has changes the server has not received.
pub fn pending() -> bool {
    local_storage().is_some_and(|s| s.get_item(PENDING_KEY).ok().flatten().is_some())
}

/// The revision of the server's copy this browser's copy last matched (0 when never).
pub fn revision() -> i64 {
    local_storage()
        .and_then(|s| s.get_item(REVISION_KEY).ok().flatten())
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

pub fn set_revision(revision: i64) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(REVISION_KEY, &revision.to_string());
    }
}

/// Stores the cart text; `pending` when the server has yet to receive it. Tells the page's islands.
pub fn store(text: &str, pending: bool) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, text);
        let _ = if pending {
            storage.set_item(PENDING_KEY, "1")
        } else {
            storage.remove_item(PENDING_KEY)
        };
    }
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(CHANGED_EVENT)) {
        let _ = window.dispatch_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_merges_quantities_per_product() {
        let text = with_added("", "kopi-gayo", 2);
        let text = with_added(&text, "madu-hutan", 1);
        let text = with_added(&text, "kopi-gayo", 3);
        assert_eq!(text, "kopi-gayo=5;madu-hutan=1");
        assert_eq!(total(&text), 6);
    }

    #[test]
    fn setting_a_quantity_replaces_it_and_zero_removes() {
        let text = with_quantity("kopi-gayo=5;madu-hutan=1", "kopi-gayo", 2);
        assert_eq!(text, "kopi-gayo=2;madu-hutan=1");
        assert_eq!(with_quantity(&text, "madu-hutan", 0), "kopi-gayo=2");
        assert_eq!(with_quantity(&text, "gula-aren", 0), text);
        assert_eq!(with_quantity("", "gula-aren", 3), "gula-aren=3");
    }

    #[test]
    fn ignores_damaged_entries() {
        assert_eq!(
            parse("a=1;;b=x;=3;c=0;d=2"),
            vec![("a".into(), 1), ("d".into(), 2)]
        );
        assert_eq!(total("garbage"), 0);
        // Names no product has, and more than a cart holds.
        assert_eq!(
            parse("Kopi=1;ko\0pi=2;<b>=1;madu=5000"),
            vec![("madu".into(), super::super::MAX_QUANTITY)]
        );
        assert_eq!(with_added("madu=90", "madu", 20), "madu=100");
        assert_eq!(with_added("", "bad slug", 1), "");
    }
}
