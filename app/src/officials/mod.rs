//! The OVOP programme's officials (`/petugas`): accounts scoped by region, signing in, and inviting
//! and looking after the officials of the regions inside one's own.
mod home;
mod manage;
#[cfg(all(test, feature = "ssr"))]
mod manage_tests;
#[cfg(feature = "ssr")]
pub mod new;
mod password_link;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod scope;
#[cfg(feature = "ssr")]
pub mod session;
mod sign_in;
mod team;

use serde::{Deserialize, Serialize};

pub use home::{LOGIN, OfficialHomePage, region_text};
pub use password_link::OfficialPasswordPage;
pub use sign_in::OfficialLoginPage;
pub use team::TeamPage;

/// Where an official chooses their password with their one-time link's token.
pub fn link_path(token: &str) -> String {
    format!("/petugas/sandi/{token}")
}

/// A logged-in official.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Official {
    pub id: i64,
    pub name: String,
    /// `None` for the whole country.
    pub region_code: Option<String>,
    /// "Kabupaten Sumbawa, Nusa Tenggara Barat"; `None` for the whole country.
    pub region: Option<String>,
}

/// An official as the team page lists them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Colleague {
    pub id: i64,
    pub name: String,
    pub whatsapp: String,
    pub region: Option<String>,
    /// Has set a password (their link is used).
    pub active: bool,
    /// `DD-MM-YYYY`, Jakarta time.
    pub since: String,
    /// When they were deactivated, as `since`; `None` while they may log in.
    pub deactivated: Option<String>,
}
