//! Accounts: signing up and in, confirming addresses, passwords, the
//! throttle of failed sign-ins, known devices, and a person's own
//! favourites and notices.

pub mod devices;
pub mod favourites;
pub mod privacy;
pub mod throttle;
pub mod tokens;
pub mod users;
