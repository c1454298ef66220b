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
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use crate::error::Conflict;
use crate::error::Problem;
use crate::error::{AppError, AppResult};
use crate::forms::Refusals;
use crate::i18n::Locale;
use crate::server::accounts::tokens;
use crate::server::entities::user;
use crate::server::kernel::db::{Unique, unique_violated};
use crate::server::kernel::mail;

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 200;

/// Verified against when the address is unknown, so that an unknown address
/// costs the same time as a wrong password.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_now("not a password of anyone").unwrap_or_default());

/// Password hashing at once, on the calling thread (argon2id: about 20 ms
/// of one core and 19 MiB).
fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "hashing a password");
            AppError::Internal
        })
}

fn verify_now(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// At most one hash per core at a time, on the blocking pool: hashing on
/// the async workers stalled every other request while sign-ups ran (16
/// parallel sign-up loops took `/healthz/live` from 1 ms to 215 ms).
static HASHING: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

async fn off_the_workers<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = HASHING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::Internal)
}

async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_string();
    off_the_workers(move || hash_now(&password)).await?
}

pub(crate) async fn verify(password: &str, stored: &str) -> bool {
    let (password, stored) = (password.to_string(), stored.to_string());
    off_the_workers(move || verify_now(&password, &stored))
        .await
        .unwrap_or(false)
}

fn check_password(r: &mut Refusals, field: &str, password: &str, email: &str) {
    let len = password.chars().count();
    if len == 0 {
        r.add(field, Problem::Required);
    } else if len < PASSWORD_MIN {
        r.add(field, Problem::PasswordShort);
    } else if len > PASSWORD_MAX {
        r.add(field, Problem::TooLong);
    } else if password.trim().to_lowercase() == email {
        r.add(field, Problem::PasswordIsEmail);
    }
}

pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub locale: Locale,
    /// The box „I accept the terms“ was ticked.
    pub accepts_terms: bool,
}

/// How long a confirmation link works.
pub const CONFIRM_HOURS: i64 = 48;

/// Creates a buyer account and mails a link that confirms its address. A
/// known address gets the same answer and changes nothing; its owner is
/// mailed that someone tried to sign up with it (at most a few mails an
/// hour to one address, whoever asks).
///
/// # Errors
/// [`AppError::Invalid`] for a bad address, name or password.
pub async fn sign_up(db: &DatabaseConnection, input: SignUp, site: &str) -> AppResult<()> {
    let mut r = Refusals::default();
    let email = r.email("email", &input.email);
    let display_name = r.line("display_name", &input.display_name, 2, 120);
    check_password(&mut r, "password", &input.password, &email);
    if !input.accepts_terms {
        r.add("accept_terms", Problem::TermsNotAccepted);
    }
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    // Hash before looking: both answers cost the same.
    let password_hash = hash(&input.password).await?;
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let existing = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?;
    if let Some(u) = existing {
        tracing::info!("sign-up with a registered address; nothing changed");
        if mail::recent_to(&txn, &u.email).await? < mail::MAX_PER_HOUR {
            let locale = Locale::from_code(&u.locale).unwrap_or_default();
            mail::enqueue(
                &txn,
                &u.email,
                mail::already_registered(locale, &u.display_name, site),
            )
            .await?;
        }
        txn.commit().await?;
        return Ok(());
    }
    // The version of the terms the sign-up page showed (in its language).
    let terms_version = crate::server::trust::terms_version(&txn, input.locale).await?;
    let now = chrono::Utc::now();
    let inserted = user::ActiveModel {
        email: Set(email.clone()),
        password_hash: Set(password_hash),
        display_name: Set(display_name.clone()),
        locale: Set(input.locale.code().to_string()),
        disabled_at: Set(None),
        created_at: Set(now),
        email_confirmed_at: Set(None),
        terms_version: Set(terms_version),
        terms_accepted_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let user = match inserted {
        Ok(u) => u,
        // Two sign-ups of one address at once: the unique index decides, and
        // the loser gets the same quiet answer.
        Err(e) if unique_violated(&e) == Some(Unique::UserEmail) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    send_confirmation(&txn, &user, site).await?;
    txn.commit().await?;
    Ok(())
}

/// What `server admin create` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminMade {
    /// A new account, its address taken as confirmed (the operator typed it).
    Created,
    /// An existing account was made an admin; its password is unchanged.
    Promoted,
    /// The account was an admin already.
    AlreadyAdmin,
}

/// Makes the first admin of a clean install (or one more): a new account
/// with this password, or an existing account given the role. One
/// transaction; the operator's command line, not a page, calls it.
///
/// # Errors
/// [`AppError::Invalid`] for a bad address, name or password.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    display_name: &str,
    password: &str,
) -> AppResult<AdminMade> {
    use crate::domain::UserRole;
    use crate::server::entities::user_role;
    let mut r = Refusals::default();
    let email = r.email("email", email);
    let display_name = r.line("display_name", display_name, 2, 120);
    let existing = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?;
    if existing.is_none() {
        check_password(&mut r, "password", password, &email);
    }
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let password_hash = match existing {
        None => Some(hash(password).await?),
        Some(_) => None,
    };
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let now = chrono::Utc::now();
    let (user_id, made) = match user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?
    {
        Some(u) => (u.id, AdminMade::Promoted),
        None => {
            let u = user::ActiveModel {
                email: Set(email.clone()),
                password_hash: Set(password_hash.unwrap_or_default()),
                display_name: Set(display_name),
                locale: Set(Locale::DEFAULT.code().to_string()),
                disabled_at: Set(None),
                created_at: Set(now),
                email_confirmed_at: Set(Some(now)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (u.id, AdminMade::Created)
        }
    };
    let is_admin = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(UserRole::Admin))
        .one(&txn)
        .await?
        .is_some();
    if is_admin {
        return Ok(AdminMade::AlreadyAdmin);
    }
    user_role::Entity::insert(user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(UserRole::Admin),
        centre_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(made)
}

/// Issues a confirmation link for the user's address and queues the mail.
async fn send_confirmation(
    txn: &impl ConnectionTrait,
    user: &user::Model,
    site: &str,
) -> AppResult<()> {
    let token = tokens::issue(
        txn,
        user.id,
        tokens::Purpose::ConfirmEmail,
        &user.email,
        chrono::Duration::hours(CONFIRM_HOURS),
    )
    .await?;
    let locale = Locale::from_code(&user.locale).unwrap_or_default();
    mail::enqueue(
        txn,
        &user.email,
        mail::confirm_address(locale, &user.display_name, site, &token),
    )
    .await?;
    Ok(())
}

/// Sends a new confirmation link to the caller's address (the old ones
/// stop working). At most one a minute and a few an hour.
///
/// # Errors
/// [`AppError::Conflict`] when the address is confirmed already;
/// [`AppError::RateLimited`] when asked again too soon.
pub async fn resend_confirmation(
    db: &DatabaseConnection,
    user_id: i32,
    site: &str,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let u = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if u.email_confirmed_at.is_some() {
        return Err(AppError::conflict(Conflict::EmailConfirmed));
    }
    if tokens::issued_within(
        &txn,
        u.id,
        tokens::Purpose::ConfirmEmail,
        chrono::Duration::minutes(1),
    )
    .await?
        || mail::recent_to(&txn, &u.email).await? >= mail::MAX_PER_HOUR
    {
        return Err(AppError::RateLimited);
    }
    tokens::revoke(&txn, u.id, tokens::Purpose::ConfirmEmail).await?;
    send_confirmation(&txn, &u, site).await?;
    txn.commit().await?;
    Ok(())
}

/// Confirms the address a link was sent to; the link then stops working.
/// Returns the user's id.
///
/// # Errors
/// [`AppError::Invalid`] (`_form`, `link_invalid`) for a link that is
/// unknown, used, expired, or for an address that has changed since.
pub async fn confirm_email(db: &DatabaseConnection, raw_token: &str) -> AppResult<i32> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let token = tokens::consume(&txn, raw_token, tokens::Purpose::ConfirmEmail).await?;
    let u = user::Entity::find_by_id(token.user_id)
        .one(&txn)
        .await?
        .filter(|u| u.email == token.email && u.disabled_at.is_none())
        .ok_or_else(|| AppError::invalid("_form", Problem::LinkInvalid))?;
    if u.email_confirmed_at.is_none() {
        let mut active: user::ActiveModel = u.clone().into();
        active.email_confirmed_at = Set(Some(chrono::Utc::now()));
        active.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(u.id)
}

/// How long a password-reset link works.
pub const RESET_MINUTES: i64 = 60;

/// Mails a link that sets a new password to the owner of `email`, when
/// there is one and the account is not disabled. The answer is the same
/// for every address, registered or not; a second request within a minute,
/// or more than a few account mails an hour to one address, sends nothing
/// (and says nothing of it either). A new link ends the older ones.
///
/// # Errors
/// [`AppError::Invalid`] for something that is no address at all; the
/// database's.
pub async fn request_reset(db: &DatabaseConnection, email: &str, site: &str) -> AppResult<()> {
    let mut r = Refusals::default();
    let email = r.email("email", email);
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let Some(u) = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .filter(user::Column::DisabledAt.is_null())
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let too_soon = tokens::issued_within(
        &txn,
        u.id,
        tokens::Purpose::ResetPassword,
        chrono::Duration::minutes(1),
    )
    .await?
        || mail::recent_to(&txn, &u.email).await? >= mail::MAX_PER_HOUR;
    if too_soon {
        tracing::info!("password reset asked again too soon; nothing sent");
        return Ok(());
    }
    tokens::revoke(&txn, u.id, tokens::Purpose::ResetPassword).await?;
    let token = tokens::issue(
        &txn,
        u.id,
        tokens::Purpose::ResetPassword,
        &u.email,
        chrono::Duration::minutes(RESET_MINUTES),
    )
    .await?;
    let locale = Locale::from_code(&u.locale).unwrap_or_default();
    mail::enqueue(
        &txn,
        &u.email,
        mail::reset_password(locale, &u.display_name, site, &token),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a new password with a mailed reset link, which is then spent. Every
/// session of the account ends, the address counts as confirmed (the link
/// reached it), and the failed sign-ins counted against it are forgiven.
/// A weak password is refused before the link is spent, so its owner can
/// try another.
///
/// # Errors
/// [`AppError::Invalid`]: `new_password` for a weak password; `_form`
/// `link_invalid` for a link that is unknown, used, expired, of an address
/// changed since, or of a disabled account.
pub async fn reset_password(
    db: &DatabaseConnection,
    raw_token: &str,
    new_password: &str,
) -> AppResult<()> {
    let invalid = || AppError::invalid("_form", Problem::LinkInvalid);
    let token = tokens::peek(db, raw_token, tokens::Purpose::ResetPassword).await?;
    let u = user::Entity::find_by_id(token.user_id)
        .one(db)
        .await?
        .filter(|u| u.email == token.email && u.disabled_at.is_none())
        .ok_or_else(invalid)?;
    let mut r = Refusals::default();
    check_password(&mut r, "new_password", new_password, &u.email);
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let password_hash = hash(new_password).await?;
    let txn = crate::server::kernel::db::begin_write(db).await?;
    // Spent here, in the transaction that uses it: of two tabs racing, one wins.
    tokens::consume(&txn, raw_token, tokens::Purpose::ResetPassword).await?;
    let now = chrono::Utc::now();
    let mut active: user::ActiveModel = u.clone().into();
    active.password_hash = Set(password_hash);
    if u.email_confirmed_at.is_none() {
        active.email_confirmed_at = Set(Some(now));
    }
    active.update(&txn).await?;
    crate::server::sessions::end_all(&txn, u.id).await?;
    crate::server::accounts::throttle::forgive(&txn, &u.email).await?;
    txn.commit().await?;
    Ok(())
}

/// How long a link that confirms a new address works.
pub const NEW_ADDRESS_HOURS: i64 = 24;

/// Starts a change of address: after the password is checked, the new
/// address gets a link, and the account keeps its old address until the
/// link is followed. A new address that belongs to another account gets the
/// mail that it is registered instead, and the answer is the same.
///
/// # Errors
/// [`AppError::Invalid`]: `password` wrong, `new_email` not an address or
/// the present one; [`AppError::RateLimited`] when asked again within a
/// minute.
pub async fn request_email_change(
    db: &DatabaseConnection,
    user_id: i32,
    new_email: &str,
    password: &str,
    site: &str,
) -> AppResult<()> {
    let u = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let mut r = Refusals::default();
    let new_email = r.email("new_email", new_email);
    if r.is_empty() && new_email == u.email {
        r.add("new_email", Problem::EmailUnchanged);
    }
    if !verify(password, &u.password_hash).await {
        r.add("password", Problem::PasswordWrong);
    }
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    if tokens::issued_within(
        &txn,
        u.id,
        tokens::Purpose::ChangeEmail,
        chrono::Duration::minutes(1),
    )
    .await?
    {
        return Err(AppError::RateLimited);
    }
    if mail::recent_to(&txn, &new_email).await? >= mail::MAX_PER_HOUR {
        return Ok(());
    }
    let locale = Locale::from_code(&u.locale).unwrap_or_default();
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(&new_email))
        .one(&txn)
        .await?;
    if let Some(other) = taken {
        let locale = Locale::from_code(&other.locale).unwrap_or_default();
        mail::enqueue(
            &txn,
            &other.email,
            mail::already_registered(locale, &other.display_name, site),
        )
        .await?;
    } else {
        tokens::revoke(&txn, u.id, tokens::Purpose::ChangeEmail).await?;
        let token = tokens::issue(
            &txn,
            u.id,
            tokens::Purpose::ChangeEmail,
            &new_email,
            chrono::Duration::hours(NEW_ADDRESS_HOURS),
        )
        .await?;
        mail::enqueue(
            &txn,
            &new_email,
            mail::confirm_new_address(locale, &u.display_name, site, &token),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Follows the link sent to a new address: the account takes it (as
/// confirmed), the old address is told, and the link is spent. Returns
/// the user's id.
///
/// # Errors
/// [`AppError::Invalid`] (`_form`, `link_invalid`) for a link that is
/// unknown, used or expired, of a disabled account, or whose address
/// another account took meanwhile.
pub async fn confirm_email_change(
    db: &DatabaseConnection,
    raw_token: &str,
    site: &str,
) -> AppResult<i32> {
    let invalid = || AppError::invalid("_form", Problem::LinkInvalid);
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let token = tokens::consume(&txn, raw_token, tokens::Purpose::ChangeEmail).await?;
    let u = user::Entity::find_by_id(token.user_id)
        .one(&txn)
        .await?
        .filter(|u| u.disabled_at.is_none())
        .ok_or_else(invalid)?;
    let old = u.email.clone();
    let locale = Locale::from_code(&u.locale).unwrap_or_default();
    let name = u.display_name.clone();
    let mut active: user::ActiveModel = u.into();
    active.email = Set(token.email.clone());
    active.email_confirmed_at = Set(Some(chrono::Utc::now()));
    match active.update(&txn).await {
        Ok(_) => {}
        Err(e) if unique_violated(&e) == Some(Unique::UserEmail) => return Err(invalid()),
        Err(e) => return Err(e.into()),
    }
    // Links made for the old address confirm nothing any more.
    tokens::revoke(&txn, token.user_id, tokens::Purpose::ConfirmEmail).await?;
    tokens::revoke(&txn, token.user_id, tokens::Purpose::ResetPassword).await?;
    mail::enqueue(
        &txn,
        &old,
        mail::address_changed(locale, &name, site, &token.email),
    )
    .await?;
    txn.commit().await?;
    Ok(token.user_id)
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
    let ok = verify(password, stored).await;
    match user {
        Some(u) if ok && u.disabled_at.is_none() => Ok(u.id),
        _ => Err(AppError::invalid("_form", Problem::SignInFailed)),
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
    if !verify(current, &found.password_hash).await {
        r.add("current_password", Problem::PasswordWrong);
    }
    check_password(&mut r, "new_password", new, &found.email);
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let password_hash = hash(new).await?;
    let txn = crate::server::kernel::db::begin_write(db).await?;
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

/// Notes a successful sign-in (the admins' list of accounts shows it).
///
/// # Errors
/// The database's.
pub async fn signed_in(db: &DatabaseConnection, user_id: i32) -> AppResult<()> {
    user::Entity::update_many()
        .col_expr(
            user::Column::LastSignedInAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now()),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
