//! The database refuses a value the code does not know: a CHECK constraint
//! on every column that holds a value of the domain (a status, a kind, a
//! unit, a role…), listing the codes of its enum in `app/src/domain`
//! (a test there keeps the two lists equal).
//!
//! PostgreSQL adds them in place. SQLite cannot add a constraint to a
//! table, so each table is rebuilt with its own `CREATE TABLE` statement
//! and the checks appended, its rows copied, its indexes made again (the
//! procedure of the SQLite documentation, "Making Other Kinds Of Table
//! Schema Changes"). That needs foreign keys off on the connection, which
//! `app::server::db::migrate` arranges, and it runs in one transaction.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000012_domain_checks"
    }
}

/// One column's allowed codes; `nullable` columns may also be NULL.
pub struct Check {
    pub table: &'static str,
    pub column: &'static str,
    pub codes: &'static [&'static str],
    pub nullable: bool,
}

pub const fn check(
    table: &'static str,
    column: &'static str,
    codes: &'static [&'static str],
) -> Check {
    Check {
        table,
        column,
        codes,
        nullable: false,
    }
}

const UNITS: &[&str] = &["piece", "kg", "litre", "hour", "set"];

/// Every checked column, with the codes of this migration's time.
pub const CHECKS: &[Check] = &[
    check("user_roles", "role", &["admin", "curator"]),
    check(
        "enterprises",
        "legal_form",
        &[
            "ЕТ",
            "ЕООД",
            "ООД",
            "АД",
            "кооперация",
            "сдружение",
            "фондация",
            "читалище",
            "специализирано предприятие",
        ],
    ),
    Check {
        table: "enterprises",
        column: "register_class",
        codes: &["A", "A+"],
        nullable: true,
    },
    check(
        "enterprises",
        "verification_status",
        &[
            "unverified",
            "verified",
            "rejected",
            "correction_requested",
            "expired",
        ],
    ),
    check(
        "enterprise_impact_groups",
        "impact_group",
        &[
            "disability",
            "long_term_unemployed",
            "youth_leaving_care",
            "over_55",
            "refugees",
            "violence_victims",
            "other",
        ],
    ),
    check("enterprise_members", "role", &["owner", "staff"]),
    check("products", "unit", UNITS),
    check(
        "products",
        "availability",
        &["in_stock", "made_to_order", "out_of_stock"],
    ),
    check("products", "status", &["draft", "published", "hidden"]),
    check(
        "networks",
        "kind",
        &["production", "distribution", "regional", "thematic"],
    ),
    check(
        "network_members",
        "status",
        &["applied", "invited", "approved"],
    ),
    check(
        "events",
        "kind",
        &[
            "fair",
            "bazaar",
            "exchange",
            "forum",
            "conference",
            "training",
        ],
    ),
    check("event_participants", "status", &["applied", "confirmed"]),
    check("order_requests", "kind", &["order", "question", "quote"]),
    check(
        "order_requests",
        "status",
        &[
            "submitted",
            "proposed",
            "accepted",
            "declined",
            "fulfilled",
            "cancelled",
        ],
    ),
    check(
        "order_requests",
        "delivery",
        &["pickup", "delivery", "event"],
    ),
    check("order_request_lines", "unit", UNITS),
    check(
        "notices",
        "kind",
        &[
            "request_received",
            "request_accepted",
            "request_declined",
            "request_fulfilled",
            "request_cancelled",
            "request_proposed",
            "message",
            "question_received",
            "quote_received",
            "enterprise_verified",
            "verification_rejected",
            "correction_requested",
            "verification_requested",
            "enterprise_suspended",
            "enterprise_restored",
            "enterprise_transferred",
            "product_hidden",
            "product_shown",
            "certificate_expiring",
            "certificate_lapsed",
            "network_invited",
            "network_approved",
            "network_removed",
            "network_applied",
            "event_applied",
            "event_confirmed",
            "event_declined",
        ],
    ),
    check(
        "audit_log",
        "action",
        &[
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
            "event.confirmed",
            "event.declined",
            "event.published",
            "member.invited",
            "member.joined",
            "member.removed",
            "network.applied",
            "network.approved",
            "network.created",
            "network.invited",
            "network.joined",
            "network.left",
            "network.logo",
            "network.removed",
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
        ],
    ),
];

/// The CHECK expression of a column (names and codes are ours, quoted).
pub fn expression(c: &Check) -> String {
    let list: Vec<String> = c
        .codes
        .iter()
        .map(|v| format!("'{}'", v.replace('\'', "''")))
        .collect();
    let test = format!("\"{}\" IN ({})", c.column, list.join(", "));
    if c.nullable {
        format!("\"{}\" IS NULL OR {test}", c.column)
    } else {
        test
    }
}

pub fn constraint_name(c: &Check) -> String {
    format!("ck_{}_{}", c.table, c.column)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DbBackend::Sqlite => sqlite_up(db).await,
            _ => {
                for c in CHECKS {
                    db.execute_unprepared(&format!(
                        "ALTER TABLE \"{}\" ADD CONSTRAINT \"{}\" CHECK ({})",
                        c.table,
                        constraint_name(c),
                        expression(c)
                    ))
                    .await?;
                }
                Ok(())
            }
        }
    }
}

async fn sqlite_up<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    sqlite_replace(db, CHECKS).await
}

/// Gives each table of `checks` exactly these CHECKs for their columns
/// (a column's earlier check, if any, is replaced), by rebuilding it.
pub async fn sqlite_replace<C: ConnectionTrait>(db: &C, checks: &[Check]) -> Result<(), DbErr> {
    let fk = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA foreign_keys".to_owned(),
        ))
        .await?
        .map(|r| r.try_get_by_index::<i32>(0))
        .transpose()?
        .unwrap_or(0);
    if fk != 0 {
        // Dropping a table with foreign keys on deletes the rows that refer
        // to it (ON DELETE CASCADE): refuse rather than lose data.
        return Err(DbErr::Migration(
            "domain checks: run the SQLite migrations with foreign keys off (app::server::db::migrate does)"
                .into(),
        ));
    }
    let mut tables: Vec<&str> = checks.iter().map(|c| c.table).collect();
    tables.dedup();
    for table in tables {
        rebuild_with_checks(db, table, checks).await?;
    }
    Ok(())
}

/// `create` without the clause `, CONSTRAINT "name" CHECK (…)`, if it has
/// one (the parentheses of the expression counted, quoted text skipped).
fn without_constraint(create: &str, name: &str) -> String {
    let head = format!(", CONSTRAINT \"{name}\" CHECK (");
    let Some(start) = create.find(&head) else {
        return create.to_owned();
    };
    let mut depth = 0usize;
    let mut quoted = false;
    for (i, ch) in create[start + head.len() - 1..].char_indices() {
        match ch {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth -= 1;
                if depth == 0 {
                    let end = start + head.len() - 1 + i + 1;
                    return format!("{}{}", &create[..start], &create[end..]);
                }
            }
            _ => {}
        }
    }
    create.to_owned()
}

/// Rebuilds `table` with the CHECKs of its columns in `checks` appended to
/// its own definition (replacing earlier ones of the same name).
async fn rebuild_with_checks<C: ConnectionTrait>(
    db: &C,
    table: &str,
    checks: &[Check],
) -> Result<(), DbErr> {
    let text = |sql: String| Statement::from_string(DbBackend::Sqlite, sql);
    let mut create: String = db
        .query_one_raw(text(format!(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
        )))
        .await?
        .ok_or_else(|| DbErr::Migration(format!("no table {table}")))?
        .try_get_by_index(0)?;
    let indexes: Vec<String> = db
        .query_all_raw(text(format!(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL"
        )))
        .await?
        .into_iter()
        .map(|r| r.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?;
    let mine: Vec<&Check> = checks.iter().filter(|c| c.table == table).collect();
    for c in &mine {
        create = without_constraint(&create, &constraint_name(c));
    }
    let checks: Vec<String> = mine
        .iter()
        .map(|c| {
            format!(
                "CONSTRAINT \"{}\" CHECK ({})",
                constraint_name(c),
                expression(c)
            )
        })
        .collect();
    let close = create
        .rfind(')')
        .ok_or_else(|| DbErr::Migration(format!("unexpected definition of {table}")))?;
    let open = create
        .find('(')
        .ok_or_else(|| DbErr::Migration(format!("unexpected definition of {table}")))?;
    let new_table = format!("{table}__checked");
    let new_create = format!(
        "CREATE TABLE \"{new_table}\" {}, {}{}",
        &create[open..close],
        checks.join(", "),
        &create[close..]
    );
    db.execute_unprepared(&new_create).await?;
    db.execute_unprepared(&format!(
        "INSERT INTO \"{new_table}\" SELECT * FROM \"{table}\""
    ))
    .await?;
    db.execute_unprepared(&format!("DROP TABLE \"{table}\""))
        .await?;
    db.execute_unprepared(&format!(
        "ALTER TABLE \"{new_table}\" RENAME TO \"{table}\""
    ))
    .await?;
    for index in indexes {
        db.execute_unprepared(&index).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::without_constraint;

    #[test]
    fn a_constraint_clause_is_taken_out_whole() {
        let create = "CREATE TABLE \"t\" (\"a\" text, CONSTRAINT \"ck_t_a\" CHECK (\"a\" IN ('x', 'y)')), CONSTRAINT \"ck_t_b\" CHECK (\"b\" IS NULL OR \"b\" IN ('z')))";
        assert_eq!(
            without_constraint(create, "ck_t_a"),
            "CREATE TABLE \"t\" (\"a\" text, CONSTRAINT \"ck_t_b\" CHECK (\"b\" IS NULL OR \"b\" IN ('z')))"
        );
        assert_eq!(without_constraint(create, "ck_t_c"), create);
    }
}
