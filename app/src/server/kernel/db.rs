//! Connecting to the database: SQLite (the embedded default) or PostgreSQL.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// Opens a pool. SQLite runs in WAL mode (readers do not wait for the writer)
/// with `synchronous=FULL`, so a committed order or approval is on disk before
/// the commit returns and survives a power cut; foreign keys are enforced.
///
/// # Errors
/// The database's own error when it cannot be reached or opened.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        // sea-orm defaults SQLite to one connection; WAL lets readers run in
        // parallel, and the busy timeout queues writers instead of failing.
        opts.max_connections(8).min_connections(1);
        opts.map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    } else {
        opts.max_connections(20).min_connections(1);
    }
    Database::connect(opts).await
}

/// Applies every migration that has not run yet; running it twice changes nothing.
///
/// # Errors
/// The failing migration's error.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migrate_up(db, None).await
}

/// Applies only the next `steps` pending migrations, as [`migrate`] does
/// (an upgrade tested one migration at a time).
///
/// # Errors
/// The database's, or a migration's.
pub async fn migrate_steps(db: &DatabaseConnection, steps: u32) -> Result<(), DbErr> {
    migrate_up(db, Some(steps)).await
}

async fn migrate_up(db: &DatabaseConnection, steps: Option<u32>) -> Result<(), DbErr> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        migrate_sqlite(db, steps).await?;
    } else {
        // Two app servers starting together: the second waits for the
        // first's migrations and then finds nothing left to apply.
        use sea_orm::TransactionTrait;
        let lock = db.begin().await?;
        lock.execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [(OneAtATime::Migrations as i64).into()],
        ))
        .await?;
        Migrator::up(db, steps).await?;
        lock.commit().await?;
    }
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        // Keep the planner's statistics fresh (bounded work per table).
        db.execute_unprepared("PRAGMA analysis_limit=1000; PRAGMA optimize;")
            .await?;
    }
    Ok(())
}

/// Runs the migrations on SQLite through a connection of its own with
/// foreign keys off: a migration that rebuilds a table (SQLite cannot add
/// a constraint in place) drops the old one, and with foreign keys on
/// that drop would delete the rows that refer to it. Afterwards every
/// foreign key is checked, so a rebuild cannot leave a dangling one.
async fn migrate_sqlite(db: &DatabaseConnection, steps: Option<u32>) -> Result<(), DbErr> {
    use sea_orm::sqlx::sqlite::SqlitePoolOptions;
    let options = db
        .get_sqlite_connection_pool()
        .connect_options()
        .as_ref()
        .clone()
        .foreign_keys(false);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into())))?;
    let own = sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
    Migrator::up(&own, steps).await?;
    let dangling = own
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Sqlite,
            "PRAGMA foreign_key_check".to_owned(),
        ))
        .await?;
    own.close().await?;
    if dangling.is_empty() {
        Ok(())
    } else {
        Err(DbErr::Migration(format!(
            "{} rows refer to rows that do not exist after migrating",
            dangling.len()
        )))
    }
}

/// Begins a transaction that will write. On SQLite it takes the write lock
/// at once (`BEGIN IMMEDIATE`): a deferred transaction that reads first and
/// writes later fails with "database is locked" when another writer (the
/// search worker, a session update) committed in between, whereas an
/// immediate one simply waits its turn (the busy timeout). PostgreSQL
/// ignores the option.
///
/// # Errors
/// The database's.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// The unique constraints services handle, so a refused row is reported by
/// what it refused: a taken ЕИК is not a taken address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unique {
    UserEmail,
    EnterpriseEik,
    EnterpriseSlug,
    ProductSlug,
    ProductCreationKey,
    NetworkSlug,
    EventSlug,
    OrderIdempotencyKey,
    NetworkMember,
    EventParticipant,
}

impl Unique {
    const ALL: [Unique; 10] = [
        Unique::UserEmail,
        Unique::EnterpriseEik,
        Unique::EnterpriseSlug,
        Unique::ProductSlug,
        Unique::ProductCreationKey,
        Unique::NetworkSlug,
        Unique::EventSlug,
        Unique::OrderIdempotencyKey,
        Unique::NetworkMember,
        Unique::EventParticipant,
    ];

    /// The table and columns, as the schema declares them.
    fn columns(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Unique::UserEmail => ("users", &["email"]),
            Unique::EnterpriseEik => ("enterprises", &["eik"]),
            Unique::EnterpriseSlug => ("enterprises", &["slug"]),
            Unique::ProductSlug => ("products", &["slug"]),
            Unique::ProductCreationKey => ("products", &["creation_key"]),
            Unique::NetworkSlug => ("networks", &["slug"]),
            Unique::EventSlug => ("events", &["slug"]),
            Unique::OrderIdempotencyKey => ("order_requests", &["idempotency_key"]),
            Unique::NetworkMember => ("network_members", &["network_id", "enterprise_id"]),
            Unique::EventParticipant => ("event_participants", &["event_id", "enterprise_id"]),
        }
    }

    /// Whether a database's message names this constraint: SQLite lists
    /// `table.column, …`; PostgreSQL names the constraint, which is
    /// `table_column_key` for a column's own and `ux_table_columns` for an
    /// index of the migrations.
    fn named_in(self, message: &str) -> bool {
        let (table, cols) = self.columns();
        let sqlite = cols
            .iter()
            .map(|c| format!("{table}.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let joined = cols.join("_");
        let quoted = |name: String| message.contains(&format!("\"{name}\""));
        message.ends_with(&sqlite)
            || message.contains(&format!("{sqlite} "))
            || message.contains(&format!("{sqlite})"))
            || quoted(format!("{table}_{joined}_key"))
            || quoted(format!("ux_{table}_{joined}"))
    }
}

/// Which unique constraint refused a row, if that is what the error is.
pub fn unique_violated(e: &sea_orm::DbErr) -> Option<Unique> {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(message)) => {
            let found = Unique::ALL.into_iter().find(|u| u.named_in(&message));
            if found.is_none() {
                tracing::warn!(%message, "a unique constraint no service expects");
            }
            found
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Unique;

    #[test]
    fn constraints_are_told_apart_by_name_on_both_databases() {
        let cases = [
            (
                "UNIQUE constraint failed: enterprises.eik",
                Some(Unique::EnterpriseEik),
            ),
            (
                "UNIQUE constraint failed: enterprises.slug",
                Some(Unique::EnterpriseSlug),
            ),
            (
                "error returned from database: UNIQUE constraint failed: network_members.network_id, network_members.enterprise_id",
                Some(Unique::NetworkMember),
            ),
            (
                "duplicate key value violates unique constraint \"enterprises_eik_key\"",
                Some(Unique::EnterpriseEik),
            ),
            (
                "duplicate key value violates unique constraint \"enterprises_slug_key\"",
                Some(Unique::EnterpriseSlug),
            ),
            (
                "duplicate key value violates unique constraint \"ux_products_creation_key\"",
                Some(Unique::ProductCreationKey),
            ),
            (
                "duplicate key value violates unique constraint \"ux_event_participants_event_id_enterprise_id\"",
                Some(Unique::EventParticipant),
            ),
            (
                "UNIQUE constraint failed: favourites.user_id, favourites.product_id",
                None,
            ),
        ];
        for (message, want) in cases {
            let got = Unique::ALL.into_iter().find(|u| u.named_in(message));
            assert_eq!(got, want, "{message}");
        }
    }
}

/// Work that one app server at a time does on a shared PostgreSQL: each
/// kind is a transaction-level advisory lock (released at commit, or when
/// the connection drops with a server that died).
#[derive(Debug, Clone, Copy)]
pub enum OneAtATime {
    /// Delivering outbox rows to a shared search engine: one deliverer keeps
    /// updates of one product in the order they were made, which row locks
    /// with SKIP LOCKED would not (two servers could each take a change to
    /// the same product and apply them the wrong way round).
    Outbox = 0x5050_0001,
    /// The certificate sweep: its notices go out once.
    Certificates = 0x5050_0002,
    /// Applying migrations (waited for, not skipped: see [`migrate`]).
    Migrations = 0x5050_0003,
}

/// Takes `kind`'s turn in `txn` on PostgreSQL: `false` when another app
/// server holds it. The turn ends with the transaction (or when its
/// connection drops, with a server that died). SQLite has one server, so
/// the turn is always ours.
///
/// # Errors
/// The database's.
pub async fn take_turn(
    txn: &sea_orm::DatabaseTransaction,
    kind: OneAtATime,
) -> Result<bool, DbErr> {
    if txn.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(true);
    }
    let row = txn
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT pg_try_advisory_xact_lock($1) AS got",
            [(kind as i64).into()],
        ))
        .await?;
    Ok(row.map(|r| r.try_get::<bool>("", "got")).transpose()? == Some(true))
}

/// Runs `work` unless another app server on the same PostgreSQL is doing
/// it (then `None`: skip this round), for work whose repeats are harmless
/// (the certificate sweep): the turn is held by a transaction of its own
/// while `work` runs on other connections, so a turn lost mid-way (its
/// connection dropped) at worst lets two servers overlap once. Work that
/// must never overlap writes inside the turn's transaction instead (see
/// `search::index::deliver_in_turn`). On SQLite `work` simply runs.
///
/// # Errors
/// The database's, when taking the turn.
pub async fn in_turn<F: std::future::Future>(
    db: &DatabaseConnection,
    kind: OneAtATime,
    work: F,
) -> Result<Option<F::Output>, DbErr> {
    use sea_orm::TransactionTrait;
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(Some(work.await));
    }
    let turn = db.begin().await?;
    if !take_turn(&turn, kind).await? {
        return Ok(None);
    }
    let out = work.await;
    // The work is done whatever the release says; a failed release only
    // ends the turn sooner.
    if let Err(e) = turn.commit().await {
        tracing::warn!(error = %e, "releasing a turn");
    }
    Ok(Some(out))
}
