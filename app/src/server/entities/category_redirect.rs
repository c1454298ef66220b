//! `category_redirects` (see
//! migrations/src/m20261208_000018_category_admin_and_features.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "category_redirects")]
pub struct Model {
    /// An address the category (or a retired one it took over) had.
    #[sea_orm(primary_key, auto_increment = false)]
    pub old_slug: String,
    pub category_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
