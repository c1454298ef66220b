//! When a notice was sent by e-mail (where a mail server is configured).
//! Notices made before this column existed count as sent: nobody is mailed
//! a backlog.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000009_notice_mail"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        crate::add_column(
            m,
            "notices",
            ColumnDef::new(Alias::new("mailed_at"))
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared("UPDATE notices SET mailed_at = created_at")
            .await?;
        m.create_index(
            Index::create()
                .name("ix_notices_mailed_at")
                .table(Alias::new("notices"))
                .col(Alias::new("mailed_at"))
                .to_owned(),
        )
        .await
    }
}
