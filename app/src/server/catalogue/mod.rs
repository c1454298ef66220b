//! The public catalogue: what buyers see (home, centres, product,
//! enterprise, network and event pages, the cards they are made of) and
//! the one rule of what is visible to them.

pub mod cards;
pub mod home;
pub mod pages;
pub mod sitemap;
pub mod visibility;
