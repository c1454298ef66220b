//! The platform's administration: who is an admin, who curates which
//! regional centre.

pub mod roles;
