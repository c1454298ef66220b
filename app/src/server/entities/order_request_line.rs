//! `order_request_lines` (see migrations/src/m20261127_000001_schema.rs).

use sea_orm::entity::prelude::*;

use crate::domain::Unit;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_request_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub order_request_id: i32,
    pub product_id: i32,
    pub title: String,
    pub unit: Unit,
    pub quantity: i32,
    pub unit_price_cents: i64,
    /// The enterprise's proposed change, until the buyer confirms it.
    pub proposed_quantity: Option<i32>,
    pub proposed_unit_price_cents: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
