//! Browsers a person has signed in from: a long-lived random cookie, kept
//! only as a hash beside the account. It opens nothing by itself; it lets
//! its owner past the per-account ceiling on failed sign-ins (see
//! [`crate::server::accounts::throttle`]) while someone else guesses.

use base64::Engine;
use chrono::Utc;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::error::AppResult;
use crate::server::accounts::tokens::digest;
use crate::server::entities::{known_device, user};

/// The cookie's name.
pub const COOKIE: &str = "dev";
/// How long a browser stays known without signing in again.
pub const DAYS: i64 = 365;

/// The stored hash of `raw` (the cookie's value) when it is a known device
/// of the account with this address.
///
/// # Errors
/// The database's.
pub async fn known(
    db: &impl ConnectionTrait,
    email: &str,
    raw: Option<&str>,
) -> AppResult<Option<String>> {
    let Some(raw) = raw.filter(|r| !r.is_empty() && r.len() <= 100) else {
        return Ok(None);
    };
    let Some(u) = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let hash = digest(raw);
    let found = known_device::Entity::find()
        .filter(known_device::Column::UserId.eq(u.id))
        .filter(known_device::Column::TokenHash.eq(&hash))
        .filter(known_device::Column::LastUsedAt.gt(Utc::now() - chrono::Duration::days(DAYS)))
        .count(db)
        .await?
        > 0;
    Ok(found.then_some(hash))
}

/// After a successful sign-in: refreshes the browser's cookie if it is one
/// of the account's, or makes a new one. Returns the value to set.
///
/// # Errors
/// The database's.
pub async fn remember(
    db: &impl ConnectionTrait,
    user_id: i32,
    raw: Option<&str>,
) -> AppResult<String> {
    let now = Utc::now();
    if let Some(raw) = raw.filter(|r| !r.is_empty() && r.len() <= 100) {
        let refreshed = known_device::Entity::update_many()
            .col_expr(known_device::Column::LastUsedAt, Expr::value(now))
            .filter(known_device::Column::UserId.eq(user_id))
            .filter(known_device::Column::TokenHash.eq(digest(raw)))
            .exec(db)
            .await?
            .rows_affected;
        if refreshed > 0 {
            return Ok(raw.to_string());
        }
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    known_device::Entity::insert(known_device::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(digest(&raw)),
        created_at: Set(now),
        last_used_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(raw)
}
