//! `site_pages` (see migrations/src/m20261206_000016_site_pages.rs).

use sea_orm::entity::prelude::*;

use crate::domain::TrustPage;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "site_pages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub page: TrustPage,
    pub locale: String,
    /// 1, 2, … per page and language; the highest is the one shown.
    pub version: i32,
    pub title: String,
    pub body: String,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
