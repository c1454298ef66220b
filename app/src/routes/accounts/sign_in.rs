//! `/signin`.

use crate::components::form::{EnhancedForm, FormMessage, LocaleField, PostedError, TextField};
use crate::components::layout::use_locale;
use crate::components::structured::PageTitle;
use crate::functions::accounts::SignIn;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let locale = use_locale();
    let posted = PostedError::from_query();
    let q = use_query_map().read_untracked();
    let next = q.get("next").unwrap_or_default();
    let registered = q.get("registered").is_some();
    let sign_up_href = if next.is_empty() {
        locale.href("/signup")
    } else {
        format!(
            "{}?next={}",
            locale.href("/signup"),
            crate::links::query_value(&next)
        )
    };
    let confirmed = q.get("confirmed").is_some();
    let reset = q.get("reset").is_some();
    let deleted = q.get("deleted").is_some();
    let address_changed = q.get("address_changed").is_some();
    let action = SignIn::PATH;
    let errors = posted.fields(action);
    let title = locale.tr().nav_sign_in();
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            {registered.then(|| view! {
                <p class="notice" role="status">
                    {locale.tr().account_done_we_sent_e()}
                </p>
            })}
            {address_changed.then(|| view! {
                <p class="notice" role="status">{locale.tr().account_address_changed_sign_in()}</p>
            })}
            {deleted.then(|| view! {
                <p class="notice" role="status">{locale.tr().account_deleted()}</p>
            })}
            {reset.then(|| view! {
                <p class="notice" role="status">{locale.tr().account_password_set_sign_in()}</p>
            })}
            {confirmed.then(|| view! {
                <p class="notice" role="status">
                    {locale.tr().account_e_mail_address_confirmed()}
                </p>
            })}
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="next" value=next/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <TextField label=locale.tr().account_e_mail().into() name="email".into() key="email"
                        kind="email" required=true autocomplete="email" errors=errors.clone()/>
                    <TextField label=locale.tr().account_password().into() name="password".into() key="password"
                        kind="password" required=true autocomplete="current-password" errors=errors.clone()/>
                    <button type="submit" class="primary">{title}</button>
                </form>
            </EnhancedForm>
            <p><a href=locale.href("/forgot")>{locale.tr().account_forgot_password_2()}</a></p>
            <p>
                {locale.tr().account_no_account_yet()}
                <a href=sign_up_href>{locale.tr().account_sign_up()}</a>
            </p>
        </section>
    }
}
