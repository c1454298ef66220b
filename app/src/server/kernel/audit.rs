//! The audit log: who verified, approved, hid or changed what, when and
//! why. Lines are written inside the transaction of what they record.

use chrono::{NaiveDate, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::domain::audit::AuditAction;
use crate::server::entities::audit_log;

/// Writes one line of the audit log, inside the caller's transaction.
///
/// # Errors
/// The database's.
pub async fn audit(
    db: &impl ConnectionTrait,
    actor: i32,
    action: AuditAction,
    entity_type: &str,
    entity_id: i32,
    centre_id: Option<i32>,
    reason: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        actor_id: Set(Some(actor)),
        action: Set(action),
        entity_type: Set(entity_type.into()),
        entity_id: Set(entity_id),
        centre_id: Set(centre_id),
        reason: Set(reason),
        details: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// An audit line written by the platform itself (no person acted).
pub async fn audit_line(
    db: &impl ConnectionTrait,
    action: AuditAction,
    enterprise_id: i32,
    centre: i32,
    until: NaiveDate,
) -> Result<(), sea_orm::DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        actor_id: Set(None),
        action: Set(action),
        entity_type: Set("enterprise".into()),
        entity_id: Set(enterprise_id),
        centre_id: Set(Some(centre)),
        reason: Set(Some(until.to_string())),
        details: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}
