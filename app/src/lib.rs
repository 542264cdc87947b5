//! Lumbung: pages, islands and server functions shared by the server and the browser bundle.
// Server functions take a form's fields as their arguments.
#![allow(clippy::too_many_arguments)]
#![recursion_limit = "256"]

// leptos_i18n's build-script codegen pulls ICU data tooling into every build; the macro is enough
// for plain strings.
#[allow(deprecated)]
mod i18n_gen {
    leptos_i18n::load_locales!();
}
pub use i18n_gen::i18n;

#[cfg(feature = "ssr")]
pub mod address;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod bundle;
pub mod cart;
pub mod catalogue;
pub mod chart;
pub mod checkout;
#[cfg(feature = "ssr")]
pub mod cookie;
pub mod coverage;
pub mod csp;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod dashboard;
pub mod error;
pub mod form;
mod hydration;
mod island;
pub mod layout;
#[cfg(feature = "ssr")]
pub mod media;
pub mod money;
pub mod not_found;
pub mod officials;
mod one_time_link;
pub mod open_data;
pub mod orders;
pub mod phone;
mod private_page;
pub mod product;
#[cfg(feature = "ssr")]
pub mod random;
pub mod raw_text;
pub mod saver;
pub mod shell;
pub mod site;
pub mod slug;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(all(test, feature = "ssr"))]
mod test_fixtures;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod upload;
pub mod verification;
mod verified_badge;
pub mod village;
