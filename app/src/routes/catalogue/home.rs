use leptos::prelude::*;
use leptos_meta::Meta;

use crate::components::cards::{CentreCardView, EventCardView, ProductCardView};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::functions::catalogue::get_home;
use crate::i18n::Locale;
use crate::models::HomeData;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.tr();
    let data = Resource::new(move || locale, get_home);
    view! {
        <crate::components::structured::PageTitle text=format!("{} — {}", t.site_name(), t.site_tagline())/>
        <Meta name="description" content=t.home_intro()/>
        <section class="hero">
            <h1>{t.home_title()}</h1>
            <p class="lead">{t.home_intro()}</p>
            <form class="hero-search" role="search" aria-label=t.search_label() method="get" action=locale.href("/search")>
                <label for="hero-q">{t.search_label()}</label>
                <div class="search-row">
                    <input id="hero-q" type="search" name="q" placeholder=t.search_placeholder()/>
                    <button type="submit">{t.search_button()}</button>
                </div>
            </form>
        </section>
        {with_data(locale, data, move |home| view! { <HomeSections locale home/> })}
    }
}

#[component]
fn HomeSections(locale: Locale, home: HomeData) -> impl IntoView {
    let t = locale.tr();
    view! {
        <section aria-labelledby="h-categories">
            <h2 id="h-categories">{t.home_categories()}</h2>
            <ul class="category-grid">
                {home.categories.into_iter().map(|c| {
                    let href = locale.href(&format!("/search?category={}", c.slug));
                    view! {
                        <li>
                            <a href=href>{c.name}</a>
                            <span class="count">" ("{c.product_count}")"</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        // A new install features nothing yet: no heading over an empty grid.
        {(!home.featured.is_empty()).then(|| view! {
            <section aria-labelledby="h-featured">
                <h2 id="h-featured">{t.home_featured()}</h2>
                <div class="card-grid">
                    {home.featured.into_iter().map(|product| view! { <ProductCardView locale product/> }).collect_view()}
                </div>
            </section>
        })}
        <section aria-labelledby="h-centres">
            <h2 id="h-centres">{t.home_centres()}</h2>
            <div class="card-grid">
                {home.centres.into_iter().map(|centre| view! { <CentreCardView locale centre/> }).collect_view()}
            </div>
        </section>
        <section aria-labelledby="h-events">
            <h2 id="h-events">{t.home_events()}</h2>
            {if home.events.is_empty() {
                view! { <p>{t.home_no_events()}</p> }.into_any()
            } else {
                view! {
                    <div class="card-grid">
                        {home.events.into_iter().map(|event| view! { <EventCardView locale event/> }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
    }
}
