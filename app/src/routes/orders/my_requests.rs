//! `/requests`: the buyer's requests.

use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::orders::get_my_requests;
use crate::routes::orders::RequestList;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

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
