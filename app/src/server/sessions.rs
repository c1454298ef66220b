//! Sessions kept in the database, so they survive a restart and are shared by
//! every app server behind a load balancer.
//!
//! tower-sessions does the cookie and the session life cycle; this is its
//! store over sea-orm, on the application's own connection pool (the
//! published SQL stores are built on another sqlx version). The table holds
//! a hash of the session id, never the id itself: a copy of the database
//! does not let anyone sign in as its users.

use blake2::{Blake2s256, Digest};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use super::entities::session;

/// The session key that holds the signed-in user's id.
pub const USER_KEY: &str = "user_id";

/// The session cookie's name.
pub const COOKIE: &str = "sid";

/// The value of the cookie `name` the request carries, read exactly as the
/// session layer (tower-cookies) reads cookies: each `;`-separated pair
/// trimmed and percent-decoded, the last of one name winning.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    use tower_sessions::cookie::Cookie;
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| std::str::from_utf8(v.as_bytes()).ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| Cookie::parse_encoded(pair.to_owned()).ok())
        .rfind(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// Whether the session layer found a session id in the request's cookies:
/// the one answer to "may this reader be signed in?" for the page cache,
/// the header and `Cache-Control`, so no spelling of the cookie that the
/// session layer accepts (`sid =…`, `%73id=…`) can be read otherwise
/// elsewhere. Without one nobody is signed in, so a public page needs no
/// session lookup and may be shared.
pub fn has_session(extensions: &axum::http::Extensions) -> bool {
    extensions
        .get::<tower_sessions::Session>()
        .is_some_and(|s| s.id().is_some())
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

    /// Updates a session that still exists, and never brings back one that
    /// is gone. A request that loaded the session before it was ended (sign
    /// out everywhere, a changed password, a disabled account) saves it when
    /// it finishes; an upsert would write the ended session back and keep a
    /// stolen cookie alive. New sessions go through [`Self::create`].
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let row = row(record)?;
        session::Entity::update_many()
            .set(session::ActiveModel {
                user_id: row.user_id,
                data: row.data,
                expires_at: row.expires_at,
                ..Default::default()
            })
            .filter(session::Column::Id.eq(key(&record.id)))
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
    fn cookies_are_read_as_the_session_layer_reads_them() {
        let sid = |v: &[&str]| cookie(&with_cookies(v), COOKIE);
        assert_eq!(sid(&["sid=abc"]).as_deref(), Some("abc"));
        assert_eq!(sid(&["lang=en; sid=abc"]).as_deref(), Some("abc"));
        assert_eq!(sid(&["lang=en", "sid=abc"]).as_deref(), Some("abc"));
        // Spellings a hand-made reader missed (found by an outside probe).
        assert_eq!(sid(&["sid =abc"]).as_deref(), Some("abc"));
        assert_eq!(sid(&["%73id=abc"]).as_deref(), Some("abc"));
        assert_eq!(sid(&["sid=a; sid=b"]).as_deref(), Some("b"));
        assert_eq!(sid(&[]), None);
        assert_eq!(sid(&["lang=en"]), None);
        assert_eq!(sid(&["xsid=abc; sidx=1"]), None);
        assert_eq!(
            cookie(&with_cookies(&["sid=abc; lang=en"]), "lang").as_deref(),
            Some("en")
        );
    }
}
