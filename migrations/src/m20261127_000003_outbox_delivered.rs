//! Delivered outbox rows are kept for a day instead of being deleted at once,
//! so that a rebuild of the search index can replay what was delivered to
//! the old index while the new one was being built.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000003_outbox_delivered"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("outbox"))
                .add_column(
                    ColumnDef::new(Alias::new("delivered_at"))
                        .timestamp_with_time_zone()
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_outbox_delivered_at_id")
                .table(Alias::new("outbox"))
                .col(Alias::new("delivered_at"))
                .col(Alias::new("id"))
                .to_owned(),
        )
        .await
    }
}
