//! `server backup DIR` and `server restore DIR`: the SQLite database (an
//! online copy, taken while the server runs), the media (from the folder
//! or the S3 bucket the server uses, into files of the backup), and a
//! manifest of what they hold, so that a restore can be checked.
//!
//! On PostgreSQL the database is backed up with its own tools (`pg_dump`,
//! `pg_restore`; see the README); `server backup` then copies the media
//! and writes the manifest, and `server restore` restores the media.

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait};
use serde::{Deserialize, Serialize};

use app::server::kernel::media::{Media, MediaError};

use crate::config::Config;

/// The name of the database file inside a backup.
const DATABASE_FILE: &str = "socialen-pazar.db";
const MANIFEST: &str = "manifest.json";

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Changes when the layout of a backup does.
    pub format: u32,
    /// The version of the server that wrote it.
    pub version: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// `sqlite` (the database is in the backup) or `postgres` (it is not).
    pub database: String,
    pub counts: Counts,
    /// Every media file, by its path under the media folder, with its size.
    pub media: Vec<(String, u64)>,
}

/// Rows counted when the backup was made, checked after a restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub users: u64,
    pub enterprises: u64,
    pub products: u64,
    pub images: u64,
    pub requests: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already holds files: back up into a new or empty folder")]
    NotEmpty(String),
    #[error("{0} holds no backup ({MANIFEST} is missing or unreadable: {1})")]
    NoBackup(String, String),
    #[error("DATA_DIR {0} already holds a database: restore into an empty DATA_DIR")]
    DataDirInUse(String),
    #[error(
        "the media store ({0}) already holds files: restore into an empty DATA_DIR and an empty bucket"
    )]
    MediaInUse(String),
    #[error("the media store: {0}")]
    Media(#[from] MediaError),
    #[error(
        "this backup holds a SQLite database; restore it with DATABASE_URL unset (into DATA_DIR)"
    )]
    NotSqlite,
    #[error(
        "this backup's database is PostgreSQL: restore it with pg_restore, set DATABASE_URL to it, then run restore again"
    )]
    NotPostgres,
    #[error("the backup names a media file outside its media folder: {0}")]
    BadPath(String),
    #[error("the backup folder must be a path in UTF-8: {0}")]
    NotUtf8(String),
    #[error("after the restore the database holds {found:?}, the backup said {expected:?}")]
    Mismatch { expected: Counts, found: Counts },
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("the database: {0}")]
    Database(#[from] sea_orm::DbErr),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |e| BackupError::Io(path.display().to_string(), e)
}

/// Counts what a restore must bring back.
///
/// # Errors
/// The database's.
pub async fn counts(db: &DatabaseConnection) -> Result<Counts, sea_orm::DbErr> {
    use app::server::entities::*;
    Ok(Counts {
        users: user::Entity::find().count(db).await?,
        enterprises: enterprise::Entity::find().count(db).await?,
        products: product::Entity::find().count(db).await?,
        images: product_image::Entity::find().count(db).await?,
        requests: order_request::Entity::find().count(db).await?,
    })
}

/// The SQLite file a `sqlite:` URL names.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    Some(PathBuf::from(rest.split('?').next().unwrap_or(rest)))
}

/// Refuses a list with a name that is not a plain path inside the folder,
/// written as a store names it (`Path::components` alone would let `a//b`
/// and `a/./b` through, which the store then refuses half-way).
fn inside(list: &[(String, u64)]) -> Result<(), BackupError> {
    use std::path::Component;
    match list.iter().find(|(rel, _)| {
        rel.is_empty()
            || !Path::new(rel)
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
            || !app::server::kernel::media::well_formed(rel)
    }) {
        Some((bad, _)) => Err(BackupError::BadPath(bad.clone())),
        None => Ok(()),
    }
}

/// Copies every file of the store into `to`, one at a time; returns what
/// it copied.
async fn media_out(media: &Media, to: &Path) -> Result<Vec<(String, u64)>, BackupError> {
    let list = media.list().await?;
    // The store's names become file names here.
    inside(&list)?;
    let mut copied = Vec::with_capacity(list.len());
    for (rel, _) in list {
        // A file removed since the listing is simply not in the backup.
        let Some(bytes) = media.bytes(&rel).await? else {
            continue;
        };
        let target = to.join(&rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&target, &bytes).map_err(io(&target))?;
        copied.push((rel, bytes.len() as u64));
    }
    Ok(copied)
}

/// Puts the listed files of a backup's media folder into the store. The
/// names were checked with [`inside`] before anything was copied: a
/// manifest is a file someone handed the operator.
async fn media_in(from: &Path, media: &Media, list: &[(String, u64)]) -> Result<(), BackupError> {
    for (rel, _) in list {
        let source = from.join(rel);
        let bytes = std::fs::read(&source).map_err(io(&source))?;
        media.write(rel, bytes).await?;
    }
    Ok(())
}

/// Writes a backup into `dir` (created; it must be new or empty) while the
/// site may go on serving.
///
/// # Errors
/// A folder that holds files, a file that cannot be written, the database's.
pub async fn backup(
    db: &DatabaseConnection,
    media: &Media,
    dir: &Path,
) -> Result<Manifest, BackupError> {
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(BackupError::NotEmpty(dir.display().to_string()));
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let sqlite = db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite;
    let counts = if sqlite {
        // One consistent snapshot, made by SQLite itself while others
        // write; the counts are the snapshot's own.
        let target = dir.join(DATABASE_FILE);
        let path = target
            .to_str()
            .ok_or_else(|| BackupError::NotUtf8(dir.display().to_string()))?;
        db.execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Sqlite,
            "VACUUM INTO ?",
            [path.into()],
        ))
        .await?;
        // Read only, and without the server's pragmas (WAL would write).
        let mut options = sea_orm::ConnectOptions::new(format!("sqlite://{path}?mode=ro"));
        options.sqlx_logging(false);
        let snapshot = sea_orm::Database::connect(options).await?;
        let counts = counts(&snapshot).await?;
        snapshot.close().await?;
        counts
    } else {
        // pg_dump runs after this: rows written meanwhile make the restored
        // counts differ, which `check` then reports without failing.
        counts(db).await?
    };
    // Media is copied after the snapshot: an upload meanwhile is in the
    // copy too, never missing from it.
    let media = media_out(media, &dir.join("media")).await?;
    let manifest = Manifest {
        format: 1,
        version: env!("CARGO_PKG_VERSION").to_string(),
        created_at: chrono::Utc::now(),
        database: if sqlite { "sqlite" } else { "postgres" }.to_string(),
        counts,
        media,
    };
    let path = dir.join(MANIFEST);
    let text = serde_json::to_string_pretty(&manifest).expect("a manifest serialises");
    std::fs::write(&path, text).map_err(io(&path))?;
    Ok(manifest)
}

/// Reads a backup's manifest.
///
/// # Errors
/// No manifest, or one that cannot be read.
pub fn manifest(dir: &Path) -> Result<Manifest, BackupError> {
    let shown = dir.display().to_string();
    let text = std::fs::read_to_string(dir.join(MANIFEST))
        .map_err(|e| BackupError::NoBackup(shown.clone(), e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| BackupError::NoBackup(shown, e.to_string()))
}

/// Puts a backup's database file into an empty `DATA_DIR` and its media
/// into the empty media store, before anything opens the database there.
/// The caller then opens it, applies migrations, checks it with [`check`]
/// and rebuilds the index.
///
/// # Errors
/// No backup in `dir`, a `DATA_DIR` or store already in use, a SQLite
/// backup with `DATABASE_URL` set elsewhere, a file that cannot be copied.
pub async fn restore_files(
    config: &Config,
    media: &Media,
    dir: &Path,
) -> Result<Manifest, BackupError> {
    let manifest = manifest(dir)?;
    let database = sqlite_path(&config.database_url);
    // The database, or what SQLite keeps beside it (a journal that would be
    // applied to the restored file).
    let in_use = |db: &Path| {
        ["", "-wal", "-shm", "-journal"].iter().any(|end| {
            let mut name = db.as_os_str().to_owned();
            name.push(end);
            Path::new(&name).exists()
        })
    };
    if database.as_deref().is_some_and(in_use) {
        return Err(BackupError::DataDirInUse(
            config.data_dir.display().to_string(),
        ));
    }
    if !media.list().await?.is_empty() {
        return Err(BackupError::MediaInUse(media.label().to_string()));
    }
    // Nothing is copied into a DATA_DIR the backup does not fit, nor from
    // a backup that lacks a file it lists.
    inside(&manifest.media)?;
    for (rel, _) in &manifest.media {
        let source = dir.join("media").join(rel);
        std::fs::metadata(&source).map_err(io(&source))?;
    }
    match (manifest.database.as_str(), &database) {
        ("sqlite", None) => return Err(BackupError::NotSqlite),
        ("postgres", Some(_)) => return Err(BackupError::NotPostgres),
        _ => {}
    }
    if let ("sqlite", Some(database)) = (manifest.database.as_str(), &database) {
        let from = dir.join(DATABASE_FILE);
        std::fs::copy(&from, database).map_err(io(&from))?;
    }
    media_in(&dir.join("media"), media, &manifest.media).await?;
    Ok(manifest)
}

/// Whether the restored database holds what the backup said. A SQLite
/// backup's counts are its snapshot's, so any difference is an error; a
/// PostgreSQL backup was counted a moment before `pg_dump` ran, so a
/// difference is only reported (`Ok(Some(found))`).
///
/// # Errors
/// A SQLite mismatch, or the database's.
pub async fn check(
    db: &DatabaseConnection,
    manifest: &Manifest,
) -> Result<Option<Counts>, BackupError> {
    let found = counts(db).await?;
    if found == manifest.counts {
        return Ok(None);
    }
    if manifest.database == "postgres" {
        return Ok(Some(found));
    }
    Err(BackupError::Mismatch {
        expected: manifest.counts,
        found,
    })
}
