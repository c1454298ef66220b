//! Curators change and call off what they published: an event can be
//! cancelled (kept, because requests for pick-up at it refer to it, and its
//! page says so), and the people concerned are told. That needs a column on
//! `events` and new codes in two checked columns (notice kinds and audit
//! actions, which also gain the admins' granting and revoking of roles),
//! so their CHECK constraints are replaced.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::add_column;
use crate::m20261202_000012_domain_checks::{self as checks, Check, check};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000013_network_and_event_changes"
    }
}

/// The checks this migration replaces, with every code of its time.
pub const CHANGED: &[Check] = &[
    check(
        "notices",
        "kind",
        &[
            "request_received",
            "request_accepted",
            "request_declined",
            "request_fulfilled",
            "request_cancelled",
            "request_proposed",
            "message",
            "question_received",
            "quote_received",
            "enterprise_verified",
            "verification_rejected",
            "correction_requested",
            "verification_requested",
            "enterprise_suspended",
            "enterprise_restored",
            "enterprise_transferred",
            "product_hidden",
            "product_shown",
            "certificate_expiring",
            "certificate_lapsed",
            "network_invited",
            "network_approved",
            "network_removed",
            "network_applied",
            "network_changed",
            "network_closed",
            "event_applied",
            "event_confirmed",
            "event_declined",
            "event_changed",
            "event_cancelled",
        ],
    ),
    check(
        "audit_log",
        "action",
        &[
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
        ],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            m,
            "events",
            ColumnDef::new(Alias::new("cancelled_at"))
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        match db.get_database_backend() {
            DbBackend::Sqlite => checks::sqlite_replace(db, CHANGED).await,
            _ => {
                for c in CHANGED {
                    let name = checks::constraint_name(c);
                    db.execute_unprepared(&format!(
                        "ALTER TABLE \"{}\" DROP CONSTRAINT \"{name}\"",
                        c.table
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "ALTER TABLE \"{}\" ADD CONSTRAINT \"{name}\" CHECK ({})",
                        c.table,
                        checks::expression(c)
                    ))
                    .await?;
                }
                Ok(())
            }
        }
    }
}
