//! `order_requests` (see migrations/src/m20261127_000001_schema.rs).

use sea_orm::entity::prelude::*;

use crate::domain::orders::{DeliveryWish, OrderKind, OrderStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub buyer_id: i32,
    pub enterprise_id: i32,
    /// The product a question is about.
    pub product_id: Option<i32>,
    pub kind: OrderKind,
    pub status: OrderStatus,
    pub delivery: DeliveryWish,
    pub event_id: Option<i32>,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub message: String,
    pub enterprise_note: Option<String>,
    pub decline_reason: Option<String>,
    #[sea_orm(unique)]
    pub idempotency_key: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
