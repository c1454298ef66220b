//! `users` (see migrations/src/m20261127_000001_schema.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub locale: String,
    pub disabled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// Set once the owner followed the link mailed to the address.
    pub email_confirmed_at: Option<DateTimeUtc>,
    /// Why an admin disabled the account (with `disabled_at`).
    pub disabled_reason: Option<String>,
    /// Its owner deleted it: what is left is a nameless, disabled tombstone.
    pub deleted_at: Option<DateTimeUtc>,
    pub last_signed_in_at: Option<DateTimeUtc>,
    /// The version of the terms its owner accepted at sign-up (in the
    /// language of the account).
    pub terms_version: Option<i32>,
    pub terms_accepted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
