//! `/requests/<id>`: one request, its actions and its thread.

use crate::components::actions::ActionButton;
use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, TextArea, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::orders::OrderKind;
use crate::domain::orders::OrderStatus;
use crate::format::money;
use crate::functions::orders::PostMessage;
use crate::functions::orders::ProposeChanges;
use crate::functions::orders::RequestAction;
use crate::functions::orders::get_request;
use crate::i18n::Locale;
use crate::models::OrderRequestView;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RequestPage() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|i| i.parse::<i32>().ok())
        .unwrap_or(-1);
    let data = Resource::new(move || id, get_request);
    view! { {with_data(locale, data, move |o| view! { <RequestView locale o/> })} }
}

#[component]
fn RequestView(locale: Locale, o: OrderRequestView) -> impl IntoView {
    let posted = PostedError::from_query();
    let action = RequestAction::PATH;
    let action_error = posted.for_action(action).cloned();
    let action_fields = posted.fields(action);
    let msg_error = posted.for_action(PostMessage::PATH).cloned();
    let msg_fields = posted.fields(PostMessage::PATH);
    let s = o.summary.clone();
    let id = s.id.to_string();
    let kind_label = match s.kind {
        OrderKind::Question => locale.tr().order_question_2(),
        OrderKind::Quote => locale.tr().order_request_for_quote(),
        OrderKind::Order => locale.tr().order_request(),
    };
    let title = format!("{kind_label} #{}", s.id);
    let status = s.status;
    let question = s.kind == OrderKind::Question;
    let can_answer = o.as_enterprise && status == OrderStatus::Submitted && !question;
    let can_propose = can_answer && !o.lines.is_empty();
    let can_fulfil = o.as_enterprise
        && (status == OrderStatus::Accepted || (question && status == OrderStatus::Submitted));
    let can_confirm = o.as_buyer && status == OrderStatus::Proposed;
    let can_cancel = o.as_buyer && !status.is_final();
    let proposing = o.lines.iter().any(|l| l.proposed_quantity.is_some());
    let propose_action = ProposeChanges::PATH;
    let propose_error = posted.for_action(propose_action).cloned();
    let propose_open = propose_error.is_some();
    let propose_fields = posted.fields(propose_action);
    view! {
        <PageTitle text=title.clone()/>
        <h1>{title}</h1>
        <p>
            <a href=locale.href(&format!("/e/{}", s.enterprise_slug))>{s.enterprise_name.clone()}</a>
            " · "<span class=format!("badge request-{}", s.status)>{locale.tr().order_status(s.status)}</span>
        </p>
        <dl class="facts">
            <dt>{locale.tr().order_buyer()}</dt><dd>{o.contact_name.clone()}", "{o.contact_email.clone()}" "{o.contact_phone.clone()}</dd>
            <dt>{locale.tr().order_delivery_2()}</dt><dd>{locale.tr().delivery(o.delivery)}</dd>
        </dl>
        {o.about_product.clone().map(|(slug, title)| view! {
            <p>{locale.tr().order_about_product()}<a href=locale.href(&format!("/p/{slug}"))>{title}</a></p>
        })}
        {(!o.message.is_empty()).then(|| view! { <p class="prose">{o.message.clone()}</p> })}
        {(!o.lines.is_empty()).then(|| view! {
            <div class="table-scroll" role="region" aria-label=locale.tr().desk_products() tabindex="0">
                <table class="products-table">
                    <thead><tr>
                        <th scope="col">{locale.tr().desk_product()}</th>
                        <th scope="col">{locale.tr().order_quantity()}</th>
                        <th scope="col">{locale.tr().order_price_when_asked()}</th>
                        {proposing.then(|| view! { <th scope="col">{locale.tr().order_enterprise_s_proposal()}</th> })}
                    </tr></thead>
                    <tbody>
                        {o.lines.iter().map(|l| view! {
                            <tr>
                                <td>{l.title.clone()}</td><td>{l.quantity}</td><td>{money(l.unit_price_cents, locale)}</td>
                                {proposing.then(|| view! {
                                    <td class="proposal">{l.proposed_quantity.unwrap_or(l.quantity)}" × "{money(l.proposed_unit_price_cents.unwrap_or(l.unit_price_cents), locale)}</td>
                                })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p><strong>{locale.tr().order_total()}{money(s.total_cents, locale)}</strong></p>
        })}
        {o.enterprise_note.clone().map(|n| view! { <p class="notice">{locale.tr().order_enterprise_s_note()}{n}</p> })}
        {o.decline_reason.clone().map(|n| view! { <p class="warning">{locale.tr().order_reason_for_declining()}{n}</p> })}
        <FormMessage locale error=action_error/>
        {can_answer.then(|| {
            let id = id.clone();
            let fields = action_fields.clone();
            view! {
                <div class="buttons">
                    <form method="post" action=action class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="id" value=id.clone()/>
                        <input type="hidden" name="action" value="accept"/>
                        <TextArea label=locale.tr().order_note_buyer_optional().into() name="note".into() key="note" maxlength=2000 errors=fields.clone()/>
                        <button type="submit" class="primary">{locale.tr().order_accept()}</button>
                    </form>
                    <form method="post" action=action class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="action" value="decline"/>
                        <TextField label=locale.tr().order_reason_for_declining_2().into() name="reason".into() key="reason" required=true errors=fields/>
                        <button type="submit">{locale.tr().desk_decline()}</button>
                    </form>
                </div>
            }
        })}
        {can_propose.then(|| {
            let id = id.clone();
            let fields = propose_fields.clone();
            view! {
                <details class="panel" open=propose_open>
                    <summary>{locale.tr().order_accept_with_other_quantities()}</summary>
                    <EnhancedForm>
                        <form method="post" action=propose_action class="stack">
                            <LocaleField locale/>
                            <input type="hidden" name="id" value=id/>
                            <FormMessage locale error=propose_error.clone()/>
                            <div class="table-scroll" role="region" aria-label=locale.tr().desk_products() tabindex="0">
                                <table class="products-table">
                                    <thead><tr>
                                        <th scope="col">{locale.tr().desk_product()}</th>
                                        <th scope="col">{locale.tr().order_quantity()}</th>
                                        <th scope="col">{locale.tr().order_unit_price()}</th>
                                    </tr></thead>
                                    <tbody>
                                        {o.lines.iter().map(|l| {
                                            let q_id = format!("pq-{}", l.line_id);
                                            let p_id = format!("pp-{}", l.line_id);
                                            view! {
                                                <tr>
                                                    <td>{l.title.clone()}</td>
                                                    <td>
                                                        <label class="visually-hidden" for=q_id.clone()>{locale.tr().order_quantity_3()}{l.title.clone()}</label>
                                                        <input id=q_id type="number" min="1" class="qty" name=format!("lines[{}][quantity]", l.line_id) value=l.quantity.to_string() required=true/>
                                                    </td>
                                                    <td>
                                                        <label class="visually-hidden" for=p_id.clone()>{locale.tr().order_price()}{l.title.clone()}</label>
                                                        <input id=p_id type="text" inputmode="decimal" class="qty" name=format!("lines[{}][price]", l.line_id) value=crate::forms::price_typed(l.unit_price_cents, locale) required=true/>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <TextArea label=locale.tr().order_note_buyer().into() name="note".into() key="note" maxlength=2000 errors=fields prefix="propose-"/>
                            <button type="submit">{locale.tr().order_propose_buyer()}</button>
                        </form>
                    </EnhancedForm>
                </details>
            }
        })}
        {can_confirm.then(|| view! { <ActionButton locale action=RequestAction::PATH fields=vec![("id", id.clone()), ("action", "confirm".into())] label=locale.tr().order_confirm_changes()/> })}
        {can_fulfil.then(|| view! {
            <ActionButton locale action=RequestAction::PATH fields=vec![("id", id.clone()), ("action", "fulfil".into())]
                label=if question { locale.tr().order_mark_as_answered() } else { locale.tr().order_mark_as_fulfilled() }/>
        })}
        {can_cancel.then(|| view! {
            <ActionButton locale action=RequestAction::PATH fields=vec![("id", id.clone()), ("action", "cancel".into())]
                label=if status == OrderStatus::Proposed { locale.tr().order_refuse_changes_cancel() } else { locale.tr().order_cancel_request() }
                confirm=locale.tr().order_confirm_cancel()/>
        })}
        <section aria-labelledby="h-thread">
            <h2 id="h-thread">{locale.tr().order_messages()}</h2>
            <ul class="plain thread">
                {o.thread.iter().map(|m| view! {
                    <li class=if m.mine { "mine" } else { "theirs" }>
                        <strong>{m.author.clone()}</strong>" · "{crate::format::date_time(m.at, locale)}
                        <p>{m.body.clone()}</p>
                    </li>
                }).collect_view()}
            </ul>
            <EnhancedForm>
                <form method="post" action=PostMessage::PATH class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="id" value=id/>
                    <FormMessage locale error=msg_error/>
                    <TextArea label=locale.tr().order_new_message().into() name="body".into() key="body" maxlength=4000 errors=msg_fields/>
                    <button type="submit">{locale.tr().order_send()}</button>
                </form>
            </EnhancedForm>
        </section>
    }
}
