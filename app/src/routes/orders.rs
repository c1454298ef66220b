//! `/basket`, `/requests`, `/requests/<id>` and an enterprise's inbox
//! `/dashboard/e/<slug>/requests`.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, SelectField, TextArea, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::orders::OrderKind;
use crate::domain::orders::OrderStatus;
use crate::format::money;
use crate::functions::orders::{get_basket, get_inbox, get_my_requests, get_request};
use crate::i18n::Locale;
use crate::models::{BasketView, OrderRequestView, OrderSummary};

#[component]
pub fn BasketPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_basket());
    view! { {with_data(locale, data, move |b| view! { <BasketBody locale b/> })} }
}

#[component]
fn BasketBody(locale: Locale, b: BasketView) -> impl IntoView {
    let posted = PostedError::from_query();
    let send = "/fn/send_basket";
    let errors = posted.fields(send);
    let send_error = posted.for_action(send).cloned();
    let put_error = posted.for_action("/fn/put_in_basket").cloned();
    let title = locale.tr().nav_basket();
    let empty = b.enterprises.is_empty();
    let deliveries = crate::components::form::options(|d| locale.tr().delivery(d));
    let key = b.send_key.clone();
    view! {
        <PageTitle text=title.to_string()/>
        <h1>{title}</h1>
        {put_error.map(|e| view! { <p class="form-message" role="alert">{e.message(locale)}</p> })}
        {(b.unavailable > 0).then(|| view! {
            <p class="notice">{locale.tr().order_some_products_no_longer()}</p>
        })}
        {if empty {
            view! { <p>{locale.tr().order_basket_empty()}" "<a href=locale.href("/search")>{locale.tr().order_catalogue()}</a></p> }.into_any()
        } else {
            view! {
                <p>{locale.tr().order_each_enterprise_receives_own()}</p>
                {b.enterprises.iter().map(|g| view! {
                    <section class="panel" aria-label=g.enterprise_name.clone()>
                        <h2><a href=locale.href(&format!("/e/{}", g.enterprise_slug))>{g.enterprise_name.clone()}</a></h2>
                        <table class="products-table">
                            <thead><tr>
                                <th scope="col">{locale.tr().desk_product()}</th>
                                <th scope="col">{locale.tr().desk_price()}</th>
                                <th scope="col">{locale.tr().order_quantity()}</th>
                            </tr></thead>
                            <tbody>
                                {g.lines.iter().map(|l| {
                                    let label = format!("{} {}", locale.tr().order_quantity_2(), l.title);
                                    view! {
                                        <tr>
                                            <td><a href=locale.href(&format!("/p/{}", l.slug))>{l.title.clone()}</a></td>
                                            <td>{money(l.unit_price_cents, locale)}</td>
                                            <td>
                                                <form method="post" action="/fn/put_in_basket" class="inline">
                                                    <LocaleField locale/>
                                                    <input type="hidden" name="product_id" value=l.product_id.to_string()/>
                                                    <input type="number" name="quantity" min="0" value=l.quantity.to_string() aria-label=label class="qty"/>
                                                    <button type="submit" class="small">{locale.tr().order_update()}</button>
                                                </form>
                                                <form method="post" action="/fn/put_in_basket" class="inline">
                                                    <LocaleField locale/>
                                                    <input type="hidden" name="product_id" value=l.product_id.to_string()/>
                                                    <input type="hidden" name="quantity" value="0"/>
                                                    <button type="submit" class="small">{locale.tr().order_remove()}</button>
                                                </form>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <p><strong>{locale.tr().order_total()}{money(g.total_cents, locale)}</strong></p>
                    </section>
                }).collect_view()}
                <h2>{locale.tr().order_send_request()}</h2>
                <EnhancedForm>
                    <form method="post" action=send class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="key" value=key/>
                        <FormMessage locale error=send_error/>
                        <TextField label=locale.tr().order_contact_name().into() name="input[contact_name]".into() key="contact_name" required=true autocomplete="name" errors=errors.clone()/>
                        <TextField label=locale.tr().order_contact_e_mail().into() name="input[contact_email]".into() key="contact_email" kind="email" required=true autocomplete="email" errors=errors.clone()/>
                        <TextField label=locale.tr().order_phone().into() name="input[contact_phone]".into() key="contact_phone" kind="tel" autocomplete="tel" errors=errors.clone()/>
                        <SelectField label=locale.tr().order_delivery_2().into() name="input[delivery]".into() key="delivery" options=deliveries value="pickup".to_string() required=true errors=errors.clone()/>
                        <TextArea label=locale.tr().order_message().into() name="input[message]".into() key="message" maxlength=4000 errors=errors/>
                        <button type="submit" class="primary">{locale.tr().order_send_requests()}</button>
                    </form>
                </EnhancedForm>
            }.into_any()
        }}
    }
}

#[component]
pub fn MyRequestsPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_my_requests());
    let sent = use_query_map().read_untracked().get("sent");
    view! {
        {with_data(locale, data, move |list| {
            let title = locale.tr().order_my_requests();
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                {sent.clone().map(|n| view! { <p class="notice" role="status">{locale.tr().order_requests_sent()}{n}</p> })}
                <RequestList locale list show_enterprise=true/>
            }
        })}
    }
}

#[component]
fn RequestList(locale: Locale, list: Vec<OrderSummary>, show_enterprise: bool) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>{locale.tr().order_no_requests()}</p> }.into_any();
    }
    view! {
        <table class="products-table">
            <thead><tr>
                <th scope="col">"№"</th>
                <th scope="col">{if show_enterprise { locale.tr().desk_enterprise() } else { locale.tr().order_buyer() }}</th>
                <th scope="col">{locale.tr().order_total_2()}</th>
                <th scope="col">{locale.tr().desk_status()}</th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|o| view! {
                    <tr>
                        <td><a href=locale.href(&format!("/requests/{}", o.id))>{format!("#{}", o.id)}</a>
                            {match o.kind.code() {
                                "question" => Some(locale.tr().order_question()),
                                "quote" => Some(locale.tr().order_quote()),
                                _ => None,
                            }}
                        </td>
                        <td>{if show_enterprise { o.enterprise_name.clone() } else { o.buyer_name.clone() }}</td>
                        <td>{money(o.total_cents, locale)}</td>
                        <td class=format!("request-{}", o.status)>{locale.tr().order_status(o.status)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = Resource::new(move || slug.clone(), get_inbox);
    view! {
        {with_data(locale, data, move |(name, list)| {
            let waiting = list.iter().filter(|o| o.status == OrderStatus::Submitted).count();
            let title = format!("{} — {}", locale.tr().nav_requests(), name);
            view! {
                <PageTitle text=title.clone()/>
                <h1>{title}</h1>
                <p>{locale.tr().order_waiting_for_answer()}<strong>{waiting}</strong></p>
                <RequestList locale list show_enterprise=false/>
            }
        })}
    }
}

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
    let action = "/fn/request_action";
    let action_error = posted.for_action(action).cloned();
    let action_fields = posted.fields(action);
    let msg_error = posted.for_action("/fn/post_message").cloned();
    let msg_fields = posted.fields("/fn/post_message");
    let s = o.summary.clone();
    let id = s.id.to_string();
    let kind_label = match s.kind.code() {
        "question" => locale.tr().order_question_2(),
        "quote" => locale.tr().order_request_for_quote(),
        _ => locale.tr().order_request(),
    };
    let title = format!("{kind_label} #{}", s.id);
    let status = s.status;
    let question = s.kind == OrderKind::Question;
    let can_answer = o.as_enterprise && status == OrderStatus::Submitted && !question;
    let can_propose = can_answer && !o.lines.is_empty();
    let can_fulfil = o.as_enterprise
        && (status == OrderStatus::Accepted || (question && status == OrderStatus::Submitted));
    let can_confirm = o.as_buyer && status == OrderStatus::Proposed;
    let can_cancel = o.as_buyer && matches!(status.code(), "submitted" | "proposed" | "accepted");
    let proposing = o.lines.iter().any(|l| l.proposed_quantity.is_some());
    let propose_action = "/fn/propose_changes";
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
                                                    <input id=p_id type="text" inputmode="decimal" class="qty" name=format!("lines[{}][price]", l.line_id) value=crate::forms::price_plain(l.unit_price_cents) required=true/>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <TextArea label=locale.tr().order_note_buyer().into() name="note".into() key="note" maxlength=2000 errors=fields prefix="propose-"/>
                            <button type="submit">{locale.tr().order_propose_buyer()}</button>
                        </form>
                    </EnhancedForm>
                </details>
            }
        })}
        {can_confirm.then(|| view! { <ActionButton locale id=id.clone() action="confirm" label=locale.tr().order_confirm_changes()/> })}
        {can_fulfil.then(|| view! {
            <ActionButton locale id=id.clone() action="fulfil"
                label=if question { locale.tr().order_mark_as_answered() } else { locale.tr().order_mark_as_fulfilled() }/>
        })}
        {can_cancel.then(|| view! {
            <ActionButton locale id=id.clone() action="cancel"
                label=if status == OrderStatus::Proposed { locale.tr().order_refuse_changes_cancel() } else { locale.tr().order_cancel_request() }/>
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
                <form method="post" action="/fn/post_message" class="stack">
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

#[component]
fn ActionButton(
    locale: Locale,
    id: String,
    action: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action="/fn/request_action" class="inline">
            <LocaleField locale/>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="action" value=action/>
            <button type="submit">{label}</button>
        </form>
    }
}

/// The "add to basket" form of a product page.
#[component]
pub fn AddToBasket(locale: Locale, product_id: i32, min_order: i32) -> impl IntoView {
    view! {
        <form method="post" action="/fn/put_in_basket" class="add-to-basket">
            <LocaleField locale/>
            <input type="hidden" name="product_id" value=product_id.to_string()/>
            <label for="qty">{locale.tr().order_quantity()}</label>
            <input id="qty" type="number" name="quantity" min=min_order.to_string() value=min_order.to_string() class="qty"/>
            <button type="submit" class="primary">{locale.tr().order_add_basket()}</button>
        </form>
    }
}

/// "Ask the enterprise" on a product page: a question without ordering.
#[component]
pub fn AskQuestion(locale: Locale, product_id: i32) -> impl IntoView {
    let posted = PostedError::from_query();
    let action = "/fn/ask_question";
    let error = posted.for_action(action).cloned();
    let open = error.is_some();
    let fields = posted.fields(action);
    view! {
        <details class="panel ask" open=open>
            <summary>{locale.tr().order_ask_enterprise()}</summary>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="product_id" value=product_id.to_string()/>
                    <FormMessage locale error=error.clone()/>
                    <TextArea label=locale.tr().order_question_answer_comes_under().into()
                        name="question".into() key="question" maxlength=4000 errors=fields/>
                    <button type="submit">{locale.tr().order_send_question()}</button>
                </form>
            </EnhancedForm>
        </details>
    }
}
