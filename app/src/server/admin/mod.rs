//! The platform's administration: who is an admin, who curates which
//! regional centre, and the accounts themselves.

pub mod centres;
pub mod roles;
pub mod users;
