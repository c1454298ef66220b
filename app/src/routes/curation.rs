//! The regional centres' pages: `/curator` (my centres), `/curator/<centre>`
//! (the desk: queue, enterprises, networks, events), `/curator/<centre>/e/<slug>`
//! (one enterprise under review), `/curator/<centre>/figures`,
//! `/curator/<centre>/audit`, `/admin/audit`, and the printable event page
//! `/events/<slug>/print`. Every form works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, SelectField, TextArea, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::MembershipStatus;
use crate::domain::ParticipationStatus;
use crate::domain::ProductStatus;
use crate::domain::VerificationStatus;
use crate::error::FieldError;
use crate::format::{date, date_time, money};
use crate::functions::curation::{
    get_audit_log, get_curated_centres, get_desk, get_event_print, get_figures, get_review,
};
use crate::i18n::Locale;
use crate::models::{
    AuditPage, CuratorHome, DeclaredEnterprise, Desk, DeskEvent, DeskNetwork, EventPrint, Figures,
    MonthFigures, Review,
};

/// The hidden field that brings a form's success back to this page.
#[component]
pub fn NextField() -> impl IntoView {
    let here = use_location().pathname.get_untracked();
    view! { <input type="hidden" name="next" value=here/> }
}

/// The "saved" line a page shows after a change went through.
#[component]
fn Saved(locale: Locale) -> impl IntoView {
    let saved = use_query_map().read_untracked().get("saved");
    saved.map(|what| {
        let text = match what.as_str() {
            "verified" => locale.tr().desk_enterprise_verified(),
            "answered" => locale.tr().desk_answer_was_sent_enterprise(),
            "suspended" => locale.tr().desk_enterprise_suspended(),
            "restored" => locale.tr().desk_enterprise_restored(),
            "hidden" => locale.tr().desk_product_hidden(),
            "shown" => locale.tr().desk_product_visible_again(),
            "network" => locale.tr().desk_network_was_created(),
            "invited" => locale.tr().desk_invitation_was_sent(),
            "logo" => locale.tr().desk_logo_was_uploaded(),
            "transferred" => locale.tr().desk_enterprise_was_transferred_waits(),
            _ => locale.tr().account_saved(),
        };
        view! { <p class="notice" role="status">{text}</p> }
    })
}

/// A one-button form (approve, remove, confirm, show again…).
#[component]
fn ActionButton(
    locale: Locale,
    action: &'static str,
    /// Hidden fields: (name, value).
    fields: Vec<(&'static str, String)>,
    label: &'static str,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline">
            <LocaleField locale/>
            <NextField/>
            {fields.into_iter().map(|(n, v)| view! { <input type="hidden" name=n value=v/> }).collect_view()}
            <button type="submit" class:primary=primary class="small">{label}</button>
        </form>
    }
}

/// A form with one reason field, for a refusal, a suspension or hiding.
/// Several stand on one page, so the ids carry `id`.
#[component]
fn ReasonForm(
    locale: Locale,
    action: &'static str,
    fields: Vec<(&'static str, String)>,
    id: String,
    label: &'static str,
    button: &'static str,
    errors: Vec<FieldError>,
) -> impl IntoView {
    let input_id = format!("reason-{id}");
    let err_id = format!("err-reason-{id}");
    let msg = errors
        .iter()
        .find(|e| e.field == "reason")
        .map(|e| e.message.clone());
    view! {
        <EnhancedForm>
            <form method="post" action=action class="stack reason-form">
                <LocaleField locale/>
                <NextField/>
                {fields.into_iter().map(|(n, v)| view! { <input type="hidden" name=n value=v/> }).collect_view()}
                <FormMessage locale error=None/>
                <div class="field">
                    <label for=input_id.clone()>{label}</label>
                    <input id=input_id type="text" name="reason" required=true maxlength="1000"
                        data-field="reason" aria-describedby=err_id.clone()
                        aria-invalid=msg.is_some().then_some("true")/>
                    <p class="field-error" id=err_id data-error-for="reason" hidden=msg.is_none()>{msg.clone().unwrap_or_default()}</p>
                </div>
                <button type="submit">{button}</button>
            </form>
        </EnhancedForm>
    }
}

#[component]
pub fn CuratorHomePage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, get_curated_centres);
    view! { {with_data(locale, data, move |home| view! { <CuratorHomeView locale home/> })} }
}

#[component]
fn CuratorHomeView(locale: Locale, home: CuratorHome) -> impl IntoView {
    let title = locale.tr().desk_regional_centre();
    view! {
        <PageTitle text=title.to_string()/>
        <h1>{title}</h1>
        <ul class="plain workspace-list">
            {home.centres.iter().map(|c| view! {
                <li>
                    <a href=locale.href(&format!("/curator/{}", c.slug))><strong>{c.name.clone()}</strong></a>
                    " · "{c.waiting}" "{locale.tr().desk_waiting_for_verification()}
                </li>
            }).collect_view()}
        </ul>
        {home.admin.then(|| view! {
            <p><a href=locale.href("/admin/audit")>{locale.tr().desk_audit_log_whole_platform()}</a></p>
        })}
    }
}

fn centre_param() -> String {
    use_params_map()
        .read_untracked()
        .get("centre")
        .unwrap_or_default()
}

#[component]
pub fn DeskPage() -> impl IntoView {
    let locale = use_locale();
    let centre = centre_param();
    let data = Resource::new(move || (locale, centre.clone()), |(l, c)| get_desk(l, c));
    view! { {with_data(locale, data, move |desk| view! { <DeskView locale desk/> })} }
}

#[component]
fn DeskView(locale: Locale, desk: Desk) -> impl IntoView {
    let here = locale.href(&format!("/curator/{}", desk.centre_slug));
    let posted = PostedError::from_query();
    view! {
        <PageTitle text=desk.centre_name.clone()/>
        <h1>{desk.centre_name.clone()}</h1>
        <p>
            <a href=format!("{here}/figures")>{locale.tr().desk_region_s_figures()}</a>
            " · "<a href=format!("{here}/audit")>{locale.tr().desk_audit_log()}</a>
        </p>
        <Saved locale/>
        <section aria-labelledby="h-queue" class="panel">
            <h2 id="h-queue">{locale.tr().desk_waiting_for_verification_2()}" ("{desk.queue.len()}")"</h2>
            {if desk.queue.is_empty() {
                view! { <p>{locale.tr().desk_no_enterprise_waiting()}</p> }.into_any()
            } else {
                view! {
                    <ol class="queue">
                        {desk.queue.iter().map(|e| view! {
                            <li>
                                <a href=format!("{here}/e/{}", e.slug)><strong>{e.name.clone()}</strong></a>
                                " · "{locale.tr().desk_eik()}{e.eik.clone()}" · "{e.settlement.clone()}", "{e.district.clone()}
                                {e.requested_at.map(|at| view! { " · "{locale.tr().desk_asked()}{date_time(at, locale)} })}
                                {e.register_entry.clone().map(|r| view! { <br/><small>{locale.tr().desk_declared_entry()}{r}" "{e.register_class.map(|c| c.code())}</small> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="h-enterprises">
            <h2 id="h-enterprises">{locale.tr().desk_enterprises_region()}" ("{desk.enterprises.len()}")"</h2>
            <table class="products-table">
                <thead><tr>
                    <th scope="col">{locale.tr().desk_enterprise()}</th>
                    <th scope="col">{locale.tr().desk_verification()}</th>
                    <th scope="col">{locale.tr().desk_certificate_until()}</th>
                    <th scope="col">{locale.tr().desk_products()}</th>
                </tr></thead>
                <tbody>
                    {desk.enterprises.iter().map(|e| view! {
                        <tr>
                            <td><a href=format!("{here}/e/{}", e.slug)>{e.name.clone()}</a>
                                {e.suspension_reason.clone().map(|r| view! { <br/><small class="warning">{locale.tr().desk_suspended()}{r}</small> })}
                            </td>
                            <td>{status_text(locale, e)}</td>
                            <td>{e.valid_until.map(|d| date(d, locale))}</td>
                            <td>{e.product_count}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>

        <section aria-labelledby="h-networks" id="networks">
            <h2 id="h-networks">{locale.tr().desk_networks()}</h2>
            {desk.networks.iter().cloned().map(|n| view! { <DeskNetworkView locale n posted=posted.clone()/> }).collect_view()}
            <NewNetworkForm locale centre=desk.centre_slug.clone() posted=posted.clone()/>
        </section>

        <section aria-labelledby="h-events" id="events">
            <h2 id="h-events">{locale.tr().desk_upcoming_events()}</h2>
            {desk.events.iter().cloned().map(|ev| view! { <DeskEventView locale ev/> }).collect_view()}
            <NewEventForm locale centre=desk.centre_slug.clone() posted/>
        </section>
    }
}

fn status_text(locale: Locale, e: &DeclaredEnterprise) -> String {
    let mut s = locale
        .tr()
        .verification_status(e.verification_status)
        .to_string();
    if e.verification_status == VerificationStatus::Verified && !e.verified {
        s = locale
            .tr()
            .verification_status(crate::domain::VerificationStatus::Expired)
            .to_string();
    }
    s
}

#[component]
fn DeskNetworkView(locale: Locale, n: DeskNetwork, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let action = "/fn/invite_to_network";
    let form_error = posted.for_action(action).cloned();
    let errors = posted.fields(action);
    let msg = errors
        .iter()
        .find(|e| e.field == "enterprise")
        .map(|e| e.message.clone());
    let input_id = format!("invite-{}", n.id);
    let err_id = format!("err-invite-{}", n.id);
    view! {
        <article class="panel network-admin">
            <h3><a href=locale.href(&format!("/n/{}", n.slug))>{n.name.clone()}</a>" · "<small>{t.network_kind(n.kind)}</small></h3>
            <ul class="plain">
                {n.members.iter().map(|m| view! {
                    <li>
                        {m.enterprise_name.clone()}" — "{locale.tr().membership_status(m.status)}" "
                        {(m.status == MembershipStatus::Applied).then(|| view! {
                            <ActionButton locale action="/fn/decide_membership" primary=true
                                fields=vec![("membership_id", m.id.to_string()), ("decision", "approve".into())]
                                label=locale.tr().desk_approve()/>
                        })}
                        <ActionButton locale action="/fn/decide_membership"
                            fields=vec![("membership_id", m.id.to_string()), ("decision", "remove".into())]
                            label=if m.status == MembershipStatus::Approved { locale.tr().desk_remove() } else { locale.tr().desk_decline() }/>
                    </li>
                }).collect_view()}
            </ul>
            {n.logo.clone().map(|src| view! { <img class="logo" src=src alt="" width="96"/> })}
            <EnhancedForm>
                <form method="post" action="/fn/upload_network_logo" enctype="multipart/form-data" class="stack">
                    <LocaleField locale/>
                    <NextField/>
                    <input type="hidden" name="network_id" value=n.id.to_string()/>
                    <FormMessage locale error=None/>
                    <div class="field">
                        <label for=format!("logo-{}", n.id)>{locale.tr().desk_logo_jpeg_png_or()}</label>
                        <input id=format!("logo-{}", n.id) type="file" name="file" accept="image/jpeg,image/png,image/webp" required=true data-field="file"/>
                        <p class="field-error" data-error-for="file" hidden=true></p>
                    </div>
                    <button type="submit">{locale.tr().desk_upload_logo()}</button>
                </form>
            </EnhancedForm>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <NextField/>
                    <input type="hidden" name="network_id" value=n.id.to_string()/>
                    <FormMessage locale error=form_error.filter(|e| !matches!(e, crate::error::AppError::Invalid(_)))/>
                    <div class="field">
                        <label for=input_id.clone()>{locale.tr().desk_invite_enterprise_address_or()}</label>
                        <input id=input_id type="text" name="enterprise" required=true data-field="enterprise"
                            aria-describedby=err_id.clone() aria-invalid=msg.is_some().then_some("true")/>
                        <p class="field-error" id=err_id data-error-for="enterprise" hidden=msg.is_none()>{msg.clone().unwrap_or_default()}</p>
                    </div>
                    <button type="submit">{locale.tr().desk_invite()}</button>
                </form>
            </EnhancedForm>
        </article>
    }
}

#[component]
fn NewNetworkForm(locale: Locale, centre: String, posted: PostedError) -> impl IntoView {
    let action = "/fn/create_network";
    let e = posted.fields(action);
    let form_error = posted.for_action(action).cloned();
    let open = form_error.is_some();
    let t = locale.tr();
    let kinds = crate::components::form::options(|k| t.network_kind(k));
    view! {
        <details class="panel" open=open>
            <summary>{locale.tr().desk_new_network()}</summary>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="centre" value=centre/>
                    <FormMessage locale error=form_error/>
                    <TextField label=locale.tr().desk_network_name().into() name="input[name]".into() key="name" required=true maxlength=120 errors=e.clone() prefix="network-"/>
                    <SelectField label=locale.tr().desk_kind().into() name="input[kind]".into() key="kind" options=kinds required=true errors=e.clone() prefix="network-"/>
                    <TextArea label=locale.tr().desk_description().into() name="input[description]".into() key="description" maxlength=3000 errors=e.clone() prefix="network-"/>
                    <button type="submit" class="primary">{locale.tr().desk_create_network()}</button>
                </form>
            </EnhancedForm>
        </details>
    }
}

#[component]
fn DeskEventView(locale: Locale, ev: DeskEvent) -> impl IntoView {
    let t = locale.tr();
    let page = locale.href(&format!("/events/{}", ev.slug));
    view! {
        <article class="panel">
            <h3><a href=page.clone()>{ev.title.clone()}</a></h3>
            <p>{t.event_kind(ev.kind)}" · "{date_time(ev.starts_at, locale)}" · "{ev.place.clone()}
                " · "<a href=format!("{page}/print")>{locale.tr().desk_printable_with_qr_code()}</a></p>
            <ul class="plain">
                {ev.participants.iter().map(|p| view! {
                    <li>
                        {p.enterprise_name.clone()}" — "{locale.tr().participation_status(p.status)}" "
                        {(p.status != ParticipationStatus::Confirmed).then(|| view! {
                            <ActionButton locale action="/fn/decide_participant" primary=true
                                fields=vec![("participant_id", p.id.to_string()), ("decision", "confirm".into())]
                                label=locale.tr().desk_confirm()/>
                        })}
                        <ActionButton locale action="/fn/decide_participant"
                            fields=vec![("participant_id", p.id.to_string()), ("decision", "remove".into())]
                            label=locale.tr().desk_remove()/>
                    </li>
                }).collect_view()}
            </ul>
        </article>
    }
}

#[component]
fn NewEventForm(locale: Locale, centre: String, posted: PostedError) -> impl IntoView {
    let action = "/fn/create_event";
    let e = posted.fields(action);
    let form_error = posted.for_action(action).cloned();
    let open = form_error.is_some();
    let t = locale.tr();
    let kinds = crate::components::form::options(|k| t.event_kind(k));
    let hint = locale.tr().desk_bulgarian_time().to_string();
    view! {
        <details class="panel" open=open>
            <summary>{locale.tr().desk_new_event()}</summary>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="centre" value=centre/>
                    <FormMessage locale error=form_error/>
                    <TextField label=locale.tr().desk_title().into() name="input[title]".into() key="title" required=true maxlength=200 errors=e.clone() prefix="event-"/>
                    <SelectField label=locale.tr().desk_kind().into() name="input[kind]".into() key="kind" options=kinds required=true errors=e.clone() prefix="event-"/>
                    <TextField label=locale.tr().desk_starts().into() name="input[starts_at]".into() key="starts_at" kind="datetime-local" required=true hint=hint.clone() errors=e.clone() prefix="event-"/>
                    <TextField label=locale.tr().desk_ends().into() name="input[ends_at]".into() key="ends_at" kind="datetime-local" required=true errors=e.clone() prefix="event-"/>
                    <TextField label=locale.tr().desk_place().into() name="input[place]".into() key="place" required=true maxlength=300 errors=e.clone() prefix="event-"/>
                    <TextArea label=locale.tr().desk_description().into() name="input[description]".into() key="description" maxlength=5000 errors=e.clone() prefix="event-"/>
                    <button type="submit" class="primary">{locale.tr().desk_publish_event()}</button>
                </form>
            </EnhancedForm>
        </details>
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map().read_untracked();
    let centre = params.get("centre").unwrap_or_default();
    let slug = params.get("slug").unwrap_or_default();
    let data = Resource::new(
        move || (locale, centre.clone(), slug.clone()),
        |(l, c, s)| get_review(l, c, s),
    );
    view! { {with_data(locale, data, move |review| view! { <ReviewView locale review/> })} }
}

#[component]
fn ReviewView(locale: Locale, review: Review) -> impl IntoView {
    let e = review.enterprise.clone();
    let t = locale.tr();
    let posted = PostedError::from_query();
    let verify_action = "/fn/verify_enterprise";
    let verify_errors = posted.fields(verify_action);
    let verify_error = posted.for_action(verify_action).cloned();
    let refuse_errors = posted.fields("/fn/refuse_verification");
    let suspend_errors = posted.fields("/fn/suspend_enterprise");
    let hide_errors = posted.fields("/fn/hide_product");
    let transfer_action = "/fn/transfer_enterprise";
    let transfer_errors = posted.fields(transfer_action);
    let other_error = [
        "/fn/refuse_verification",
        "/fn/suspend_enterprise",
        "/fn/hide_product",
        transfer_action,
    ]
    .iter()
    .find_map(|a| posted.for_action(a).cloned())
    .filter(|e| !matches!(e, crate::error::AppError::Invalid(_)));
    let classes = crate::components::form::options(crate::domain::RegisterClass::code);
    let id = e.id.to_string();
    let desk = locale.href(&format!("/curator/{}", review.centre_slug));
    view! {
        <PageTitle text=e.name.clone()/>
        <p><a href=desk>{"← "}{review.centre_name.clone()}</a></p>
        <h1>{e.name.clone()}</h1>
        <p>
            <span class=format!("badge status-{}", e.verification_status)>{status_text(locale, &e)}</span>
            " · "<a href=locale.href(&format!("/e/{}", e.slug))>{locale.tr().desk_public_page()}</a>
        </p>
        <Saved locale/>
        <FormMessage locale error=other_error/>
        {e.verification_note.clone().map(|n| view! { <p class="notice">{locale.tr().desk_note_enterprise()}{n}</p> })}
        {e.suspension_reason.clone().map(|r| view! { <p class="warning">{locale.tr().desk_suspended()}{r}</p> })}
        <section aria-labelledby="h-declared" class="panel">
            <h2 id="h-declared">{locale.tr().desk_declared()}</h2>
            <dl class="facts">
                <dt>{locale.tr().desk_eik_2()}</dt><dd>{e.eik.clone()}</dd>
                <dt>{locale.tr().desk_legal_form()}</dt><dd>{locale.tr().legal_form(e.legal_form)}</dd>
                <dt>{locale.tr().desk_place()}</dt><dd>{e.settlement.clone()}", "{e.district.clone()}</dd>
                <dt>{locale.tr().desk_contact()}</dt><dd>{e.email.clone()}" · "{e.phone.clone()}</dd>
                <dt>{locale.tr().desk_register_entry()}</dt>
                <dd>{e.register_entry.clone().unwrap_or_else(|| "—".into())}" "{e.register_class.map(|c| c.code())}
                    {e.certified_on.map(|d| view! { " · "{locale.tr().desk_from()}{date(d, locale)} })}
                    {e.valid_until.map(|d| view! { " · "{locale.tr().desk_until()}{date(d, locale)} })}
                </dd>
                <dt>{locale.tr().desk_employed()}</dt>
                <dd>{e.employees_total}" ("{e.employees_vulnerable}" "{locale.tr().desk_from_vulnerable_groups()}")"</dd>
                <dt>{locale.tr().desk_profit_reinvested()}</dt><dd>{e.profit_reinvested_pct}" %"</dd>
                <dt>{locale.tr().desk_vulnerable_groups()}</dt>
                <dd>{e.impact_groups.iter().map(|g| t.impact_group(*g)).collect::<Vec<_>>().join(", ")}</dd>
            </dl>
            <p class="prose">{e.description.clone()}</p>
        </section>

        <section aria-labelledby="h-verify" class="panel">
            <h2 id="h-verify">{locale.tr().desk_check_against_register_social()}</h2>
            <EnhancedForm>
                <form method="post" action=verify_action class="stack">
                    <LocaleField locale/>
                    <NextField/>
                    <input type="hidden" name="enterprise_id" value=e.id.to_string()/>
                    <FormMessage locale error=verify_error/>
                    <TextField label=locale.tr().desk_entry_number().into() name="input[register_entry]".into() key="register_entry"
                        value=e.register_entry.clone().unwrap_or_default() required=true maxlength=40 errors=verify_errors.clone()/>
                    <SelectField label=locale.tr().desk_class().into() name="input[register_class]".into() key="register_class" options=classes
                        value=e.register_class.map(|c| c.code().to_string()).unwrap_or_default() required=true errors=verify_errors.clone()/>
                    <TextField label=locale.tr().desk_certificate_date().into() name="input[certified_on]".into() key="certified_on"
                        kind="date" value=e.certified_on.map(|d| d.to_string()).unwrap_or_default() required=true errors=verify_errors.clone()/>
                    <TextField label=locale.tr().desk_valid_until().into() name="input[valid_until]".into() key="valid_until"
                        kind="date" value=e.valid_until.map(|d| d.to_string()).unwrap_or_default() required=true errors=verify_errors.clone()/>
                    <button type="submit" class="primary">{locale.tr().desk_verify()}</button>
                </form>
            </EnhancedForm>
            {(e.verification_status == VerificationStatus::Unverified).then(|| view! {
                <div class="two-forms">
                    <ReasonForm locale action="/fn/refuse_verification" id="correction".into()
                        fields=vec![("enterprise_id", id.clone()), ("how", "correction".into())]
                        label=locale.tr().desk_what_enterprise_should_correct()
                        button=locale.tr().desk_ask_for_correction() errors=refuse_errors.clone()/>
                    <ReasonForm locale action="/fn/refuse_verification" id="reject".into()
                        fields=vec![("enterprise_id", id.clone()), ("how", "reject".into())]
                        label=locale.tr().desk_reason_for_refusing()
                        button=locale.tr().desk_refuse() errors=refuse_errors.clone()/>
                </div>
            })}
        </section>

        <section aria-labelledby="h-suspend" class="panel">
            <h2 id="h-suspend">{locale.tr().desk_suspension()}</h2>
            {if e.suspension_reason.is_some() {
                view! {
                    <ActionButton locale action="/fn/suspend_enterprise"
                        fields=vec![("enterprise_id", id.clone()), ("restore", "1".into())]
                        label=locale.tr().desk_restore_enterprise()/>
                }.into_any()
            } else {
                view! {
                    <ReasonForm locale action="/fn/suspend_enterprise" id="suspend".into()
                        fields=vec![("enterprise_id", id.clone())]
                        label=locale.tr().desk_reason_for_suspending_enterprise()
                        button=locale.tr().desk_suspend_enterprise() errors=suspend_errors/>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="h-transfer" class="panel">
            <h2 id="h-transfer">{locale.tr().desk_eik_dispute_transfer()}</h2>
            <p>{locale.tr().desk_if_someone_else_registered()}</p>
            <EnhancedForm>
                <form method="post" action=transfer_action class="stack">
                    <LocaleField locale/>
                    <NextField/>
                    <input type="hidden" name="enterprise_id" value=id.clone()/>
                    <TextField label=locale.tr().desk_e_mail_new_owner().into() name="new_owner".into() key="new_owner"
                        kind="email" required=true errors=transfer_errors.clone() prefix="transfer-"/>
                    <TextField label=locale.tr().desk_grounds_what_register_showed().into() name="reason".into() key="reason"
                        required=true maxlength=1000 errors=transfer_errors prefix="transfer-"/>
                    <button type="submit">{locale.tr().desk_transfer_enterprise()}</button>
                </form>
            </EnhancedForm>
        </section>

        <section aria-labelledby="h-products">
            <h2 id="h-products">{locale.tr().desk_products()}" ("{review.products.len()}")"</h2>
            <table class="products-table">
                <thead><tr>
                    <th scope="col">{locale.tr().desk_product()}</th>
                    <th scope="col">{locale.tr().desk_price()}</th>
                    <th scope="col">{locale.tr().desk_status()}</th>
                    <th scope="col">{locale.tr().desk_action()}</th>
                </tr></thead>
                <tbody>
                    {review.products.iter().map(|p| {
                        let pid = p.id.to_string();
                        view! {
                            <tr>
                                <td>{if p.status == ProductStatus::Published {
                                    view! { <a href=locale.href(&format!("/p/{}", p.slug))>{p.title.clone()}</a> }.into_any()
                                } else {
                                    view! { <span>{p.title.clone()}</span> }.into_any()
                                }}
                                {p.hidden_reason.clone().filter(|_| p.status == ProductStatus::Hidden).map(|r| view! { <br/><small class="warning">{r}</small> })}
                                </td>
                                <td>{money(p.price_cents, locale)}</td>
                                <td>{match p.status.code() {
                                    "published" => locale.tr().desk_published(),
                                    "hidden" => locale.tr().desk_hidden(),
                                    _ => locale.tr().desk_draft(),
                                }}</td>
                                <td>{match p.status.code() {
                                    "published" => view! {
                                        <ReasonForm locale action="/fn/hide_product" id=format!("p{pid}")
                                            fields=vec![("product_id", pid.clone())]
                                            label=locale.tr().desk_reason()
                                            button=locale.tr().desk_hide() errors=hide_errors.clone()/>
                                    }.into_any(),
                                    "hidden" => view! {
                                        <ActionButton locale action="/fn/hide_product"
                                            fields=vec![("product_id", pid.clone()), ("show", "1".into())]
                                            label=locale.tr().desk_show_again()/>
                                    }.into_any(),
                                    _ => ().into_any(),
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn FiguresPage() -> impl IntoView {
    let locale = use_locale();
    let centre = centre_param();
    let data = Resource::new(move || (locale, centre.clone()), |(l, c)| get_figures(l, c));
    view! { {with_data(locale, data, move |f| view! { <FiguresView locale f/> })} }
}

/// A bar chart drawn on the server: readable without JavaScript, and by
/// screen readers through its title and the table beside it.
#[component]
fn BarChart(title: String, months: Vec<String>, values: Vec<u64>) -> impl IntoView {
    const W: u32 = 480;
    const H: u32 = 160;
    const BASE: u32 = 130;
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let n = u32::try_from(values.len().max(1)).unwrap_or(1);
    let slot = W / n;
    let bar = slot.saturating_sub(6).max(2);
    let label_id = format!("chart-{}", crate::text::slugify(&title, 40));
    let title_id = label_id.clone();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") width="100%" role="img" aria-labelledby=label_id>
                <title id=title_id>{title.clone()}</title>
                <line x1="0" y1=BASE.to_string() x2=W.to_string() y2=BASE.to_string() class="axis"/>
                {values.iter().zip(months.iter()).enumerate().map(|(i, (v, m))| {
                    let i = u32::try_from(i).unwrap_or(0);
                    let h = u32::try_from(u64::from(BASE - 20) * v / max).unwrap_or(0);
                    let x = i * slot + 3;
                    view! {
                        <g>
                            <rect x=x.to_string() y=(BASE - h).to_string() width=bar.to_string() height=h.to_string() class="bar"/>
                            <text x=(x + bar / 2).to_string() y=(BASE - h - 4).to_string() text-anchor="middle" class="value">{v.to_string()}</text>
                            <text x=(x + bar / 2).to_string() y=(BASE + 16).to_string() text-anchor="middle" class="month">{m.get(5..).unwrap_or_default().to_string()}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{title}</figcaption>
        </figure>
    }
}

#[component]
fn FiguresView(locale: Locale, f: Figures) -> impl IntoView {
    let title = format!("{} — {}", f.centre_name, locale.tr().desk_figures());
    let months: Vec<String> = f.months.iter().map(|m| m.month.clone()).collect();
    let series = |get: fn(&MonthFigures) -> u64| f.months.iter().map(get).collect::<Vec<u64>>();
    let charts: Vec<(&str, Vec<u64>)> = vec![
        (
            locale.tr().desk_enterprises_registered(),
            series(|m| m.registered),
        ),
        (
            locale.tr().desk_enterprises_verified(),
            series(|m| m.verified),
        ),
        (locale.tr().desk_products_listed(), series(|m| m.products)),
        (
            locale.tr().desk_order_requests_sent(),
            series(|m| m.requests_sent),
        ),
        (
            locale.tr().desk_order_requests_fulfilled(),
            series(|m| m.requests_fulfilled),
        ),
    ];
    let csv = locale.href(&format!("/curator/{}/figures.csv", f.centre_slug));
    view! {
        <PageTitle text=title.clone()/>
        <p><a href=locale.href(&format!("/curator/{}", f.centre_slug))>{"← "}{f.centre_name.clone()}</a></p>
        <h1>{title}</h1>
        <dl class="facts totals">
            <dt>{locale.tr().desk_enterprises()}</dt><dd>{f.enterprises}</dd>
            <dt>{locale.tr().desk_verified_today()}</dt><dd>{f.verified_now}</dd>
            <dt>{locale.tr().desk_products_listed_2()}</dt><dd>{f.products_listed}</dd>
            <dt>{locale.tr().desk_networks()}</dt><dd>{f.networks}</dd>
            <dt>{locale.tr().desk_network_members()}</dt><dd>{f.network_members}</dd>
        </dl>
        <p><a class="button" href=csv download="">{locale.tr().desk_download_as_csv()}</a></p>
        <div class="charts">
            {charts.into_iter().map(|(t, v)| view! { <BarChart title=t.to_string() months=months.clone() values=v/> }).collect_view()}
        </div>
        <table class="products-table">
            <caption>{locale.tr().desk_by_month()}</caption>
            <thead><tr>
                <th scope="col">{locale.tr().desk_month()}</th>
                <th scope="col">{locale.tr().desk_registered()}</th>
                <th scope="col">{locale.tr().desk_verified()}</th>
                <th scope="col">{locale.tr().desk_products()}</th>
                <th scope="col">{locale.tr().nav_requests()}</th>
                <th scope="col">{locale.tr().desk_fulfilled()}</th>
            </tr></thead>
            <tbody>
                {f.months.iter().map(|m| view! {
                    <tr>
                        <th scope="row">{m.month.clone()}</th>
                        <td>{m.registered}</td><td>{m.verified}</td><td>{m.products}</td>
                        <td>{m.requests_sent}</td><td>{m.requests_fulfilled}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn CentreAuditPage() -> impl IntoView {
    let locale = use_locale();
    let centre = centre_param();
    let data = Resource::new(
        move || (locale, centre.clone()),
        |(l, c)| get_audit_log(l, c),
    );
    view! { {with_data(locale, data, move |page| view! { <AuditView locale page/> })} }
}

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, |l| get_audit_log(l, String::new()));
    view! { {with_data(locale, data, move |page| view! { <AuditView locale page/> })} }
}

#[component]
fn AuditView(locale: Locale, page: AuditPage) -> impl IntoView {
    let title = match &page.centre_name {
        Some(c) => format!("{} — {}", locale.tr().desk_audit_log(), c),
        None => locale.tr().desk_audit_log_whole_platform().to_string(),
    };
    view! {
        <PageTitle text=title.clone()/>
        {page.centre_slug.clone().map(|c| view! { <p><a href=locale.href(&format!("/curator/{c}"))>{"← "}{page.centre_name.clone().unwrap_or_default()}</a></p> })}
        <h1>{title}</h1>
        <table class="products-table audit">
            <thead><tr>
                <th scope="col">{locale.tr().desk_when()}</th>
                <th scope="col">{locale.tr().desk_who()}</th>
                <th scope="col">{locale.tr().desk_what()}</th>
                <th scope="col">{locale.tr().desk_about()}</th>
                <th scope="col">{locale.tr().desk_why()}</th>
            </tr></thead>
            <tbody>
                {page.entries.into_iter().map(|e| view! {
                    <tr>
                        <td>{date_time(e.at, locale)}</td>
                        <td>{e.actor.unwrap_or_else(|| locale.tr().desk_platform().to_string())}</td>
                        <td>{locale.tr().audit_action(e.action)}</td>
                        <td>{e.entity_label}{e.centre.map(|c| format!(" ({c})"))}</td>
                        <td>{e.reason.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn EventPrintPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = Resource::new(
        move || (locale, slug.clone()),
        |(l, s)| get_event_print(l, s),
    );
    view! { {with_data(locale, data, move |p| view! { <EventPrintView locale p/> })} }
}

#[component]
fn EventPrintView(locale: Locale, p: EventPrint) -> impl IntoView {
    let t = locale.tr();
    let ev = p.event;
    view! {
        <PageTitle text=ev.card.title.clone()/>
        <article class="print-page">
            <h1>{ev.card.title.clone()}</h1>
            <p class="lead">{t.event_kind(ev.card.kind)}" · "{date_time(ev.card.starts_at, locale)}" – "{date_time(ev.card.ends_at, locale)}</p>
            <p>{ev.card.place.clone()}</p>
            <div class="qr" inner_html=p.qr_svg></div>
            <p>{locale.tr().desk_participants_catalogue()}<a href=p.url.clone()>{p.url.clone()}</a></p>
            <h2>{locale.tr().desk_taking_part()}</h2>
            <ul>
                {ev.participants.iter().map(|e| view! { <li>{e.name.clone()}" — "{e.settlement.clone()}</li> }).collect_view()}
            </ul>
        </article>
    }
}
