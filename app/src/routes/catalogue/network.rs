//! `/n/<slug>`: a network, its members and their combined catalogue.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::components::cards::{EnterpriseCardView, ProductCardView};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::functions::catalogue::get_network;
use crate::i18n::Locale;
use crate::models::NetworkDetail;

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
    let t = locale.t();
    let n = network;
    let all = locale.href(&format!("/search?network={}", n.card.slug));
    view! {
        <crate::components::structured::PageTitle text=format!("{} — {}", n.card.name, t.site_name)/>
        <Meta name="description" content=n.description.clone()/>
        <h1>{n.card.name.clone()}</h1>
        <p class="lead">
            {t.network_kind(&n.card.kind)}" · "
            <a href=locale.href(&format!("/centres/{}", n.centre_slug))>{n.centre_name.clone()}</a>
        </p>
        <p class="prose">{n.description.clone()}</p>
        <section aria-labelledby="h-members">
            <h2 id="h-members">{t.network_members}" ("{n.members.len()}")"</h2>
            <div class="card-grid">
                {n.members.iter().cloned().map(|enterprise| view! { <EnterpriseCardView locale enterprise/> }).collect_view()}
            </div>
        </section>
        <section aria-labelledby="h-catalogue">
            <h2 id="h-catalogue">{t.network_catalogue}</h2>
            <p><a href=all>{(t.network_all_products)(n.product_total)}</a></p>
            <div class="card-grid">
                {n.products.iter().cloned().map(|product| view! { <ProductCardView locale product/> }).collect_view()}
            </div>
        </section>
    }
}
