//! `/events/<slug>/print`: an event's printable participant list.

use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::format::date_time;
use crate::functions::curation::get_event_print;
use crate::i18n::Locale;
use crate::models::EventPrint;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EventPrintPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = Resource::new(
        move || (locale, slug.clone()),
        |(l, s)| get_event_print(l, s),
    );
    view! { {with_data(locale, data, move |p| view! { <EventPrintView locale p/> })} }
}

#[component]
fn EventPrintView(locale: Locale, p: EventPrint) -> impl IntoView {
    let t = locale.tr();
    let ev = p.event;
    view! {
        <PageTitle text=ev.card.title.clone()/>
        <article class="print-page">
            <h1>{ev.card.title.clone()}</h1>
            <p class="lead">{t.event_kind(ev.card.kind)}" · "{date_time(ev.card.starts_at, locale)}" – "{date_time(ev.card.ends_at, locale)}</p>
            <p>{ev.card.place.clone()}</p>
            <div class="qr" inner_html=p.qr_svg></div>
            <p>{locale.tr().desk_participants_catalogue()}<a href=p.url.clone()>{p.url.clone()}</a></p>
            <h2>{locale.tr().desk_taking_part()}</h2>
            <ul>
                {ev.participants.iter().map(|e| view! { <li>{e.name.clone()}" — "{e.settlement.clone()}</li> }).collect_view()}
            </ul>
        </article>
    }
}
