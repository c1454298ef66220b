//! The search outbox: every change that affects a listing writes a row in
//! its own transaction; the search worker delivers the rows to the engine
//! (`crate::server::search::index`) and deletes them once it has taken
//! them.

use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::server::entities::outbox;

/// Records that a listing changed; call inside the transaction of the change.
///
/// # Errors
/// The database's error (which then rolls the change back too).
pub async fn enqueue(
    db: &impl ConnectionTrait,
    entity_type: &str,
    entity_id: i32,
) -> Result<(), sea_orm::DbErr> {
    outbox::Entity::insert(outbox::ActiveModel {
        entity_type: Set(entity_type.into()),
        entity_id: Set(entity_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}
