//! Pages by area. Each page loads its data through a server function inside
//! `<Suspense/>`; the routes render in `SsrMode::Async`, so the server sends
//! the whole page at once and it works without JavaScript.

pub mod accounts;
pub mod catalogue;
pub mod curation;
pub mod favourites;
pub mod orders;
pub mod workspace;
