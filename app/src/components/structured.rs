//! schema.org JSON-LD in a page.

use leptos::prelude::*;

/// Renders a `<script type="application/ld+json">`. `</` is escaped so that
/// no text from users can close the script element.
#[component]
pub fn JsonLd(value: serde_json::Value) -> impl IntoView {
    let json = value.to_string().replace("</", "<\\/");
    view! { <script type="application/ld+json" inner_html=json></script> }
}

/// The document title. leptos_meta 0.8 writes the title's text into the
/// server-rendered `<title>` without escaping it, so a product name or a
/// search query holding `</title><script>` would become markup; escaping
/// here keeps titles text. (`<title>` is RCDATA: the browser decodes the
/// entities back, so readers see the text as typed.)
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    view! { <leptos_meta::Title text=escaped/> }
}
