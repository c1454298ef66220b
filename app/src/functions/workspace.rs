//! The enterprise workspace: registration, profile, people, products,
//! images and CSV. Each function reads the caller from the session and lets
//! the service check what they may do; forms post here directly when
//! JavaScript is off, and every success redirects.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;
use crate::forms::{EnterpriseInput, ProductInput};
use crate::i18n::Locale;
use crate::models::{Dashboard, EnterpriseFormChoices, ProductForm, Workspace};

#[cfg(feature = "ssr")]
use crate::domain::ProductStatus;
#[cfg(feature = "ssr")]
use crate::error::Problem;
#[cfg(feature = "ssr")]
#[cfg(feature = "ssr")]
use crate::server::{AppState, auth, workspace::enterprises, workspace::products};

/// The address of an enterprise's workspace.
pub fn workspace_href(locale: Locale, slug: &str) -> String {
    locale.href(&format!("/dashboard/e/{slug}"))
}

#[server(prefix = "/fn", endpoint = "dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    enterprises::dashboard(&state.db, &caller).await
}

#[server(prefix = "/fn", endpoint = "enterprise_choices")]
pub async fn get_enterprise_choices(locale: Locale) -> Result<EnterpriseFormChoices, AppError> {
    auth::caller().await?;
    let state = AppState::current()?;
    Ok(EnterpriseFormChoices {
        districts: enterprises::district_choices(&state.db, locale).await?,
    })
}

#[server(prefix = "/fn", endpoint = "register_enterprise")]
pub async fn register_enterprise(locale: Locale, input: EnterpriseInput) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let slug = enterprises::register(&state.db, &caller, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&workspace_href(locale, &slug));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "workspace")]
pub async fn get_workspace(locale: Locale, slug: String) -> Result<Workspace, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    products::workspace(&state.db, &caller, locale, &slug).await
}

#[server(prefix = "/fn", endpoint = "update_enterprise")]
pub async fn update_enterprise(
    locale: Locale,
    enterprise_id: i32,
    input: EnterpriseInput,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    enterprises::update_profile(&state.db, &caller, enterprise_id, &input)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_workspace(locale, enterprise_id, "profile").await
}

/// Redirects to a page of an enterprise's workspace (`suffix` after its
/// address, e.g. `?saved=profile` or `/p/12?saved=image`).
#[cfg(feature = "ssr")]
async fn to_workspace(locale: Locale, enterprise_id: i32, suffix: &str) -> Result<(), AppError> {
    let state = AppState::current()?;
    let slug = enterprises::slug_of(&state.db, enterprise_id).await?;
    leptos_axum::redirect(&format!("{}{suffix}", workspace_href(locale, &slug)));
    Ok(())
}

#[cfg(feature = "ssr")]
async fn back_to_workspace(
    locale: Locale,
    enterprise_id: i32,
    saved: &str,
) -> Result<(), AppError> {
    to_workspace(locale, enterprise_id, &format!("?saved={saved}")).await
}

#[server(prefix = "/fn", endpoint = "invite_member")]
pub async fn invite_member(
    locale: Locale,
    enterprise_id: i32,
    email: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    enterprises::invite(&state.db, &caller, enterprise_id, &email)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_workspace(locale, enterprise_id, "invited").await
}

#[server(prefix = "/fn", endpoint = "remove_member")]
pub async fn remove_member(
    locale: Locale,
    enterprise_id: i32,
    email: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    enterprises::remove_member(&state.db, &caller, enterprise_id, &email)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_workspace(locale, enterprise_id, "removed").await
}

/// An owner makes a member an owner too (to hand the enterprise over).
#[server(prefix = "/fn", endpoint = "make_owner")]
pub async fn make_owner(locale: Locale, enterprise_id: i32, email: String) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    enterprises::make_owner(&state.db, &caller, enterprise_id, &email)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_workspace(locale, enterprise_id, "owner").await
}

#[server(prefix = "/fn", endpoint = "accept_invitation")]
pub async fn accept_invitation(locale: Locale, invitation_id: i32) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let slug = enterprises::accept_invitation(&state.db, &caller, invitation_id)
        .await
        .map_err(|e| e.localized(locale))?;
    leptos_axum::redirect(&workspace_href(locale, &slug));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "product_form")]
pub async fn get_product_form(
    locale: Locale,
    enterprise: String,
    product: Option<i32>,
) -> Result<ProductForm, AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    products::product_form(&state.db, &caller, locale, &enterprise, product).await
}

/// Creates (no `product_id`) or saves a product. `publish` is the name of
/// the button pressed: "1" publishes, anything else keeps the status.
#[server(prefix = "/fn", endpoint = "save_product")]
pub async fn save_product(
    locale: Locale,
    enterprise_id: i32,
    product_id: Option<i32>,
    creation_key: Option<String>,
    publish: Option<String>,
    input: ProductInput,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let publish = publish.as_deref() == Some("1");
    let saved = match product_id {
        Some(id) => {
            let p = products::update(&state.db, &caller, id, &input)
                .await
                .map_err(|e| e.localized(locale))?;
            if publish && p.status == ProductStatus::Draft {
                products::set_published(&state.db, &caller, id, true).await?;
            }
            p
        }
        None => products::create(
            &state.db,
            &caller,
            enterprise_id,
            &input,
            publish,
            creation_key.as_deref().unwrap_or(""),
        )
        .await
        .map_err(|e| e.localized(locale))?,
    };
    let e = enterprises::member_enterprise(&state.db, &caller, saved.enterprise_id).await?;
    // A new product opens for editing, where its images are added.
    leptos_axum::redirect(&format!(
        "{}/p/{}?saved=product",
        workspace_href(locale, &e.slug),
        saved.id
    ));
    Ok(())
}

/// `action` is one of "publish", "unpublish", "duplicate", "delete".
#[server(prefix = "/fn", endpoint = "product_action")]
pub async fn product_action(
    locale: Locale,
    product_id: i32,
    action: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let enterprise_id = products::enterprise_of(&state.db, product_id).await?;
    match action.as_str() {
        "publish" => products::set_published(&state.db, &caller, product_id, true).await?,
        "unpublish" => products::set_published(&state.db, &caller, product_id, false).await?,
        "duplicate" => {
            products::duplicate(&state.db, &caller, product_id).await?;
        }
        "delete" => {
            let files = products::delete(&state.db, &caller, product_id).await?;
            state.media.remove_files(&files).await;
        }
        _ => return Err(AppError::invalid("action", Problem::NotAllowed).localized(locale)),
    }
    back_to_workspace(locale, enterprise_id, &action).await
}

/// Reads the small text fields and the one file of a multipart form. Each
/// part is capped while it is read (a text field at [`TEXT_FIELD_MAX`]
/// bytes, the file at `cap`), so nothing oversized is ever held in memory
/// whole; the whole body is limited before this runs
/// (`server::hardening`). The caller is checked before this is called.
#[cfg(feature = "ssr")]
pub(crate) async fn read_multipart(
    data: MultipartData,
    cap: usize,
) -> Result<(Fields, Option<Vec<u8>>), AppError> {
    let mut fields = std::collections::HashMap::new();
    let mut file = None;
    let Some(mut mp) = data.into_inner() else {
        return Err(AppError::Internal);
    };
    while let Ok(Some(mut field)) = mp.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let is_file = field.file_name().is_some();
        let limit = if is_file { cap } else { TEXT_FIELD_MAX };
        let mut buf = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            if buf.len() + chunk.len() > limit {
                return Err(if is_file {
                    AppError::invalid("file", Problem::ImageTooLarge)
                } else {
                    AppError::invalid(&name, Problem::TooLong)
                });
            }
            buf.extend_from_slice(&chunk);
        }
        if is_file {
            file = Some(buf);
        } else {
            let text = String::from_utf8_lossy(&buf);
            fields.insert(name, text.chars().take(200).collect());
        }
    }
    Ok((fields, file))
}

/// The largest text field of a multipart form (they carry ids and codes).
#[cfg(feature = "ssr")]
const TEXT_FIELD_MAX: usize = 4096;

#[cfg(feature = "ssr")]
pub(crate) type Fields = std::collections::HashMap<String, String>;

#[cfg(feature = "ssr")]
pub(crate) fn form_locale(fields: &Fields) -> Locale {
    fields
        .get("locale")
        .and_then(|l| Locale::from_code(l))
        .unwrap_or_default()
}

/// A record id from a multipart form; a missing or bad one names nothing.
#[cfg(feature = "ssr")]
pub(crate) fn id_field(fields: &Fields, name: &str) -> Result<i32, AppError> {
    fields
        .get(name)
        .and_then(|v| v.parse().ok())
        .ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
pub(crate) fn the_file(file: Option<Vec<u8>>, locale: Locale) -> Result<Vec<u8>, AppError> {
    file.filter(|b| !b.is_empty())
        .ok_or_else(|| AppError::invalid("file", Problem::FileMissing).localized(locale))
}

/// Adds an image to a product (multipart: `locale`, `product_id`, `file`).
#[server(prefix = "/fn", endpoint = "upload_image", input = MultipartFormData)]
pub async fn upload_image(data: MultipartData) -> Result<(), AppError> {
    use crate::server::kernel::images;
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let (fields, file) = read_multipart(data, images::MAX_BYTES + 1).await?;
    let locale = form_locale(&fields);
    let product_id = id_field(&fields, "product_id")?;
    let bytes = the_file(file, locale)?;
    let enterprise_id = products::upload_image(&state.db, &state.media, &caller, product_id, bytes)
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_product(locale, enterprise_id, product_id).await
}

/// Sets the enterprise's logo (multipart: `locale`, `enterprise_id`, `file`);
/// stored as the 400 px rendition of the same image pipeline.
#[server(prefix = "/fn", endpoint = "upload_logo", input = MultipartFormData)]
pub async fn upload_logo(data: MultipartData) -> Result<(), AppError> {
    use crate::server::kernel::images;
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let (fields, file) = read_multipart(data, images::MAX_BYTES + 1).await?;
    let locale = form_locale(&fields);
    let enterprise_id = id_field(&fields, "enterprise_id")?;
    enterprises::member_enterprise(&state.db, &caller, enterprise_id).await?;
    let bytes = the_file(file, locale)?;
    let folder = format!("enterprises/{enterprise_id}");
    state
        .media
        .store_logo(&folder, bytes, async |rel| {
            enterprises::set_logo(&state.db, &caller, enterprise_id, rel).await
        })
        .await
        .map_err(|e| e.localized(locale))?;
    back_to_workspace(locale, enterprise_id, "logo").await
}

#[cfg(feature = "ssr")]
async fn back_to_product(
    locale: Locale,
    enterprise_id: i32,
    product_id: i32,
) -> Result<(), AppError> {
    to_workspace(
        locale,
        enterprise_id,
        &format!("/p/{product_id}?saved=image"),
    )
    .await
}

#[server(prefix = "/fn", endpoint = "remove_image")]
pub async fn remove_image(locale: Locale, image_id: i32) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    let removed = products::remove_image(&state.db, &caller, image_id).await?;
    state.media.remove_files(&removed.files).await;
    back_to_product(locale, removed.enterprise_id, removed.product_id).await
}

/// Imports a catalogue CSV (multipart: `locale`, `enterprise_id`, `file`):
/// all lines or none.
#[server(prefix = "/fn", endpoint = "import_csv", input = MultipartFormData)]
pub async fn import_csv(data: MultipartData) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    // 10,000 lines of a full catalogue stay well under 20 MB.
    let (fields, file) = read_multipart(data, 20 * 1024 * 1024).await?;
    let locale = form_locale(&fields);
    let enterprise_id = id_field(&fields, "enterprise_id")?;
    let bytes = the_file(file, locale)?;
    let summary = products::import_csv(&state.db, &caller, enterprise_id, &bytes)
        .await
        .map_err(|e| e.into_app(locale))?;
    let e = enterprises::member_enterprise(&state.db, &caller, enterprise_id).await?;
    leptos_axum::redirect(&format!(
        "{}?imported={}-{}",
        workspace_href(locale, &e.slug),
        summary.created,
        summary.updated
    ));
    Ok(())
}
