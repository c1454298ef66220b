//! Server functions by domain. Each is a public HTTP endpoint: it checks who
//! is calling, validates its input, calls a service and returns shared models.

pub mod accounts;
pub mod admin;
pub mod catalogue;
pub mod curation;
pub mod favourites;
pub mod orders;
pub mod trust;
pub mod workspace;
