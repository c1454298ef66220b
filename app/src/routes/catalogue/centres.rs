use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::components::cards::{
    CentreCardView, EnterpriseCardView, EventCardView, NetworkCardView, ProductCardView,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::functions::catalogue::{get_centre, get_centres};
use crate::i18n::Locale;
use crate::models::CentreDetail;

#[component]
pub fn CentresPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.tr();
    let data = Resource::new(move || locale, get_centres);
    view! {
        <crate::components::structured::PageTitle text=format!("{} — {}", t.centres_title(), t.site_name())/>
        <h1>{t.centres_title()}</h1>
        <p class="lead">{t.centres_intro()}</p>
        {with_data(locale, data, move |centres| view! {
                        <section aria-labelledby="h-centre-list">
                            <h2 id="h-centre-list" class="visually-hidden">{t.home_centres()}</h2>
                            <div class="card-grid">
                                {centres.into_iter().map(|centre| view! { <CentreCardView locale centre/> }).collect_view()}
                            </div>
                        </section>
                    })}
    }
}

#[component]
pub fn CentrePage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let data = Resource::new(move || (locale, slug.clone()), |(l, s)| get_centre(l, s));
    view! {
        {with_data(locale, data, move |detail| view! { <CentreDetailView locale detail/> })}
    }
}

#[component]
fn CentreDetailView(locale: Locale, detail: CentreDetail) -> impl IntoView {
    let t = locale.tr();
    let c = detail.centre;
    view! {
        <crate::components::structured::PageTitle text=format!("{} — {}", c.name, t.site_name())/>
        <Meta name="description" content=format!("{}: {}", c.name, c.region)/>
        <h1>{c.name.clone()}</h1>
        <dl class="facts">
            <dt>{t.centre_region()}</dt>
            <dd>{c.region.clone()}" ("{detail.nuts_code}")"</dd>
            <dt>{t.centre_address()}</dt>
            <dd>{c.address.clone()}</dd>
            <dt>{locale.tr().enterprise_email()}</dt>
            <dd><a href=format!("mailto:{}", detail.email)>{detail.email.clone()}</a></dd>
            {(!detail.phone.is_empty()).then(|| view! {
                <dt>{t.admin_phone()}</dt>
                <dd><a href=format!("tel:{}", detail.phone.replace(' ', ""))>{detail.phone.clone()}</a></dd>
            })}
            {(!detail.hours.is_empty()).then(|| view! {
                <dt>{t.admin_hours_bg()}</dt>
                <dd>{detail.hours.clone()}</dd>
            })}
        </dl>
        {(!detail.team.is_empty()).then(|| view! {
            <section aria-labelledby="h-team">
                <h2 id="h-team">{t.centre_team()}</h2>
                <ul>{detail.team.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        {(!detail.featured.is_empty()).then(|| view! {
            <section aria-labelledby="h-featured">
                <h2 id="h-featured">{t.centre_featured()}</h2>
                <div class="card-grid">
                    {detail.featured.into_iter().map(|product| view! { <ProductCardView locale product/> }).collect_view()}
                </div>
            </section>
        })}
        <section aria-labelledby="h-districts">
            <h2 id="h-districts">{t.centre_districts()}</h2>
            <ul class="district-list">
                {detail.districts.into_iter().map(|d| view! {
                    <li>
                        <a href=locale.href(&format!("/search?district={}", d.slug))>{d.name}</a>
                        " — "{t.count_enterprises(d.enterprise_count)}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="h-enterprises">
            <h2 id="h-enterprises">{t.centre_enterprises()}</h2>
            {if detail.enterprises.is_empty() {
                view! { <p>{t.centre_no_enterprises()}</p> }.into_any()
            } else {
                view! {
                    <div class="card-grid">
                        {detail.enterprises.into_iter().map(|enterprise| view! { <EnterpriseCardView locale enterprise/> }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="h-networks">
            <h2 id="h-networks">{t.centre_networks()}</h2>
            {if detail.networks.is_empty() {
                view! { <p>{t.centre_no_networks()}</p> }.into_any()
            } else {
                view! {
                    <div class="card-grid">
                        {detail.networks.into_iter().map(|network| view! { <NetworkCardView locale network/> }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="h-events">
            <h2 id="h-events">{t.centre_events()}</h2>
            {if detail.events.is_empty() {
                view! { <p>{t.home_no_events()}</p> }.into_any()
            } else {
                view! {
                    <div class="card-grid">
                        {detail.events.into_iter().map(|event| view! { <EventCardView locale event/> }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
    }
}
