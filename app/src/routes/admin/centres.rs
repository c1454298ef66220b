//! `/admin/centres`: each regional centre's address, phone, e-mail,
//! opening hours and team, as its page shows them. Works without
//! JavaScript.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, TextArea, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::admin::{UpdateCentre, get_centre_contacts};
use crate::i18n::Locale;
use crate::models::CentreContacts;
use crate::routes::admin::AdminNav;

#[component]
pub fn AdminCentresPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, get_centre_contacts);
    view! {
        {with_data(locale, data, move |centres| {
            let t = locale.tr();
            let title = t.admin_centres_title();
            let saved = use_query_map().read_untracked().get("saved").is_some();
            let posted = PostedError::from_query();
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                <AdminNav locale/>
                {saved.then(|| view! { <p class="notice" role="status">{t.admin_centre_saved()}</p> })}
                {centres.into_iter().map(|c| view! { <CentreForm locale c posted=posted.clone()/> }).collect_view()}
            }
        })}
    }
}

/// One centre's form; six on the page, so only the one sent shows its
/// refusal and what was typed.
#[component]
fn CentreForm(locale: Locale, c: CentreContacts, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let action = UpdateCentre::PATH;
    let copy = posted.copy_of(action, "centre_id", c.id);
    let (open, error, e) = (copy.mine, copy.error.clone(), copy.errors.clone());
    let p = format!("c{}-", c.id);
    let v = |name: &str, value: &str| copy.typed(&format!("input[{name}]"), value.to_string());
    let k = &c.contacts;
    let fields = (
        v("address_bg", &k.address_bg),
        v("address_en", &k.address_en),
        v("phone", &k.phone),
        v("email", &k.email),
        v("hours_bg", &k.hours_bg),
        v("hours_en", &k.hours_en),
        v("team_bg", &k.team_bg),
        v("team_en", &k.team_en),
    );
    let id = format!("centre-{}", c.id);
    let labelled = id.clone();
    view! {
        <section class="panel" id=id.clone() aria-labelledby=format!("h-{id}")>
            <h2 id=format!("h-{labelled}")>{c.name.clone()}</h2>
            <p><a href=locale.href(&format!("/centres/{}", c.slug))>{t.admin_open_centre_page()}</a></p>
            <details class="edit" open=open>
                <summary>{t.admin_edit_contacts()}</summary>
                <EnhancedForm>
                    <form method="post" action=action class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="centre_id" value=c.id.to_string()/>
                        <FormMessage locale error/>
                        <TextField label=t.admin_address_bg().into() name="input[address_bg]".into() key="address_bg" required=true
                            maxlength=300 value=fields.0 fixed=true errors=e.clone() prefix=p.clone()/>
                        <TextField label=t.admin_address_en().into() name="input[address_en]".into() key="address_en"
                            maxlength=300 value=fields.1 fixed=true errors=e.clone() prefix=p.clone()/>
                        <TextField label=t.admin_phone().into() name="input[phone]".into() key="phone" kind="tel"
                            maxlength=40 value=fields.2 fixed=true errors=e.clone() prefix=p.clone()/>
                        <TextField label=t.account_e_mail().into() name="input[email]".into() key="email" kind="email" required=true
                            value=fields.3 fixed=true errors=e.clone() prefix=p.clone()/>
                        <TextField label=t.admin_hours_bg().into() name="input[hours_bg]".into() key="hours_bg"
                            hint=t.admin_hours_hint().to_string() maxlength=300 value=fields.4 fixed=true errors=e.clone() prefix=p.clone()/>
                        <TextField label=t.admin_hours_en().into() name="input[hours_en]".into() key="hours_en"
                            maxlength=300 value=fields.5 fixed=true errors=e.clone() prefix=p.clone()/>
                        <TextArea label=t.admin_team_bg().into() name="input[team_bg]".into() key="team_bg"
                            maxlength=2000 value=fields.6 fixed=true errors=e.clone() prefix=p.clone()/>
                        <TextArea label=t.admin_team_en().into() name="input[team_en]".into() key="team_en"
                            maxlength=2000 value=fields.7 fixed=true errors=e prefix=p/>
                        <button type="submit" class="primary">{t.account_save()}</button>
                    </form>
                </EnhancedForm>
            </details>
        </section>
    }
}
