//! Checkout: the buyer's details, delivery and payment, and placing one order per BUMDes.
mod page;
#[cfg(feature = "ssr")]
pub mod place;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod place_tests;
#[cfg(feature = "ssr")]
pub mod queries;
mod queue;

use serde::{Deserialize, Serialize};

pub use page::{CheckoutPage, PlaceOrder, RegionRefresh};
pub use queue::OrderNotices;

/// The most products one checkout takes.
pub const MAX_LINES: usize = 30;

/// One cart line as the buyer saw it: the price is checked again when the order is placed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CartLine {
    pub product_id: i64,
    pub quantity: i32,
    pub price_seen: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    Ship,
    Pickup,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Payment {
    Transfer,
    Cod,
    Qris,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Ship => "ship",
            Delivery::Pickup => "pickup",
        }
    }
}

impl Payment {
    pub fn as_str(self) -> &'static str {
        match self {
            Payment::Transfer => "transfer",
            Payment::Cod => "cod",
            Payment::Qris => "qris",
        }
    }
}

/// What differs from the cart the buyer saw; shown to them, never applied silently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Price {
        product_id: i64,
        name: String,
        was: i64,
        now: i64,
    },
    Stock {
        product_id: i64,
        name: String,
        wanted: i32,
        left: i32,
    },
    /// No longer for sale.
    Gone { product_id: i64 },
}

/// Why a checkout made no orders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlaceProblem {
    EmptyCart,
    Changed(Vec<Change>),
    /// This BUMDes does not deliver to the buyer's area that way.
    NoDelivery {
        bumdes: String,
    },
    /// This BUMDes does not take that payment.
    NoPayment {
        bumdes: String,
    },
    /// More than one order may take (see `cart::MAX_QUANTITY`).
    TooMuch,
    /// The form's key was used by another browser.
    KeyUsed,
}

impl PlaceProblem {
    /// Its name in the refused checkouts' figure.
    #[cfg(feature = "ssr")]
    pub fn reason(&self) -> &'static str {
        match self {
            PlaceProblem::EmptyCart => "empty_cart",
            PlaceProblem::Changed(_) => "cart_changed",
            PlaceProblem::NoDelivery { .. } => "no_delivery",
            PlaceProblem::NoPayment { .. } => "no_payment",
            PlaceProblem::TooMuch => "too_much",
            PlaceProblem::KeyUsed => "key_used",
        }
    }
}

/// Counts a checkout that made no order, by why.
#[cfg(feature = "ssr")]
pub fn refused(reason: &'static str) {
    metrics::counter!("lumbung_checkouts_refused_total", "reason" => reason).increment(1);
}

/// An order made: its number, and the secret of its link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacedOrder {
    pub number: String,
    pub token: String,
}

/// How a BUMDes ships and is paid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Terms {
    pub id: i64,
    pub name: String,
    pub village_code: String,
    pub ship_regency: Option<i64>,
    pub ship_province: Option<i64>,
    pub ship_elsewhere: Option<i64>,
    pub pickup: bool,
    pub transfer: bool,
    pub cod: bool,
    pub qris: bool,
}

impl Terms {
    /// The flat fee to the buyer's village, `None` where the BUMDes does not deliver.
    pub fn fee(&self, delivery: Delivery, village: &str) -> Option<i64> {
        // `village` may be anything typed: compared by `get`, which never slices inside a character.
        let same = |len| {
            village
                .get(..len)
                .is_some_and(|v| Some(v) == self.village_code.get(..len))
        };
        match delivery {
            Delivery::Pickup => self.pickup.then_some(0),
            _ if village.len() < 5 || !village.is_ascii() => None,
            Delivery::Ship if same(5) => self.ship_regency,
            Delivery::Ship if same(2) => self.ship_province,
            Delivery::Ship => self.ship_elsewhere,
        }
    }

    pub fn accepts(&self, payment: Payment) -> bool {
        match payment {
            Payment::Transfer => self.transfer,
            Payment::Cod => self.cod,
            Payment::Qris => self.qris,
        }
    }
}
