//! The cards the public pages are made of (a product, an enterprise, a
//! network, an event), built in batches from rows.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::error::AppResult;
use crate::i18n::Locale;
use crate::models::*;
use crate::server::catalogue::visibility::{is_verified, public_product, today};
use crate::server::entities::*;
use crate::server::kernel::media::media_url;

/// Turns product rows into cards, loading their enterprises, categories and
/// first images in three queries whatever the number of products.
pub async fn product_cards(
    db: &impl ConnectionTrait,
    locale: Locale,
    products: Vec<product::Model>,
) -> AppResult<Vec<ProductCard>> {
    let ent_ids: Vec<i32> = products.iter().map(|p| p.enterprise_id).collect();
    let cat_ids: Vec<i32> = products.iter().map(|p| p.category_id).collect();
    let ids: Vec<i32> = products.iter().map(|p| p.id).collect();
    let enterprises: HashMap<i32, enterprise::Model> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(ent_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let categories = with_roots(db, cat_ids).await?;
    let mut thumbs: HashMap<i32, String> = HashMap::new();
    for img in product_image::Entity::find()
        .filter(product_image::Column::ProductId.is_in(ids))
        .order_by_asc(product_image::Column::Position)
        .all(db)
        .await?
    {
        thumbs.entry(img.product_id).or_insert(img.thumb_path);
    }
    let today = today();
    Ok(products
        .into_iter()
        .filter_map(|p| {
            let e = enterprises.get(&p.enterprise_id)?;
            let c = categories.get(&p.category_id)?;
            let root = root_of(&categories, c);
            let thumb = thumbs.remove(&p.id);
            Some(product_card(locale, today, p, e, c, root, thumb))
        })
        .collect())
}

/// Categories by id, with their ancestors up to the top.
pub async fn with_roots(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> AppResult<HashMap<i32, category::Model>> {
    let mut out: HashMap<i32, category::Model> = HashMap::new();
    let mut wanted = ids;
    // The tree is shallow (two levels today); each round loads one level.
    while !wanted.is_empty() {
        let rows = category::Entity::find()
            .filter(category::Column::Id.is_in(wanted))
            .all(db)
            .await?;
        wanted = rows
            .iter()
            .filter_map(|c| c.parent_id)
            .filter(|id| !out.contains_key(id))
            .collect();
        out.extend(rows.into_iter().map(|c| (c.id, c)));
        wanted.retain(|id| !out.contains_key(id));
    }
    Ok(out)
}

/// The slug of a category's top ancestor (itself when it is one).
pub fn root_of<'a>(
    categories: &'a HashMap<i32, category::Model>,
    c: &'a category::Model,
) -> &'a str {
    let mut at = c;
    for _ in 0..8 {
        match at.parent_id.and_then(|id| categories.get(&id)) {
            Some(parent) => at = parent,
            None => break,
        }
    }
    &at.slug
}

/// One product's card from its rows (its enterprise, category and its top
/// category's slug, first thumbnail's path).
pub fn product_card(
    locale: Locale,
    today: chrono::NaiveDate,
    p: product::Model,
    e: &enterprise::Model,
    c: &category::Model,
    root: &str,
    thumb: Option<String>,
) -> ProductCard {
    ProductCard {
        id: p.id,
        title: locale.own(&p.title, p.title_en.as_deref()).to_string(),
        slug: p.slug,
        price_cents: p.price_cents,
        unit: p.unit,
        availability: p.availability,
        category: locale.stored(&c.name_bg, &c.name_en).to_string(),
        enterprise_slug: e.slug.clone(),
        enterprise_name: e.name.clone(),
        verified: is_verified(e, today),
        picture: Picture::of(thumb.as_deref().map(media_url), root),
    }
}

pub async fn event_cards(
    db: &impl ConnectionTrait,
    locale: Locale,
    events: Vec<event::Model>,
) -> AppResult<Vec<EventCard>> {
    let centres: HashMap<i32, regional_centre::Model> = regional_centre::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(events
        .into_iter()
        .map(|e| EventCard {
            centre_city: centres
                .get(&e.centre_id)
                .map(|c| locale.stored(&c.city_bg, &c.city_en).to_string())
                .unwrap_or_default(),
            slug: e.slug,
            title: e.title,
            kind: e.kind,
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            place: e.place,
        })
        .collect())
}

/// Events that have not ended yet, soonest first; of one centre if given.
pub async fn upcoming_events(
    db: &impl ConnectionTrait,
    locale: Locale,
    centre_id: Option<i32>,
    limit: u64,
) -> AppResult<Vec<EventCard>> {
    let mut q = event::Entity::find()
        .filter(event::Column::EndsAt.gte(chrono::Utc::now()))
        .filter(event::Column::CancelledAt.is_null());
    if let Some(id) = centre_id {
        q = q.filter(event::Column::CentreId.eq(id));
    }
    let events = q
        .order_by_asc(event::Column::StartsAt)
        .limit(limit)
        .all(db)
        .await?;
    event_cards(db, locale, events).await
}

/// Cards for enterprises, with their district's name and product counts.
pub async fn enterprise_cards(
    db: &impl ConnectionTrait,
    locale: Locale,
    enterprises: &[enterprise::Model],
) -> AppResult<Vec<EnterpriseCard>> {
    // Only the districts needed: sqlx hands SQLite rows over one by one
    // between threads, so a row not read is time saved.
    let districts: HashMap<i32, district::Model> = district::Entity::find()
        .filter(district::Column::Id.is_in(enterprises.iter().map(|e| e.district_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let counts: HashMap<i32, i64> = product::Entity::find()
        .select_only()
        .column(product::Column::EnterpriseId)
        .column_as(Expr::from(Func::count(Expr::col(product::Column::Id))), "n")
        .filter(public_product())
        .filter(product::Column::EnterpriseId.is_in(enterprises.iter().map(|e| e.id)))
        .group_by(product::Column::EnterpriseId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let today = today();
    Ok(enterprises
        .iter()
        .map(|e| EnterpriseCard {
            slug: e.slug.clone(),
            name: e.name.clone(),
            legal_form: e.legal_form,
            settlement: e.settlement.clone(),
            district: districts
                .get(&e.district_id)
                .map(|d| locale.stored(&d.name_bg, &d.name_en).to_string())
                .unwrap_or_default(),
            verified: is_verified(e, today),
            product_count: counts.get(&e.id).copied().unwrap_or(0) as u64,
        })
        .collect())
}

/// Cards for networks, with their approved members counted.
pub async fn network_cards(
    db: &impl ConnectionTrait,
    networks: Vec<network::Model>,
) -> AppResult<Vec<NetworkCard>> {
    let counts: HashMap<i32, i64> = network_member::Entity::find()
        .select_only()
        .column(network_member::Column::NetworkId)
        .column_as(
            Expr::from(Func::count(Expr::col(network_member::Column::Id))),
            "n",
        )
        .filter(network_member::Column::Status.eq("approved"))
        .filter(network_member::Column::NetworkId.is_in(networks.iter().map(|n| n.id)))
        .group_by(network_member::Column::NetworkId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(networks
        .into_iter()
        .map(|n| NetworkCard {
            member_count: counts.get(&n.id).copied().unwrap_or(0) as u64,
            slug: n.slug,
            name: n.name,
            kind: n.kind,
        })
        .collect())
}
