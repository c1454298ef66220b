//! `regional_centres` (see migrations/src/m20261127_000001_schema.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "regional_centres")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name_bg: String,
    pub name_en: String,
    pub city_bg: String,
    pub city_en: String,
    pub region_bg: String,
    pub region_en: String,
    pub nuts_code: String,
    pub address_bg: String,
    pub address_en: String,
    pub email: String,
    pub phone: String,
    /// When it is open, in words („пон.–пет. 9:00–17:00“).
    pub hours_bg: String,
    pub hours_en: String,
    /// Who works there, one person a line.
    pub team_bg: String,
    pub team_en: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
