//! `/notices`: what happened to one's requests, enterprises and centres.

use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::notices::Audience;
use crate::functions::favourites::get_notices;
use leptos::prelude::*;

#[component]
pub fn NoticesPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_notices());
    view! {
        {with_data(locale, data, move |list| {
            let title = locale.tr().nav_notices();
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                {if list.is_empty() {
                    view! { <p>{locale.tr().fav_no_notices()}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain notices">
                            {list.into_iter().map(|n| view! {
                                <li class:unread=n.unread>
                                    {n.unread.then(|| view! { <strong>{locale.tr().fav_new()}</strong> })}
                                    {match n.order_request_id {
                                        Some(id) => view! {
                                            <a href=locale.href(&format!("/requests/{id}"))>{locale.tr().notice(n.kind)}" #"{id}</a>
                                        }.into_any(),
                                        None => match n.enterprise_slug.clone() {
                                            Some(slug) => view! {
                                                <a href=locale.href(&format!("/dashboard/e/{slug}"))>{locale.tr().notice(n.kind)}</a>
                                            }.into_any(),
                                            None if n.kind.audience() == Audience::Curators => view! {
                                                <a href=locale.href("/curator")>{locale.tr().notice(n.kind)}</a>
                                            }.into_any(),
                                            None => view! { <span>{locale.tr().notice(n.kind)}</span> }.into_any(),
                                        },
                                    }}
                                    {n.detail.clone().map(|d| view! { ": "<q>{d}</q> })}
                                    " · "{crate::format::date_time(n.at, locale)}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }
        })}
    }
}
