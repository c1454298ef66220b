//! The trust pages (about, terms, privacy, cookies, contact) in each
//! language, kept with every version an admin saves: a page shows its
//! newest version and that version's date, and an account records which
//! version of the terms its owner accepted at sign-up. The first versions
//! are reference data (the text files in `migrations/pages/`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::sea_query::Check as Constraint;

use crate::add_column;
use crate::m20261202_000012_domain_checks::{Check, check, constraint_name, expression};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000016_site_pages"
    }
}

/// The checks this migration adds with its table.
pub const ADDED: &[Check] = &[
    check(
        "site_pages",
        "page",
        &["about", "terms", "privacy", "cookies", "contact"],
    ),
    check("site_pages", "locale", &["bg", "en"]),
];

/// The first version of each page: (page, locale, text whose first line is
/// `# Title`).
pub const FIRST: &[(&str, &str, &str)] = &[
    ("about", "bg", include_str!("../pages/about.bg.txt")),
    ("about", "en", include_str!("../pages/about.en.txt")),
    ("terms", "bg", include_str!("../pages/terms.bg.txt")),
    ("terms", "en", include_str!("../pages/terms.en.txt")),
    ("privacy", "bg", include_str!("../pages/privacy.bg.txt")),
    ("privacy", "en", include_str!("../pages/privacy.en.txt")),
    ("cookies", "bg", include_str!("../pages/cookies.bg.txt")),
    ("cookies", "en", include_str!("../pages/cookies.en.txt")),
    ("contact", "bg", include_str!("../pages/contact.bg.txt")),
    ("contact", "en", include_str!("../pages/contact.en.txt")),
];

fn n(s: &str) -> Alias {
    Alias::new(s)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(n("site_pages"))
            .if_not_exists()
            .col(
                ColumnDef::new(n("id"))
                    .integer()
                    .not_null()
                    .auto_increment()
                    .primary_key(),
            )
            .col(ColumnDef::new(n("page")).string_len(20).not_null())
            .col(ColumnDef::new(n("locale")).string_len(5).not_null())
            .col(ColumnDef::new(n("version")).integer().not_null())
            .col(ColumnDef::new(n("title")).string_len(200).not_null())
            .col(ColumnDef::new(n("body")).text().not_null())
            .col(
                ColumnDef::new(n("created_at"))
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(ColumnDef::new(n("created_by")).integer().null())
            .foreign_key(
                ForeignKey::create()
                    .name("fk_site_pages_created_by")
                    .from(n("site_pages"), n("created_by"))
                    .to(n("users"), n("id"))
                    .on_delete(ForeignKeyAction::SetNull),
            );
        for c in ADDED {
            table.check(Constraint::named(
                constraint_name(c),
                Expr::cust(expression(c)),
            ));
        }
        m.create_table(table.to_owned()).await?;
        m.create_index(
            Index::create()
                .name("ux_site_pages_page_locale_version")
                .table(n("site_pages"))
                .col(n("page"))
                .col(n("locale"))
                .col(n("version"))
                .unique()
                .to_owned(),
        )
        .await?;
        add_column(
            m,
            "users",
            ColumnDef::new(n("terms_version"))
                .integer()
                .null()
                .to_owned(),
        )
        .await?;
        add_column(
            m,
            "users",
            ColumnDef::new(n("terms_accepted_at"))
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        let now = chrono::Utc::now();
        for (page, locale, text) in FIRST {
            let (title, body) = split(text);
            let insert = Query::insert()
                .into_table(n("site_pages"))
                .columns([
                    n("page"),
                    n("locale"),
                    n("version"),
                    n("title"),
                    n("body"),
                    n("created_at"),
                ])
                .values_panic([
                    (*page).into(),
                    (*locale).into(),
                    1.into(),
                    title.into(),
                    body.into(),
                    now.into(),
                ])
                .to_owned();
            db.execute(&insert).await?;
        }
        Ok(())
    }
}

/// The title (the first line, without `# `) and the rest.
pub fn split(text: &str) -> (&str, &str) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    (first.trim_start_matches('#').trim(), rest.trim())
}
