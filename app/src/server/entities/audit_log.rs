//! `audit_log` (see migrations/src/m20261127_000001_schema.rs).

use sea_orm::entity::prelude::*;

use crate::domain::audit::AuditAction;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub actor_id: Option<i32>,
    pub action: AuditAction,
    pub entity_type: String,
    pub entity_id: i32,
    pub centre_id: Option<i32>,
    pub reason: Option<String>,
    pub details: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
