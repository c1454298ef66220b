//! `/basket`, `/requests`, `/requests/<id>` and an enterprise's inbox
//! `/dashboard/e/<slug>/requests`.

pub mod basket;
pub mod inbox;
pub mod my_requests;
pub mod request;

use leptos::prelude::*;

use crate::domain::orders::OrderKind;
use crate::format::money;
use crate::i18n::Locale;
use crate::models::OrderSummary;

#[component]
pub(super) fn RequestList(
    locale: Locale,
    list: Vec<OrderSummary>,
    show_enterprise: bool,
) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>{locale.tr().order_no_requests()}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" role="region" aria-label=if show_enterprise { locale.tr().nav_requests() } else { locale.tr().nav_inbox() } tabindex="0">
            <table class="products-table">
                <thead><tr>
                    <th scope="col">"№"</th>
                    <th scope="col">{if show_enterprise { locale.tr().desk_enterprise() } else { locale.tr().order_buyer() }}</th>
                    <th scope="col">{locale.tr().order_sent_on()}</th>
                    <th scope="col">{locale.tr().order_items()}</th>
                    <th scope="col">{locale.tr().order_delivery_2()}</th>
                    <th scope="col">{locale.tr().order_total_2()}</th>
                    <th scope="col">{locale.tr().desk_status()}</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|o| view! {
                        <tr>
                            <td><a href=locale.href(&format!("/requests/{}", o.id))>{format!("#{}", o.id)}</a>
                                {match o.kind {
                                    OrderKind::Question => Some(locale.tr().order_question()),
                                    OrderKind::Quote => Some(locale.tr().order_quote()),
                                    OrderKind::Order => None,
                                }}
                            </td>
                            <td>{if show_enterprise { o.enterprise_name.clone() } else { o.buyer_name.clone() }}</td>
                            <td>{crate::format::date(crate::format::to_sofia(o.created_at).date(), locale)}</td>
                            <td>{o.items.clone()}</td>
                            <td>{locale.tr().delivery(o.delivery)}</td>
                            <td>{money(o.total_cents, locale)}</td>
                            <td><span class=format!("badge request-{}", o.status)>{locale.tr().order_status(o.status)}</span></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
