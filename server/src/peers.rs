//! App servers on one PostgreSQL tell each other when the catalogue changed
//! (PostgreSQL's LISTEN and NOTIFY), so that a product a curator hides on
//! one server leaves the pages and searches of every server at once, not
//! only when `DATA_CACHE_SECONDS` runs out.
//!
//! Each server moves its own generation on after a write (see
//! `app::server::kernel::memo`); [`run`] passes that on as one notification
//! naming the server, and moves its generation on for every notification
//! from another. A lost connection is made again; until then pages are at
//! most `DATA_CACHE_SECONDS` behind, as before.

use std::sync::Arc;
use std::time::Duration;

use app::server::kernel::memo::ReadCache;
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// The notification channel.
pub const CHANNEL: &str = "socialen_pazar_catalogue";

/// Listens and tells, for as long as the process runs; nothing on SQLite
/// (one server).
pub async fn run(db: DatabaseConnection, reads: Arc<ReadCache>) {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return;
    }
    // Who we are, so that our own notifications are not taken as news.
    let me = format!("{}-{}", std::process::id(), rand_suffix());
    let changed = reads.tell_peers();
    let mut retry = Duration::from_millis(200);
    loop {
        match listener(&db).await {
            Ok(mut listener) => {
                retry = Duration::from_millis(200);
                // Whatever happened while not listening.
                reads.invalidate_from_peer();
                loop {
                    tokio::select! {
                        // `try_recv` says when the connection was lost (and
                        // made again): notifications sent meanwhile are gone,
                        // so anything may have changed.
                        note = listener.try_recv() => match note {
                            Ok(Some(n)) if n.payload() != me => reads.invalidate_from_peer(),
                            Ok(Some(_)) => {}
                            Ok(None) => reads.invalidate_from_peer(),
                            Err(sea_orm::sqlx::Error::PoolClosed) => return,
                            Err(e) => {
                                tracing::warn!(error = %e, "listening for other servers' changes");
                                break;
                            }
                        },
                        () = changed.notified() => {
                            let sent = db
                                .execute_raw(Statement::from_sql_and_values(
                                    sea_orm::DatabaseBackend::Postgres,
                                    "SELECT pg_notify($1, $2)",
                                    [CHANNEL.into(), me.clone().into()],
                                ))
                                .await;
                            if let Err(e) = sent {
                                tracing::warn!(error = %e, "telling other servers of a change");
                            }
                        }
                    }
                }
            }
            // The process is ending.
            Err(sea_orm::sqlx::Error::PoolClosed) => return,
            Err(e) => {
                tracing::warn!(error = %e, retry_in = ?retry, "cannot listen for other servers' changes")
            }
        }
        tokio::time::sleep(retry).await;
        retry = (retry * 2).min(Duration::from_secs(30));
    }
}

async fn listener(db: &DatabaseConnection) -> Result<PgListener, sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(db.get_postgres_connection_pool()).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// A random number: std seeds each `RandomState` from the system's randomness.
fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
}
