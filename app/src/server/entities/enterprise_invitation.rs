//! `enterprise_invitations` (see migrations/src/m20261127_000001_schema.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub enterprise_id: i32,
    pub email: String,
    pub invited_by: i32,
    pub created_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
