//! `/n/<slug>`: a network, its members and their combined catalogue.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::components::cards::{EnterpriseCardView, ProductCardView};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::functions::catalogue::get_network;
use crate::functions::orders::AskQuote;
use crate::i18n::Locale;
use crate::models::NetworkDetail;
use leptos::server_fn::ServerFn as _;

#[component]
pub fn NetworkPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = Resource::new(move || (locale, slug.clone()), |(l, s)| get_network(l, s));
    view! {
        {with_data(locale, data, move |network| view! { <NetworkView locale network/> })}
    }
}

#[component]
fn NetworkView(locale: Locale, network: NetworkDetail) -> impl IntoView {
    let t = locale.tr();
    let n = network;
    let all = locale.href(&format!("/search?network={}", n.card.slug));
    view! {
        <crate::components::structured::PageTitle text=format!("{} — {}", n.card.name, t.site_name())/>
        <Meta name="description" content=n.description.clone()/>
        {n.logo.clone().map(|src| view! { <img class="logo" src=src alt="" width="120"/> })}
        <h1>{n.card.name.clone()}</h1>
        <p class="lead">
            {t.network_kind(n.card.kind)}" · "
            <a href=locale.href(&format!("/centres/{}", n.centre_slug))>{n.centre_name.clone()}</a>
        </p>
        <p class="prose">{n.description.clone()}</p>
        <section aria-labelledby="h-members">
            <h2 id="h-members">{t.network_members()}" ("{n.members.len()}")"</h2>
            <div class="card-grid">
                {n.members.iter().cloned().map(|enterprise| view! { <EnterpriseCardView locale enterprise/> }).collect_view()}
            </div>
        </section>
        {(!n.members.is_empty()).then(|| view! { <AskQuote locale network=n.card.slug.clone() members=n.members.iter().map(|m| (m.slug.clone(), m.name.clone())).collect()/> })}
        <section aria-labelledby="h-catalogue">
            <h2 id="h-catalogue">{t.network_catalogue()}</h2>
            <p><a href=all>{t.network_all_products(n.product_total)}</a></p>
            <div class="card-grid">
                {n.products.iter().cloned().map(|product| view! { <ProductCardView locale product/> }).collect_view()}
            </div>
        </section>
    }
}

/// Companies and municipalities ask chosen members of the network for a
/// quote; each member answers on its own.
#[component]
fn AskQuote(locale: Locale, network: String, members: Vec<(String, String)>) -> impl IntoView {
    use crate::components::form::{EnhancedForm, FormMessage, LocaleField, PostedError, TextArea};
    let posted = PostedError::from_query();
    let action = AskQuote::PATH;
    let error = posted.for_action(action).cloned();
    let open = error.is_some();
    let fields = posted.fields(action);
    let members_error = fields
        .iter()
        .find(|f| f.field == "members")
        .map(|f| f.message.clone());
    view! {
        <details class="panel" open=open>
            <summary>{locale.tr().cat_ask_members_for_quote()}</summary>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="network" value=network/>
                    <FormMessage locale error=error.clone()/>
                    <fieldset>
                        <legend>{locale.tr().cat_which_enterprises()}</legend>
                        <ul class="plain checks">
                            {members.into_iter().map(|(slug, name)| {
                                let id = format!("quote-{slug}");
                                view! {
                                    <li>
                                        <input type="checkbox" id=id.clone() name=format!("members[{slug}]") value="on" checked=true/>
                                        <label for=id>{name}</label>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <p class="field-error" id="err-members" data-error-for="members" hidden=members_error.is_none()>{members_error.clone().unwrap_or_default()}</p>
                    </fieldset>
                    <TextArea label=locale.tr().cat_what_need_quantities_dates().into()
                        name="message".into() key="message" maxlength=4000 errors=fields/>
                    <button type="submit" class="primary">{locale.tr().cat_send_request()}</button>
                </form>
            </EnhancedForm>
        </details>
    }
}
