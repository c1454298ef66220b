//! The rules of what a buyer may see, in one place: only published, not
//! archived products of enterprises that are not suspended; and the
//! verified badge, which lapses by itself when the certificate expires.

use chrono::NaiveDate;
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};

use crate::server::entities::{enterprise, product};

/// An enterprise shows the badge while a curator's verification stands and
/// its register certificate is valid today.
pub fn is_verified(e: &enterprise::Model, today: NaiveDate) -> bool {
    e.verification_status == "verified"
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

pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}
