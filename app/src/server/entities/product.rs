//! `products` (see migrations/src/m20261127_000001_schema.rs).

use sea_orm::entity::prelude::*;

use crate::domain::{Availability, ProductStatus, Unit};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub enterprise_id: i32,
    pub category_id: i32,
    pub title: String,
    pub description: String,
    /// Optional English versions (migration 19), shown on English pages.
    pub title_en: Option<String>,
    pub description_en: Option<String>,
    pub price_cents: i64,
    pub currency: String,
    pub unit: Unit,
    pub availability: Availability,
    pub stock: Option<i32>,
    pub min_order: i32,
    pub status: ProductStatus,
    pub hidden_reason: Option<String>,
    pub featured_at: Option<DateTimeUtc>,
    pub archived_at: Option<DateTimeUtc>,
    pub creation_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
