//! Finding products: the home page's newest flagships, and search.
mod card;
mod home;
mod picture;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod search;

pub use card::{
    IMAGE_WIDTHS, ProductCard, ProductCardView, ProductGrid, image_path, image_srcset, image_url,
};
pub use home::HomePage;
pub use picture::{Loading, Picture};
