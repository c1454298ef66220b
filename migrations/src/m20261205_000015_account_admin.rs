//! Admins run the accounts: a disabled account keeps the reason it was
//! disabled for, a deleted one when its owner deleted it (it stays as a
//! tombstone that no admin can enable), each account its last sign-in (for the admins' list of
//! users), and the audit log learns the admins' actions on accounts and an
//! owner's handing an enterprise over (a member made owner), an admin's
//! new version of a trust page and change of a centre's contact data, so
//! its CHECK constraint is replaced.

use sea_orm_migration::prelude::*;

use crate::add_column;
use crate::m20261202_000012_domain_checks::{Check, check};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000015_account_admin"
    }
}

/// The checks this migration replaces, with every code of its time.
pub const CHANGED: &[Check] = &[check(
    "audit_log",
    "action",
    &[
        "centre.updated",
        "enterprise.correction_requested",
        "enterprise.lapsed",
        "enterprise.logo",
        "enterprise.registered",
        "enterprise.rejected",
        "enterprise.restored",
        "enterprise.resubmitted",
        "enterprise.reverification_needed",
        "enterprise.suspended",
        "enterprise.transferred",
        "enterprise.updated",
        "enterprise.verified",
        "event.applied",
        "event.cancelled",
        "event.confirmed",
        "event.declined",
        "event.published",
        "event.updated",
        "member.invited",
        "member.joined",
        "member.promoted",
        "member.removed",
        "network.applied",
        "network.approved",
        "network.closed",
        "network.created",
        "network.invited",
        "network.joined",
        "network.left",
        "network.logo",
        "network.removed",
        "network.updated",
        "page.updated",
        "product.archived",
        "product.created",
        "product.deleted",
        "product.duplicated",
        "product.hidden",
        "product.imported",
        "product.published",
        "product.shown",
        "product.unpublished",
        "product.updated",
        "role.granted",
        "role.revoked",
        "user.disabled",
        "user.enabled",
        "user.signed_out",
    ],
)];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            m,
            "users",
            ColumnDef::new(Alias::new("disabled_reason"))
                .string_len(500)
                .null()
                .to_owned(),
        )
        .await?;
        add_column(
            m,
            "users",
            ColumnDef::new(Alias::new("deleted_at"))
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        )
        .await?;
        add_column(
            m,
            "users",
            ColumnDef::new(Alias::new("last_signed_in_at"))
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        )
        .await?;
        crate::replace_checks(m.get_connection(), CHANGED).await
    }
}
