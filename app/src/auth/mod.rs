//! BUMDes accounts: registration with a village picker, joining as staff, login, logout and a new
//! password.
#[cfg(feature = "ssr")]
pub(crate) mod checks;
mod join;
mod login;
pub mod password;
#[cfg(feature = "ssr")]
pub mod queries;
mod register;
#[cfg(feature = "ssr")]
pub mod session;
pub(crate) mod widgets;

use serde::{Deserialize, Serialize};

pub use join::JoinPage;
#[cfg(feature = "ssr")]
pub use login::{Door, authenticate};
pub use login::{LogOut, LoginFields, LoginPage};
pub use password::PasswordPage;
pub use register::{RegisterFormPage, RegisterPage};

/// A logged-in seller and their BUMDes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Seller {
    pub id: i64,
    pub name: String,
    /// "owner" or "staff"
    pub role: String,
    pub bumdes_id: i64,
    pub bumdes_name: String,
    pub bumdes_slug: String,
    pub village_code: String,
    /// "pending", "verified" or "rejected"
    pub verification: String,
}
