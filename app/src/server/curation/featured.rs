//! Featured products: a region's curators choose public products of their
//! region to show on their centre page, and on the home page too if they
//! like, from a start date to an end date. The public pages read only the
//! choices of today ([`featured_today`]).

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::domain::audit::AuditAction;
use crate::error::{AppError, AppResult, Problem};
use crate::forms::Refusals;
use crate::i18n::Locale;
use crate::models::{FeatureInput, FeatureState, FeaturedChoice, FeaturedPage, ProductCard};
use crate::server::auth::Caller;
use crate::server::catalogue::cards::product_cards;
use crate::server::catalogue::visibility::{public_product, today};
use crate::server::curation::region::{curated_centre, district_ids};
use crate::server::entities::{enterprise, featured_product, product};
use crate::server::kernel::audit::audit;
use crate::server::kernel::db::begin_write;

/// A choice lasts at most this many days (a curator renews it after).
const LONGEST_DAYS: i64 = 366;
/// Candidates shown for a search on the curator's page.
const CANDIDATES: u64 = 24;

/// Today's featured products: on the home page (`centre` none: the choices
/// marked for it) or on a centre's page (that region's choices), the most
/// recently started first, each product once.
///
/// # Errors
/// The database's.
pub async fn featured_today(
    db: &impl ConnectionTrait,
    locale: Locale,
    centre: Option<i32>,
    limit: u64,
) -> AppResult<Vec<ProductCard>> {
    let day = today();
    let mut q = featured_product::Entity::find()
        .filter(featured_product::Column::StartsOn.lte(day))
        .filter(featured_product::Column::EndsOn.gte(day));
    q = match centre {
        Some(c) => q.filter(featured_product::Column::CentreId.eq(c)),
        None => q.filter(featured_product::Column::OnHome.eq(true)),
    };
    let chosen = q
        .order_by_desc(featured_product::Column::StartsOn)
        .order_by_desc(featured_product::Column::Id)
        .all(db)
        .await?;
    let mut seen = HashSet::new();
    let ids: Vec<i32> = chosen
        .iter()
        .map(|f| f.product_id)
        .filter(|id| seen.insert(*id))
        .collect();
    // A chosen product that is no longer public is not shown.
    let products = product::Entity::find()
        .filter(public_product())
        .filter(product::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    let mut cards = product_cards(db, locale, products).await?;
    cards.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
    cards.truncate(limit as usize);
    Ok(cards)
}

/// The curator's page: the region's choices (today's and coming first) and
/// the region's public products matching `query` to choose from.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown centre; [`AppError::Forbidden`]
/// for anyone but its curators and the admins.
pub async fn page(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
    centre_slug: &str,
    query: &str,
) -> AppResult<FeaturedPage> {
    let centre = curated_centre(db, caller, centre_slug).await?;
    let day = today();
    let rows = featured_product::Entity::find()
        .filter(featured_product::Column::CentreId.eq(centre.id))
        // Choices that ended more than a month ago are history.
        .filter(featured_product::Column::EndsOn.gte(day - Duration::days(31)))
        .order_by_desc(featured_product::Column::EndsOn)
        .order_by_desc(featured_product::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let products = product::Entity::find()
        .filter(product::Column::Id.is_in(rows.iter().map(|r| r.product_id)))
        .all(db)
        .await?;
    let cards = product_cards(db, locale, products).await?;
    let mut choices: Vec<FeaturedChoice> = rows
        .iter()
        .filter_map(|r| {
            Some(FeaturedChoice {
                id: r.id,
                product: cards.iter().find(|c| c.id == r.product_id)?.clone(),
                on_home: r.on_home,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                state: if r.ends_on < day {
                    FeatureState::Over
                } else if r.starts_on > day {
                    FeatureState::Scheduled
                } else {
                    FeatureState::Shown
                },
            })
        })
        .collect();
    choices.sort_by_key(|c| match c.state {
        FeatureState::Shown => 0,
        FeatureState::Scheduled => 1,
        FeatureState::Over => 2,
    });
    let query = query.trim().chars().take(100).collect::<String>();
    // What is shown or coming is in the list above, not offered again.
    let current: Vec<i32> = choices
        .iter()
        .filter(|c| c.state != FeatureState::Over)
        .map(|c| c.product.id)
        .collect();
    let mut candidates = product::Entity::find()
        .filter(public_product())
        .filter(product::Column::Id.is_not_in(current))
        .filter(product::Column::EnterpriseId.is_in(region_enterprises(db, centre.id).await?));
    // Each word in either script and either case (SQLite's LIKE ignores
    // the case of Latin letters only), in the title or the Latin slug.
    for word in query.split_whitespace().take(5) {
        let word = word.replace(['%', '_', '\\'], "");
        let mut any = Condition::any()
            .add(product::Column::Slug.like(format!("%{}%", crate::text::slugify(&word, 100))));
        for form in crate::server::search::query::spellings(&word) {
            any = any.add(product::Column::Title.like(format!("%{form}%")));
        }
        candidates = candidates.filter(any);
    }
    let candidates = candidates
        .order_by_desc(product::Column::CreatedAt)
        .limit(CANDIDATES)
        .all(db)
        .await?;
    Ok(FeaturedPage {
        centre_slug: centre.slug.clone(),
        centre_name: locale.stored(&centre.name_bg, &centre.name_en).to_string(),
        choices,
        query,
        candidates: product_cards(db, locale, candidates).await?,
        today: day,
    })
}

/// Chooses a product of the region for the centre page (and the home page
/// when `on_home`), from `starts_on` to `ends_on`.
///
/// # Errors
/// As [`page`]; [`AppError::Invalid`] for a product that is not a public
/// listing of the region, dates that are malformed, past, reversed or
/// more than a year apart, or a product already chosen for those days.
pub async fn add(
    db: &DatabaseConnection,
    caller: &Caller,
    centre_slug: &str,
    input: &FeatureInput,
) -> AppResult<i32> {
    let centre = curated_centre(db, caller, centre_slug).await?;
    let mut r = Refusals::default();
    let day = today();
    let date = |r: &mut Refusals, field: &str, raw: &str| match raw.trim() {
        "" => {
            r.add(field, Problem::Required);
            None
        }
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| r.add(field, Problem::DateInvalid))
            .ok(),
    };
    let starts = date(&mut r, "starts_on", &input.starts_on);
    let ends = date(&mut r, "ends_on", &input.ends_on);
    if let Some(s) = starts
        && s < day
    {
        r.add("starts_on", Problem::DatePast);
    }
    if let (Some(s), Some(e)) = (starts, ends) {
        if e < s {
            r.add("ends_on", Problem::EndsBeforeStart);
        } else if e - s > Duration::days(LONGEST_DAYS) {
            r.add("ends_on", Problem::TooLarge);
        }
    }
    let slug = product_slug(&input.product);
    let txn = begin_write(db).await?;
    let found = match slug.as_str() {
        "" => {
            r.add("product", Problem::Required);
            None
        }
        slug => {
            let found = product::Entity::find()
                .filter(public_product())
                .filter(product::Column::Slug.eq(slug))
                .filter(
                    product::Column::EnterpriseId.is_in(region_enterprises(&txn, centre.id).await?),
                )
                .one(&txn)
                .await?;
            if found.is_none() {
                r.add("product", Problem::ProductNotInRegion);
            }
            found
        }
    };
    if let (Some(p), Some(s), Some(e)) = (&found, starts, ends)
        && featured_product::Entity::find()
            .filter(featured_product::Column::CentreId.eq(centre.id))
            .filter(featured_product::Column::ProductId.eq(p.id))
            .filter(featured_product::Column::StartsOn.lte(e))
            .filter(featured_product::Column::EndsOn.gte(s))
            .count(&txn)
            .await?
            > 0
    {
        r.add("product", Problem::AlreadyFeatured);
    }
    let (Some(p), Some(starts), Some(ends), true) = (found, starts, ends, r.is_empty()) else {
        return Err(AppError::Invalid(r.0));
    };
    let id = featured_product::Entity::insert(featured_product::ActiveModel {
        product_id: Set(p.id),
        centre_id: Set(centre.id),
        on_home: Set(input.on_home.is_some()),
        starts_on: Set(starts),
        ends_on: Set(ends),
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
        AuditAction::FeaturedAdded,
        "product",
        p.id,
        Some(centre.id),
        Some(format!("{} {starts} – {ends}", p.slug)),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Ends a choice at once (it is removed; the audit log keeps that it was).
///
/// # Errors
/// As [`page`]; [`AppError::NotFound`] for a choice of another region.
pub async fn remove(
    db: &DatabaseConnection,
    caller: &Caller,
    centre_slug: &str,
    id: i32,
) -> AppResult<()> {
    let centre = curated_centre(db, caller, centre_slug).await?;
    let txn = begin_write(db).await?;
    let f = featured_product::Entity::find_by_id(id)
        .filter(featured_product::Column::CentreId.eq(centre.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    featured_product::Entity::delete_by_id(id)
        .exec(&txn)
        .await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::FeaturedRemoved,
        "product",
        f.product_id,
        Some(centre.id),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn region_enterprises(db: &impl ConnectionTrait, centre: i32) -> AppResult<Vec<i32>> {
    let districts = district_ids(db, centre).await?;
    Ok(enterprise::Entity::find()
        .select_only()
        .column(enterprise::Column::Id)
        .filter(enterprise::Column::DistrictId.is_in(districts))
        .into_tuple::<i32>()
        .all(db)
        .await?)
}

/// The slug in what was typed: `sinya-nishka`, `/p/sinya-nishka`,
/// `/en/p/sinya-nishka?x` or the whole address.
fn product_slug(typed: &str) -> String {
    let typed = typed.trim();
    let path = typed.split(['?', '#']).next().unwrap_or_default();
    match path.rsplit_once("/p/") {
        Some((_, slug)) => slug.trim_matches('/').to_string(),
        None => path.trim_matches('/').to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::product_slug;

    #[test]
    fn a_product_is_named_by_its_slug_or_its_address() {
        for typed in [
            "sinya-nishka",
            " /p/sinya-nishka ",
            "/en/p/sinya-nishka?from=search",
            "https://socialenpazar.bg/p/sinya-nishka#photos",
        ] {
            assert_eq!(product_slug(typed), "sinya-nishka", "{typed}");
        }
        assert_eq!(product_slug(""), "");
    }
}
