//! Server-only code: the database, its entities, the services and the
//! application state. Nothing here is compiled into the wasm bundle.

pub mod auth;
pub mod db;
pub mod entities;
pub mod memo;
pub mod search;
pub mod services;
pub mod sessions;
pub mod settings;
pub mod signing;
pub mod state;

pub use state::AppState;
