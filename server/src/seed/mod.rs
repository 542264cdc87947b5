//! Demo and benchmark data.
pub mod demo;
pub mod images;
pub mod orders;
pub mod pending;
pub mod synthetic;
