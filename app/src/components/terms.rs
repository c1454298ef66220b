//! An enterprise's terms of trade (delivery, pick-up, payment), on its
//! page, its product pages and its requests.

use leptos::prelude::*;

use crate::i18n::Locale;
use crate::models::Terms;

#[component]
pub fn TermsList(locale: Locale, terms: Terms) -> impl IntoView {
    let t = locale.tr();
    let row = move |label: &'static str, text: String| {
        (!text.is_empty()).then(|| view! { <dt>{label}</dt><dd class="prose">{text}</dd> })
    };
    (!terms.is_empty()).then(|| {
        view! {
            <dl class="terms">
                {row(t.terms_delivery(), terms.delivery)}
                {row(t.terms_pickup(), terms.pickup)}
                {row(t.terms_payment(), terms.payment)}
            </dl>
        }
    })
}
