//! Signing up, in and out, and the account's own settings. Forms post here
//! directly when JavaScript is off; on success each answer redirects (the
//! page after a post is a page, not a form resubmission).

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;

/// Where to go after signing in: only addresses on this site (see
/// [`crate::links::same_site_path`]), else the dashboard.
pub fn safe_next(next: Option<&str>, locale: Locale) -> String {
    next.and_then(crate::links::same_site_path)
        .unwrap_or_else(|| locale.href("/dashboard"))
}

#[server(prefix = "/fn", endpoint = "sign_up")]
pub async fn sign_up(
    locale: Locale,
    email: String,
    password: String,
    display_name: String,
    accept_terms: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{AppState, accounts::users, auth};
    let state = AppState::current()?;
    state.mail_requests.check(auth::client_address().await)?;
    users::sign_up(
        &state.db,
        users::SignUp {
            email,
            password,
            display_name,
            locale,
            accepts_terms: accept_terms.is_some_and(|v| !v.is_empty()),
        },
        &state.settings.public_url,
    )
    .await
    .map_err(|e| e.localized(locale))?;
    state.mail_queued.notify_one();
    // Sign-in comes next, and then the page the reader was on.
    let next = next
        .as_deref()
        .and_then(crate::links::same_site_path)
        .map(|n| format!("&next={}", crate::links::query_value(&n)))
        .unwrap_or_default();
    leptos_axum::redirect(&format!("{}?registered=1{next}", locale.href("/signin")));
    Ok(())
}

/// Signs in, after the throttle of failed attempts (see
/// [`crate::server::accounts::throttle`]) lets the attempt through. A
/// successful sign-in marks the browser as one of the account's known
/// devices (a cookie), which keeps its owner in while someone else guesses.
#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(
    locale: Locale,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server::accounts::devices;
    use crate::server::accounts::throttle;
    use crate::server::accounts::users;
    use crate::server::{AppState, auth, sessions::USER_KEY};
    let state = AppState::current()?;
    let device_cookie = request_cookie(devices::COOKIE);
    let typed = email.trim().to_lowercase();
    let attempt = throttle::Attempt {
        known_device: devices::known(&state.db, &typed, device_cookie.as_deref()).await?,
        email: typed,
        client: auth::client_address().await,
    };
    throttle::check(&state.db, &attempt).await?;
    let user_id = match users::authenticate(&state.db, &email, &password).await {
        Ok(id) => id,
        Err(e) => {
            throttle::failed(&state.db, &attempt).await?;
            return Err(e.localized(locale));
        }
    };
    throttle::succeeded(&state.db, &attempt).await?;
    users::signed_in(&state.db, user_id).await?;
    let device = devices::remember(&state.db, user_id, device_cookie.as_deref()).await?;
    set_cookie(&format!(
        "{}={device}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        devices::COOKIE,
        devices::DAYS * 24 * 3600,
        if state.settings.https() {
            "; Secure"
        } else {
            ""
        }
    ));
    let session = auth::session().await?;
    // A new id on sign-in: a session id planted before cannot ride along.
    session.cycle_id().await.map_err(internal)?;
    session.insert(USER_KEY, user_id).await.map_err(internal)?;
    let to = match next.as_deref().and_then(crate::links::same_site_path) {
        Some(to) => to,
        // Signed in from nowhere in particular: a curator's day starts at
        // the desk, an enterprise's at its dashboard, a buyer's at home.
        None => match auth::load(&state.db, user_id).await? {
            Some(c) if !c.curator_of.is_empty() || c.admin => locale.href("/curator"),
            Some(c) if !c.memberships.is_empty() => locale.href("/dashboard"),
            _ => locale.href("/"),
        },
    };
    leptos_axum::redirect(&to);
    Ok(())
}

/// A cookie of the request, read as the session layer reads cookies.
#[cfg(feature = "ssr")]
fn request_cookie(name: &str) -> Option<String> {
    leptos::prelude::with_context::<axum::http::request::Parts, _>(|p| {
        crate::server::sessions::cookie(&p.headers, name)
    })
    .flatten()
}

#[cfg(feature = "ssr")]
fn set_cookie(value: &str) {
    if let (Some(options), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(value),
    ) {
        options.append_header(axum::http::header::SET_COOKIE, v);
    }
}

#[cfg(feature = "ssr")]
fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "session store");
    AppError::Internal
}

/// Confirms an address with the token of the mailed link.
#[server(prefix = "/fn", endpoint = "confirm_email")]
pub async fn confirm_email(locale: Locale, token: String) -> Result<(), AppError> {
    use crate::server::{AppState, accounts::users, auth};
    let state = AppState::current()?;
    let user_id = users::confirm_email(&state.db, &token)
        .await
        .map_err(|e| e.localized(locale))?;
    let signed_in = auth::caller_optional()
        .await?
        .is_some_and(|c| c.user_id == user_id);
    leptos_axum::redirect(&if signed_in {
        format!("{}?saved=confirmed", locale.href("/account"))
    } else {
        format!("{}?confirmed=1", locale.href("/signin"))
    });
    Ok(())
}

/// Mails a link that sets a new password. The answer is the same whether
/// or not the address is registered.
#[server(prefix = "/fn", endpoint = "request_password_reset")]
pub async fn request_password_reset(locale: Locale, email: String) -> Result<(), AppError> {
    use crate::server::{AppState, accounts::users, auth};
    let state = AppState::current()?;
    state.mail_requests.check(auth::client_address().await)?;
    users::request_reset(&state.db, &email, &state.settings.public_url)
        .await
        .map_err(|e| e.localized(locale))?;
    state.mail_queued.notify_one();
    leptos_axum::redirect(&format!("{}?sent=1", locale.href("/forgot")));
    Ok(())
}

/// Sets a new password with the token of the mailed link; every session
/// of the account ends, and its owner signs in with the new password.
#[server(prefix = "/fn", endpoint = "reset_password")]
pub async fn reset_password(
    locale: Locale,
    token: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server::{AppState, accounts::users, auth};
    let state = AppState::current()?;
    users::reset_password(&state.db, &token, &new_password)
        .await
        .map_err(|e| e.localized(locale))?;
    // Whoever was signed in in this browser is out too (their session was
    // one of those ended, or belongs to someone else).
    auth::session().await?.flush().await.map_err(internal)?;
    leptos_axum::redirect(&format!("{}?reset=1", locale.href("/signin")));
    Ok(())
}

/// Mails a new confirmation link to the signed-in user's address.
#[server(prefix = "/fn", endpoint = "resend_confirmation")]
pub async fn resend_confirmation(locale: Locale) -> Result<(), AppError> {
    use crate::server::{AppState, accounts::users, auth};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    users::resend_confirmation(&state.db, caller.user_id, &state.settings.public_url)
        .await
        .map_err(|e| e.localized(locale))?;
    state.mail_queued.notify_one();
    leptos_axum::redirect(&format!("{}?saved=link", locale.href("/account")));
    Ok(())
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
    use crate::server::{AppState, accounts::users, auth, sessions::USER_KEY};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    users::change_password(&state.db, caller.user_id, &current_password, &new_password)
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

/// Deletes the caller's account (the password confirms it) and signs out.
#[server(prefix = "/fn", endpoint = "delete_account")]
pub async fn delete_account(locale: Locale, password: String) -> Result<(), AppError> {
    use crate::server::{AppState, accounts::privacy, auth};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    privacy::delete_account(&state.db, caller.user_id, &password)
        .await
        .map_err(|e| e.localized(locale))?;
    auth::session().await?.flush().await.map_err(internal)?;
    leptos_axum::redirect(&format!("{}?deleted=1", locale.href("/signin")));
    Ok(())
}

/// Mails a link to the new address; the account keeps the old one until
/// it is followed.
#[server(prefix = "/fn", endpoint = "change_email")]
pub async fn change_email(
    locale: Locale,
    new_email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::server::{AppState, accounts::users, auth};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    state.mail_requests.check(auth::client_address().await)?;
    users::request_email_change(
        &state.db,
        caller.user_id,
        &new_email,
        &password,
        &state.settings.public_url,
    )
    .await
    .map_err(|e| e.localized(locale))?;
    state.mail_queued.notify_one();
    leptos_axum::redirect(&format!("{}?saved=new_address", locale.href("/account")));
    Ok(())
}

/// Gives the account the new address of the mailed link.
#[server(prefix = "/fn", endpoint = "confirm_new_address")]
pub async fn confirm_new_address(locale: Locale, token: String) -> Result<(), AppError> {
    use crate::server::{AppState, accounts::users, auth};
    let state = AppState::current()?;
    let user_id = users::confirm_email_change(&state.db, &token, &state.settings.public_url)
        .await
        .map_err(|e| e.localized(locale))?;
    state.mail_queued.notify_one();
    let signed_in = auth::caller_optional()
        .await?
        .is_some_and(|c| c.user_id == user_id);
    leptos_axum::redirect(&if signed_in {
        format!("{}?saved=address_changed", locale.href("/account"))
    } else {
        format!("{}?address_changed=1", locale.href("/signin"))
    });
    Ok(())
}

#[server(prefix = "/fn", endpoint = "update_profile")]
pub async fn update_profile(
    locale: Locale,
    display_name: String,
    preferred: Locale,
) -> Result<(), AppError> {
    use crate::server::{AppState, accounts::users, auth};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    users::update_profile(&state.db, caller.user_id, &display_name, preferred)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&format!("{}?saved=profile", preferred.href("/account")));
    Ok(())
}

/// What the header shows: the reader, their basket, unread notices and
/// the requests waiting in their enterprises' inboxes. Anonymous readers
/// without a session get an empty answer without a lookup.
#[server(prefix = "/fn", endpoint = "header")]
pub async fn header_info() -> Result<crate::models::HeaderInfo, AppError> {
    use crate::server::{AppState, accounts::favourites, auth, orders::requests};
    let state = AppState::current()?;
    let basket = crate::functions::orders::basket_lines().await?;
    let Some(c) = auth::caller_optional().await? else {
        return Ok(crate::models::HeaderInfo {
            basket,
            ..Default::default()
        });
    };
    Ok(crate::models::HeaderInfo {
        basket,
        unread_notices: favourites::unread_notices(&state.db, &c).await?,
        inboxes: requests::waiting(&state.db, &c).await?,
        me: Some(me_of(c)),
    })
}

#[cfg(feature = "ssr")]
fn me_of(c: crate::server::auth::Caller) -> crate::models::Me {
    crate::models::Me {
        display_name: c.display_name,
        email: c.email,
        locale: c.locale,
        admin: c.admin,
        email_confirmed: c.email_confirmed,
        curator: !c.curator_of.is_empty(),
        enterprise_count: c.memberships.len(),
    }
}

/// The signed-in user as the header and the account page show them.
#[server(prefix = "/fn", endpoint = "me")]
pub async fn me() -> Result<Option<crate::models::Me>, AppError> {
    use crate::server::auth;
    Ok(auth::caller_optional().await?.map(me_of))
}
