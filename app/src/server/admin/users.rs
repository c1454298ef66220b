//! Accounts, as admins run them: find a person, see what they are on the
//! platform, disable an account (with a reason; its sessions end at once)
//! or enable it again, and sign someone out everywhere. Every action is in
//! the audit log.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::domain::UserRole;
use crate::domain::audit::AuditAction;
use crate::error::{AppError, AppResult, Conflict};
use crate::forms::Refusals;
use crate::i18n::Locale;
use crate::models::{UserRow, UsersPage};
use crate::server::auth::Caller;
use crate::server::entities::{enterprise, enterprise_member, regional_centre, user, user_role};
use crate::server::kernel::audit::audit;

/// Accounts on one page of the list.
pub const PAGE: u64 = 50;

/// The accounts whose address or name holds `query` (all, newest first,
/// when it is empty), with their roles and memberships.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin.
pub async fn users_page(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
    query: &str,
) -> AppResult<UsersPage> {
    caller.require_admin()?;
    let query: String = query.trim().chars().take(100).collect();
    let mut find = user::Entity::find();
    if !query.is_empty() {
        let lower = query.to_lowercase();
        let mut names = Condition::any()
            .add(user::Column::Email.contains(&lower))
            .add(user::Column::DisplayName.contains(&query))
            .add(
                Expr::expr(Func::lower(Expr::col(user::Column::DisplayName)))
                    .like(format!("%{lower}%")),
            );
        for word in lower.split_whitespace() {
            names = names.add(user::Column::DisplayName.contains(crate::text::capitalised(word)));
        }
        find = find.filter(names);
    }
    let mut found = find
        .order_by_desc(user::Column::Id)
        .limit(PAGE + 1)
        .all(db)
        .await?;
    let more = found.len() as u64 > PAGE;
    found.truncate(PAGE as usize);
    let ids: Vec<i32> = found.iter().map(|u| u.id).collect();
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids.clone()))
        .all(db)
        .await?;
    let centres: std::collections::HashMap<i32, String> = regional_centre::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            let name = match locale {
                Locale::Bg => c.name_bg,
                Locale::En => c.name_en,
            };
            (c.id, name)
        })
        .collect();
    let members = enterprise_member::Entity::find()
        .filter(enterprise_member::Column::UserId.is_in(ids))
        .all(db)
        .await?;
    let enterprises: std::collections::HashMap<i32, enterprise::Model> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(members.iter().map(|m| m.enterprise_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let users = found
        .into_iter()
        .map(|u| UserRow {
            admin: roles
                .iter()
                .any(|r| r.user_id == u.id && r.role == UserRole::Admin),
            curator_of: roles
                .iter()
                .filter(|r| r.user_id == u.id && r.role == UserRole::Curator)
                .filter_map(|r| r.centre_id.and_then(|c| centres.get(&c)).cloned())
                .collect(),
            memberships: members
                .iter()
                .filter(|m| m.user_id == u.id)
                .filter_map(|m| {
                    enterprises
                        .get(&m.enterprise_id)
                        .map(|e| (e.name.clone(), e.slug.clone(), m.role))
                })
                .collect(),
            is_caller: u.id == caller.user_id,
            id: u.id,
            email: u.email,
            name: u.display_name,
            created_at: u.created_at,
            last_signed_in_at: u.last_signed_in_at,
            email_confirmed: u.email_confirmed_at.is_some(),
            disabled_at: u.disabled_at,
            disabled_reason: u.disabled_reason,
            deleted: u.deleted_at.is_some(),
        })
        .collect();
    Ok(UsersPage { query, users, more })
}

/// Disables an account for `reason` (which the audit log keeps too) and
/// ends its sessions everywhere; it cannot sign in until enabled again.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::Invalid`]
/// without a reason; [`AppError::NotFound`]; [`AppError::Conflict`] for the
/// caller's own account or one disabled already.
pub async fn disable(
    db: &DatabaseConnection,
    caller: &Caller,
    user_id: i32,
    reason: &str,
) -> AppResult<()> {
    caller.require_admin()?;
    let mut r = Refusals::default();
    let reason = r.line("reason", reason, 3, 500);
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    if user_id == caller.user_id {
        return Err(AppError::conflict(Conflict::OwnAccount));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let found = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if found.disabled_at.is_some() {
        return Err(AppError::conflict(Conflict::AccountState));
    }
    let email = found.email.clone();
    let mut active: user::ActiveModel = found.into();
    active.disabled_at = Set(Some(chrono::Utc::now()));
    active.disabled_reason = Set(Some(reason.clone()));
    active.update(&txn).await?;
    crate::server::sessions::end_all(&txn, user_id).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::UserDisabled,
        "user",
        user_id,
        None,
        Some(format!("{email}: {reason}")),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Lets a disabled account sign in again.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::NotFound`];
/// [`AppError::Conflict`] for an account that is not disabled.
pub async fn enable(db: &DatabaseConnection, caller: &Caller, user_id: i32) -> AppResult<()> {
    caller.require_admin()?;
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let found = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // A deleted account is a tombstone: there is nobody to let back in.
    if found.disabled_at.is_none() || found.deleted_at.is_some() {
        return Err(AppError::conflict(Conflict::AccountState));
    }
    let email = found.email.clone();
    let mut active: user::ActiveModel = found.into();
    active.disabled_at = Set(None);
    active.disabled_reason = Set(None);
    active.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::UserEnabled,
        "user",
        user_id,
        None,
        Some(email),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Ends every session of an account (a lost phone, a shared computer); its
/// owner signs in again with the password.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::NotFound`].
pub async fn sign_out_everywhere(
    db: &DatabaseConnection,
    caller: &Caller,
    user_id: i32,
) -> AppResult<()> {
    caller.require_admin()?;
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let found = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::server::sessions::end_all(&txn, user_id).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::UserSignedOut,
        "user",
        user_id,
        None,
        Some(found.email),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
