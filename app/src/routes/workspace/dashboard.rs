//! `/dashboard`: my enterprises and invitations.

use crate::components::form::LocaleField;
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::workspace::AcceptInvitation;
use crate::functions::workspace::{get_dashboard, workspace_href};
use crate::i18n::Locale;
use crate::models::Dashboard;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_dashboard());
    view! { {with_data(locale, data, move |d| view! { <DashboardView locale d/> })} }
}

#[component]
fn DashboardView(locale: Locale, d: Dashboard) -> impl IntoView {
    let title = locale.tr().nav_dashboard();
    view! {
        <PageTitle text=title.to_string()/>
        <h1>{title}</h1>
        {(!d.email_confirmed).then(|| view! { <crate::components::confirm::ConfirmAddressNotice locale/> })}
        {(!d.invitations.is_empty()).then(|| view! {
            <section aria-labelledby="h-inv" class="panel">
                <h2 id="h-inv">{locale.tr().ws_invitations()}</h2>
                <ul class="plain">
                    {d.invitations.iter().map(|i| view! {
                        <li>
                            <form method="post" action=AcceptInvitation::PATH class="inline">
                                <LocaleField locale/>
                                <input type="hidden" name="invitation_id" value=i.id.to_string()/>
                                {i.enterprise_name.clone()}" "
                                <button type="submit">{locale.tr().ws_join()}</button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="h-mine">
            <h2 id="h-mine">{locale.tr().ws_my_enterprises()}</h2>
            {if d.enterprises.is_empty() {
                view! { <p>{locale.tr().ws_not_member_enterprise_yet()}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain workspace-list">
                        {d.enterprises.iter().map(|e| view! {
                            <li>
                                <a href=workspace_href(locale, &e.slug)><strong>{e.name.clone()}</strong></a>
                                <span class=format!("badge status-{}", e.verification_status)>{locale.tr().verification_status(e.verification_status)}</span>
                                " · "{e.product_count}" "{locale.tr().ws_products()}
                                {e.suspension_reason.clone().map(|r| view! {
                                    <p class="warning">{locale.tr().ws_suspended_by_curator()}{r}</p>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a class="button primary" href=locale.href("/dashboard/register")>{locale.tr().ws_register_enterprise()}</a></p>
        </section>
    }
}
