//! The schema, one migration per change. Append-only: a migration that has
//! shipped is never edited; a change is a new file. Every migration runs on
//! SQLite and PostgreSQL (the test suite applies them to both).

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_schema;
mod m20261127_000002_reference_data;
mod m20261127_000003_outbox_delivered;
mod m20261127_000004_product_listing_indexes;
mod m20261127_000005_product_creation_key;
mod m20261127_000006_notices;
mod m20261127_000007_curation;
mod m20261127_000008_questions_and_proposals;
mod m20261127_000009_notice_mail;
mod m20261130_000010_account_security;
mod m20261201_000011_enterprise_terms;
pub mod m20261202_000012_domain_checks;
pub mod m20261203_000013_network_and_event_changes;
pub mod m20261204_000014_category_tree;
pub mod m20261205_000015_account_admin;
pub mod m20261206_000016_site_pages;
mod m20261207_000017_centre_contacts;
pub mod m20261208_000018_category_admin_and_features;
mod m20261209_000019_english_content;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_schema::Migration),
            Box::new(m20261127_000002_reference_data::Migration),
            Box::new(m20261127_000003_outbox_delivered::Migration),
            Box::new(m20261127_000004_product_listing_indexes::Migration),
            Box::new(m20261127_000005_product_creation_key::Migration),
            Box::new(m20261127_000006_notices::Migration),
            Box::new(m20261127_000007_curation::Migration),
            Box::new(m20261127_000008_questions_and_proposals::Migration),
            Box::new(m20261127_000009_notice_mail::Migration),
            Box::new(m20261130_000010_account_security::Migration),
            Box::new(m20261201_000011_enterprise_terms::Migration),
            Box::new(m20261202_000012_domain_checks::Migration),
            Box::new(m20261203_000013_network_and_event_changes::Migration),
            Box::new(m20261204_000014_category_tree::Migration),
            Box::new(m20261205_000015_account_admin::Migration),
            Box::new(m20261206_000016_site_pages::Migration),
            Box::new(m20261207_000017_centre_contacts::Migration),
            Box::new(m20261208_000018_category_admin_and_features::Migration),
            Box::new(m20261209_000019_english_content::Migration),
        ]
    }
}

/// Queues every product for the search index (a migration that changes
/// what documents hold: the worker rebuilds them in the background).
pub(crate) async fn queue_every_product(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let every_product = Query::select()
        .expr(Expr::val("product"))
        .column(Alias::new("id"))
        .expr(Expr::val(0))
        .expr(Expr::val(chrono::Utc::now()))
        .from(Alias::new("products"))
        .to_owned();
    let queue = Query::insert()
        .into_table(Alias::new("outbox"))
        .columns(["entity_type", "entity_id", "attempts", "created_at"].map(Alias::new))
        .select_from(every_product)
        .map_err(|e| DbErr::Migration(e.to_string()))?
        .to_owned();
    use sea_orm_migration::sea_orm::ConnectionTrait;
    m.get_connection().execute(&queue).await?;
    Ok(())
}

/// Adds one column (SQLite takes one per ALTER TABLE).
pub(crate) async fn add_column(
    m: &SchemaManager<'_>,
    table: &str,
    col: ColumnDef,
) -> Result<(), DbErr> {
    m.alter_table(
        Table::alter()
            .table(Alias::new(table))
            .add_column(col)
            .to_owned(),
    )
    .await
}

/// Gives checked columns a new list of codes: on SQLite by rebuilding their
/// tables, on PostgreSQL by dropping and adding the named constraint.
pub(crate) async fn replace_checks(
    db: &sea_orm_migration::SchemaManagerConnection<'_>,
    changed: &[m20261202_000012_domain_checks::Check],
) -> Result<(), DbErr> {
    use m20261202_000012_domain_checks as checks;
    use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
    if db.get_database_backend() == DbBackend::Sqlite {
        return checks::sqlite_replace(db, changed).await;
    }
    for c in changed {
        let name = checks::constraint_name(c);
        db.execute_unprepared(&format!(
            "ALTER TABLE \"{}\" DROP CONSTRAINT \"{name}\"",
            c.table
        ))
        .await?;
        db.execute_unprepared(&format!(
            "ALTER TABLE \"{}\" ADD CONSTRAINT \"{name}\" CHECK ({})",
            c.table,
            checks::expression(c)
        ))
        .await?;
    }
    Ok(())
}

/// Every checked column with the codes the schema allows today: the domain
/// checks, each as the latest migration that replaced it left it.
pub fn domain_checks() -> Vec<&'static m20261202_000012_domain_checks::Check> {
    use m20261202_000012_domain_checks::CHECKS;
    // Newest first: the latest replacement of a check is the one in force.
    let replaced = [
        m20261208_000018_category_admin_and_features::CHANGED,
        m20261205_000015_account_admin::CHANGED,
        m20261203_000013_network_and_event_changes::CHANGED,
    ];
    CHECKS
        .iter()
        .map(|c| {
            replaced
                .iter()
                .flat_map(|r| r.iter())
                .find(|n| n.table == c.table && n.column == c.column)
                .unwrap_or(c)
        })
        // Checks that came with later tables.
        .chain(m20261206_000016_site_pages::ADDED)
        .collect()
}
