//! What every request handler and server function can reach.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use super::kernel::memo::ReadCache;
use super::search::SearchEngine;
use super::search::query::Reference;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub search: Arc<dyn SearchEngine>,
    /// Sign-ups and password-reset requests per client address: both mail
    /// an address anyone can type (sign-ins are throttled in the database,
    /// see [`super::accounts::throttle`]).
    pub mail_requests: Arc<super::auth::AddressLimits>,
    /// What the configuration says that the app code needs.
    pub settings: Arc<super::settings::Settings>,
    /// Signs what the server puts in addresses for itself.
    pub signer: Arc<super::kernel::signing::Signer>,
    /// Wakes the mail worker when a mail was queued.
    pub mail_queued: Arc<tokio::sync::Notify>,
    /// Where uploaded images are stored (served under `/media`): a folder
    /// or an S3-compatible bucket.
    pub media: super::kernel::media::Media,
    /// Public catalogue reads kept per catalogue generation (see [`ReadCache`]).
    pub reads: Arc<ReadCache>,
}

impl AppState {
    /// The state inside a server function or a page's data loader.
    ///
    /// # Errors
    /// [`crate::error::AppError::Internal`] if called outside a request the
    /// server set up (a bug, logged).
    pub fn current() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from the reactive context");
            crate::error::AppError::Internal
        })
    }

    /// The reference tables, kept like the catalogue's other reads (admins
    /// change the categories, so they follow the catalogue's generation).
    ///
    /// # Errors
    /// The database's.
    pub async fn reference(&self) -> Result<Arc<Reference>, crate::error::AppError> {
        self.reads
            .get_or_load("reference".into(), || async {
                Ok(Reference::load(&self.db).await?)
            })
            .await
    }
}
