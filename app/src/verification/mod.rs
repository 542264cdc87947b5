//! Verifying BUMDes: officials' queue (`/petugas/verifikasi`) with verify and reject, each BUMDes's
//! page (`/petugas/bumdes/{id}`) with its log and the revocation of a verified one, the decisions kept
//! as a log, and a rejected or revoked seller's way back into the queue.
mod decide;
mod directory;
mod dossier;
mod dossier_page;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(all(test, feature = "ssr"))]
mod queries_tests;
mod queue;
mod seller_view;

use serde::{Deserialize, Serialize};

pub use directory::DirectoryPage;
pub use dossier_page::DossierPage;
pub use queue::QueuePage;
pub use seller_view::VerificationStatus;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Verify,
    Reject,
    Revoke,
}

impl Decision {
    /// As a form sends it.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "verify" => Some(Self::Verify),
            "reject" => Some(Self::Reject),
            "revoke" => Some(Self::Revoke),
            _ => None,
        }
    }

    /// The log's name for it, which forms send too.
    pub fn action(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Reject => "reject",
            Self::Revoke => "revoke",
        }
    }

    /// The state a BUMDes must be in for it.
    pub fn from(self) -> &'static str {
        match self {
            Self::Verify | Self::Reject => "pending",
            Self::Revoke => "verified",
        }
    }

    /// The state it leaves the BUMDes in.
    pub fn to(self) -> &'static str {
        match self {
            Self::Verify => "verified",
            Self::Reject => "rejected",
            Self::Revoke => "revoked",
        }
    }

    /// Whether the seller must be told why.
    pub fn needs_reason(self) -> bool {
        self != Self::Verify
    }
}

/// A BUMDes with what an official checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
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
    /// A photo of the certificate, a media key.
    pub certificate_key: Option<String>,
    /// "pending", "verified", "rejected" or "revoked".
    pub verification: String,
    /// Who verified it and when (`DD-MM-YYYY`), while it is verified.
    pub verified_office: Option<String>,
    pub verified_on: Option<String>,
    /// The names of the listings it has prepared, drafts too.
    pub listings: Vec<String>,
}

/// A BUMDes in an official's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    pub id: i64,
    pub name: String,
    pub village: String,
    pub verification: String,
}

/// One decision about a BUMDes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub actor: String,
    pub office: String,
    /// "verify", "reject", "revoke" or "resubmit".
    pub action: String,
    pub reason: Option<String>,
    /// `DD-MM-YYYY HH:MM`, Jakarta time.
    pub at: String,
}

/// Where an official reads and acts on one BUMDes.
pub fn dossier_path(id: i64) -> String {
    format!("/petugas/bumdes/{id}")
}
