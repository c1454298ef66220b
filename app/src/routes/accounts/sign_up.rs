//! `/signup`.

use crate::components::form::{
    EnhancedForm, FieldError, FormMessage, LocaleField, PostedError, TextField,
};
use crate::components::layout::use_locale;
use crate::components::structured::PageTitle;
use crate::functions::accounts::SignUp;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

#[component]
pub fn SignUpPage() -> impl IntoView {
    // Where sign-in goes after the account is made (the basket, say).
    let next = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("next")
        .filter(|n| crate::links::same_site_path(n).is_some());
    let locale = use_locale();
    let posted = PostedError::from_query();
    let action = SignUp::PATH;
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
                    {next.map(|n| view! { <input type="hidden" name="next" value=n/> })}
                    <FormMessage locale error=posted.for_action(action).cloned()/>
                    <TextField label=locale.tr().account_name().into() name="display_name".into() key="display_name"
                        required=true autocomplete="name" maxlength=120 errors=errors.clone()/>
                    <TextField label=locale.tr().account_e_mail().into() name="email".into() key="email"
                        kind="email" required=true autocomplete="email" errors=errors.clone()/>
                    <TextField label=locale.tr().account_password().into() name="password".into() key="password"
                        kind="password" required=true autocomplete="new-password"
                        hint=locale.tr().account_at_least_10_characters().to_string()
                        errors=errors.clone()/>
                    <div class="field checkbox">
                        <input type="checkbox" id="f-accept_terms" name="accept_terms" value="on" required=true
                            data-field="accept_terms" aria-describedby="err-accept_terms"/>
                        <label for="f-accept_terms">
                            {locale.tr().account_i_accept()}
                            <a href=locale.href("/terms")>{locale.tr().account_the_terms()}</a>
                            {locale.tr().account_and_have_read()}
                            <a href=locale.href("/privacy")>{locale.tr().account_the_privacy_notice()}</a>
                            "."
                        </label>
                        <FieldError key="accept_terms" errors=errors.clone()/>
                    </div>
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
