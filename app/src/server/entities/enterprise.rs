//! `enterprises` (see migrations/src/m20261127_000001_schema.rs).

use sea_orm::entity::prelude::*;

use crate::domain::{LegalForm, RegisterClass, VerificationStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprises")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    #[sea_orm(unique)]
    pub eik: String,
    pub name: String,
    pub legal_form: LegalForm,
    pub district_id: i32,
    pub settlement: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub website: Option<String>,
    pub description: String,
    pub mission: String,
    pub logo_path: Option<String>,
    pub employees_total: i32,
    pub employees_vulnerable: i32,
    pub profit_reinvested_pct: i32,
    pub register_entry: Option<String>,
    pub register_class: Option<RegisterClass>,
    pub certified_on: Option<Date>,
    pub certificate_valid_until: Option<Date>,
    pub verification_status: VerificationStatus,
    pub verified_at: Option<DateTimeUtc>,
    pub verified_by: Option<i32>,
    pub verification_note: Option<String>,
    pub suspended_at: Option<DateTimeUtc>,
    pub suspension_reason: Option<String>,
    pub verification_requested_at: Option<DateTimeUtc>,
    pub expiry_warned_for: Option<Date>,
    /// How the enterprise delivers (free text; empty when not said).
    pub delivery_terms: String,
    /// Where and when one can pick up.
    pub pickup_terms: String,
    /// How one pays.
    pub payment_terms: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
