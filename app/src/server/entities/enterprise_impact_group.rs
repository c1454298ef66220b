//! `enterprise_impact_groups` (see migrations/src/m20261127_000001_schema.rs).

use sea_orm::entity::prelude::*;

use crate::domain::ImpactGroup;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_impact_groups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub enterprise_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub impact_group: ImpactGroup,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
