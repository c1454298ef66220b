//! The background workers: one delivers outbox rows to the search engine,
//! one sweeps the register certificates (warnings and lapses), one sends
//! queued account mail, one mails notices, one keeps house.

use std::sync::Arc;
use std::time::Duration;

use app::server::kernel::db;
use app::server::kernel::memo::ReadCache;
use app::server::search::SearchEngine;
use app::server::search::index;
use app::server::search::tantivy_engine::TantivyEngine;
use sea_orm::DatabaseConnection;

const BATCH: u64 = 1000;
const IDLE: Duration = Duration::from_millis(300);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Runs until `stop` turns true: delivers pending updates, backs off while
/// the engine is down (the rows wait; nothing is lost), follows index
/// rebuilds made by `server reindex`, and purges old delivered rows. On a
/// shared PostgreSQL one app server delivers at a time (see
/// [`index::deliver_in_turn`]). Asked to stop, it finishes the batch it is delivering
/// first, so a restart neither loses nor repeats it.
pub async fn run(
    db: DatabaseConnection,
    engine: Arc<dyn SearchEngine>,
    embedded: Option<Arc<TantivyEngine>>,
    reads: Arc<ReadCache>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut backoff = IDLE;
    let mut last_purge = std::time::Instant::now();
    while !*stop.borrow() {
        if let Some(tantivy) = &embedded {
            match tantivy.follow_rebuild() {
                Ok(Some(started)) => {
                    tracing::info!("switched to a rebuilt search index");
                    reads.invalidate();
                    if let Err(e) = index::replay_since(&db, started).await {
                        tracing::error!(error = %e, "replaying updates after a rebuild");
                    }
                }
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "opening a rebuilt search index"),
            }
        }
        match index::deliver_in_turn(&db, engine.as_ref(), BATCH).await {
            // Nothing pending, or another server is delivering.
            Ok(Some(0) | None) => {
                backoff = IDLE;
                pause(&mut stop, IDLE).await;
            }
            Ok(Some(n)) => {
                tracing::debug!(delivered = n, "search index updated");
                // Kept search pages now differ from what the engine answers.
                reads.invalidate();
                backoff = IDLE;
            }
            Err(e) => {
                metrics::counter!("search_engine_errors_total", "op" => "deliver").increment(1);
                tracing::warn!(error = %e, retry_in = ?backoff, "search index update failed; will retry");
                pause(&mut stop, backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
        if last_purge.elapsed() > Duration::from_secs(3600) {
            last_purge = std::time::Instant::now();
            if let Err(e) = index::purge_delivered(&db).await {
                tracing::warn!(error = %e, "purging delivered outbox rows");
            }
        }
    }
    tracing::info!("search index worker stopped");
}

/// Sleeps for `d`, or less when asked to stop.
async fn pause(stop: &mut tokio::sync::watch::Receiver<bool>, d: Duration) {
    let stopped = async {
        // A dropped sender never asks to stop.
        if stop.wait_for(|s| *s).await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = tokio::time::sleep(d) => {}
        () = stopped => {}
    }
}

/// Every hour, at start and just after midnight in Sofia: warns of
/// certificates expiring within 30 days
/// and takes the badge from lapsed ones; on a shared PostgreSQL one app
/// server at a time.
pub async fn certificates(db: DatabaseConnection, reads: Arc<ReadCache>) {
    loop {
        let today = app::server::catalogue::visibility::today();
        let sweep = db::in_turn(
            &db,
            db::OneAtATime::Certificates,
            app::server::curation::verification::sweep_certificates(&db, today),
        )
        .await;
        // Another server sweeping: it does the same, once.
        let sweep = match sweep {
            Ok(Some(s)) => s,
            Ok(None) => Ok(Default::default()),
            Err(e) => Err(e.into()),
        };
        match sweep {
            Ok(s) if s.warned + s.lapsed > 0 => {
                tracing::info!(warned = s.warned, lapsed = s.lapsed, "certificates swept");
                // A lapsed badge is on kept pages; the outbox only reaches
                // them once the engine takes the update, which may be down.
                if s.lapsed > 0 {
                    reads.invalidate();
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "sweeping certificates"),
        }
        // Every hour, and at midnight in Sofia, when certificates lapse.
        let now = chrono::Utc::now();
        let midnight = (app::format::next_sofia_midnight(now) - now)
            .to_std()
            .unwrap_or_default()
            + Duration::from_secs(1);
        tokio::time::sleep(midnight.min(Duration::from_secs(3600))).await;
    }
}

/// Every hour (and at start): deletes expired sessions (each visitor who
/// fills a basket without signing in leaves one behind; nothing else ever
/// removes them), sign-in failures that no longer slow anyone, old notices
/// and sent mail (see `kernel::housekeeping`), and lets SQLite refresh its
/// statistics.
/// Idempotent, so several app servers may run it.
pub async fn housekeeping(db: DatabaseConnection) {
    use tower_sessions::ExpiredDeletion;
    let store = app::server::sessions::DbSessionStore::new(db.clone());
    loop {
        if let Err(e) = store.delete_expired().await {
            tracing::warn!(error = %e, "deleting expired sessions");
        }
        if let Err(e) = app::server::accounts::throttle::purge(&db).await {
            tracing::warn!(error = %e, "purging old sign-in failures");
        }
        use app::server::kernel::housekeeping;
        match housekeeping::purge(&db, chrono::Utc::now()).await {
            Ok(p) if p != housekeeping::Purged::default() => {
                tracing::info!(
                    notices = p.notices,
                    mails = p.mails,
                    "old notices and sent mail purged"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "purging old notices and sent mail"),
        }
        if let Err(e) = housekeeping::optimize(&db).await {
            tracing::warn!(error = %e, "optimising the database");
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}

/// Sends queued account mails (confirmations and the like) as soon as
/// they are queued (`wake`) and every few seconds. A mail is marked sent
/// only after the relay took it (or it is in the folder); while the relay
/// is down it waits and is tried again, at most
/// [`app::server::kernel::mail::MAX_ATTEMPTS`] times. Several app servers
/// may run this: each mail is claimed for each attempt.
pub async fn mail_queue(
    db: DatabaseConnection,
    mailer: Arc<crate::mailer::Mailer>,
    wake: Arc<tokio::sync::Notify>,
) {
    use app::server::kernel::mail;
    let mut backoff = Duration::from_secs(5);
    loop {
        let queued = match mail::queued(&db, 50).await {
            Ok(q) => q,
            Err(e) => {
                tracing::warn!(error = %e, "reading queued mail");
                Vec::new()
            }
        };
        let mut failed = false;
        for m in &queued {
            match mail::claim(&db, m).await {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "claiming a queued mail");
                    continue;
                }
            }
            match mailer
                .send(&format!("m{}", m.id), &m.to_address, &m.subject, &m.body)
                .await
            {
                Ok(()) => {
                    if let Err(e) = mail::sent(&db, m.id).await {
                        tracing::warn!(error = %e, "marking a mail sent");
                    }
                }
                Err(crate::mailer::SendError::Permanent(e)) => {
                    tracing::warn!(error = %e, mail = m.id, "a mail that cannot be sent");
                    let _ = mail::sent(&db, m.id).await;
                }
                Err(crate::mailer::SendError::Later(e)) => {
                    tracing::warn!(error = %e, retry_in = ?backoff, "mail not sent; will retry");
                    failed = true;
                    break;
                }
            }
        }
        let pause = if failed {
            let p = backoff;
            backoff = (backoff * 2).min(Duration::from_secs(300));
            p
        } else {
            backoff = Duration::from_secs(5);
            Duration::from_secs(5)
        };
        // A newly queued mail wakes the loop at once (not while backing off
        // from a failed relay).
        if failed {
            tokio::time::sleep(pause).await;
        } else {
            let _ = tokio::time::timeout(pause, wake.notified()).await;
        }
    }
}

/// Mails new notices (to confirmed addresses), forever. A notice is marked
/// mailed only after the relay accepted it (or it is in the folder); while
/// the relay is down the notices wait (for up to a day, see
/// `kernel::mail::pending`).
pub async fn notices(db: DatabaseConnection, mailer: Arc<crate::mailer::Mailer>, base_url: String) {
    use app::server::kernel::mail;
    let mut backoff = Duration::from_secs(5);
    loop {
        let batch = match mail::pending(&db, &base_url, 50).await {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "reading notices to mail");
                tokio::time::sleep(backoff).await;
                continue;
            }
        };
        let mut done = batch.skipped;
        let mut failed = false;
        for m in &batch.mails {
            match mailer
                .send(&format!("n{}", m.notice_id), &m.to, &m.subject, &m.body)
                .await
            {
                Ok(()) => done.push(m.notice_id),
                // An address no mail can go to: nothing to retry.
                Err(crate::mailer::SendError::Permanent(e)) => {
                    tracing::warn!(error = %e, notice = m.notice_id, "a notice that cannot be mailed");
                    done.push(m.notice_id);
                }
                Err(crate::mailer::SendError::Later(e)) => {
                    tracing::warn!(error = %e, retry_in = ?backoff, "the mail relay refused or is down");
                    failed = true;
                    break;
                }
            }
        }
        if let Err(e) = mail::mark_mailed(&db, &done).await {
            tracing::warn!(error = %e, "marking notices mailed");
        }
        if failed {
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(Duration::from_secs(300));
        } else {
            backoff = Duration::from_secs(5);
            if batch.mails.is_empty() {
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    }
}
