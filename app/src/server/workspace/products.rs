//! An enterprise's products and services: create, edit, duplicate,
//! publish, unpublish, delete or archive, images, and the CSV import and
//! export. Every function checks that the caller keeps the product's
//! enterprise, runs in one transaction, and writes an outbox row for the
//! search index in that transaction, so search shows the change within
//! seconds and never loses it.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::domain::audit::AuditAction;
use crate::domain::{ImpactGroup, ProductStatus};
use crate::error::Problem;
use crate::error::{AppError, AppResult, Conflict, FieldError};
use crate::forms::{ProductInput, ValidProduct, price_plain};
use crate::i18n::Locale;
use crate::models::{Choice, ProductForm, ProductImageRef, Workspace, WorkspaceProduct};
use crate::server::auth::Caller;
use crate::server::entities::*;
use crate::server::kernel::audit::audit;
use crate::server::kernel::db::{Unique, unique_violated};
use crate::server::kernel::media::{Media, media_url, new_key};
use crate::server::kernel::outbox::enqueue;
use crate::server::kernel::slugs::free_slug;
use crate::server::workspace::csv::{self, CsvProduct, ExportRow, LineError};
use crate::server::workspace::enterprises::{member_enterprise, members, profile_input};

pub const MAX_IMAGES: usize = 8;

/// Category choices (children under their parents), in the reader's language.
///
/// # Errors
/// The database's.
pub async fn category_choices(db: &impl ConnectionTrait, locale: Locale) -> AppResult<Vec<Choice>> {
    let all = category::Entity::find()
        .order_by_asc(category::Column::Position)
        .all(db)
        .await?;
    let name = |c: &category::Model| locale.stored(&c.name_bg, &c.name_en).to_string();
    let mut out = Vec::new();
    for parent in all.iter().filter(|c| c.parent_id.is_none()) {
        out.push(Choice {
            value: parent.slug.clone(),
            label: name(parent),
        });
        for child in all.iter().filter(|c| c.parent_id == Some(parent.id)) {
            out.push(Choice {
                value: child.slug.clone(),
                label: format!("{} › {}", name(parent), name(child)),
            });
        }
    }
    Ok(out)
}

async fn category_id(db: &impl ConnectionTrait, slug: &str) -> AppResult<i32> {
    category::Entity::find()
        .filter(category::Column::Slug.eq(slug))
        .one(db)
        .await?
        .map(|c| c.id)
        .ok_or_else(|| AppError::invalid("category", Problem::CategoryUnknown))
}

/// The workspace page of one enterprise.
///
/// # Errors
/// [`AppError::NotFound`] / [`AppError::Forbidden`] as [`member_enterprise`].
pub async fn workspace(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
    slug: &str,
) -> AppResult<Workspace> {
    let id = enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .id;
    let e = member_enterprise(db, caller, id).await?;
    let district = district::Entity::find_by_id(e.district_id).one(db).await?;
    let impact: Vec<ImpactGroup> = enterprise_impact_group::Entity::find()
        .filter(enterprise_impact_group::Column::EnterpriseId.eq(e.id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.impact_group)
        .collect();
    let rows = product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(e.id))
        .order_by_desc(product::Column::UpdatedAt)
        .order_by_desc(product::Column::Id)
        .all(db)
        .await?;
    let thumbs = first_thumbs(db, rows.iter().map(|p| p.id).collect()).await?;
    let products = rows
        .into_iter()
        .map(|p| WorkspaceProduct {
            id: p.id,
            status: p.status,
            archived: p.archived_at.is_some(),
            thumb: thumbs.get(&p.id).cloned(),
            slug: p.slug,
            title: p.title,
            price_cents: p.price_cents,
            unit: p.unit,
            hidden_reason: p.hidden_reason,
        })
        .collect();
    let (members, invited) = members(db, e.id).await?;
    Ok(Workspace {
        id: e.id,
        role: caller.role_in(e.id),
        profile: profile_input(
            &e,
            district.as_ref().map_or("", |d| d.slug.as_str()),
            &impact,
        ),
        slug: e.slug,
        name: e.name,
        verification_status: e.verification_status,
        verification_note: e.verification_note,
        suspension_reason: e.suspended_at.and(e.suspension_reason),
        logo: e.logo_path.as_deref().map(media_url),
        products,
        members,
        invited,
        categories: category_choices(db, locale).await?,
    })
}

async fn first_thumbs(db: &impl ConnectionTrait, ids: Vec<i32>) -> AppResult<HashMap<i32, String>> {
    let mut out = HashMap::new();
    for img in product_image::Entity::find()
        .filter(product_image::Column::ProductId.is_in(ids))
        .order_by_desc(product_image::Column::Position)
        .all(db)
        .await?
    {
        out.insert(img.product_id, media_url(&img.thumb_path));
    }
    Ok(out)
}

async fn owned_product(
    db: &impl ConnectionTrait,
    caller: &Caller,
    product_id: i32,
) -> AppResult<product::Model> {
    let p = product::Entity::find_by_id(product_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    caller.require_member(p.enterprise_id)?;
    Ok(p)
}

async fn tags_of(
    db: &impl ConnectionTrait,
    product_id: i32,
) -> Result<Vec<String>, sea_orm::DbErr> {
    Ok(product_tag::Entity::find()
        .filter(product_tag::Column::ProductId.eq(product_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.tag)
        .collect())
}

fn input_of(p: &product::Model, category_slug: &str, tags: &[String]) -> ProductInput {
    ProductInput {
        title: p.title.clone(),
        description: p.description.clone(),
        category: category_slug.to_string(),
        price: price_plain(p.price_cents),
        unit: p.unit.code().to_string(),
        availability: p.availability.code().to_string(),
        stock: p.stock.map(|s| s.to_string()).unwrap_or_default(),
        min_order: p.min_order.to_string(),
        tags: tags.join(", "),
        title_en: p.title_en.clone().unwrap_or_default(),
        description_en: p.description_en.clone().unwrap_or_default(),
    }
}

/// The product form: empty for a new product of an enterprise, or filled.
///
/// # Errors
/// [`AppError::NotFound`] / [`AppError::Forbidden`].
pub async fn product_form(
    db: &DatabaseConnection,
    caller: &Caller,
    locale: Locale,
    enterprise_slug: &str,
    product_id: Option<i32>,
) -> AppResult<ProductForm> {
    let e = enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq(enterprise_slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    caller.require_member(e.id)?;
    let categories = category_choices(db, locale).await?;
    let mut form = ProductForm {
        enterprise_id: e.id,
        enterprise_slug: e.slug,
        enterprise_name: e.name,
        product_id: None,
        slug: None,
        status: ProductStatus::Draft,
        input: ProductInput {
            unit: "piece".into(),
            availability: "in_stock".into(),
            min_order: "1".into(),
            ..ProductInput::default()
        },
        images: vec![],
        categories,
        creation_key: new_key(),
    };
    if let Some(id) = product_id {
        let p = owned_product(db, caller, id).await?;
        if p.enterprise_id != form.enterprise_id {
            return Err(AppError::NotFound);
        }
        let cat = category::Entity::find_by_id(p.category_id).one(db).await?;
        let tags = tags_of(db, p.id).await?;
        form.input = input_of(&p, cat.as_ref().map_or("", |c| c.slug.as_str()), &tags);
        // Shown back as the reader writes a price („9,80“ in Bulgarian).
        form.input.price = crate::forms::price_typed(p.price_cents, locale);
        form.images = product_image::Entity::find()
            .filter(product_image::Column::ProductId.eq(p.id))
            .order_by_asc(product_image::Column::Position)
            .all(db)
            .await?
            .into_iter()
            .map(|i| ProductImageRef {
                id: i.id,
                url: media_url(&i.path),
                thumb: media_url(&i.thumb_path),
            })
            .collect();
        form.status = p.status;
        form.product_id = Some(p.id);
        form.slug = Some(p.slug);
    }
    Ok(form)
}

async fn write_tags(
    db: &impl ConnectionTrait,
    product_id: i32,
    tags: &[String],
) -> Result<(), sea_orm::DbErr> {
    product_tag::Entity::delete_many()
        .filter(product_tag::Column::ProductId.eq(product_id))
        .exec(db)
        .await?;
    for tag in tags {
        product_tag::Entity::insert(product_tag::ActiveModel {
            product_id: Set(product_id),
            tag: Set(tag.clone()),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

fn fill(row: &mut product::ActiveModel, v: &ValidProduct, category_id: i32) {
    row.title = Set(v.title.clone());
    row.description = Set(v.description.clone());
    row.category_id = Set(category_id);
    row.price_cents = Set(v.price_cents);
    row.unit = Set(v.unit);
    row.availability = Set(v.availability);
    row.stock = Set(v.stock);
    row.min_order = Set(v.min_order);
    row.title_en = Set(v.title_en.clone());
    row.description_en = Set(v.description_en.clone());
    row.updated_at = Set(Utc::now());
}

async fn insert(
    db: &impl ConnectionTrait,
    enterprise_id: i32,
    v: &ValidProduct,
    published: bool,
    creation_key: Option<String>,
) -> AppResult<product::Model> {
    let category_id = category_id(db, &v.category).await?;
    let now = Utc::now();
    let mut row = product::ActiveModel {
        slug: Set(
            free_slug::<product::Entity>(db, &v.title, "produkt", product::Column::Slug).await?,
        ),
        enterprise_id: Set(enterprise_id),
        currency: Set("EUR".into()),
        status: Set(if published {
            ProductStatus::Published
        } else {
            ProductStatus::Draft
        }),
        creation_key: Set(creation_key),
        created_at: Set(now),
        ..Default::default()
    };
    fill(&mut row, v, category_id);
    let p = row
        .insert(db)
        .await
        .map_err(|e| match unique_violated(&e) {
            Some(Unique::ProductCreationKey) => AppError::conflict(Conflict::FormUsed),
            Some(Unique::ProductSlug) => AppError::conflict(Conflict::AtTheSameTime),
            _ => e.into(),
        })?;
    write_tags(db, p.id, &v.tags).await?;
    enqueue(db, "product", p.id).await?;
    Ok(p)
}

/// Creates a product. The form's one-time key makes a double submit return
/// the product the first submit created.
///
/// # Errors
/// [`AppError::Invalid`] field by field; [`AppError::Forbidden`].
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    input: &ProductInput,
    publish: bool,
    creation_key: &str,
) -> AppResult<product::Model> {
    let key = creation_key.trim();
    let key = (!key.is_empty() && key.len() <= 64).then(|| key.to_string());
    match create_once(db, caller, enterprise_id, input, publish, key.clone()).await {
        Ok(p) => Ok(p),
        // Two submits of one form at once on PostgreSQL: both pass the key
        // check, and the unique index makes the second insert wait for the
        // first transaction and then refuses it. The loser answers with the
        // winner's product, committed by then. (SQLite's immediate
        // transactions run them one after the other, so the second finds
        // the key.)
        Err(AppError::Conflict {
            conflict: Conflict::FormUsed,
            ..
        }) if key.is_some() => match by_key(db, &key.unwrap_or_default()).await? {
            Some(p) if p.enterprise_id == enterprise_id => Ok(p),
            Some(_) => Err(AppError::conflict(Conflict::FormUsed)),
            None => Err(AppError::conflict(Conflict::AtTheSameTime)),
        },
        Err(e) => Err(e),
    }
}

async fn by_key(db: &impl ConnectionTrait, key: &str) -> AppResult<Option<product::Model>> {
    Ok(product::Entity::find()
        .filter(product::Column::CreationKey.eq(key))
        .one(db)
        .await?)
}

async fn create_once(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    input: &ProductInput,
    publish: bool,
    key: Option<String>,
) -> AppResult<product::Model> {
    let valid = input.validate().map_err(AppError::Invalid);
    let txn = crate::server::kernel::db::begin_write(db).await?;
    member_enterprise(&txn, caller, enterprise_id).await?;
    let valid = valid?;
    if let Some(k) = &key
        && let Some(existing) = by_key(&txn, k).await?
    {
        return if existing.enterprise_id == enterprise_id {
            Ok(existing)
        } else {
            Err(AppError::conflict(Conflict::FormUsed))
        };
    }
    let p = insert(&txn, enterprise_id, &valid, publish, key).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::ProductCreated,
        "product",
        p.id,
        None,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(p)
}

/// # Errors
/// [`AppError::Invalid`] field by field; [`AppError::Forbidden`] / NotFound.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    product_id: i32,
    input: &ProductInput,
) -> AppResult<product::Model> {
    let valid = input.validate().map_err(AppError::Invalid);
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let p = owned_product(&txn, caller, product_id).await?;
    let valid = valid?;
    let category_id = category_id(&txn, &valid.category).await?;
    let mut row: product::ActiveModel = p.into();
    fill(&mut row, &valid, category_id);
    let p = row.update(&txn).await?;
    write_tags(&txn, p.id, &valid.tags).await?;
    enqueue(&txn, "product", p.id).await?;
    audit(
        &txn,
        caller.user_id,
        AuditAction::ProductUpdated,
        "product",
        p.id,
        None,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(p)
}

/// Publishes or takes back to draft. A product a curator hid stays hidden
/// until the curator lets it go.
///
/// # Errors
/// [`AppError::Conflict`] for a hidden or archived product.
pub async fn set_published(
    db: &DatabaseConnection,
    caller: &Caller,
    product_id: i32,
    published: bool,
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let p = owned_product(&txn, caller, product_id).await?;
    if p.status == ProductStatus::Hidden || p.archived_at.is_some() {
        return Err(AppError::conflict(Conflict::ProductLocked));
    }
    let mut row: product::ActiveModel = p.into();
    row.status = Set(if published {
        ProductStatus::Published
    } else {
        ProductStatus::Draft
    });
    row.updated_at = Set(Utc::now());
    let p = row.update(&txn).await?;
    enqueue(&txn, "product", p.id).await?;
    let action = if published {
        AuditAction::ProductPublished
    } else {
        AuditAction::ProductUnpublished
    };
    audit(&txn, caller.user_id, action, "product", p.id, None, None).await?;
    txn.commit().await?;
    Ok(())
}

/// Copies a product as a new draft (without images, which belong to the
/// original's files).
///
/// # Errors
/// [`AppError::Forbidden`] / NotFound.
pub async fn duplicate(
    db: &DatabaseConnection,
    caller: &Caller,
    product_id: i32,
) -> AppResult<product::Model> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let p = owned_product(&txn, caller, product_id).await?;
    let cat = category::Entity::find_by_id(p.category_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let tags = tags_of(&txn, p.id).await?;
    let mut valid = input_of(&p, &cat.slug, &tags)
        .validate()
        .map_err(|_| AppError::Internal)?;
    let copy = format!("{} (копие)", valid.title);
    valid.title = if copy.chars().count() <= 200 {
        copy
    } else {
        valid.title
    };
    let mut new = insert(&txn, p.enterprise_id, &valid, false, None).await?;
    // A copy of what a curator hid is hidden too, with the same reason:
    // otherwise copying and publishing would undo the curator's decision.
    if p.status == ProductStatus::Hidden {
        let mut row: product::ActiveModel = new.into();
        row.status = Set(ProductStatus::Hidden);
        row.hidden_reason = Set(p.hidden_reason.clone());
        new = row.update(&txn).await?;
    }
    audit(
        &txn,
        caller.user_id,
        AuditAction::ProductDuplicated,
        "product",
        new.id,
        None,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(new)
}

/// Deletes a product, or archives it when order requests refer to it (their
/// lines keep what was asked for).
///
/// # Errors
/// [`AppError::Forbidden`] / NotFound.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    product_id: i32,
) -> AppResult<Vec<String>> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let p = owned_product(&txn, caller, product_id).await?;
    let ordered = order_request_line::Entity::find()
        .filter(order_request_line::Column::ProductId.eq(p.id))
        .count(&txn)
        .await?
        > 0;
    let mut files = Vec::new();
    if ordered {
        let mut row: product::ActiveModel = p.clone().into();
        row.archived_at = Set(Some(Utc::now()));
        row.updated_at = Set(Utc::now());
        row.update(&txn).await?;
        audit(
            &txn,
            caller.user_id,
            AuditAction::ProductArchived,
            "product",
            p.id,
            None,
            None,
        )
        .await?;
    } else {
        for img in product_image::Entity::find()
            .filter(product_image::Column::ProductId.eq(p.id))
            .all(&txn)
            .await?
        {
            files.push(img.path);
            files.push(img.thumb_path);
        }
        product_image::Entity::delete_many()
            .filter(product_image::Column::ProductId.eq(p.id))
            .exec(&txn)
            .await?;
        product_tag::Entity::delete_many()
            .filter(product_tag::Column::ProductId.eq(p.id))
            .exec(&txn)
            .await?;
        favourite::Entity::delete_many()
            .filter(favourite::Column::ProductId.eq(p.id))
            .exec(&txn)
            .await?;
        product::Entity::delete_by_id(p.id).exec(&txn).await?;
        audit(
            &txn,
            caller.user_id,
            AuditAction::ProductDeleted,
            "product",
            p.id,
            None,
            None,
        )
        .await?;
    }
    enqueue(&txn, "product", p.id).await?;
    txn.commit().await?;
    // The files go after the commit: a rolled-back delete keeps its images.
    Ok(files)
}

/// Adds a processed image to a product. The files are written by the
/// caller first; if this refuses, the caller removes them again.
///
/// # Errors
/// [`AppError::Invalid`] (`too_many_images`); [`AppError::Forbidden`].
pub async fn add_image(
    db: &DatabaseConnection,
    caller: &Caller,
    product_id: i32,
    path: &str,
    thumb_path: &str,
    size: (u32, u32),
) -> AppResult<()> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let p = owned_product(&txn, caller, product_id).await?;
    let count = product_image::Entity::find()
        .filter(product_image::Column::ProductId.eq(p.id))
        .count(&txn)
        .await?;
    if count as usize >= MAX_IMAGES {
        return Err(AppError::invalid("image", Problem::TooManyImages));
    }
    product_image::Entity::insert(product_image::ActiveModel {
        product_id: Set(p.id),
        position: Set(count as i32),
        path: Set(path.into()),
        thumb_path: Set(thumb_path.into()),
        width: Set(size.0 as i32),
        height: Set(size.1 as i32),
        alt: Set(p.title.chars().take(200).collect()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    enqueue(&txn, "product", p.id).await?;
    txn.commit().await?;
    Ok(())
}

/// The enterprise that keeps a product.
///
/// # Errors
/// NotFound.
pub async fn enterprise_of(db: &impl ConnectionTrait, product_id: i32) -> AppResult<i32> {
    Ok(product::Entity::find_by_id(product_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .enterprise_id)
}

/// Checks, re-encodes and stores an uploaded image of a product (the image
/// and its thumbnail) and records it; a refused or failed upload leaves no
/// file behind. The caller is checked before any time goes into the image.
/// Returns the product's enterprise.
///
/// # Errors
/// [`AppError::Invalid`] on `file` (the image's refusal) or `image` (too
/// many); Forbidden / NotFound; Internal.
pub async fn upload_image(
    db: &DatabaseConnection,
    media: &Media,
    caller: &Caller,
    product_id: i32,
    bytes: Vec<u8>,
) -> AppResult<i32> {
    let product = owned_product(db, caller, product_id).await?;
    let processed = crate::server::kernel::images::accept(bytes).await?;
    let key = new_key();
    let rel = format!("products/{product_id}/{key}.jpg");
    let thumb = format!("products/{product_id}/{key}-thumb.jpg");
    media
        .write_all(&[(&rel, &processed.full), (&thumb, &processed.thumb)])
        .await?;
    let size = (processed.width, processed.height);
    if let Err(e) = add_image(db, caller, product_id, &rel, &thumb, size).await {
        // Refused or failed: nothing of the upload is left behind.
        media.remove_files(&[rel, thumb]).await;
        return Err(e);
    }
    Ok(product.enterprise_id)
}

/// What removing an image left to do: its files, to delete after the
/// commit, and where it belonged.
pub struct ImageRemoved {
    pub files: Vec<String>,
    pub product_id: i32,
    pub enterprise_id: i32,
}

/// Removes an image.
///
/// # Errors
/// [`AppError::Forbidden`] / NotFound.
pub async fn remove_image(
    db: &DatabaseConnection,
    caller: &Caller,
    image_id: i32,
) -> AppResult<ImageRemoved> {
    let txn = crate::server::kernel::db::begin_write(db).await?;
    let img = product_image::Entity::find_by_id(image_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = owned_product(&txn, caller, img.product_id).await?;
    product_image::Entity::delete_by_id(img.id)
        .exec(&txn)
        .await?;
    enqueue(&txn, "product", img.product_id).await?;
    txn.commit().await?;
    Ok(ImageRemoved {
        files: vec![img.path, img.thumb_path],
        product_id: p.id,
        enterprise_id: p.enterprise_id,
    })
}

/// The enterprise's catalogue as CSV (archived products left out).
///
/// # Errors
/// [`AppError::Forbidden`] / NotFound.
pub async fn export_csv(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
) -> AppResult<(String, Vec<u8>)> {
    let e = member_enterprise(db, caller, enterprise_id).await?;
    let cats: HashMap<i32, String> = category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.slug))
        .collect();
    let products = product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(e.id))
        .filter(product::Column::ArchivedAt.is_null())
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    let mut tags: HashMap<i32, Vec<String>> = HashMap::new();
    for t in product_tag::Entity::find()
        .filter(product_tag::Column::ProductId.is_in(products.iter().map(|p| p.id)))
        .all(db)
        .await?
    {
        tags.entry(t.product_id).or_default().push(t.tag);
    }
    let mut rows = Vec::with_capacity(products.len());
    for p in &products {
        let cat = cats.get(&p.category_id).map_or("", String::as_str);
        let t = tags.get(&p.id).cloned().unwrap_or_default();
        let product = input_of(p, cat, &t).validate().map_err(|errs| {
            tracing::error!(
                product = p.id,
                ?errs,
                "a stored product fails its own rules"
            );
            AppError::Internal
        })?;
        rows.push(ExportRow {
            slug: p.slug.clone(),
            product,
            published: p.status == ProductStatus::Published,
        });
    }
    Ok((e.slug, csv::write(&rows)))
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
}

/// Imports a CSV: every line is checked first, and nothing is saved unless
/// all are good. Lines with a slug update that product of this enterprise;
/// lines without one create new products.
///
/// # Errors
/// [`ImportError::Lines`] with every bad line; [`ImportError::App`] otherwise.
pub async fn import_csv(
    db: &DatabaseConnection,
    caller: &Caller,
    enterprise_id: i32,
    bytes: &[u8],
) -> Result<ImportSummary, ImportError> {
    let txn = crate::server::kernel::db::begin_write(db)
        .await
        .map_err(AppError::from)?;
    member_enterprise(&txn, caller, enterprise_id).await?;
    let rows = csv::parse(bytes).map_err(ImportError::Lines)?;
    let cats: HashMap<String, i32> = category::Entity::find()
        .all(&txn)
        .await
        .map_err(AppError::from)?
        .into_iter()
        .map(|c| (c.slug, c.id))
        .collect();
    let existing: HashMap<String, product::Model> = product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(enterprise_id))
        .all(&txn)
        .await
        .map_err(AppError::from)?
        .into_iter()
        .map(|p| (p.slug.clone(), p))
        .collect();
    let mut errors = Vec::new();
    for r in &rows {
        if !cats.contains_key(&r.product.category) {
            errors.push(LineError {
                line: r.line,
                field: "category".into(),
                code: Problem::CategoryUnknown,
            });
        }
        if let Some(slug) = &r.slug
            && !existing.contains_key(slug)
        {
            errors.push(LineError {
                line: r.line,
                field: "slug".into(),
                code: Problem::SlugUnknown,
            });
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(ImportError::Lines(errors));
    }
    let mut summary = ImportSummary {
        created: 0,
        updated: 0,
    };
    for CsvProduct {
        slug,
        product: mut v,
        published,
        english,
        ..
    } in rows
    {
        let category_id = cats[&v.category];
        match slug.and_then(|s| existing.get(&s).cloned()) {
            Some(p) => {
                if !english {
                    // A file without the English columns keeps what is there.
                    v.title_en = p.title_en.clone();
                    v.description_en = p.description_en.clone();
                }
                let hidden = p.status == ProductStatus::Hidden;
                let mut row: product::ActiveModel = p.into();
                fill(&mut row, &v, category_id);
                if !hidden {
                    row.status = Set(if published {
                        ProductStatus::Published
                    } else {
                        ProductStatus::Draft
                    });
                }
                let p = row.update(&txn).await.map_err(AppError::from)?;
                write_tags(&txn, p.id, &v.tags)
                    .await
                    .map_err(AppError::from)?;
                enqueue(&txn, "product", p.id)
                    .await
                    .map_err(AppError::from)?;
                summary.updated += 1;
            }
            None => {
                insert(&txn, enterprise_id, &v, published, None).await?;
                summary.created += 1;
            }
        }
    }
    audit(
        &txn,
        caller.user_id,
        AuditAction::ProductImported,
        "enterprise",
        enterprise_id,
        None,
        Some(format!(
            "{} created, {} updated",
            summary.created, summary.updated
        )),
    )
    .await
    .map_err(AppError::from)?;
    txn.commit().await.map_err(AppError::from)?;
    Ok(summary)
}

#[derive(Debug)]
pub enum ImportError {
    Lines(Vec<LineError>),
    App(AppError),
}

impl From<AppError> for ImportError {
    fn from(e: AppError) -> Self {
        ImportError::App(e)
    }
}

/// For a value the file may only choose, the values it may choose (" —
/// piece, kg, …"), so a refused line says how to mend it.
fn allowed_values(locale: Locale, field: &str, code: Problem) -> String {
    use crate::domain::{Availability, Unit};
    if code != Problem::NotAllowed {
        return String::new();
    }
    let list: Vec<&str> = match field {
        "unit" => Unit::ALL.iter().map(|u| u.code()).collect(),
        "availability" => Availability::ALL.iter().map(|a| a.code()).collect(),
        "status" => vec!["draft", "published"],
        _ => return String::new(),
    };
    format!(" {} {}", locale.tr().csv_allowed(), list.join(", "))
}

impl ImportError {
    /// As one error for the server-function boundary: each bad line is a
    /// field refusal named `line:N:field`, so the page lists them in order.
    pub fn into_app(self, locale: Locale) -> AppError {
        match self {
            ImportError::App(e) => e.localized(locale),
            ImportError::Lines(lines) => AppError::Invalid(
                lines
                    .into_iter()
                    .map(|l| FieldError {
                        message: format!(
                            "{} {}, {}: {}{}",
                            locale.tr().products_line(),
                            l.line,
                            l.field,
                            locale.tr().problem(l.code),
                            allowed_values(locale, &l.field, l.code)
                        ),
                        field: format!("line:{}:{}", l.line, l.field),
                        code: l.code,
                    })
                    .collect(),
            ),
        }
    }
}
