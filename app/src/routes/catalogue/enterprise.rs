//! `/e/<slug>`: an enterprise's profile, impact, register entry and goods,
//! with schema.org Organization (the ЕИК as identifier).

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::components::cards::{NetworkCardView, ProductCardView, VerifiedBadge};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::JsonLd;
use crate::components::terms::TermsList;
use crate::format;
use crate::functions::catalogue::get_enterprise;
use crate::i18n::Locale;
use crate::models::EnterpriseDetail;

#[component]
pub fn EnterprisePage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = Resource::new(
        move || (locale, slug.clone()),
        |(l, s)| get_enterprise(l, s),
    );
    view! {
        {with_data(locale, data, move |enterprise| view! { <EnterpriseView locale enterprise/> })}
    }
}

#[component]
fn EnterpriseView(locale: Locale, enterprise: EnterpriseDetail) -> impl IntoView {
    let t = locale.tr();
    let e = enterprise;
    let c = e.card.clone();
    let summary: String = e.description.chars().take(160).collect();
    let json_ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": format!("{} {}", c.name, c.legal_form),
        "legalName": format!("{} {}", c.name, c.legal_form),
        "description": e.description,
        "identifier": { "@type": "PropertyValue", "propertyID": "ЕИК", "value": e.eik },
        "address": { "@type": "PostalAddress", "streetAddress": e.address, "addressLocality": c.settlement, "addressRegion": c.district, "addressCountry": "BG" },
        "email": e.email,
        "telephone": e.phone,
        "url": e.website,
        "logo": e.logo,
    });
    view! {
        <crate::components::structured::PageTitle text=format!("{} — {}", c.name, t.site_name())/>
        <Meta name="description" content=summary.clone()/>
        <Meta property="og:type" content="profile"/>
        <Meta property="og:title" content=c.name.clone()/>
        <Meta property="og:description" content=summary/>
        <Meta property="og:site_name" content=t.site_name()/>
        <JsonLd value=json_ld/>
        <article class="enterprise">
            {e.logo.clone().map(|src| view! { <img class="logo" src=src alt="" width="120"/> })}
            <h1>{c.name.clone()}</h1>
            <crate::components::favourite::FavouriteButton locale enterprise_id=e.id/>
            <p class="lead">
                {t.legal_form(c.legal_form)}", "{c.settlement.clone()}" ("{c.district.clone()}") "
                <VerifiedBadge locale verified=c.verified/>
            </p>
            <div class="two-col">
                <section aria-labelledby="h-about">
                    <h2 id="h-about">{t.enterprise_about()}</h2>
                    <p class="prose">{e.description.clone()}</p>
                    <h3>{t.enterprise_mission()}</h3>
                    <p class="prose">{e.mission.clone()}</p>
                </section>
                <section aria-labelledby="h-impact">
                    <h2 id="h-impact">{t.enterprise_impact()}</h2>
                    <ul>
                        {e.impact_groups.iter().map(|g| view! { <li>{t.impact_group(*g)}</li> }).collect_view()}
                    </ul>
                    <p>{t.employed_share(e.employees_total, e.employees_vulnerable)}</p>
                    <p>{t.reinvested(e.profit_reinvested_pct)}</p>
                </section>
            </div>
            <dl class="facts">
                <dt>{t.enterprise_eik()}</dt><dd>{e.eik.clone()}</dd>
                <dt>{t.enterprise_address()}</dt><dd>{e.address.clone()}", "{c.settlement.clone()}</dd>
                <dt>{t.enterprise_email()}</dt><dd><a href=format!("mailto:{}", e.email)>{e.email.clone()}</a></dd>
                <dt>{t.enterprise_phone()}</dt><dd><a href=format!("tel:{}", e.phone.replace(' ', ""))>{e.phone.clone()}</a></dd>
                {e.website.clone().map(|w| view! { <dt>{t.enterprise_website()}</dt><dd><a href=w.clone() rel="external nofollow">{w.clone()}</a></dd> })}
                <dt>{t.enterprise_centre()}</dt>
                <dd><a href=locale.href(&format!("/centres/{}", e.centre_slug))>{e.centre_name.clone()}</a></dd>
            </dl>
            {(!e.terms.is_empty()).then(|| view! {
                <section aria-labelledby="h-terms">
                    <h2 id="h-terms">{t.terms_heading()}</h2>
                    <TermsList locale terms=e.terms.clone()/>
                </section>
            })}
            <section aria-labelledby="h-register">
                <h2 id="h-register">{t.enterprise_register()}</h2>
                {match e.register.clone() {
                    Some(r) => view! {
                        <dl class="facts">
                            <dt>{t.enterprise_register_entry()}</dt><dd>{r.entry}</dd>
                            <dt>{t.enterprise_register_class()}</dt><dd>{r.class.map(|c| c.code())}</dd>
                            {r.certified_on.map(|d| view! { <dt>{t.enterprise_certified_on()}</dt><dd>{format::date(d, locale)}</dd> })}
                            {r.valid_until.map(|d| view! { <dt>{t.enterprise_valid_until()}</dt><dd>{format::date(d, locale)}</dd> })}
                        </dl>
                    }.into_any(),
                    None => view! { <p>{t.enterprise_not_registered()}</p> }.into_any(),
                }}
            </section>
            {(!e.networks.is_empty()).then(|| view! {
                <section aria-labelledby="h-networks">
                    <h2 id="h-networks">{t.enterprise_networks()}</h2>
                    <div class="card-grid">
                        {e.networks.iter().cloned().map(|network| view! { <NetworkCardView locale network/> }).collect_view()}
                    </div>
                </section>
            })}
            <section aria-labelledby="h-products">
                <h2 id="h-products">{t.enterprise_products()}" ("{e.products.len()}")"</h2>
                <div class="card-grid">
                    {e.products.iter().cloned().map(|product| view! { <ProductCardView locale product/> }).collect_view()}
                </div>
            </section>
        </article>
    }
}
