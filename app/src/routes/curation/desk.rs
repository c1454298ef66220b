//! `/curator/<centre>`, the desk: the queue, the enterprises, networks and
//! events of a centre.

use crate::components::actions::{ActionButton, NextField};
use crate::components::badges::verification;
use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, SelectField, TextArea, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::MembershipStatus;
use crate::domain::ParticipationStatus;
use crate::format::{date, date_time};
use crate::functions::curation::CreateEvent;
use crate::functions::curation::CreateNetwork;
use crate::functions::curation::DecideMembership;
use crate::functions::curation::DecideParticipant;
use crate::functions::curation::InviteToNetwork;
use crate::functions::curation::UploadNetworkLogo;
use crate::functions::curation::get_desk;
use crate::functions::curation::{CancelEvent, CloseNetwork, UpdateEvent, UpdateNetwork};
use crate::i18n::Locale;
use crate::models::{Desk, DeskEvent, DeskNetwork};
use crate::routes::curation::Saved;
use crate::routes::curation::centre_param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

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
            " · "<a href=format!("{here}/featured")>{locale.tr().desk_featured()}</a>
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
            <div class="table-scroll" role="region" aria-label=locale.tr().desk_enterprises_region() tabindex="0">
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
                                <td>{verification(locale, e.verification_status, e.verified)}</td>
                                <td>{e.valid_until.map(|d| date(d, locale))}</td>
                                <td>{e.product_count}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>

        <section aria-labelledby="h-networks" id="networks">
            <h2 id="h-networks">{locale.tr().desk_networks()}</h2>
            {desk.networks.iter().cloned().map(|n| view! { <DeskNetworkView locale n posted=posted.clone()/> }).collect_view()}
            <NewNetworkForm locale centre=desk.centre_slug.clone() posted=posted.clone()/>
        </section>

        <section aria-labelledby="h-events" id="events">
            <h2 id="h-events">{locale.tr().desk_upcoming_events()}</h2>
            {desk.events.iter().cloned().map(|ev| view! { <DeskEventView locale ev posted=posted.clone()/> }).collect_view()}
            <NewEventForm locale centre=desk.centre_slug.clone() posted/>
        </section>
    }
}

#[component]
fn DeskNetworkView(locale: Locale, n: DeskNetwork, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let action = InviteToNetwork::PATH;
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
                            <ActionButton locale small=true come_back=true action=DecideMembership::PATH primary=true
                                fields=vec![("membership_id", m.id.to_string()), ("decision", "approve".into())]
                                label=locale.tr().desk_approve()/>
                        })}
                        <ActionButton locale small=true come_back=true action=DecideMembership::PATH
                            fields=vec![("membership_id", m.id.to_string()), ("decision", "remove".into())]
                            label=if m.status == MembershipStatus::Approved { locale.tr().desk_remove() } else { locale.tr().desk_decline() }
                            confirm=locale.tr().desk_confirm_remove_member()/>
                    </li>
                }).collect_view()}
            </ul>
            <EditNetworkForm locale n=n.clone() posted=posted.clone()/>
            <ActionButton locale small=true come_back=true action=CloseNetwork::PATH
                fields=vec![("network_id", n.id.to_string())]
                label=t.desk_close_network() confirm=t.desk_confirm_close_network()/>
            {n.logo.clone().map(|src| view! { <img class="logo" src=src alt="" width="96"/> })}
            <EnhancedForm>
                <form method="post" action=UploadNetworkLogo::PATH enctype="multipart/form-data" class="stack">
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
fn EditNetworkForm(locale: Locale, n: DeskNetwork, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let action = UpdateNetwork::PATH;
    let copy = posted.copy_of(action, "network_id", n.id);
    let (mine, e, form_error) = (copy.mine, copy.errors.clone(), copy.error.clone());
    let typed = move |name: &str, value: String| copy.typed(name, value);
    let kinds = crate::components::form::options(|k| t.network_kind(k));
    let prefix = format!("network-{}-", n.id);
    view! {
        <details class="edit" open=mine>
            <summary>{t.desk_edit_network()}</summary>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <NextField/>
                    <input type="hidden" name="network_id" value=n.id.to_string()/>
                    <FormMessage locale error=form_error/>
                    <TextField label=t.desk_network_name().into() name="input[name]".into() key="name" required=true maxlength=120
                        value=typed("input[name]", n.name.clone()) fixed=true errors=e.clone() prefix=prefix.clone()/>
                    <SelectField label=t.desk_kind().into() name="input[kind]".into() key="kind" options=kinds required=true
                        value=typed("input[kind]", n.kind.code().to_string()) fixed=true errors=e.clone() prefix=prefix.clone()/>
                    <TextArea label=t.desk_description().into() name="input[description]".into() key="description" maxlength=3000
                        value=typed("input[description]", n.description.clone()) fixed=true errors=e.clone() prefix=prefix/>
                    <button type="submit" class="primary">{t.desk_save_changes()}</button>
                </form>
            </EnhancedForm>
        </details>
    }
}

#[component]
fn NewNetworkForm(locale: Locale, centre: String, posted: PostedError) -> impl IntoView {
    let action = CreateNetwork::PATH;
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
fn DeskEventView(locale: Locale, ev: DeskEvent, posted: PostedError) -> impl IntoView {
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
                            <ActionButton locale small=true come_back=true action=DecideParticipant::PATH primary=true
                                fields=vec![("participant_id", p.id.to_string()), ("decision", "confirm".into())]
                                label=locale.tr().desk_confirm()/>
                        })}
                        <ActionButton locale small=true come_back=true action=DecideParticipant::PATH
                            fields=vec![("participant_id", p.id.to_string()), ("decision", "remove".into())]
                            label=locale.tr().desk_remove() confirm=locale.tr().desk_confirm_remove_participant()/>
                    </li>
                }).collect_view()}
            </ul>
            <EditEventForm locale ev=ev.clone() posted/>
            <ActionButton locale small=true come_back=true action=CancelEvent::PATH
                fields=vec![("event_id", ev.id.to_string())]
                label=t.desk_cancel_event() confirm=t.desk_confirm_cancel_event()/>
        </article>
    }
}

#[component]
fn EditEventForm(locale: Locale, ev: DeskEvent, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let action = UpdateEvent::PATH;
    let copy = posted.copy_of(action, "event_id", ev.id);
    let (mine, e, form_error) = (copy.mine, copy.errors.clone(), copy.error.clone());
    let typed = move |name: &str, value: String| copy.typed(name, value);
    let kinds = crate::components::form::options(|k| t.event_kind(k));
    let local = |at| {
        crate::format::to_sofia(at)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let prefix = format!("event-{}-", ev.id);
    view! {
        <details class="edit" open=mine>
            <summary>{t.desk_edit_event()}</summary>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <NextField/>
                    <input type="hidden" name="event_id" value=ev.id.to_string()/>
                    <FormMessage locale error=form_error/>
                    <TextField label=t.desk_title().into() name="input[title]".into() key="title" required=true maxlength=200
                        value=typed("input[title]", ev.title.clone()) fixed=true errors=e.clone() prefix=prefix.clone()/>
                    <SelectField label=t.desk_kind().into() name="input[kind]".into() key="kind" options=kinds required=true
                        value=typed("input[kind]", ev.kind.code().to_string()) fixed=true errors=e.clone() prefix=prefix.clone()/>
                    <TextField label=t.desk_starts().into() name="input[starts_at]".into() key="starts_at" kind="datetime-local" required=true
                        hint=t.desk_bulgarian_time().to_string() value=typed("input[starts_at]", local(ev.starts_at)) fixed=true errors=e.clone() prefix=prefix.clone()/>
                    <TextField label=t.desk_ends().into() name="input[ends_at]".into() key="ends_at" kind="datetime-local" required=true
                        value=typed("input[ends_at]", local(ev.ends_at)) fixed=true errors=e.clone() prefix=prefix.clone()/>
                    <TextField label=t.desk_place().into() name="input[place]".into() key="place" required=true maxlength=300
                        value=typed("input[place]", ev.place.clone()) fixed=true errors=e.clone() prefix=prefix.clone()/>
                    <TextArea label=t.desk_description().into() name="input[description]".into() key="description" maxlength=5000
                        value=typed("input[description]", ev.description.clone()) fixed=true errors=e.clone() prefix=prefix/>
                    <button type="submit" class="primary">{t.desk_save_changes()}</button>
                </form>
            </EnhancedForm>
        </details>
    }
}

#[component]
fn NewEventForm(locale: Locale, centre: String, posted: PostedError) -> impl IntoView {
    let action = CreateEvent::PATH;
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
