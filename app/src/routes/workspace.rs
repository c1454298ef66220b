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
use crate::error::FieldError;
use crate::format::money;
use crate::forms::{EnterpriseInput, IMPACT_GROUPS, LEGAL_FORMS, UNITS};
use crate::functions::curation::get_participation;
use crate::functions::workspace::{
    get_dashboard, get_enterprise_choices, get_product_form, get_workspace, workspace_href,
};
use crate::i18n::Locale;
use crate::models::{Dashboard, Participation, ProductForm, Workspace};
use crate::routes::curation::{NextField, verification_label};

fn status_label(locale: Locale, status: &str) -> &'static str {
    match status {
        "published" => locale.pick("Публикуван", "Published"),
        "hidden" => locale.pick("Скрит от куратор", "Hidden by a curator"),
        "archived" => locale.pick("Архивиран", "Archived"),
        _ => locale.pick("Чернова", "Draft"),
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
    let title = locale.pick("Табло", "Dashboard");
    view! {
        <PageTitle text=title.to_string()/>
        <h1>{title}</h1>
        {(!d.email_confirmed).then(|| view! { <crate::routes::accounts::ConfirmAddressNotice locale/> })}
        {(!d.invitations.is_empty()).then(|| view! {
            <section aria-labelledby="h-inv" class="panel">
                <h2 id="h-inv">{locale.pick("Покани", "Invitations")}</h2>
                <ul class="plain">
                    {d.invitations.iter().map(|i| view! {
                        <li>
                            <form method="post" action="/fn/accept_invitation" class="inline">
                                <LocaleField locale/>
                                <input type="hidden" name="invitation_id" value=i.id.to_string()/>
                                {i.enterprise_name.clone()}" "
                                <button type="submit">{locale.pick("Присъедини се", "Join")}</button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="h-mine">
            <h2 id="h-mine">{locale.pick("Моите предприятия", "My enterprises")}</h2>
            {if d.enterprises.is_empty() {
                view! { <p>{locale.pick("Още не сте член на предприятие.", "You are not a member of an enterprise yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain workspace-list">
                        {d.enterprises.iter().map(|e| view! {
                            <li>
                                <a href=workspace_href(locale, &e.slug)><strong>{e.name.clone()}</strong></a>
                                <span class=format!("badge status-{}", e.verification_status)>{verification_label(locale, &e.verification_status)}</span>
                                " · "{e.product_count}" "{locale.pick("продукта", "products")}
                                {e.suspension_reason.clone().map(|r| view! {
                                    <p class="warning">{locale.pick("Спряно от куратор: ", "Suspended by a curator: ")}{r}</p>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a class="button primary" href=locale.href("/dashboard/register")>{locale.pick("Регистрирай предприятие", "Register an enterprise")}</a></p>
        </section>
    }
}

#[component]
pub fn RegisterEnterprisePage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, get_enterprise_choices);
    view! {
        {with_data(locale, data, move |choices| {
            let title = locale.pick("Регистрация на предприятие", "Register an enterprise");
            let posted = PostedError::from_query();
            let action = "/fn/register_enterprise";
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                <p>{locale.pick(
                    "След регистрацията предприятието е видимо като „непроверено“, докато регионалният център не го свери с Регистъра на социалните предприятия.",
                    "After registering, the enterprise is visible as \"not verified\" until its regional centre matches it to the Register of Social Enterprises.",
                )}</p>
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
    let legal: Vec<(String, String)> = LEGAL_FORMS
        .iter()
        .map(|f| (f.to_string(), f.to_string()))
        .collect();
    let classes = vec![
        ("A".to_string(), "A".to_string()),
        ("A+".to_string(), "A+".to_string()),
    ];
    let t = locale.t();
    view! {
        <EnhancedForm>
            <form method="post" action=action class="stack wide">
                <LocaleField locale/>
                {enterprise_id.map(|id| view! { <input type="hidden" name="enterprise_id" value=id.to_string()/> })}
                <FormMessage locale error=form_error/>
                <TextField label=locale.pick("Име", "Name").into() name="input[name]".into() key="name" value=i.name.clone() required=true maxlength=200 errors=e.clone()/>
                {if enterprise_id.is_none() {
                    view! {
                        <TextField label=locale.pick("ЕИК", "EIK (UIC)").into() name="input[eik]".into() key="eik" value=i.eik.clone()
                            required=true inputmode="numeric" hint=locale.pick("9 или 13 цифри.", "9 or 13 digits.").to_string() errors=e.clone()/>
                    }.into_any()
                } else {
                    view! { <p>{locale.pick("ЕИК: ", "EIK: ")}{i.eik.clone()}</p> <input type="hidden" name="input[eik]" value=i.eik.clone()/> }.into_any()
                }}
                <SelectField label=locale.pick("Правна форма", "Legal form").into() name="input[legal_form]".into() key="legal_form" options=legal value=i.legal_form.clone() required=true errors=e.clone()/>
                <SelectField label=locale.pick("Област", "District").into() name="input[district]".into() key="district" options=districts value=i.district.clone() required=true errors=e.clone()/>
                <TextField label=locale.pick("Населено място", "Settlement").into() name="input[settlement]".into() key="settlement" value=i.settlement.clone() required=true maxlength=120 errors=e.clone()/>
                <TextField label=locale.pick("Адрес", "Address").into() name="input[address]".into() key="address" value=i.address.clone() maxlength=300 errors=e.clone()/>
                <TextField label=locale.pick("Имейл за контакт", "Contact e-mail").into() name="input[email]".into() key="email" kind="email" value=i.email.clone() required=true errors=e.clone()/>
                <TextField label=locale.pick("Телефон", "Phone").into() name="input[phone]".into() key="phone" kind="tel" value=i.phone.clone() errors=e.clone()/>
                <TextField label=locale.pick("Уебсайт", "Website").into() name="input[website]".into() key="website" kind="url" value=i.website.clone() errors=e.clone()/>
                <TextArea label=locale.pick("Описание", "Description").into() name="input[description]".into() key="description" value=i.description.clone() maxlength=5000 errors=e.clone()/>
                <TextArea label=locale.pick("Мисия", "Mission").into() name="input[mission]".into() key="mission" value=i.mission.clone() maxlength=2000 errors=e.clone()/>
                <fieldset>
                    <legend>{locale.pick("Вписване в Регистъра на социалните предприятия (ако има)", "Entry in the Register of Social Enterprises (if any)")}</legend>
                    <TextField label=locale.pick("Номер на вписване", "Entry number").into() name="input[register_entry]".into() key="register_entry" value=i.register_entry.clone() maxlength=40 errors=e.clone()/>
                    <SelectField label=locale.pick("Клас", "Class").into() name="input[register_class]".into() key="register_class" options=classes value=i.register_class.clone() errors=e.clone()/>
                </fieldset>
                <fieldset>
                    <legend>{locale.pick("Социално въздействие", "Social impact")}</legend>
                    <TextField label=locale.pick("Заети общо", "People employed").into() name="input[employees_total]".into() key="employees_total" kind="number" value=i.employees_total.clone() errors=e.clone()/>
                    <TextField label=locale.pick("От тях от уязвими групи", "Of them from vulnerable groups").into() name="input[employees_vulnerable]".into() key="employees_vulnerable" kind="number" value=i.employees_vulnerable.clone() errors=e.clone()/>
                    <TextField label=locale.pick("Реинвестирана печалба, %", "Profit reinvested, %").into() name="input[profit_reinvested_pct]".into() key="profit_reinvested_pct" kind="number" value=i.profit_reinvested_pct.clone() errors=e.clone()/>
                    <p>{locale.pick("Уязвими групи, които предприятието наема:", "Vulnerable groups the enterprise employs:")}</p>
                    <ul class="plain checks">
                        {IMPACT_GROUPS.iter().map(|g| {
                            let checked = i.impact.get(*g).is_some_and(|v| !v.is_empty());
                            let id = format!("impact-{g}");
                            view! {
                                <li>
                                    <input type="checkbox" id=id.clone() name=format!("input[impact][{g}]") value="on" checked=checked/>
                                    <label for=id>{t.impact_group(g)}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <FieldErrorView key="impact_groups" errors=e.clone()/>
                </fieldset>
                <button type="submit" class="primary">{if enterprise_id.is_some() { locale.pick("Запази профила", "Save profile") } else { locale.pick("Регистрирай", "Register") }}</button>
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
    let owner = w.role == "owner" || w.role == "admin";
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
            <span class=format!("badge status-{}", w.verification_status)>{verification_label(locale, &w.verification_status)}</span>
            " · "<a href=locale.href(&format!("/e/{}", w.slug))>{locale.pick("Публична страница", "Public page")}</a>
        </p>
        {w.verification_note.clone().map(|n| view! { <p class="notice">{locale.pick("Бележка от куратора: ", "Curator's note: ")}{n}</p> })}
        {matches!(w.verification_status.as_str(), "rejected" | "correction_requested" | "expired").then(|| view! {
            <form method="post" action="/fn/resubmit_verification" class="inline">
                <LocaleField locale/>
                <NextField/>
                <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                <button type="submit" class="primary">{locale.pick("Поискай проверка отново", "Ask for verification again")}</button>
            </form>
        })}
        {w.suspension_reason.clone().map(|r| view! { <p class="warning">{locale.pick("Спряно от куратор: ", "Suspended by a curator: ")}{r}</p> })}
        {saved.map(|_| view! { <p class="notice" role="status">{locale.pick("Запазено.", "Saved.")}</p> })}
        {imported.map(|i| {
            let (c, u) = i.split_once('-').unwrap_or(("0", "0"));
            view! { <p class="notice" role="status">{locale.pick("Импортът е готов: нови ", "Import done: created ")}{c.to_string()}{locale.pick(", обновени ", ", updated ")}{u.to_string()}"."</p> }
        })}

        <p><a class="button" href=format!("{here}/requests")>{locale.pick("Запитвания и поръчки", "Requests and orders")}</a></p>
        <section aria-labelledby="h-products">
            <h2 id="h-products">{locale.pick("Продукти и услуги", "Products and services")}" ("{w.products.len()}")"</h2>
            <p><a class="button primary" href=format!("{here}/p/new")>{locale.pick("Нов продукт", "New product")}</a></p>
            <table class="products-table">
                <thead><tr>
                    <th scope="col">{locale.pick("Продукт", "Product")}</th>
                    <th scope="col">{locale.pick("Цена", "Price")}</th>
                    <th scope="col">{locale.pick("Състояние", "Status")}</th>
                    <th scope="col">{locale.pick("Действия", "Actions")}</th>
                </tr></thead>
                <tbody>
                    {w.products.iter().map(|p| {
                        let edit = format!("{here}/p/{}", p.id);
                        let status = p.status.clone();
                        view! {
                            <tr>
                                <td><a href=edit>{p.title.clone()}</a>
                                    {p.hidden_reason.clone().filter(|_| p.status == "hidden").map(|r| view! { <br/><small class="warning">{r}</small> })}
                                </td>
                                <td>{money(p.price_cents, locale)}</td>
                                <td>{status_label(locale, &p.status)}</td>
                                <td class="actions">
                                    <ProductActionButton locale id=p.id action="publish" label=locale.pick("Публикувай", "Publish") show=status == "draft"/>
                                    <ProductActionButton locale id=p.id action="unpublish" label=locale.pick("Спри", "Unpublish") show=status == "published"/>
                                    <ProductActionButton locale id=p.id action="duplicate" label=locale.pick("Копирай", "Duplicate") show=status != "archived"/>
                                    <ProductActionButton locale id=p.id action="delete" label=locale.pick("Изтрий", "Delete") show=status != "archived"/>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>

        <ParticipationPanel locale enterprise_id=w.id slug=w.slug.clone()/>

        <section aria-labelledby="h-csv" class="panel">
            <h2 id="h-csv">{locale.pick("Импорт и експорт (CSV)", "Import and export (CSV)")}</h2>
            <p><a href=format!("{here}/catalogue.csv") download="">{locale.pick("Изтегли каталога като CSV", "Download the catalogue as CSV")}</a></p>
            <p class="hint">{locale.pick(
                "UTF-8, разделител запетая или точка и запетая. Колони: slug, title, description, category, price, unit, availability, stock, min_order, tags (разделени с |), status. Празен slug създава нов продукт. Импортът е всичко или нищо.",
                "UTF-8, comma or semicolon separated. Columns: slug, title, description, category, price, unit, availability, stock, min_order, tags (separated by |), status. An empty slug creates a new product. An import is all or nothing.",
            )}</p>
            <EnhancedForm>
                <form method="post" action=import_action enctype="multipart/form-data" class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                    <FormMessage locale error=import_error/>
                    <div class="field">
                        <label for="csv-file">{locale.pick("CSV файл", "CSV file")}</label>
                        <input id="csv-file" type="file" name="file" accept=".csv,text/csv" required=true data-field="file" aria-describedby="err-file"/>
                        <FieldErrorView key="file" errors=import_fields/>
                    </div>
                    <button type="submit">{locale.pick("Импортирай", "Import")}</button>
                </form>
            </EnhancedForm>
        </section>

        <section aria-labelledby="h-people" class="panel">
            <h2 id="h-people">{locale.pick("Хора", "People")}</h2>
            <ul class="plain">
                {w.members.iter().map(|m| {
                    let role = if m.role == "owner" { locale.pick("собственик", "owner") } else { locale.pick("служител", "staff") };
                    view! {
                        <li>
                            {m.display_name.clone()}" ("{m.email.clone()}") — "{role}
                            {(owner && m.role != "owner").then(|| view! { <RemoveButton locale enterprise_id=w.id email=m.email.clone()/> })}
                        </li>
                    }
                }).collect_view()}
                {w.invited.iter().map(|email| view! {
                    <li>
                        {email.clone()}" — "{locale.pick("поканен", "invited")}
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
                            <TextField label=locale.pick("Покани колега (имейл)", "Invite a colleague (e-mail)").into() name="email".into() key="email" kind="email" required=true errors=errs/>
                            <button type="submit">{locale.pick("Покани", "Invite")}</button>
                        </form>
                    </EnhancedForm>
                }
            })}
        </section>

        <section aria-labelledby="h-profile">
            <h2 id="h-profile">{locale.pick("Профил на предприятието", "Enterprise profile")}</h2>
            {w.logo.clone().map(|src| view! { <img class="logo" src=src alt=locale.pick("Лого", "Logo") width="120"/> })}
            <EnhancedForm>
                <form method="post" action=logo_action enctype="multipart/form-data" class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                    <FormMessage locale error=logo_error/>
                    <div class="field">
                        <label for="logo-file">{locale.pick("Лого (JPEG, PNG или WebP, до 10 MB)", "Logo (JPEG, PNG or WebP, up to 10 MB)")}</label>
                        <input id="logo-file" type="file" name="file" accept="image/jpeg,image/png,image/webp" required=true data-field="file" aria-describedby="err-file"/>
                        <FieldErrorView key="file" errors=logo_fields/>
                    </div>
                    <button type="submit">{locale.pick("Качи логото", "Upload the logo")}</button>
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
            <button type="submit" class="small">{locale.pick("Премахни", "Remove")}</button>
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
    let t = locale.t();
    let title = match &form.product_id {
        Some(_) => i.title.clone(),
        None => locale
            .pick("Нов продукт или услуга", "New product or service")
            .to_string(),
    };
    let units: Vec<(String, String)> = UNITS
        .iter()
        .map(|u| (u.to_string(), t.unit(u).to_string()))
        .collect();
    let avail: Vec<(String, String)> = crate::forms::AVAILABILITIES
        .iter()
        .map(|a| (a.to_string(), t.availability(a).to_string()))
        .collect();
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
        {form.product_id.map(|_| view! { <p>{locale.pick("Състояние: ", "Status: ")}{status_label(locale, &form.status)}</p> })}
        {form.slug.clone().filter(|_| form.status == "published").map(|s| view! {
            <p><a href=locale.href(&format!("/p/{s}"))>{locale.pick("Виж публичната страница", "See the public page")}</a></p>
        })}
        {saved.map(|_| view! { <p class="notice" role="status">{locale.pick("Запазено.", "Saved.")}</p> })}
        <EnhancedForm>
            <form method="post" action=action class="stack wide">
                <LocaleField locale/>
                <input type="hidden" name="enterprise_id" value=form.enterprise_id.to_string()/>
                {form.product_id.map(|id| view! { <input type="hidden" name="product_id" value=id.to_string()/> })}
                <input type="hidden" name="creation_key" value=form.creation_key.clone()/>
                <FormMessage locale error=action_error/>
                <TextField label=locale.pick("Заглавие", "Title").into() name="input[title]".into() key="title" value=i.title.clone() required=true maxlength=200 errors=e.clone()/>
                <TextArea label=locale.pick("Описание", "Description").into() name="input[description]".into() key="description" value=i.description.clone() maxlength=5000 errors=e.clone()/>
                <SelectField label=locale.pick("Категория", "Category").into() name="input[category]".into() key="category" options=cats value=i.category.clone() required=true errors=e.clone()/>
                <TextField label=locale.pick("Цена в евро", "Price in euro").into() name="input[price]".into() key="price" value=i.price.clone() required=true inputmode="decimal"
                    hint=locale.pick("Напр. 12,50", "E.g. 12.50").to_string() errors=e.clone()/>
                <SelectField label=locale.pick("Мярка", "Unit").into() name="input[unit]".into() key="unit" options=units value=i.unit.clone() required=true errors=e.clone()/>
                <SelectField label=locale.pick("Наличност", "Availability").into() name="input[availability]".into() key="availability" options=avail value=i.availability.clone() required=true errors=e.clone()/>
                <TextField label=locale.pick("Количество на склад", "Quantity in stock").into() name="input[stock]".into() key="stock" kind="number" value=i.stock.clone()
                    hint=locale.pick("Само за „в наличност“.", "Only for \"in stock\".").to_string() errors=e.clone()/>
                <TextField label=locale.pick("Минимална поръчка", "Minimum order").into() name="input[min_order]".into() key="min_order" kind="number" value=i.min_order.clone() errors=e.clone()/>
                <TextField label=locale.pick("Етикети", "Tags").into() name="input[tags]".into() key="tags" value=i.tags.clone()
                    hint=locale.pick("Разделени със запетая, до 10.", "Separated by commas, up to 10.").to_string() errors=e.clone()/>
                <div class="buttons">
                    <button type="submit" name="publish" value="0">{locale.pick("Запази", "Save")}</button>
                    {(form.status == "draft").then(|| view! {
                        <button type="submit" class="primary" name="publish" value="1">{locale.pick("Запази и публикувай", "Save and publish")}</button>
                    })}
                </div>
            </form>
        </EnhancedForm>
        {form.product_id.map(move |pid| {
            view! {
                <section aria-labelledby="h-images" class="panel">
                    <h2 id="h-images">{locale.pick("Снимки", "Images")}" ("{form.images.len()}"/8)"</h2>
                    <ul class="plain thumbs">
                        {form.images.iter().map(|img| view! {
                            <li>
                                <img src=img.thumb.clone() alt="" width="160" loading="lazy"/>
                                <form method="post" action="/fn/remove_image" class="inline">
                                    <LocaleField locale/>
                                    <input type="hidden" name="image_id" value=img.id.to_string()/>
                                    <button type="submit" class="small">{locale.pick("Махни", "Remove")}</button>
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
                                <label for="image-file">{locale.pick("Добави снимка (JPEG, PNG или WebP, до 10 MB)", "Add an image (JPEG, PNG or WebP, up to 10 MB)")}</label>
                                <input id="image-file" type="file" name="file" accept="image/jpeg,image/png,image/webp" required=true data-field="file" aria-describedby="err-file"/>
                                <FieldErrorView key="file" errors=ue/>
                            </div>
                            <button type="submit">{locale.pick("Качи", "Upload")}</button>
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
            <h2 id="h-networks">{locale.pick("Мрежи", "Networks")}</h2>
            <ul class="plain">
                {p.networks.iter().map(|n| view! {
                    <li>
                        <a href=locale.href(&format!("/n/{}", n.slug))>{n.name.clone()}</a>" — "
                        {match n.status.as_str() {
                            "approved" => locale.pick("член", "member"),
                            "invited" => locale.pick("покана от регионалния център", "invited by the regional centre"),
                            _ => locale.pick("кандидатурата чака одобрение", "application waiting for approval"),
                        }}" "
                        {(n.status == "invited").then(|| member_button(n.membership_id, "accept", locale.pick("Приеми", "Accept")))}
                        {member_button(n.membership_id, "leave", if n.status == "approved" { locale.pick("Напусни", "Leave") } else { locale.pick("Откажи", "Withdraw") })}
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
                            <SelectField label=locale.pick("Кандидатствай за мрежа", "Apply to join a network").into() name="network_id".into() key="network" options required=true errors=apply_fields/>
                            <button type="submit">{locale.pick("Кандидатствай", "Apply")}</button>
                        </form>
                    </EnhancedForm>
                }
            })}
        </section>
        <section aria-labelledby="h-events" class="panel" id="events">
            <h2 id="h-events">{locale.pick("Предстоящи събития", "Upcoming events")}</h2>
            <ul class="plain">
                {p.events.iter().map(|ev| view! {
                    <li>
                        <a href=locale.href(&format!("/events/{}", ev.slug))>{ev.title.clone()}</a>
                        " · "{crate::format::date_time(ev.starts_at, locale)}" · "{ev.centre_city.clone()}" — "
                        {match ev.status.as_deref() {
                            Some("confirmed") => view! { <span>{locale.pick("участието е потвърдено", "taking part (confirmed)")}</span> }.into_any(),
                            Some(_) => view! { <span>{locale.pick("заявено, чака потвърждение", "signed up, waiting for confirmation")}</span> }.into_any(),
                            None => view! {
                                <form method="post" action="/fn/take_part" class="inline">
                                    <LocaleField locale/>
                                    <NextField/>
                                    <input type="hidden" name="enterprise_id" value=id.clone()/>
                                    <input type="hidden" name="event_id" value=ev.event_id.to_string()/>
                                    <button type="submit" class="small">{locale.pick("Ще участваме", "We will take part")}</button>
                                </form>
                            }.into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
