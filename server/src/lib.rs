//! The axum server of Социален пазар: configuration, the HTTP router, the
//! search-index worker, demo data. `main.rs` is only the command line.

#![recursion_limit = "256"]

pub mod api;
pub mod backup;
pub mod cache;
pub mod config;
pub mod hardening;
pub mod mailer;
pub mod media;
pub mod metrics;
pub mod peers;
pub mod pictures;
pub mod seed;
pub mod serve;
pub mod web;
pub mod worker;

use std::sync::Arc;

use app::server::AppState;
use app::server::kernel::media::Media;
use app::server::search::SearchEngine;
use app::server::search::meili::MeiliEngine;
use app::server::search::tantivy_engine::TantivyEngine;
use leptos::config::LeptosOptions;

use config::Config;

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

/// The configured search engine. The embedded one is returned also as its
/// concrete type, because the worker follows rebuilds made by `reindex`.
pub struct Engines {
    pub engine: Arc<dyn SearchEngine>,
    pub embedded: Option<Arc<TantivyEngine>>,
}

/// Opens Meilisearch when configured, the embedded index otherwise.
///
/// # Errors
/// A line saying what to fix: Meilisearch unreachable, or the index folder
/// unusable (another server holding it, for example).
pub async fn open_search(config: &Config) -> Result<Engines, String> {
    match &config.meili {
        Some(m) => {
            let engine = MeiliEngine::connect_index(&m.url, &m.key, &m.index)
                .await
                .map_err(|e| format!("cannot use Meilisearch at MEILI_URL {} ({e}); check the URL and MEILI_MASTER_KEY", m.url))?;
            Ok(Engines {
                engine: Arc::new(engine),
                embedded: None,
            })
        }
        None => {
            let dir = config.data_dir.join("search");
            let engine = Arc::new(TantivyEngine::open(&dir).map_err(|e| {
                format!("cannot open the search index in {} ({e}); is another server running on this DATA_DIR?", dir.display())
            })?);
            Ok(Engines {
                engine: engine.clone(),
                embedded: Some(engine),
            })
        }
    }
}

/// The configured media store (an S3-compatible bucket, or
/// `DATA_DIR/media`), checked by writing, reading and removing a probe.
///
/// # Errors
/// A line saying what to fix.
pub async fn open_media(config: &Config) -> Result<Media, String> {
    let media = match &config.s3 {
        Some(s3) => Media::s3(s3),
        None => Media::folder(&config.data_dir.join("media")),
    }
    .map_err(|e| format!("cannot use the media store ({e})"))?;
    // One line: a store's error may carry its XML answer.
    let flat = |e: app::server::kernel::media::MediaError| {
        e.to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    media.check().await.map_err(flat).map_err(|e| match &config.s3 {
        Some(_) => format!(
            "cannot use the S3 media store ({e}); check S3_ENDPOINT, S3_BUCKET (the bucket must exist) and the S3 keys"
        ),
        None => format!("cannot write the media folder ({e}); check that DATA_DIR is writable"),
    })?;
    Ok(media)
}

/// Builds the state the router and server functions share.
///
/// # Errors
/// A line saying what to fix: no `PUBLIC_URL` while listening beyond
/// loopback, or the database refusing the shared signing key.
pub async fn state(
    leptos_options: LeptosOptions,
    db: sea_orm::DatabaseConnection,
    search: Arc<dyn SearchEngine>,
    config: &Config,
) -> Result<AppState, String> {
    let public_url = config
        .public_url_for(leptos_options.site_addr)
        .map_err(|e| e.to_string())?;
    let key = app::server::kernel::signing::shared_key(&db, "form_errors")
        .await
        .map_err(|e| format!("cannot read or store the signing key in the database ({e})"))?;
    let mut settings = app::server::settings::Settings::new(&public_url);
    settings.trusted_proxies = config.trusted_proxies.clone();
    settings.page_cache_seconds = config.page_cache_seconds;
    settings.metrics_token = config.metrics_token.clone();
    Ok(AppState {
        leptos_options,
        db,
        search: Arc::new(crate::metrics::CountingEngine(search)),
        mail_requests: Arc::new(app::server::auth::AddressLimits::per_hour(
            config.mail_requests_per_hour,
        )),
        settings: Arc::new(settings),
        signer: Arc::new(app::server::kernel::signing::Signer::new(key)),
        mail_queued: Arc::new(tokio::sync::Notify::new()),
        media: open_media(config).await?,
        reads: Arc::new(app::server::kernel::memo::ReadCache::new(
            config.data_cache_seconds,
        )),
    })
}
