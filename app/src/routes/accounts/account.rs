//! `/account`: one's name, address and password.

use crate::components::confirm::ConfirmAddressNotice;
use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, SelectField, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::accounts::ChangeEmail;
use crate::functions::accounts::ChangePassword;
use crate::functions::accounts::DeleteAccount;
use crate::functions::accounts::SignOut;
use crate::functions::accounts::UpdateProfile;
use crate::functions::accounts::me;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

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
    let profile = UpdateProfile::PATH;
    let password = ChangePassword::PATH;
    let p_errors = posted.fields(profile);
    let w_errors = posted.fields(password);
    let p_error = posted.for_action(profile).cloned();
    let w_error = posted.for_action(password).cloned();
    let address = ChangeEmail::PATH;
    let a_errors = posted.fields(address);
    let a_error = posted.for_action(address).cloned();
    let delete = DeleteAccount::PATH;
    let d_errors = posted.fields(delete);
    let d_error = posted.for_action(delete).cloned();
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
                "new_address" => locale.tr().account_we_sent_link_to_new(),
                "address_changed" => locale.tr().account_address_changed(),
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
            <h2>{locale.tr().account_change_address()}</h2>
            <EnhancedForm>
                <form method="post" action=address class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error=a_error/>
                    <TextField label=locale.tr().account_new_address().into() name="new_email".into() key="new_email"
                        kind="email" required=true autocomplete="email"
                        hint=locale.tr().account_new_address_hint().to_string() errors=a_errors.clone()/>
                    <TextField label=locale.tr().account_password().into() name="password".into() key="password"
                        prefix="address-" kind="password" required=true autocomplete="current-password" errors=a_errors/>
                    <button type="submit">{locale.tr().account_send_link_to_new()}</button>
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
            <form method="post" action=SignOut::PATH class="inline">
                <LocaleField locale/>
                <input type="hidden" name="everywhere" value="1"/>
                <button type="submit">{locale.tr().account_sign_out_on_every()}</button>
            </form>
            <h2 id="your-data">{locale.tr().account_your_data()}</h2>
            <p>{locale.tr().account_export_explained()}</p>
            <p><a href=locale.href("/account/data.json") download="socialen-pazar.json">{locale.tr().account_download_data()}</a></p>
            <h3>{locale.tr().account_delete_account()}</h3>
            <p>{locale.tr().account_delete_explained()}</p>
            <EnhancedForm>
                <form method="post" action=delete class="stack">
                    <LocaleField locale/>
                    <FormMessage locale error=d_error/>
                    <TextField label=locale.tr().account_password_to_confirm().into() name="password".into()
                        key="password" prefix="delete-" kind="password" required=true autocomplete="current-password"
                        errors=d_errors/>
                    <button type="submit" class="danger">{locale.tr().account_delete_for_good()}</button>
                </form>
            </EnhancedForm>
        </section>
    }
}
