//! Accounts: sign-up, sign-in, passwords and profiles.
//!
//! Nothing here tells whether an e-mail address is registered: signing up
//! with a known address answers exactly as signing up with a new one, and a
//! failed sign-in says the same whether the address or the password was
//! wrong, after the same amount of hashing work.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::error::{AppError, AppResult};
use crate::forms::Refusals;
use crate::i18n::Locale;
use crate::server::entities::user;

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 200;

/// Verified against when the address is unknown, so that an unknown address
/// costs the same time as a wrong password.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash("not a password of anyone").unwrap_or_default());

fn hash(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "hashing a password");
            AppError::Internal
        })
}

fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

fn check_password(r: &mut Refusals, field: &str, password: &str, email: &str) {
    let len = password.chars().count();
    if len == 0 {
        r.add(field, "required");
    } else if len < PASSWORD_MIN {
        r.add(field, "password_short");
    } else if len > PASSWORD_MAX {
        r.add(field, "too_long");
    } else if password.trim().to_lowercase() == email {
        r.add(field, "password_is_email");
    }
}

pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub locale: Locale,
}

/// Creates a buyer account. A known address gets the same answer and
/// changes nothing (the owner would be told by mail where one is set up).
///
/// # Errors
/// [`AppError::Invalid`] for a bad address, name or password.
pub async fn sign_up(db: &DatabaseConnection, input: SignUp) -> AppResult<()> {
    let mut r = Refusals::default();
    let email = r.email("email", &input.email);
    let display_name = r.line("display_name", &input.display_name, 2, 120);
    check_password(&mut r, "password", &input.password, &email);
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    // Hash before looking: both answers cost the same.
    let password_hash = hash(&input.password)?;
    let exists = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some();
    if exists {
        tracing::info!("sign-up with a registered address; nothing changed");
        return Ok(());
    }
    let inserted = user::ActiveModel {
        email: Set(email),
        password_hash: Set(password_hash),
        display_name: Set(display_name),
        locale: Set(input.locale.code().to_string()),
        disabled_at: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        // Two sign-ups of one address at once: the unique index decides, and
        // the loser gets the same quiet answer.
        Err(e) if is_unique_violation(&e) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Checks an address and password; the user id when both are right and the
/// account is not disabled.
///
/// # Errors
/// [`AppError::Invalid`] on the form field `_form` with `sign_in_failed`,
/// the same for every kind of failure.
pub async fn authenticate(db: &DatabaseConnection, email: &str, password: &str) -> AppResult<i32> {
    let email = email.trim().to_lowercase();
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let password = if password.chars().count() > PASSWORD_MAX {
        ""
    } else {
        password
    };
    let (stored, user) = match &found {
        Some(u) => (u.password_hash.as_str(), Some(u)),
        None => (DUMMY_HASH.as_str(), None),
    };
    let ok = verify(password, stored);
    match user {
        Some(u) if ok && u.disabled_at.is_none() => Ok(u.id),
        _ => Err(AppError::invalid("_form", "sign_in_failed")),
    }
}

/// Changes a password after checking the current one. The caller ends the
/// user's other sessions.
///
/// # Errors
/// [`AppError::Invalid`] for a wrong current password or a weak new one.
pub async fn change_password(
    db: &DatabaseConnection,
    user_id: i32,
    current: &str,
    new: &str,
) -> AppResult<()> {
    let found = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let mut r = Refusals::default();
    if !verify(current, &found.password_hash) {
        r.add("current_password", "password_wrong");
    }
    check_password(&mut r, "new_password", new, &found.email);
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let password_hash = hash(new)?;
    let txn = crate::server::db::begin_write(db).await?;
    let mut active: user::ActiveModel = found.into();
    active.password_hash = Set(password_hash);
    active.update(&txn).await?;
    crate::server::sessions::end_all(&txn, user_id).await?;
    txn.commit().await?;
    Ok(())
}

/// # Errors
/// [`AppError::Invalid`] for a bad name.
pub async fn update_profile(
    db: &DatabaseConnection,
    user_id: i32,
    display_name: &str,
    locale: Locale,
) -> AppResult<()> {
    let mut r = Refusals::default();
    let display_name = r.line("display_name", display_name, 2, 120);
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let found = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let mut active: user::ActiveModel = found.into();
    active.display_name = Set(display_name);
    active.locale = Set(locale.code().to_string());
    active.update(db).await?;
    Ok(())
}

/// Disables an account and ends its sessions everywhere (admins only; the
/// caller checks).
///
/// # Errors
/// [`AppError::NotFound`] for an unknown user.
pub async fn disable(db: &DatabaseConnection, user_id: i32) -> AppResult<()> {
    let txn = crate::server::db::begin_write(db).await?;
    let found = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut active: user::ActiveModel = found.into();
    active.disabled_at = Set(Some(chrono::Utc::now()));
    active.update(&txn).await?;
    crate::server::sessions::end_all(&txn, user_id).await?;
    txn.commit().await?;
    Ok(())
}
