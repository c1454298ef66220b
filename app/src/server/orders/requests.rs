//! Order requests: a buyer's basket becomes one request per enterprise, and
//! each request moves through
//! `submitted → accepted | declined → fulfilled`, or `cancelled` by the
//! buyer before it is fulfilled.
//!
//! Lines keep the price of the moment the request was sent. Stock goes down
//! when the enterprise accepts, with one conditional UPDATE per line
//! (`stock >= quantity`), so two acceptances of the last items cannot both
//! succeed; it goes back up when an accepted request is cancelled. Every
//! change leaves a notice for the other party.

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::domain::Availability;
use crate::domain::notices::NoticeKind;
use crate::domain::orders::DeliveryWish;
use crate::domain::orders::OrderKind;
use crate::domain::orders::OrderStatus;
use crate::domain::orders::{self, Party, Refusal, Transition};
use crate::error::Problem;
use crate::error::{AppError, AppResult, Conflict, FieldError};
use crate::forms::{Refusals, SendInput};
use crate::models::{
    BasketEnterprise, BasketLine, BasketView, InboxCount, OrderLineView, OrderRequestView,
    OrderSummary, ThreadMessage,
};
use crate::server::auth::Caller;
use crate::server::catalogue::visibility::visible_products_by_ids;
use crate::server::entities::*;
use crate::server::kernel::db::{Unique, unique_violated};
use crate::server::kernel::notices;
use crate::server::kernel::outbox::enqueue;

pub const MAX_BASKET_LINES: usize = 100;
pub const MAX_QUANTITY: i32 = 100_000;

/// The basket as the session keeps it: product id → quantity.
pub type Basket = BTreeMap<i32, i32>;

/// The basket with today's products, grouped by enterprise. Lines whose
/// product can no longer be ordered are listed as unavailable.
///
/// # Errors
/// The database's.
pub async fn basket_view(db: &DatabaseConnection, basket: &Basket) -> AppResult<BasketView> {
    let ids: Vec<i32> = basket.keys().copied().collect();
    let visible: HashMap<i32, product::Model> = visible_products_by_ids(db, &ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let enterprises: HashMap<i32, enterprise::Model> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(visible.values().map(|p| p.enterprise_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let mut groups: BTreeMap<i32, BasketEnterprise> = BTreeMap::new();
    let mut unavailable = 0;
    for (id, quantity) in basket {
        let Some(p) = visible.get(id) else {
            unavailable += 1;
            continue;
        };
        let Some(e) = enterprises.get(&p.enterprise_id) else {
            continue;
        };
        let group = groups.entry(e.id).or_insert_with(|| BasketEnterprise {
            enterprise_id: e.id,
            enterprise_slug: e.slug.clone(),
            enterprise_name: e.name.clone(),
            lines: vec![],
            total_cents: 0,
        });
        group.total_cents += p.price_cents * i64::from(*quantity);
        group.lines.push(BasketLine {
            product_id: p.id,
            slug: p.slug.clone(),
            title: p.title.clone(),
            unit: p.unit,
            unit_price_cents: p.price_cents,
            quantity: *quantity,
            min_order: p.min_order,
            stock: p.stock.filter(|_| p.availability == Availability::InStock),
        });
    }
    Ok(BasketView {
        enterprises: groups.into_values().collect(),
        unavailable,
        send_key: crate::server::kernel::media::new_key(),
        signed_in: false,
        contact: Default::default(),
    })
}

/// Checks a quantity for a product: positive, at least the minimum order,
/// at most the stock where stock is tracked.
fn check_quantity(p: &product::Model, quantity: i32) -> Option<Problem> {
    if quantity <= 0 {
        Some(Problem::QuantityPositive)
    } else if quantity > MAX_QUANTITY {
        Some(Problem::TooLarge)
    } else if quantity < p.min_order {
        Some(Problem::BelowMinOrder)
    } else if p.availability == Availability::OutOfStock {
        Some(Problem::OutOfStock)
    } else if p.availability == Availability::InStock && p.stock.is_some_and(|s| quantity > s) {
        Some(Problem::OverStock)
    } else {
        None
    }
}

/// Puts a product in the basket (or changes its quantity; 0 removes it).
///
/// # Errors
/// [`AppError::NotFound`] for a product that cannot be ordered;
/// [`AppError::Invalid`] for a bad quantity.
pub async fn put_in_basket(
    db: &DatabaseConnection,
    basket: &mut Basket,
    product_id: i32,
    quantity: i32,
) -> AppResult<()> {
    if quantity == 0 {
        basket.remove(&product_id);
        return Ok(());
    }
    let p = visible_products_by_ids(db, &[product_id])
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    if let Some(code) = check_quantity(&p, quantity) {
        return Err(AppError::invalid("quantity", code));
    }
    if !basket.contains_key(&product_id) && basket.len() >= MAX_BASKET_LINES {
        return Err(AppError::invalid("quantity", Problem::BasketFull));
    }
    basket.insert(product_id, quantity);
    Ok(())
}

/// A notice about an order request for each of these users.
async fn notify(
    db: &impl ConnectionTrait,
    user_ids: impl IntoIterator<Item = i32>,
    kind: NoticeKind,
    request_id: i32,
) -> Result<(), sea_orm::DbErr> {
    let about = notices::About {
        order_request_id: Some(request_id),
        ..Default::default()
    };
    notices::notify(db, user_ids, kind, &about).await
}

/// Sends the basket: one order request per enterprise, in one transaction,
/// with the lines at today's prices. The form's key makes a double submit
/// find the requests of the first.
///
/// # Errors
/// [`AppError::Invalid`]: contact fields, or a line that cannot be ordered
/// (field `line:<product id>`), with nothing saved.
pub async fn send_basket(
    db: &DatabaseConnection,
    caller: &Caller,
    basket: &Basket,
    input: &SendInput,
    key: &str,
) -> AppResult<Vec<i32>> {
    match send_once(db, caller, basket, input, key).await {
        // Two submits of one form at once: one wins in the database; the
        // other answers with the winner's requests once they are committed.
        Err(AppError::Internal) if !key.trim().is_empty() => {
            for _ in 0..50 {
                let found = by_key(db, caller, key.trim()).await?;
                if !found.is_empty() {
                    return Ok(found);
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            Err(AppError::Internal)
        }
        other => other,
    }
}

async fn by_key(db: &impl ConnectionTrait, caller: &Caller, key: &str) -> AppResult<Vec<i32>> {
    Ok(order_request::Entity::find()
        .filter(order_request::Column::IdempotencyKey.starts_with(format!("{key}:")))
        .filter(order_request::Column::BuyerId.eq(caller.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect())
}

async fn send_once(
    db: &DatabaseConnection,
    caller: &Caller,
    basket: &Basket,
    input: &SendInput,
    key: &str,
) -> AppResult<Vec<i32>> {
    let mut r = Refusals::default();
    let contact_name = r.line("contact_name", &input.contact_name, 2, 120);
    let contact_email = r.email("contact_email", &input.contact_email);
    let contact_phone = r.line("contact_phone", &input.contact_phone, 0, 40);
    let delivery: DeliveryWish = r.code("delivery", &input.delivery);
    let message = r.text("message", &input.message, 4000);
    let key = key.trim();
    if key.is_empty() || key.len() > 48 {
        r.add("_form", Problem::FormExpired);
    }
    if basket.is_empty() {
        r.add("_form", Problem::BasketEmpty);
    }
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    // A second submit of the same form: answer with what the first made.
    let existing = by_key(&txn, caller, key).await?;
    if !existing.is_empty() {
        return Ok(existing);
    }
    let ids: Vec<i32> = basket.keys().copied().collect();
    let visible: HashMap<i32, product::Model> = visible_products_by_ids(&txn, &ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut errors = Vec::new();
    let mut by_enterprise: BTreeMap<i32, Vec<(&product::Model, i32)>> = BTreeMap::new();
    for (id, quantity) in basket {
        match visible.get(id) {
            None => errors.push(FieldError {
                field: format!("line:{id}"),
                code: Problem::NotOrderable,
                message: String::new(),
            }),
            Some(p) => match check_quantity(p, *quantity) {
                Some(code) => errors.push(FieldError {
                    field: format!("line:{id}"),
                    code,
                    message: String::new(),
                }),
                None => by_enterprise
                    .entry(p.enterprise_id)
                    .or_default()
                    .push((p, *quantity)),
            },
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = Utc::now();
    let mut created = Vec::new();
    for (enterprise_id, lines) in by_enterprise {
        let request = order_request::ActiveModel {
            buyer_id: Set(caller.user_id),
            enterprise_id: Set(enterprise_id),
            kind: Set(OrderKind::Order),
            product_id: Set(None),
            status: Set(OrderStatus::Submitted),
            delivery: Set(delivery),
            event_id: Set(None),
            contact_name: Set(contact_name.clone()),
            contact_email: Set(contact_email.clone()),
            contact_phone: Set(contact_phone.clone()),
            message: Set(message.clone()),
            enterprise_note: Set(None),
            decline_reason: Set(None),
            idempotency_key: Set(format!("{key}:{enterprise_id}")),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (p, quantity) in lines {
            order_request_line::ActiveModel {
                order_request_id: Set(request.id),
                product_id: Set(p.id),
                title: Set(p.title.clone()),
                unit: Set(p.unit),
                quantity: Set(quantity),
                unit_price_cents: Set(p.price_cents),
                proposed_quantity: Set(None),
                proposed_unit_price_cents: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        notify(
            &txn,
            notices::members_of(&txn, enterprise_id).await?,
            NoticeKind::RequestReceived,
            request.id,
        )
        .await?;
        created.push(request.id);
    }
    txn.commit().await?;
    Ok(created)
}

/// Loads a request the caller may see: its buyer, a member of its
/// enterprise, or an admin. Anyone else gets NotFound, as if it did not exist.
async fn visible_request(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: i32,
) -> AppResult<order_request::Model> {
    let o = order_request::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if o.buyer_id == caller.user_id || caller.role_in(o.enterprise_id).is_some() || caller.admin {
        Ok(o)
    } else {
        Err(AppError::NotFound)
    }
}

/// The request with its lines and thread.
///
/// # Errors
/// [`AppError::NotFound`] for a request the caller may not see.
pub async fn request(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> AppResult<OrderRequestView> {
    let o = visible_request(db, caller, id).await?;
    let e = enterprise::Entity::find_by_id(o.enterprise_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let lines = order_request_line::Entity::find()
        .filter(order_request_line::Column::OrderRequestId.eq(o.id))
        .order_by_asc(order_request_line::Column::Id)
        .all(db)
        .await?;
    let messages = message::Entity::find()
        .filter(message::Column::OrderRequestId.eq(o.id))
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    let authors: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(messages.iter().map(|m| m.author_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let as_buyer = o.buyer_id == caller.user_id;
    let about_product = match o.product_id {
        Some(pid) => product::Entity::find_by_id(pid)
            .one(db)
            .await?
            .map(|p| (p.slug, p.title)),
        None => None,
    };
    Ok(OrderRequestView {
        about_product,
        summary: summary(&o, &e, &lines),
        as_buyer,
        as_enterprise: caller.role_in(o.enterprise_id).is_some() || (caller.admin && !as_buyer),
        contact_name: o.contact_name,
        contact_email: o.contact_email,
        contact_phone: o.contact_phone,
        delivery: o.delivery,
        message: o.message,
        enterprise_note: o.enterprise_note,
        decline_reason: o.decline_reason,
        lines: lines
            .into_iter()
            .map(|l| OrderLineView {
                line_id: l.id,
                product_id: l.product_id,
                title: l.title,
                unit: l.unit,
                quantity: l.quantity,
                unit_price_cents: l.unit_price_cents,
                proposed_quantity: l.proposed_quantity,
                proposed_unit_price_cents: l.proposed_unit_price_cents,
            })
            .collect(),
        thread: messages
            .into_iter()
            .map(|m| ThreadMessage {
                author: authors.get(&m.author_id).cloned().unwrap_or_default(),
                mine: m.author_id == caller.user_id,
                body: m.body,
                at: m.created_at,
            })
            .collect(),
    })
}

fn summary(
    o: &order_request::Model,
    e: &enterprise::Model,
    lines: &[order_request_line::Model],
) -> OrderSummary {
    OrderSummary {
        id: o.id,
        kind: o.kind,
        status: o.status,
        enterprise_slug: e.slug.clone(),
        enterprise_name: e.name.clone(),
        buyer_name: o.contact_name.clone(),
        total_cents: lines
            .iter()
            .map(|l| l.unit_price_cents * i64::from(l.quantity))
            .sum(),
        line_count: lines.len(),
        delivery: o.delivery,
        items: lines
            .iter()
            .map(|l| format!("{} × {}", l.title, l.quantity))
            .collect::<Vec<_>>()
            .join("; "),
        created_at: o.created_at,
        updated_at: o.updated_at,
    }
}

async fn summaries(
    db: &impl ConnectionTrait,
    orders: Vec<order_request::Model>,
) -> AppResult<Vec<OrderSummary>> {
    let enterprises: HashMap<i32, enterprise::Model> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(orders.iter().map(|o| o.enterprise_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let mut lines: HashMap<i32, Vec<order_request_line::Model>> = HashMap::new();
    for l in order_request_line::Entity::find()
        .filter(order_request_line::Column::OrderRequestId.is_in(orders.iter().map(|o| o.id)))
        .all(db)
        .await?
    {
        lines.entry(l.order_request_id).or_default().push(l);
    }
    Ok(orders
        .iter()
        .filter_map(|o| {
            enterprises
                .get(&o.enterprise_id)
                .map(|e| summary(o, e, lines.get(&o.id).map_or(&[], Vec::as_slice)))
        })
        .collect())
}

/// The buyer's own requests, newest first.
///
/// # Errors
/// The database's.
pub async fn my_requests(db: &DatabaseConnection, caller: &Caller) -> AppResult<Vec<OrderSummary>> {
    let orders = order_request::Entity::find()
        .filter(order_request::Column::BuyerId.eq(caller.user_id))
        .order_by_desc(order_request::Column::CreatedAt)
        .order_by_desc(order_request::Column::Id)
        .all(db)
        .await?;
    summaries(db, orders).await
}

/// The caller's enterprises, each with how many requests wait for its
/// answer (submitted, not yet accepted, declined or answered).
///
/// # Errors
/// The database's.
pub async fn waiting(db: &DatabaseConnection, caller: &Caller) -> AppResult<Vec<InboxCount>> {
    let ids: Vec<i32> = caller.memberships.iter().map(|(id, _)| *id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let enterprises = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(ids.clone()))
        .order_by_asc(enterprise::Column::Name)
        .all(db)
        .await?;
    let counts: Vec<(i32, i64)> = order_request::Entity::find()
        .select_only()
        .column(order_request::Column::EnterpriseId)
        .column_as(order_request::Column::Id.count(), "n")
        .filter(order_request::Column::EnterpriseId.is_in(ids))
        .filter(order_request::Column::Status.eq(OrderStatus::Submitted))
        .group_by(order_request::Column::EnterpriseId)
        .into_tuple()
        .all(db)
        .await?;
    let counts: HashMap<i32, i64> = counts.into_iter().collect();
    Ok(enterprises
        .into_iter()
        .map(|e| InboxCount {
            waiting: Ord::max(counts.get(&e.id).copied().unwrap_or(0), 0) as u64,
            slug: e.slug,
            name: e.name,
        })
        .collect())
}

/// An enterprise's inbox (its name and its requests, newest first).
///
/// # Errors
/// NotFound; [`AppError::Forbidden`] unless the caller keeps the enterprise.
pub async fn inbox(
    db: &DatabaseConnection,
    caller: &Caller,
    slug: &str,
) -> AppResult<(String, Vec<OrderSummary>)> {
    let e = enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    caller.require_member(e.id)?;
    let orders = order_request::Entity::find()
        .filter(order_request::Column::EnterpriseId.eq(e.id))
        .order_by_desc(order_request::Column::CreatedAt)
        .order_by_desc(order_request::Column::Id)
        .all(db)
        .await?;
    Ok((e.name, summaries(db, orders).await?))
}

/// What a party does to a request, with what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Accept {
        note: String,
    },
    /// The enterprise accepts with changed quantities or prices, which the
    /// buyer then confirms (or cancels).
    Propose {
        note: String,
        changes: Vec<LineChange>,
    },
    /// The buyer confirms the enterprise's proposed changes.
    Confirm,
    Decline {
        reason: String,
    },
    Fulfil,
    Cancel,
}

impl Action {
    /// The move of the state machine this asks for.
    pub fn transition(&self) -> Transition {
        match self {
            Action::Accept { .. } => Transition::Accept,
            Action::Propose { .. } => Transition::Propose,
            Action::Confirm => Transition::Confirm,
            Action::Decline { .. } => Transition::Decline,
            Action::Fulfil => Transition::Fulfil,
            Action::Cancel => Transition::Cancel,
        }
    }
}

/// A proposed change of one line, as typed: quantity and unit price.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineChange {
    pub line_id: i32,
    pub quantity: String,
    pub price: String,
}

/// Moves a request on, as the state machine
/// ([`crate::domain::orders::next`]) allows: the enterprise accepts,
/// proposes, declines or fulfils; the buyer confirms or cancels. Anything
/// else is refused and changes nothing.
///
/// # Errors
/// [`AppError::NotFound`] for a request the caller may not see (and for an
/// admin asking what only the buyer may do); [`AppError::Forbidden`] for
/// the wrong party; [`AppError::Conflict`] for a move from the wrong status
/// or when stock ran out (`stock`); [`AppError::Invalid`] for an empty
/// decline reason.
pub async fn transition(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
    action: Action,
) -> AppResult<()> {
    // Who is asking comes first: a stranger learns nothing, not even
    // whether what they sent would have been valid.
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let o = visible_request(&txn, caller, id).await?;
    let party = Party {
        buyer: o.buyer_id == caller.user_id,
        member: caller.role_in(o.enterprise_id).is_some(),
        admin: caller.admin,
    };
    let to = match orders::next(o.status, o.kind, action.transition(), party) {
        Ok(to) => to,
        Err(Refusal::NotYours) => return Err(AppError::Forbidden),
        Err(Refusal::NotFound) => return Err(AppError::NotFound),
        Err(Refusal::WrongStatus { from }) => {
            return Err(AppError::conflict(Conflict::RequestStatus { status: from }));
        }
        Err(Refusal::NotForQuestions) => {
            return Err(AppError::conflict(Conflict::NotForQuestions));
        }
    };
    let mut r = Refusals::default();
    let (note, reason) = match &action {
        Action::Accept { note } | Action::Propose { note, .. } => {
            (Some(r.text("note", note, 2000)), None)
        }
        Action::Decline { reason } => (None, Some(r.line("reason", reason, 2, 1000))),
        _ => (None, None),
    };
    let proposed = match &action {
        Action::Propose { changes, .. } => parse_changes(&mut r, changes),
        _ => vec![],
    };
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let mut lines = order_request_line::Entity::find()
        .filter(order_request_line::Column::OrderRequestId.eq(o.id))
        .all(&txn)
        .await?;
    match &action {
        Action::Accept { .. } => take_stock(&txn, &lines).await?,
        Action::Propose { .. } => propose_lines(&txn, &lines, &proposed).await?,
        Action::Confirm => {
            lines = apply_proposal(&txn, lines).await?;
            take_stock(&txn, &lines).await?;
        }
        Action::Cancel if o.status == OrderStatus::Accepted => {
            return_stock(&txn, &lines).await?;
        }
        _ => {}
    }
    // The status is changed only if nobody changed it meanwhile.
    let changed = order_request::Entity::update_many()
        .col_expr(order_request::Column::Status, Expr::value(to))
        .col_expr(order_request::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(
            order_request::Column::EnterpriseNote,
            Expr::value(note.or(o.enterprise_note.clone())),
        )
        .col_expr(
            order_request::Column::DeclineReason,
            Expr::value(reason.or(o.decline_reason.clone())),
        )
        .filter(order_request::Column::Id.eq(o.id))
        .filter(order_request::Column::Status.eq(o.status))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        return Err(AppError::conflict(Conflict::AtTheSameTime));
    }
    // The other party is told.
    let by_buyer = matches!(
        action.transition(),
        Transition::Confirm | Transition::Cancel
    );
    let notice_to: Vec<i32> = if by_buyer {
        notices::members_of(&txn, o.enterprise_id).await?
    } else {
        vec![o.buyer_id]
    };
    if let Some(kind) = NoticeKind::for_request(to) {
        notify(&txn, notice_to, kind, o.id).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Checks the typed changes: a positive whole quantity and a price per line.
fn parse_changes(r: &mut Refusals, changes: &[LineChange]) -> Vec<(i32, i32, i64)> {
    if changes.is_empty() {
        r.add("_form", Problem::NoLines);
    }
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        let field = format!("line:{}", c.line_id);
        let quantity = match c.quantity.trim().parse::<i32>() {
            Ok(q) if q > 0 && q <= MAX_QUANTITY => q,
            Ok(_) => {
                r.add(&field, Problem::QuantityPositive);
                continue;
            }
            Err(_) => {
                r.add(&field, Problem::NotANumber);
                continue;
            }
        };
        match crate::forms::parse_price(&c.price) {
            Ok(price) => out.push((c.line_id, quantity, price)),
            Err(code) => r.add(&field, code),
        }
    }
    out
}

/// Records the proposed quantity and price on each line (every line of the
/// request must be given; the originals stay until the buyer confirms).
async fn propose_lines(
    db: &impl ConnectionTrait,
    lines: &[order_request_line::Model],
    proposed: &[(i32, i32, i64)],
) -> AppResult<()> {
    let given: BTreeMap<i32, (i32, i64)> =
        proposed.iter().map(|(l, q, p)| (*l, (*q, *p))).collect();
    if lines.is_empty()
        || lines.iter().any(|l| !given.contains_key(&l.id))
        || given.len() != lines.len()
    {
        return Err(AppError::invalid("_form", Problem::LinesMismatch));
    }
    for l in lines {
        let (q, p) = given[&l.id];
        order_request_line::Entity::update_many()
            .col_expr(order_request_line::Column::ProposedQuantity, Expr::value(q))
            .col_expr(
                order_request_line::Column::ProposedUnitPriceCents,
                Expr::value(p),
            )
            .filter(order_request_line::Column::Id.eq(l.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The buyer's confirmation: the proposed values become the lines.
async fn apply_proposal(
    db: &impl ConnectionTrait,
    lines: Vec<order_request_line::Model>,
) -> AppResult<Vec<order_request_line::Model>> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let mut row: order_request_line::ActiveModel = l.clone().into();
        row.quantity = Set(l.proposed_quantity.unwrap_or(l.quantity));
        row.unit_price_cents = Set(l.proposed_unit_price_cents.unwrap_or(l.unit_price_cents));
        row.proposed_quantity = Set(None);
        row.proposed_unit_price_cents = Set(None);
        out.push(row.update(db).await?);
    }
    Ok(out)
}

/// Takes each line's quantity from stock where stock is tracked. One
/// conditional UPDATE per line: of two acceptances racing for the last
/// items, the second finds too little and its whole transaction rolls back.
async fn take_stock(
    db: &impl ConnectionTrait,
    lines: &[order_request_line::Model],
) -> AppResult<()> {
    for l in lines {
        let p = product::Entity::find_by_id(l.product_id)
            .one(db)
            .await?
            .ok_or(AppError::Internal)?;
        if p.availability != Availability::InStock || p.stock.is_none() {
            continue;
        }
        let taken = product::Entity::update_many()
            .col_expr(
                product::Column::Stock,
                Expr::col(product::Column::Stock).sub(l.quantity),
            )
            .col_expr(product::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(product::Column::Id.eq(l.product_id))
            .filter(product::Column::Stock.gte(l.quantity))
            .exec(db)
            .await?
            .rows_affected;
        if taken != 1 {
            return Err(AppError::conflict(Conflict::Stock {
                product: p.title,
                left: Ord::max(p.stock.unwrap_or(0), 0),
            }));
        }
        enqueue(db, "product", l.product_id).await?;
    }
    Ok(())
}

async fn return_stock(
    db: &impl ConnectionTrait,
    lines: &[order_request_line::Model],
) -> AppResult<()> {
    for l in lines {
        let p = product::Entity::find_by_id(l.product_id).one(db).await?;
        if p.is_some_and(|p| p.availability == Availability::InStock && p.stock.is_some()) {
            product::Entity::update_many()
                .col_expr(
                    product::Column::Stock,
                    Expr::col(product::Column::Stock).add(l.quantity),
                )
                .filter(product::Column::Id.eq(l.product_id))
                .exec(db)
                .await?;
            enqueue(db, "product", l.product_id).await?;
        }
    }
    Ok(())
}

/// Adds a message to a request's thread (its buyer or the enterprise).
///
/// # Errors
/// [`AppError::NotFound`] for a request the caller may not see;
/// [`AppError::Invalid`] for an empty or too long message.
pub async fn post_message(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
    body: &str,
) -> AppResult<()> {
    let mut r = Refusals::default();
    let body = r.text("body", body, 4000);
    if body.is_empty() {
        r.add("body", Problem::Required);
    }
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let o = visible_request(&txn, caller, id).await?;
    message::ActiveModel {
        order_request_id: Set(o.id),
        author_id: Set(caller.user_id),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let to: Vec<i32> = if o.buyer_id == caller.user_id {
        notices::members_of(&txn, o.enterprise_id).await?
    } else {
        vec![o.buyer_id]
    };
    notify(
        &txn,
        to.into_iter().filter(|u| *u != caller.user_id),
        NoticeKind::Message,
        o.id,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A content key for requests that have no form key: the same buyer
/// sending the same thing twice (a double click) makes it once.
fn content_key(parts: &[&str]) -> String {
    use blake2::{Blake2s256, Digest};
    let mut h = Blake2s256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A buyer's question about one product, without ordering. It goes to the
/// enterprise's inbox like a request; the answer comes in its thread.
///
/// # Errors
/// [`AppError::Invalid`] for an empty question; [`AppError::NotFound`] for
/// a product the public cannot see.
pub async fn ask_question(
    db: &DatabaseConnection,
    caller: &Caller,
    product_id: i32,
    question: &str,
) -> AppResult<i32> {
    let mut r = Refusals::default();
    let question = r.text("question", question, 4000);
    if question.chars().count() < 5 {
        r.add(
            "question",
            if question.is_empty() {
                Problem::Required
            } else {
                Problem::TooShort
            },
        );
    }
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let p = visible_products_by_ids(&txn, &[product_id])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let key = format!(
        "q:{}",
        content_key(&[
            &caller.user_id.to_string(),
            &product_id.to_string(),
            &question
        ])
    );
    if let Some(existing) = order_request::Entity::find()
        .filter(order_request::Column::IdempotencyKey.eq(&key))
        .one(&txn)
        .await?
    {
        return Ok(existing.id);
    }
    match insert_request(
        &txn,
        caller,
        p.enterprise_id,
        OrderKind::Question,
        Some(p.id),
        &question,
        &key,
    )
    .await
    {
        Ok(id) => {
            txn.commit().await?;
            Ok(id)
        }
        // The same question sent twice at once (PostgreSQL lets both
        // transactions start): the first one's request is the answer.
        Err(e) if unique_violated(&e) == Some(Unique::OrderIdempotencyKey) => {
            txn.rollback().await?;
            order_request::Entity::find()
                .filter(order_request::Column::IdempotencyKey.eq(&key))
                .one(db)
                .await?
                .map(|o| o.id)
                .ok_or(AppError::Internal)
        }
        Err(e) => Err(e.into()),
    }
}

/// What a company or municipality sends when asking a network for a quote.
#[derive(Debug, Clone, Default)]
pub struct QuoteInput {
    /// The members chosen (enterprise addresses).
    pub members: Vec<String>,
    pub message: String,
}

/// Asks the chosen members of a network for a quote: one request per
/// member, each answered on its own (accept with the quote as the note, or
/// decline), in one transaction.
///
/// # Errors
/// [`AppError::Invalid`] for no member chosen, one that is not a member, or
/// an empty message; [`AppError::NotFound`] for an unknown network.
pub async fn ask_quote(
    db: &DatabaseConnection,
    caller: &Caller,
    network_slug: &str,
    input: &QuoteInput,
) -> AppResult<Vec<i32>> {
    let mut r = Refusals::default();
    let message = r.text("message", &input.message, 4000);
    if message.chars().count() < 10 {
        r.add(
            "message",
            if message.is_empty() {
                Problem::Required
            } else {
                Problem::TooShort
            },
        );
    }
    let mut chosen: Vec<&str> = input
        .members
        .iter()
        .map(|m| m.trim())
        .filter(|m| !m.is_empty())
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.is_empty() {
        r.add("members", Problem::ChooseOne);
    }
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let n = network::Entity::find()
        .filter(network::Column::Slug.eq(network_slug))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let member_ids: Vec<i32> = network_member::Entity::find()
        .filter(network_member::Column::NetworkId.eq(n.id))
        .filter(network_member::Column::Status.eq("approved"))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.enterprise_id)
        .collect();
    let members: HashMap<String, i32> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(member_ids))
        .filter(enterprise::Column::SuspendedAt.is_null())
        .all(&txn)
        .await?
        .into_iter()
        .map(|e| (e.slug, e.id))
        .collect();
    let mut targets = Vec::with_capacity(chosen.len());
    for slug in &chosen {
        match members.get(*slug) {
            Some(id) => targets.push(*id),
            None => return Err(AppError::invalid("members", Problem::NotAMember)),
        }
    }
    let base = content_key(&[
        &caller.user_id.to_string(),
        &n.slug,
        &chosen.join(","),
        &message,
    ]);
    let mut created = Vec::with_capacity(targets.len());
    for enterprise_id in targets {
        let key = format!("quote:{base}:{enterprise_id}");
        if let Some(existing) = order_request::Entity::find()
            .filter(order_request::Column::IdempotencyKey.eq(&key))
            .one(&txn)
            .await?
        {
            created.push(existing.id);
            continue;
        }
        let text = format!("[{}] {message}", n.name);
        match insert_request(
            &txn,
            caller,
            enterprise_id,
            OrderKind::Quote,
            None,
            &text,
            &key,
        )
        .await
        {
            Ok(id) => created.push(id),
            // Sent twice at once: the first transaction made them all.
            Err(e) if unique_violated(&e) == Some(Unique::OrderIdempotencyKey) => {
                txn.rollback().await?;
                return Ok(order_request::Entity::find()
                    .filter(
                        order_request::Column::IdempotencyKey.starts_with(format!("quote:{base}:")),
                    )
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|o| o.id)
                    .collect());
            }
            Err(e) => return Err(e.into()),
        }
    }
    txn.commit().await?;
    Ok(created)
}

/// A request without lines (a question or a quote), with the caller's
/// contact, and a notice to the enterprise's people.
async fn insert_request(
    db: &impl ConnectionTrait,
    caller: &Caller,
    enterprise_id: i32,
    kind: OrderKind,
    product_id: Option<i32>,
    message: &str,
    key: &str,
) -> Result<i32, sea_orm::DbErr> {
    let now = Utc::now();
    let request = order_request::ActiveModel {
        buyer_id: Set(caller.user_id),
        enterprise_id: Set(enterprise_id),
        product_id: Set(product_id),
        kind: Set(kind),
        status: Set(OrderStatus::Submitted),
        delivery: Set(DeliveryWish::Pickup),
        event_id: Set(None),
        contact_name: Set(caller.display_name.clone()),
        contact_email: Set(caller.email.clone()),
        contact_phone: Set(String::new()),
        message: Set(message.into()),
        enterprise_note: Set(None),
        decline_reason: Set(None),
        idempotency_key: Set(key.into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    notify(
        db,
        notices::members_of(db, enterprise_id).await?,
        match kind {
            OrderKind::Order => NoticeKind::RequestReceived,
            OrderKind::Question => NoticeKind::QuestionReceived,
            OrderKind::Quote => NoticeKind::QuoteReceived,
        },
        request.id,
    )
    .await?;
    Ok(request.id)
}
