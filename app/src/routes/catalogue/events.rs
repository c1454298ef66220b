//! `/events` and `/events/<slug>`.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::cards::{EnterpriseCardView, EventCardView, ProductCardView};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::format;
use crate::functions::catalogue::{get_event, get_events};
use crate::i18n::Locale;
use crate::models::EventDetail;

#[component]
pub fn EventsPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.tr();
    let data = Resource::new(move || locale, get_events);
    view! {
        <crate::components::structured::PageTitle text=format!("{} — {}", t.events_title(), t.site_name())/>
        <h1>{t.events_title()}</h1>
        {with_data(locale, data, move |events| view! {
                        <section aria-labelledby="h-upcoming">
                            <h2 id="h-upcoming">{t.events_upcoming()}</h2>
                            {if events.upcoming.is_empty() {
                                view! { <p>{t.home_no_events()}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="card-grid">
                                        {events.upcoming.into_iter().map(|event| view! { <EventCardView locale event/> }).collect_view()}
                                    </div>
                                }.into_any()
                            }}
                        </section>
                        {(!events.past.is_empty()).then(|| view! {
                            <section aria-labelledby="h-past">
                                <h2 id="h-past">{t.events_past()}</h2>
                                <div class="card-grid">
                                    {events.past.into_iter().map(|event| view! { <EventCardView locale event/> }).collect_view()}
                                </div>
                            </section>
                        })}
                    })}
    }
}

#[component]
pub fn EventPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = Resource::new(move || (locale, slug.clone()), |(l, s)| get_event(l, s));
    view! {
        {with_data(locale, data, move |event| view! { <EventView locale event/> })}
    }
}

#[component]
fn EventView(locale: Locale, event: EventDetail) -> impl IntoView {
    let t = locale.tr();
    let e = event.card.clone();
    view! {
        <crate::components::structured::PageTitle text=format!("{} — {}", e.title, t.site_name())/>
        <Meta name="description" content=event.description.clone()/>
        <h1>{e.title.clone()}</h1>
        {event.cancelled.then(|| view! { <p class="notice warning" role="note"><strong>{t.cat_event_cancelled()}</strong></p> })}
        {(use_query_map().read_untracked().get("saved").as_deref() == Some("published"))
            .then(|| view! { <p class="notice" role="status">{t.cat_event_published()}</p> })}
        <p class="lead">
            {t.event_kind(e.kind)}" · "
            <a href=locale.href(&format!("/centres/{}", event.centre_slug))>{e.centre_city.clone()}</a>
        </p>
        <dl class="facts">
            <dt>{t.event_starts()}</dt>
            <dd><time datetime=e.starts_at.to_rfc3339()>{format::date_time(e.starts_at, locale)}</time></dd>
            <dt>{t.event_ends()}</dt>
            <dd><time datetime=e.ends_at.to_rfc3339()>{format::date_time(e.ends_at, locale)}</time></dd>
            <dt>{t.event_place()}</dt>
            <dd>{e.place.clone()}</dd>
        </dl>
        <p class="prose">{event.description.clone()}</p>
        <section aria-labelledby="h-participants">
            <h2 id="h-participants">{t.event_participants()}</h2>
            {if event.participants.is_empty() {
                view! { <p>{t.event_no_participants()}</p> }.into_any()
            } else {
                view! {
                    <div class="card-grid">
                        {event.participants.into_iter().map(|enterprise| view! { <EnterpriseCardView locale enterprise/> }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
        {(!event.products.is_empty()).then(|| view! {
            <section aria-labelledby="h-event-products">
                <h2 id="h-event-products">{locale.tr().cat_participants_products()}</h2>
                <div class="card-grid">
                    {event.products.into_iter().map(|product| view! { <ProductCardView locale product/> }).collect_view()}
                </div>
            </section>
        })}
        <p><a href=locale.href(&format!("/events/{}/print", e.slug))>{locale.tr().cat_printable_page_with_qr()}</a></p>
    }
}
