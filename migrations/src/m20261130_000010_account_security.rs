//! What keeping accounts safe needs:
//! - `users.email_confirmed_at`: an address counts (for invitations, for
//!   registering an enterprise, for mail) only once its owner has followed
//!   the link sent to it. Accounts made before this column existed are not
//!   confirmed: nothing proved their addresses.
//! - `account_tokens`: single-use links sent by mail (confirming an address
//!   now; resetting a password and changing an address later), stored only
//!   as a hash, with an expiry.
//! - `outgoing_mail`: mail waiting for the relay (or the mail folder),
//!   written in the same transaction as what it announces, so none is lost.
//! - `sign_in_failures`: failed sign-ins per account and per account and
//!   client address, shared by every app server.
//! - `known_devices`: browsers a person has signed in from (a hash of a
//!   cookie), which the per-account ceiling on failures lets through.
//! - `secrets`: keys the app servers share (signing the errors a form post
//!   sends back in the address).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000010_account_security"
    }
}

fn id_col() -> ColumnDef {
    ColumnDef::new(Alias::new("id"))
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn at(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let n = Alias::new;
        crate::add_column(m, "users", at_null("email_confirmed_at")).await?;

        m.create_table(
            Table::create()
                .table(n("account_tokens"))
                .col(id_col())
                .col(ColumnDef::new(n("user_id")).integer().not_null())
                .col(ColumnDef::new(n("purpose")).string_len(32).not_null())
                .col(ColumnDef::new(n("token_hash")).string_len(64).not_null())
                // The address the token proves (a new address, for a change).
                .col(ColumnDef::new(n("email")).string_len(254).not_null())
                .col(at("created_at"))
                .col(at("expires_at"))
                .col(at_null("used_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_account_tokens_user")
                        .from(n("account_tokens"), n("user_id"))
                        .to(n("users"), n("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_account_tokens_token_hash")
                .table(n("account_tokens"))
                .col(n("token_hash"))
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_account_tokens_user_purpose")
                .table(n("account_tokens"))
                .col(n("user_id"))
                .col(n("purpose"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(n("outgoing_mail"))
                .col(id_col())
                .col(ColumnDef::new(n("to_address")).string_len(254).not_null())
                .col(ColumnDef::new(n("subject")).string_len(500).not_null())
                .col(ColumnDef::new(n("body")).text().not_null())
                .col(at("created_at"))
                .col(at_null("sent_at"))
                .col(
                    ColumnDef::new(n("attempts"))
                        .integer()
                        .not_null()
                        .default(0),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_outgoing_mail_sent_at")
                .table(n("outgoing_mail"))
                .col(n("sent_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(n("sign_in_failures"))
                // "a:<address>" for an account, "p:<address>|<client>" for a
                // pair of account and client address.
                .col(
                    ColumnDef::new(n("key"))
                        .string_len(400)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(n("failures")).integer().not_null())
                .col(at("first_failed_at"))
                .col(at("last_failed_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(n("known_devices"))
                .col(id_col())
                .col(ColumnDef::new(n("user_id")).integer().not_null())
                .col(ColumnDef::new(n("token_hash")).string_len(64).not_null())
                .col(at("created_at"))
                .col(at("last_used_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_known_devices_user")
                        .from(n("known_devices"), n("user_id"))
                        .to(n("users"), n("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_known_devices_user_token")
                .table(n("known_devices"))
                .col(n("user_id"))
                .col(n("token_hash"))
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(n("secrets"))
                .col(
                    ColumnDef::new(n("name"))
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(n("value")).string_len(200).not_null())
                .to_owned(),
        )
        .await
    }
}
