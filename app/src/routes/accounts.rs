//! `/signin`, `/signup` and `/account`: getting in, and the account's own
//! settings.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, SelectField, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::accounts::me;
use crate::i18n::Locale;

#[component]
pub fn SignInPage() -> impl IntoView {
    let locale = use_locale();
    let posted = PostedError::from_query();
    let q = use_query_map().read_untracked();
    let next = q.get("next").unwrap_or_default();
    let registered = q.get("registered").is_some();
    let confirmed = q.get("confirmed").is_some();
    let action = "/fn/sign_in";
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
            <p>
                {locale.tr().account_no_account_yet()}
                <a href=locale.href("/signup")>{locale.tr().account_sign_up()}</a>
            </p>
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let locale = use_locale();
    let posted = PostedError::from_query();
    let action = "/fn/sign_up";
    let errors = posted.fields(action);
    let title = locale.tr().account_sign_up_2();
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            <p>{locale.tr().account_with_account_send_requests()}</p>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <TextField label=locale.tr().account_name().into() name="display_name".into() key="display_name"
                        required=true autocomplete="name" maxlength=120 errors=errors.clone()/>
                    <TextField label=locale.tr().account_e_mail().into() name="email".into() key="email"
                        kind="email" required=true autocomplete="email" errors=errors.clone()/>
                    <TextField label=locale.tr().account_password().into() name="password".into() key="password"
                        kind="password" required=true autocomplete="new-password"
                        hint=locale.tr().account_at_least_10_characters().to_string()
                        errors=errors.clone()/>
                    <button type="submit" class="primary">{locale.tr().account_create_account()}</button>
                </form>
            </EnhancedForm>
            <p>
                {locale.tr().account_have_account()}
                <a href=locale.href("/signin")>{locale.tr().account_sign_in()}</a>
            </p>
        </section>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| me());
    view! {
        {with_data(locale, data, move |me| match me {
            Some(me) => view! { <AccountView locale me/> }.into_any(),
            None => view! { <crate::components::status::SignInNeeded locale/> }.into_any(),
        })}
    }
}

#[component]
fn AccountView(locale: Locale, me: crate::models::Me) -> impl IntoView {
    let posted = PostedError::from_query();
    let saved = use_query_map().read_untracked().get("saved");
    let title = locale.tr().account_my_account();
    let profile = "/fn/update_profile";
    let password = "/fn/change_password";
    let p_errors = posted.fields(profile);
    let w_errors = posted.fields(password);
    let p_error = posted.for_action(profile).cloned();
    let w_error = posted.for_action(password).cloned();
    let languages = vec![
        ("bg".to_string(), "Български".to_string()),
        ("en".to_string(), "English".to_string()),
    ];
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            <p>{me.email.clone()}</p>
            {saved.map(|what| view! { <p class="notice" role="status">{match what.as_str() {
                "confirmed" => locale.tr().account_e_mail_address_confirmed_2(),
                "link" => locale.tr().account_we_sent_new_link(),
                _ => locale.tr().account_saved(),
            }}</p> })}
            {(!me.email_confirmed).then(|| view! { <ConfirmAddressNotice locale/> })}
            <h2>{locale.tr().account_profile()}</h2>
            <EnhancedForm>
                <form method="post" action=profile class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error=p_error/>
                    <TextField label=locale.tr().account_name().into() name="display_name".into() key="display_name"
                        value=me.display_name.clone() required=true maxlength=120 errors=p_errors.clone()/>
                    <SelectField label=locale.tr().account_preferred_language().into()
                        name="preferred".into() key="preferred" options=languages value=me.locale.clone()
                        required=true errors=p_errors/>
                    <button type="submit">{locale.tr().account_save()}</button>
                </form>
            </EnhancedForm>
            <h2>{locale.tr().account_change_password()}</h2>
            <EnhancedForm>
                <form method="post" action=password class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error=w_error/>
                    <TextField label=locale.tr().account_current_password().into() name="current_password".into()
                        key="current_password" kind="password" required=true autocomplete="current-password" errors=w_errors.clone()/>
                    <TextField label=locale.tr().account_new_password().into() name="new_password".into()
                        key="new_password" kind="password" required=true autocomplete="new-password"
                        hint=locale.tr().account_at_least_10_characters_2().to_string()
                        errors=w_errors/>
                    <button type="submit">{locale.tr().account_change_password_2()}</button>
                </form>
            </EnhancedForm>
            <h2>{locale.tr().nav_sign_out()}</h2>
            <form method="post" action="/fn/sign_out" class="inline">
                <LocaleField locale/>
                <input type="hidden" name="everywhere" value="1"/>
                <button type="submit">{locale.tr().account_sign_out_on_every()}</button>
            </form>
        </section>
    }
}

/// Says that the address is not confirmed yet, what waits for it, and
/// offers a new link.
#[component]
pub fn ConfirmAddressNotice(locale: Locale) -> impl IntoView {
    let posted = PostedError::from_query();
    let action = "/fn/resend_confirmation";
    view! {
        <section class="panel notice" aria-labelledby="h-confirm">
            <h2 id="h-confirm">{locale.tr().account_confirm_e_mail_address()}</h2>
            <p>{locale.tr().account_we_sent_confirmation_link()}</p>
            <EnhancedForm>
                <form method="post" action=action class="inline">
                    <LocaleField locale/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <button type="submit">{locale.tr().account_send_new_link()}</button>
                </form>
            </EnhancedForm>
        </section>
    }
}

/// `/confirm?token=…`: the page a confirmation link opens. It confirms
/// only when its button is pressed (a POST), so a mail scanner that opens
/// links does not use the link up.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let locale = use_locale();
    let posted = PostedError::from_query();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let action = "/fn/confirm_email";
    let title = locale.tr().account_confirm_e_mail_address_2();
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            <p>{locale.tr().account_press_button_confirm_that()}</p>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="token" value=token/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <button type="submit" class="primary">{locale.tr().account_confirm()}</button>
                </form>
            </EnhancedForm>
        </section>
    }
}
