//! The platform's administration: who is an admin, who curates which
//! regional centre, the accounts themselves, the centres' contact data
//! and the category tree.

pub mod categories;
pub mod centres;
pub mod roles;
pub mod users;
