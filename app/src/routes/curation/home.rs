//! `/curator`: the centres a curator keeps.

use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::curation::get_curated_centres;
use crate::i18n::Locale;
use crate::models::CuratorHome;
use leptos::prelude::*;

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
            <p>
                <a href=locale.href("/admin")>{locale.tr().admin_title()}</a>
                " · "<a href=locale.href("/admin/audit")>{locale.tr().desk_audit_log_whole_platform()}</a>
            </p>
        })}
    }
}
