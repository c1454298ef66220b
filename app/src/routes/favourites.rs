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
            let title = locale.pick("Любими", "Favourites");
            let empty = f.products.is_empty() && f.enterprises.is_empty();
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                {empty.then(|| view! {
                    <p>{locale.pick("Още нямате любими. Добавете продукт или предприятие от страницата му.", "No favourites yet. Add a product or an enterprise from its page.")}</p>
                })}
                {(!f.products.is_empty()).then(|| view! {
                    <section aria-labelledby="h-fav-products">
                        <h2 id="h-fav-products">{locale.pick("Продукти", "Products")}</h2>
                        <div class="card-grid">
                            {f.products.iter().cloned().map(|product| view! { <ProductCardView locale product/> }).collect_view()}
                        </div>
                    </section>
                })}
                {(!f.enterprises.is_empty()).then(|| view! {
                    <section aria-labelledby="h-fav-enterprises">
                        <h2 id="h-fav-enterprises">{locale.pick("Предприятия", "Enterprises")}</h2>
                        <div class="card-grid">
                            {f.enterprises.iter().cloned().map(|enterprise| view! { <EnterpriseCardView locale enterprise/> }).collect_view()}
                        </div>
                    </section>
                })}
            }
        })}
    }
}

fn notice_text(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "request_received" => locale.pick("Ново запитване", "A new request"),
        "request_accepted" => locale.pick("Запитването ви е прието", "Your request was accepted"),
        "request_declined" => locale.pick("Запитването ви е отказано", "Your request was declined"),
        "request_fulfilled" => {
            locale.pick("Запитването ви е изпълнено", "Your request was fulfilled")
        }
        "request_cancelled" => locale.pick(
            "Купувачът отмени запитване",
            "The buyer cancelled a request",
        ),
        "message" => locale.pick("Ново съобщение", "A new message"),
        _ => locale.pick("Промяна", "A change"),
    }
}

#[component]
pub fn NoticesPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_notices());
    view! {
        {with_data(locale, data, move |list| {
            let title = locale.pick("Известия", "Notices");
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                {if list.is_empty() {
                    view! { <p>{locale.pick("Няма известия.", "No notices.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain notices">
                            {list.into_iter().map(|n| view! {
                                <li class:unread=n.unread>
                                    {n.unread.then(|| view! { <strong>{locale.pick("Ново: ", "New: ")}</strong> })}
                                    {match n.order_request_id {
                                        Some(id) => view! {
                                            <a href=locale.href(&format!("/requests/{id}"))>{notice_text(locale, &n.kind)}" #"{id}</a>
                                        }.into_any(),
                                        None => view! { <span>{notice_text(locale, &n.kind)}</span> }.into_any(),
                                    }}
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
            <button type="submit">"☆ "{locale.pick("Любими (добави или махни)", "Favourite (add or remove)")}</button>
        </form>
    }
}
