//! The buyer's basket and order requests, and the enterprise's inbox. The
//! basket lives in the session (a visitor has one too, and keeps it when
//! signing in); sending it needs an account.

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Problem;
use crate::forms::SendInput;
use crate::i18n::Locale;
use crate::models::{BasketView, OrderRequestView, OrderSummary};
#[cfg(feature = "ssr")]
use crate::server::{
    AppState, auth,
    orders::requests::{self, Action, Basket},
};

#[cfg(feature = "ssr")]
const BASKET_KEY: &str = "basket";
/// What a visitor typed in the send form before signing in, kept in the
/// session until the basket is sent.
#[cfg(feature = "ssr")]
const DRAFT_KEY: &str = "basket_draft";

#[cfg(feature = "ssr")]
async fn load_basket() -> Result<(tower_sessions::Session, Basket), AppError> {
    let session = auth::session().await?;
    let basket = session
        .get::<Basket>(BASKET_KEY)
        .await
        .map_err(|_| AppError::Internal)?
        .unwrap_or_default();
    Ok((session, basket))
}

#[cfg(feature = "ssr")]
async fn save_basket(session: &tower_sessions::Session, basket: &Basket) -> Result<(), AppError> {
    session
        .insert(BASKET_KEY, basket)
        .await
        .map_err(|_| AppError::Internal)
}

/// How many lines the reader's basket holds.
#[cfg(feature = "ssr")]
pub(crate) async fn basket_lines() -> Result<usize, AppError> {
    Ok(load_basket().await?.1.len())
}

#[server(prefix = "/fn", endpoint = "basket")]
pub async fn get_basket() -> Result<BasketView, AppError> {
    let state = AppState::current()?;
    let (session, basket) = load_basket().await?;
    let mut view = requests::basket_view(&state.db, &basket).await?;
    let caller = auth::caller().await.ok();
    let draft: Option<SendInput> = session.get(DRAFT_KEY).await.ok().flatten();
    view.signed_in = caller.is_some();
    // What the reader typed before signing in; else what the account knows.
    view.contact = draft.unwrap_or_else(|| {
        caller
            .map(|c| SendInput {
                contact_name: c.display_name,
                contact_email: c.email,
                ..SendInput::default()
            })
            .unwrap_or_default()
    });
    Ok(view)
}

/// Puts a product in the basket, or sets its quantity (0 removes it).
#[server(prefix = "/fn", endpoint = "put_in_basket")]
pub async fn put_in_basket(
    locale: Locale,
    product_id: i32,
    quantity: String,
) -> Result<(), AppError> {
    let state = AppState::current()?;
    let quantity: i32 = match quantity.trim() {
        "" => 1,
        q => q
            .parse()
            .map_err(|_| AppError::invalid("quantity", Problem::NotANumber).localized(locale))?,
    };
    let (session, mut basket) = load_basket().await?;
    requests::put_in_basket(&state.db, &mut basket, product_id, quantity)
        .await
        .map_err(|e| e.localized(locale))?;
    save_basket(&session, &basket).await?;
    leptos_axum::redirect(&locale.href("/basket"));
    Ok(())
}

/// Sends the basket: one request per enterprise.
#[server(prefix = "/fn", endpoint = "send_basket")]
pub async fn send_basket(locale: Locale, key: String, input: SendInput) -> Result<(), AppError> {
    let state = AppState::current()?;
    let (session, basket) = load_basket().await?;
    // Signed out: keep what was typed, sign in, and come back to send.
    let caller = match auth::caller().await {
        Err(AppError::Unauthorized) => {
            session
                .insert(DRAFT_KEY, &input)
                .await
                .map_err(|_| AppError::Internal)?;
            leptos_axum::redirect(&format!(
                "{}?next={}",
                locale.href("/signin"),
                crate::links::query_value(&locale.href("/basket"))
            ));
            return Ok(());
        }
        caller => caller?,
    };
    let sent = requests::send_basket(&state.db, &caller, &basket, &input, &key)
        .await
        .map_err(|e| e.localized(locale))?;
    save_basket(&session, &Basket::new()).await?;
    let _ = session.remove::<SendInput>(DRAFT_KEY).await;
    leptos_axum::redirect(&format!("{}?sent={}", locale.href("/requests"), sent.len()));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "my_requests")]
pub async fn get_my_requests() -> Result<Vec<OrderSummary>, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    requests::my_requests(&state.db, &caller).await
}

#[server(prefix = "/fn", endpoint = "request")]
pub async fn get_request(id: i32) -> Result<OrderRequestView, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    requests::request(&state.db, &caller, id).await
}

/// The enterprise's inbox: its name and its requests, newest first.
#[server(prefix = "/fn", endpoint = "inbox")]
pub async fn get_inbox(slug: String) -> Result<(String, Vec<OrderSummary>), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    requests::inbox(&state.db, &caller, &slug).await
}

/// `action`: accept (with an optional `note`), decline (with a `reason`),
/// fulfil, cancel.
#[server(prefix = "/fn", endpoint = "request_action")]
pub async fn request_action(
    locale: Locale,
    id: i32,
    action: String,
    note: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let t = match action.as_str() {
        "accept" => Action::Accept {
            note: note.unwrap_or_default(),
        },
        "decline" => Action::Decline {
            reason: reason.unwrap_or_default(),
        },
        "fulfil" => Action::Fulfil,
        "cancel" => Action::Cancel,
        "confirm" => Action::Confirm,
        _ => return Err(AppError::invalid("action", Problem::NotAllowed).localized(locale)),
    };
    requests::transition(&state.db, &caller, id, t)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&locale.href(&format!("/requests/{id}")));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "post_message")]
pub async fn post_message(locale: Locale, id: i32, body: String) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    requests::post_message(&state.db, &caller, id, &body)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&locale.href(&format!("/requests/{id}")));
    Ok(())
}

/// One line of an "accept with changes" form.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LineInput {
    pub quantity: String,
    pub price: String,
}

/// The enterprise accepts with changed quantities or prices (`lines` keyed
/// by line id); the buyer confirms them.
#[server(prefix = "/fn", endpoint = "propose_changes")]
pub async fn propose_changes(
    locale: Locale,
    id: i32,
    note: Option<String>,
    lines: std::collections::BTreeMap<String, LineInput>,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let changes = lines
        .into_iter()
        .map(|(line, l)| requests::LineChange {
            line_id: line.parse().unwrap_or(-1),
            quantity: l.quantity,
            price: l.price,
        })
        .collect();
    requests::transition(
        &state.db,
        &caller,
        id,
        Action::Propose {
            note: note.unwrap_or_default(),
            changes,
        },
    )
    .await
    .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&locale.href(&format!("/requests/{id}")));
    Ok(())
}

/// A question about a product, to its enterprise.
#[server(prefix = "/fn", endpoint = "ask_question")]
pub async fn ask_question(
    locale: Locale,
    product_id: i32,
    question: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let id = requests::ask_question(&state.db, &caller, product_id, &question)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&locale.href(&format!("/requests/{id}")));
    Ok(())
}

/// A quote asked of the chosen members of a network (`members[<slug>]=on`).
#[server(prefix = "/fn", endpoint = "ask_quote")]
pub async fn ask_quote(
    locale: Locale,
    network: String,
    members: Option<std::collections::BTreeMap<String, String>>,
    message: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let input = requests::QuoteInput {
        members: members
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| k)
            .collect(),
        message,
    };
    let sent = requests::ask_quote(&state.db, &caller, &network, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&locale.href(&format!("/requests?sent={}", sent.len())));
    Ok(())
}
