//! What buyers need beyond a basket order: a question about one product
//! (`order_requests.product_id`), and an enterprise's proposed changes to an
//! order (quantities and prices per line) that the buyer then confirms.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000008_questions_and_proposals"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let n = Alias::new;
        crate::add_column(
            m,
            "order_requests",
            ColumnDef::new(n("product_id")).integer().null().to_owned(),
        )
        .await?;
        crate::add_column(
            m,
            "order_request_lines",
            ColumnDef::new(n("proposed_quantity"))
                .integer()
                .null()
                .to_owned(),
        )
        .await?;
        crate::add_column(
            m,
            "order_request_lines",
            ColumnDef::new(n("proposed_unit_price_cents"))
                .big_integer()
                .null()
                .to_owned(),
        )
        .await
    }
}
