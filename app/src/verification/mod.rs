//! Verifying BUMDes: officials' queue (`/petugas/verifikasi`) with verify and reject, the decisions
//! kept as a log, and a rejected seller's way back into the queue.
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(all(test, feature = "ssr"))]
mod queries_tests;
mod queue;
mod seller_view;

use serde::{Deserialize, Serialize};

pub use queue::QueuePage;
pub use seller_view::VerificationStatus;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Verify,
    Reject,
}

/// A BUMDes waiting in the queue, with what an official checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub id: i64,
    pub name: String,
    pub village_code: String,
    /// "Desa, Kecamatan, Kabupaten, Provinsi".
    pub village: String,
    /// `DD-MM-YYYY`, Jakarta time.
    pub registered: String,
    pub owner: String,
    pub owner_whatsapp: String,
    pub story: String,
    pub certificate_number: Option<String>,
    /// The names of the listings it has prepared, drafts too.
    pub listings: Vec<String>,
}

/// One decision about a BUMDes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub actor: String,
    pub office: String,
    /// "verify", "reject" or "resubmit".
    pub action: String,
    pub reason: Option<String>,
    /// `DD-MM-YYYY HH:MM`, Jakarta time.
    pub at: String,
}
