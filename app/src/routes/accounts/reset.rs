//! `/forgot` and `/reset`: setting a new password through a mailed link.

use crate::components::form::{EnhancedForm, FormMessage, LocaleField, PostedError, TextField};
use crate::components::layout::use_locale;
use crate::components::structured::PageTitle;
use crate::functions::accounts::{RequestPasswordReset, ResetPassword};
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

/// `/forgot`: asks for the address. What it says after sending is the same
/// for every address, so it tells nobody who is registered.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let locale = use_locale();
    let posted = PostedError::from_query();
    let sent = use_query_map().read_untracked().get("sent").is_some();
    let action = RequestPasswordReset::PATH;
    let errors = posted.fields(action);
    let title = locale.tr().account_forgot_password();
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            {sent.then(|| view! {
                <p class="notice" role="status">{locale.tr().account_if_address_registered()}</p>
            })}
            <p>{locale.tr().account_type_address_we_send()}</p>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <TextField label=locale.tr().account_e_mail().into() name="email".into() key="email"
                        kind="email" required=true autocomplete="email" errors=errors/>
                    <button type="submit" class="primary">{locale.tr().account_send_link()}</button>
                </form>
            </EnhancedForm>
            <p><a href=locale.href("/signin")>{locale.tr().account_back_to_sign_in()}</a></p>
        </section>
    }
}

/// `/reset?token=…`: the page a reset link opens. Opening it spends
/// nothing (mail scanners open links); the form does.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let locale = use_locale();
    let posted = PostedError::from_query();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let action = ResetPassword::PATH;
    let errors = posted.fields(action);
    let error = posted.for_action(action).cloned();
    let title = locale.tr().account_new_password();
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="token" value=token/>
                    <FormMessage locale error=error/>
                    <TextField label=locale.tr().account_new_password().into() name="new_password".into()
                        key="new_password" kind="password" required=true autocomplete="new-password"
                        hint=locale.tr().account_at_least_10_characters_3().to_string()
                        errors=errors/>
                    <button type="submit" class="primary">{locale.tr().account_set_password()}</button>
                </form>
            </EnhancedForm>
            // A spent or expired link cannot be mended here: say where a new one comes from.
            <p>
                {locale.tr().account_link_expired()}
                <a href=locale.href("/forgot")>{locale.tr().account_ask_for_new_link()}</a>
            </p>
        </section>
    }
}
