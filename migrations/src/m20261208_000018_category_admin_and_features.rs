//! Admins keep the category tree (add, rename, move, retire) and curators
//! choose which products of their region the home page and their centre
//! page feature, each choice from a start date to an end date.
//!
//! - `category_redirects`: a category's former addresses, so that a link
//!   to `/search?category=<old>` still finds the category after a rename,
//!   or the category that took the products of a retired one.
//! - `featured_products`: the curators' choices. The old
//!   `products.featured_at` (set only by the demo data) becomes a choice
//!   of thirty days from now, shown on the home page; nothing reads the
//!   column any more.
//! - The audit log learns the new actions, so its CHECK is replaced.
//! - Every product is queued for the search index: this version analyses
//!   words differently (-ия nouns) and weighs the centre's city with the
//!   description, so documents indexed before it are rebuilt by the worker.

use chrono::{Duration, Utc};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

use crate::m20261202_000012_domain_checks::{Check, check};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261208_000018_category_admin_and_features"
    }
}

/// The checks this migration replaces, with every code of its time.
pub const CHANGED: &[Check] = &[check(
    "audit_log",
    "action",
    &[
        "category.added",
        "category.moved",
        "category.renamed",
        "category.retired",
        "centre.updated",
        "enterprise.correction_requested",
        "enterprise.lapsed",
        "enterprise.logo",
        "enterprise.registered",
        "enterprise.rejected",
        "enterprise.restored",
        "enterprise.resubmitted",
        "enterprise.reverification_needed",
        "enterprise.suspended",
        "enterprise.transferred",
        "enterprise.updated",
        "enterprise.verified",
        "event.applied",
        "event.cancelled",
        "event.confirmed",
        "event.declined",
        "event.published",
        "event.updated",
        "featured.added",
        "featured.removed",
        "member.invited",
        "member.joined",
        "member.promoted",
        "member.removed",
        "network.applied",
        "network.approved",
        "network.closed",
        "network.created",
        "network.invited",
        "network.joined",
        "network.left",
        "network.logo",
        "network.removed",
        "network.updated",
        "page.updated",
        "product.archived",
        "product.created",
        "product.deleted",
        "product.duplicated",
        "product.hidden",
        "product.imported",
        "product.published",
        "product.shown",
        "product.unpublished",
        "product.updated",
        "role.granted",
        "role.revoked",
        "user.disabled",
        "user.enabled",
        "user.signed_out",
    ],
)];

fn n(s: &str) -> Alias {
    Alias::new(s)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(n("category_redirects"))
                .if_not_exists()
                .col(
                    ColumnDef::new(n("old_slug"))
                        .string_len(80)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(n("category_id")).integer().not_null())
                .col(
                    ColumnDef::new(n("created_at"))
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_category_redirects_category")
                        .from(n("category_redirects"), n("category_id"))
                        .to(n("categories"), n("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(n("featured_products"))
                .if_not_exists()
                .col(
                    ColumnDef::new(n("id"))
                        .integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(ColumnDef::new(n("product_id")).integer().not_null())
                .col(ColumnDef::new(n("centre_id")).integer().not_null())
                .col(
                    ColumnDef::new(n("on_home"))
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .col(ColumnDef::new(n("starts_on")).date().not_null())
                .col(ColumnDef::new(n("ends_on")).date().not_null())
                .col(ColumnDef::new(n("created_by")).integer().null())
                .col(
                    ColumnDef::new(n("created_at"))
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_featured_products_product")
                        .from(n("featured_products"), n("product_id"))
                        .to(n("products"), n("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_featured_products_centre")
                        .from(n("featured_products"), n("centre_id"))
                        .to(n("regional_centres"), n("id")),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_featured_products_created_by")
                        .from(n("featured_products"), n("created_by"))
                        .to(n("users"), n("id"))
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .check(Expr::cust("ends_on >= starts_on"))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("ix_featured_products_centre", &["centre_id", "ends_on"][..]),
            ("ix_featured_products_home", &["on_home", "ends_on"][..]),
            ("ix_featured_products_product", &["product_id"][..]),
        ] {
            let mut index = Index::create();
            index.name(name).table(n("featured_products"));
            for c in cols {
                index.col(n(c));
            }
            m.create_index(index.to_owned()).await?;
        }
        copy_featured_at(m.get_connection()).await?;
        crate::queue_every_product(m).await?;
        crate::replace_checks(m.get_connection(), CHANGED).await
    }
}

/// Each product with a `featured_at` becomes a home-page choice of its
/// region, from that day to thirty days after this migration.
async fn copy_featured_at<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT p.id, d.centre_id, p.featured_at FROM products p \
             JOIN enterprises e ON e.id = p.enterprise_id \
             JOIN districts d ON d.id = e.district_id \
             WHERE p.featured_at IS NOT NULL"
                .to_string(),
        ))
        .await?;
    let now = Utc::now();
    let ends = (now + Duration::days(30)).date_naive();
    for row in rows {
        let product: i32 = row.try_get_by_index(0)?;
        let centre: i32 = row.try_get_by_index(1)?;
        let at: chrono::DateTime<Utc> = row.try_get_by_index(2)?;
        let starts = std::cmp::min(at.date_naive(), ends);
        let insert = Query::insert()
            .into_table(n("featured_products"))
            .columns(
                [
                    "product_id",
                    "centre_id",
                    "on_home",
                    "starts_on",
                    "ends_on",
                    "created_at",
                ]
                .map(n),
            )
            .values_panic([
                product.into(),
                centre.into(),
                true.into(),
                starts.into(),
                ends.into(),
                now.into(),
            ])
            .to_owned();
        db.execute(&insert).await?;
    }
    Ok(())
}
