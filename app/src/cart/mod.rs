//! The cart, for now a count of items kept in the browser; checkout comes later.
mod islands;
pub mod storage;

pub use islands::{AddToCart, AddToCartLabels, CartBadge};
