//! schema.org JSON-LD in a page.

use leptos::prelude::*;

/// Renders a `<script type="application/ld+json">`. Every `<`, `>` and `&`
/// is written as its JSON escape, so no text from users can close the
/// script element or open a comment in it (`<!--<script>` would swallow the
/// rest of the page): they only ever appear inside JSON strings, where the
/// escape means the same character.
#[component]
pub fn JsonLd(value: serde_json::Value) -> impl IntoView {
    view! { <script type="application/ld+json" inner_html=json_for_script(&value)></script> }
}

/// JSON safe to place inside a `<script>` element.
pub fn json_for_script(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_a_script_has_no_angle_brackets_and_means_the_same() {
        let v = serde_json::json!({"name": "Шал <!--<script>", "d": "</script>&"});
        let s = json_for_script(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
    }
}
