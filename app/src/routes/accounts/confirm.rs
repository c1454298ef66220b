//! `/confirm` and `/new-address`: confirming an address from the mail's link.

use crate::components::form::{EnhancedForm, FormMessage, LocaleField, PostedError};
use crate::components::layout::use_locale;
use crate::components::structured::PageTitle;
use crate::functions::accounts::{ConfirmEmail, ConfirmNewAddress};
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

/// A page a mailed link opens: it acts only when its button is pressed (a
/// POST), so a mail scanner that opens links does not use the link up.
#[component]
fn TokenButtonPage(
    locale: Locale,
    action: &'static str,
    title: &'static str,
    text: &'static str,
    button: &'static str,
    children: Children,
) -> impl IntoView {
    let posted = PostedError::from_query();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    view! {
        <PageTitle text=title.to_string()/>
        <section class="narrow">
            <h1>{title}</h1>
            <p>{text}</p>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="token" value=token/>
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <button type="submit" class="primary">{button}</button>
                </form>
            </EnhancedForm>
            {children()}
        </section>
    }
}

/// `/confirm?token=…`: the page a confirmation link opens.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.tr();
    view! {
        <TokenButtonPage locale action=ConfirmEmail::PATH title=t.account_confirm_e_mail_address_2()
            text=t.account_press_button_confirm_that() button=t.account_confirm()>
            <p>
                {t.account_new_confirmation_link_from()}
                <a href=locale.href("/account")>{t.account_my_account()}</a>
            </p>
        </TokenButtonPage>
    }
}

/// `/new-address?token=…`: the page the link sent to a new address opens;
/// the button gives the account that address.
#[component]
pub fn NewAddressPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.tr();
    view! {
        <TokenButtonPage locale action=ConfirmNewAddress::PATH title=t.account_new_address_title()
            text=t.account_press_button_new_address() button=t.account_use_new_address()>
            ""
        </TokenButtonPage>
    }
}
