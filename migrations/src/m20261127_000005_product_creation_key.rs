//! A form's one-time key on the product it created, unique, so that a double
//! click or a resubmitted form creates one product, not two.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000005_product_creation_key"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("products"))
                .add_column(
                    ColumnDef::new(Alias::new("creation_key"))
                        .string_len(64)
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        // NULLs are distinct in a unique index on both SQLite and PostgreSQL,
        // so products made before (or by the seed) need no key.
        m.create_index(
            Index::create()
                .name("ux_products_creation_key")
                .table(Alias::new("products"))
                .col(Alias::new("creation_key"))
                .unique()
                .to_owned(),
        )
        .await
    }
}
