//! What the platform keeps only for a while: notices a person has read
//! (or that grew old unread) and mail already sent (its body holds links
//! with tokens that should not outlive their use). And SQLite's planner
//! statistics, refreshed as the tables grow.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    QueryFilter,
};

use crate::server::entities::{notice, outgoing_mail};

/// A read notice is kept this long after it was read…
pub const READ_NOTICE_DAYS: i64 = 90;
/// …and any notice this long after it was made.
pub const NOTICE_DAYS: i64 = 365;
/// A sent mail is kept this long (the hourly allowance per address needs
/// only the last hour).
pub const SENT_MAIL_DAYS: i64 = 30;

/// What [`purge`] deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub notices: u64,
    pub mails: u64,
}

/// Deletes what is no longer kept at `now`. Idempotent, so several app
/// servers may run it.
///
/// # Errors
/// The database's.
pub async fn purge(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Purged, DbErr> {
    let notices = notice::Entity::delete_many()
        .filter(
            Condition::any()
                .add(notice::Column::ReadAt.lt(now - Duration::days(READ_NOTICE_DAYS)))
                .add(notice::Column::CreatedAt.lt(now - Duration::days(NOTICE_DAYS))),
        )
        .exec(db)
        .await?
        .rows_affected;
    let mails = outgoing_mail::Entity::delete_many()
        .filter(outgoing_mail::Column::SentAt.lt(now - Duration::days(SENT_MAIL_DAYS)))
        .exec(db)
        .await?
        .rows_affected;
    Ok(Purged { notices, mails })
}

/// Lets SQLite refresh its statistics where the tables changed enough to
/// matter (`PRAGMA optimize`, cheap when nothing did); PostgreSQL's
/// autovacuum does this itself.
///
/// # Errors
/// The database's.
pub async fn optimize(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA optimize").await?;
    }
    Ok(())
}
