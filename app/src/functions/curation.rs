//! The regional centres' work: the verification desk, suspensions and
//! hidden products, networks, events, the region's figures and the audit
//! log; and the enterprise's side of it (asking again for verification,
//! joining networks, taking part in events). Each function reads the caller
//! from the session and lets the service check the region. Forms send the
//! page they came from as `next`, and a success goes back there.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;
use crate::forms::{EventInput, NetworkInput, VerifyInput};
use crate::i18n::Locale;
use crate::models::{AuditPage, CuratorHome, Desk, EventPrint, Figures, Participation, Review};

#[cfg(feature = "ssr")]
use crate::error::Problem;
#[cfg(feature = "ssr")]
use crate::server::{
    AppState, auth, catalogue::pages, curation::featured, curation::figures, curation::networks,
    curation::verification,
};

/// Back to the page the form was on (only an address on this site), with
/// `?saved=<what>` so that it confirms the change.
#[cfg(feature = "ssr")]
fn back(locale: Locale, next: &str, saved: &str) {
    let page = crate::functions::accounts::safe_next(Some(next), locale);
    let page = page.split(['?', '#']).next().unwrap_or_default();
    leptos_axum::redirect(&format!("{page}?saved={saved}"));
}

#[server(prefix = "/fn", endpoint = "curated_centres")]
pub async fn get_curated_centres(locale: Locale) -> Result<CuratorHome, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    Ok(CuratorHome {
        admin: caller.admin,
        centres: verification::my_centres(&state.db, &caller, locale).await?,
    })
}

#[server(prefix = "/fn", endpoint = "desk")]
pub async fn get_desk(locale: Locale, centre: String) -> Result<Desk, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    verification::desk(&state.db, &caller, locale, &centre).await
}

#[server(prefix = "/fn", endpoint = "review")]
pub async fn get_review(
    locale: Locale,
    centre: String,
    enterprise: String,
) -> Result<Review, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    verification::review(&state.db, &caller, locale, &centre, &enterprise).await
}

#[server(prefix = "/fn", endpoint = "verify_enterprise")]
pub async fn verify_enterprise(
    locale: Locale,
    enterprise_id: i32,
    input: VerifyInput,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    verification::verify(&state.db, &caller, enterprise_id, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    back(locale, &next, "verified");
    Ok(())
}

/// `how` is "reject" or "correction".
#[server(prefix = "/fn", endpoint = "refuse_verification")]
pub async fn refuse_verification(
    locale: Locale,
    enterprise_id: i32,
    how: String,
    reason: String,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let how = match how.as_str() {
        "reject" => verification::Refusal::Reject,
        "correction" => verification::Refusal::Correction,
        _ => return Err(AppError::invalid("how", Problem::NotAllowed).localized(locale)),
    };
    verification::refuse(&state.db, &caller, enterprise_id, how, &reason)
        .await
        .map_err(|e| e.localized(locale))?;
    back(locale, &next, "answered");
    Ok(())
}

/// Suspends with a reason; `restore` = "1" lifts the suspension.
#[server(prefix = "/fn", endpoint = "suspend_enterprise")]
pub async fn suspend_enterprise(
    locale: Locale,
    enterprise_id: i32,
    reason: Option<String>,
    restore: Option<String>,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let restore = restore.as_deref() == Some("1");
    let reason = reason.unwrap_or_default();
    let reason = (!restore).then_some(reason.as_str());
    verification::set_suspended(&state.db, &caller, enterprise_id, reason)
        .await
        .map_err(|e| e.localized(locale))?;
    back(
        locale,
        &next,
        if restore { "restored" } else { "suspended" },
    );
    Ok(())
}

/// Hands an enterprise to the account of its real representative after an
/// ЕИК dispute (see [`verification::transfer`]).
#[server(prefix = "/fn", endpoint = "transfer_enterprise")]
pub async fn transfer_enterprise(
    locale: Locale,
    enterprise_id: i32,
    new_owner: String,
    reason: String,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    verification::transfer(&state.db, &caller, enterprise_id, &new_owner, &reason)
        .await
        .map_err(|e| e.localized(locale))?;
    back(locale, &next, "transferred");
    Ok(())
}

/// Hides a product with a reason; `show` = "1" shows it again.
#[server(prefix = "/fn", endpoint = "hide_product")]
pub async fn hide_product(
    locale: Locale,
    product_id: i32,
    reason: Option<String>,
    show: Option<String>,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let show = show.as_deref() == Some("1");
    let reason = reason.unwrap_or_default();
    let reason = (!show).then_some(reason.as_str());
    verification::set_hidden(&state.db, &caller, product_id, reason)
        .await
        .map_err(|e| e.localized(locale))?;
    back(locale, &next, if show { "shown" } else { "hidden" });
    Ok(())
}

#[server(prefix = "/fn", endpoint = "create_network")]
pub async fn create_network(
    locale: Locale,
    centre: String,
    input: NetworkInput,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    networks::create_network(&state.db, &caller, &centre, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&locale.href(&format!("/curator/{centre}?saved=network#networks")));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "update_network")]
pub async fn update_network(
    locale: Locale,
    network_id: i32,
    input: NetworkInput,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    networks::update_network(&state.db, &caller, network_id, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    back(locale, &next, "network-updated");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "close_network")]
pub async fn close_network(locale: Locale, network_id: i32, next: String) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let logo = networks::close_network(&state.db, &caller, network_id)
        .await
        .map_err(|e| e.localized(locale))?;
    state
        .media
        .remove_files(&logo.into_iter().collect::<Vec<_>>())
        .await;
    back(locale, &next, "network-closed");
    Ok(())
}

/// `enterprise` is the enterprise's address (or its last part) or its ЕИК.
#[server(prefix = "/fn", endpoint = "invite_to_network")]
pub async fn invite_to_network(
    locale: Locale,
    network_id: i32,
    enterprise: String,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    networks::invite(&state.db, &caller, network_id, &enterprise)
        .await
        .map_err(|e| e.localized(locale))?;
    back(locale, &next, "invited");
    Ok(())
}

/// `decision` is "approve" or "remove".
#[server(prefix = "/fn", endpoint = "decide_membership")]
pub async fn decide_membership(
    locale: Locale,
    membership_id: i32,
    decision: String,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let decision = match decision.as_str() {
        "approve" => networks::Decision::Approve,
        "remove" => networks::Decision::Remove,
        _ => return Err(AppError::invalid("decision", Problem::NotAllowed).localized(locale)),
    };
    networks::decide_membership(&state.db, &caller, membership_id, decision).await?;
    back(locale, &next, "membership");
    Ok(())
}

/// A network's logo (multipart: `locale`, `network_id`, `next`, `file`).
#[server(prefix = "/fn", endpoint = "upload_network_logo", input = MultipartFormData)]
pub async fn upload_network_logo(data: MultipartData) -> Result<(), AppError> {
    use crate::functions::workspace::{form_locale, id_field, read_multipart, the_file};
    use crate::server::kernel::images;
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let (fields, file) = read_multipart(data, images::MAX_BYTES + 1).await?;
    let locale = form_locale(&fields);
    let network_id = id_field(&fields, "network_id")?;
    networks::curated_network(&state.db, &caller, network_id).await?;
    let bytes = the_file(file, locale)?;
    let folder = format!("networks/{network_id}");
    state
        .media
        .store_logo(&folder, bytes, async |rel| {
            networks::set_logo(&state.db, &caller, network_id, rel).await
        })
        .await
        .map_err(|e| e.localized(locale))?;
    let next = fields.get("next").cloned().unwrap_or_default();
    back(locale, &next, "logo");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "create_event")]
pub async fn create_event(
    locale: Locale,
    centre: String,
    input: EventInput,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let slug = networks::create_event(&state.db, &caller, &centre, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&locale.href(&format!("/events/{slug}?saved=published")));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "update_event")]
pub async fn update_event(
    locale: Locale,
    event_id: i32,
    input: EventInput,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    networks::update_event(&state.db, &caller, event_id, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    back(locale, &next, "event-updated");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "cancel_event")]
pub async fn cancel_event(locale: Locale, event_id: i32, next: String) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    networks::cancel_event(&state.db, &caller, event_id)
        .await
        .map_err(|e| e.localized(locale))?;
    back(locale, &next, "event-cancelled");
    Ok(())
}

/// `decision` is "confirm" or "remove".
#[server(prefix = "/fn", endpoint = "decide_participant")]
pub async fn decide_participant(
    locale: Locale,
    participant_id: i32,
    decision: String,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let confirm = match decision.as_str() {
        "confirm" => true,
        "remove" => false,
        _ => return Err(AppError::invalid("decision", Problem::NotAllowed).localized(locale)),
    };
    networks::decide_participant(&state.db, &caller, participant_id, confirm).await?;
    back(locale, &next, "participant");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "figures")]
pub async fn get_figures(locale: Locale, centre: String) -> Result<Figures, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    figures::figures(&state.db, &caller, locale, &centre).await
}

/// A centre's audit log (its curators), or the whole platform's (admins,
/// `centre` empty).
#[server(prefix = "/fn", endpoint = "audit_log")]
pub async fn get_audit_log(locale: Locale, centre: String) -> Result<AuditPage, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let centre = Some(centre.as_str()).filter(|c| !c.is_empty());
    figures::audit_log(&state.db, &caller, locale, centre).await
}

// ---- The enterprise's side ----

#[server(prefix = "/fn", endpoint = "participation")]
pub async fn get_participation(locale: Locale, slug: String) -> Result<Participation, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    networks::participation(&state.db, &caller, locale, &slug).await
}

#[server(prefix = "/fn", endpoint = "resubmit_verification")]
pub async fn resubmit_verification(
    locale: Locale,
    enterprise_id: i32,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    verification::resubmit(&state.db, &caller, enterprise_id).await?;
    back(locale, &next, "resubmitted");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "apply_to_network")]
pub async fn apply_to_network(
    locale: Locale,
    enterprise_id: i32,
    network_id: String,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let network_id: i32 = network_id
        .trim()
        .parse()
        .map_err(|_| AppError::invalid("network", Problem::Required).localized(locale))?;
    networks::apply(&state.db, &caller, enterprise_id, network_id)
        .await
        .map_err(|e| e.localized(locale))?;
    back(locale, &next, "applied");
    Ok(())
}

/// `action` is "accept" (an invitation) or "leave".
#[server(prefix = "/fn", endpoint = "network_membership")]
pub async fn network_membership(
    locale: Locale,
    membership_id: i32,
    action: String,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let action = match action.as_str() {
        "accept" => networks::MemberAction::Accept,
        "leave" => networks::MemberAction::Leave,
        _ => return Err(AppError::invalid("action", Problem::NotAllowed).localized(locale)),
    };
    networks::membership_action(&state.db, &caller, membership_id, action).await?;
    back(locale, &next, "network");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "take_part")]
pub async fn take_part(
    locale: Locale,
    enterprise_id: i32,
    event_id: i32,
    next: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    networks::take_part(&state.db, &caller, enterprise_id, event_id).await?;
    back(locale, &next, "event");
    Ok(())
}

/// The printable page of an event. Public, like the event page itself.
#[server(prefix = "/fn", endpoint = "event_print")]
pub async fn get_event_print(locale: Locale, slug: String) -> Result<EventPrint, AppError> {
    let state = AppState::current()?;
    // The configured public address, never the request's Host: a forged
    // Host would otherwise reach everyone the page is served to.
    let base = state.settings.public_url.clone();
    pages::event_print(&state.db, locale, &slug, &base).await
}

/// A region's featured products and the products to choose from.
#[server(prefix = "/fn", endpoint = "featured")]
pub async fn get_featured(
    locale: Locale,
    centre: String,
    q: String,
) -> Result<crate::models::FeaturedPage, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    featured::page(&state.db, &caller, locale, &centre, &q).await
}

#[server(prefix = "/fn", endpoint = "feature_product")]
pub async fn feature_product(
    locale: Locale,
    centre: String,
    input: crate::models::FeatureInput,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    featured::add(&state.db, &caller, &centre, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&format!(
        "{}?saved=added#choices",
        locale.href(&format!("/curator/{centre}/featured"))
    ));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "unfeature_product")]
pub async fn unfeature_product(
    locale: Locale,
    centre: String,
    featured_id: i32,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    featured::remove(&state.db, &caller, &centre, featured_id)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&format!(
        "{}?saved=removed#choices",
        locale.href(&format!("/curator/{centre}/featured"))
    ));
    Ok(())
}
