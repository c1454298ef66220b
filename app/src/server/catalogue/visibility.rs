//! The rules of what a buyer may see, in one place: only published, not
//! archived products of enterprises that are not suspended; and the
//! verified badge, which lapses by itself when the certificate expires.

use chrono::NaiveDate;
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};

use crate::domain::ProductStatus;
use crate::domain::VerificationStatus;
use crate::server::entities::{enterprise, product};

/// An enterprise shows the badge while a curator's verification stands and
/// its register certificate is valid today.
pub fn is_verified(e: &enterprise::Model, today: NaiveDate) -> bool {
    e.verification_status == VerificationStatus::Verified
        && e.certificate_valid_until.is_none_or(|until| until >= today)
}

/// Enterprises whose pages and goods the public may see.
pub fn public_enterprise() -> Condition {
    Condition::all().add(enterprise::Column::SuspendedAt.is_null())
}

fn public_enterprise_ids() -> SimpleExpr {
    product::Column::EnterpriseId.in_subquery(
        Query::select()
            .column(enterprise::Column::Id)
            .from(enterprise::Entity)
            .and_where(enterprise::Column::SuspendedAt.is_null())
            .to_owned(),
    )
}

/// Products the public may see: published, not archived, of a public enterprise.
pub fn public_product() -> Condition {
    Condition::all()
        .add(product::Column::Status.eq("published"))
        .add(product::Column::ArchivedAt.is_null())
        .add(public_enterprise_ids())
}

/// The visible products among these ids, fetched by primary key. (A query
/// that also carries the visibility conditions lets SQLite's planner pick the
/// status index and scan every published product; filtering here keeps the
/// lookup a handful of key reads.)
///
/// # Errors
/// A database error.
pub async fn visible_products_by_ids(
    db: &impl sea_orm::ConnectionTrait,
    ids: &[i32],
) -> Result<Vec<product::Model>, sea_orm::DbErr> {
    use sea_orm::{EntityTrait, QueryFilter};
    let products = product::Entity::find()
        .filter(product::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let suspended: std::collections::HashSet<i32> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(products.iter().map(|p| p.enterprise_id)))
        .filter(enterprise::Column::SuspendedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    Ok(products
        .into_iter()
        .filter(|p| {
            p.status == ProductStatus::Published
                && p.archived_at.is_none()
                && !suspended.contains(&p.enterprise_id)
        })
        .collect())
}

/// The platform's day: the date in Sofia (certificates lapse, events pass
/// and featured products change at midnight there).
pub fn today() -> NaiveDate {
    crate::format::sofia_date(chrono::Utc::now())
}
