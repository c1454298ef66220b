//! The admins' server functions: roles, accounts, centres, categories. Each reads the caller
//! from the session; the service refuses anyone but an admin.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::models::{RolesPage, UsersPage};

#[cfg(feature = "ssr")]
use crate::server::{
    AppState,
    admin::{categories, centres, roles, users},
    auth,
};

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

/// The accounts whose address or name holds `q`.
#[server(prefix = "/fn", endpoint = "admin_users")]
pub async fn get_users(locale: Locale, q: String) -> Result<UsersPage, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    users::users_page(&state.db, &caller, locale, &q).await
}

/// Back to the list the admin acted from (its search kept), saying what was done.
#[cfg(feature = "ssr")]
fn back_to_users(locale: Locale, q: Option<&str>, saved: &str) {
    let q = q
        .filter(|q| !q.is_empty())
        .map(|q| format!("&q={}", crate::links::query_value(q)))
        .unwrap_or_default();
    leptos_axum::redirect(&format!("{}?saved={saved}{q}", locale.href("/admin/users")));
}

#[server(prefix = "/fn", endpoint = "disable_user")]
pub async fn disable_user(
    locale: Locale,
    user_id: i32,
    reason: String,
    q: Option<String>,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    users::disable(&state.db, &caller, user_id, &reason)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_users(locale, q.as_deref(), "disabled");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "enable_user")]
pub async fn enable_user(locale: Locale, user_id: i32, q: Option<String>) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    users::enable(&state.db, &caller, user_id)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_users(locale, q.as_deref(), "enabled");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "sign_out_user")]
pub async fn sign_out_user(
    locale: Locale,
    user_id: i32,
    q: Option<String>,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    users::sign_out_everywhere(&state.db, &caller, user_id)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_users(locale, q.as_deref(), "signed_out");
    Ok(())
}

/// The whole platform's figures (every region's, summed).
#[server(prefix = "/fn", endpoint = "country_figures")]
pub async fn get_country_figures(locale: Locale) -> Result<crate::models::Figures, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    crate::server::curation::figures::country_figures(&state.db, &caller, locale).await
}

/// Every centre's contact data, for the admins' form.
#[server(prefix = "/fn", endpoint = "admin_centres")]
pub async fn get_centre_contacts(
    locale: Locale,
) -> Result<Vec<crate::models::CentreContacts>, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    centres::list(&state.db, &caller, locale).await
}

#[server(prefix = "/fn", endpoint = "update_centre")]
pub async fn update_centre(
    locale: Locale,
    centre_id: i32,
    input: crate::models::CentreContactsInput,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    centres::update(&state.db, &caller, centre_id, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&format!(
        "{}?saved={centre_id}#centre-{centre_id}",
        locale.href("/admin/centres")
    ));
    Ok(())
}

/// The category tree, for the admins' page.
#[server(prefix = "/fn", endpoint = "admin_categories")]
pub async fn get_categories() -> Result<Vec<crate::models::CategoryAdmin>, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    categories::list(&state.db, &caller).await
}

/// Back to the categories page, at the category changed.
#[cfg(feature = "ssr")]
fn back_to_categories(locale: Locale, saved: &str, id: i32) {
    leptos_axum::redirect(&format!(
        "{}?saved={saved}#category-{id}",
        locale.href("/admin/categories")
    ));
}

#[server(prefix = "/fn", endpoint = "add_category")]
pub async fn add_category(
    locale: Locale,
    input: crate::models::CategoryInput,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let id = categories::add(&state.db, &caller, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_categories(locale, "added", id);
    Ok(())
}

#[server(prefix = "/fn", endpoint = "rename_category")]
pub async fn rename_category(
    locale: Locale,
    category_id: i32,
    input: crate::models::CategoryInput,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    categories::rename(&state.db, &caller, category_id, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_categories(locale, "renamed", category_id);
    Ok(())
}

/// `parent`: a top category's id, or empty for the top; `position` from 1.
#[server(prefix = "/fn", endpoint = "move_category")]
pub async fn move_category(
    locale: Locale,
    category_id: i32,
    parent: String,
    position: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    categories::move_to(&state.db, &caller, category_id, &parent, &position)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_categories(locale, "moved", category_id);
    Ok(())
}

/// `target`: the id of the category that takes the products.
#[server(prefix = "/fn", endpoint = "retire_category")]
pub async fn retire_category(
    locale: Locale,
    category_id: i32,
    target: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    categories::retire(&state.db, &caller, category_id, &target)
        .await
        .map_err(|e| e.localized(locale))?;
    let to = target.trim().parse().unwrap_or_default();
    back_to_categories(locale, "retired", to);
    Ok(())
}
