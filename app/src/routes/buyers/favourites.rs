//! `/favourites`: kept products and enterprises.

use crate::components::cards::{EnterpriseCardView, ProductCardView};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::favourites::get_favourites;
use leptos::prelude::*;

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
