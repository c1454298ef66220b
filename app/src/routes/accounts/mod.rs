//! `/signin`, `/signup`, `/forgot`, `/reset` and `/account`: getting in, and the account's own
//! settings.

pub mod account;
pub mod confirm;
pub mod reset;
pub mod sign_in;
pub mod sign_up;
