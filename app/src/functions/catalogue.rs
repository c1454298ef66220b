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
use crate::server::{AppState, catalogue::home, catalogue::pages};

/// The endpoints below that only read. Server functions are POSTs, and a
/// POST otherwise counts as a possible write that makes kept pages stale
/// (see `server::web`); the search island calls `search` as the buyer types.
pub const READ_ONLY_ENDPOINTS: [&str; 9] = [
    "home",
    "centres",
    "centre",
    "search",
    "product",
    "enterprise",
    "network",
    "events",
    "event",
];

/// A public read through the state's [`crate::server::kernel::memo::ReadCache`]:
/// the same for every reader, so loaded once per catalogue generation.
#[cfg(feature = "ssr")]
async fn kept<V, Fut>(
    state: &AppState,
    key: String,
    load: impl FnOnce() -> Fut,
) -> Result<V, AppError>
where
    V: Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<V, AppError>>,
{
    Ok(state.reads.get_or_load(key, load).await?.as_ref().clone())
}

#[server(prefix = "/fn", endpoint = "home")]
pub async fn get_home(locale: Locale) -> Result<HomeData, AppError> {
    let state = AppState::current()?;
    kept(&state, format!("home|{}", locale.code()), || {
        home::home(&state.db, state.search.as_ref(), locale)
    })
    .await
}

#[server(prefix = "/fn", endpoint = "centres")]
pub async fn get_centres(locale: Locale) -> Result<Vec<CentreCard>, AppError> {
    let state = AppState::current()?;
    kept(&state, format!("centres|{}", locale.code()), || {
        home::centres(&state.db, locale)
    })
    .await
}

#[server(prefix = "/fn", endpoint = "centre")]
pub async fn get_centre(locale: Locale, slug: String) -> Result<CentreDetail, AppError> {
    if slug.len() > 80 {
        return Err(AppError::NotFound);
    }
    let state = AppState::current()?;
    kept(&state, format!("centre|{}|{slug}", locale.code()), || {
        home::centre(&state.db, locale, &slug)
    })
    .await
}

/// The catalogue search behind `/search` (and its instant updates).
#[server(prefix = "/fn", endpoint = "search")]
pub async fn search_products(locale: Locale, params: SearchParams) -> Result<SearchPage, AppError> {
    use crate::server::search::query;
    let state = AppState::current()?;
    let params = query::lenient(params);
    // Every field of the checked parameters, in a fixed order.
    let key = format!("search|{}|{params:?}", locale.code());
    let page = state
        .reads
        .get_or_load_if(
            key,
            || async {
                let reference = state.reference().await?;
                query::search(&state.db, state.search.as_ref(), &reference, locale, params).await
            },
            // An answer from the database fallback is not kept: the engine's
            // own answer should follow as soon as it is back.
            |page| !page.degraded,
        )
        .await?;
    Ok(page.as_ref().clone())
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
    let slug = checked_slug(&slug)?;
    kept(&state, format!("product|{}|{slug}", locale.code()), || {
        pages::product(&state.db, locale, &state.settings.public_url, slug)
    })
    .await
}

#[server(prefix = "/fn", endpoint = "enterprise")]
pub async fn get_enterprise(locale: Locale, slug: String) -> Result<EnterpriseDetail, AppError> {
    let state = AppState::current()?;
    let slug = checked_slug(&slug)?;
    kept(
        &state,
        format!("enterprise|{}|{slug}", locale.code()),
        || pages::enterprise(&state.db, locale, slug),
    )
    .await
}

#[server(prefix = "/fn", endpoint = "network")]
pub async fn get_network(locale: Locale, slug: String) -> Result<NetworkDetail, AppError> {
    let state = AppState::current()?;
    let slug = checked_slug(&slug)?;
    kept(&state, format!("network|{}|{slug}", locale.code()), || {
        pages::network(&state.db, locale, slug)
    })
    .await
}

#[server(prefix = "/fn", endpoint = "events")]
pub async fn get_events(locale: Locale) -> Result<EventsData, AppError> {
    let state = AppState::current()?;
    kept(&state, format!("events|{}", locale.code()), || {
        pages::events(&state.db, locale)
    })
    .await
}

#[server(prefix = "/fn", endpoint = "event")]
pub async fn get_event(locale: Locale, slug: String) -> Result<EventDetail, AppError> {
    let state = AppState::current()?;
    let slug = checked_slug(&slug)?;
    kept(&state, format!("event|{}|{slug}", locale.code()), || {
        pages::event(&state.db, locale, slug)
    })
    .await
}
