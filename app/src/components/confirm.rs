//! The notice that asks a person to confirm their address, with a form to
//! send the mail again.

use leptos::prelude::*;

use crate::components::form::{EnhancedForm, FormMessage, LocaleField, PostedError};
use crate::functions::accounts::ResendConfirmation;
use crate::i18n::Locale;
use leptos::server_fn::ServerFn as _;

/// Says that the address is not confirmed yet, what waits for it, and
/// offers a new link.
#[component]
pub fn ConfirmAddressNotice(locale: Locale) -> impl IntoView {
    let posted = PostedError::from_query();
    let action = ResendConfirmation::PATH;
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
