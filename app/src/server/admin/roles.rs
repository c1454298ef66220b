//! Roles: admins grant and revoke the admin role and appoint and remove
//! the curators of each centre. The platform always keeps one admin. A
//! role takes effect on the person's next request (the caller is read
//! from the database on every request), and every change is in the audit
//! log.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::domain::UserRole;
use crate::domain::audit::AuditAction;
use crate::error::{AppError, AppResult, Conflict, Problem};
use crate::forms::Refusals;
use crate::i18n::Locale;
use crate::models::{CentreCurators, RoleRow, RolesPage};
use crate::server::auth::Caller;
use crate::server::entities::{regional_centre, user, user_role};
use crate::server::kernel::audit::audit;

/// Who holds which role, for the admins' page.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin.
pub async fn roles_page(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
) -> AppResult<RolesPage> {
    caller.require_admin()?;
    let roles = user_role::Entity::find()
        .order_by_asc(user_role::Column::Id)
        .all(db)
        .await?;
    let users: std::collections::HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(roles.iter().map(|r| r.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let row = |r: &user_role::Model| {
        users.get(&r.user_id).map(|u| RoleRow {
            id: r.id,
            email: u.email.clone(),
            name: u.display_name.clone(),
        })
    };
    let admins = roles
        .iter()
        .filter(|r| r.role == UserRole::Admin)
        .filter_map(row)
        .collect();
    let centres = regional_centre::Entity::find()
        .order_by_asc(regional_centre::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CentreCurators {
            curators: roles
                .iter()
                .filter(|r| r.role == UserRole::Curator && r.centre_id == Some(c.id))
                .filter_map(row)
                .collect(),
            name: match locale {
                Locale::Bg => c.name_bg,
                Locale::En => c.name_en,
            },
            slug: c.slug,
        })
        .collect();
    Ok(RolesPage { admins, centres })
}

/// Gives the account with this address the role: admin, or curator of the
/// centre `centre` (its slug).
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::Invalid`]
/// for an address without a confirmed account or an unknown centre;
/// [`AppError::Conflict`] when the person holds the role already.
pub async fn grant(
    db: &DatabaseConnection,
    caller: &Caller,
    email: &str,
    role: &str,
    centre: &str,
) -> AppResult<()> {
    caller.require_admin()?;
    let mut r = Refusals::default();
    let email = r.email("email", email);
    let role: UserRole = r.code("role", role);
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let person = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .filter(user::Column::EmailConfirmedAt.is_not_null())
        .filter(user::Column::DisabledAt.is_null())
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid("email", Problem::AccountUnknown))?;
    let centre_id = match role {
        UserRole::Admin => None,
        UserRole::Curator => Some(
            regional_centre::Entity::find()
                .filter(regional_centre::Column::Slug.eq(centre))
                .one(&txn)
                .await?
                .ok_or_else(|| AppError::invalid("centre", Problem::ChooseOne))?
                .id,
        ),
    };
    let held = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(person.id))
        .filter(user_role::Column::Role.eq(role))
        .all(&txn)
        .await?
        .into_iter()
        .any(|r| r.centre_id == centre_id);
    if held {
        return Err(AppError::conflict(Conflict::RoleHeld));
    }
    let id = user_role::Entity::insert(user_role::ActiveModel {
        user_id: Set(person.id),
        role: Set(role),
        centre_id: Set(centre_id),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    audit(
        &txn,
        caller.user_id,
        AuditAction::RoleGranted,
        "user_role",
        id,
        centre_id,
        Some(format!("{} {}", role.code(), person.email)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn admins_left(db: &impl ConnectionTrait) -> Result<usize, sea_orm::DbErr> {
    Ok(user_role::Entity::find()
        .filter(user_role::Column::Role.eq(UserRole::Admin))
        .all(db)
        .await?
        .len())
}

/// Takes a role away (by its id on the page).
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::NotFound`];
/// [`AppError::Conflict`] for the last admin.
pub async fn revoke(db: &DatabaseConnection, caller: &Caller, role_id: i32) -> AppResult<()> {
    caller.require_admin()?;
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let role = user_role::Entity::find_by_id(role_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if role.role == UserRole::Admin && admins_left(&txn).await? <= 1 {
        return Err(AppError::conflict(Conflict::LastAdmin));
    }
    let email = user::Entity::find_by_id(role.user_id)
        .one(&txn)
        .await?
        .map(|u| u.email)
        .unwrap_or_default();
    user_role::Entity::delete_by_id(role.id).exec(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::RoleRevoked,
        "user_role",
        role.id,
        role.centre_id,
        Some(format!("{} {email}", role.role.code())),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
