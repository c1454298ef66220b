//! Addresses of things (`/p/<slug>`): made from their names, unique.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The first free readable address for a name: `sinya-nishka`, then
/// `sinya-nishka-2`, … (`column` is the entity's unique slug column).
///
/// # Errors
/// The database's.
pub async fn free_slug<E>(
    db: &impl ConnectionTrait,
    name: &str,
    fallback: &str,
    column: E::Column,
) -> Result<String, sea_orm::DbErr>
where
    E: EntityTrait,
{
    let base = match crate::text::slugify(name, 100) {
        s if s.is_empty() => fallback.to_string(),
        s => s,
    };
    for n in 1.. {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let taken = E::find()
            .filter(column.eq(&candidate))
            .one(db)
            .await?
            .is_some();
        if !taken {
            return Ok(candidate);
        }
    }
    unreachable!("the loop returns")
}
