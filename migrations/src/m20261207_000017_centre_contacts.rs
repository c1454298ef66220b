//! A regional centre's page says when it is open and who works there, in
//! both languages; admins keep these with its address, phone and e-mail.

use sea_orm_migration::prelude::*;

use crate::add_column;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000017_centre_contacts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (col, len) in [
            ("hours_bg", 300),
            ("hours_en", 300),
            ("team_bg", 2000),
            ("team_en", 2000),
        ] {
            add_column(
                m,
                "regional_centres",
                ColumnDef::new(Alias::new(col))
                    .string_len(len)
                    .not_null()
                    .default("")
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
