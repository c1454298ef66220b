//! Pages for what went wrong: a real 404 (with status 404) and an error view
//! that never shows internals.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;

/// Marks the page being rendered as not to be kept by any cache (ours
/// included): it shows a passing state, such as search results answered
/// by the database while the engine is down.
pub fn do_not_keep() {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.insert_header(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
}

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
    let t = locale.tr();
    view! {
        <crate::components::structured::PageTitle text=t.not_found_title()/>
        <section class="status-page">
            <h1>{t.not_found_title()}</h1>
            <p>{t.not_found_text()}</p>
            <p><a href=locale.href("/")>{t.back_home()}</a></p>
        </section>
    }
}

/// A page that needs a signed-in user, opened by nobody: status 401 and a
/// way to sign in that comes back here.
#[component]
pub fn SignInNeeded(locale: Locale) -> impl IntoView {
    set_status(401);
    let here = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let href = format!("{}?next={}", locale.href("/signin"), urlencode(&here));
    let title = locale.tr().status_please_sign_in();
    view! {
        <crate::components::structured::PageTitle text=title.to_string()/>
        <section class="status-page">
            <h1>{title}</h1>
            <p>{crate::error::status_message(locale, 401)}</p>
            <p><a class="button primary" href=href>{locale.tr().nav_sign_in()}</a></p>
        </section>
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn ErrorView(locale: Locale, error: AppError) -> impl IntoView {
    if error == AppError::NotFound {
        return view! { <NotFound locale/> }.into_any();
    }
    if error == AppError::Unauthorized {
        return view! { <SignInNeeded locale/> }.into_any();
    }
    if error == AppError::Forbidden {
        set_status(403);
        return view! {
            <crate::components::structured::PageTitle text=crate::error::status_message(locale, 403).to_string()/>
            <section class="status-page" role="alert">
                <h1>{crate::error::status_message(locale, 403)}</h1>
                <p><a href=locale.href("/dashboard")>{locale.tr().status_dashboard()}</a></p>
            </section>
        }
        .into_any();
    }
    set_status(error.status());
    let t = locale.tr();
    view! {
        <crate::components::structured::PageTitle text=t.error_title()/>
        <section class="status-page" role="alert">
            <h1>{t.error_title()}</h1>
            <p>{t.error_text()}</p>
            <p><a href=locale.href("/")>{t.back_home()}</a></p>
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
