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

#[component]
fn Header(locale: Locale) -> impl IntoView {
    let t = locale.tr();
    let path = use_location().pathname.get_untracked();
    let here = Locale::strip(&path).to_string();
    let other = match locale {
        Locale::Bg => Locale::En,
        Locale::En => Locale::Bg,
    };
    let switch_href = format!("/lang/{}?next={}", other.code(), other.href(&here));
    // The home and search pages have a search box of their own: one box
    // on a page.
    let search_box = here != "/" && here != "/search";
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href=locale.href("/")>
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    <span>{t.site_name()}</span>
                </a>
                {search_box.then(|| view! {
                    <form class="header-search" role="search" aria-label=t.nav_search() method="get" action=locale.href("/search")>
                        <label for="site-search" class="visually-hidden">{t.search_label()}</label>
                        <input id="site-search" type="search" name="q" placeholder=t.search_placeholder()/>
                        <button type="submit">{t.search_button()}</button>
                    </form>
                })}
                // On a phone the navigation opens under this; a closed
                // `<details>` hides it by CSS alone, so the page is drawn
                // the same before and after any script.
                <details class="menu-toggle">
                    <summary>{t.nav_menu()}</summary>
                </details>
                <nav id="site-nav" class="site-nav" aria-label=t.nav_main()>
                    <ul>
                        <li><a href=locale.href("/centres")>{t.nav_centres()}</a></li>
                        <li><a href=locale.href("/events")>{t.nav_events()}</a></li>
                        <AccountLinks locale here=page_address(&path)/>
                        <li>
                            // In the other language's own words.
                            <a href=switch_href hreflang=other.code() lang=other.code() rel="alternate">
                                <span class="visually-hidden">{other.tr().switch_to_language()}</span>
                                <span aria-hidden="true">{other.tr().language_name()}</span>
                            </a>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

/// This page's address with its query (a search, a section), for sign-in
/// to come back to; a refused form's error is not carried along.
fn page_address(path: &str) -> String {
    let search = use_location().search.get_untracked();
    let search = search.trim_start_matches('?');
    if search.is_empty() || search.contains("__err") {
        path.to_string()
    } else {
        format!("{path}?{search}")
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

/// A link with a count beside it (hidden when nothing waits).
fn counted(href: String, label: &'static str, count: u64, class: &'static str) -> impl IntoView {
    view! {
        <li>
            <a href=href class=class>
                {label}
                {(count > 0).then(|| view! {
                    <span class="visually-hidden">": "</span>
                    <span class="pill">{count}</span>
                })}
            </a>
        </li>
    }
}

/// The basket, and sign-in (which comes back to this page); or, signed in,
/// what waits for the reader and a menu of their own pages.
#[component]
fn AccountLinks(locale: Locale, here: String) -> impl IntoView {
    let t = locale.tr();
    let sign_in = format!(
        "{}?next={}",
        locale.href("/signin"),
        crate::links::query_value(&here)
    );
    if !may_be_signed_in() {
        return view! {
            {counted(locale.href("/basket"), t.nav_basket(), 0, "")}
            <li><a href=sign_in>{t.nav_sign_in()}</a></li>
        }
        .into_any();
    }
    let info = Resource::new(|| (), |_| crate::functions::accounts::header_info());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let sign_in = sign_in.clone();
                Suspend::new(async move {
                    let info = info.await.unwrap_or_default();
                    let basket = counted(locale.href("/basket"), t.nav_basket(), info.basket as u64, "");
                    let Some(me) = info.me else {
                        return view! { {basket}<li><a href=sign_in>{t.nav_sign_in()}</a></li> }.into_any();
                    };
                    // One enterprise: straight to its inbox; several: the dashboard lists them.
                    let waiting: u64 = info.inboxes.iter().map(|i| i.waiting).sum();
                    let inbox = match info.inboxes.as_slice() {
                        [] => None,
                        [one] => Some(locale.href(&format!("/dashboard/e/{}/requests", one.slug))),
                        _ => Some(locale.href("/dashboard")),
                    };
                    view! {
                        {basket}
                        {inbox.map(|href| counted(href, t.nav_inbox_short(), waiting, "inbox-link"))}
                        {counted(locale.href("/notices"), t.nav_notices(), info.unread_notices, "")}
                        <li class="account-item">
                            <details class="account-menu">
                                <summary>{me.display_name}</summary>
                                <ul>
                                    <li><a href=locale.href("/requests")>{t.nav_requests()}</a></li>
                                    <li><a href=locale.href("/favourites")>{t.nav_favourites()}</a></li>
                                    <li><a href=locale.href("/dashboard")>{t.nav_dashboard()}</a></li>
                                    {(me.curator || me.admin).then(|| view! {
                                        <li><a href=locale.href("/curator")>{t.nav_centre()}</a></li>
                                    })}
                                    <li><a href=locale.href("/account")>{t.nav_account()}</a></li>
                                    <li>
                                        <form method="post" action=SignOut::PATH class="inline">
                                            <input type="hidden" name="locale" value=locale.code()/>
                                            <button type="submit" class="link">{t.nav_sign_out()}</button>
                                        </form>
                                    </li>
                                </ul>
                            </details>
                        </li>
                    }
                    .into_any()
                })
            }}
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
                <nav aria-label=t.footer_platform()>
                    <ul class="footer-links">
                        <li><a href=locale.href("/about")>{t.footer_about_link()}</a></li>
                        <li><a href=locale.href("/centres")>{t.nav_centres()}</a></li>
                        <li><a href=locale.href("/contact")>{t.footer_contact()}</a></li>
                        <li><a href=locale.href("/terms")>{t.footer_terms()}</a></li>
                        <li><a href=locale.href("/privacy")>{t.footer_privacy()}</a></li>
                        <li><a href=locale.href("/cookies")>{t.footer_cookies()}</a></li>
                    </ul>
                </nav>
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
        <LanguageLinks/>
        <a class="skip-link" href="#main">{t.skip_to_content()}</a>
        <Header locale/>
        <main id="main" class="wrap" tabindex="-1">{children()}</main>
        <Footer locale/>
    }
}

/// The page's address as search engines should keep it (without a query),
/// and the same page in each language, for `<head>`: `hreflang` for each
/// and `x-default` for the default language.
#[component]
fn LanguageLinks() -> impl IntoView {
    use leptos_meta::Link;
    #[cfg(feature = "ssr")]
    let base = use_context::<crate::server::AppState>()
        .map(|s| s.settings.public_url.clone())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let base = String::new();
    let path = use_location().pathname.get_untracked();
    let page = Locale::strip(&path).to_string();
    let alternates = Locale::ALL
        .iter()
        .map(|l| (l.code(), format!("{base}{}", l.href(&page))))
        .chain(std::iter::once((
            "x-default",
            format!("{base}{}", Locale::DEFAULT.href(&page)),
        )))
        .map(|(code, href)| view! { <Link rel="alternate" hreflang=code href=href/> })
        .collect_view();
    view! {
        <Link rel="canonical" href=format!("{base}{path}")/>
        {alternates}
    }
}
