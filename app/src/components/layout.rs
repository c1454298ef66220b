//! The frame of every page: skip link, header with navigation, search and
//! language switch, the page's main content, and the footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::functions::accounts::SignOut;
use crate::i18n::Locale;
use leptos::server_fn::ServerFn as _;

/// The reader's language, from the address of the page.
pub fn use_locale() -> Locale {
    Locale::from_path(&use_location().pathname.get_untracked())
}

/// Opens and closes the navigation on narrow screens. Without JavaScript the
/// navigation is simply always open (the button stays hidden).
#[island]
pub fn MenuToggle(label: String, nav_id: String) -> impl IntoView {
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        // Only now, with JavaScript running, does the menu collapse.
        if let Some(body) = document().body() {
            let _ = body.class_list().add_1("js");
        }
    });
    view! {
        <button
            type="button"
            class="menu-toggle"
            aria-controls=nav_id
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|o| *o = !*o)
        >
            <span aria-hidden="true">"☰ "</span>
            {label}
        </button>
    }
}

#[component]
fn Header(locale: Locale) -> impl IntoView {
    let t = locale.tr();
    let path = use_location().pathname.get_untracked();
    let other = match locale {
        Locale::Bg => Locale::En,
        Locale::En => Locale::Bg,
    };
    let switch_href = format!(
        "/lang/{}?next={}",
        other.code(),
        other.href(Locale::strip(&path))
    );
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href=locale.href("/")>
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    <span>{t.site_name()}</span>
                </a>
                <form class="header-search" role="search" aria-label=t.nav_search() method="get" action=locale.href("/search")>
                    <label for="site-search" class="visually-hidden">{t.search_label()}</label>
                    <input id="site-search" type="search" name="q" placeholder=t.search_placeholder()/>
                    <button type="submit">{t.search_button()}</button>
                </form>
                <MenuToggle label=t.nav_main().to_string() nav_id="site-nav".to_string()/>
                <nav id="site-nav" class="site-nav" aria-label=t.nav_main()>
                    <ul>
                        <li><a href=locale.href("/centres")>{t.nav_centres()}</a></li>
                        <li><a href=locale.href("/events")>{t.nav_events()}</a></li>
                        <li><a href=locale.href("/search")>{t.nav_search()}</a></li>
                        <AccountLinks locale/>
                        <li>
                            <a href=switch_href hreflang=other.code() lang=other.code() rel="alternate">
                                <span class="visually-hidden">{t.switch_to_language()}</span>
                                <span aria-hidden="true">{t.language_name()}</span>
                            </a>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

/// Whether the reader may be signed in: the request carries a session
/// cookie. Most readers of public pages carry none, and their header then
/// needs no lookup. (Rendered on the server only: the header is no island.)
fn may_be_signed_in() -> bool {
    #[cfg(feature = "ssr")]
    return with_context::<axum::http::request::Parts, _>(|p| {
        crate::server::sessions::has_session(&p.extensions)
    })
    .unwrap_or(true);
    #[cfg(not(feature = "ssr"))]
    true
}

fn sign_in_link(locale: Locale) -> impl IntoView {
    view! { <li><a href=locale.href("/signin")>{locale.tr().nav_sign_in()}</a></li> }
}

/// Sign-in, or the signed-in user's dashboard, account and sign-out.
#[component]
fn AccountLinks(locale: Locale) -> impl IntoView {
    let basket = view! { <li><a href=locale.href("/basket")>{locale.tr().nav_basket()}</a></li> };
    if !may_be_signed_in() {
        return view! { {basket}{sign_in_link(locale)} }.into_any();
    }
    let me = Resource::new(|| (), |_| crate::functions::accounts::me());
    view! {
        {basket}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await.ok().flatten() {
                    Some(me) => view! {
                        <li><a href=locale.href("/requests")>{locale.tr().nav_requests()}</a></li>
                        <li><a href=locale.href("/favourites")>{locale.tr().nav_favourites()}</a></li>
                        <li><a href=locale.href("/notices")>{locale.tr().nav_notices()}</a></li>
                        <li><a href=locale.href("/dashboard")>{locale.tr().nav_dashboard()}</a></li>
                        {(me.curator || me.admin).then(|| view! {
                            <li><a href=locale.href("/curator")>{locale.tr().nav_centre()}</a></li>
                        })}
                        <li><a href=locale.href("/account")>{me.display_name}</a></li>
                        <li>
                            <form method="post" action=SignOut::PATH class="inline">
                                <input type="hidden" name="locale" value=locale.code()/>
                                <button type="submit" class="link">{locale.tr().nav_sign_out()}</button>
                            </form>
                        </li>
                    }.into_any(),
                    None => sign_in_link(locale).into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Footer(locale: Locale) -> impl IntoView {
    let t = locale.tr();
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>{t.footer_about()}</p>
                <p>{t.footer_programme()}</p>
                <p><a href=locale.href("/centres")>{t.nav_centres()}</a></p>
            </div>
        </footer>
    }
}

/// The page frame; the matched page renders inside `<main>`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let locale = use_locale();
    let t = locale.tr();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content()}</a>
        <Header locale/>
        <main id="main" class="wrap" tabindex="-1">{children()}</main>
        <Footer locale/>
    }
}
