//! Notices: what changed for a user (a request received, accepted, a
//! message), kept in the app and sent by mail where a mail server is set up.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000006_notices"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let n = Alias::new;
        m.create_table(
            Table::create()
                .table(n("notices"))
                .if_not_exists()
                .col(
                    ColumnDef::new(n("id"))
                        .integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(ColumnDef::new(n("user_id")).integer().not_null())
                .col(ColumnDef::new(n("kind")).string_len(40).not_null())
                .col(ColumnDef::new(n("order_request_id")).integer().null())
                .col(
                    ColumnDef::new(n("created_at"))
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(n("read_at"))
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_notices_user_id")
                        .from(n("notices"), n("user_id"))
                        .to(n("users"), n("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_notices_order_request_id")
                        .from(n("notices"), n("order_request_id"))
                        .to(n("order_requests"), n("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_notices_user_id_read_at")
                .table(n("notices"))
                .col(n("user_id"))
                .col(n("read_at"))
                .to_owned(),
        )
        .await
    }
}
