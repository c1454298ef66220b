//! `/dashboard/e/<slug>/requests`: an enterprise's inbox.

use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::orders::OrderStatus;
use crate::functions::orders::get_inbox;
use crate::routes::orders::RequestList;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

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
            let title = format!("{} — {}", locale.tr().nav_inbox(), name);
            view! {
                <PageTitle text=title.clone()/>
                <h1>{title}</h1>
                <p>{locale.tr().order_waiting_for_answer()}<strong>{waiting}</strong></p>
                <RequestList locale list show_enterprise=false/>
            }
        })}
    }
}
