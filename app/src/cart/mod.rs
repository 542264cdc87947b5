//! The cart: kept in the browser (localStorage) when JavaScript runs, and on the server under the
//! guest's cookie, so it also works without JavaScript. The browser's copy is sent to the server
//! whenever it changes; a copy it could not send (offline) is sent on the next page.
#[cfg(feature = "ssr")]
pub mod guest;
mod islands;
mod page;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod storage;

use serde::{Deserialize, Serialize};

pub use islands::{AddToCartForm, CartLink};
pub use page::{CartAdd, CartPage, CartSave, CartSet, MAX_QUANTITY, cart_text};

/// A product in the cart, as it is for sale now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CartItem {
    pub product_id: i64,
    pub slug: String,
    pub name: String,
    pub unit: String,
    pub price: i64,
    pub stock: i32,
    pub quantity: u32,
    pub image_key: Option<String>,
    pub bumdes_id: i64,
    pub bumdes_name: String,
}

impl CartItem {
    pub fn total(&self) -> i64 {
        self.price * i64::from(self.quantity)
    }
}

/// The items of each BUMDes, in the order they first appear: one order each at checkout.
pub fn by_bumdes(items: &[CartItem]) -> Vec<(i64, String, Vec<CartItem>)> {
    let mut groups: Vec<(i64, String, Vec<CartItem>)> = Vec::new();
    for item in items {
        match groups.iter_mut().find(|(id, _, _)| *id == item.bumdes_id) {
            Some((_, _, group)) => group.push(item.clone()),
            None => groups.push((item.bumdes_id, item.bumdes_name.clone(), vec![item.clone()])),
        }
    }
    groups
}
