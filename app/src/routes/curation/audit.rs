//! `/curator/<centre>/audit` and `/admin/audit`: the audit log of a centre
//! or of the whole platform.

use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::format::date_time;
use crate::functions::curation::get_audit_log;
use crate::i18n::Locale;
use crate::models::AuditPage;
use crate::routes::curation::centre_param;
use leptos::prelude::*;

#[component]
pub fn CentreAuditPage() -> impl IntoView {
    let locale = use_locale();
    let centre = centre_param();
    let data = Resource::new(
        move || (locale, centre.clone()),
        |(l, c)| get_audit_log(l, c),
    );
    view! { {with_data(locale, data, move |page| view! { <AuditView locale page/> })} }
}

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, |l| get_audit_log(l, String::new()));
    view! { {with_data(locale, data, move |page| view! { <AuditView locale page/> })} }
}

#[component]
fn AuditView(locale: Locale, page: AuditPage) -> impl IntoView {
    let title = match &page.centre_name {
        Some(c) => format!("{} — {}", locale.tr().desk_audit_log(), c),
        None => locale.tr().desk_audit_log_whole_platform().to_string(),
    };
    let region = title.clone();
    view! {
        <PageTitle text=title.clone()/>
        {page.centre_slug.clone().map(|c| view! { <p><a href=locale.href(&format!("/curator/{c}"))>{"← "}{page.centre_name.clone().unwrap_or_default()}</a></p> })}
        <h1>{title}</h1>
        <div class="table-scroll" role="region" aria-label=region tabindex="0">
            <table class="products-table audit">
                <thead><tr>
                    <th scope="col">{locale.tr().desk_when()}</th>
                    <th scope="col">{locale.tr().desk_who()}</th>
                    <th scope="col">{locale.tr().desk_what()}</th>
                    <th scope="col">{locale.tr().desk_about()}</th>
                    <th scope="col">{locale.tr().desk_why()}</th>
                </tr></thead>
                <tbody>
                    {page.entries.into_iter().map(|e| view! {
                        <tr>
                            <td>{date_time(e.at, locale)}</td>
                            <td>{e.actor.unwrap_or_else(|| locale.tr().desk_platform().to_string())}</td>
                            <td>{locale.tr().audit_action(e.action)}</td>
                            <td>{e.entity_label}{e.centre.map(|c| format!(" ({c})"))}</td>
                            <td>{e.reason.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
