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
use crate::format::money;
use crate::functions::orders::{get_basket, get_inbox, get_my_requests, get_request};
use crate::i18n::Locale;
use crate::models::{BasketView, OrderRequestView, OrderSummary};

pub fn status_label(locale: Locale, status: &str) -> &'static str {
    match status {
        "accepted" => locale.pick("Приета", "Accepted"),
        "proposed" => locale.pick("Предложени промени", "Changes proposed"),
        "declined" => locale.pick("Отказана", "Declined"),
        "fulfilled" => locale.pick("Изпълнена", "Fulfilled"),
        "cancelled" => locale.pick("Отменена", "Cancelled"),
        _ => locale.pick("Изпратена", "Submitted"),
    }
}

fn delivery_label(locale: Locale, d: &str) -> &'static str {
    match d {
        "delivery" => locale.pick("Доставка", "Delivery"),
        "event" => locale.pick("На събитие", "At an event"),
        _ => locale.pick("Вземане на място", "Pick-up"),
    }
}

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
    let title = locale.pick("Кошница", "Basket");
    let empty = b.enterprises.is_empty();
    let deliveries = vec![
        (
            "pickup".to_string(),
            delivery_label(locale, "pickup").to_string(),
        ),
        (
            "delivery".to_string(),
            delivery_label(locale, "delivery").to_string(),
        ),
        (
            "event".to_string(),
            delivery_label(locale, "event").to_string(),
        ),
    ];
    let key = {
        #[cfg(feature = "ssr")]
        {
            crate::server::services::products::new_key()
        }
        #[cfg(not(feature = "ssr"))]
        {
            String::new()
        }
    };
    view! {
        <PageTitle text=title.to_string()/>
        <h1>{title}</h1>
        {put_error.map(|e| view! { <p class="form-message" role="alert">{e.message(locale)}</p> })}
        {(b.unavailable > 0).then(|| view! {
            <p class="notice">{locale.pick("Някои продукти вече не се предлагат и са махнати от кошницата.", "Some products are no longer offered and were left out.")}</p>
        })}
        {if empty {
            view! { <p>{locale.pick("Кошницата е празна.", "The basket is empty.")}" "<a href=locale.href("/search")>{locale.pick("Към каталога", "To the catalogue")}</a></p> }.into_any()
        } else {
            view! {
                <p>{locale.pick("Всяко предприятие получава отделно запитване за своите продукти.", "Each enterprise receives its own request for its products.")}</p>
                {b.enterprises.iter().map(|g| view! {
                    <section class="panel" aria-label=g.enterprise_name.clone()>
                        <h2><a href=locale.href(&format!("/e/{}", g.enterprise_slug))>{g.enterprise_name.clone()}</a></h2>
                        <table class="products-table">
                            <thead><tr>
                                <th scope="col">{locale.pick("Продукт", "Product")}</th>
                                <th scope="col">{locale.pick("Цена", "Price")}</th>
                                <th scope="col">{locale.pick("Количество", "Quantity")}</th>
                            </tr></thead>
                            <tbody>
                                {g.lines.iter().map(|l| {
                                    let label = format!("{} {}", locale.pick("Количество за", "Quantity of"), l.title);
                                    view! {
                                        <tr>
                                            <td><a href=locale.href(&format!("/p/{}", l.slug))>{l.title.clone()}</a></td>
                                            <td>{money(l.unit_price_cents, locale)}</td>
                                            <td>
                                                <form method="post" action="/fn/put_in_basket" class="inline">
                                                    <LocaleField locale/>
                                                    <input type="hidden" name="product_id" value=l.product_id.to_string()/>
                                                    <input type="number" name="quantity" min="0" value=l.quantity.to_string() aria-label=label class="qty"/>
                                                    <button type="submit" class="small">{locale.pick("Промени", "Update")}</button>
                                                </form>
                                                <form method="post" action="/fn/put_in_basket" class="inline">
                                                    <LocaleField locale/>
                                                    <input type="hidden" name="product_id" value=l.product_id.to_string()/>
                                                    <input type="hidden" name="quantity" value="0"/>
                                                    <button type="submit" class="small">{locale.pick("Махни", "Remove")}</button>
                                                </form>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <p><strong>{locale.pick("Общо: ", "Total: ")}{money(g.total_cents, locale)}</strong></p>
                    </section>
                }).collect_view()}
                <h2>{locale.pick("Изпрати запитване", "Send the request")}</h2>
                <EnhancedForm>
                    <form method="post" action=send class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="key" value=key/>
                        <FormMessage locale error=send_error/>
                        <TextField label=locale.pick("Име за контакт", "Contact name").into() name="input[contact_name]".into() key="contact_name" required=true autocomplete="name" errors=errors.clone()/>
                        <TextField label=locale.pick("Имейл за контакт", "Contact e-mail").into() name="input[contact_email]".into() key="contact_email" kind="email" required=true autocomplete="email" errors=errors.clone()/>
                        <TextField label=locale.pick("Телефон", "Phone").into() name="input[contact_phone]".into() key="contact_phone" kind="tel" autocomplete="tel" errors=errors.clone()/>
                        <SelectField label=locale.pick("Получаване", "Delivery").into() name="input[delivery]".into() key="delivery" options=deliveries value="pickup".to_string() required=true errors=errors.clone()/>
                        <TextArea label=locale.pick("Съобщение", "Message").into() name="input[message]".into() key="message" maxlength=4000 errors=errors/>
                        <button type="submit" class="primary">{locale.pick("Изпрати запитванията", "Send the requests")}</button>
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
            let title = locale.pick("Моите запитвания", "My requests");
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                {sent.clone().map(|n| view! { <p class="notice" role="status">{locale.pick("Изпратени запитвания: ", "Requests sent: ")}{n}</p> })}
                <RequestList locale list show_enterprise=true/>
            }
        })}
    }
}

#[component]
fn RequestList(locale: Locale, list: Vec<OrderSummary>, show_enterprise: bool) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>{locale.pick("Няма запитвания.", "No requests.")}</p> }.into_any();
    }
    view! {
        <table class="products-table">
            <thead><tr>
                <th scope="col">"№"</th>
                <th scope="col">{if show_enterprise { locale.pick("Предприятие", "Enterprise") } else { locale.pick("Купувач", "Buyer") }}</th>
                <th scope="col">{locale.pick("Сума", "Total")}</th>
                <th scope="col">{locale.pick("Състояние", "Status")}</th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|o| view! {
                    <tr>
                        <td><a href=locale.href(&format!("/requests/{}", o.id))>{format!("#{}", o.id)}</a>
                            {match o.kind.as_str() {
                                "question" => Some(locale.pick(" · въпрос", " · question")),
                                "quote" => Some(locale.pick(" · оферта", " · quote")),
                                _ => None,
                            }}
                        </td>
                        <td>{if show_enterprise { o.enterprise_name.clone() } else { o.buyer_name.clone() }}</td>
                        <td>{money(o.total_cents, locale)}</td>
                        <td class=format!("request-{}", o.status)>{status_label(locale, &o.status)}</td>
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
            let waiting = list.iter().filter(|o| o.status == "submitted").count();
            let title = format!("{} — {}", locale.pick("Запитвания", "Requests"), name);
            view! {
                <PageTitle text=title.clone()/>
                <h1>{title}</h1>
                <p>{locale.pick("Чакат отговор: ", "Waiting for an answer: ")}<strong>{waiting}</strong></p>
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
    let kind_label = match s.kind.as_str() {
        "question" => locale.pick("Въпрос", "Question"),
        "quote" => locale.pick("Запитване за оферта", "Request for a quote"),
        _ => locale.pick("Запитване", "Request"),
    };
    let title = format!("{kind_label} #{}", s.id);
    let status = s.status.clone();
    let question = s.kind == "question";
    let can_answer = o.as_enterprise && status == "submitted" && !question;
    let can_propose = can_answer && !o.lines.is_empty();
    let can_fulfil =
        o.as_enterprise && (status == "accepted" || (question && status == "submitted"));
    let can_confirm = o.as_buyer && status == "proposed";
    let can_cancel = o.as_buyer && matches!(status.as_str(), "submitted" | "proposed" | "accepted");
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
            " · "<span class=format!("badge request-{}", s.status)>{status_label(locale, &s.status)}</span>
        </p>
        <dl class="facts">
            <dt>{locale.pick("Купувач", "Buyer")}</dt><dd>{o.contact_name.clone()}", "{o.contact_email.clone()}" "{o.contact_phone.clone()}</dd>
            <dt>{locale.pick("Получаване", "Delivery")}</dt><dd>{delivery_label(locale, &o.delivery)}</dd>
        </dl>
        {o.about_product.clone().map(|(slug, title)| view! {
            <p>{locale.pick("За продукта: ", "About the product: ")}<a href=locale.href(&format!("/p/{slug}"))>{title}</a></p>
        })}
        {(!o.message.is_empty()).then(|| view! { <p class="prose">{o.message.clone()}</p> })}
        {(!o.lines.is_empty()).then(|| view! {
            <table class="products-table">
                <thead><tr>
                    <th scope="col">{locale.pick("Продукт", "Product")}</th>
                    <th scope="col">{locale.pick("Количество", "Quantity")}</th>
                    <th scope="col">{locale.pick("Цена при запитването", "Price when asked")}</th>
                    {proposing.then(|| view! { <th scope="col">{locale.pick("Предложение на предприятието", "The enterprise's proposal")}</th> })}
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
            <p><strong>{locale.pick("Общо: ", "Total: ")}{money(s.total_cents, locale)}</strong></p>
        })}
        {o.enterprise_note.clone().map(|n| view! { <p class="notice">{locale.pick("Бележка от предприятието: ", "The enterprise's note: ")}{n}</p> })}
        {o.decline_reason.clone().map(|n| view! { <p class="warning">{locale.pick("Причина за отказа: ", "Reason for declining: ")}{n}</p> })}
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
                        <TextArea label=locale.pick("Бележка към купувача (по желание)", "A note to the buyer (optional)").into() name="note".into() key="note" maxlength=2000 errors=fields.clone()/>
                        <button type="submit" class="primary">{locale.pick("Приеми", "Accept")}</button>
                    </form>
                    <form method="post" action=action class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="action" value="decline"/>
                        <TextField label=locale.pick("Причина за отказа", "Reason for declining").into() name="reason".into() key="reason" required=true errors=fields/>
                        <button type="submit">{locale.pick("Откажи", "Decline")}</button>
                    </form>
                </div>
            }
        })}
        {can_propose.then(|| {
            let id = id.clone();
            let fields = propose_fields.clone();
            view! {
                <details class="panel" open=propose_open>
                    <summary>{locale.pick("Приеми с други количества или цени", "Accept with other quantities or prices")}</summary>
                    <EnhancedForm>
                        <form method="post" action=propose_action class="stack">
                            <LocaleField locale/>
                            <input type="hidden" name="id" value=id/>
                            <FormMessage locale error=propose_error.clone()/>
                            <table class="products-table">
                                <thead><tr>
                                    <th scope="col">{locale.pick("Продукт", "Product")}</th>
                                    <th scope="col">{locale.pick("Количество", "Quantity")}</th>
                                    <th scope="col">{locale.pick("Единична цена, €", "Unit price, €")}</th>
                                </tr></thead>
                                <tbody>
                                    {o.lines.iter().map(|l| {
                                        let q_id = format!("pq-{}", l.line_id);
                                        let p_id = format!("pp-{}", l.line_id);
                                        view! {
                                            <tr>
                                                <td>{l.title.clone()}</td>
                                                <td>
                                                    <label class="visually-hidden" for=q_id.clone()>{locale.pick("Количество: ", "Quantity: ")}{l.title.clone()}</label>
                                                    <input id=q_id type="number" min="1" class="qty" name=format!("lines[{}][quantity]", l.line_id) value=l.quantity.to_string() required=true/>
                                                </td>
                                                <td>
                                                    <label class="visually-hidden" for=p_id.clone()>{locale.pick("Цена: ", "Price: ")}{l.title.clone()}</label>
                                                    <input id=p_id type="text" inputmode="decimal" class="qty" name=format!("lines[{}][price]", l.line_id) value=crate::forms::price_plain(l.unit_price_cents) required=true/>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <TextArea label=locale.pick("Бележка към купувача", "A note to the buyer").into() name="note".into() key="note" maxlength=2000 errors=fields prefix="propose-"/>
                            <button type="submit">{locale.pick("Предложи на купувача", "Propose to the buyer")}</button>
                        </form>
                    </EnhancedForm>
                </details>
            }
        })}
        {can_confirm.then(|| view! { <ActionButton locale id=id.clone() action="confirm" label=locale.pick("Потвърди промените", "Confirm the changes")/> })}
        {can_fulfil.then(|| view! {
            <ActionButton locale id=id.clone() action="fulfil"
                label=if question { locale.pick("Отбележи като отговорен", "Mark as answered") } else { locale.pick("Отбележи като изпълнена", "Mark as fulfilled") }/>
        })}
        {can_cancel.then(|| view! {
            <ActionButton locale id=id.clone() action="cancel"
                label=if status == "proposed" { locale.pick("Откажи промените и отмени", "Refuse the changes and cancel") } else { locale.pick("Отмени запитването", "Cancel the request") }/>
        })}
        <section aria-labelledby="h-thread">
            <h2 id="h-thread">{locale.pick("Съобщения", "Messages")}</h2>
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
                    <TextArea label=locale.pick("Ново съобщение", "New message").into() name="body".into() key="body" maxlength=4000 errors=msg_fields/>
                    <button type="submit">{locale.pick("Изпрати", "Send")}</button>
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
            <label for="qty">{locale.pick("Количество", "Quantity")}</label>
            <input id="qty" type="number" name="quantity" min=min_order.to_string() value=min_order.to_string() class="qty"/>
            <button type="submit" class="primary">{locale.pick("Добави в кошницата", "Add to basket")}</button>
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
            <summary>{locale.pick("Попитайте предприятието", "Ask the enterprise")}</summary>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="product_id" value=product_id.to_string()/>
                    <FormMessage locale error=error.clone()/>
                    <TextArea label=locale.pick("Въпрос (отговорът идва в „Запитвания“; нужен е профил)", "Question (the answer comes under Requests; an account is needed)").into()
                        name="question".into() key="question" maxlength=4000 errors=fields/>
                    <button type="submit">{locale.pick("Изпрати въпроса", "Send the question")}</button>
                </form>
            </EnhancedForm>
        </details>
    }
}
