//! Finding products: for now the home page's newest flagship products.
mod card;
mod home;
#[cfg(feature = "ssr")]
pub mod queries;

pub use card::{ProductCard, ProductCardView, image_url};
pub use home::HomePage;
