//! `/dashboard/e/<slug>/p/<id|new>`: the product form and its images.

use crate::components::badges::product_state;
use crate::components::form::{
    EnhancedForm, FieldError as FieldErrorView, FormMessage, LocaleField, PostedError, SelectField,
    TextArea, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::ProductStatus;
use crate::functions::workspace::RemoveImage;
use crate::functions::workspace::SaveProduct;
use crate::functions::workspace::UploadImage;
use crate::functions::workspace::{get_product_form, workspace_href};
use crate::i18n::Locale;
use crate::models::ProductForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ProductEditPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map().read_untracked();
    let slug = params.get("slug").unwrap_or_default();
    let id = params.get("id").unwrap_or_default();
    let product = if id == "new" {
        None
    } else {
        Some(id.parse::<i32>().unwrap_or(-1))
    };
    let data = Resource::new(
        move || (locale, slug.clone(), product),
        |(l, s, p)| get_product_form(l, s, p),
    );
    view! { {with_data(locale, data, move |form| view! { <ProductFormView locale form/> })} }
}

#[component]
fn ProductFormView(locale: Locale, form: ProductForm) -> impl IntoView {
    let posted = PostedError::from_query();
    let saved = use_query_map().read_untracked().get("saved");
    let action = SaveProduct::PATH;
    let upload = UploadImage::PATH;
    let e = posted.fields(action);
    let action_error = posted.for_action(action).cloned();
    let upload_error = posted.for_action(upload).cloned();
    let ue = posted.fields(upload);
    let i = form.input.clone();
    let t = locale.tr();
    let title = match &form.product_id {
        Some(_) => i.title.clone(),
        None => locale.tr().ws_new_product_or_service().to_string(),
    };
    let units = crate::components::form::options(|u| t.unit(u));
    let avail = crate::components::form::options(|a| t.availability(a));
    let cats: Vec<(String, String)> = form
        .categories
        .iter()
        .map(|c| (c.value.clone(), c.label.clone()))
        .collect();
    let back = workspace_href(locale, &form.enterprise_slug);
    view! {
        <PageTitle text=title.clone()/>
        <p><a href=back>"← "{form.enterprise_name.clone()}</a></p>
        <h1>{title}</h1>
        {form.product_id.map(|_| view! { <p>{locale.tr().ws_status()}{product_state(locale, form.status, false)}</p> })}
        {form.slug.clone().filter(|_| form.status == ProductStatus::Published).map(|s| view! {
            <p><a href=locale.href(&format!("/p/{s}"))>{locale.tr().ws_see_public_page()}</a></p>
        })}
        {saved.map(|_| view! { <p class="notice" role="status">{locale.tr().account_saved()}</p> })}
        <EnhancedForm>
            <form method="post" action=action class="stack wide">
                <LocaleField locale/>
                <input type="hidden" name="enterprise_id" value=form.enterprise_id.to_string()/>
                {form.product_id.map(|id| view! { <input type="hidden" name="product_id" value=id.to_string()/> })}
                <input type="hidden" name="creation_key" value=form.creation_key.clone()/>
                <FormMessage locale error=action_error/>
                <TextField label=locale.tr().desk_title().into() name="input[title]".into() key="title" value=i.title.clone() required=true maxlength=200 errors=e.clone()/>
                <TextArea label=locale.tr().desk_description().into() name="input[description]".into() key="description" value=i.description.clone() maxlength=5000 errors=e.clone()/>
                <SelectField label=locale.tr().ws_category().into() name="input[category]".into() key="category" options=cats value=i.category.clone() required=true errors=e.clone()/>
                <TextField label=locale.tr().ws_price_in_euro().into() name="input[price]".into() key="price" value=i.price.clone() required=true inputmode="decimal"
                    hint=locale.tr().ws_e_g_12_50().to_string() errors=e.clone()/>
                <SelectField label=locale.tr().ws_unit().into() name="input[unit]".into() key="unit" options=units value=i.unit.clone() required=true errors=e.clone()/>
                <SelectField label=locale.tr().ws_availability().into() name="input[availability]".into() key="availability" options=avail value=i.availability.clone() required=true errors=e.clone()/>
                <TextField label=locale.tr().ws_quantity_in_stock().into() name="input[stock]".into() key="stock" kind="number" value=i.stock.clone()
                    hint=locale.tr().ws_only_for_in_stock().to_string() errors=e.clone()/>
                <TextField label=locale.tr().ws_minimum_order().into() name="input[min_order]".into() key="min_order" kind="number" value=i.min_order.clone() errors=e.clone()/>
                <TextField label=locale.tr().ws_tags().into() name="input[tags]".into() key="tags" value=i.tags.clone()
                    hint=locale.tr().ws_separated_by_commas_up().to_string() errors=e.clone()/>
                <fieldset class="in-english">
                    <legend>{locale.tr().ws_in_english()}</legend>
                    <p class="hint">{locale.tr().ws_in_english_hint()}</p>
                    <TextField label=locale.tr().ws_title_en().into() name="input[title_en]".into() key="title_en" value=i.title_en.clone() maxlength=200 errors=e.clone()/>
                    <TextArea label=locale.tr().ws_description_en().into() name="input[description_en]".into() key="description_en" value=i.description_en.clone() maxlength=5000 errors=e.clone()/>
                </fieldset>
                <div class="buttons">
                    <button type="submit" name="publish" value="0">{locale.tr().account_save()}</button>
                    {(form.status == ProductStatus::Draft).then(|| view! {
                        <button type="submit" class="primary" name="publish" value="1">{locale.tr().ws_save_publish()}</button>
                    })}
                </div>
            </form>
        </EnhancedForm>
        // A new product has no images yet: they are added once it is saved.
        {form.product_id.is_none().then(|| view! {
            <p class="hint">{locale.tr().ws_photos_after_saving()}</p>
        })}
        {form.product_id.map(move |pid| {
            view! {
                <section aria-labelledby="h-images" class="panel">
                    <h2 id="h-images">{locale.tr().ws_images()}" ("{form.images.len()}"/8)"</h2>
                    <ul class="plain thumbs">
                        {form.images.iter().map(|img| view! {
                            <li>
                                <img src=img.thumb.clone() alt="" width="160" loading="lazy"/>
                                <form method="post" action=RemoveImage::PATH class="inline">
                                    <LocaleField locale/>
                                    <input type="hidden" name="image_id" value=img.id.to_string()/>
                                    <button type="submit" class="small">{locale.tr().order_remove()}</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                    <EnhancedForm>
                        <form method="post" action=upload enctype="multipart/form-data" class="stack">
                            <LocaleField locale/>
                            <input type="hidden" name="product_id" value=pid.to_string()/>
                            <FormMessage locale error=upload_error/>
                            <div class="field">
                                <label for="image-file">{locale.tr().ws_add_image_jpeg_png()}</label>
                                <input id="image-file" type="file" name="file" accept="image/jpeg,image/png,image/webp" required=true data-field="file" aria-describedby="err-file"/>
                                <FieldErrorView key="file" errors=ue/>
                            </div>
                            <button type="submit">{locale.tr().ws_upload()}</button>
                        </form>
                    </EnhancedForm>
                </section>
            }
        })}
    }
}
