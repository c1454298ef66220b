//! Reading the public catalogue. Anyone may call these, signed in or not;
//! what they return is filtered by the visibility rules of the services.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::models::{
    CentreCard, CentreDetail, EnterpriseDetail, EventDetail, EventsData, HomeData, NetworkDetail,
    ProductDetail, SearchPage, SearchParams,
};
#[cfg(feature = "ssr")]
use crate::server::{AppState, services::catalogue};

#[server(prefix = "/fn", endpoint = "home")]
pub async fn get_home(locale: Locale) -> Result<HomeData, AppError> {
    let state = AppState::current()?;
    catalogue::home(&state.db, state.search.as_ref(), locale).await
}

#[server(prefix = "/fn", endpoint = "centres")]
pub async fn get_centres(locale: Locale) -> Result<Vec<CentreCard>, AppError> {
    let state = AppState::current()?;
    catalogue::centres(&state.db, locale).await
}

#[server(prefix = "/fn", endpoint = "centre")]
pub async fn get_centre(locale: Locale, slug: String) -> Result<CentreDetail, AppError> {
    if slug.len() > 80 {
        return Err(AppError::NotFound);
    }
    let state = AppState::current()?;
    catalogue::centre(&state.db, locale, &slug).await
}

/// The catalogue search behind `/search` (and its instant updates).
#[server(prefix = "/fn", endpoint = "search")]
pub async fn search_products(locale: Locale, params: SearchParams) -> Result<SearchPage, AppError> {
    let state = AppState::current()?;
    let params = crate::server::services::search::lenient(params);
    let reference = state.reference().await?;
    crate::server::services::search::search(
        &state.db,
        state.search.as_ref(),
        &reference,
        locale,
        params,
    )
    .await
}

#[cfg(feature = "ssr")]
fn checked_slug(slug: &str) -> Result<&str, AppError> {
    // Slugs are short ASCII; anything else cannot exist, so it is a 404.
    if slug.len() > 200 {
        Err(AppError::NotFound)
    } else {
        Ok(slug)
    }
}

#[server(prefix = "/fn", endpoint = "product")]
pub async fn get_product(locale: Locale, slug: String) -> Result<ProductDetail, AppError> {
    let state = AppState::current()?;
    crate::server::services::pages::product(&state.db, locale, checked_slug(&slug)?).await
}

#[server(prefix = "/fn", endpoint = "enterprise")]
pub async fn get_enterprise(locale: Locale, slug: String) -> Result<EnterpriseDetail, AppError> {
    let state = AppState::current()?;
    crate::server::services::pages::enterprise(&state.db, locale, checked_slug(&slug)?).await
}

#[server(prefix = "/fn", endpoint = "network")]
pub async fn get_network(locale: Locale, slug: String) -> Result<NetworkDetail, AppError> {
    let state = AppState::current()?;
    crate::server::services::pages::network(&state.db, locale, checked_slug(&slug)?).await
}

#[server(prefix = "/fn", endpoint = "events")]
pub async fn get_events(locale: Locale) -> Result<EventsData, AppError> {
    let state = AppState::current()?;
    crate::server::services::pages::events(&state.db, locale).await
}

#[server(prefix = "/fn", endpoint = "event")]
pub async fn get_event(locale: Locale, slug: String) -> Result<EventDetail, AppError> {
    let state = AppState::current()?;
    crate::server::services::pages::event(&state.db, locale, checked_slug(&slug)?).await
}
