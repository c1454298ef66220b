//! The public catalogue: home, centres.

pub mod centres;
pub mod home;
pub mod search;
