//! Cards: the compact form of a product, centre, enterprise, network or event.

use leptos::prelude::*;

use crate::format;
use crate::i18n::Locale;
use crate::models::{CentreCard, EnterpriseCard, EventCard, NetworkCard, ProductCard};

#[component]
pub fn VerifiedBadge(locale: Locale, verified: bool) -> impl IntoView {
    let t = locale.tr();
    verified.then(|| {
        view! {
            <span class="badge badge-verified" title=t.verified()>
                <span aria-hidden="true">"✓ "</span>
                {t.verified()}
            </span>
        }
    })
}

#[component]
pub fn ProductCardView(locale: Locale, product: ProductCard) -> impl IntoView {
    let t = locale.tr();
    let href = locale.href(&format!("/p/{}", product.slug));
    // The title is the card's link; the picture repeats it for the pointer
    // only, so it is hidden from screen readers and the tab order.
    view! {
        <article class="card product-card">
            <a class="card-picture" href=href.clone() tabindex="-1" aria-hidden="true">
                <img src=product.picture.src alt="" width="400" height="300" loading="lazy" decoding="async"
                    class:drawing=!product.picture.photo/>
            </a>
            <h3 class="card-title"><a href=href>{product.title}</a></h3>
            <p class="card-meta">{product.category}</p>
            <p class="price">
                <strong>{format::money(product.price_cents, locale)}</strong>
                " / "
                {t.unit(product.unit)}
            </p>
            <p class="card-meta">
                {t.by_enterprise()}" "
                <a href=locale.href(&format!("/e/{}", product.enterprise_slug))>{product.enterprise_name}</a>
                " "
                <VerifiedBadge locale verified=product.verified/>
            </p>
            <p class=format!("availability availability-{}", product.availability)>
                {t.availability(product.availability)}
            </p>
        </article>
    }
}

#[component]
pub fn CentreCardView(locale: Locale, centre: CentreCard) -> impl IntoView {
    let t = locale.tr();
    view! {
        <article class="card centre-card">
            <h3 class="card-title">
                <a href=locale.href(&format!("/centres/{}", centre.slug))>{centre.name}</a>
            </h3>
            <p class="card-meta">{centre.region}</p>
            <p>{centre.districts.join(", ")}</p>
            <p class="card-meta">{t.count_enterprises(centre.enterprise_count)}</p>
        </article>
    }
}

#[component]
pub fn EnterpriseCardView(locale: Locale, enterprise: EnterpriseCard) -> impl IntoView {
    let t = locale.tr();
    view! {
        <article class="card enterprise-card">
            <h3 class="card-title">
                <a href=locale.href(&format!("/e/{}", enterprise.slug))>{enterprise.name}</a>
            </h3>
            <p class="card-meta">
                {t.legal_form(enterprise.legal_form)}", "{enterprise.settlement}" ("{enterprise.district}")"
            </p>
            <p class="card-meta">{t.count_products(enterprise.product_count)}</p>
            <VerifiedBadge locale verified=enterprise.verified/>
        </article>
    }
}

#[component]
pub fn NetworkCardView(locale: Locale, network: NetworkCard) -> impl IntoView {
    let t = locale.tr();
    view! {
        <article class="card network-card">
            <h3 class="card-title">
                <a href=locale.href(&format!("/n/{}", network.slug))>{network.name}</a>
            </h3>
            <p class="card-meta">{t.network_kind(network.kind)}</p>
            <p class="card-meta">{t.count_members(network.member_count)}</p>
        </article>
    }
}

#[component]
pub fn EventCardView(locale: Locale, event: EventCard) -> impl IntoView {
    let t = locale.tr();
    view! {
        <article class="card event-card">
            <p class="card-meta">{t.event_kind(event.kind)}" · "{event.centre_city}</p>
            <h3 class="card-title">
                <a href=locale.href(&format!("/events/{}", event.slug))>{event.title}</a>
            </h3>
            <p>
                <time datetime=event.starts_at.to_rfc3339()>
                    {format::date_time(event.starts_at, locale)}
                </time>
            </p>
            <p class="card-meta">{event.place}</p>
        </article>
    }
}
