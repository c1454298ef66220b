//! The regional centres' contact data (address, phone, e-mail, opening
//! hours, team), which admins keep and the centre pages show.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::domain::audit::AuditAction;
use crate::error::{AppError, AppResult, Problem};
use crate::forms::Refusals;
use crate::i18n::Locale;
use crate::models::{CentreContacts, CentreContactsInput};
use crate::server::auth::Caller;
use crate::server::entities::regional_centre;
use crate::server::kernel::audit::audit;

/// Every centre's contact data, as admins edit them.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
) -> AppResult<Vec<CentreContacts>> {
    caller.require_admin()?;
    Ok(regional_centre::Entity::find()
        .order_by_asc(regional_centre::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CentreContacts {
            id: c.id,
            name: locale.stored(&c.name_bg, &c.name_en).to_string(),
            slug: c.slug,
            contacts: CentreContactsInput {
                address_bg: c.address_bg,
                address_en: c.address_en,
                phone: c.phone,
                email: c.email,
                hours_bg: c.hours_bg,
                hours_en: c.hours_en,
                team_bg: c.team_bg,
                team_en: c.team_en,
            },
        })
        .collect())
}

/// Saves a centre's contact data (the form's fields, by name).
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::NotFound`];
/// [`AppError::Invalid`] field by field.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    centre_id: i32,
    input: &CentreContactsInput,
) -> AppResult<()> {
    caller.require_admin()?;
    let mut r = Refusals::default();
    let address_bg = r.line("address_bg", &input.address_bg, 5, 300);
    let address_en = r.line("address_en", &input.address_en, 0, 300);
    let email = r.email("email", &input.email);
    let phone = r.line("phone", &input.phone, 0, 40);
    if phone
        .chars()
        .any(|c| !(c.is_ascii_digit() || " +-()/".contains(c)))
    {
        r.add("phone", Problem::PhoneInvalid);
    }
    let hours_bg = r.line("hours_bg", &input.hours_bg, 0, 300);
    let hours_en = r.line("hours_en", &input.hours_en, 0, 300);
    let team_bg = r.text("team_bg", &input.team_bg, 2000);
    let team_en = r.text("team_en", &input.team_en, 2000);
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let c = regional_centre::Entity::find()
        .filter(regional_centre::Column::Id.eq(centre_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let slug = c.slug.clone();
    let mut a: regional_centre::ActiveModel = c.into();
    a.address_bg = Set(address_bg);
    a.address_en = Set(address_en);
    a.email = Set(email);
    a.phone = Set(phone);
    a.hours_bg = Set(hours_bg);
    a.hours_en = Set(hours_en);
    a.team_bg = Set(team_bg);
    a.team_en = Set(team_en);
    a.update(&txn).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::CentreUpdated,
        "regional_centre",
        centre_id,
        Some(centre_id),
        Some(slug),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
