//! The public catalogue: home page, centres, cards of products,
//! enterprises, networks and events in the reader's language.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::models::*;
use crate::server::catalogue::cards::{product_cards, upcoming_events};
use crate::server::catalogue::visibility::{public_enterprise, public_product};
use crate::server::entities::{category, district, enterprise, network, product, regional_centre};
use crate::server::search::{EngineQuery, SearchEngine};

/// The category tree with the number of visible products in each branch.
/// The search engine counts them in a millisecond or two; only when it does
/// not answer does the database count (a scan of every product).
pub async fn category_tree(
    db: &impl ConnectionTrait,
    engine: &dyn SearchEngine,
    locale: Locale,
) -> AppResult<Vec<CategoryCard>> {
    let cats = category::Entity::find()
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?;
    let from_engine = engine
        .search(&EngineQuery {
            limit: 1,
            ..Default::default()
        })
        .await
        .ok()
        .and_then(|r| r.facets.get("category").cloned());
    // The engine counts a product under its category and that category's
    // parent, so a top category's count is already its whole branch (a
    // product may sit in a top category itself); the database counts each
    // product once, under its own category, and the branch is added up.
    let whole_branches = from_engine.is_some();
    let counts: HashMap<i32, i64> = match from_engine {
        Some(by_slug) => cats
            .iter()
            .map(|c| (c.id, by_slug.get(&c.slug).copied().unwrap_or(0) as i64))
            .collect(),
        None => product::Entity::find()
            .select_only()
            .column(product::Column::CategoryId)
            .column_as(Expr::from(Func::count(Expr::col(product::Column::Id))), "n")
            .filter(public_product())
            .group_by(product::Column::CategoryId)
            .into_tuple::<(i32, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect(),
    };
    let card = |c: &category::Model| CategoryCard {
        slug: c.slug.clone(),
        name: locale.stored(&c.name_bg, &c.name_en).to_string(),
        product_count: counts.get(&c.id).copied().unwrap_or(0) as u64,
        children: vec![],
    };
    let mut roots: Vec<(i32, CategoryCard)> = cats
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| (c.id, card(c)))
        .collect();
    for (id, root) in roots.iter_mut() {
        root.children = cats
            .iter()
            .filter(|c| c.parent_id == Some(*id))
            .map(card)
            .collect();
        if !whole_branches {
            root.product_count += root.children.iter().map(|c| c.product_count).sum::<u64>();
        }
    }
    Ok(roots.into_iter().map(|(_, c)| c).collect())
}

async fn enterprise_counts_by_district(db: &impl ConnectionTrait) -> AppResult<HashMap<i32, u64>> {
    Ok(enterprise::Entity::find()
        .select_only()
        .column(enterprise::Column::DistrictId)
        .column_as(
            Expr::from(Func::count(Expr::col(enterprise::Column::Id))),
            "n",
        )
        .filter(public_enterprise())
        .group_by(enterprise::Column::DistrictId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(d, n)| (d, n as u64))
        .collect())
}

fn centre_card(
    locale: Locale,
    c: &regional_centre::Model,
    districts: &[district::Model],
    counts: &HashMap<i32, u64>,
) -> CentreCard {
    let own: Vec<&district::Model> = districts.iter().filter(|d| d.centre_id == c.id).collect();
    CentreCard {
        slug: c.slug.clone(),
        name: locale.stored(&c.name_bg, &c.name_en).to_string(),
        city: locale.stored(&c.city_bg, &c.city_en).to_string(),
        region: locale.stored(&c.region_bg, &c.region_en).to_string(),
        address: locale.stored(&c.address_bg, &c.address_en).to_string(),
        enterprise_count: own
            .iter()
            .map(|d| counts.get(&d.id).copied().unwrap_or(0))
            .sum(),
        districts: own
            .iter()
            .map(|d| locale.stored(&d.name_bg, &d.name_en).to_string())
            .collect(),
    }
}

/// The six regional centres, in the order of the programme.
pub async fn centres(db: &impl ConnectionTrait, locale: Locale) -> AppResult<Vec<CentreCard>> {
    let centres = regional_centre::Entity::find()
        .order_by_asc(regional_centre::Column::Id)
        .all(db)
        .await?;
    let districts = district::Entity::find()
        .order_by_asc(district::Column::Id)
        .all(db)
        .await?;
    let counts = enterprise_counts_by_district(db).await?;
    Ok(centres
        .iter()
        .map(|c| centre_card(locale, c, &districts, &counts))
        .collect())
}

/// The home page's featured products: today's choices of the curators,
/// topped up with the newest listings so that the home page is never empty.
pub async fn featured_products(
    db: &impl ConnectionTrait,
    locale: Locale,
    limit: u64,
) -> AppResult<Vec<ProductCard>> {
    let mut cards =
        crate::server::curation::featured::featured_today(db, locale, None, limit).await?;
    if (cards.len() as u64) < limit {
        let have: Vec<i32> = cards.iter().map(|p| p.id).collect();
        let newest = product::Entity::find()
            .filter(public_product())
            .filter(product::Column::Id.is_not_in(have))
            .order_by_desc(product::Column::CreatedAt)
            .limit(limit - cards.len() as u64)
            .all(db)
            .await?;
        cards.extend(product_cards(db, locale, newest).await?);
    }
    Ok(cards)
}

pub async fn home(
    db: &impl ConnectionTrait,
    engine: &dyn SearchEngine,
    locale: Locale,
) -> AppResult<HomeData> {
    Ok(HomeData {
        categories: category_tree(db, engine, locale).await?,
        featured: featured_products(db, locale, 8).await?,
        centres: centres(db, locale).await?,
        events: upcoming_events(db, locale, None, 4).await?,
    })
}

/// A centre's page: its region, districts, enterprises, networks and events.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown slug.
pub async fn centre(
    db: &impl ConnectionTrait,
    locale: Locale,
    slug: &str,
) -> AppResult<CentreDetail> {
    let c = regional_centre::Entity::find()
        .filter(regional_centre::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let districts = district::Entity::find()
        .filter(district::Column::CentreId.eq(c.id))
        .order_by_asc(district::Column::Id)
        .all(db)
        .await?;
    let counts = enterprise_counts_by_district(db).await?;
    let district_ids: Vec<i32> = districts.iter().map(|d| d.id).collect();
    let enterprises = enterprise::Entity::find()
        .filter(public_enterprise())
        .filter(enterprise::Column::DistrictId.is_in(district_ids))
        .order_by_asc(enterprise::Column::Name)
        .all(db)
        .await?;
    let enterprise_cards =
        crate::server::catalogue::cards::enterprise_cards(db, locale, &enterprises).await?;
    let networks = network::Entity::find()
        .filter(network::Column::CentreId.eq(c.id))
        .order_by_asc(network::Column::Name)
        .all(db)
        .await?;
    let network_cards = crate::server::catalogue::cards::network_cards(db, networks).await?;

    let featured =
        crate::server::curation::featured::featured_today(db, locale, Some(c.id), 8).await?;
    Ok(CentreDetail {
        featured,
        centre: centre_card(locale, &c, &districts, &counts),
        nuts_code: c.nuts_code.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        hours: in_language(locale, &c.hours_bg, &c.hours_en).to_string(),
        team: in_language(locale, &c.team_bg, &c.team_en)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        districts: districts
            .iter()
            .map(|d| DistrictSummary {
                slug: d.slug.clone(),
                name: locale.stored(&d.name_bg, &d.name_en).to_string(),
                enterprise_count: counts.get(&d.id).copied().unwrap_or(0),
            })
            .collect(),
        enterprises: enterprise_cards,
        networks: network_cards,
        events: upcoming_events(db, locale, Some(c.id), 20).await?,
    })
}

/// Whether the database answers (for `/healthz`).
pub async fn ping(db: &impl ConnectionTrait) -> bool {
    regional_centre::Entity::find().count(db).await.is_ok()
}

/// A centre's text in the reader's language; the Bulgarian one where the
/// English one was left empty (a name reads the same in both).
fn in_language<'a>(locale: Locale, bg: &'a str, en: &'a str) -> &'a str {
    if en.is_empty() {
        bg
    } else {
        locale.stored(bg, en)
    }
}
