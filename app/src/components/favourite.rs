//! The favourite button of a product or an enterprise.

use leptos::prelude::*;

use crate::functions::favourites::{ToggleFavourite, is_favourite};
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
    let form = move |kept: bool| {
        let t = locale.tr();
        view! {
            <form method="post" action=ToggleFavourite::PATH class="inline favourite">
                <input type="hidden" name="locale" value=locale.code()/>
                {product_id.map(|id| view! { <input type="hidden" name="product_id" value=id.to_string()/> })}
                {enterprise_id.map(|id| view! { <input type="hidden" name="enterprise_id" value=id.to_string()/> })}
                <input type="hidden" name="next" value=here.clone()/>
                <button type="submit" aria-pressed=if kept { "true" } else { "false" } class:kept=kept>
                    <span aria-hidden="true">{if kept { "★ " } else { "☆ " }}</span>
                    {if kept { t.fav_kept() } else { t.fav_keep() }}
                </button>
            </form>
        }
    };
    // A visitor keeps nothing yet; a reader's own state is looked up.
    let state = Resource::new(move || (), move |_| is_favourite(product_id, enterprise_id));
    let fallback = form.clone();
    view! {
        <Suspense fallback=move || fallback(false)>
            {move || {
                let form = form.clone();
                Suspend::new(async move { form(state.await.unwrap_or(false)) })
            }}
        </Suspense>
    }
}
