//! Orders as their buyer sees them: the order page (its link plus the buyer's phone opens it), with
//! the status as a timeline, how to pay, and the WhatsApp hand-off; and "Pesanan saya".
#[cfg(feature = "ssr")]
pub mod expiry;
mod my_orders;
mod page;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(all(test, feature = "ssr"))]
mod queries_tests;
pub mod timeline;

use serde::{Deserialize, Serialize};

/// The times an unpaid order may wait, in hours, as its BUMDes chooses: from a morning to a week.
pub const HOLD_HOURS: [i32; 6] = [6, 12, 24, 48, 72, 168];

pub use my_orders::{MyOrdersPage, OrderList};
pub use page::{OrderFacts, OrderPage};
pub use timeline::{StatusBadge, Timeline};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
    pub name: String,
    pub unit: String,
    pub price: i64,
    pub quantity: i32,
}

/// A status the order reached, and when (`DD-MM-YYYY HH:MM`, Jakarta time).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderEvent {
    pub status: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub number: String,
    /// new, paid, shipped, done, cancelled or expired
    pub status: String,
    pub created: String,
    pub bumdes_name: String,
    pub bumdes_whatsapp: String,
    pub buyer_name: String,
    pub buyer_phone: String,
    pub street: String,
    /// Village, district, regency, province.
    pub place: String,
    pub postal_code: String,
    pub note: String,
    pub delivery: String,
    pub payment: String,
    pub subtotal: i64,
    pub shipping: i64,
    pub unique_code: i32,
    pub total: i64,
    pub bank_name: Option<String>,
    pub bank_account: Option<String>,
    pub bank_holder: Option<String>,
    pub qris_key: Option<String>,
    pub courier: Option<String>,
    pub tracking_number: Option<String>,
    pub cancel_reason: Option<String>,
    /// The buyer's proof of transfer, a media key.
    pub proof_key: Option<String>,
    pub items: Vec<OrderItem>,
    pub events: Vec<OrderEvent>,
    /// When a new order expires unpaid (`DD-MM-YYYY HH:MM`, Jakarta time; later once a proof of transfer
    /// came); none once paid or confirmed.
    pub expires: Option<String>,
}

/// One line of a list of orders.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub number: String,
    pub status: String,
    pub created: String,
    pub bumdes_name: String,
    pub buyer_name: String,
    pub total: i64,
    /// Where the list's reader opens it: the buyer's link, or the dashboard's page.
    pub href: String,
}

/// A step the seller takes an order through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// The payment arrived (or, for COD, the order is confirmed).
    Paid,
    Shipped {
        courier: String,
        tracking_number: String,
    },
    Done,
    Cancel {
        reason: String,
    },
}

impl Step {
    /// The statuses an order may take this step from.
    pub fn from_statuses(&self) -> &'static [&'static str] {
        match self {
            Step::Paid => &["new"],
            Step::Shipped { .. } => &["paid"],
            Step::Done => &["shipped"],
            Step::Cancel { .. } => &["new", "paid"],
        }
    }

    pub fn to_status(&self) -> &'static str {
        match self {
            Step::Paid => "paid",
            Step::Shipped { .. } => "shipped",
            Step::Done => "done",
            Step::Cancel { .. } => "cancelled",
        }
    }
}
