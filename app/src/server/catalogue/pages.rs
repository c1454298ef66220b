//! The catalogue's detail pages: product, enterprise, network and events.
//! Hidden and suspended things are not found here (a real 404).

use std::collections::BTreeSet;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::domain::ImpactGroup;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::models::*;
use crate::server::catalogue::cards::{
    enterprise_cards, event_cards, network_cards, product_card, product_cards, root_of,
    upcoming_events, with_roots,
};
use crate::server::catalogue::visibility::{public_enterprise, public_product, today};
use crate::server::entities::*;
use crate::server::kernel::images::thumb_width;
use crate::server::kernel::media::media_url;

async fn networks_of(db: &impl ConnectionTrait, enterprise_id: i32) -> AppResult<Vec<NetworkCard>> {
    let ids: Vec<i32> = network_member::Entity::find()
        .filter(network_member::Column::EnterpriseId.eq(enterprise_id))
        .filter(network_member::Column::Status.eq("approved"))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.network_id)
        .collect();
    let networks = network::Entity::find()
        .filter(network::Column::Id.is_in(ids))
        .order_by_asc(network::Column::Name)
        .all(db)
        .await?;
    network_cards(db, networks).await
}

async fn impact_groups(
    db: &impl ConnectionTrait,
    enterprise_id: i32,
) -> AppResult<Vec<ImpactGroup>> {
    Ok(enterprise_impact_group::Entity::find()
        .filter(enterprise_impact_group::Column::EnterpriseId.eq(enterprise_id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.impact_group)
        .collect())
}

/// A product page.
///
/// # Errors
/// [`AppError::NotFound`] unless the product is visible to the public.
/// `site` is the public address, for the shared image's absolute address.
pub async fn product(
    db: &impl ConnectionTrait,
    locale: Locale,
    site: &str,
    slug: &str,
) -> AppResult<ProductDetail> {
    let p = product::Entity::find()
        .filter(public_product())
        .filter(product::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = enterprise::Entity::find_by_id(p.enterprise_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let category = category::Entity::find_by_id(p.category_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let tags = product_tag::Entity::find()
        .filter(product_tag::Column::ProductId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.tag)
        .collect();
    let image_rows = product_image::Entity::find()
        .filter(product_image::Column::ProductId.eq(p.id))
        .order_by_asc(product_image::Column::Position)
        .all(db)
        .await?;
    let first_thumb_path = image_rows.first().map(|i| i.thumb_path.clone());
    let share_image = image_rows
        .first()
        .map(|i| format!("{}{}", site.trim_end_matches('/'), media_url(&i.path)));
    let images: Vec<ImageView> = image_rows
        .into_iter()
        .map(|i| ImageView {
            path: media_url(&i.path),
            thumb: media_url(&i.thumb_path),
            alt: i.alt,
            thumb_width: thumb_width(i.width, i.height),
            width: i.width,
            height: i.height,
        })
        .collect();
    // Related: the same category, other products first from other enterprises.
    let related_rows = product::Entity::find()
        .filter(public_product())
        .filter(product::Column::CategoryId.eq(p.category_id))
        .filter(product::Column::Id.ne(p.id))
        .order_by_desc(product::Column::CreatedAt)
        .limit(8)
        .all(db)
        .await?;
    let related = product_cards(db, locale, related_rows).await?;
    let enterprise = enterprise_cards(db, locale, std::slice::from_ref(&e))
        .await?
        .remove(0);
    let description = locale
        .own(&p.description, p.description_en.as_deref())
        .to_string();
    let (stock, min_order) = (p.stock, p.min_order);
    // The page's own card, from the rows already loaded.
    let roots = with_roots(db, vec![category.id]).await?;
    let root = root_of(&roots, &category).to_string();
    let thumb = first_thumb_path;
    let card = product_card(locale, today(), p, &e, &category, &root, thumb);
    Ok(ProductDetail {
        card,
        description,
        category_slug: category.slug,
        stock,
        min_order,
        tags,
        images,
        share_image,
        terms: terms_of(&e),
        enterprise,
        enterprise_eik: e.eik.clone(),
        impact_groups: impact_groups(db, e.id).await?,
        networks: networks_of(db, e.id).await?,
        related,
    })
}

/// An enterprise page.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown or suspended enterprise.
pub async fn enterprise(
    db: &impl ConnectionTrait,
    locale: Locale,
    slug: &str,
) -> AppResult<EnterpriseDetail> {
    let e = enterprise::Entity::find()
        .filter(public_enterprise())
        .filter(enterprise::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let d = district::Entity::find_by_id(e.district_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = regional_centre::Entity::find_by_id(d.centre_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let products = product::Entity::find()
        .filter(public_product())
        .filter(product::Column::EnterpriseId.eq(e.id))
        .order_by_asc(product::Column::Title)
        .all(db)
        .await?;
    let card = enterprise_cards(db, locale, std::slice::from_ref(&e))
        .await?
        .remove(0);
    Ok(EnterpriseDetail {
        id: e.id,
        card,
        eik: e.eik.clone(),
        address: e.address.clone(),
        email: e.email.clone(),
        phone: e.phone.clone(),
        website: e.website.clone(),
        description: e.description.clone(),
        mission: e.mission.clone(),
        impact_groups: impact_groups(db, e.id).await?,
        employees_total: e.employees_total,
        employees_vulnerable: e.employees_vulnerable,
        profit_reinvested_pct: e.profit_reinvested_pct,
        register: e.register_entry.clone().map(|entry| RegisterEntry {
            entry,
            class: e.register_class,
            certified_on: e.certified_on,
            valid_until: e.certificate_valid_until,
        }),
        centre_slug: c.slug.clone(),
        centre_name: locale.stored(&c.name_bg, &c.name_en).to_string(),
        networks: networks_of(db, e.id).await?,
        products: product_cards(db, locale, products).await?,
        logo: e
            .logo_path
            .as_deref()
            .map(crate::server::kernel::media::media_url),
        terms: terms_of(&e),
    })
}

/// An enterprise's terms of trade.
pub fn terms_of(e: &enterprise::Model) -> Terms {
    Terms {
        delivery: e.delivery_terms.clone(),
        pickup: e.pickup_terms.clone(),
        payment: e.payment_terms.clone(),
    }
}

/// A network page: approved members and the start of their combined catalogue.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown network.
pub async fn network(
    db: &impl ConnectionTrait,
    locale: Locale,
    slug: &str,
) -> AppResult<NetworkDetail> {
    let n = network::Entity::find()
        .filter(network::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = regional_centre::Entity::find_by_id(n.centre_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let member_ids: BTreeSet<i32> = network_member::Entity::find()
        .filter(network_member::Column::NetworkId.eq(n.id))
        .filter(network_member::Column::Status.eq("approved"))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.enterprise_id)
        .collect();
    let members = enterprise::Entity::find()
        .filter(public_enterprise())
        .filter(enterprise::Column::Id.is_in(member_ids.iter().copied()))
        .order_by_asc(enterprise::Column::Name)
        .all(db)
        .await?;
    let products_q = product::Entity::find()
        .filter(public_product())
        .filter(product::Column::EnterpriseId.is_in(members.iter().map(|e| e.id)));
    let product_total = products_q.clone().count(db).await?;
    let products = products_q
        .order_by_desc(product::Column::CreatedAt)
        .limit(12)
        .all(db)
        .await?;
    let description = n.description.clone();
    let logo = n
        .logo_path
        .as_deref()
        .map(crate::server::kernel::media::media_url);
    let card = network_cards(db, vec![n]).await?.remove(0);
    Ok(NetworkDetail {
        card,
        description,
        logo,
        centre_slug: c.slug.clone(),
        centre_name: locale.stored(&c.name_bg, &c.name_en).to_string(),
        members: enterprise_cards(db, locale, &members).await?,
        products: product_cards(db, locale, products).await?,
        product_total,
    })
}

/// The events page: upcoming events soonest first, then the last past ones.
///
/// # Errors
/// A database error.
pub async fn events(db: &impl ConnectionTrait, locale: Locale) -> AppResult<EventsData> {
    let past = event::Entity::find()
        .filter(event::Column::EndsAt.lt(chrono::Utc::now()))
        .filter(event::Column::CancelledAt.is_null())
        .order_by_desc(event::Column::StartsAt)
        .limit(12)
        .all(db)
        .await?;
    Ok(EventsData {
        upcoming: upcoming_events(db, locale, None, 100).await?,
        past: event_cards(db, locale, past).await?,
    })
}

/// An event with the enterprises taking part.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown event.
pub async fn event(
    db: &impl ConnectionTrait,
    locale: Locale,
    slug: &str,
) -> AppResult<EventDetail> {
    let ev = event::Entity::find()
        .filter(event::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = regional_centre::Entity::find_by_id(ev.centre_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let ids: Vec<i32> = event_participant::Entity::find()
        .filter(event_participant::Column::EventId.eq(ev.id))
        .filter(event_participant::Column::Status.eq("confirmed"))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.enterprise_id)
        .collect();
    let participants = enterprise::Entity::find()
        .filter(public_enterprise())
        .filter(enterprise::Column::Id.is_in(ids))
        .order_by_asc(enterprise::Column::Name)
        .all(db)
        .await?;
    let products = product::Entity::find()
        .filter(public_product())
        .filter(product::Column::EnterpriseId.is_in(participants.iter().map(|e| e.id)))
        .order_by_desc(product::Column::CreatedAt)
        .limit(24)
        .all(db)
        .await?;
    let description = ev.description.clone();
    let cancelled = ev.cancelled_at.is_some();
    let card = event_cards(db, locale, vec![ev]).await?.remove(0);
    Ok(EventDetail {
        card,
        description,
        cancelled,
        centre_slug: c.slug,
        participants: enterprise_cards(db, locale, &participants).await?,
        products: product_cards(db, locale, products).await?,
    })
}

/// An event's printable page: its details and a QR code that opens its
/// page (with the catalogue of those taking part) at `base_url`.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown event.
pub async fn event_print(
    db: &impl ConnectionTrait,
    locale: Locale,
    slug: &str,
    base_url: &str,
) -> AppResult<EventPrint> {
    let event = event(db, locale, slug).await?;
    let url = format!(
        "{}{}",
        base_url.trim_end_matches('/'),
        locale.href(&format!("/events/{slug}"))
    );
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| {
            tracing::error!(error = %e, "QR code of an event address");
            AppError::Internal
        })?;
    let qr_svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    Ok(EventPrint { event, url, qr_svg })
}
