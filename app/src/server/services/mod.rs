//! Services: what the product does, in terms of the database. They take a
//! connection (or a transaction), know nothing of HTTP, and return the
//! shared models of [`crate::models`] or an [`crate::error::AppError`].

pub mod accounts;
pub mod catalogue;
pub mod curation;
pub mod devices;
pub mod favourites;
pub mod figures;
pub mod images;
pub mod mail;
pub mod networks;
pub mod notices;
pub mod orders;
pub mod pages;
pub mod product_csv;
pub mod products;
pub mod search;
pub mod search_index;
pub mod throttle;
pub mod tokens;
pub mod visibility;
pub mod workspace;
