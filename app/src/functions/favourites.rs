//! Favourites and notices of the signed-in user.

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Problem;
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
    use crate::server::accounts::favourites::{self, Target};
    use crate::server::{AppState, auth};
    let back = crate::functions::accounts::safe_next(Some(&next), locale);
    let Some(caller) = auth::caller_optional().await? else {
        leptos_axum::redirect(&format!(
            "{}?next={}",
            locale.href("/signin"),
            crate::links::query_value(&back)
        ));
        return Ok(());
    };
    let target = match (product_id, enterprise_id) {
        (Some(p), None) => Target::Product(p),
        (None, Some(e)) => Target::Enterprise(e),
        _ => return Err(AppError::invalid("_form", Problem::NotAllowed).localized(locale)),
    };
    let state = AppState::current()?;
    favourites::toggle(&state.db, &caller, target).await?;
    leptos_axum::redirect(&back);
    Ok(())
}

/// Whether the reader keeps this product or enterprise as a favourite
/// (false for a visitor, who has none).
#[server(prefix = "/fn", endpoint = "is_favourite")]
pub async fn is_favourite(
    product_id: Option<i32>,
    enterprise_id: Option<i32>,
) -> Result<bool, AppError> {
    use crate::server::accounts::favourites::{self, Target};
    use crate::server::{AppState, auth};
    let Some(caller) = auth::caller_optional().await? else {
        return Ok(false);
    };
    let target = match (product_id, enterprise_id) {
        (Some(p), None) => Target::Product(p),
        (None, Some(e)) => Target::Enterprise(e),
        _ => return Err(AppError::invalid("_form", Problem::NotAllowed)),
    };
    let state = AppState::current()?;
    favourites::is_favourite(&state.db, &caller, target).await
}

#[server(prefix = "/fn", endpoint = "favourites")]
pub async fn get_favourites(locale: Locale) -> Result<Favourites, AppError> {
    use crate::server::{AppState, accounts::favourites, auth};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    favourites::list(&state.db, &caller, locale).await
}

/// The latest notices; the reader reading them marks them read. A page
/// opened from another site (a link, an image, a frame: `Sec-Fetch-Site`
/// `cross-site` or `same-site`) only shows them: another site cannot mark
/// a person's notices read by making their browser open the page.
#[server(prefix = "/fn", endpoint = "notices")]
pub async fn get_notices() -> Result<Vec<NoticeView>, AppError> {
    use crate::server::{AppState, accounts::favourites, auth};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let by_the_reader = with_context::<axum::http::request::Parts, _>(|p| {
        // Posts are checked for their origin by the cross-site layer.
        p.method == axum::http::Method::POST
            || p.headers
                .get("sec-fetch-site")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v == "same-origin" || v == "none")
    })
    .unwrap_or(false);
    favourites::notices(&state.db, &caller, by_the_reader).await
}
