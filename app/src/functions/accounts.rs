//! Signing up, in and out, and the account's own settings. Forms post here
//! directly when JavaScript is off; on success each answer redirects (the
//! page after a post is a page, not a form resubmission).

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;

/// Where to go after signing in: only addresses on this site.
pub fn safe_next(next: Option<&str>, locale: Locale) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .map(str::to_string)
        .unwrap_or_else(|| locale.href("/dashboard"))
}

#[server(prefix = "/fn", endpoint = "sign_up")]
pub async fn sign_up(
    locale: Locale,
    email: String,
    password: String,
    display_name: String,
) -> Result<(), AppError> {
    use crate::server::{AppState, services::accounts};
    let state = AppState::current()?;
    accounts::sign_up(
        &state.db,
        accounts::SignUp {
            email,
            password,
            display_name,
            locale,
        },
    )
    .await
    .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&format!("{}?registered=1", locale.href("/signin")));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(
    locale: Locale,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{AppState, auth, services::accounts, sessions::USER_KEY};
    let state = AppState::current()?;
    let address = auth::client_address().await;
    state.sign_in_limits.check(&email, address)?;
    let user_id = match accounts::authenticate(&state.db, &email, &password).await {
        Ok(id) => id,
        Err(e) if state.sign_in_limits.failed(&email, address) => {
            tracing::warn!(error = %e, "sign-in limit reached");
            return Err(AppError::RateLimited);
        }
        Err(e) => return Err(e.localized(locale)),
    };
    let session = auth::session().await?;
    // A new id on sign-in: a session id planted before cannot ride along.
    session.cycle_id().await.map_err(internal)?;
    session.insert(USER_KEY, user_id).await.map_err(internal)?;
    leptos_axum::redirect(&safe_next(next.as_deref(), locale));
    Ok(())
}

#[cfg(feature = "ssr")]
fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "session store");
    AppError::Internal
}

#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out(locale: Locale, everywhere: Option<String>) -> Result<(), AppError> {
    use crate::server::{AppState, auth, sessions};
    let session = auth::session().await?;
    if everywhere.is_some()
        && let Some(caller) = auth::caller_optional().await?
    {
        let state = AppState::current()?;
        sessions::end_all(&state.db, caller.user_id).await?;
    }
    session.flush().await.map_err(internal)?;
    leptos_axum::redirect(&locale.href("/"));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(
    locale: Locale,
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server::{AppState, auth, services::accounts, sessions::USER_KEY};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    accounts::change_password(&state.db, caller.user_id, &current_password, &new_password)
        .await
        .map_err(|e| e.localized(locale))?;
    // Every session ended with the old password, this one included; keep
    // the person who just changed it signed in, under a new id.
    let session = auth::session().await?;
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(USER_KEY, caller.user_id)
        .await
        .map_err(internal)?;
    leptos_axum::redirect(&format!("{}?saved=password", locale.href("/account")));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "update_profile")]
pub async fn update_profile(
    locale: Locale,
    display_name: String,
    preferred: Locale,
) -> Result<(), AppError> {
    use crate::server::{AppState, auth, services::accounts};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    accounts::update_profile(&state.db, caller.user_id, &display_name, preferred)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&format!("{}?saved=profile", preferred.href("/account")));
    Ok(())
}

/// The signed-in user as the header and the account page show them.
#[server(prefix = "/fn", endpoint = "me")]
pub async fn me() -> Result<Option<crate::models::Me>, AppError> {
    use crate::server::auth;
    Ok(auth::caller_optional().await?.map(|c| crate::models::Me {
        display_name: c.display_name,
        email: c.email,
        locale: c.locale,
        admin: c.admin,
        curator: !c.curator_of.is_empty(),
        enterprise_count: c.memberships.len(),
    }))
}
