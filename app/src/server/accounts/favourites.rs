//! Favourites: products and enterprises a buyer keeps, on one page; and the
//! notices of what changed for a user.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::models::{Favourites, NoticeView};
use crate::server::auth::Caller;
use crate::server::catalogue::cards::enterprise_cards;
use crate::server::catalogue::cards::product_cards;
use crate::server::catalogue::visibility::visible_products_by_ids;
use crate::server::entities::*;

/// What a favourite points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Product(i32),
    Enterprise(i32),
}

/// Adds the favourite, or removes it when it is there; true when it is now
/// a favourite.
///
/// # Errors
/// [`AppError::NotFound`] for a product or enterprise the public cannot see.
pub async fn toggle(db: &DatabaseConnection, caller: &Caller, target: Target) -> AppResult<bool> {
    let mut query = favourite::Entity::find().filter(favourite::Column::UserId.eq(caller.user_id));
    query = match target {
        Target::Product(id) => {
            if visible_products_by_ids(db, &[id]).await?.is_empty() {
                return Err(AppError::NotFound);
            }
            query.filter(favourite::Column::ProductId.eq(id))
        }
        Target::Enterprise(id) => {
            enterprise::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|e| e.suspended_at.is_none())
                .ok_or(AppError::NotFound)?;
            query.filter(favourite::Column::EnterpriseId.eq(id))
        }
    };
    if let Some(existing) = query.one(db).await? {
        favourite::Entity::delete_by_id(existing.id)
            .exec(db)
            .await?;
        return Ok(false);
    }
    let (product_id, enterprise_id) = match target {
        Target::Product(id) => (Some(id), None),
        Target::Enterprise(id) => (None, Some(id)),
    };
    favourite::ActiveModel {
        user_id: Set(caller.user_id),
        product_id: Set(product_id),
        enterprise_id: Set(enterprise_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// Whether the caller keeps this as a favourite.
///
/// # Errors
/// The database's.
pub async fn is_favourite(
    db: &DatabaseConnection,
    caller: &Caller,
    target: Target,
) -> AppResult<bool> {
    let query = favourite::Entity::find().filter(favourite::Column::UserId.eq(caller.user_id));
    let query = match target {
        Target::Product(id) => query.filter(favourite::Column::ProductId.eq(id)),
        Target::Enterprise(id) => query.filter(favourite::Column::EnterpriseId.eq(id)),
    };
    Ok(query.count(db).await? > 0)
}

/// The caller's favourites that the public may still see, newest first.
///
/// # Errors
/// The database's.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
) -> AppResult<Favourites> {
    let rows = favourite::Entity::find()
        .filter(favourite::Column::UserId.eq(caller.user_id))
        .order_by_desc(favourite::Column::Id)
        .all(db)
        .await?;
    let product_ids: Vec<i32> = rows.iter().filter_map(|f| f.product_id).collect();
    let mut products = visible_products_by_ids(db, &product_ids).await?;
    products.sort_by_key(|p| product_ids.iter().position(|id| *id == p.id));
    let enterprise_ids: Vec<i32> = rows.iter().filter_map(|f| f.enterprise_id).collect();
    let enterprises: Vec<enterprise::Model> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(enterprise_ids))
        .filter(enterprise::Column::SuspendedAt.is_null())
        .all(db)
        .await?;
    Ok(Favourites {
        products: product_cards(db, locale, products).await?,
        enterprises: enterprise_cards(db, locale, &enterprises).await?,
    })
}

/// How many of the caller's notices are unread.
///
/// # Errors
/// The database's.
pub async fn unread_notices(db: &DatabaseConnection, caller: &Caller) -> AppResult<u64> {
    Ok(notice::Entity::find()
        .filter(notice::Column::UserId.eq(caller.user_id))
        .filter(notice::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// The caller's latest notices (at most 100); marks them read when
/// `mark_read`.
///
/// # Errors
/// The database's.
pub async fn notices(
    db: &DatabaseConnection,
    caller: &Caller,
    mark_read: bool,
) -> AppResult<Vec<NoticeView>> {
    let rows = notice::Entity::find()
        .filter(notice::Column::UserId.eq(caller.user_id))
        .order_by_desc(notice::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let slugs: HashMap<i32, String> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(rows.iter().filter_map(|n| n.enterprise_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.slug))
        .collect();
    let out = rows
        .iter()
        .map(|n| NoticeView {
            kind: n.kind,
            order_request_id: n.order_request_id,
            // A curator's notice about someone else's enterprise leads to the desk instead.
            enterprise_slug: n
                .enterprise_id
                .filter(|id| caller.role_in(*id).is_some())
                .and_then(|id| slugs.get(&id).cloned()),
            detail: n.detail.clone(),
            at: n.created_at,
            unread: n.read_at.is_none(),
        })
        .collect();
    if !mark_read {
        return Ok(out);
    }
    notice::Entity::update_many()
        .col_expr(
            notice::Column::ReadAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(notice::Column::UserId.eq(caller.user_id))
        .filter(notice::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(out)
}
