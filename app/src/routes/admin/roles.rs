//! `/admin`: who is an admin and who curates each centre; appointing and
//! removing them. Works without JavaScript; removing asks first.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

use crate::components::actions::ActionButton;
use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, SelectField, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::admin::{GrantRole, RevokeRole, get_roles};
use crate::i18n::Locale;
use crate::models::{RoleRow, RolesPage};
use crate::routes::admin::AdminNav;

#[component]
pub fn AdminPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, get_roles);
    view! { {with_data(locale, data, move |page| view! { <RolesView locale page/> })} }
}

#[component]
fn RolesView(locale: Locale, page: RolesPage) -> impl IntoView {
    let t = locale.tr();
    let title = t.admin_title();
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .map(|s| match s.as_str() {
            "revoked" => t.admin_role_revoked(),
            _ => t.admin_role_granted(),
        });
    let posted = PostedError::from_query();
    let action = GrantRole::PATH;
    let errors = posted.fields(action);
    let error = posted.for_action(action).cloned();
    let roles = vec![
        ("curator".to_string(), t.admin_role_curator().to_string()),
        ("admin".to_string(), t.admin_role_admin().to_string()),
    ];
    let centres: Vec<(String, String)> = page
        .centres
        .iter()
        .map(|c| (c.slug.clone(), c.name.clone()))
        .collect();
    view! {
        <PageTitle text=title.to_string()/>
        <h1>{title}</h1>
        <AdminNav locale/>
        {saved.map(|s| view! { <p class="notice" role="status">{s}</p> })}
        <section aria-labelledby="h-grant" class="panel">
            <h2 id="h-grant">{t.admin_grant_title()}</h2>
            <p class="hint">{t.admin_grant_hint()}</p>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error/>
                    <TextField label=t.account_e_mail().into() name="email".into() key="email" kind="email"
                        required=true autocomplete="off" errors=errors.clone()/>
                    <SelectField label=t.admin_role().into() name="role".into() key="role" options=roles
                        value="curator" required=true errors=errors.clone()/>
                    <SelectField label=t.admin_centre_for_curators().into() name="centre".into() key="centre"
                        options=centres errors=errors/>
                    <button type="submit" class="primary">{t.admin_grant()}</button>
                </form>
            </EnhancedForm>
        </section>
        <section aria-labelledby="h-admins">
            <h2 id="h-admins">{t.admin_admins()}</h2>
            // The platform keeps one admin: the last has nothing to remove.
            <RoleList locale removable={page.admins.len() > 1} rows=page.admins.clone()/>
        </section>
        <section aria-labelledby="h-curators">
            <h2 id="h-curators">{t.admin_curators()}</h2>
            {page.centres.into_iter().map(|c| {
                let id = format!("h-centre-{}", c.slug);
                let labelled = id.clone();
                view! {
                    <section aria-labelledby=labelled class="panel">
                        <h3 id=id>{c.name.clone()}</h3>
                        {if c.curators.is_empty() {
                            view! { <p>{t.admin_no_curators()}</p> }.into_any()
                        } else {
                            view! { <RoleList locale removable=true rows=c.curators/> }.into_any()
                        }}
                    </section>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn RoleList(locale: Locale, rows: Vec<RoleRow>, removable: bool) -> impl IntoView {
    let t = locale.tr();
    view! {
        <ul class="plain">
            {rows.into_iter().map(|r| view! {
                <li>
                    <strong>{r.name.clone()}</strong>" · "{r.email.clone()}" "
                    {removable.then(|| view! {
                        <ActionButton locale small=true action=RevokeRole::PATH
                            fields=vec![("role_id", r.id.to_string())]
                            label=t.admin_revoke() confirm=t.admin_confirm_revoke()/>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
}
