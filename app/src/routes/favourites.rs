//! `/favourites` and `/notices`.

use leptos::prelude::*;

use crate::components::cards::{EnterpriseCardView, ProductCardView};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::favourites::{get_favourites, get_notices};
use crate::i18n::Locale;

#[component]
pub fn FavouritesPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, get_favourites);
    view! {
        {with_data(locale, data, move |f| {
            let title = locale.tr().nav_favourites();
            let empty = f.products.is_empty() && f.enterprises.is_empty();
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                {empty.then(|| view! {
                    <p>{locale.tr().fav_no_favourites_yet_add()}</p>
                })}
                {(!f.products.is_empty()).then(|| view! {
                    <section aria-labelledby="h-fav-products">
                        <h2 id="h-fav-products">{locale.tr().desk_products()}</h2>
                        <div class="card-grid">
                            {f.products.iter().cloned().map(|product| view! { <ProductCardView locale product/> }).collect_view()}
                        </div>
                    </section>
                })}
                {(!f.enterprises.is_empty()).then(|| view! {
                    <section aria-labelledby="h-fav-enterprises">
                        <h2 id="h-fav-enterprises">{locale.tr().desk_enterprises()}</h2>
                        <div class="card-grid">
                            {f.enterprises.iter().cloned().map(|enterprise| view! { <EnterpriseCardView locale enterprise/> }).collect_view()}
                        </div>
                    </section>
                })}
            }
        })}
    }
}

/// Notices a curator gets about an enterprise of their region.
const CURATOR_NOTICES: [&str; 5] = [
    "verification_requested",
    "network_applied",
    "event_applied",
    "certificate_expiring",
    "certificate_lapsed",
];

#[component]
pub fn NoticesPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_notices());
    view! {
        {with_data(locale, data, move |list| {
            let title = locale.tr().nav_notices();
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                {if list.is_empty() {
                    view! { <p>{locale.tr().fav_no_notices()}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain notices">
                            {list.into_iter().map(|n| view! {
                                <li class:unread=n.unread>
                                    {n.unread.then(|| view! { <strong>{locale.tr().fav_new()}</strong> })}
                                    {match n.order_request_id {
                                        Some(id) => view! {
                                            <a href=locale.href(&format!("/requests/{id}"))>{locale.tr().notice(n.kind)}" #"{id}</a>
                                        }.into_any(),
                                        None => match n.enterprise_slug.clone() {
                                            Some(slug) => view! {
                                                <a href=locale.href(&format!("/dashboard/e/{slug}"))>{locale.tr().notice(n.kind)}</a>
                                            }.into_any(),
                                            None if CURATOR_NOTICES.contains(&n.kind.code()) => view! {
                                                <a href=locale.href("/curator")>{locale.tr().notice(n.kind)}</a>
                                            }.into_any(),
                                            None => view! { <span>{locale.tr().notice(n.kind)}</span> }.into_any(),
                                        },
                                    }}
                                    {n.detail.clone().map(|d| view! { ": "<q>{d}</q> })}
                                    " · "{crate::format::date_time(n.at, locale)}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }
        })}
    }
}

/// The "keep as favourite" button of a product or enterprise page.
#[component]
pub fn FavouriteButton(
    locale: Locale,
    #[prop(optional)] product_id: Option<i32>,
    #[prop(optional)] enterprise_id: Option<i32>,
) -> impl IntoView {
    let here = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    view! {
        <form method="post" action="/fn/toggle_favourite" class="inline favourite">
            <input type="hidden" name="locale" value=locale.code()/>
            {product_id.map(|id| view! { <input type="hidden" name="product_id" value=id.to_string()/> })}
            {enterprise_id.map(|id| view! { <input type="hidden" name="enterprise_id" value=id.to_string()/> })}
            <input type="hidden" name="next" value=here/>
            <button type="submit">"☆ "{locale.tr().fav_favourite_add_or_remove()}</button>
        </form>
    }
}
