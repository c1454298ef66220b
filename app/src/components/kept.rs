//! Parts of public pages written once for the data they show.

use leptos::prelude::*;

/// `view` of `data`, written once and served as HTML for as long as equal
/// data comes again (see `server::kernel::memo`). Only for a part whose HTML depends
/// on nothing but `data` and what `key` names: no reader, no head tags.
/// Islands inside keep working: their markup and props are the same bytes.
pub fn rendered_once<T, V>(key: String, data: T, view: impl FnOnce(T) -> V) -> impl IntoView
where
    T: PartialEq + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    #[cfg(feature = "ssr")]
    {
        use leptos::either::Either;
        match crate::server::AppState::current() {
            Ok(state) => {
                let html = state
                    .reads
                    .html_of(&key, &data, || view(data.clone()).into_view().to_html());
                Either::Left(leptos::tachys::html::InertElement::new(html.to_string()))
            }
            Err(_) => Either::Right(view(data)),
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = key;
        view(data)
    }
}
