//! The enterprise workspace: `/dashboard` (my enterprises, invitations),
//! `/dashboard/register`, `/dashboard/e/<slug>` (status, products, CSV,
//! people, profile) and `/dashboard/e/<slug>/p/<id|new>` (the product form).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::form::{
    EnhancedForm, FieldError as FieldErrorView, FormMessage, LocaleField, PostedError, SelectField,
    TextArea, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::MemberRole;
use crate::domain::MembershipStatus;
use crate::domain::ParticipationStatus;
use crate::domain::ProductStatus;
use crate::error::FieldError;
use crate::format::money;
use crate::forms::EnterpriseInput;
use crate::functions::curation::get_participation;
use crate::functions::workspace::{
    get_dashboard, get_enterprise_choices, get_product_form, get_workspace, workspace_href,
};
use crate::i18n::Locale;
use crate::models::{Dashboard, Participation, ProductForm, Workspace};
use crate::routes::curation::NextField;

/// What the owner reads of a product's state.
fn status_label(locale: Locale, status: ProductStatus, archived: bool) -> &'static str {
    if archived {
        locale.tr().product_archived()
    } else {
        locale.tr().product_status(status)
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_dashboard());
    view! { {with_data(locale, data, move |d| view! { <DashboardView locale d/> })} }
}

#[component]
fn DashboardView(locale: Locale, d: Dashboard) -> impl IntoView {
    let title = locale.tr().nav_dashboard();
    view! {
        <PageTitle text=title.to_string()/>
        <h1>{title}</h1>
        {(!d.email_confirmed).then(|| view! { <crate::routes::accounts::ConfirmAddressNotice locale/> })}
        {(!d.invitations.is_empty()).then(|| view! {
            <section aria-labelledby="h-inv" class="panel">
                <h2 id="h-inv">{locale.tr().ws_invitations()}</h2>
                <ul class="plain">
                    {d.invitations.iter().map(|i| view! {
                        <li>
                            <form method="post" action="/fn/accept_invitation" class="inline">
                                <LocaleField locale/>
                                <input type="hidden" name="invitation_id" value=i.id.to_string()/>
                                {i.enterprise_name.clone()}" "
                                <button type="submit">{locale.tr().ws_join()}</button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="h-mine">
            <h2 id="h-mine">{locale.tr().ws_my_enterprises()}</h2>
            {if d.enterprises.is_empty() {
                view! { <p>{locale.tr().ws_not_member_enterprise_yet()}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain workspace-list">
                        {d.enterprises.iter().map(|e| view! {
                            <li>
                                <a href=workspace_href(locale, &e.slug)><strong>{e.name.clone()}</strong></a>
                                <span class=format!("badge status-{}", e.verification_status)>{locale.tr().verification_status(e.verification_status)}</span>
                                " · "{e.product_count}" "{locale.tr().ws_products()}
                                {e.suspension_reason.clone().map(|r| view! {
                                    <p class="warning">{locale.tr().ws_suspended_by_curator()}{r}</p>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a class="button primary" href=locale.href("/dashboard/register")>{locale.tr().ws_register_enterprise()}</a></p>
        </section>
    }
}

#[component]
pub fn RegisterEnterprisePage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, get_enterprise_choices);
    view! {
        {with_data(locale, data, move |choices| {
            let title = locale.tr().ws_register_enterprise_2();
            let posted = PostedError::from_query();
            let action = "/fn/register_enterprise";
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                <p>{locale.tr().ws_after_registering_enterprise_visible()}</p>
                <EnterpriseForm locale action enterprise_id=None input=EnterpriseInput::default()
                    districts=choices.districts.iter().map(|c| (c.value.clone(), c.label.clone())).collect()
                    posted/>
            }
        })}
    }
}

/// The enterprise profile form, for registration (with the ЕИК) and for
/// editing (the ЕИК shown, not editable).
#[component]
fn EnterpriseForm(
    locale: Locale,
    action: &'static str,
    enterprise_id: Option<i32>,
    input: EnterpriseInput,
    districts: Vec<(String, String)>,
    posted: PostedError,
) -> impl IntoView {
    let errors: Vec<FieldError> = posted.fields(action);
    let form_error = posted.for_action(action).cloned();
    let e = errors.clone();
    let i = input;
    let legal = crate::components::form::options(|f| locale.tr().legal_form(f));
    let classes = vec![
        ("A".to_string(), "A".to_string()),
        ("A+".to_string(), "A+".to_string()),
    ];
    let t = locale.tr();
    view! {
        <EnhancedForm>
            <form method="post" action=action class="stack wide">
                <LocaleField locale/>
                {enterprise_id.map(|id| view! { <input type="hidden" name="enterprise_id" value=id.to_string()/> })}
                <FormMessage locale error=form_error/>
                <TextField label=locale.tr().account_name().into() name="input[name]".into() key="name" value=i.name.clone() required=true maxlength=200 errors=e.clone()/>
                {if enterprise_id.is_none() {
                    view! {
                        <TextField label=locale.tr().ws_eik_uic().into() name="input[eik]".into() key="eik" value=i.eik.clone()
                            required=true inputmode="numeric" hint=locale.tr().ws_9_or_13_digits().to_string() errors=e.clone()/>
                    }.into_any()
                } else {
                    view! { <p>{locale.tr().ws_eik()}{i.eik.clone()}</p> <input type="hidden" name="input[eik]" value=i.eik.clone()/> }.into_any()
                }}
                <SelectField label=locale.tr().desk_legal_form().into() name="input[legal_form]".into() key="legal_form" options=legal value=i.legal_form.clone() required=true errors=e.clone()/>
                <SelectField label=locale.tr().ws_district().into() name="input[district]".into() key="district" options=districts value=i.district.clone() required=true errors=e.clone()/>
                <TextField label=locale.tr().ws_settlement().into() name="input[settlement]".into() key="settlement" value=i.settlement.clone() required=true maxlength=120 errors=e.clone()/>
                <TextField label=locale.tr().ws_address().into() name="input[address]".into() key="address" value=i.address.clone() maxlength=300 errors=e.clone()/>
                <TextField label=locale.tr().order_contact_e_mail().into() name="input[email]".into() key="email" kind="email" value=i.email.clone() required=true errors=e.clone()/>
                <TextField label=locale.tr().order_phone().into() name="input[phone]".into() key="phone" kind="tel" value=i.phone.clone() errors=e.clone()/>
                <TextField label=locale.tr().ws_website().into() name="input[website]".into() key="website" kind="url" value=i.website.clone() errors=e.clone()/>
                <TextArea label=locale.tr().desk_description().into() name="input[description]".into() key="description" value=i.description.clone() maxlength=5000 errors=e.clone()/>
                <TextArea label=locale.tr().ws_mission().into() name="input[mission]".into() key="mission" value=i.mission.clone() maxlength=2000 errors=e.clone()/>
                <fieldset>
                    <legend>{locale.tr().ws_entry_in_register_social()}</legend>
                    <TextField label=locale.tr().desk_entry_number().into() name="input[register_entry]".into() key="register_entry" value=i.register_entry.clone() maxlength=40 errors=e.clone()/>
                    <SelectField label=locale.tr().desk_class().into() name="input[register_class]".into() key="register_class" options=classes value=i.register_class.clone() errors=e.clone()/>
                </fieldset>
                <fieldset>
                    <legend>{locale.tr().ws_social_impact()}</legend>
                    <TextField label=locale.tr().ws_people_employed().into() name="input[employees_total]".into() key="employees_total" kind="number" value=i.employees_total.clone() errors=e.clone()/>
                    <TextField label=locale.tr().ws_them_from_vulnerable_groups().into() name="input[employees_vulnerable]".into() key="employees_vulnerable" kind="number" value=i.employees_vulnerable.clone() errors=e.clone()/>
                    <TextField label=locale.tr().ws_profit_reinvested().into() name="input[profit_reinvested_pct]".into() key="profit_reinvested_pct" kind="number" value=i.profit_reinvested_pct.clone() errors=e.clone()/>
                    <p>{locale.tr().ws_vulnerable_groups_enterprise_employs()}</p>
                    <ul class="plain checks">
                        {crate::domain::ImpactGroup::ALL.iter().map(|g| {
                            let label = t.impact_group(*g);
                            let g = g.code();
                            let checked = i.impact.get(g).is_some_and(|v| !v.is_empty());
                            let id = format!("impact-{g}");
                            view! {
                                <li>
                                    <input type="checkbox" id=id.clone() name=format!("input[impact][{g}]") value="on" checked=checked/>
                                    <label for=id>{label}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <FieldErrorView key="impact_groups" errors=e.clone()/>
                </fieldset>
                <button type="submit" class="primary">{if enterprise_id.is_some() { locale.tr().ws_save_profile() } else { locale.tr().ws_register() }}</button>
            </form>
        </EnhancedForm>
    }
}

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = Resource::new(move || slug.clone(), get_workspace);
    let choices = Resource::new(move || locale, get_enterprise_choices);
    view! {
        {with_data(locale, data, move |w| {
            view! {
                {with_data(locale, choices, move |c| {
                    let districts = c.districts.iter().map(|d| (d.value.clone(), d.label.clone())).collect();
                    view! { <WorkspaceView locale w=w.clone() districts/> }
                })}
            }
        })}
    }
}

#[component]
fn WorkspaceView(locale: Locale, w: Workspace, districts: Vec<(String, String)>) -> impl IntoView {
    let posted = PostedError::from_query();
    let q = use_query_map().read_untracked();
    let saved = q.get("saved");
    let imported = q.get("imported");
    let here = workspace_href(locale, &w.slug);
    let import_action = "/fn/import_csv";
    let invite_action = "/fn/invite_member";
    // An admin who is no member acts as an owner.
    let owner = w.role.is_none_or(|r| r == MemberRole::Owner);
    let import_error = posted.for_action(import_action).cloned();
    let import_fields = posted.fields(import_action);
    let invite_error = posted.for_action(invite_action).cloned();
    let invite_fields = posted.fields(invite_action);
    let logo_action = "/fn/upload_logo";
    let logo_error = posted.for_action(logo_action).cloned();
    let logo_fields = posted.fields(logo_action);
    view! {
        <PageTitle text=w.name.clone()/>
        <h1>{w.name.clone()}</h1>
        <p>
            <span class=format!("badge status-{}", w.verification_status)>{locale.tr().verification_status(w.verification_status)}</span>
            " · "<a href=locale.href(&format!("/e/{}", w.slug))>{locale.tr().desk_public_page()}</a>
        </p>
        {w.verification_note.clone().map(|n| view! { <p class="notice">{locale.tr().ws_curator_s_note()}{n}</p> })}
        {matches!(w.verification_status.code(), "rejected" | "correction_requested" | "expired").then(|| view! {
            <form method="post" action="/fn/resubmit_verification" class="inline">
                <LocaleField locale/>
                <NextField/>
                <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                <button type="submit" class="primary">{locale.tr().ws_ask_for_verification_again()}</button>
            </form>
        })}
        {w.suspension_reason.clone().map(|r| view! { <p class="warning">{locale.tr().ws_suspended_by_curator()}{r}</p> })}
        {saved.map(|_| view! { <p class="notice" role="status">{locale.tr().account_saved()}</p> })}
        {imported.map(|i| {
            let (c, u) = i.split_once('-').unwrap_or(("0", "0"));
            view! { <p class="notice" role="status">{locale.tr().ws_import_done_created()}{c.to_string()}{locale.tr().ws_updated()}{u.to_string()}"."</p> }
        })}

        <p><a class="button" href=format!("{here}/requests")>{locale.tr().ws_requests_orders()}</a></p>
        <section aria-labelledby="h-products">
            <h2 id="h-products">{locale.tr().ws_products_services()}" ("{w.products.len()}")"</h2>
            <p><a class="button primary" href=format!("{here}/p/new")>{locale.tr().ws_new_product()}</a></p>
            <table class="products-table">
                <thead><tr>
                    <th scope="col">{locale.tr().desk_product()}</th>
                    <th scope="col">{locale.tr().desk_price()}</th>
                    <th scope="col">{locale.tr().desk_status()}</th>
                    <th scope="col">{locale.tr().ws_actions()}</th>
                </tr></thead>
                <tbody>
                    {w.products.iter().map(|p| {
                        let edit = format!("{here}/p/{}", p.id);
                        let status = p.status;
                        view! {
                            <tr>
                                <td><a href=edit>{p.title.clone()}</a>
                                    {p.hidden_reason.clone().filter(|_| p.status == ProductStatus::Hidden).map(|r| view! { <br/><small class="warning">{r}</small> })}
                                </td>
                                <td>{money(p.price_cents, locale)}</td>
                                <td>{status_label(locale, p.status, p.archived)}</td>
                                <td class="actions">
                                    <ProductActionButton locale id=p.id action="publish" label=locale.tr().ws_publish() show=status == ProductStatus::Draft/>
                                    <ProductActionButton locale id=p.id action="unpublish" label=locale.tr().ws_unpublish() show=status == ProductStatus::Published/>
                                    <ProductActionButton locale id=p.id action="duplicate" label=locale.tr().ws_duplicate() show=!p.archived/>
                                    <ProductActionButton locale id=p.id action="delete" label=locale.tr().ws_delete() show=!p.archived/>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>

        <ParticipationPanel locale enterprise_id=w.id slug=w.slug.clone()/>

        <section aria-labelledby="h-csv" class="panel">
            <h2 id="h-csv">{locale.tr().ws_import_export_csv()}</h2>
            <p><a href=format!("{here}/catalogue.csv") download="">{locale.tr().ws_download_catalogue_as_csv()}</a></p>
            <p class="hint">{locale.tr().ws_utf_8_comma_or()}</p>
            <EnhancedForm>
                <form method="post" action=import_action enctype="multipart/form-data" class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                    <FormMessage locale error=import_error/>
                    <div class="field">
                        <label for="csv-file">{locale.tr().ws_csv_file()}</label>
                        <input id="csv-file" type="file" name="file" accept=".csv,text/csv" required=true data-field="file" aria-describedby="err-file"/>
                        <FieldErrorView key="file" errors=import_fields/>
                    </div>
                    <button type="submit">{locale.tr().ws_import()}</button>
                </form>
            </EnhancedForm>
        </section>

        <section aria-labelledby="h-people" class="panel">
            <h2 id="h-people">{locale.tr().ws_people()}</h2>
            <ul class="plain">
                {w.members.iter().map(|m| {
                    let role = if m.role == MemberRole::Owner { locale.tr().ws_owner() } else { locale.tr().ws_staff() };
                    view! {
                        <li>
                            {m.display_name.clone()}" ("{m.email.clone()}") — "{role}
                            {(owner && m.role != MemberRole::Owner).then(|| view! { <RemoveButton locale enterprise_id=w.id email=m.email.clone()/> })}
                        </li>
                    }
                }).collect_view()}
                {w.invited.iter().map(|email| view! {
                    <li>
                        {email.clone()}" — "{locale.tr().ws_invited()}
                        {owner.then(|| view! { <RemoveButton locale enterprise_id=w.id email=email.clone()/> })}
                    </li>
                }).collect_view()}
            </ul>
            {owner.then(move || {
                let errs = invite_fields;
                view! {
                    <EnhancedForm>
                        <form method="post" action=invite_action class="stack">
                            <LocaleField locale/>
                            <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                            <FormMessage locale error=invite_error/>
                            <TextField label=locale.tr().ws_invite_colleague_e_mail().into() name="email".into() key="email" kind="email" required=true errors=errs/>
                            <button type="submit">{locale.tr().desk_invite()}</button>
                        </form>
                    </EnhancedForm>
                }
            })}
        </section>

        <section aria-labelledby="h-profile">
            <h2 id="h-profile">{locale.tr().ws_enterprise_profile()}</h2>
            {w.logo.clone().map(|src| view! { <img class="logo" src=src alt=locale.tr().ws_logo() width="120"/> })}
            <EnhancedForm>
                <form method="post" action=logo_action enctype="multipart/form-data" class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                    <FormMessage locale error=logo_error/>
                    <div class="field">
                        <label for="logo-file">{locale.tr().desk_logo_jpeg_png_or()}</label>
                        <input id="logo-file" type="file" name="file" accept="image/jpeg,image/png,image/webp" required=true data-field="file" aria-describedby="err-file"/>
                        <FieldErrorView key="file" errors=logo_fields/>
                    </div>
                    <button type="submit">{locale.tr().desk_upload_logo()}</button>
                </form>
            </EnhancedForm>
            <EnterpriseForm locale action="/fn/update_enterprise" enterprise_id=Some(w.id) input=w.profile.clone() districts posted/>
        </section>
    }
}

#[component]
fn ProductActionButton(
    locale: Locale,
    id: i32,
    action: &'static str,
    label: &'static str,
    show: bool,
) -> impl IntoView {
    show.then(|| {
        view! {
            <form method="post" action="/fn/product_action" class="inline">
                <LocaleField locale/>
                <input type="hidden" name="product_id" value=id.to_string()/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class=format!("small action-{action}")>{label}</button>
            </form>
        }
    })
}

#[component]
fn RemoveButton(locale: Locale, enterprise_id: i32, email: String) -> impl IntoView {
    view! {
        <form method="post" action="/fn/remove_member" class="inline">
            <LocaleField locale/>
            <input type="hidden" name="enterprise_id" value=enterprise_id.to_string()/>
            <input type="hidden" name="email" value=email/>
            <button type="submit" class="small">{locale.tr().desk_remove()}</button>
        </form>
    }
}

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
    let action = "/fn/save_product";
    let upload = "/fn/upload_image";
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
        {form.product_id.map(|_| view! { <p>{locale.tr().ws_status()}{status_label(locale, form.status, false)}</p> })}
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
                <div class="buttons">
                    <button type="submit" name="publish" value="0">{locale.tr().account_save()}</button>
                    {(form.status == ProductStatus::Draft).then(|| view! {
                        <button type="submit" class="primary" name="publish" value="1">{locale.tr().ws_save_publish()}</button>
                    })}
                </div>
            </form>
        </EnhancedForm>
        {form.product_id.map(move |pid| {
            view! {
                <section aria-labelledby="h-images" class="panel">
                    <h2 id="h-images">{locale.tr().ws_images()}" ("{form.images.len()}"/8)"</h2>
                    <ul class="plain thumbs">
                        {form.images.iter().map(|img| view! {
                            <li>
                                <img src=img.thumb.clone() alt="" width="160" loading="lazy"/>
                                <form method="post" action="/fn/remove_image" class="inline">
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

/// The enterprise's networks and events: apply, accept an invitation, leave,
/// sign up for an event.
#[component]
fn ParticipationPanel(locale: Locale, enterprise_id: i32, slug: String) -> impl IntoView {
    let data = Resource::new(
        move || (locale, slug.clone()),
        |(l, s)| get_participation(l, s),
    );
    view! { {with_data(locale, data, move |p| view! { <ParticipationView locale enterprise_id p/> })} }
}

#[component]
fn ParticipationView(locale: Locale, enterprise_id: i32, p: Participation) -> impl IntoView {
    let posted = PostedError::from_query();
    let apply_action = "/fn/apply_to_network";
    let apply_error = posted.for_action(apply_action).cloned();
    let apply_fields = posted.fields(apply_action);
    let id = enterprise_id.to_string();
    let member_button = |membership: i32, action: &'static str, label: &'static str| {
        view! {
            <form method="post" action="/fn/network_membership" class="inline">
                <LocaleField locale/>
                <NextField/>
                <input type="hidden" name="membership_id" value=membership.to_string()/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="small">{label}</button>
            </form>
        }
    };
    view! {
        <section aria-labelledby="h-networks" class="panel" id="networks">
            <h2 id="h-networks">{locale.tr().desk_networks()}</h2>
            <ul class="plain">
                {p.networks.iter().map(|n| view! {
                    <li>
                        <a href=locale.href(&format!("/n/{}", n.slug))>{n.name.clone()}</a>" — "
                        {match n.status.code() {
                            "approved" => locale.tr().desk_member(),
                            "invited" => locale.tr().ws_invited_by_regional_centre(),
                            _ => locale.tr().ws_application_waiting_for_approval(),
                        }}" "
                        {(n.status == MembershipStatus::Invited).then(|| member_button(n.membership_id, "accept", locale.tr().order_accept()))}
                        {member_button(n.membership_id, "leave", if n.status == MembershipStatus::Approved { locale.tr().ws_leave() } else { locale.tr().ws_withdraw() })}
                    </li>
                }).collect_view()}
            </ul>
            {(!p.open_networks.is_empty()).then(|| {
                let id = id.clone();
                let options: Vec<(String, String)> = p.open_networks.iter().map(|c| (c.value.clone(), c.label.clone())).collect();
                view! {
                    <EnhancedForm>
                        <form method="post" action=apply_action class="stack">
                            <LocaleField locale/>
                            <NextField/>
                            <input type="hidden" name="enterprise_id" value=id.clone()/>
                            <FormMessage locale error=apply_error/>
                            <SelectField label=locale.tr().ws_apply_join_network().into() name="network_id".into() key="network" options required=true errors=apply_fields/>
                            <button type="submit">{locale.tr().ws_apply()}</button>
                        </form>
                    </EnhancedForm>
                }
            })}
        </section>
        <section aria-labelledby="h-events" class="panel" id="events">
            <h2 id="h-events">{locale.tr().desk_upcoming_events()}</h2>
            <ul class="plain">
                {p.events.iter().map(|ev| view! {
                    <li>
                        <a href=locale.href(&format!("/events/{}", ev.slug))>{ev.title.clone()}</a>
                        " · "{crate::format::date_time(ev.starts_at, locale)}" · "{ev.centre_city.clone()}" — "
                        {match ev.status {
                            Some(ParticipationStatus::Confirmed) => view! { <span>{locale.tr().ws_taking_part_confirmed()}</span> }.into_any(),
                            Some(ParticipationStatus::Applied) => view! { <span>{locale.tr().ws_signed_up_waiting_for()}</span> }.into_any(),
                            None => view! {
                                <form method="post" action="/fn/take_part" class="inline">
                                    <LocaleField locale/>
                                    <NextField/>
                                    <input type="hidden" name="enterprise_id" value=id.clone()/>
                                    <input type="hidden" name="event_id" value=ev.event_id.to_string()/>
                                    <button type="submit" class="small">{locale.tr().ws_we_will_take_part()}</button>
                                </form>
                            }.into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
