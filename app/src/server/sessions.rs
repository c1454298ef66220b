//! Sessions kept in the database, so they survive a restart and are shared by
//! every app server behind a load balancer.
//!
//! tower-sessions does the cookie and the session life cycle; this is its
//! store over sea-orm, on the application's own connection pool (the
//! published SQL stores are built on another sqlx version). The table holds
//! a hash of the session id, never the id itself: a copy of the database
//! does not let anyone sign in as its users.

use blake2::{Blake2s256, Digest};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use super::entities::session;

/// The session key that holds the signed-in user's id.
pub const USER_KEY: &str = "user_id";

/// The session cookie's name.
pub const COOKIE: &str = "sid";

/// The value of the cookie `name` the request carries, if any.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether a request carries a session cookie. Without one nobody is signed
/// in, so a public page needs no session lookup and may be shared.
pub fn has_cookie(headers: &axum::http::HeaderMap) -> bool {
    cookie(headers, COOKIE).is_some()
}

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        DbSessionStore { db }
    }
}

fn key(id: &Id) -> String {
    let digest = Blake2s256::digest(id.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

fn to_chrono(t: OffsetDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_default()
}

fn row(record: &Record) -> session_store::Result<session::ActiveModel> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    // The user id is copied into its own column so that signing out
    // everywhere, or disabling an account, can delete a user's sessions.
    let user_id = record
        .data
        .get(USER_KEY)
        .and_then(serde_json::Value::as_i64)
        .and_then(|v| i32::try_from(v).ok());
    Ok(session::ActiveModel {
        id: Set(key(&record.id)),
        user_id: Set(user_id),
        data: Set(data),
        expires_at: Set(to_chrono(record.expiry_date)),
    })
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Ids are 128 random bits; a collision is not expected, but if one
        // happens a fresh id is drawn rather than overwriting a session.
        loop {
            let exists = session::Entity::find_by_id(key(&record.id))
                .one(&self.db)
                .await
                .map_err(backend)?
                .is_some();
            if !exists {
                break;
            }
            record.id = Id::default();
        }
        session::Entity::insert(row(record)?)
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        session::Entity::insert(row(record)?)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .update_columns([
                        session::Column::UserId,
                        session::Column::Data,
                        session::Column::ExpiresAt,
                    ])
                    .to_owned(),
            )
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(found) = session::Entity::find_by_id(key(id))
            .filter(session::Column::ExpiresAt.gt(chrono::Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&found.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(found.expires_at.timestamp())
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(key(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(chrono::Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of a user, on every server (sign out everywhere, a
/// changed password, a disabled account).
///
/// # Errors
/// The database's.
pub async fn end_all<C: sea_orm::ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<u64, sea_orm::DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue, header};

    fn with_cookies(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::COOKIE, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_the_session_cookie_counts() {
        assert!(has_cookie(&with_cookies(&["sid=abc"])));
        assert!(has_cookie(&with_cookies(&["lang=en; sid=abc"])));
        assert!(has_cookie(&with_cookies(&["lang=en", "sid=abc"])));
        assert!(!has_cookie(&HeaderMap::new()));
        assert!(!has_cookie(&with_cookies(&["lang=en"])));
        assert!(!has_cookie(&with_cookies(&["xsid=abc; sidx=1"])));
        assert_eq!(
            cookie(&with_cookies(&["sid=abc; lang=en"]), "lang"),
            Some("en")
        );
    }
}
