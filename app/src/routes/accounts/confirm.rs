//! `/confirm` and `/new-address`: confirming an address from the mail's link.

use crate::components::form::{EnhancedForm, FormMessage, LocaleField, PostedError};
use crate::components::layout::use_locale;
use crate::components::structured::PageTitle;
use crate::functions::accounts::{ConfirmEmail, ConfirmNewAddress};
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

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
    let action = ConfirmEmail::PATH;
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
            <p>
                {locale.tr().account_new_confirmation_link_from()}
                <a href=locale.href("/account")>{locale.tr().account_my_account()}</a>
            </p>
        </section>
    }
}

/// `/new-address?token=…`: the page the link sent to a new address opens;
/// the button (a POST) gives the account that address.
#[component]
pub fn NewAddressPage() -> impl IntoView {
    let locale = use_locale();
    let posted = PostedError::from_query();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let action = ConfirmNewAddress::PATH;
    let title = locale.tr().account_new_address_title();
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            <p>{locale.tr().account_press_button_new_address()}</p>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="token" value=token/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <button type="submit" class="primary">{locale.tr().account_use_new_address()}</button>
                </form>
            </EnhancedForm>
        </section>
    }
}
