//! `/basket`: the basket, one group per enterprise, and sending it.

use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, SelectField, TextArea, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::format::money;
use crate::functions::orders::PutInBasket;
use crate::functions::orders::SendBasket;
use crate::functions::orders::get_basket;
use crate::i18n::Locale;
use crate::models::BasketView;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

#[component]
pub fn BasketPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_basket());
    view! { {with_data(locale, data, move |b| view! { <BasketBody locale b/> })} }
}

#[component]
fn BasketBody(locale: Locale, b: BasketView) -> impl IntoView {
    let posted = PostedError::from_query();
    let send = SendBasket::PATH;
    let errors = posted.fields(send);
    let send_error = posted.for_action(send).cloned();
    let put_error = posted.for_action(PutInBasket::PATH).cloned();
    let title = locale.tr().nav_basket();
    let empty = b.enterprises.is_empty();
    let deliveries = crate::components::form::options(|d| locale.tr().delivery(d));
    let key = b.send_key.clone();
    let c = b.contact.clone();
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
                        <div class="table-scroll" role="region" aria-label=format!("{} — {}", locale.tr().desk_product(), g.enterprise_name) tabindex="0">
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
                                                    <form method="post" action=PutInBasket::PATH class="inline">
                                                        <LocaleField locale/>
                                                        <input type="hidden" name="product_id" value=l.product_id.to_string()/>
                                                        <input type="number" name="quantity" min="0" value=l.quantity.to_string() aria-label=label class="qty"/>
                                                        <button type="submit" class="small">{locale.tr().order_update()}</button>
                                                    </form>
                                                    <form method="post" action=PutInBasket::PATH class="inline">
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
                        </div>
                        <p><strong>{locale.tr().order_total()}{money(g.total_cents, locale)}</strong></p>
                    </section>
                }).collect_view()}
                <h2>{locale.tr().order_send_request()}</h2>
                {(!b.signed_in).then(|| view! { <p class="notice">{locale.tr().order_sign_in_to_send()}</p> })}
                <EnhancedForm>
                    <form method="post" action=send class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="key" value=key/>
                        <FormMessage locale error=send_error/>
                        <TextField label=locale.tr().order_contact_name().into() name="input[contact_name]".into() key="contact_name" value=c.contact_name.clone() required=true autocomplete="name" errors=errors.clone()/>
                        <TextField label=locale.tr().order_contact_e_mail().into() name="input[contact_email]".into() key="contact_email" value=c.contact_email.clone() kind="email" required=true autocomplete="email" errors=errors.clone()/>
                        <TextField label=locale.tr().order_phone().into() name="input[contact_phone]".into() key="contact_phone" value=c.contact_phone.clone() kind="tel" autocomplete="tel" errors=errors.clone()/>
                        <SelectField label=locale.tr().order_delivery_2().into() name="input[delivery]".into() key="delivery" options=deliveries value=if c.delivery.is_empty() { "pickup".to_string() } else { c.delivery.clone() } required=true errors=errors.clone()/>
                        <TextArea label=locale.tr().order_message().into() name="input[message]".into() key="message" value=c.message.clone() maxlength=4000 errors=errors/>
                        <button type="submit" class="primary">{locale.tr().order_send_requests()}</button>
                    </form>
                </EnhancedForm>
            }.into_any()
        }}
    }
}
