//! The trust pages: read by anyone; a new version saved by admins (the
//! service refuses anyone else).

use leptos::prelude::*;

use crate::domain::TrustPage;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::models::{TrustPageEdit, TrustPageView};

#[cfg(feature = "ssr")]
use crate::server::{AppState, auth, trust};

#[server(prefix = "/fn", endpoint = "trust_page")]
pub async fn get_trust_page(locale: Locale, page: TrustPage) -> Result<TrustPageView, AppError> {
    let state = AppState::current()?;
    trust::current(&state.db, page, locale).await
}

#[server(prefix = "/fn", endpoint = "admin_pages")]
pub async fn get_trust_pages() -> Result<Vec<TrustPageEdit>, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    trust::overview(&state.db, &caller).await
}

/// `language` is the page's, `locale` the admin's.
#[server(prefix = "/fn", endpoint = "save_page")]
pub async fn save_trust_page(
    locale: Locale,
    page: TrustPage,
    language: Locale,
    title: String,
    body: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    trust::save(&state.db, &caller, page, language, &title, &body)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&format!(
        "{}?saved={}-{}",
        locale.href("/admin/pages"),
        page.code(),
        language.code()
    ));
    Ok(())
}
