//! `notices` (see migrations/src/m20261127_000006_notices.rs).

use sea_orm::entity::prelude::*;

use crate::domain::notices::NoticeKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub kind: NoticeKind,
    pub order_request_id: Option<i32>,
    pub enterprise_id: Option<i32>,
    pub detail: Option<String>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
    pub mailed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
