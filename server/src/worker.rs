//! The background workers: one delivers outbox rows to the search engine,
//! one sweeps the register certificates (warnings and lapses), and one
//! mails notices where a mail server is configured.

use std::sync::Arc;
use std::time::Duration;

use app::server::memo::ReadCache;
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
    reads: Arc<ReadCache>,
) {
    let mut backoff = IDLE;
    let mut last_purge = std::time::Instant::now();
    loop {
        if let Some(tantivy) = &embedded {
            match tantivy.follow_rebuild() {
                Ok(Some(started)) => {
                    tracing::info!("switched to a rebuilt search index");
                    reads.invalidate();
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
                // Kept search pages now differ from what the engine answers.
                reads.invalidate();
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
pub async fn certificates(db: DatabaseConnection, reads: Arc<ReadCache>) {
    loop {
        let today = app::server::services::visibility::today();
        match app::server::services::curation::sweep_certificates(&db, today).await {
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
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}

/// Mails new notices through the configured relay, forever. A notice is
/// marked mailed only after the relay accepted it; while the relay is down
/// the notices wait (for up to a day, see `services::mail::pending`).
pub async fn mail(db: DatabaseConnection, config: crate::config::MailConfig, base_url: String) {
    use app::server::services::mail;
    use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host.clone())
        .port(config.port);
    if let Some((user, password)) = &config.credentials {
        builder = builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
            user.clone(),
            password.clone(),
        ));
    }
    let transport = builder.build();
    let from: lettre::message::Mailbox = match config.from.parse() {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %e, from = %config.from, "MAIL_FROM is not an address; no mail will be sent");
            return;
        }
    };
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
            let message = m.to.parse().map_err(|e| format!("{e}")).and_then(|to| {
                Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(m.subject.clone())
                    .header(lettre::message::header::ContentType::TEXT_PLAIN)
                    .body(m.body.clone())
                    .map_err(|e| format!("{e}"))
            });
            match message {
                Ok(message) => match transport.send(message).await {
                    Ok(_) => done.push(m.notice_id),
                    Err(e) => {
                        tracing::warn!(error = %e, retry_in = ?backoff, "the mail relay refused or is down");
                        failed = true;
                        break;
                    }
                },
                // An address no mail can go to: nothing to retry.
                Err(e) => {
                    tracing::warn!(error = %e, notice = m.notice_id, "a notice that cannot be mailed");
                    done.push(m.notice_id);
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
