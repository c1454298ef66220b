//! The axum server of Социален пазар: configuration, the HTTP router, demo
//! data. `main.rs` is only the command line around these.

#![recursion_limit = "256"]

pub mod config;
pub mod seed;
pub mod web;

use app::server::AppState;
use leptos::config::LeptosOptions;

/// Leptos settings from the `LEPTOS_*` environment (cargo-leptos sets them at
/// build time; `LEPTOS_SITE_ADDR` and `LEPTOS_SITE_ROOT` may be set at run time).
pub fn leptos_options() -> Result<LeptosOptions, String> {
    let mut options = leptos::config::get_configuration(None)
        .map_err(|e| format!("LEPTOS_* configuration: {e}"))?
        .leptos_options;
    // Asset names carry a content hash when the build wrote the hash file
    // beside the binary (cargo-leptos with hash-files).
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join(options.hash_file.as_ref())));
    options.hash_files = beside_binary.is_some_and(|p| p.exists());
    Ok(options)
}

/// Builds the state the router and server functions share.
pub fn state(leptos_options: LeptosOptions, db: sea_orm::DatabaseConnection) -> AppState {
    AppState { leptos_options, db }
}
