//! The public catalogue: home, centres.

pub mod centres;
pub mod enterprise;
pub mod events;
pub mod home;
pub mod network;
pub mod product;
pub mod search;
pub mod trust;
