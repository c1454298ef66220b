//! The background workers: one delivers outbox rows to the search engine,
//! one sweeps the register certificates (warnings and lapses).

use std::sync::Arc;
use std::time::Duration;

use app::server::search::SearchEngine;
use app::server::search::tantivy_engine::TantivyEngine;
use app::server::services::search_index;
use sea_orm::DatabaseConnection;

const BATCH: u64 = 1000;
const IDLE: Duration = Duration::from_millis(300);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Runs until the process ends: delivers pending updates, backs off while
/// the engine is down (the rows wait; nothing is lost), follows index
/// rebuilds made by `server reindex`, and purges old delivered rows.
pub async fn run(
    db: DatabaseConnection,
    engine: Arc<dyn SearchEngine>,
    embedded: Option<Arc<TantivyEngine>>,
) {
    let mut backoff = IDLE;
    let mut last_purge = std::time::Instant::now();
    loop {
        if let Some(tantivy) = &embedded {
            match tantivy.follow_rebuild() {
                Ok(Some(started)) => {
                    tracing::info!("switched to a rebuilt search index");
                    if let Err(e) = search_index::replay_since(&db, started).await {
                        tracing::error!(error = %e, "replaying updates after a rebuild");
                    }
                }
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "opening a rebuilt search index"),
            }
        }
        match search_index::deliver_pending(&db, engine.as_ref(), BATCH).await {
            Ok(0) => {
                backoff = IDLE;
                tokio::time::sleep(IDLE).await;
            }
            Ok(n) => {
                tracing::debug!(delivered = n, "search index updated");
                backoff = IDLE;
            }
            Err(e) => {
                tracing::warn!(error = %e, retry_in = ?backoff, "search index update failed; will retry");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
        if last_purge.elapsed() > Duration::from_secs(3600) {
            last_purge = std::time::Instant::now();
            if let Err(e) = search_index::purge_delivered(&db).await {
                tracing::warn!(error = %e, "purging delivered outbox rows");
            }
        }
    }
}

/// Every hour (and at start): warns of certificates expiring within 30 days
/// and takes the badge from lapsed ones. Idempotent, so several app servers
/// may run it.
pub async fn certificates(db: DatabaseConnection) {
    loop {
        let today = app::server::services::visibility::today();
        match app::server::services::curation::sweep_certificates(&db, today).await {
            Ok(s) if s.warned + s.lapsed > 0 => {
                tracing::info!(warned = s.warned, lapsed = s.lapsed, "certificates swept");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "sweeping certificates"),
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}
