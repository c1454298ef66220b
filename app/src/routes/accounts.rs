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
    let title = locale.pick("Вход", "Sign in");
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            {registered.then(|| view! {
                <p class="notice" role="status">
                    {locale.pick(
                        "Готово. Изпратихме ви имейл: отворете връзката в него, за да потвърдите адреса си. Междувременно можете да влезете с паролата си.",
                        "Done. We sent you an e-mail: open the link in it to confirm your address. Meanwhile you can sign in with your password.",
                    )}
                </p>
            })}
            {confirmed.then(|| view! {
                <p class="notice" role="status">
                    {locale.pick("Имейлът ви е потвърден. Влезте с паролата си.", "Your e-mail address is confirmed. Sign in with your password.")}
                </p>
            })}
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="next" value=next/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <TextField label=locale.pick("Имейл", "E-mail").into() name="email".into() key="email"
                        kind="email" required=true autocomplete="email" errors=errors.clone()/>
                    <TextField label=locale.pick("Парола", "Password").into() name="password".into() key="password"
                        kind="password" required=true autocomplete="current-password" errors=errors.clone()/>
                    <button type="submit" class="primary">{title}</button>
                </form>
            </EnhancedForm>
            <p>
                {locale.pick("Нямате профил? ", "No account yet? ")}
                <a href=locale.href("/signup")>{locale.pick("Регистрирайте се", "Sign up")}</a>
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
    let title = locale.pick("Регистрация", "Sign up");
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            <p>{locale.pick(
                "С профил изпращате запитвания и поръчки и пазите любими. Предприятията регистрират профила си след това, от таблото.",
                "With an account you send requests and orders and keep favourites. Enterprises register from the dashboard afterwards.",
            )}</p>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <TextField label=locale.pick("Име", "Name").into() name="display_name".into() key="display_name"
                        required=true autocomplete="name" maxlength=120 errors=errors.clone()/>
                    <TextField label=locale.pick("Имейл", "E-mail").into() name="email".into() key="email"
                        kind="email" required=true autocomplete="email" errors=errors.clone()/>
                    <TextField label=locale.pick("Парола", "Password").into() name="password".into() key="password"
                        kind="password" required=true autocomplete="new-password"
                        hint=locale.pick("Поне 10 знака.", "At least 10 characters.").to_string()
                        errors=errors.clone()/>
                    <button type="submit" class="primary">{locale.pick("Създай профил", "Create account")}</button>
                </form>
            </EnhancedForm>
            <p>
                {locale.pick("Имате профил? ", "Have an account? ")}
                <a href=locale.href("/signin")>{locale.pick("Влезте", "Sign in")}</a>
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
    let title = locale.pick("Моят профил", "My account");
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
                "confirmed" => locale.pick("Имейлът ви е потвърден.", "Your e-mail address is confirmed."),
                "link" => locale.pick("Изпратихме нова връзка на адреса ви.", "We sent a new link to your address."),
                _ => locale.pick("Запазено.", "Saved."),
            }}</p> })}
            {(!me.email_confirmed).then(|| view! { <ConfirmAddressNotice locale/> })}
            <h2>{locale.pick("Профил", "Profile")}</h2>
            <EnhancedForm>
                <form method="post" action=profile class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error=p_error/>
                    <TextField label=locale.pick("Име", "Name").into() name="display_name".into() key="display_name"
                        value=me.display_name.clone() required=true maxlength=120 errors=p_errors.clone()/>
                    <SelectField label=locale.pick("Предпочитан език", "Preferred language").into()
                        name="preferred".into() key="preferred" options=languages value=me.locale.clone()
                        required=true errors=p_errors/>
                    <button type="submit">{locale.pick("Запази", "Save")}</button>
                </form>
            </EnhancedForm>
            <h2>{locale.pick("Смяна на паролата", "Change password")}</h2>
            <EnhancedForm>
                <form method="post" action=password class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error=w_error/>
                    <TextField label=locale.pick("Текуща парола", "Current password").into() name="current_password".into()
                        key="current_password" kind="password" required=true autocomplete="current-password" errors=w_errors.clone()/>
                    <TextField label=locale.pick("Нова парола", "New password").into() name="new_password".into()
                        key="new_password" kind="password" required=true autocomplete="new-password"
                        hint=locale.pick("Поне 10 знака. Другите ви сесии ще бъдат прекратени.", "At least 10 characters. Your other sessions will be ended.").to_string()
                        errors=w_errors/>
                    <button type="submit">{locale.pick("Смени паролата", "Change password")}</button>
                </form>
            </EnhancedForm>
            <h2>{locale.pick("Изход", "Sign out")}</h2>
            <form method="post" action="/fn/sign_out" class="inline">
                <LocaleField locale/>
                <input type="hidden" name="everywhere" value="1"/>
                <button type="submit">{locale.pick("Изход от всички устройства", "Sign out on every device")}</button>
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
            <h2 id="h-confirm">{locale.pick("Потвърдете имейла си", "Confirm your e-mail address")}</h2>
            <p>{locale.pick(
                "Изпратихме ви връзка за потвърждение. Докато адресът не е потвърден, можете да пазарувате и да пращате запитвания, но не и да регистрирате предприятие или да приемате покани.",
                "We sent you a confirmation link. Until the address is confirmed you can shop and send requests, but not register an enterprise or accept invitations.",
            )}</p>
            <EnhancedForm>
                <form method="post" action=action class="inline">
                    <LocaleField locale/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <button type="submit">{locale.pick("Изпрати нова връзка", "Send a new link")}</button>
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
    let title = locale.pick("Потвърждение на имейла", "Confirm your e-mail address");
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            <p>{locale.pick(
                "Натиснете бутона, за да потвърдите, че адресът е ваш.",
                "Press the button to confirm that the address is yours.",
            )}</p>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="token" value=token/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <button type="submit" class="primary">{locale.pick("Потвърждавам", "Confirm")}</button>
                </form>
            </EnhancedForm>
        </section>
    }
}
