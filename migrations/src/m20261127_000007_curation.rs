//! What the regional centres' work needs on top of the schema: when an
//! enterprise asked (again) to be verified, so the desk lists the oldest
//! first; which certificate expiry the enterprise was already warned about;
//! and notices about an enterprise (a verification, a suspension) rather
//! than an order request, with the reason the user should read.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000007_curation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let n = Alias::new;
        crate::add_column(
            m,
            "enterprises",
            ColumnDef::new(n("verification_requested_at"))
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        )
        .await?;
        crate::add_column(
            m,
            "enterprises",
            ColumnDef::new(n("expiry_warned_for"))
                .date()
                .null()
                .to_owned(),
        )
        .await?;
        crate::add_column(
            m,
            "notices",
            ColumnDef::new(n("enterprise_id"))
                .integer()
                .null()
                .to_owned(),
        )
        .await?;
        crate::add_column(
            m,
            "notices",
            ColumnDef::new(n("detail"))
                .string_len(2000)
                .null()
                .to_owned(),
        )
        .await?;
        // Enterprises already waiting keep their place in the queue.
        m.get_connection()
            .execute_unprepared(
                "UPDATE enterprises SET verification_requested_at = created_at \
                 WHERE verification_status = 'unverified'",
            )
            .await?;
        m.create_index(
            Index::create()
                .name("ix_enterprises_verification_status_requested")
                .table(n("enterprises"))
                .col(n("verification_status"))
                .col(n("verification_requested_at"))
                .to_owned(),
        )
        .await
    }
}
