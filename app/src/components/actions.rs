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
///
/// With `confirm`, the button is first a link to this page asking the
/// question: the real form (and a way back) appears only then, so a
/// destructive action takes two steps with or without JavaScript.
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
    /// The question asked before the action runs.
    #[prop(optional)]
    confirm: Option<&'static str>,
) -> impl IntoView {
    let form = move |fields: Vec<(&'static str, String)>, class: &'static str| {
        view! {
            <form method="post" action=action class="inline">
                <LocaleField locale/>
                {come_back.then(|| view! { <NextField/> })}
                {fields.into_iter().map(|(n, v)| view! { <input type="hidden" name=n value=v/> }).collect_view()}
                <button type="submit" class=class class:primary=primary class:small=small>{label}</button>
            </form>
        }
    };
    let Some(question) = confirm else {
        return form(fields, class).into_any();
    };
    let key = confirm_key(action, &fields);
    let location = use_location();
    let path = location.pathname.get_untracked();
    let query = location.query.get_untracked();
    let asked = query.get("confirm").is_some_and(|k| k == key);
    // This page's address without the question, and with it.
    let mut rest = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in query.into_iter().filter(|(k, _)| k != "confirm") {
        rest.append_pair(&k, &v);
    }
    let rest = rest.finish();
    let back = if rest.is_empty() {
        path.clone()
    } else {
        format!("{path}?{rest}")
    };
    if !asked {
        let sep = if rest.is_empty() { "" } else { "&" };
        let ask = format!("{path}?{rest}{sep}confirm={key}#confirm-{key}");
        return view! {
            <a href=ask class=format!("button {class}") class:small=small rel="nofollow">{label}</a>
        }
        .into_any();
    }
    view! {
        <div class="confirm" id=format!("confirm-{key}") role="alertdialog" aria-labelledby=format!("confirm-q-{key}")>
            <p id=format!("confirm-q-{key}")><strong>{question}</strong></p>
            <div class="row">
                {form(fields, "danger")}
                <a href=back class="button small secondary">{locale.tr().confirm_cancel()}</a>
            </div>
        </div>
    }
    .into_any()
}

/// Names one action on one thing, so that of many delete buttons on a page
/// only the one clicked asks its question.
fn confirm_key(action: &str, fields: &[(&'static str, String)]) -> String {
    let verb = action.rsplit('/').next().unwrap_or(action);
    let mut key: String = verb
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    for (_, v) in fields {
        key.push('-');
        key.extend(v.chars().filter(char::is_ascii_alphanumeric));
    }
    key
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
