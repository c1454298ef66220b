//! Pages for what went wrong: a real 404 (with status 404) and an error view
//! that never shows internals.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(code)
    {
        resp.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

#[component]
pub fn NotFound(locale: Locale) -> impl IntoView {
    set_status(404);
    let t = locale.t();
    view! {
        <crate::components::structured::PageTitle text=t.not_found_title/>
        <section class="status-page">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><a href=locale.href("/")>{t.back_home}</a></p>
        </section>
    }
}

#[component]
pub fn ErrorView(locale: Locale, error: AppError) -> impl IntoView {
    if error == AppError::NotFound {
        return view! { <NotFound locale/> }.into_any();
    }
    set_status(error.status());
    let t = locale.t();
    view! {
        <crate::components::structured::PageTitle text=t.error_title/>
        <section class="status-page" role="alert">
            <h1>{t.error_title}</h1>
            <p>{t.error_text}</p>
            <p><a href=locale.href("/")>{t.back_home}</a></p>
        </section>
    }
    .into_any()
}

/// A page's data: rendered when it has arrived (the routes render in
/// `SsrMode::Async`, so the server sends the finished page), or the error
/// page for the error (a real 404 for what does not exist).
pub fn with_data<T, V>(
    locale: Locale,
    data: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorView locale error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
