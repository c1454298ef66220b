//! `/dashboard/e/<slug>`: an enterprise's workspace (status, products, CSV,
//! people, profile, networks and events).

use crate::components::actions::{ActionButton, NextField};
use crate::components::badges::product_state;
use crate::components::form::{
    EnhancedForm, FieldError as FieldErrorView, FormMessage, LocaleField, PostedError, SelectField,
    TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::MemberRole;
use crate::domain::MembershipStatus;
use crate::domain::ParticipationStatus;
use crate::domain::ProductStatus;
use crate::domain::VerificationStatus;
use crate::error::AppError;
use crate::format::money;
use crate::functions::curation::ApplyToNetwork;
use crate::functions::curation::NetworkMembership;
use crate::functions::curation::ResubmitVerification;
use crate::functions::curation::TakePart;
use crate::functions::curation::get_participation;
use crate::functions::workspace::ImportCsv;
use crate::functions::workspace::InviteMember;
use crate::functions::workspace::MakeOwner;
use crate::functions::workspace::ProductAction;
use crate::functions::workspace::RemoveMember;
use crate::functions::workspace::UpdateEnterprise;
use crate::functions::workspace::UploadLogo;
use crate::functions::workspace::{get_enterprise_choices, get_workspace, workspace_href};
use crate::i18n::Locale;
use crate::models::{Participation, Workspace};
use crate::routes::workspace::EnterpriseForm;
use crate::routes::workspace::csv_help::CsvHelp;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The sections of a workspace, one shown at a time (`?section=`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Products,
    Csv,
    People,
    Networks,
    Profile,
}

impl Section {
    const ALL: [Section; 5] = [
        Section::Products,
        Section::Csv,
        Section::People,
        Section::Networks,
        Section::Profile,
    ];

    fn code(self) -> &'static str {
        match self {
            Section::Products => "products",
            Section::Csv => "csv",
            Section::People => "people",
            Section::Networks => "networks",
            Section::Profile => "profile",
        }
    }

    fn label(self, locale: Locale) -> &'static str {
        let t = locale.tr();
        match self {
            Section::Products => t.ws_products_services(),
            Section::Csv => t.ws_import_export_csv(),
            Section::People => t.ws_people(),
            Section::Networks => t.ws_networks_events(),
            Section::Profile => t.ws_enterprise_profile(),
        }
    }

    /// The section asked for, else the one an action came back from.
    fn from_query(section: Option<&str>, saved: Option<&str>, imported: bool) -> Section {
        if let Some(s) = Section::ALL.into_iter().find(|s| Some(s.code()) == section) {
            return s;
        }
        match saved {
            _ if imported => Section::Csv,
            Some("profile" | "logo") => Section::Profile,
            Some("invited" | "removed") => Section::People,
            Some("network" | "event") => Section::Networks,
            _ => Section::Products,
        }
    }
}

/// What an action that came back here did, said plainly.
fn saved_text(locale: Locale, saved: &str) -> &'static str {
    let t = locale.tr();
    match saved {
        "publish" => t.ws_saved_published(),
        "unpublish" => t.ws_saved_unpublished(),
        "duplicate" => t.ws_saved_duplicated(),
        "delete" => t.ws_saved_deleted(),
        "invited" => t.ws_saved_invited(),
        "removed" => t.ws_saved_removed(),
        "owner" => t.ws_saved_owner(),
        "logo" => t.desk_logo_was_uploaded(),
        "profile" => t.ws_saved_profile(),
        _ => t.account_saved(),
    }
}

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    // One resource for the whole page: a resource made while an outer one
    // renders can outlive that render and run without the page's context.
    let data = Resource::new(
        move || (locale, slug.clone()),
        |(l, s)| async move {
            let w = get_workspace(l, s.clone()).await?;
            let c = get_enterprise_choices(l).await?;
            let p = get_participation(l, s).await?;
            Ok::<_, AppError>((w, c, p))
        },
    );
    view! {
        {with_data(locale, data, move |(w, c, p)| {
            let districts = c.districts.iter().map(|d| (d.value.clone(), d.label.clone())).collect();
            view! { <WorkspaceView locale w districts participation=p/> }
        })}
    }
}

#[component]
fn WorkspaceView(
    locale: Locale,
    w: Workspace,
    districts: Vec<(String, String)>,
    participation: Participation,
) -> impl IntoView {
    let posted = PostedError::from_query();
    let q = use_query_map().read_untracked();
    let saved = q.get("saved");
    let imported = q.get("imported");
    let section = Section::from_query(
        q.get("section").as_deref(),
        saved.as_deref(),
        imported.is_some(),
    );
    let here = workspace_href(locale, &w.slug);
    let t = locale.tr();
    view! {
        <PageTitle text=format!("{} — {}", w.name, section.label(locale))/>
        <h1>{w.name.clone()}</h1>
        <p>
            <span class=format!("badge status-{}", w.verification_status)>{t.verification_status(w.verification_status)}</span>
            " · "<a href=locale.href(&format!("/e/{}", w.slug))>{t.desk_public_page()}</a>
            " · "<a href=format!("{here}/requests")>{t.ws_requests_orders()}</a>
        </p>
        {w.verification_note.clone().map(|n| view! { <p class="notice">{t.ws_curator_s_note()}{n}</p> })}
        {matches!(
            w.verification_status,
            VerificationStatus::Rejected | VerificationStatus::CorrectionRequested | VerificationStatus::Expired
        ).then(|| view! {
            <form method="post" action=ResubmitVerification::PATH class="inline">
                <LocaleField locale/>
                <NextField/>
                <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                <button type="submit" class="primary">{t.ws_ask_for_verification_again()}</button>
            </form>
        })}
        {w.suspension_reason.clone().map(|r| view! { <p class="warning">{t.ws_suspended_by_curator()}{r}</p> })}
        {saved.map(|s| view! { <p class="notice" role="status">{saved_text(locale, &s)}</p> })}
        {imported.map(|i| {
            let (c, u) = i.split_once('-').unwrap_or(("0", "0"));
            view! { <p class="notice" role="status">{t.ws_import_done_created()}{c.to_string()}{t.ws_updated()}{u.to_string()}"."</p> }
        })}
        <nav aria-label=t.ws_sections()>
            <ul class="section-nav">
                {Section::ALL.into_iter().map(|s| view! {
                    <li>
                        <a href=format!("{here}?section={}", s.code()) aria-current=(s == section).then_some("page")>
                            {s.label(locale)}
                            {(s == Section::Products).then(|| format!(" ({})", w.products.len()))}
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
        {match section {
            Section::Products => view! { <ProductsSection locale w=w.clone() here=here.clone()/> }.into_any(),
            Section::Csv => view! { <CsvSection locale w=w.clone() here=here.clone() posted=posted.clone()/> }.into_any(),
            Section::People => view! { <PeopleSection locale w=w.clone() posted=posted.clone()/> }.into_any(),
            Section::Networks => view! { <ParticipationView locale enterprise_id=w.id p=participation/> }.into_any(),
            Section::Profile => view! { <ProfileSection locale w=w.clone() districts posted/> }.into_any(),
        }}
    }
}

#[component]
fn ProductsSection(locale: Locale, w: Workspace, here: String) -> impl IntoView {
    let t = locale.tr();
    view! {
        <section aria-labelledby="h-products">
            <h2 id="h-products">{t.ws_products_services()}" ("{w.products.len()}")"</h2>
            <p><a class="button primary" href=format!("{here}/p/new")>{t.ws_new_product()}</a></p>
            {if w.products.is_empty() {
                view! {
                    <div class="empty">
                        <p><strong>{t.ws_no_products_yet()}</strong></p>
                        <p>{t.ws_how_to_start()}</p>
                        <p>
                            <a href=format!("{here}/p/new")>{t.ws_new_product()}</a>
                            " · "
                            <a href=format!("{here}?section=csv")>{t.ws_import_export_csv()}</a>
                        </p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-label=t.ws_products_services() tabindex="0">
                        <table class="products-table">
                            <thead><tr>
                                <th scope="col">{t.desk_product()}</th>
                                <th scope="col">{t.desk_price()}</th>
                                <th scope="col">{t.desk_status()}</th>
                                <th scope="col">{t.ws_actions()}</th>
                            </tr></thead>
                            <tbody>
                                {w.products.iter().map(|p| {
                                    let edit = format!("{here}/p/{}", p.id);
                                    let status = p.status;
                                    let fields = |action: &str| vec![("product_id", p.id.to_string()), ("action", action.to_string())];
                                    view! {
                                        <tr>
                                            <td><a href=edit>{p.title.clone()}</a>
                                                {p.hidden_reason.clone().filter(|_| p.status == ProductStatus::Hidden).map(|r| view! { <br/><small class="warning">{r}</small> })}
                                            </td>
                                            <td>{money(p.price_cents, locale)}</td>
                                            <td>{product_state(locale, p.status, p.archived)}</td>
                                            <td class="actions">
                                                {(status == ProductStatus::Draft).then(|| view! { <ActionButton locale action=ProductAction::PATH small=true class="action-publish" fields=fields("publish") label=t.ws_publish()/> })}
                                                {(status == ProductStatus::Published).then(|| view! { <ActionButton locale action=ProductAction::PATH small=true class="action-unpublish" fields=fields("unpublish") label=t.ws_unpublish()/> })}
                                                {(!p.archived).then(|| view! { <ActionButton locale action=ProductAction::PATH small=true class="action-duplicate" fields=fields("duplicate") label=t.ws_duplicate()/> })}
                                                {(!p.archived).then(|| view! {
                                                    <ActionButton locale action=ProductAction::PATH small=true class="action-delete" fields=fields("delete")
                                                        label=t.ws_delete() confirm=t.ws_confirm_delete_product()/>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn CsvSection(locale: Locale, w: Workspace, here: String, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let import_action = ImportCsv::PATH;
    let import_error = posted.for_action(import_action).cloned();
    let import_fields = posted.fields(import_action);
    view! {
        <section aria-labelledby="h-csv">
            <h2 id="h-csv">{t.ws_import_export_csv()}</h2>
            <p class="buttons">
                <a class="button secondary" href=format!("{here}/catalogue.csv") download="">{t.ws_download_catalogue_as_csv()}</a>
                <a class="button secondary" href=locale.href("/dashboard/catalogue-template.csv") download="">{t.csv_template()}</a>
            </p>
            <EnhancedForm>
                <form method="post" action=import_action enctype="multipart/form-data" class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                    <FormMessage locale error=import_error/>
                    <div class="field">
                        <label for="csv-file">{t.ws_csv_file()}</label>
                        <input id="csv-file" type="file" name="file" accept=".csv,text/csv" required=true data-field="file" aria-describedby="err-file"/>
                        <FieldErrorView key="file" errors=import_fields/>
                    </div>
                    <button type="submit">{t.ws_import()}</button>
                </form>
            </EnhancedForm>
            <CsvHelp locale categories=w.categories.clone()/>
        </section>
    }
}

#[component]
fn PeopleSection(locale: Locale, w: Workspace, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let invite_action = InviteMember::PATH;
    let invite_error = posted.for_action(invite_action).cloned();
    let invite_fields = posted.fields(invite_action);
    // An admin who is no member acts as an owner.
    let owner = w.role.is_none_or(|r| r == MemberRole::Owner);
    let remove = move |email: String| {
        view! {
            <ActionButton locale action=RemoveMember::PATH small=true
                fields=vec![("enterprise_id", w.id.to_string()), ("email", email)]
                label=t.desk_remove() confirm=t.ws_confirm_remove_member()/>
        }
    };
    let promote = move |email: String| {
        view! {
            <ActionButton locale action=MakeOwner::PATH small=true
                fields=vec![("enterprise_id", w.id.to_string()), ("email", email)]
                label=t.ws_make_owner() confirm=t.ws_confirm_make_owner()/>
        }
    };
    view! {
        <section aria-labelledby="h-people">
            <h2 id="h-people">{t.ws_people()}</h2>
            <ul class="plain">
                {w.members.iter().map(|m| {
                    let role = if m.role == MemberRole::Owner { t.ws_owner() } else { t.ws_staff() };
                    view! {
                        <li>
                            {m.display_name.clone()}" ("{m.email.clone()}") — "{role}" "
                            {(owner && m.role != MemberRole::Owner).then(|| view! {
                                {promote(m.email.clone())}" "{remove(m.email.clone())}
                            })}
                        </li>
                    }
                }).collect_view()}
                {w.invited.iter().map(|email| view! {
                    <li>
                        {email.clone()}" — "{t.ws_invited()}" "
                        {owner.then(|| remove(email.clone()))}
                    </li>
                }).collect_view()}
            </ul>
            {owner.then(move || view! {
                <EnhancedForm>
                    <form method="post" action=invite_action class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                        <FormMessage locale error=invite_error/>
                        <TextField label=t.ws_invite_colleague_e_mail().into() name="email".into() key="email" prefix="invite-" kind="email" required=true errors=invite_fields/>
                        <button type="submit">{t.desk_invite()}</button>
                    </form>
                </EnhancedForm>
            })}
        </section>
    }
}

#[component]
fn ProfileSection(
    locale: Locale,
    w: Workspace,
    districts: Vec<(String, String)>,
    posted: PostedError,
) -> impl IntoView {
    let t = locale.tr();
    let logo_action = UploadLogo::PATH;
    let logo_error = posted.for_action(logo_action).cloned();
    let logo_fields = posted.fields(logo_action);
    view! {
        <section aria-labelledby="h-profile">
            <h2 id="h-profile">{t.ws_enterprise_profile()}</h2>
            {w.logo.clone().map(|src| view! { <img class="logo" src=src alt=t.ws_logo() width="120"/> })}
            <EnhancedForm>
                <form method="post" action=logo_action enctype="multipart/form-data" class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="enterprise_id" value=w.id.to_string()/>
                    <FormMessage locale error=logo_error/>
                    <div class="field">
                        <label for="logo-file">{t.desk_logo_jpeg_png_or()}</label>
                        <input id="logo-file" type="file" name="file" accept="image/jpeg,image/png,image/webp" required=true data-field="file" aria-describedby="err-file"/>
                        <FieldErrorView key="file" errors=logo_fields/>
                    </div>
                    <button type="submit">{t.desk_upload_logo()}</button>
                </form>
            </EnhancedForm>
            <EnterpriseForm locale action=UpdateEnterprise::PATH enterprise_id=Some(w.id) input=w.profile.clone() districts posted/>
        </section>
    }
}

/// The enterprise's networks and events: apply, accept an invitation, leave,
/// sign up for an event.
#[component]
fn ParticipationView(locale: Locale, enterprise_id: i32, p: Participation) -> impl IntoView {
    let posted = PostedError::from_query();
    let apply_action = ApplyToNetwork::PATH;
    let apply_error = posted.for_action(apply_action).cloned();
    let apply_fields = posted.fields(apply_action);
    let id = enterprise_id.to_string();
    let member_button = |membership: i32, action: &'static str, label: &'static str| {
        view! {
            <form method="post" action=NetworkMembership::PATH class="inline">
                <LocaleField locale/>
                <NextField/>
                <input type="hidden" name="membership_id" value=membership.to_string()/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="small">{label}</button>
            </form>
        }
    };
    view! {
        <section aria-labelledby="h-networks" id="networks">
            <h2 id="h-networks">{locale.tr().desk_networks()}</h2>
            <ul class="plain">
                {p.networks.iter().map(|n| view! {
                    <li>
                        <a href=locale.href(&format!("/n/{}", n.slug))>{n.name.clone()}</a>" — "
                        {match n.status {
                            MembershipStatus::Approved => locale.tr().desk_member(),
                            MembershipStatus::Invited => locale.tr().ws_invited_by_regional_centre(),
                            MembershipStatus::Applied => locale.tr().ws_application_waiting_for_approval(),
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
        <section aria-labelledby="h-events" id="events">
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
                                <form method="post" action=TakePart::PATH class="inline">
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
