//! The seller's dashboard: their BUMDes, what needs doing, and their listings with photos.
mod home;
pub mod listings;
pub mod orders;
pub mod photos;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod staff;
pub mod terms;

pub use home::DashboardPage;
