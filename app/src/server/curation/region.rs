//! Where a curator may act: the centre of an enterprise's region, and the
//! checks that the caller curates it.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::{AppError, AppResult};
use crate::server::auth::Caller;
use crate::server::entities::{district, enterprise, regional_centre};

/// A centre by its address.
///
/// # Errors
/// [`AppError::NotFound`].
pub async fn centre_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> AppResult<regional_centre::Model> {
    regional_centre::Entity::find()
        .filter(regional_centre::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The centre a curator of which must act, for a caller who may act there.
///
/// # Errors
/// [`AppError::NotFound`], [`AppError::Forbidden`].
pub async fn curated_centre(
    db: &impl ConnectionTrait,
    caller: &Caller,
    slug: &str,
) -> AppResult<regional_centre::Model> {
    let c = centre_by_slug(db, slug).await?;
    caller.require_curator(c.id)?;
    Ok(c)
}

/// The centre of an enterprise's region.
///
/// # Errors
/// The database's; [`AppError::Internal`] for a district that vanished.
pub async fn centre_of(db: &impl ConnectionTrait, e: &enterprise::Model) -> AppResult<i32> {
    Ok(district::Entity::find_by_id(e.district_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?
        .centre_id)
}

/// An enterprise the caller curates, with its centre.
///
/// # Errors
/// [`AppError::NotFound`], [`AppError::Forbidden`].
pub async fn curated_enterprise(
    db: &impl ConnectionTrait,
    caller: &Caller,
    enterprise_id: i32,
) -> AppResult<(enterprise::Model, i32)> {
    let e = enterprise::Entity::find_by_id(enterprise_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let centre = centre_of(db, &e).await?;
    caller.require_curator(centre)?;
    Ok((e, centre))
}

/// The districts of a centre's region.
///
/// # Errors
/// The database's.
pub async fn district_ids(
    db: &impl ConnectionTrait,
    centre_id: i32,
) -> Result<Vec<i32>, sea_orm::DbErr> {
    Ok(district::Entity::find()
        .filter(district::Column::CentreId.eq(centre_id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect())
}
