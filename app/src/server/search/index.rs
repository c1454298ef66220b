//! Keeping the search index in step with the database.
//!
//! Every change that affects a listing writes an `outbox` row in its own
//! transaction (see [`enqueue`]). [`deliver_pending`] turns pending rows into
//! documents or deletions, has the engine apply them, and only then marks the
//! rows delivered; delivered rows are purged after a day. If the engine is
//! down the rows simply wait, so no update is lost.

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::server::catalogue::visibility::{
    is_verified, public_product, today, visible_products_by_ids,
};
use crate::server::entities::*;
use crate::server::search::document::text_fields;
use crate::server::search::english::text_fields_en;
use crate::server::search::{SearchDoc, SearchEngine, SearchError, price_bucket};

/// Search documents for these products. Products that are not (or no
/// longer) visible come back as ids to delete.
///
/// # Errors
/// A database error.
pub async fn documents(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<(Vec<SearchDoc>, Vec<i32>), sea_orm::DbErr> {
    let visible = visible_products_by_ids(db, ids).await?;
    let seen: BTreeSet<i32> = visible.iter().map(|p| p.id).collect();
    let deletes = ids
        .iter()
        .copied()
        .filter(|id| !seen.contains(id))
        .collect();
    Ok((build(db, visible).await?, deletes))
}

/// Documents for every visible product, for a rebuild.
///
/// # Errors
/// A database error.
pub async fn all_documents(db: &impl ConnectionTrait) -> Result<Vec<SearchDoc>, sea_orm::DbErr> {
    let products = product::Entity::find()
        .filter(public_product())
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    build(db, products).await
}

async fn build(
    db: &impl ConnectionTrait,
    products: Vec<product::Model>,
) -> Result<Vec<SearchDoc>, sea_orm::DbErr> {
    if products.is_empty() {
        return Ok(vec![]);
    }
    let ent_ids: BTreeSet<i32> = products.iter().map(|p| p.enterprise_id).collect();
    let product_ids: Vec<i32> = products.iter().map(|p| p.id).collect();
    let enterprises: HashMap<i32, enterprise::Model> = enterprise::Entity::find()
        .filter(enterprise::Column::Id.is_in(ent_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let categories: HashMap<i32, category::Model> = category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let districts: HashMap<i32, district::Model> = district::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let centres: HashMap<i32, regional_centre::Model> = regional_centre::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let networks: HashMap<i32, network::Model> = network::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.id, n))
        .collect();
    let mut member_of: HashMap<i32, Vec<String>> = HashMap::new();
    for m in network_member::Entity::find()
        .filter(network_member::Column::Status.eq("approved"))
        .filter(network_member::Column::EnterpriseId.is_in(ent_ids.iter().copied()))
        .all(db)
        .await?
    {
        if let Some(n) = networks.get(&m.network_id) {
            member_of
                .entry(m.enterprise_id)
                .or_default()
                .push(n.slug.clone());
        }
    }
    let mut impact: HashMap<i32, Vec<String>> = HashMap::new();
    for g in enterprise_impact_group::Entity::find()
        .filter(enterprise_impact_group::Column::EnterpriseId.is_in(ent_ids.iter().copied()))
        .all(db)
        .await?
    {
        impact
            .entry(g.enterprise_id)
            .or_default()
            .push(g.impact_group.code().to_string());
    }
    let mut tags: HashMap<i32, Vec<String>> = HashMap::new();
    // Tags are loaded in chunks: a rebuild asks for every product at once.
    for chunk in product_ids.chunks(10_000) {
        for t in product_tag::Entity::find()
            .filter(product_tag::Column::ProductId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            tags.entry(t.product_id).or_default().push(t.tag);
        }
    }
    let today = today();
    Ok(products
        .into_iter()
        .filter_map(|p| {
            let e = enterprises.get(&p.enterprise_id)?;
            let d = districts.get(&e.district_id)?;
            let c = centres.get(&d.centre_id)?;
            let leaf = categories.get(&p.category_id)?;
            let mut category = vec![leaf.slug.clone()];
            let mut category_names = format!("{} {}", leaf.name_bg, leaf.name_en);
            let mut english_names = leaf.name_en.clone();
            let mut parent = leaf.parent_id;
            while let Some(pid) = parent {
                let Some(pc) = categories.get(&pid) else {
                    break;
                };
                category.push(pc.slug.clone());
                category_names.push_str(&format!(" {} {}", pc.name_bg, pc.name_en));
                english_names.push_str(&format!(" {}", pc.name_en));
                parent = pc.parent_id;
            }
            let meta = format!(
                "{category_names} {} {} {} {}",
                tags.get(&p.id).map(|t| t.join(" ")).unwrap_or_default(),
                e.name,
                e.settlement,
                d.name_bg,
            );
            // The centre's city names a whole region of districts: it goes
            // with the description, so that a listing in the district or
            // settlement named ranks above those that only share the region.
            let body = format!("{} {}", p.description, c.city_bg);
            // English words (the product's own, the categories' names)
            // also with English stems: see `english`.
            let (title_plain, title_stem) =
                with_english(text_fields(&p.title), p.title_en.as_deref().unwrap_or(""));
            let (meta_plain, meta_stem) = with_english(text_fields(&meta), &english_names);
            let (body_plain, body_stem) = with_english(
                text_fields(&body),
                p.description_en.as_deref().unwrap_or(""),
            );
            Some(SearchDoc {
                id: p.id,
                title_plain,
                title_stem,
                meta_plain,
                meta_stem,
                body_plain,
                body_stem,
                category,
                centre: c.slug.clone(),
                district: d.slug.clone(),
                network: member_of.get(&e.id).cloned().unwrap_or_default(),
                verified: is_verified(e, today),
                availability: p.availability.code().to_string(),
                impact: impact.get(&e.id).cloned().unwrap_or_default(),
                price_cents: p.price_cents,
                price: price_bucket(p.price_cents).to_string(),
                created_at: p.created_at.timestamp(),
            })
        })
        .collect())
}

/// Bulgarian (plain, stem) fields with English text's forms added.
fn with_english((mut plain, mut stem): (String, String), english: &str) -> (String, String) {
    if english.trim().is_empty() {
        return (plain, stem);
    }
    let (en_plain, en_stem) = text_fields_en(english);
    for (field, more) in [(&mut plain, en_plain), (&mut stem, en_stem)] {
        if !more.is_empty() {
            if !field.is_empty() {
                field.push(' ');
            }
            field.push_str(&more);
        }
    }
    (plain, stem)
}

/// Why a delivery round stopped.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
    #[error(transparent)]
    Engine(#[from] SearchError),
}

/// Delivers up to `batch` pending outbox rows. Returns how many were delivered.
///
/// # Errors
/// The engine refused or did not answer (rows stay pending, with the error
/// noted on them), or the database failed.
pub async fn deliver_pending(
    db: &impl ConnectionTrait,
    engine: &dyn SearchEngine,
    batch: u64,
) -> Result<usize, DeliveryError> {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::DeliveredAt.is_null())
        .order_by_asc(outbox::Column::Id)
        .limit(batch)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let row_ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut product_ids: BTreeSet<i32> = BTreeSet::new();
    let mut enterprise_ids: BTreeSet<i32> = BTreeSet::new();
    for r in &rows {
        match r.entity_type.as_str() {
            "enterprise" => {
                enterprise_ids.insert(r.entity_id);
            }
            _ => {
                product_ids.insert(r.entity_id);
            }
        }
    }
    if !enterprise_ids.is_empty() {
        // An enterprise's change (verification, suspension, network) shows on
        // all of its products, including ones no longer visible.
        let ids: Vec<i32> = product::Entity::find()
            .select_only()
            .column(product::Column::Id)
            .filter(product::Column::EnterpriseId.is_in(enterprise_ids))
            .into_tuple()
            .all(db)
            .await?;
        product_ids.extend(ids);
    }
    let ids: Vec<i32> = product_ids.into_iter().collect();
    let (docs, deletes) = documents(db, &ids).await?;
    match engine.apply(docs, deletes).await {
        Ok(()) => {
            outbox::Entity::update_many()
                .col_expr(outbox::Column::DeliveredAt, Expr::value(Utc::now()))
                .filter(outbox::Column::Id.is_in(row_ids))
                .exec(db)
                .await?;
            Ok(rows.len())
        }
        Err(e) => {
            outbox::Entity::update_many()
                .col_expr(
                    outbox::Column::Attempts,
                    Expr::col(outbox::Column::Attempts).add(1),
                )
                .col_expr(outbox::Column::LastError, Expr::value(e.to_string()))
                .filter(outbox::Column::Id.is_in(row_ids))
                .exec(db)
                .await?;
            Err(e.into())
        }
    }
}

/// [`deliver_pending`] when it is this app server's turn (`None` when
/// another server on the same PostgreSQL is delivering). The rows are read
/// and marked delivered inside the turn's transaction: one deliverer keeps
/// each product's updates in the order they were made, and a turn lost
/// mid-way (its connection dropped) rolls the marks back, so the rows are
/// delivered again rather than overlapping with another server's batch.
///
/// # Errors
/// As [`deliver_pending`]; the rows' attempts are counted either way.
pub async fn deliver_in_turn(
    db: &sea_orm::DatabaseConnection,
    engine: &dyn SearchEngine,
    batch: u64,
) -> Result<Option<usize>, DeliveryError> {
    use crate::server::kernel::db::{OneAtATime, take_turn};
    use sea_orm::TransactionTrait;
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        // One server, and SQLite's deferred transaction could not turn
        // from reading to writing once another writer committed meanwhile.
        return deliver_pending(db, engine, batch).await.map(Some);
    }
    let turn = db.begin().await?;
    if !take_turn(&turn, OneAtATime::Outbox).await? {
        return Ok(None);
    }
    let delivered = deliver_pending(&turn, engine, batch).await;
    turn.commit().await?;
    delivered.map(Some)
}

/// Marks rows delivered since `since` (unix seconds) pending again: after an
/// index rebuild they may have gone to the index that was replaced.
///
/// # Errors
/// A database error.
pub async fn replay_since(db: &impl ConnectionTrait, since: i64) -> Result<u64, sea_orm::DbErr> {
    let since = chrono::DateTime::from_timestamp(since, 0).unwrap_or_default();
    Ok(outbox::Entity::update_many()
        .col_expr(
            outbox::Column::DeliveredAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(outbox::Column::DeliveredAt.gte(since))
        .exec(db)
        .await?
        .rows_affected)
}

/// Marks rows written before `before` (unix seconds) delivered: a rebuild
/// that read the database after they were written already contains them.
///
/// # Errors
/// A database error.
pub async fn mark_covered(db: &impl ConnectionTrait, before: i64) -> Result<u64, sea_orm::DbErr> {
    let before = chrono::DateTime::from_timestamp(before, 0).unwrap_or_default();
    Ok(outbox::Entity::update_many()
        .col_expr(outbox::Column::DeliveredAt, Expr::value(Utc::now()))
        .filter(outbox::Column::DeliveredAt.is_null())
        .filter(outbox::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// Deletes rows delivered more than a day ago.
///
/// # Errors
/// A database error.
pub async fn purge_delivered(db: &impl ConnectionTrait) -> Result<u64, sea_orm::DbErr> {
    Ok(outbox::Entity::delete_many()
        .filter(outbox::Column::DeliveredAt.lt(Utc::now() - Duration::days(1)))
        .exec(db)
        .await?
        .rows_affected)
}

/// Number of rows waiting for the engine (for `/healthz`).
///
/// # Errors
/// A database error.
pub async fn pending(db: &impl ConnectionTrait) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    outbox::Entity::find()
        .filter(outbox::Column::DeliveredAt.is_null())
        .count(db)
        .await
}

/// Rebuilds the engine's index from the database, then replays what was
/// delivered meanwhile.
///
/// # Errors
/// The database or the engine failed; the old index stays live.
pub async fn reindex(
    db: &impl ConnectionTrait,
    engine: &dyn SearchEngine,
) -> Result<usize, DeliveryError> {
    reindex_with(db, |docs, _| engine.rebuild(docs)).await
}

/// Reads every visible product, hands the documents and the start time to
/// `rebuild`, then puts the outbox in step with the new index: rows
/// delivered to the old index during the build are replayed, rows the
/// snapshot already covers are marked delivered.
///
/// # Errors
/// The database or the rebuild failed; the old index stays live.
pub async fn reindex_with<F, Fut>(
    db: &impl ConnectionTrait,
    rebuild: F,
) -> Result<usize, DeliveryError>
where
    F: FnOnce(Vec<SearchDoc>, i64) -> Fut,
    Fut: std::future::Future<Output = Result<(), SearchError>>,
{
    // One second of margin: timestamps are compared at second precision.
    let started = Utc::now().timestamp() - 1;
    let docs = all_documents(db).await?;
    let n = docs.len();
    rebuild(docs, started).await?;
    replay_since(db, started).await?;
    mark_covered(db, started).await?;
    Ok(n)
}
