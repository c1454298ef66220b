//! Small forms that pages share: one-button actions, a reason to give,
//! the hidden field that brings a form back to its page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::form::{EnhancedForm, FormMessage, LocaleField};
use crate::error::FieldError;
use crate::i18n::Locale;

/// The hidden field that brings a form's success back to this page.
#[component]
pub fn NextField() -> impl IntoView {
    let here = use_location().pathname.get_untracked();
    view! { <input type="hidden" name="next" value=here/> }
}

/// A one-button form (approve, remove, publish, cancel…): hidden fields
/// and a button; with `come_back`, the action's success returns to this
/// page.
#[component]
pub fn ActionButton(
    locale: Locale,
    action: &'static str,
    /// Hidden fields: (name, value).
    fields: Vec<(&'static str, String)>,
    label: &'static str,
    #[prop(optional)] primary: bool,
    #[prop(optional)] small: bool,
    #[prop(optional)] come_back: bool,
    /// Classes of the button beyond `small` and `primary`.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline">
            <LocaleField locale/>
            {come_back.then(|| view! { <NextField/> })}
            {fields.into_iter().map(|(n, v)| view! { <input type="hidden" name=n value=v/> }).collect_view()}
            <button type="submit" class=class class:primary=primary class:small=small>{label}</button>
        </form>
    }
}

/// A form with one reason field, for a refusal, a suspension or hiding.
/// Several stand on one page, so the ids carry `id`.
#[component]
pub fn ReasonForm(
    locale: Locale,
    action: &'static str,
    fields: Vec<(&'static str, String)>,
    id: String,
    label: &'static str,
    button: &'static str,
    errors: Vec<FieldError>,
) -> impl IntoView {
    let input_id = format!("reason-{id}");
    let err_id = format!("err-reason-{id}");
    let msg = errors
        .iter()
        .find(|e| e.field == "reason")
        .map(|e| e.message.clone());
    view! {
        <EnhancedForm>
            <form method="post" action=action class="stack reason-form">
                <LocaleField locale/>
                <NextField/>
                {fields.into_iter().map(|(n, v)| view! { <input type="hidden" name=n value=v/> }).collect_view()}
                <FormMessage locale error=None/>
                <div class="field">
                    <label for=input_id.clone()>{label}</label>
                    <input id=input_id type="text" name="reason" required=true maxlength="1000"
                        data-field="reason" aria-describedby=err_id.clone()
                        aria-invalid=msg.is_some().then_some("true")/>
                    <p class="field-error" id=err_id data-error-for="reason" hidden=msg.is_none()>{msg.clone().unwrap_or_default()}</p>
                </div>
                <button type="submit">{button}</button>
            </form>
        </EnhancedForm>
    }
}
