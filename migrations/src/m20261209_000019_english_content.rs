//! An enterprise may give a product an English title and description
//! (optional; the Bulgarian ones stay required): English pages show them
//! where present, and English searches find them.
//!
//! Every product is queued for the search index: documents now carry the
//! English words (a product's own and its categories' English names) with
//! English stems, so those indexed before are rebuilt by the worker.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261209_000019_english_content"
    }
}

fn n(s: &str) -> Alias {
    Alias::new(s)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["title_en", "description_en"] {
            let mut col = ColumnDef::new(n(column));
            crate::add_column(m, "products", col.text().null().to_owned()).await?;
        }
        crate::queue_every_product(m).await?;
        Ok(())
    }
}
