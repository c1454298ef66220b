//! The admins' server functions: roles. Each reads the caller from the
//! session; the service refuses anyone but an admin.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::models::RolesPage;

#[cfg(feature = "ssr")]
use crate::server::{AppState, admin::roles, auth};

#[server(prefix = "/fn", endpoint = "roles")]
pub async fn get_roles(locale: Locale) -> Result<RolesPage, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    roles::roles_page(&state.db, &caller, locale).await
}

/// `role` is "admin" or "curator" (with `centre`, a centre's address).
#[server(prefix = "/fn", endpoint = "grant_role")]
pub async fn grant_role(
    locale: Locale,
    email: String,
    role: String,
    centre: Option<String>,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    roles::grant(
        &state.db,
        &caller,
        &email,
        &role,
        centre.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&locale.href("/admin?saved=granted"));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "revoke_role")]
pub async fn revoke_role(locale: Locale, role_id: i32) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    roles::revoke(&state.db, &caller, role_id)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&locale.href("/admin?saved=revoked"));
    Ok(())
}
