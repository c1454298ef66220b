//! `/dashboard/register`: registering an enterprise.

use crate::components::form::PostedError;
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::forms::EnterpriseInput;
use crate::functions::workspace::RegisterEnterprise;
use crate::functions::workspace::get_enterprise_choices;
use crate::routes::workspace::EnterpriseForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

#[component]
pub fn RegisterEnterprisePage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, get_enterprise_choices);
    view! {
        {with_data(locale, data, move |choices| {
            let title = locale.tr().ws_register_enterprise_2();
            let posted = PostedError::from_query();
            let action = RegisterEnterprise::PATH;
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                <p>{locale.tr().ws_after_registering_enterprise_visible()}</p>
                <EnterpriseForm locale action enterprise_id=None input=EnterpriseInput::default()
                    districts=choices.districts.iter().map(|c| (c.value.clone(), c.label.clone())).collect()
                    posted/>
            }
        })}
    }
}
