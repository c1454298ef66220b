//! The category tree, as admins keep it: add a category, rename it (both
//! names and its address), move it in the tree, retire it. The tree has
//! two levels, top categories and their subcategories, as the catalogue's
//! facets and drawings expect.
//!
//! A changed or retired address keeps leading somewhere: the old slug is
//! kept in `category_redirects` and `/search?category=<old>` is sent on
//! (see `search::query::Reference::moved_category`). Every change that alters what the search index holds
//! for a product (a category's names or address, its place in the tree, a
//! retired category's products) queues those products for the index in the
//! same transaction.

use chrono::Utc;
use sea_orm::sea_query::{Expr, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::domain::audit::AuditAction;
use crate::error::{AppError, AppResult, Problem};
use crate::forms::Refusals;
use crate::models::{CategoryAdmin, CategoryInput};
use crate::server::auth::Caller;
use crate::server::entities::{category, category_redirect, outbox, product};
use crate::server::kernel::audit::audit;
use crate::server::kernel::db::begin_write;

/// Every category in tree order, with its products and former addresses.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin.
pub async fn list(db: &DatabaseConnection, caller: &Caller) -> AppResult<Vec<CategoryAdmin>> {
    caller.require_admin()?;
    let all = category::Entity::find()
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?;
    let counts: std::collections::HashMap<i32, i64> = product::Entity::find()
        .select_only()
        .column(product::Column::CategoryId)
        .column_as(Expr::from(Func::count(Expr::col(product::Column::Id))), "n")
        .group_by(product::Column::CategoryId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let redirects = category_redirect::Entity::find()
        .order_by_asc(category_redirect::Column::OldSlug)
        .all(db)
        .await?;
    let row = |c: &category::Model, position: usize, siblings: usize| CategoryAdmin {
        id: c.id,
        slug: c.slug.clone(),
        name_bg: c.name_bg.clone(),
        name_en: c.name_en.clone(),
        parent_id: c.parent_id,
        position: position as u32 + 1,
        siblings: siblings as u32,
        subcategories: all.iter().filter(|x| x.parent_id == Some(c.id)).count() as u32,
        products: counts.get(&c.id).copied().unwrap_or(0) as u64,
        old_slugs: redirects
            .iter()
            .filter(|r| r.category_id == c.id)
            .map(|r| r.old_slug.clone())
            .collect(),
    };
    let tops: Vec<&category::Model> = all.iter().filter(|c| c.parent_id.is_none()).collect();
    let mut out = Vec::with_capacity(all.len());
    for (i, top) in tops.iter().enumerate() {
        out.push(row(top, i, tops.len()));
        let children: Vec<&category::Model> =
            all.iter().filter(|c| c.parent_id == Some(top.id)).collect();
        for (j, child) in children.iter().enumerate() {
            out.push(row(child, j, children.len()));
        }
    }
    Ok(out)
}

/// Adds a category at the end of its parent's (or the top) list.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::Invalid`]
/// field by field (names, a malformed or taken address, a parent that is
/// not a top category).
pub async fn add(
    db: &DatabaseConnection,
    caller: &Caller,
    input: &CategoryInput,
) -> AppResult<i32> {
    caller.require_admin()?;
    let mut r = Refusals::default();
    let (name_bg, name_en) = names(&mut r, input);
    let slug = match input.slug.trim() {
        "" => crate::text::slugify(&name_bg, 60),
        typed => typed.to_string(),
    };
    check_slug(&mut r, &slug);
    let txn = begin_write(db).await?;
    let parent = parent_of(&txn, &mut r, &input.parent, None).await?;
    slug_free(&txn, &mut r, &slug, None).await?;
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let position = category::Entity::find()
        .filter(under(parent))
        .count(&txn)
        .await? as i32;
    // A live category wins over a former address that was the same.
    category_redirect::Entity::delete_by_id(slug.clone())
        .exec(&txn)
        .await?;
    let id = category::Entity::insert(category::ActiveModel {
        slug: Set(slug.clone()),
        parent_id: Set(parent),
        name_bg: Set(name_bg),
        name_en: Set(name_en),
        position: Set(position),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    audit(
        &txn,
        caller.user_id,
        AuditAction::CategoryAdded,
        "category",
        id,
        None,
        Some(slug),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Renames a category: both names, and its address when a new one is
/// given (the old address then leads to the new one).
///
/// # Errors
/// As [`add`]; [`AppError::NotFound`] for an unknown category.
pub async fn rename(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
    input: &CategoryInput,
) -> AppResult<()> {
    caller.require_admin()?;
    let mut r = Refusals::default();
    let (name_bg, name_en) = names(&mut r, input);
    let txn = begin_write(db).await?;
    let c = category::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let slug = match input.slug.trim() {
        "" => c.slug.clone(),
        typed => typed.to_string(),
    };
    check_slug(&mut r, &slug);
    slug_free(&txn, &mut r, &slug, Some(id)).await?;
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let old = c.slug.clone();
    let mut a: category::ActiveModel = c.into();
    a.name_bg = Set(name_bg);
    a.name_en = Set(name_en);
    a.slug = Set(slug.clone());
    a.update(&txn).await?;
    if old != slug {
        category_redirect::Entity::delete_by_id(slug.clone())
            .exec(&txn)
            .await?;
        category_redirect::Entity::insert(category_redirect::ActiveModel {
            old_slug: Set(old.clone()),
            category_id: Set(id),
            created_at: Set(Utc::now()),
        })
        .exec(&txn)
        .await?;
    }
    reindex_under(&txn, id).await?;
    let note = if old == slug {
        slug
    } else {
        format!("{old} → {slug}")
    };
    audit(
        &txn,
        caller.user_id,
        AuditAction::CategoryRenamed,
        "category",
        id,
        None,
        Some(note),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a category under another top category (or to the top) and to
/// `position` (from 1) among its new siblings.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::NotFound`];
/// [`AppError::Invalid`] for a parent that is not a top category, is the
/// category itself, or would put a category with subcategories a level down.
pub async fn move_to(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
    parent: &str,
    position: &str,
) -> AppResult<()> {
    caller.require_admin()?;
    let mut r = Refusals::default();
    let place = r.number("position", position, 1, 10_000, Some(10_000));
    let txn = begin_write(db).await?;
    let c = category::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let parent = parent_of(&txn, &mut r, parent, Some(id)).await?;
    if parent.is_some() && has_subcategories(&txn, id).await? {
        r.add("parent", Problem::CategoryHasChildren);
    }
    if !r.is_empty() {
        return Err(AppError::Invalid(r.0));
    }
    let old_parent = c.parent_id;
    let mut new_list = siblings(&txn, parent, id).await?;
    let at = (place as usize - 1).min(new_list.len());
    let mut moved = c.clone();
    moved.parent_id = parent;
    new_list.insert(at, moved);
    renumber(&txn, new_list, Some(id)).await?;
    if old_parent != parent {
        renumber(&txn, siblings(&txn, old_parent, id).await?, None).await?;
        // A product's document names its category's ancestors.
        reindex_under(&txn, id).await?;
    }
    audit(
        &txn,
        caller.user_id,
        AuditAction::CategoryMoved,
        "category",
        id,
        None,
        Some(c.slug),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Retires a category: its products move to `target`, its address and
/// former addresses lead there, and the category is gone.
///
/// # Errors
/// [`AppError::Forbidden`] for anyone but an admin; [`AppError::NotFound`];
/// [`AppError::Invalid`] while it has subcategories, or for a target that
/// is unknown or the category itself.
pub async fn retire(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
    target: &str,
) -> AppResult<()> {
    caller.require_admin()?;
    let mut r = Refusals::default();
    let txn = begin_write(db).await?;
    let c = category::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if has_subcategories(&txn, id).await? {
        r.add("target", Problem::CategoryHasChildren);
    }
    let target = match target.trim().parse::<i32>() {
        Ok(t) if t == id => {
            r.add("target", Problem::CategorySelf);
            None
        }
        Ok(t) => {
            let found = category::Entity::find_by_id(t).one(&txn).await?;
            if found.is_none() {
                r.add("target", Problem::CategoryUnknown);
            }
            found
        }
        Err(_) => {
            r.add("target", Problem::Required);
            None
        }
    };
    let (Some(target), true) = (target, r.is_empty()) else {
        return Err(AppError::Invalid(r.0));
    };
    // The moved products change category: the index learns it.
    enqueue_products(&txn, vec![id]).await?;
    product::Entity::update_many()
        .col_expr(product::Column::CategoryId, Expr::value(target.id))
        .filter(product::Column::CategoryId.eq(id))
        .exec(&txn)
        .await?;
    category_redirect::Entity::update_many()
        .col_expr(
            category_redirect::Column::CategoryId,
            Expr::value(target.id),
        )
        .filter(category_redirect::Column::CategoryId.eq(id))
        .exec(&txn)
        .await?;
    category::Entity::delete_by_id(id).exec(&txn).await?;
    category_redirect::Entity::insert(category_redirect::ActiveModel {
        old_slug: Set(c.slug.clone()),
        category_id: Set(target.id),
        created_at: Set(Utc::now()),
    })
    .exec(&txn)
    .await?;
    renumber(&txn, siblings(&txn, c.parent_id, id).await?, None).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::CategoryRetired,
        "category",
        id,
        None,
        Some(format!("{} → {}", c.slug, target.slug)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn names(r: &mut Refusals, input: &CategoryInput) -> (String, String) {
    (
        r.line("name_bg", &input.name_bg, 2, 80),
        r.line("name_en", &input.name_en, 2, 80),
    )
}

/// Lower-case Latin letters, digits and single hyphens between them, as
/// the addresses made from names are (`crate::text::slugify`).
fn check_slug(r: &mut Refusals, slug: &str) {
    let ok = (2..=60).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if !ok {
        r.add("slug", Problem::SlugInvalid);
    }
}

async fn slug_free(
    db: &impl ConnectionTrait,
    r: &mut Refusals,
    slug: &str,
    except: Option<i32>,
) -> AppResult<()> {
    let mut q = category::Entity::find().filter(category::Column::Slug.eq(slug));
    if let Some(id) = except {
        q = q.filter(category::Column::Id.ne(id));
    }
    if q.count(db).await? > 0 {
        r.add("slug", Problem::SlugTaken);
    }
    Ok(())
}

/// The parent a form names: empty for the top, else a top category's id
/// (`moving` is the category being moved, which cannot be its own parent).
async fn parent_of(
    db: &impl ConnectionTrait,
    r: &mut Refusals,
    raw: &str,
    moving: Option<i32>,
) -> AppResult<Option<i32>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let Ok(id) = raw.parse::<i32>() else {
        r.add("parent", Problem::CategoryUnknown);
        return Ok(None);
    };
    if Some(id) == moving {
        r.add("parent", Problem::CategorySelf);
        return Ok(None);
    }
    match category::Entity::find_by_id(id).one(db).await? {
        None => r.add("parent", Problem::CategoryUnknown),
        Some(p) if p.parent_id.is_some() => r.add("parent", Problem::CategoryDepth),
        Some(_) => return Ok(Some(id)),
    }
    Ok(None)
}

/// The categories under `parent` (the top ones for none).
fn under(parent: Option<i32>) -> sea_orm::sea_query::SimpleExpr {
    match parent {
        Some(p) => category::Column::ParentId.eq(p),
        None => category::Column::ParentId.is_null(),
    }
}

async fn has_subcategories(db: &impl ConnectionTrait, id: i32) -> AppResult<bool> {
    Ok(category::Entity::find()
        .filter(under(Some(id)))
        .count(db)
        .await?
        > 0)
}

/// The categories under `parent` in their order, `except` one.
async fn siblings(
    db: &impl ConnectionTrait,
    parent: Option<i32>,
    except: i32,
) -> AppResult<Vec<category::Model>> {
    Ok(category::Entity::find()
        .filter(under(parent))
        .filter(category::Column::Id.ne(except))
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?)
}

/// Gives a list its places 0, 1, … in its order, writing only the rows
/// whose place (or, for `changed`, whose parent) is new.
async fn renumber(
    db: &impl ConnectionTrait,
    list: Vec<category::Model>,
    changed: Option<i32>,
) -> AppResult<()> {
    for (i, c) in list.into_iter().enumerate() {
        if c.position != i as i32 || Some(c.id) == changed {
            let parent = c.parent_id;
            let mut a: category::ActiveModel = c.into();
            a.position = Set(i as i32);
            a.parent_id = Set(parent);
            a.update(db).await?;
        }
    }
    Ok(())
}

/// Queues for the index every product of the category and of its
/// subcategories (their documents hold the category's names and slugs).
async fn reindex_under(db: &impl ConnectionTrait, id: i32) -> AppResult<()> {
    let mut ids = vec![id];
    ids.extend(
        category::Entity::find()
            .filter(under(Some(id)))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.id),
    );
    enqueue_products(db, ids).await
}

/// One outbox row per product in these categories, in one statement: a
/// category may hold thousands.
async fn enqueue_products(db: &impl ConnectionTrait, categories: Vec<i32>) -> AppResult<()> {
    let select = Query::select()
        .expr(Expr::val("product"))
        .column(product::Column::Id)
        .expr(Expr::val(0))
        .expr(Expr::val(Utc::now()))
        .from(product::Entity)
        .and_where(product::Column::CategoryId.is_in(categories))
        .to_owned();
    let insert = Query::insert()
        .into_table(outbox::Entity)
        .columns([
            outbox::Column::EntityType,
            outbox::Column::EntityId,
            outbox::Column::Attempts,
            outbox::Column::CreatedAt,
        ])
        .select_from(select)
        .map_err(|e| {
            tracing::error!("outbox insert: {e}");
            AppError::Internal
        })?
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}
