//! The region's figures, as the programme reports them (enterprises
//! registered and verified, products listed, networks and members, order
//! requests sent and fulfilled, by month), their CSV, and the audit log.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::error::AppResult;
use crate::i18n::Locale;
use crate::models::{AuditEntry, AuditPage, Figures, MonthFigures};
use crate::server::auth::Caller;
use crate::server::catalogue::visibility::{is_verified, today};
use crate::server::curation::region::{curated_centre, district_ids};
use crate::server::entities::*;

/// How many months the figures cover, the current one included.
pub const MONTHS: usize = 12;

fn month_key(d: DateTime<Utc>) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The last [`MONTHS`] months up to `now`'s, oldest first.
fn months_until(now: DateTime<Utc>) -> Vec<String> {
    let (mut y, mut m) = (now.year(), now.month());
    let mut out = Vec::with_capacity(MONTHS);
    for _ in 0..MONTHS {
        out.push(format!("{y:04}-{m:02}"));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    out.reverse();
    out
}

/// The figures of a centre's region.
///
/// # Errors
/// [`AppError::NotFound`], [`AppError::Forbidden`] for another centre.
pub async fn figures(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
    centre_slug: &str,
) -> AppResult<Figures> {
    let c = curated_centre(db, caller, centre_slug).await?;
    let region = Region {
        centre_id: c.id,
        districts: district_ids(db, c.id).await?,
    };
    count(
        db,
        Some(region),
        locale.stored(&c.name_bg, &c.name_en).to_string(),
        c.slug,
    )
    .await
}

/// The figures of the whole country: every region's, summed (for admins).
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin.
pub async fn country_figures(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
) -> AppResult<Figures> {
    caller.require_admin()?;
    count(
        db,
        None,
        locale.tr().admin_country().to_string(),
        String::new(),
    )
    .await
}

/// What a region's figures count: its centre's networks and the
/// enterprises of its districts.
struct Region {
    centre_id: i32,
    districts: Vec<i32>,
}

/// The figures of a region, or of everything when `region` is `None`.
async fn count(
    db: &DatabaseConnection,
    region: Option<Region>,
    name: String,
    slug: String,
) -> AppResult<Figures> {
    let now = Utc::now();
    let months = months_until(now);
    let mut by_month: BTreeMap<String, MonthFigures> = months
        .iter()
        .map(|m| {
            (
                m.clone(),
                MonthFigures {
                    month: m.clone(),
                    ..Default::default()
                },
            )
        })
        .collect();
    let mut bump = |d: Option<DateTime<Utc>>, f: fn(&mut MonthFigures)| {
        if let Some(row) = d.and_then(|d| by_month.get_mut(&month_key(d))) {
            f(row);
        }
    };
    let mut enterprises = enterprise::Entity::find();
    if let Some(r) = &region {
        enterprises = enterprises.filter(enterprise::Column::DistrictId.is_in(r.districts.clone()));
    }
    let enterprises = enterprises.all(db).await?;
    let ids: Vec<i32> = enterprises.iter().map(|e| e.id).collect();
    let today = today();
    for e in &enterprises {
        bump(Some(e.created_at), |r| r.registered += 1);
        bump(e.verified_at, |r| r.verified += 1);
    }
    // The whole country needs no list of enterprises to filter by.
    let mut products = product::Entity::find()
        .select_only()
        .column(product::Column::CreatedAt)
        .column(product::Column::ArchivedAt);
    if region.is_some() {
        products = products.filter(product::Column::EnterpriseId.is_in(ids.clone()));
    }
    let products: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> =
        products.into_tuple().all(db).await?;
    for (created, _) in &products {
        bump(Some(*created), |r| r.products += 1);
    }
    let mut requests = order_request::Entity::find()
        .select_only()
        .column(order_request::Column::CreatedAt)
        .column(order_request::Column::Status)
        .column(order_request::Column::UpdatedAt);
    if region.is_some() {
        requests = requests.filter(order_request::Column::EnterpriseId.is_in(ids.clone()));
    }
    let requests: Vec<(DateTime<Utc>, String, DateTime<Utc>)> =
        requests.into_tuple().all(db).await?;
    for (created, status, updated) in &requests {
        bump(Some(*created), |r| r.requests_sent += 1);
        if status == "fulfilled" {
            bump(Some(*updated), |r| r.requests_fulfilled += 1);
        }
    }
    let mut networks = network::Entity::find();
    if let Some(r) = &region {
        networks = networks.filter(network::Column::CentreId.eq(r.centre_id));
    }
    let network_ids: Vec<i32> = networks.all(db).await?.into_iter().map(|n| n.id).collect();
    let network_members = network_member::Entity::find()
        .filter(network_member::Column::NetworkId.is_in(network_ids.clone()))
        .filter(network_member::Column::Status.eq("approved"))
        .count(db)
        .await?;
    Ok(Figures {
        centre_name: name,
        centre_slug: slug,
        months: by_month.into_values().collect(),
        enterprises: enterprises.len() as u64,
        verified_now: enterprises.iter().filter(|e| is_verified(e, today)).count() as u64,
        products_listed: products.iter().filter(|(_, a)| a.is_none()).count() as u64,
        networks: network_ids.len() as u64,
        network_members,
    })
}

/// The figures as CSV, one line per month, then the current totals. The
/// header is in the reader's language; the numbers are plain.
pub fn figures_csv(f: &Figures, locale: Locale) -> String {
    let mut w = csv::Writer::from_writer(vec![]);
    let header = match locale {
        Locale::Bg => [
            "месец",
            "регистрирани предприятия",
            "проверени предприятия",
            "нови продукти",
            "изпратени запитвания",
            "изпълнени запитвания",
        ],
        Locale::En => [
            "month",
            "enterprises registered",
            "enterprises verified",
            "products listed",
            "order requests sent",
            "order requests fulfilled",
        ],
    };
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for m in &f.months {
        let _ = w.write_record([
            m.month.clone(),
            m.registered.to_string(),
            m.verified.to_string(),
            m.products.to_string(),
            m.requests_sent.to_string(),
            m.requests_fulfilled.to_string(),
        ]);
    }
    let t = locale.tr();
    let totals: [(&str, u64); 5] = [
        (t.figures_enterprises(), f.enterprises),
        (t.figures_verified_now(), f.verified_now),
        (t.figures_products_listed(), f.products_listed),
        (t.figures_networks(), f.networks),
        (t.figures_network_members(), f.network_members),
    ];
    for (label, n) in totals {
        let _ = w.write_record([
            label.to_string(),
            n.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The latest audit lines (at most 500): of one centre for its curators,
/// of the whole platform (`centre_slug` `None`) for admins.
///
/// # Errors
/// [`AppError::Forbidden`].
pub async fn audit_log(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
    centre_slug: Option<&str>,
) -> AppResult<AuditPage> {
    let centre = match centre_slug {
        Some(slug) => Some(curated_centre(db, caller, slug).await?),
        None => {
            caller.require_admin()?;
            None
        }
    };
    let mut q = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(c) = &centre {
        q = q.filter(audit_log::Column::CentreId.eq(c.id));
    }
    let rows = q.limit(500).all(db).await?;
    let actors: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.actor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} <{}>", u.display_name, u.email)))
        .collect();
    let labels = entity_labels(db, &rows).await?;
    let centres: HashMap<i32, String> = regional_centre::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, locale.stored(&c.city_bg, &c.city_en).to_string()))
        .collect();
    Ok(AuditPage {
        centre_name: centre
            .as_ref()
            .map(|c| locale.stored(&c.name_bg, &c.name_en).to_string()),
        centre_slug: centre.map(|c| c.slug),
        entries: rows
            .into_iter()
            .map(|r| AuditEntry {
                at: r.created_at,
                actor: r.actor_id.and_then(|id| actors.get(&id).cloned()),
                entity_label: labels
                    .get(&(r.entity_type.clone(), r.entity_id))
                    .cloned()
                    .unwrap_or_else(|| format!("#{}", r.entity_id)),
                centre: r.centre_id.and_then(|id| centres.get(&id).cloned()),
                action: r.action,
                entity_type: r.entity_type,
                reason: r.reason,
            })
            .collect(),
    })
}

/// Names of the things audit lines are about, by (type, id).
async fn entity_labels(
    db: &impl ConnectionTrait,
    rows: &[audit_log::Model],
) -> Result<HashMap<(String, i32), String>, sea_orm::DbErr> {
    let ids = |t: &str| -> Vec<i32> {
        rows.iter()
            .filter(|r| r.entity_type == t)
            .map(|r| r.entity_id)
            .collect()
    };
    let mut out = HashMap::new();
    for e in enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(ids("enterprise")))
        .all(db)
        .await?
    {
        out.insert(("enterprise".to_string(), e.id), e.name);
    }
    for p in product::Entity::find()
        .filter(product::Column::Id.is_in(ids("product")))
        .all(db)
        .await?
    {
        out.insert(("product".to_string(), p.id), p.title);
    }
    for n in network::Entity::find()
        .filter(network::Column::Id.is_in(ids("network")))
        .all(db)
        .await?
    {
        out.insert(("network".to_string(), n.id), n.name);
    }
    for ev in event::Entity::find()
        .filter(event::Column::Id.is_in(ids("event")))
        .all(db)
        .await?
    {
        out.insert(("event".to_string(), ev.id), ev.title);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_across_the_new_year() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-03-15T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let m = months_until(now);
        assert_eq!(m.len(), 12);
        assert_eq!(m.first().map(String::as_str), Some("2025-04"));
        assert_eq!(m.last().map(String::as_str), Some("2026-03"));
    }
}
