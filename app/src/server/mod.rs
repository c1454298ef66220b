//! Server-only code, nothing of which reaches the wasm bundle: one folder
//! per domain (its services: what the product does, in terms of the
//! database; they take a connection, know nothing of HTTP and return the
//! shared models or an [`crate::error::AppError`]), a small kernel for what
//! several domains share, the entities (one per table), and the state,
//! settings, caller and sessions of a request.
//!
//! Server functions (`crate::functions`) call these services; pages call
//! server functions. No file here imports a file that imports it back
//! (`crate::structure` checks).

pub mod accounts;
pub mod admin;
pub mod auth;
pub mod catalogue;
pub mod curation;
pub mod entities;
pub mod kernel;
pub mod orders;
pub mod search;
pub mod sessions;
pub mod settings;
pub mod state;
pub mod trust;
pub mod workspace;

pub use state::AppState;
