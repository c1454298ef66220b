//! The favourite button of a product or an enterprise.

use leptos::prelude::*;

use crate::functions::favourites::ToggleFavourite;
use crate::i18n::Locale;
use leptos::server_fn::ServerFn as _;

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
        <form method="post" action=ToggleFavourite::PATH class="inline favourite">
            <input type="hidden" name="locale" value=locale.code()/>
            {product_id.map(|id| view! { <input type="hidden" name="product_id" value=id.to_string()/> })}
            {enterprise_id.map(|id| view! { <input type="hidden" name="enterprise_id" value=id.to_string()/> })}
            <input type="hidden" name="next" value=here/>
            <button type="submit">"☆ "{locale.tr().fav_favourite_add_or_remove()}</button>
        </form>
    }
}
