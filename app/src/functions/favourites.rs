//! Favourites and notices of the signed-in user.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::models::{Favourites, NoticeView};

/// Adds or removes a favourite (`product_id` or `enterprise_id`), then goes
/// back to `next`. A visitor is sent to sign in first and comes back.
#[server(prefix = "/fn", endpoint = "toggle_favourite")]
pub async fn toggle_favourite(
    locale: Locale,
    product_id: Option<i32>,
    enterprise_id: Option<i32>,
    next: String,
) -> Result<(), AppError> {
    use crate::server::services::favourites::{self, Target};
    use crate::server::{AppState, auth};
    let back = crate::functions::accounts::safe_next(Some(&next), locale);
    let Some(caller) = auth::caller_optional().await? else {
        leptos_axum::redirect(&format!("{}?next={back}", locale.href("/signin")));
        return Ok(());
    };
    let target = match (product_id, enterprise_id) {
        (Some(p), None) => Target::Product(p),
        (None, Some(e)) => Target::Enterprise(e),
        _ => return Err(AppError::invalid("_form", "not_allowed").localized(locale)),
    };
    let state = AppState::current()?;
    favourites::toggle(&state.db, &caller, target).await?;
    leptos_axum::redirect(&back);
    Ok(())
}

#[server(prefix = "/fn", endpoint = "favourites")]
pub async fn get_favourites(locale: Locale) -> Result<Favourites, AppError> {
    use crate::server::{AppState, auth, services::favourites};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    favourites::list(&state.db, &caller, locale).await
}

/// The latest notices; reading them marks them read.
#[server(prefix = "/fn", endpoint = "notices")]
pub async fn get_notices() -> Result<Vec<NoticeView>, AppError> {
    use crate::server::{AppState, auth, services::favourites};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    favourites::notices(&state.db, &caller).await
}
