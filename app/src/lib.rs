//! Социален пазар: pages, components and server functions (features `ssr`
//! and `hydrate`); with `ssr`, also the services, entities and database code.
//!
//! The site renders on the server and hydrates only its islands (`#[island]`
//! components), so a catalogue page ships a few dozen kilobytes of wasm
//! rather than the whole application.

#![recursion_limit = "256"]

pub mod components;
pub mod domain;
pub mod eik;
pub mod error;
pub mod format;
pub mod forms;
pub mod functions;
pub mod i18n;
pub mod links;
pub mod models;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod server;
pub mod text;

#[cfg(all(test, feature = "ssr"))]
mod structure;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::components::{Outlet, ParentRoute, Router, Routes};
use leptos_router::{SsrMode, path};

use components::Layout;
use components::layout::use_locale;
use components::status::NotFound;
use i18n::Locale;
use routes::Pages;

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    // Read in place: cloning the request's parts (all its headers) on
    // every page costs more than the lookup.
    let locale = with_context::<axum::http::request::Parts, _>(|p| Locale::from_path(p.uri.path()))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let locale = Locale::default();
    #[cfg(feature = "ssr")]
    let assets = asset_tags(options);
    #[cfg(feature = "ssr")]
    pass_script_nonce();
    #[cfg(not(feature = "ssr"))]
    let assets = view! {
        <HashedStylesheet options=options.clone() id="leptos"/>
        <HydrationScripts options islands=true/>
    };
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {assets}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The stylesheet and hydration tags, rendered once per process. With
/// hashed file names, Leptos's own components read the hash file from disk
/// on every page (two file reads per request); the names cannot change
/// while the binary runs.
#[cfg(feature = "ssr")]
fn asset_tags(options: LeptosOptions) -> impl IntoView {
    let html = asset_html(&options);
    // What `HydrationScripts` does on every page in islands mode: data
    // loaded outside islands is not sent to the browser.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    leptos::tachys::html::InertElement::new(html)
}

/// The header through which a page tells the security-headers layer the
/// nonce its inline scripts carry (Leptos's resource bootstrap); that layer
/// turns it into the Content-Security-Policy and removes it. A kept page
/// keeps it too, so its policy always matches its scripts.
pub const SCRIPT_NONCE_HEADER: &str = "x-script-nonce";

#[cfg(feature = "ssr")]
fn pass_script_nonce() {
    if let (Some(nonce), Some(options)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(value) = axum::http::HeaderValue::from_str(&nonce)
    {
        options.insert_header(
            axum::http::HeaderName::from_static(SCRIPT_NONCE_HEADER),
            value,
        );
    }
}

/// The stylesheet and hydration tags as HTML, made on first use.
#[cfg(feature = "ssr")]
pub fn asset_html(options: &LeptosOptions) -> &'static str {
    use std::sync::OnceLock;
    static TAGS: OnceLock<String> = OnceLock::new();
    TAGS.get_or_init(|| {
        // A root of its own: nothing of a request is frozen in. Making a
        // root also makes it the current owner, so the request's owner (if
        // any) is put back afterwards.
        let request = Owner::current();
        let root = Owner::new_root(None);
        let html = root.with(|| {
            view! {
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options=options.clone() islands=true/>
            }
            .to_html()
        });
        match request {
            Some(owner) => owner.set(),
            None => root.unset(),
        }
        html
    })
}

/// The Content-Security-Policy sources (`sha256-…`) of the inline scripts
/// every page carries: the islands' loader, the same on every page while
/// the binary runs. No nonce is needed, so kept pages stay valid.
#[cfg(feature = "ssr")]
pub fn inline_script_hashes(options: &LeptosOptions) -> Vec<String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let html = asset_html(options);
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let opening = &after[..open_end];
        let body_start = &after[open_end + 1..];
        let Some(close) = body_start.find("</script>") else {
            break;
        };
        if !opening.contains(" src=") {
            let digest = Sha256::digest(&body_start.as_bytes()[..close]);
            hashes.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &body_start[close..];
    }
    hashes
}

#[component]
fn Frame() -> impl IntoView {
    view! {
        <Layout>
            <Outlet/>
        </Layout>
    }
}

#[component]
fn Fallback() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Layout>
            <NotFound locale/>
        </Layout>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Routes fallback=Fallback>
                <ParentRoute path=path!("/en") view=Frame ssr=SsrMode::Async>
                    <Pages/>
                </ParentRoute>
                <ParentRoute path=path!("") view=Frame ssr=SsrMode::Async>
                    <Pages/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
