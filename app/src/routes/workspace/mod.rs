//! The enterprise workspace: `/dashboard` (my enterprises, invitations),
//! `/dashboard/register`, `/dashboard/e/<slug>` (status, products, CSV,
//! people, profile) and `/dashboard/e/<slug>/p/<id|new>` (the product form).

pub mod csv_help;
pub mod dashboard;
pub mod enterprise;
pub mod product;
pub mod register;

use leptos::prelude::*;

use crate::components::form::{
    EnhancedForm, FieldError as FieldErrorView, FormMessage, LocaleField, PostedError, SelectField,
    TextArea, TextField,
};
use crate::error::FieldError;
use crate::forms::EnterpriseInput;
use crate::i18n::Locale;

/// The enterprise profile form, for registration (with the ЕИК) and for
/// editing (the ЕИК shown, not editable).
#[component]
pub(super) fn EnterpriseForm(
    locale: Locale,
    action: &'static str,
    enterprise_id: Option<i32>,
    input: EnterpriseInput,
    districts: Vec<(String, String)>,
    posted: PostedError,
) -> impl IntoView {
    let errors: Vec<FieldError> = posted.fields(action);
    let form_error = posted.for_action(action).cloned();
    let e = errors.clone();
    let i = input;
    let legal = crate::components::form::options(|f| locale.tr().legal_form(f));
    let classes = vec![
        ("A".to_string(), "A".to_string()),
        ("A+".to_string(), "A+".to_string()),
    ];
    let t = locale.tr();
    view! {
        <EnhancedForm>
            <form method="post" action=action class="stack wide">
                <LocaleField locale/>
                {enterprise_id.map(|id| view! { <input type="hidden" name="enterprise_id" value=id.to_string()/> })}
                <FormMessage locale error=form_error/>
                <TextField label=locale.tr().account_name().into() name="input[name]".into() key="name" value=i.name.clone() required=true maxlength=200 errors=e.clone()/>
                {if enterprise_id.is_none() {
                    view! {
                        <TextField label=locale.tr().ws_eik_uic().into() name="input[eik]".into() key="eik" value=i.eik.clone()
                            required=true inputmode="numeric" hint=locale.tr().ws_9_or_13_digits().to_string() errors=e.clone()/>
                    }.into_any()
                } else {
                    view! { <p>{locale.tr().ws_eik()}{i.eik.clone()}</p> <input type="hidden" name="input[eik]" value=i.eik.clone()/> }.into_any()
                }}
                <SelectField label=locale.tr().desk_legal_form().into() name="input[legal_form]".into() key="legal_form" options=legal value=i.legal_form.clone() required=true errors=e.clone()/>
                <SelectField label=locale.tr().ws_district().into() name="input[district]".into() key="district" options=districts value=i.district.clone() required=true errors=e.clone()/>
                <TextField label=locale.tr().ws_settlement().into() name="input[settlement]".into() key="settlement" value=i.settlement.clone() required=true maxlength=120 errors=e.clone()/>
                <TextField label=locale.tr().ws_address().into() name="input[address]".into() key="address" value=i.address.clone() maxlength=300 errors=e.clone()/>
                <TextField label=locale.tr().order_contact_e_mail().into() name="input[email]".into() key="email" kind="email" value=i.email.clone() required=true errors=e.clone()/>
                <TextField label=locale.tr().order_phone().into() name="input[phone]".into() key="phone" kind="tel" value=i.phone.clone() errors=e.clone()/>
                <TextField label=locale.tr().ws_website().into() name="input[website]".into() key="website" kind="url" value=i.website.clone() errors=e.clone()/>
                <TextArea label=locale.tr().desk_description().into() name="input[description]".into() key="description" value=i.description.clone() maxlength=5000 errors=e.clone()/>
                <TextArea label=locale.tr().ws_mission().into() name="input[mission]".into() key="mission" value=i.mission.clone() maxlength=2000 errors=e.clone()/>
                <fieldset>
                    <legend>{t.terms_heading()}</legend>
                    <p class="hint">{t.terms_explained()}</p>
                    <TextArea label=t.terms_delivery().into() name="input[delivery_terms]".into() key="delivery_terms" value=i.delivery_terms.clone() maxlength=1000 errors=e.clone()/>
                    <TextArea label=t.terms_pickup().into() name="input[pickup_terms]".into() key="pickup_terms" value=i.pickup_terms.clone() maxlength=1000 errors=e.clone()/>
                    <TextArea label=t.terms_payment().into() name="input[payment_terms]".into() key="payment_terms" value=i.payment_terms.clone() maxlength=1000 errors=e.clone()/>
                </fieldset>
                <fieldset>
                    <legend>{locale.tr().ws_entry_in_register_social()}</legend>
                    <TextField label=locale.tr().desk_entry_number().into() name="input[register_entry]".into() key="register_entry" value=i.register_entry.clone() maxlength=40 errors=e.clone()/>
                    <SelectField label=locale.tr().desk_class().into() name="input[register_class]".into() key="register_class" options=classes value=i.register_class.clone() errors=e.clone()/>
                </fieldset>
                <fieldset>
                    <legend>{locale.tr().ws_social_impact()}</legend>
                    <TextField label=locale.tr().ws_people_employed().into() name="input[employees_total]".into() key="employees_total" kind="number" value=i.employees_total.clone() errors=e.clone()/>
                    <TextField label=locale.tr().ws_them_from_vulnerable_groups().into() name="input[employees_vulnerable]".into() key="employees_vulnerable" kind="number" value=i.employees_vulnerable.clone() errors=e.clone()/>
                    <TextField label=locale.tr().ws_profit_reinvested().into() name="input[profit_reinvested_pct]".into() key="profit_reinvested_pct" kind="number" value=i.profit_reinvested_pct.clone() errors=e.clone()/>
                    <p>{locale.tr().ws_vulnerable_groups_enterprise_employs()}</p>
                    <ul class="plain checks">
                        {crate::domain::ImpactGroup::ALL.iter().map(|g| {
                            let label = t.impact_group(*g);
                            let g = g.code();
                            let checked = i.impact.get(g).is_some_and(|v| !v.is_empty());
                            let id = format!("impact-{g}");
                            view! {
                                <li>
                                    <input type="checkbox" id=id.clone() name=format!("input[impact][{g}]") value="on" checked=checked/>
                                    <label for=id>{label}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <FieldErrorView key="impact_groups" errors=e.clone()/>
                </fieldset>
                <button type="submit" class="primary">{if enterprise_id.is_some() { locale.tr().ws_save_profile() } else { locale.tr().ws_register() }}</button>
            </form>
        </EnhancedForm>
    }
}
