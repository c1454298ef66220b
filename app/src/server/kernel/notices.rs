//! Notices: what changed for a user, kept in the app (and what a mail sender
//! would send where a mail server is set up). Written in the transaction of
//! the change they tell about, so a notice never announces a change that
//! was rolled back.

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::domain::notices::NoticeKind;
use crate::server::entities::{enterprise_member, notice, user_role};

/// What a notice is about.
#[derive(Debug, Clone, Default)]
pub struct About {
    pub order_request_id: Option<i32>,
    pub enterprise_id: Option<i32>,
    pub detail: Option<String>,
}

/// One notice of `kind` for each of these users.
///
/// # Errors
/// The database's.
pub async fn notify(
    db: &impl ConnectionTrait,
    user_ids: impl IntoIterator<Item = i32>,
    kind: NoticeKind,
    about: &About,
) -> Result<(), sea_orm::DbErr> {
    let mut seen = std::collections::BTreeSet::new();
    for user_id in user_ids.into_iter().filter(|u| seen.insert(*u)) {
        notice::Entity::insert(notice::ActiveModel {
            user_id: Set(user_id),
            kind: Set(kind),
            order_request_id: Set(about.order_request_id),
            enterprise_id: Set(about.enterprise_id),
            detail: Set(about.detail.clone()),
            created_at: Set(Utc::now()),
            read_at: Set(None),
            ..Default::default()
        })
        .exec(db)
        .await?;
    }
    Ok(())
}

/// The people of an enterprise (owners and staff).
///
/// # Errors
/// The database's.
pub async fn members_of(
    db: &impl ConnectionTrait,
    enterprise_id: i32,
) -> Result<Vec<i32>, sea_orm::DbErr> {
    Ok(enterprise_member::Entity::find()
        .filter(enterprise_member::Column::EnterpriseId.eq(enterprise_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

/// The curators of a centre.
///
/// # Errors
/// The database's.
pub async fn curators_of(
    db: &impl ConnectionTrait,
    centre_id: i32,
) -> Result<Vec<i32>, sea_orm::DbErr> {
    Ok(user_role::Entity::find()
        .filter(user_role::Column::Role.eq("curator"))
        .filter(user_role::Column::CentreId.eq(centre_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect())
}

/// Tells an enterprise's people about a change to it.
///
/// # Errors
/// The database's.
pub async fn tell_enterprise(
    db: &impl ConnectionTrait,
    enterprise_id: i32,
    kind: NoticeKind,
    detail: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    let users = members_of(db, enterprise_id).await?;
    notify(
        db,
        users,
        kind,
        &About {
            enterprise_id: Some(enterprise_id),
            detail,
            ..Default::default()
        },
    )
    .await
}

/// Tells a centre's curators about an enterprise of theirs (an application,
/// a sign-up, a request for verification).
///
/// # Errors
/// The database's.
pub async fn tell_curators(
    db: &impl ConnectionTrait,
    centre_id: i32,
    kind: NoticeKind,
    enterprise_id: i32,
    detail: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    let users = curators_of(db, centre_id).await?;
    notify(
        db,
        users,
        kind,
        &About {
            enterprise_id: Some(enterprise_id),
            detail,
            ..Default::default()
        },
    )
    .await
}
