//! A person's own data: everything the platform holds about them, as one
//! JSON document, and erasing it when they delete their account.
//!
//! Deleting keeps what others rely on: order requests stay in their
//! enterprise's inbox with the buyer's contact details erased, and the
//! account's row stays as a nameless, disabled tombstone (requests,
//! messages and the audit log refer to it by id). Everything else of the
//! person goes: sessions, devices, favourites, notices, roles, memberships,
//! links and unsent mail. The last owner of an enterprise hands it over
//! first.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value, json};

use crate::domain::{MemberRole, UserRole};
use crate::error::{AppError, AppResult, Conflict, Problem};
use crate::server::entities::{
    account_token, enterprise, enterprise_invitation, enterprise_member, favourite, known_device,
    message, notice, order_request, order_request_line, outgoing_mail, product, regional_centre,
    user, user_role,
};

/// The name a deleted account's requests and messages show.
pub const DELETED_NAME: &str = "—";

/// Everything the platform holds about the user, for them to download.
///
/// # Errors
/// [`AppError::Unauthorized`] for an unknown user; the database's.
pub async fn export(db: &DatabaseConnection, user_id: i32) -> AppResult<Value> {
    let u = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let centres: std::collections::HashMap<i32, String> = regional_centre::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name_bg))
        .collect();
    let roles: Vec<Value> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            json!({
                "role": r.role.code(),
                "centre": r.centre_id.and_then(|c| centres.get(&c)),
                "since": r.created_at,
            })
        })
        .collect();
    let members = enterprise_member::Entity::find()
        .filter(enterprise_member::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let enterprises = names_of(db, members.iter().map(|m| m.enterprise_id)).await?;
    let memberships: Vec<Value> = members
        .iter()
        .map(|m| {
            json!({
                "enterprise": enterprises.get(&m.enterprise_id),
                "role": m.role.code(),
                "since": m.created_at,
            })
        })
        .collect();
    let favourites = favourite::Entity::find()
        .filter(favourite::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let products: std::collections::HashMap<i32, String> = product::Entity::find()
        .filter(product::Column::Id.is_in(favourites.iter().filter_map(|f| f.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let favoured = names_of(db, favourites.iter().filter_map(|f| f.enterprise_id)).await?;
    let favourites: Vec<Value> = favourites
        .iter()
        .map(|f| {
            json!({
                "product": f.product_id.and_then(|p| products.get(&p)),
                "enterprise": f.enterprise_id.and_then(|e| favoured.get(&e)),
                "added": f.created_at,
            })
        })
        .collect();
    let requests = order_request::Entity::find()
        .filter(order_request::Column::BuyerId.eq(user_id))
        .order_by_asc(order_request::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = requests.iter().map(|r| r.id).collect();
    let lines = order_request_line::Entity::find()
        .filter(order_request_line::Column::OrderRequestId.is_in(ids.clone()))
        .all(db)
        .await?;
    let messages = message::Entity::find()
        .filter(message::Column::OrderRequestId.is_in(ids))
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    let sellers = names_of(db, requests.iter().map(|r| r.enterprise_id)).await?;
    let requests: Vec<Value> = requests
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "enterprise": sellers.get(&r.enterprise_id),
                "kind": r.kind.code(),
                "status": r.status.code(),
                "delivery": r.delivery.code(),
                "contact_name": r.contact_name,
                "contact_email": r.contact_email,
                "contact_phone": r.contact_phone,
                "message": r.message,
                "created_at": r.created_at,
                "lines": lines.iter().filter(|l| l.order_request_id == r.id).map(|l| json!({
                    "title": l.title,
                    "quantity": l.quantity,
                    "unit": l.unit.code(),
                    "unit_price_cents": l.unit_price_cents,
                })).collect::<Vec<_>>(),
                "messages": messages.iter().filter(|m| m.order_request_id == r.id).map(|m| json!({
                    "by_me": m.author_id == user_id,
                    "body": m.body,
                    "at": m.created_at,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let notices: Vec<Value> = notice::Entity::find()
        .filter(notice::Column::UserId.eq(user_id))
        .order_by_asc(notice::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|n| {
            json!({
                "kind": n.kind.code(),
                "detail": n.detail,
                "at": n.created_at,
                "read_at": n.read_at,
            })
        })
        .collect();
    let devices: Vec<Value> = known_device::Entity::find()
        .filter(known_device::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| json!({ "first_seen": d.created_at, "last_used": d.last_used_at }))
        .collect();
    Ok(json!({
        "exported_at": chrono::Utc::now(),
        "account": {
            "email": u.email,
            "name": u.display_name,
            "language": u.locale,
            "created_at": u.created_at,
            "email_confirmed_at": u.email_confirmed_at,
            "last_signed_in_at": u.last_signed_in_at,
        },
        "roles": roles,
        "enterprises": memberships,
        "favourites": favourites,
        "requests": requests,
        "notices": notices,
        "devices": devices,
    }))
}

async fn names_of(
    db: &DatabaseConnection,
    ids: impl Iterator<Item = i32>,
) -> AppResult<std::collections::HashMap<i32, String>> {
    Ok(enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect())
}

/// Deletes the account after checking its password, in one transaction.
///
/// # Errors
/// [`AppError::Invalid`] (`password`) for a wrong password;
/// [`AppError::Conflict`] while the person is the last owner of an
/// enterprise or the last admin.
pub async fn delete_account(
    db: &DatabaseConnection,
    user_id: i32,
    password: &str,
) -> AppResult<()> {
    let u = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !crate::server::accounts::users::verify(password, &u.password_hash).await {
        return Err(AppError::invalid("password", Problem::PasswordWrong));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let owned: Vec<i32> = enterprise_member::Entity::find()
        .filter(enterprise_member::Column::UserId.eq(user_id))
        .filter(enterprise_member::Column::Role.eq(MemberRole::Owner))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.enterprise_id)
        .collect();
    for enterprise_id in owned {
        let owners = enterprise_member::Entity::find()
            .filter(enterprise_member::Column::EnterpriseId.eq(enterprise_id))
            .filter(enterprise_member::Column::Role.eq(MemberRole::Owner))
            .all(&txn)
            .await?
            .len();
        if owners <= 1 {
            let name = enterprise::Entity::find_by_id(enterprise_id)
                .one(&txn)
                .await?
                .map(|e| e.name)
                .unwrap_or_default();
            return Err(AppError::conflict(Conflict::HandOverFirst {
                enterprise: name,
            }));
        }
    }
    let admins = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(UserRole::Admin))
        .all(&txn)
        .await?;
    if admins.len() == 1 && admins[0].user_id == user_id {
        return Err(AppError::conflict(Conflict::LastAdmin));
    }

    crate::server::sessions::end_all(&txn, user_id).await?;
    crate::server::accounts::throttle::forgive(&txn, &u.email).await?;
    known_device::Entity::delete_many()
        .filter(known_device::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    favourite::Entity::delete_many()
        .filter(favourite::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    notice::Entity::delete_many()
        .filter(notice::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    account_token::Entity::delete_many()
        .filter(account_token::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    enterprise_member::Entity::delete_many()
        .filter(enterprise_member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    enterprise_invitation::Entity::delete_many()
        .filter(enterprise_invitation::Column::Email.eq(&u.email))
        .filter(enterprise_invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    outgoing_mail::Entity::delete_many()
        .filter(outgoing_mail::Column::ToAddress.eq(&u.email))
        .filter(outgoing_mail::Column::SentAt.is_null())
        .exec(&txn)
        .await?;
    order_request::Entity::update_many()
        .col_expr(
            order_request::Column::ContactName,
            Expr::value(DELETED_NAME),
        )
        .col_expr(order_request::Column::ContactEmail, Expr::value(""))
        .col_expr(order_request::Column::ContactPhone, Expr::value(""))
        .filter(order_request::Column::BuyerId.eq(user_id))
        .exec(&txn)
        .await?;
    let now = chrono::Utc::now();
    let mut tomb: user::ActiveModel = u.into();
    tomb.email = Set(format!("deleted-{user_id}@deleted.invalid"));
    tomb.display_name = Set(DELETED_NAME.to_string());
    // No password hash: nothing verifies against it.
    tomb.password_hash = Set(String::new());
    tomb.disabled_at = Set(Some(now));
    tomb.disabled_reason = Set(None);
    tomb.deleted_at = Set(Some(now));
    tomb.email_confirmed_at = Set(None);
    tomb.last_signed_in_at = Set(None);
    tomb.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}
