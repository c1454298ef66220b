//! Single-use links sent by mail: 256 random bits in the link, only their
//! hash in the database (a copy of the database confirms nothing), an
//! expiry, and a purpose, so a link made for one thing does nothing else.

use base64::Engine;
use blake2::{Blake2s256, Digest};
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use crate::error::Problem;
use crate::error::{AppError, AppResult};
use crate::server::entities::account_token;

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Proves the owner reads the address an account was made with.
    ConfirmEmail,
    /// Lets the owner of an address set a new password without the old one.
    ResetPassword,
    /// Proves the owner of an account reads the new address they gave it
    /// (the token's address is the new one).
    ChangeEmail,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "confirm_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
        }
    }
}

/// The stored form of a token.
pub fn digest(raw: &str) -> String {
    Blake2s256::digest(raw.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Makes a token for `user_id` and `email`, valid for `ttl`; the raw value
/// goes into the link and nowhere else.
///
/// # Errors
/// The database's.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i32,
    purpose: Purpose,
    email: &str,
    ttl: Duration,
) -> AppResult<String> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let now = Utc::now();
    account_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.code().into()),
        token_hash: Set(digest(&raw)),
        email: Set(email.to_string()),
        created_at: Set(now),
        expires_at: Set(now + ttl),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(raw)
}

/// Uses up a token: the one answer for a token that is unknown, of another
/// purpose, used or expired, so a guess learns nothing. Two uses at once
/// cannot both succeed (the update is conditional).
///
/// # Errors
/// [`AppError::Invalid`] on `_form` with `link_invalid`.
pub async fn consume(
    db: &impl ConnectionTrait,
    raw: &str,
    purpose: Purpose,
) -> AppResult<account_token::Model> {
    let invalid = || AppError::invalid("_form", Problem::LinkInvalid);
    let now = Utc::now();
    let token = peek(db, raw, purpose).await?;
    let used = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::Id.eq(token.id))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    if used != 1 {
        return Err(invalid());
    }
    Ok(token)
}

/// The token's row when it would be accepted now, without using it up (a
/// form checks the new password before the link is spent).
///
/// # Errors
/// [`AppError::Invalid`] on `_form` with `link_invalid`, as [`consume`].
pub async fn peek(
    db: &impl ConnectionTrait,
    raw: &str,
    purpose: Purpose,
) -> AppResult<account_token::Model> {
    let invalid = || AppError::invalid("_form", Problem::LinkInvalid);
    if raw.is_empty() || raw.len() > 100 {
        return Err(invalid());
    }
    account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(digest(raw)))
        .filter(account_token::Column::Purpose.eq(purpose.code()))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .ok_or_else(invalid)
}

/// Whether a token of this purpose was issued to the user within `within`.
///
/// # Errors
/// The database's.
pub async fn issued_within(
    db: &impl ConnectionTrait,
    user_id: i32,
    purpose: Purpose,
    within: Duration,
) -> AppResult<bool> {
    Ok(account_token::Entity::find()
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.eq(purpose.code()))
        .filter(account_token::Column::CreatedAt.gt(Utc::now() - within))
        .count(db)
        .await?
        > 0)
}

/// Ends every unused token of this purpose of the user (a new link replaces
/// the old ones).
///
/// # Errors
/// The database's.
pub async fn revoke(db: &impl ConnectionTrait, user_id: i32, purpose: Purpose) -> AppResult<()> {
    account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(Utc::now()))
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.eq(purpose.code()))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
