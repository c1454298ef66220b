//! Networks and events of the regional centres. A centre owns its networks
//! and events; its curators create them and decide who is in. Enterprises
//! apply to join a network (or are invited) and sign up for events; a
//! network may have members from any region. A membership that starts or
//! ends changes the member's listings (the network facet), so it writes an
//! outbox row in the same transaction.

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::domain::MembershipStatus;
use crate::domain::ParticipationStatus;
use crate::domain::audit::AuditAction;
use crate::domain::notices::NoticeKind;
use crate::error::Conflict;
use crate::error::Problem;
use crate::error::{AppError, AppResult};
use crate::forms::{EventInput, NetworkInput};
use crate::i18n::Locale;
use crate::models::{
    Choice, DeskEvent, DeskNetwork, MembershipRow, MyEvent, MyNetwork, Participation,
};
use crate::server::auth::Caller;
use crate::server::curation::region::curated_centre;
use crate::server::entities::*;
use crate::server::kernel::audit::audit;
use crate::server::kernel::db::{Unique, unique_violated};
use crate::server::kernel::notices;
use crate::server::kernel::outbox::enqueue;
use crate::server::kernel::slugs::free_slug;
use crate::server::workspace::enterprises::member_enterprise;

/// A unique index that refused a second row (applied twice, signed up
/// twice, two clicks at once) is a conflict the user can read, not a 500.
fn taken_as_conflict(e: sea_orm::DbErr) -> AppError {
    match unique_violated(&e) {
        Some(Unique::NetworkMember) => AppError::conflict(Conflict::AlreadyMember),
        Some(Unique::EventParticipant) => AppError::conflict(Conflict::AlreadySignedUp),
        Some(Unique::NetworkSlug | Unique::EventSlug) => {
            AppError::conflict(Conflict::AtTheSameTime)
        }
        _ => e.into(),
    }
}

async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, enterprise::Model>, sea_orm::DbErr> {
    Ok(enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect())
}

/// A centre's networks with every membership, for its desk.
///
/// # Errors
/// The database's.
pub async fn desk_networks(
    db: &impl ConnectionTrait,
    centre_id: i32,
) -> AppResult<Vec<DeskNetwork>> {
    let networks = network::Entity::find()
        .filter(network::Column::CentreId.eq(centre_id))
        .order_by_asc(network::Column::Name)
        .all(db)
        .await?;
    let rows = network_member::Entity::find()
        .filter(network_member::Column::NetworkId.is_in(networks.iter().map(|n| n.id)))
        .order_by_asc(network_member::Column::Id)
        .all(db)
        .await?;
    let ents = names(db, rows.iter().map(|m| m.enterprise_id)).await?;
    let mut by_network: BTreeMap<i32, Vec<MembershipRow<MembershipStatus>>> = BTreeMap::new();
    for m in rows {
        if let Some(e) = ents.get(&m.enterprise_id) {
            by_network
                .entry(m.network_id)
                .or_default()
                .push(MembershipRow {
                    id: m.id,
                    enterprise_slug: e.slug.clone(),
                    enterprise_name: e.name.clone(),
                    status: m.status,
                });
        }
    }
    Ok(networks
        .into_iter()
        .map(|n| DeskNetwork {
            members: by_network.remove(&n.id).unwrap_or_default(),
            logo: n
                .logo_path
                .as_deref()
                .map(crate::server::kernel::media::media_url),
            id: n.id,
            slug: n.slug,
            name: n.name,
            kind: n.kind,
            description: n.description,
        })
        .collect())
}

/// A centre's upcoming events with their sign-ups, soonest first.
///
/// # Errors
/// The database's.
pub async fn desk_events(db: &impl ConnectionTrait, centre_id: i32) -> AppResult<Vec<DeskEvent>> {
    let events = event::Entity::find()
        .filter(event::Column::CentreId.eq(centre_id))
        .filter(event::Column::EndsAt.gte(Utc::now()))
        .filter(event::Column::CancelledAt.is_null())
        .order_by_asc(event::Column::StartsAt)
        .all(db)
        .await?;
    let rows = event_participant::Entity::find()
        .filter(event_participant::Column::EventId.is_in(events.iter().map(|e| e.id)))
        .order_by_asc(event_participant::Column::Id)
        .all(db)
        .await?;
    let ents = names(db, rows.iter().map(|p| p.enterprise_id)).await?;
    let mut by_event: BTreeMap<i32, Vec<MembershipRow<ParticipationStatus>>> = BTreeMap::new();
    for p in rows {
        if let Some(e) = ents.get(&p.enterprise_id) {
            by_event.entry(p.event_id).or_default().push(MembershipRow {
                id: p.id,
                enterprise_slug: e.slug.clone(),
                enterprise_name: e.name.clone(),
                status: p.status,
            });
        }
    }
    Ok(events
        .into_iter()
        .map(|ev| DeskEvent {
            participants: by_event.remove(&ev.id).unwrap_or_default(),
            id: ev.id,
            slug: ev.slug,
            title: ev.title,
            kind: ev.kind,
            starts_at: ev.starts_at,
            ends_at: ev.ends_at,
            place: ev.place,
            description: ev.description,
        })
        .collect())
}

/// Creates a network owned by the centre; returns its address.
///
/// # Errors
/// [`AppError::Invalid`] (no name, an unknown kind), [`AppError::Forbidden`]
/// for another centre.
pub async fn create_network(
    db: &DatabaseConnection,
    caller: &Caller,
    centre_slug: &str,
    input: &NetworkInput,
) -> AppResult<String> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let c = curated_centre(&txn, caller, centre_slug).await?;
    let valid = input.validate().map_err(AppError::Invalid)?;
    let slug =
        free_slug::<network::Entity>(&txn, &valid.name, "mrezha", network::Column::Slug).await?;
    let id = network::Entity::insert(network::ActiveModel {
        slug: Set(slug.clone()),
        centre_id: Set(c.id),
        name: Set(valid.name),
        kind: Set(valid.kind),
        description: Set(valid.description),
        logo_path: Set(None),
        created_by: Set(Some(caller.user_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    audit(
        &txn,
        caller.user_id,
        AuditAction::NetworkCreated,
        "network",
        id,
        Some(c.id),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(slug)
}

/// The enterprises of a network with their membership, approved or not.
async fn network_enterprises(
    db: &impl ConnectionTrait,
    network_id: i32,
) -> Result<Vec<network_member::Model>, sea_orm::DbErr> {
    network_member::Entity::find()
        .filter(network_member::Column::NetworkId.eq(network_id))
        .all(db)
        .await
}

/// A curator changes a network's name, kind or description (its address
/// stays); its members are told, and their listings carry the new name.
///
/// # Errors
/// [`AppError::Invalid`], [`AppError::Forbidden`] for another centre's
/// network, [`AppError::NotFound`].
pub async fn update_network(
    db: &DatabaseConnection,
    caller: &Caller,
    network_id: i32,
    input: &NetworkInput,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let n = curated_network(&txn, caller, network_id).await?;
    let valid = input.validate().map_err(AppError::Invalid)?;
    let (id, centre_id) = (n.id, n.centre_id);
    let mut row: network::ActiveModel = n.into();
    row.name = Set(valid.name.clone());
    row.kind = Set(valid.kind);
    row.description = Set(valid.description);
    row.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::NetworkUpdated,
        "network",
        id,
        Some(centre_id),
        None,
    )
    .await?;
    for m in network_enterprises(&txn, id).await? {
        if m.status == MembershipStatus::Approved {
            enqueue(&txn, "enterprise", m.enterprise_id).await?;
            notices::tell_enterprise(
                &txn,
                m.enterprise_id,
                NoticeKind::NetworkChanged,
                Some(valid.name.clone()),
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// A curator closes a network: its memberships, applications and
/// invitations end, its members are told and their listings leave its
/// filter. The audit log keeps its name. Returns its logo's file, to
/// remove once this has committed.
///
/// # Errors
/// [`AppError::Forbidden`] for another centre's network,
/// [`AppError::NotFound`].
pub async fn close_network(
    db: &DatabaseConnection,
    caller: &Caller,
    network_id: i32,
) -> AppResult<Option<String>> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let n = curated_network(&txn, caller, network_id).await?;
    let members = network_enterprises(&txn, n.id).await?;
    network_member::Entity::delete_many()
        .filter(network_member::Column::NetworkId.eq(n.id))
        .exec(&txn)
        .await?;
    network::Entity::delete_by_id(n.id).exec(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::NetworkClosed,
        "network",
        n.id,
        Some(n.centre_id),
        Some(n.name.clone()),
    )
    .await?;
    for m in members {
        if m.status == MembershipStatus::Approved {
            enqueue(&txn, "enterprise", m.enterprise_id).await?;
        }
        notices::tell_enterprise(
            &txn,
            m.enterprise_id,
            NoticeKind::NetworkClosed,
            Some(n.name.clone()),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(n.logo_path)
}

/// An enterprise by its address (slug) or its ЕИК, as a curator types it.
async fn enterprise_by_reference(
    db: &impl ConnectionTrait,
    reference: &str,
) -> AppResult<enterprise::Model> {
    let r = reference.trim();
    let slug = r.rsplit('/').next().unwrap_or(r);
    enterprise::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(enterprise::Column::Slug.eq(slug))
                .add(enterprise::Column::Eik.eq(r)),
        )
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid("enterprise", Problem::EnterpriseUnknown))
}

/// A curator invites an enterprise (of any region) into a network; it
/// joins when one of its people accepts. An enterprise that had applied is
/// approved at once.
///
/// # Errors
/// [`AppError::Invalid`] for an unknown enterprise, [`AppError::Conflict`]
/// when it is already a member or invited.
pub async fn invite(
    db: &DatabaseConnection,
    caller: &Caller,
    network_id: i32,
    reference: &str,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let n = curated_network(&txn, caller, network_id).await?;
    let e = enterprise_by_reference(&txn, reference).await?;
    let existing = network_member::Entity::find()
        .filter(network_member::Column::NetworkId.eq(n.id))
        .filter(network_member::Column::EnterpriseId.eq(e.id))
        .one(&txn)
        .await?;
    match existing {
        Some(m) if m.status == MembershipStatus::Applied => {
            approve_row(&txn, caller, m, n.centre_id).await?;
        }
        Some(_) => return Err(AppError::conflict(Conflict::AlreadyMember)),
        None => {
            let inserted = network_member::Entity::insert(network_member::ActiveModel {
                network_id: Set(n.id),
                enterprise_id: Set(e.id),
                status: Set(MembershipStatus::Invited),
                created_at: Set(Utc::now()),
                ..Default::default()
            })
            .exec(&txn)
            .await;
            inserted.map_err(taken_as_conflict)?;
            audit(
                &txn,
                caller.user_id,
                AuditAction::NetworkInvited,
                "network",
                n.id,
                Some(n.centre_id),
                Some(e.name.clone()),
            )
            .await?;
            notices::tell_enterprise(&txn, e.id, NoticeKind::NetworkInvited, Some(n.name.clone()))
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// A network the caller curates (its centre's curators, admins).
///
/// # Errors
/// [`AppError::NotFound`], [`AppError::Forbidden`].
pub async fn curated_network(
    db: &impl ConnectionTrait,
    caller: &Caller,
    network_id: i32,
) -> AppResult<network::Model> {
    let n = network::Entity::find_by_id(network_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    caller.require_curator(n.centre_id)?;
    Ok(n)
}

async fn approve_row(
    db: &impl ConnectionTrait,
    caller: &Caller,
    m: network_member::Model,
    centre_id: i32,
) -> AppResult<()> {
    let (network_id, enterprise_id) = (m.network_id, m.enterprise_id);
    let mut row: network_member::ActiveModel = m.into();
    row.status = Set(MembershipStatus::Approved);
    row.approved_at = Set(Some(Utc::now()));
    row.approved_by = Set(Some(caller.user_id));
    row.update(db).await?;
    enqueue(db, "enterprise", enterprise_id).await?;
    audit(
        db,
        caller.user_id,
        AuditAction::NetworkApproved,
        "network",
        network_id,
        Some(centre_id),
        Some(enterprise_id.to_string()),
    )
    .await?;
    let n = network::Entity::find_by_id(network_id)
        .one(db)
        .await?
        .map(|n| n.name);
    notices::tell_enterprise(db, enterprise_id, NoticeKind::NetworkApproved, n).await?;
    Ok(())
}

/// What a curator decides about a membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// Declines an application, withdraws an invitation or removes a member.
    Remove,
}

/// Records a network's new logo (already stored under the media folder);
/// returns the one it replaced, for removal.
///
/// # Errors
/// [`AppError::NotFound`], [`AppError::Forbidden`] for another centre.
pub async fn set_logo(
    db: &DatabaseConnection,
    caller: &Caller,
    network_id: i32,
    path: &str,
) -> AppResult<Option<String>> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let n = curated_network(&txn, caller, network_id).await?;
    let (old, centre) = (n.logo_path.clone(), n.centre_id);
    let mut row: network::ActiveModel = n.into();
    row.logo_path = Set(Some(path.to_string()));
    row.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::NetworkLogo,
        "network",
        network_id,
        Some(centre),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(old)
}

/// A curator approves an application, or declines / removes a membership.
///
/// # Errors
/// [`AppError::Conflict`] when approving what is not an application,
/// [`AppError::Forbidden`] for another centre's network.
pub async fn decide_membership(
    db: &DatabaseConnection,
    caller: &Caller,
    membership_id: i32,
    decision: Decision,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let m = network_member::Entity::find_by_id(membership_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let n = curated_network(&txn, caller, m.network_id).await?;
    match decision {
        Decision::Approve if m.status == MembershipStatus::Applied => {
            approve_row(&txn, caller, m, n.centre_id).await?
        }
        Decision::Approve => return Err(AppError::conflict(Conflict::NotApplied)),
        Decision::Remove => {
            let (enterprise_id, was_member) =
                (m.enterprise_id, m.status == MembershipStatus::Approved);
            network_member::Entity::delete_by_id(m.id)
                .exec(&txn)
                .await?;
            if was_member {
                enqueue(&txn, "enterprise", enterprise_id).await?;
            }
            audit(
                &txn,
                caller.user_id,
                AuditAction::NetworkRemoved,
                "network",
                n.id,
                Some(n.centre_id),
                Some(enterprise_id.to_string()),
            )
            .await?;
            notices::tell_enterprise(
                &txn,
                enterprise_id,
                NoticeKind::NetworkRemoved,
                Some(n.name.clone()),
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// An enterprise applies to join a network; its curators decide.
///
/// # Errors
/// [`AppError::Forbidden`] for non-members of the enterprise,
/// [`AppError::Conflict`] when already applied, invited or a member.
pub async fn apply(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    network_id: i32,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let e = member_enterprise(&txn, caller, enterprise_id).await?;
    let n = network::Entity::find_by_id(network_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid("network", Problem::NotAllowed))?;
    let inserted = network_member::Entity::insert(network_member::ActiveModel {
        network_id: Set(n.id),
        enterprise_id: Set(e.id),
        status: Set(MembershipStatus::Applied),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await;
    inserted.map_err(taken_as_conflict)?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::NetworkApplied,
        "network",
        n.id,
        Some(n.centre_id),
        Some(e.name.clone()),
    )
    .await?;
    notices::tell_curators(
        &txn,
        n.centre_id,
        NoticeKind::NetworkApplied,
        e.id,
        Some(n.name.clone()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What an enterprise does with its membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberAction {
    /// Accepts a curator's invitation: it joins at once.
    Accept,
    /// Leaves, withdraws an application or turns an invitation down.
    Leave,
}

/// An enterprise accepts an invitation or leaves a network.
///
/// # Errors
/// [`AppError::Forbidden`] for non-members of the enterprise,
/// [`AppError::Conflict`] when accepting what is not an invitation.
pub async fn membership_action(
    db: &DatabaseConnection,
    caller: &Caller,
    membership_id: i32,
    action: MemberAction,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let m = network_member::Entity::find_by_id(membership_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    member_enterprise(&txn, caller, m.enterprise_id).await?;
    let n = network::Entity::find_by_id(m.network_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let enterprise_id = m.enterprise_id;
    match action {
        MemberAction::Accept if m.status == MembershipStatus::Invited => {
            let mut row: network_member::ActiveModel = m.into();
            row.status = Set(MembershipStatus::Approved);
            row.approved_at = Set(Some(Utc::now()));
            row.update(&txn).await?;
            enqueue(&txn, "enterprise", enterprise_id).await?;
            audit(
                &txn,
                caller.user_id,
                AuditAction::NetworkJoined,
                "network",
                n.id,
                Some(n.centre_id),
                Some(enterprise_id.to_string()),
            )
            .await?;
        }
        MemberAction::Accept => return Err(AppError::conflict(Conflict::NotInvited)),
        MemberAction::Leave => {
            let was_member = m.status == MembershipStatus::Approved;
            network_member::Entity::delete_by_id(m.id)
                .exec(&txn)
                .await?;
            if was_member {
                enqueue(&txn, "enterprise", enterprise_id).await?;
            }
            audit(
                &txn,
                caller.user_id,
                AuditAction::NetworkLeft,
                "network",
                n.id,
                Some(n.centre_id),
                Some(enterprise_id.to_string()),
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Publishes an event of the centre; returns its address.
///
/// # Errors
/// [`AppError::Invalid`] (an end before the start, a start in the past,
/// no title), [`AppError::Forbidden`] for another centre.
pub async fn create_event(
    db: &DatabaseConnection,
    caller: &Caller,
    centre_slug: &str,
    input: &EventInput,
) -> AppResult<String> {
    use crate::format::{from_sofia, to_sofia};
    let txn = crate::server::kernel::db::begin_write(db).await?;
    // The caller first: to anyone else the answer says nothing of the form.
    let c = curated_centre(&txn, caller, centre_slug).await?;
    let valid = input
        .validate(to_sofia(Utc::now()))
        .map_err(AppError::Invalid)?;
    let slug =
        free_slug::<event::Entity>(&txn, &valid.title, "sabitie", event::Column::Slug).await?;
    let id = event::Entity::insert(event::ActiveModel {
        slug: Set(slug.clone()),
        centre_id: Set(c.id),
        title: Set(valid.title),
        kind: Set(valid.kind),
        starts_at: Set(from_sofia(valid.starts_at)),
        ends_at: Set(from_sofia(valid.ends_at)),
        place: Set(valid.place),
        description: Set(valid.description),
        created_by: Set(Some(caller.user_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    audit(
        &txn,
        caller.user_id,
        AuditAction::EventPublished,
        "event",
        id,
        Some(c.id),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(slug)
}

/// An event the caller curates that has not been cancelled or ended.
async fn open_curated_event(
    db: &impl ConnectionTrait,
    caller: &Caller,
    event_id: i32,
) -> AppResult<event::Model> {
    let ev = event::Entity::find_by_id(event_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    caller.require_curator(ev.centre_id)?;
    if ev.cancelled_at.is_some() {
        return Err(AppError::conflict(Conflict::EventCancelled));
    }
    if ev.ends_at < Utc::now() {
        return Err(AppError::conflict(Conflict::EventOver));
    }
    Ok(ev)
}

/// Tells every enterprise signed up for the event (confirmed or not).
async fn tell_participants(
    db: &impl ConnectionTrait,
    ev: &event::Model,
    kind: NoticeKind,
) -> Result<(), sea_orm::DbErr> {
    let rows = event_participant::Entity::find()
        .filter(event_participant::Column::EventId.eq(ev.id))
        .all(db)
        .await?;
    for p in rows {
        notices::tell_enterprise(db, p.enterprise_id, kind, Some(ev.title.clone())).await?;
    }
    Ok(())
}

/// A curator changes an upcoming event (its address stays); those signed
/// up are told. A start already past may stay as it was.
///
/// # Errors
/// [`AppError::Invalid`], [`AppError::Conflict`] for a cancelled or ended
/// event, [`AppError::Forbidden`] for another centre's.
pub async fn update_event(
    db: &DatabaseConnection,
    caller: &Caller,
    event_id: i32,
    input: &EventInput,
) -> AppResult<()> {
    use crate::format::{from_sofia, to_sofia};
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let ev = open_curated_event(&txn, caller, event_id).await?;
    let now = to_sofia(Utc::now()).min(to_sofia(ev.starts_at));
    let valid = input.validate(now).map_err(AppError::Invalid)?;
    let mut row: event::ActiveModel = ev.clone().into();
    row.title = Set(valid.title.clone());
    row.kind = Set(valid.kind);
    row.starts_at = Set(from_sofia(valid.starts_at));
    row.ends_at = Set(from_sofia(valid.ends_at));
    row.place = Set(valid.place);
    row.description = Set(valid.description);
    let ev = row.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::EventUpdated,
        "event",
        ev.id,
        Some(ev.centre_id),
        None,
    )
    .await?;
    tell_participants(&txn, &ev, NoticeKind::EventChanged).await?;
    txn.commit().await?;
    Ok(())
}

/// A curator calls off an upcoming event. It stays (requests for pick-up
/// at it refer to it) and its page says it is cancelled; those signed up
/// are told.
///
/// # Errors
/// [`AppError::Conflict`] for a cancelled or ended event,
/// [`AppError::Forbidden`] for another centre's.
pub async fn cancel_event(
    db: &DatabaseConnection,
    caller: &Caller,
    event_id: i32,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let ev = open_curated_event(&txn, caller, event_id).await?;
    let mut row: event::ActiveModel = ev.clone().into();
    row.cancelled_at = Set(Some(Utc::now()));
    row.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::EventCancelled,
        "event",
        ev.id,
        Some(ev.centre_id),
        Some(ev.title.clone()),
    )
    .await?;
    tell_participants(&txn, &ev, NoticeKind::EventCancelled).await?;
    txn.commit().await?;
    Ok(())
}

/// An enterprise signs up to take part in an upcoming event.
///
/// # Errors
/// [`AppError::Forbidden`] for non-members, [`AppError::Conflict`] when
/// already signed up or the event is over.
pub async fn take_part(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    event_id: i32,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let e = member_enterprise(&txn, caller, enterprise_id).await?;
    let ev = event::Entity::find_by_id(event_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if ev.cancelled_at.is_some() {
        return Err(AppError::conflict(Conflict::EventCancelled));
    }
    if ev.ends_at < Utc::now() {
        return Err(AppError::conflict(Conflict::EventOver));
    }
    let inserted = event_participant::Entity::insert(event_participant::ActiveModel {
        event_id: Set(ev.id),
        enterprise_id: Set(e.id),
        status: Set(ParticipationStatus::Applied),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await;
    inserted.map_err(taken_as_conflict)?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::EventApplied,
        "event",
        ev.id,
        Some(ev.centre_id),
        Some(e.name.clone()),
    )
    .await?;
    notices::tell_curators(
        &txn,
        ev.centre_id,
        NoticeKind::EventApplied,
        e.id,
        Some(ev.title.clone()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A curator confirms a sign-up (`confirm`) or declines / removes it.
///
/// # Errors
/// [`AppError::Conflict`] when confirming what is confirmed,
/// [`AppError::Forbidden`] for another centre's event.
pub async fn decide_participant(
    db: &DatabaseConnection,
    caller: &Caller,
    participant_id: i32,
    confirm: bool,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let p = event_participant::Entity::find_by_id(participant_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let ev = event::Entity::find_by_id(p.event_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    caller.require_curator(ev.centre_id)?;
    let enterprise_id = p.enterprise_id;
    if confirm {
        if p.status == ParticipationStatus::Confirmed {
            return Err(AppError::conflict(Conflict::AlreadyConfirmed));
        }
        let mut row: event_participant::ActiveModel = p.into();
        row.status = Set(ParticipationStatus::Confirmed);
        row.update(&txn).await?;
        audit(
            &txn,
            caller.user_id,
            AuditAction::EventConfirmed,
            "event",
            ev.id,
            Some(ev.centre_id),
            Some(enterprise_id.to_string()),
        )
        .await?;
        notices::tell_enterprise(
            &txn,
            enterprise_id,
            NoticeKind::EventConfirmed,
            Some(ev.title.clone()),
        )
        .await?;
    } else {
        event_participant::Entity::delete_by_id(p.id)
            .exec(&txn)
            .await?;
        audit(
            &txn,
            caller.user_id,
            AuditAction::EventDeclined,
            "event",
            ev.id,
            Some(ev.centre_id),
            Some(enterprise_id.to_string()),
        )
        .await?;
        notices::tell_enterprise(
            &txn,
            enterprise_id,
            NoticeKind::EventDeclined,
            Some(ev.title.clone()),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The enterprise's networks and upcoming events, for its workspace.
///
/// # Errors
/// [`AppError::Forbidden`] for non-members.
pub async fn participation(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
    enterprise_slug: &str,
) -> AppResult<Participation> {
    let e = enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq(enterprise_slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    member_enterprise(db, caller, e.id).await?;
    let memberships = network_member::Entity::find()
        .filter(network_member::Column::EnterpriseId.eq(e.id))
        .all(db)
        .await?;
    let all = network::Entity::find()
        .order_by_asc(network::Column::Name)
        .all(db)
        .await?;
    let by_id: HashMap<i32, &network::Model> = all.iter().map(|n| (n.id, n)).collect();
    let networks = memberships
        .iter()
        .filter_map(|m| {
            by_id.get(&m.network_id).map(|n| MyNetwork {
                membership_id: m.id,
                slug: n.slug.clone(),
                name: n.name.clone(),
                status: m.status,
            })
        })
        .collect();
    let open_networks = all
        .iter()
        .filter(|n| !memberships.iter().any(|m| m.network_id == n.id))
        .map(|n| Choice {
            value: n.id.to_string(),
            label: n.name.clone(),
        })
        .collect();
    let signed: HashMap<i32, ParticipationStatus> = event_participant::Entity::find()
        .filter(event_participant::Column::EnterpriseId.eq(e.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.event_id, p.status))
        .collect();
    let centres: HashMap<i32, String> = regional_centre::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, locale.stored(&c.city_bg, &c.city_en).to_string()))
        .collect();
    let events = event::Entity::find()
        .filter(event::Column::EndsAt.gte(Utc::now()))
        .filter(event::Column::CancelledAt.is_null())
        .order_by_asc(event::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|ev| MyEvent {
            event_id: ev.id,
            status: signed.get(&ev.id).copied(),
            centre_city: centres.get(&ev.centre_id).cloned().unwrap_or_default(),
            slug: ev.slug,
            title: ev.title,
            starts_at: ev.starts_at,
        })
        .collect();
    Ok(Participation {
        networks,
        open_networks,
        events,
    })
}
