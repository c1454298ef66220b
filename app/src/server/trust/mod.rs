//! The platform's own pages (about, terms, privacy, cookies, contact), in
//! each language, with every version kept: admins save a new version, the
//! public sees the newest and its date, and sign-up records which version
//! of the terms was accepted.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::domain::TrustPage;
use crate::domain::audit::AuditAction;
use crate::error::{AppError, AppResult};
use crate::forms::Refusals;
use crate::i18n::Locale;
use crate::models::{TrustPageEdit, TrustPageView};
use crate::server::auth::Caller;
use crate::server::entities::site_page;
use crate::server::kernel::audit::audit;

async fn newest(
    db: &impl ConnectionTrait,
    page: TrustPage,
    locale: Locale,
) -> AppResult<Option<site_page::Model>> {
    Ok(site_page::Entity::find()
        .filter(site_page::Column::Page.eq(page))
        .filter(site_page::Column::Locale.eq(locale.code()))
        .order_by_desc(site_page::Column::Version)
        .one(db)
        .await?)
}

fn view_of(m: site_page::Model) -> TrustPageView {
    TrustPageView {
        page: m.page,
        title: m.title,
        body: m.body,
        version: m.version,
        updated_at: m.created_at,
    }
}

/// The newest version of a page in a language.
///
/// # Errors
/// [`AppError::NotFound`] when the page has no version (the migration
/// writes the first of each).
pub async fn current(
    db: &DatabaseConnection,
    page: TrustPage,
    locale: Locale,
) -> AppResult<TrustPageView> {
    newest(db, page, locale)
        .await?
        .map(view_of)
        .ok_or(AppError::NotFound)
}

/// The version of the terms a sign-up in `locale` accepts now.
///
/// # Errors
/// The database's.
pub async fn terms_version(db: &impl ConnectionTrait, locale: Locale) -> AppResult<Option<i32>> {
    Ok(newest(db, TrustPage::Terms, locale)
        .await?
        .map(|m| m.version))
}

/// Every page in every language, as admins edit them.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin.
pub async fn overview(db: &DatabaseConnection, caller: &Caller) -> AppResult<Vec<TrustPageEdit>> {
    caller.require_admin()?;
    let mut out = Vec::new();
    for page in TrustPage::ALL {
        for locale in Locale::ALL {
            if let Some(m) = newest(db, *page, *locale).await? {
                out.push(TrustPageEdit {
                    language: *locale,
                    current: view_of(m),
                });
            }
        }
    }
    Ok(out)
}

/// Saves a new version of a page in a language (the old ones stay); its
/// number.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::Invalid`]
/// for a title or text too short or too long.
pub async fn save(
    db: &DatabaseConnection,
    caller: &Caller,
    page: TrustPage,
    locale: Locale,
    title: &str,
    body: &str,
) -> AppResult<i32> {
    caller.require_admin()?;
    let mut r = Refusals::default();
    let title = r.line("title", title, 2, 200);
    let body = r.text("body", body, 50_000);
    if body.chars().count() < 20 {
        r.add("body", crate::error::Problem::TooShort);
    }
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let version = newest(&txn, page, locale)
        .await?
        .map_or(1, |m| m.version + 1);
    let saved = site_page::ActiveModel {
        page: Set(page),
        locale: Set(locale.code().to_string()),
        version: Set(version),
        title: Set(title),
        body: Set(body.replace("\r\n", "\n")),
        created_at: Set(chrono::Utc::now()),
        created_by: Set(Some(caller.user_id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::PageUpdated,
        "site_page",
        saved.id,
        None,
        Some(format!("{} {} v{version}", page.code(), locale.code())),
    )
    .await?;
    txn.commit().await?;
    Ok(version)
}
