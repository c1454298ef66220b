//! The regional centres' oversight: the verification desk, suspending an
//! enterprise, hiding a product, and the certificates that lapse by
//! themselves. A curator acts for the enterprises of their own region (the
//! region is the enterprise's district's centre); admins everywhere. Every
//! act runs in one transaction with its audit line, its notices and, where
//! listings change, its outbox row.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::domain::ImpactGroup;
use crate::domain::MemberRole;
use crate::domain::ProductStatus;
use crate::domain::VerificationStatus;
use crate::domain::audit::AuditAction;
use crate::domain::notices::NoticeKind;
use crate::error::Conflict;
use crate::error::Problem;
use crate::error::{AppError, AppResult};
use crate::forms::{VerifyInput, valid_reason};
use crate::i18n::Locale;
use crate::models::{CuratedCentre, DeclaredEnterprise, Desk, Review, WorkspaceProduct};
use crate::server::auth::Caller;
use crate::server::catalogue::visibility::{is_verified, today};
use crate::server::curation::region::{
    centre_of, curated_centre, curated_enterprise, district_ids,
};
use crate::server::entities::*;
use crate::server::kernel::audit::audit;
use crate::server::kernel::audit::audit_line;
use crate::server::kernel::notices::{self, About};
use crate::server::kernel::outbox::enqueue;

/// Days before a certificate's expiry when the enterprise and its curators
/// are told.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// The centres the caller curates (admins: all), with how many wait.
///
/// # Errors
/// The database's.
pub async fn my_centres(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
) -> AppResult<Vec<CuratedCentre>> {
    if !caller.admin && caller.curator_of.is_empty() {
        return Err(AppError::Forbidden);
    }
    let centres = regional_centre::Entity::find()
        .order_by_asc(regional_centre::Column::Id)
        .all(db)
        .await?;
    let mut out = vec![];
    for c in centres
        .into_iter()
        .filter(|c| caller.require_curator(c.id).is_ok())
    {
        let waiting = enterprise::Entity::find()
            .filter(enterprise::Column::VerificationStatus.eq("unverified"))
            .filter(enterprise::Column::DistrictId.is_in(district_ids(db, c.id).await?))
            .count(db)
            .await?;
        out.push(CuratedCentre {
            name: locale.stored(&c.name_bg, &c.name_en).to_string(),
            slug: c.slug,
            waiting,
        });
    }
    Ok(out)
}

async fn declared(
    db: &impl ConnectionTrait,
    locale: Locale,
    rows: Vec<enterprise::Model>,
) -> AppResult<Vec<DeclaredEnterprise>> {
    let ids: Vec<i32> = rows.iter().map(|e| e.id).collect();
    let districts: HashMap<i32, String> = district::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, locale.stored(&d.name_bg, &d.name_en).to_string()))
        .collect();
    let mut impact: HashMap<i32, Vec<ImpactGroup>> = HashMap::new();
    for g in enterprise_impact_group::Entity::find()
        .filter(enterprise_impact_group::Column::EnterpriseId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        impact
            .entry(g.enterprise_id)
            .or_default()
            .push(g.impact_group);
    }
    let mut counts: HashMap<i32, u64> = HashMap::new();
    for p in product::Entity::find()
        .filter(product::Column::EnterpriseId.is_in(ids))
        .filter(product::Column::ArchivedAt.is_null())
        .all(db)
        .await?
    {
        *counts.entry(p.enterprise_id).or_default() += 1;
    }
    let today = today();
    Ok(rows
        .into_iter()
        .map(|e| DeclaredEnterprise {
            verified: is_verified(&e, today),
            district: districts.get(&e.district_id).cloned().unwrap_or_default(),
            impact_groups: impact.remove(&e.id).unwrap_or_default(),
            product_count: counts.get(&e.id).copied().unwrap_or(0),
            id: e.id,
            slug: e.slug,
            name: e.name,
            eik: e.eik,
            legal_form: e.legal_form,
            settlement: e.settlement,
            email: e.email,
            phone: e.phone,
            website: e.website,
            description: e.description,
            employees_total: e.employees_total,
            employees_vulnerable: e.employees_vulnerable,
            profit_reinvested_pct: e.profit_reinvested_pct,
            register_entry: e.register_entry,
            register_class: e.register_class,
            certified_on: e.certified_on,
            valid_until: e.certificate_valid_until,
            verification_status: e.verification_status,
            verification_note: e.verification_note,
            requested_at: e.verification_requested_at,
            suspension_reason: e.suspended_at.and(e.suspension_reason),
        })
        .collect())
}

/// A curator's desk: the queue (oldest request first), the region's
/// enterprises, its networks and events.
///
/// # Errors
/// [`AppError::NotFound`], [`AppError::Forbidden`].
pub async fn desk(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
    centre_slug: &str,
) -> AppResult<Desk> {
    let c = curated_centre(db, caller, centre_slug).await?;
    let districts = district_ids(db, c.id).await?;
    let all = enterprise::Entity::find()
        .filter(enterprise::Column::DistrictId.is_in(districts))
        .order_by_asc(enterprise::Column::Name)
        .all(db)
        .await?;
    let enterprises = declared(db, locale, all).await?;
    let mut queue: Vec<DeclaredEnterprise> = enterprises
        .iter()
        .filter(|e| e.verification_status == VerificationStatus::Unverified)
        .cloned()
        .collect();
    queue.sort_by_key(|e| (e.requested_at, e.id));
    Ok(Desk {
        centre_name: locale.stored(&c.name_bg, &c.name_en).to_string(),
        centre_slug: c.slug.clone(),
        queue,
        enterprises,
        networks: crate::server::curation::networks::desk_networks(db, c.id).await?,
        events: crate::server::curation::networks::desk_events(db, c.id).await?,
    })
}

/// One enterprise as its curator reviews it, with every product (hidden
/// ones included).
///
/// # Errors
/// [`AppError::NotFound`] (also for an enterprise of another region's
/// address under this centre), [`AppError::Forbidden`].
pub async fn review(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
    centre_slug: &str,
    enterprise_slug: &str,
) -> AppResult<Review> {
    let c = curated_centre(db, caller, centre_slug).await?;
    let e = enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq(enterprise_slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if centre_of(db, &e).await? != c.id {
        return Err(AppError::NotFound);
    }
    let products = product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(e.id))
        .filter(product::Column::ArchivedAt.is_null())
        .order_by_asc(product::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|p| WorkspaceProduct {
            id: p.id,
            slug: p.slug,
            title: p.title,
            price_cents: p.price_cents,
            unit: p.unit,
            status: p.status,
            archived: false,
            hidden_reason: p.hidden_reason,
            thumb: None,
        })
        .collect();
    Ok(Review {
        centre_name: locale.stored(&c.name_bg, &c.name_en).to_string(),
        centre_slug: c.slug,
        enterprise: declared(db, locale, vec![e]).await?.remove(0),
        products,
    })
}

/// Records the register entry and verifies. Also renews a verification
/// (a new certificate) and re-verifies a lapsed one.
///
/// # Errors
/// [`AppError::Invalid`] for bad fields (an expiry in the past, dates in
/// the wrong order), [`AppError::Forbidden`] outside the region.
pub async fn verify(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    input: &VerifyInput,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let (e, centre) = curated_enterprise(&txn, caller, enterprise_id).await?;
    let valid = input.validate(today()).map_err(AppError::Invalid)?;
    let mut row: enterprise::ActiveModel = e.into();
    row.register_entry = Set(Some(valid.register_entry.clone()));
    row.register_class = Set(Some(valid.register_class));
    row.certified_on = Set(Some(valid.certified_on));
    row.certificate_valid_until = Set(Some(valid.valid_until));
    row.verification_status = Set(VerificationStatus::Verified);
    row.verified_at = Set(Some(Utc::now()));
    row.verified_by = Set(Some(caller.user_id));
    row.verification_note = Set(None);
    row.verification_requested_at = Set(None);
    row.expiry_warned_for = Set(None);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    enqueue(&txn, "enterprise", enterprise_id).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::EnterpriseVerified,
        "enterprise",
        enterprise_id,
        Some(centre),
        Some(format!(
            "{} {} {}–{}",
            valid.register_entry, valid.register_class, valid.certified_on, valid.valid_until
        )),
    )
    .await?;
    notices::tell_enterprise(&txn, enterprise_id, NoticeKind::EnterpriseVerified, None).await?;
    txn.commit().await?;
    Ok(())
}

/// How a curator answers a request without verifying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Refused: the enterprise is not (yet) a registered social enterprise.
    Reject,
    /// Something the enterprise declared needs correcting first.
    Correction,
}

/// Refuses, or asks for a correction, with a reason the enterprise reads.
/// Only a waiting request can be answered so.
///
/// # Errors
/// [`AppError::Invalid`] for an empty reason, [`AppError::Conflict`] when
/// nothing waits, [`AppError::Forbidden`] outside the region.
pub async fn refuse(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    how: Refusal,
    reason: &str,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let (e, centre) = curated_enterprise(&txn, caller, enterprise_id).await?;
    let reason = valid_reason(reason).map_err(AppError::Invalid)?;
    if e.verification_status != VerificationStatus::Unverified {
        return Err(AppError::conflict(Conflict::NotWaiting));
    }
    let (status, action, kind) = match how {
        Refusal::Reject => (
            VerificationStatus::Rejected,
            AuditAction::EnterpriseRejected,
            NoticeKind::VerificationRejected,
        ),
        Refusal::Correction => (
            VerificationStatus::CorrectionRequested,
            AuditAction::EnterpriseCorrectionRequested,
            NoticeKind::CorrectionRequested,
        ),
    };
    let mut row: enterprise::ActiveModel = e.into();
    row.verification_status = Set(status);
    row.verification_note = Set(Some(reason.clone()));
    row.verification_requested_at = Set(None);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        action,
        "enterprise",
        enterprise_id,
        Some(centre),
        Some(reason.clone()),
    )
    .await?;
    notices::tell_enterprise(&txn, enterprise_id, kind, Some(reason)).await?;
    txn.commit().await?;
    Ok(())
}

/// The enterprise asks (again) to be verified, after a refusal, a
/// correction or a lapse. It goes to the end of its centre's queue.
///
/// # Errors
/// [`AppError::Forbidden`] for non-members, [`AppError::Conflict`] when it
/// is already waiting or verified.
pub async fn resubmit(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let e = crate::server::workspace::enterprises::member_enterprise(&txn, caller, enterprise_id)
        .await?;
    let lapsed = e.verification_status == VerificationStatus::Verified && !is_verified(&e, today());
    if !matches!(
        e.verification_status,
        VerificationStatus::Rejected
            | VerificationStatus::CorrectionRequested
            | VerificationStatus::Expired
    ) && !lapsed
    {
        return Err(AppError::conflict(Conflict::NotResubmittable));
    }
    let centre = centre_of(&txn, &e).await?;
    let mut row: enterprise::ActiveModel = e.into();
    row.verification_status = Set(VerificationStatus::Unverified);
    row.verification_requested_at = Set(Some(Utc::now()));
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::EnterpriseResubmitted,
        "enterprise",
        enterprise_id,
        Some(centre),
        None,
    )
    .await?;
    notices::tell_curators(
        &txn,
        centre,
        NoticeKind::VerificationRequested,
        enterprise_id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Suspends an enterprise (gone from search and public pages at once; its
/// people still see it, with the reason), or lifts a suspension (`reason`
/// `None`).
///
/// # Errors
/// [`AppError::Invalid`] for an empty reason, [`AppError::Conflict`] when
/// already so, [`AppError::Forbidden`] outside the region.
pub async fn set_suspended(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    reason: Option<&str>,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let (e, centre) = curated_enterprise(&txn, caller, enterprise_id).await?;
    let reason = reason
        .map(|r| valid_reason(r).map_err(AppError::Invalid))
        .transpose()?;
    if e.suspended_at.is_some() == reason.is_some() {
        return Err(AppError::conflict(Conflict::SuspensionUnchanged));
    }
    let mut row: enterprise::ActiveModel = e.into();
    row.suspended_at = Set(reason.as_ref().map(|_| Utc::now()));
    row.suspension_reason = Set(reason.clone());
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    enqueue(&txn, "enterprise", enterprise_id).await?;
    let (action, kind) = if reason.is_some() {
        (
            AuditAction::EnterpriseSuspended,
            NoticeKind::EnterpriseSuspended,
        )
    } else {
        (
            AuditAction::EnterpriseRestored,
            NoticeKind::EnterpriseRestored,
        )
    };
    audit(
        &txn,
        caller.user_id,
        action,
        "enterprise",
        enterprise_id,
        Some(centre),
        reason.clone(),
    )
    .await?;
    notices::tell_enterprise(&txn, enterprise_id, kind, reason).await?;
    txn.commit().await?;
    Ok(())
}

/// Hides a published product with a reason, or shows it again (`reason`
/// `None`: it returns to the catalogue as published).
///
/// # Errors
/// [`AppError::Invalid`] for an empty reason, [`AppError::Conflict`] for a
/// product that is not published (hiding) or not hidden (showing),
/// [`AppError::Forbidden`] outside the region.
pub async fn set_hidden(
    db: &DatabaseConnection,
    caller: &Caller,
    product_id: i32,
    reason: Option<&str>,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let p = product::Entity::find_by_id(product_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // The caller first: to anyone else the answer says nothing of the reason.
    let (_, centre) = curated_enterprise(&txn, caller, p.enterprise_id).await?;
    let reason = reason
        .map(|r| valid_reason(r).map_err(AppError::Invalid))
        .transpose()?;
    let (from, to, action, kind) = if reason.is_some() {
        (
            ProductStatus::Published,
            ProductStatus::Hidden,
            AuditAction::ProductHidden,
            NoticeKind::ProductHidden,
        )
    } else {
        (
            ProductStatus::Hidden,
            ProductStatus::Published,
            AuditAction::ProductShown,
            NoticeKind::ProductShown,
        )
    };
    if p.status != from || p.archived_at.is_some() {
        return Err(AppError::conflict(Conflict::ProductState));
    }
    let enterprise_id = p.enterprise_id;
    let mut row: product::ActiveModel = p.into();
    row.status = Set(to);
    row.hidden_reason = Set(reason.clone());
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    enqueue(&txn, "product", product_id).await?;
    audit(
        &txn,
        caller.user_id,
        action,
        "product",
        product_id,
        Some(centre),
        reason.clone(),
    )
    .await?;
    notices::tell_enterprise(&txn, enterprise_id, kind, reason).await?;
    txn.commit().await?;
    Ok(())
}

/// What a sweep of the certificates did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sweep {
    pub warned: usize,
    pub lapsed: usize,
}

/// Run daily (the worker runs it every hour; it is idempotent): verified
/// enterprises whose certificate expires within [`EXPIRY_WARNING_DAYS`] are
/// told once per expiry date, with their curators; those whose certificate
/// expired lose the badge (status "expired", out of the verified facet).
///
/// # Errors
/// The database's.
pub async fn sweep_certificates(db: &DatabaseConnection, today: NaiveDate) -> AppResult<Sweep> {
    let mut sweep = Sweep::default();
    let soon = today + chrono::Duration::days(EXPIRY_WARNING_DAYS);
    let verified = enterprise::Entity::find()
        .filter(enterprise::Column::VerificationStatus.eq("verified"))
        .filter(enterprise::Column::CertificateValidUntil.lte(soon))
        .all(db)
        .await?;
    for e in verified {
        let Some(until) = e.certificate_valid_until else {
            continue;
        };
        let txn = crate::server::kernel::db::begin_write(db).await?;
        // Read again inside the write: a curator may have renewed it meanwhile.
        let Some(e) = enterprise::Entity::find_by_id(e.id).one(&txn).await? else {
            continue;
        };
        if e.verification_status != VerificationStatus::Verified
            || e.certificate_valid_until != Some(until)
        {
            continue;
        }
        let centre = centre_of(&txn, &e).await?;
        let id = e.id;
        if until < today {
            let mut row: enterprise::ActiveModel = e.into();
            row.verification_status = Set(VerificationStatus::Expired);
            row.updated_at = Set(Utc::now());
            row.update(&txn).await?;
            enqueue(&txn, "enterprise", id).await?;
            audit_line(&txn, AuditAction::EnterpriseLapsed, id, centre, until).await?;
            tell_both(&txn, id, centre, NoticeKind::CertificateLapsed, until).await?;
            sweep.lapsed += 1;
        } else if e.expiry_warned_for != Some(until) {
            let mut row: enterprise::ActiveModel = e.into();
            row.expiry_warned_for = Set(Some(until));
            row.update(&txn).await?;
            tell_both(&txn, id, centre, NoticeKind::CertificateExpiring, until).await?;
            sweep.warned += 1;
        }
        txn.commit().await?;
    }
    Ok(sweep)
}

async fn tell_both(
    db: &impl ConnectionTrait,
    enterprise_id: i32,
    centre: i32,
    kind: NoticeKind,
    until: NaiveDate,
) -> Result<(), sea_orm::DbErr> {
    let mut users = notices::members_of(db, enterprise_id).await?;
    users.extend(notices::curators_of(db, centre).await?);
    notices::notify(
        db,
        users,
        kind,
        &About {
            enterprise_id: Some(enterprise_id),
            detail: Some(until.to_string()),
            ..Default::default()
        },
    )
    .await
}

/// Settles a dispute over an ЕИК: whoever registers an ЕИК first becomes
/// the enterprise's owner, so when the real company comes forward, a
/// curator of the region checks the official register and hands the
/// enterprise to the account of its real representative. Everyone who
/// belonged to it is removed (and told), open invitations are withdrawn,
/// and the enterprise waits for verification again.
///
/// # Errors
/// [`AppError::Forbidden`] outside the region; [`AppError::Invalid`] for an
/// empty reason, or an address with no confirmed account.
pub async fn transfer(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    new_owner_email: &str,
    reason: &str,
) -> AppResult<()> {
    use crate::server::entities::{enterprise_invitation, enterprise_member, user};
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let (e, centre) = curated_enterprise(&txn, caller, enterprise_id).await?;
    let mut r = crate::forms::Refusals::default();
    let email = r.email("new_owner", new_owner_email);
    let reason = match valid_reason(reason) {
        Ok(reason) => reason,
        Err(fields) => {
            r.0.extend(fields);
            String::new()
        }
    };
    let owner = if r.is_empty() {
        user::Entity::find()
            .filter(user::Column::Email.eq(&email))
            .filter(user::Column::DisabledAt.is_null())
            .filter(user::Column::EmailConfirmedAt.is_not_null())
            .one(&txn)
            .await?
    } else {
        None
    };
    let Some(owner) = owner else {
        if r.is_empty() {
            r.add("new_owner", Problem::TransferAccountUnknown);
        }
        return Err(AppError::Invalid(r.0));
    };
    let before = notices::members_of(&txn, e.id).await?;
    enterprise_member::Entity::delete_many()
        .filter(enterprise_member::Column::EnterpriseId.eq(e.id))
        .exec(&txn)
        .await?;
    enterprise_invitation::Entity::delete_many()
        .filter(enterprise_invitation::Column::EnterpriseId.eq(e.id))
        .filter(enterprise_invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    enterprise_member::Entity::insert(enterprise_member::ActiveModel {
        enterprise_id: Set(e.id),
        user_id: Set(owner.id),
        role: Set(MemberRole::Owner),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    let mut row: enterprise::ActiveModel = e.into();
    row.verification_status = Set(VerificationStatus::Unverified);
    row.verification_requested_at = Set(Some(Utc::now()));
    row.verified_at = Set(None);
    row.verified_by = Set(None);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    enqueue(&txn, "enterprise", enterprise_id).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::EnterpriseTransferred,
        "enterprise",
        enterprise_id,
        Some(centre),
        Some(format!("→ {email}: {reason}")),
    )
    .await?;
    notices::notify(
        &txn,
        before.into_iter().chain([owner.id]),
        NoticeKind::EnterpriseTransferred,
        &notices::About {
            enterprise_id: Some(enterprise_id),
            detail: Some(reason),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
