//! `featured_products` (see
//! migrations/src/m20261208_000018_category_admin_and_features.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "featured_products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub product_id: i32,
    /// The region whose curators chose it; its centre page shows it.
    pub centre_id: i32,
    /// Shown on the home page too.
    pub on_home: bool,
    /// The first and the last day it is shown (days in Sofia).
    pub starts_on: Date,
    pub ends_on: Date,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
