//! The enterprise workspace: registering an enterprise, its profile, and the
//! people who keep it. Every function takes the [`Caller`] and checks it;
//! every change runs in one transaction and is written to the audit log.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::domain::VerificationStatus;
use crate::domain::audit::AuditAction;
use crate::domain::notices::NoticeKind;
use crate::domain::{ImpactGroup, MemberRole};
use crate::error::Conflict;
use crate::error::Problem;
use crate::error::{AppError, AppResult};
use crate::forms::{EnterpriseInput, ValidEnterprise};
use crate::i18n::Locale;
use crate::models::{Choice, Dashboard, Invitation, Member, MyEnterprise};
use crate::server::auth::Caller;
use crate::server::entities::*;
use crate::server::kernel::audit::audit;
use crate::server::kernel::db::{Unique, unique_violated};
use crate::server::kernel::outbox::enqueue;
use crate::server::kernel::slugs::free_slug;

/// The caller's enterprises and the invitations waiting for their address.
///
/// # Errors
/// The database's.
pub async fn dashboard(db: &DatabaseConnection, caller: &Caller) -> AppResult<Dashboard> {
    let ids: Vec<i32> = caller.memberships.iter().map(|(id, _)| *id).collect();
    let rows = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(ids))
        .order_by_asc(enterprise::Column::Name)
        .all(db)
        .await?;
    let mut enterprises = Vec::with_capacity(rows.len());
    for e in rows {
        let product_count = product::Entity::find()
            .filter(product::Column::EnterpriseId.eq(e.id))
            .filter(product::Column::ArchivedAt.is_null())
            .count(db)
            .await?;
        enterprises.push(MyEnterprise {
            id: e.id,
            role: caller.role_in(e.id).unwrap_or(MemberRole::Staff),
            slug: e.slug,
            name: e.name,
            verification_status: e.verification_status,
            suspension_reason: e.suspended_at.and(e.suspension_reason),
            product_count,
        });
    }
    // Invitations name the enterprises that sent them: only the proven
    // owner of the address sees them.
    let pending = if caller.email_confirmed {
        enterprise_invitation::Entity::find()
            .filter(enterprise_invitation::Column::Email.eq(caller.email.to_lowercase()))
            .filter(enterprise_invitation::Column::AcceptedAt.is_null())
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let names: HashMap<i32, enterprise::Model> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(pending.iter().map(|i| i.enterprise_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let invitations = pending
        .into_iter()
        .filter(|i| caller.role_in(i.enterprise_id).is_none())
        .filter_map(|i| {
            names.get(&i.enterprise_id).map(|e| Invitation {
                id: i.id,
                enterprise_name: e.name.clone(),
                enterprise_slug: e.slug.clone(),
            })
        })
        .collect();
    Ok(Dashboard {
        enterprises,
        invitations,
        email_confirmed: caller.email_confirmed,
    })
}

/// Districts for the enterprise form, in the reader's language.
///
/// # Errors
/// The database's.
pub async fn district_choices(db: &DatabaseConnection, locale: Locale) -> AppResult<Vec<Choice>> {
    let mut out: Vec<Choice> = district::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| Choice {
            value: d.slug,
            label: locale.stored(&d.name_bg, &d.name_en).to_string(),
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(out)
}

async fn district_id(db: &impl ConnectionTrait, slug: &str) -> AppResult<district::Model> {
    district::Entity::find()
        .filter(district::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid("district", Problem::DistrictUnknown))
}

/// Registers an enterprise with the caller as its owner. It starts
/// unverified and visible; the curator of its region finds it in their queue.
///
/// # Errors
/// [`AppError::Invalid`] for bad fields, an unknown district, or an ЕИК
/// already on the platform (`eik_taken`).
pub async fn register(
    db: &DatabaseConnection,
    caller: &Caller,
    input: &EnterpriseInput,
) -> AppResult<String> {
    caller.require_confirmed()?;
    let valid = input.validate().map_err(AppError::Invalid)?;
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let district = district_id(&txn, &valid.district).await?;
    let taken = enterprise::Entity::find()
        .filter(enterprise::Column::Eik.eq(&valid.eik))
        .count(&txn)
        .await?
        > 0;
    if taken {
        return Err(AppError::invalid("eik", Problem::EikTaken));
    }
    let slug = free_slug::<enterprise::Entity>(
        &txn,
        &valid.name,
        "predpriyatie",
        enterprise::Column::Slug,
    )
    .await?;
    let now = Utc::now();
    let mut row = enterprise::ActiveModel {
        slug: Set(slug.clone()),
        eik: Set(valid.eik.clone()),
        verification_status: Set(VerificationStatus::Unverified),
        verification_requested_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    };
    fill(&mut row, &valid, district.id);
    let id = match enterprise::Entity::insert(row).exec(&txn).await {
        Ok(r) => r.last_insert_id,
        Err(e) => {
            return Err(match unique_violated(&e) {
                // The same ЕИК registered at the same moment by someone else.
                Some(Unique::EnterpriseEik) => AppError::invalid("eik", Problem::EikTaken),
                // Two enterprises of one name at the same moment.
                Some(Unique::EnterpriseSlug) => AppError::conflict(Conflict::AtTheSameTime),
                _ => e.into(),
            });
        }
    };
    set_impact(&txn, id, &valid.impact_groups).await?;
    enterprise_member::Entity::insert(enterprise_member::ActiveModel {
        enterprise_id: Set(id),
        user_id: Set(caller.user_id),
        role: Set(MemberRole::Owner),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::EnterpriseRegistered,
        "enterprise",
        id,
        Some(district.centre_id),
        None,
    )
    .await?;
    // The region's curators find it in their queue, and are told.
    crate::server::kernel::notices::tell_curators(
        &txn,
        district.centre_id,
        NoticeKind::VerificationRequested,
        id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(slug)
}

fn fill(row: &mut enterprise::ActiveModel, v: &ValidEnterprise, district_id: i32) {
    row.name = Set(v.name.clone());
    row.legal_form = Set(v.legal_form);
    row.district_id = Set(district_id);
    row.settlement = Set(v.settlement.clone());
    row.address = Set(v.address.clone());
    row.email = Set(v.email.clone());
    row.phone = Set(v.phone.clone());
    row.website = Set(v.website.clone());
    row.description = Set(v.description.clone());
    row.mission = Set(v.mission.clone());
    row.employees_total = Set(v.employees_total);
    row.employees_vulnerable = Set(v.employees_vulnerable);
    row.profit_reinvested_pct = Set(v.profit_reinvested_pct);
    row.register_entry = Set(v.register_entry.clone());
    row.register_class = Set(v.register_class);
    row.delivery_terms = Set(v.delivery_terms.clone());
    row.pickup_terms = Set(v.pickup_terms.clone());
    row.payment_terms = Set(v.payment_terms.clone());
    row.updated_at = Set(Utc::now());
}

async fn set_impact(
    db: &impl ConnectionTrait,
    id: i32,
    groups: &[ImpactGroup],
) -> Result<(), sea_orm::DbErr> {
    enterprise_impact_group::Entity::delete_many()
        .filter(enterprise_impact_group::Column::EnterpriseId.eq(id))
        .exec(db)
        .await?;
    for g in groups {
        enterprise_impact_group::Entity::insert(enterprise_impact_group::ActiveModel {
            enterprise_id: Set(id),
            impact_group: Set(*g),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// An enterprise's address (its slug).
///
/// # Errors
/// NotFound.
pub async fn slug_of(db: &DatabaseConnection, enterprise_id: i32) -> AppResult<String> {
    Ok(enterprise::Entity::find_by_id(enterprise_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .slug)
}

/// Loads an enterprise the caller may keep.
///
/// # Errors
/// [`AppError::NotFound`] when it does not exist, [`AppError::Forbidden`]
/// when the caller is not a member.
pub async fn member_enterprise(
    db: &impl ConnectionTrait,
    caller: &Caller,
    enterprise_id: i32,
) -> AppResult<enterprise::Model> {
    let e = enterprise::Entity::find_by_id(enterprise_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    caller.require_member(e.id)?;
    Ok(e)
}

/// Changes the profile. The ЕИК stays as registered (a curator verified the
/// enterprise under it); the listings show the new name at once. A change
/// of the register entry or the district sends a verified enterprise back
/// to the curators' queue (the badge waits for them), and is refused while
/// the enterprise is suspended (it cannot move out of its curator's reach).
///
/// # Errors
/// As [`register`], and [`AppError::Forbidden`] for non-members.
pub async fn update_profile(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    input: &EnterpriseInput,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let current = member_enterprise(&txn, caller, enterprise_id).await?;
    let mut input = input.clone();
    input.eik = current.eik.clone();
    let valid = input.validate().map_err(AppError::Invalid)?;
    let district = district_id(&txn, &valid.district).await?;
    // What a curator attested (the register entry) and where the
    // enterprise belongs (its district, hence its centre) are not the
    // owner's to change behind the curator's back.
    let attested_changed = valid.register_entry != current.register_entry
        || valid.register_class != current.register_class;
    let moved = district.id != current.district_id;
    if current.suspended_at.is_some() && !caller.admin && (attested_changed || moved) {
        let mut r = crate::forms::Refusals::default();
        if moved {
            r.add("district", Problem::LockedWhileSuspended);
        }
        if valid.register_entry != current.register_entry {
            r.add("register_entry", Problem::LockedWhileSuspended);
        }
        if valid.register_class != current.register_class {
            r.add("register_class", Problem::LockedWhileSuspended);
        }
        return Err(AppError::Invalid(r.0));
    }
    let reverify =
        current.verification_status == VerificationStatus::Verified && (attested_changed || moved);
    let mut row: enterprise::ActiveModel = current.into();
    fill(&mut row, &valid, district.id);
    if reverify {
        // Back to the (new) centre's queue; the badge waits for a curator.
        row.verification_status = Set(VerificationStatus::Unverified);
        row.verification_requested_at = Set(Some(Utc::now()));
        row.verified_at = Set(None);
        row.verified_by = Set(None);
    }
    row.update(&txn).await?;
    set_impact(&txn, enterprise_id, &valid.impact_groups).await?;
    enqueue(&txn, "enterprise", enterprise_id).await?;
    if reverify {
        audit(
            &txn,
            caller.user_id,
            AuditAction::EnterpriseReverificationNeeded,
            "enterprise",
            enterprise_id,
            Some(district.centre_id),
            None,
        )
        .await?;
        crate::server::kernel::notices::tell_curators(
            &txn,
            district.centre_id,
            NoticeKind::VerificationRequested,
            enterprise_id,
            None,
        )
        .await?;
    }
    audit(
        &txn,
        caller.user_id,
        AuditAction::EnterpriseUpdated,
        "enterprise",
        enterprise_id,
        Some(district.centre_id),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The profile as the form shows it again.
pub fn profile_input(
    e: &enterprise::Model,
    district_slug: &str,
    impact: &[ImpactGroup],
) -> EnterpriseInput {
    EnterpriseInput {
        name: e.name.clone(),
        eik: e.eik.clone(),
        legal_form: e.legal_form.code().to_string(),
        district: district_slug.to_string(),
        settlement: e.settlement.clone(),
        address: e.address.clone(),
        email: e.email.clone(),
        phone: e.phone.clone(),
        website: e.website.clone().unwrap_or_default(),
        description: e.description.clone(),
        mission: e.mission.clone(),
        register_entry: e.register_entry.clone().unwrap_or_default(),
        register_class: e
            .register_class
            .map(|c| c.code().to_string())
            .unwrap_or_default(),
        employees_total: e.employees_total.to_string(),
        employees_vulnerable: e.employees_vulnerable.to_string(),
        profit_reinvested_pct: e.profit_reinvested_pct.to_string(),
        delivery_terms: e.delivery_terms.clone(),
        pickup_terms: e.pickup_terms.clone(),
        payment_terms: e.payment_terms.clone(),
        impact: impact
            .iter()
            .map(|g| (g.code().to_string(), "on".to_string()))
            .collect(),
    }
}

/// The people of an enterprise and the addresses invited.
///
/// # Errors
/// The database's.
pub async fn members(
    db: &impl ConnectionTrait,
    enterprise_id: i32,
) -> AppResult<(Vec<Member>, Vec<String>)> {
    let rows = enterprise_member::Entity::find()
        .filter(enterprise_member::Column::EnterpriseId.eq(enterprise_id))
        .order_by_asc(enterprise_member::Column::Id)
        .all(db)
        .await?;
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|m| m.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let members = rows
        .into_iter()
        .filter_map(|m| {
            users.get(&m.user_id).map(|u| Member {
                user_id: u.id,
                display_name: u.display_name.clone(),
                email: u.email.clone(),
                role: m.role,
            })
        })
        .collect();
    let invited = enterprise_invitation::Entity::find()
        .filter(enterprise_invitation::Column::EnterpriseId.eq(enterprise_id))
        .filter(enterprise_invitation::Column::AcceptedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.email)
        .collect();
    Ok((members, invited))
}

/// Invites an address as staff. The invitation waits in the app for whoever
/// signs in with that address.
///
/// # Errors
/// [`AppError::Forbidden`] unless the caller owns the enterprise;
/// [`AppError::Invalid`] for a bad address or one already invited or a member.
pub async fn invite(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    email: &str,
) -> AppResult<()> {
    let mut r = crate::forms::Refusals::default();
    let email = r.email("email", email);
    let txn = crate::server::kernel::db::begin_write(db).await?;
    member_enterprise(&txn, caller, enterprise_id).await?;
    caller.require_owner(enterprise_id)?;
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let (members, invited) = members(&txn, enterprise_id).await?;
    if members.iter().any(|m| m.email == email) || invited.contains(&email) {
        return Err(AppError::invalid("email", Problem::InvitationExists));
    }
    let id = enterprise_invitation::Entity::insert(enterprise_invitation::ActiveModel {
        enterprise_id: Set(enterprise_id),
        email: Set(email),
        invited_by: Set(caller.user_id),
        created_at: Set(Utc::now()),
        accepted_at: Set(None),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    audit(
        &txn,
        caller.user_id,
        AuditAction::MemberInvited,
        "enterprise_invitation",
        id,
        None,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Accepts an invitation addressed to the caller's e-mail.
///
/// # Errors
/// [`AppError::NotFound`] for an invitation that is not the caller's (the
/// same answer as for one that does not exist).
pub async fn accept_invitation(
    db: &DatabaseConnection,
    caller: &Caller,
    invitation_id: i32,
) -> AppResult<String> {
    // Only the proven owner of the address takes what was sent to it.
    caller.require_confirmed()?;
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let inv = enterprise_invitation::Entity::find_by_id(invitation_id)
        .one(&txn)
        .await?
        .filter(|i| i.email == caller.email.to_lowercase() && i.accepted_at.is_none())
        .ok_or(AppError::NotFound)?;
    let e = enterprise::Entity::find_by_id(inv.enterprise_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if caller.role_in(e.id).is_none() {
        enterprise_member::Entity::insert(enterprise_member::ActiveModel {
            enterprise_id: Set(e.id),
            user_id: Set(caller.user_id),
            role: Set(MemberRole::Staff),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    let mut active: enterprise_invitation::ActiveModel = inv.into();
    active.accepted_at = Set(Some(Utc::now()));
    active.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::MemberJoined,
        "enterprise",
        e.id,
        None,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(e.slug)
}

/// Removes a member (or withdraws an invitation, by address). An
/// enterprise always keeps at least one owner.
///
/// # Errors
/// [`AppError::Forbidden`] unless the caller owns the enterprise;
/// [`AppError::Conflict`] when the last owner would go.
pub async fn remove_member(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    email: &str,
) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let txn = crate::server::kernel::db::begin_write(db).await?;
    member_enterprise(&txn, caller, enterprise_id).await?;
    caller.require_owner(enterprise_id)?;
    enterprise_invitation::Entity::delete_many()
        .filter(enterprise_invitation::Column::EnterpriseId.eq(enterprise_id))
        .filter(enterprise_invitation::Column::Email.eq(&email))
        .filter(enterprise_invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    let (members, _) = members(&txn, enterprise_id).await?;
    if let Some(m) = members.iter().find(|m| m.email == email) {
        let owners = members
            .iter()
            .filter(|m| m.role == MemberRole::Owner)
            .count();
        if m.role == MemberRole::Owner && owners <= 1 {
            return Err(AppError::conflict(Conflict::LastOwner));
        }
        enterprise_member::Entity::delete_many()
            .filter(enterprise_member::Column::EnterpriseId.eq(enterprise_id))
            .filter(enterprise_member::Column::UserId.eq(m.user_id))
            .exec(&txn)
            .await?;
        audit(
            &txn,
            caller.user_id,
            AuditAction::MemberRemoved,
            "enterprise",
            enterprise_id,
            None,
            None,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Makes a member of the enterprise one of its owners: how an owner hands
/// the enterprise over before leaving (it always keeps an owner).
///
/// # Errors
/// [`AppError::Forbidden`] unless the caller owns the enterprise;
/// [`AppError::NotFound`] for someone who is no member;
/// [`AppError::Conflict`] when they own it already.
pub async fn make_owner(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    email: &str,
) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let txn = crate::server::kernel::db::begin_write(db).await?;
    member_enterprise(&txn, caller, enterprise_id).await?;
    caller.require_owner(enterprise_id)?;
    let (members, _) = members(&txn, enterprise_id).await?;
    let m = members
        .iter()
        .find(|m| m.email == email)
        .ok_or(AppError::NotFound)?;
    if m.role == MemberRole::Owner {
        return Err(AppError::conflict(Conflict::RoleHeld));
    }
    enterprise_member::Entity::update_many()
        .col_expr(
            enterprise_member::Column::Role,
            sea_orm::sea_query::Expr::value(MemberRole::Owner),
        )
        .filter(enterprise_member::Column::EnterpriseId.eq(enterprise_id))
        .filter(enterprise_member::Column::UserId.eq(m.user_id))
        .exec(&txn)
        .await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::MemberPromoted,
        "enterprise",
        enterprise_id,
        None,
        Some(email),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets the enterprise's logo (a file the caller wrote); the old logo's
/// path, to delete after the commit.
///
/// # Errors
/// [`AppError::Forbidden`] / NotFound.
pub async fn set_logo(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    path: &str,
) -> AppResult<Option<String>> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let e = member_enterprise(&txn, caller, enterprise_id).await?;
    let old = e.logo_path.clone();
    let mut row: enterprise::ActiveModel = e.into();
    row.logo_path = Set(Some(path.to_string()));
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::EnterpriseLogo,
        "enterprise",
        enterprise_id,
        None,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(old)
}
