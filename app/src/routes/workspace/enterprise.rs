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
use crate::format::money;
use crate::functions::curation::ApplyToNetwork;
use crate::functions::curation::NetworkMembership;
use crate::functions::curation::ResubmitVerification;
use crate::functions::curation::TakePart;
use crate::functions::curation::get_participation;
use crate::functions::workspace::ImportCsv;
use crate::functions::workspace::InviteMember;
use crate::functions::workspace::ProductAction;
use crate::functions::workspace::RemoveMember;
use crate::functions::workspace::UpdateEnterprise;
use crate::functions::workspace::UploadLogo;
use crate::functions::workspace::{get_enterprise_choices, get_workspace, workspace_href};
use crate::i18n::Locale;
use crate::models::{Participation, Workspace};
use crate::routes::workspace::EnterpriseForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::{use_params_map, use_query_map};

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
    let import_action = ImportCsv::PATH;
    let invite_action = InviteMember::PATH;
    // An admin who is no member acts as an owner.
    let owner = w.role.is_none_or(|r| r == MemberRole::Owner);
    let import_error = posted.for_action(import_action).cloned();
    let import_fields = posted.fields(import_action);
    let invite_error = posted.for_action(invite_action).cloned();
    let invite_fields = posted.fields(invite_action);
    let logo_action = UploadLogo::PATH;
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
        {matches!(
            w.verification_status,
            VerificationStatus::Rejected | VerificationStatus::CorrectionRequested | VerificationStatus::Expired
        ).then(|| view! {
            <form method="post" action=ResubmitVerification::PATH class="inline">
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
                                <td>{product_state(locale, p.status, p.archived)}</td>
                                <td class="actions">
                                    {(status == ProductStatus::Draft).then(|| view! { <ActionButton locale action=ProductAction::PATH small=true class="action-publish" fields=vec![("product_id", p.id.to_string()), ("action", "publish".into())] label=locale.tr().ws_publish()/> })}
                                    {(status == ProductStatus::Published).then(|| view! { <ActionButton locale action=ProductAction::PATH small=true class="action-unpublish" fields=vec![("product_id", p.id.to_string()), ("action", "unpublish".into())] label=locale.tr().ws_unpublish()/> })}
                                    {(!p.archived).then(|| view! { <ActionButton locale action=ProductAction::PATH small=true class="action-duplicate" fields=vec![("product_id", p.id.to_string()), ("action", "duplicate".into())] label=locale.tr().ws_duplicate()/> })}
                                    {(!p.archived).then(|| view! { <ActionButton locale action=ProductAction::PATH small=true class="action-delete" fields=vec![("product_id", p.id.to_string()), ("action", "delete".into())] label=locale.tr().ws_delete()/> })}
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
                            {(owner && m.role != MemberRole::Owner).then(|| view! { <ActionButton locale action=RemoveMember::PATH small=true fields=vec![("enterprise_id", w.id.to_string()), ("email", m.email.clone())] label=locale.tr().desk_remove()/> })}
                        </li>
                    }
                }).collect_view()}
                {w.invited.iter().map(|email| view! {
                    <li>
                        {email.clone()}" — "{locale.tr().ws_invited()}
                        {owner.then(|| view! { <ActionButton locale action=RemoveMember::PATH small=true fields=vec![("enterprise_id", w.id.to_string()), ("email", email.clone())] label=locale.tr().desk_remove()/> })}
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
            <EnterpriseForm locale action=UpdateEnterprise::PATH enterprise_id=Some(w.id) input=w.profile.clone() districts posted/>
        </section>
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
        <section aria-labelledby="h-networks" class="panel" id="networks">
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
