//! An enterprise's terms of trade, shown on its product pages and in
//! requests: how it delivers, where one can pick up, how one pays.

use sea_orm_migration::prelude::*;

use crate::add_column;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000011_enterprise_terms"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in ["delivery_terms", "pickup_terms", "payment_terms"] {
            add_column(
                m,
                "enterprises",
                ColumnDef::new(Alias::new(col))
                    .text()
                    .not_null()
                    .default("")
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
