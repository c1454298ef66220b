//! `/search`: results with facets, sorts and pages. Every filter, sort and
//! page is a plain link, so the page works without JavaScript; with it, the
//! results island updates as the buyer types and keeps the address in step.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::components::kept::rendered_once;
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::domain::{Availability, Unit};
use crate::format;
use crate::functions::catalogue::search_products;
use crate::i18n::{Locale, Tr};
use crate::models::{EnterpriseHit, FacetGroup, SearchHit, SearchPage, SearchParams};

/// The words of the results island, translated on the server and handed
/// to the island as a prop: the wasm carries no translation tables, and
/// the results it draws as the buyer types speak the reader's language.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchWords {
    label: String,
    button: String,
    all_products: String,
    enterprises: String,
    results_for: String,
    /// The language's quotation marks around the query.
    quotes: (String, String),
    degraded: String,
    filters: String,
    clear_filters: String,
    active_filters: String,
    remove_filter: String,
    search: String,
    no_results: String,
    suggest: String,
    sort: String,
    pagination: String,
    previous: String,
    next: String,
    by: String,
    verified: String,
    facets: Vec<(String, String)>,
    sorts: Vec<(String, String)>,
    units: Vec<(Unit, String)>,
    availability: Vec<(Availability, String)>,
}

const SORTS: [&str; 4] = ["relevance", "price_asc", "price_desc", "newest"];
const FACETS: [&str; 8] = [
    "category",
    "centre",
    "district",
    "network",
    "verified",
    "availability",
    "impact",
    "price",
];

impl SearchWords {
    pub fn new(t: Tr) -> SearchWords {
        SearchWords {
            label: t.search_label().into(),
            button: t.search_button().into(),
            all_products: t.search_all_products().into(),
            enterprises: t.search_enterprises().into(),
            results_for: t.search_results_for().into(),
            quotes: (t.quote_open().into(), t.quote_close().into()),
            degraded: t.search_degraded().into(),
            filters: t.search_filters().into(),
            clear_filters: t.search_clear_filters().into(),
            active_filters: t.search_active_filters().into(),
            remove_filter: t.search_remove_filter().into(),
            search: t.nav_search().into(),
            no_results: t.search_no_results().into(),
            suggest: t.search_suggest().into(),
            sort: t.search_sort().into(),
            pagination: t.pagination().into(),
            previous: t.page_previous().into(),
            next: t.page_next().into(),
            by: t.by_enterprise().into(),
            verified: t.verified().into(),
            facets: FACETS
                .iter()
                .map(|f| (f.to_string(), t.facet(f).into()))
                .collect(),
            sorts: SORTS
                .iter()
                .map(|s| (s.to_string(), t.sort(s).into()))
                .collect(),
            units: Unit::ALL.iter().map(|u| (*u, t.unit(*u).into())).collect(),
            availability: Availability::ALL
                .iter()
                .map(|a| (*a, t.availability(*a).into()))
                .collect(),
        }
    }

    fn of<'a, K: PartialEq + ?Sized, Q: std::borrow::Borrow<K>>(
        list: &'a [(Q, String)],
        key: &K,
    ) -> &'a str {
        list.iter()
            .find(|(k, _)| k.borrow() == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Reads a search from the address; unparsable numbers fall back to defaults.
pub fn params_from_query(q: &ParamsMap) -> SearchParams {
    SearchParams::from_lookup(|k| q.get(k)).0
}

fn search_href(locale: Locale, p: &SearchParams) -> String {
    let query = p.to_query();
    if query.is_empty() {
        locale.href("/search")
    } else {
        format!("{}?{query}", locale.href("/search"))
    }
}

#[component]
pub fn SearchRoute() -> impl IntoView {
    let locale = use_locale();
    let t = locale.tr();
    let params = params_from_query(&use_query_map().get_untracked());
    let title = if params.q.is_empty() {
        t.search_all_products().to_string()
    } else {
        format!(
            "{} {}{}{}",
            t.search_results_for(),
            t.quote_open(),
            params.q,
            t.quote_close()
        )
    };
    let data = Resource::new(
        move || (locale, params.clone()),
        |(l, p)| search_products(l, p),
    );
    view! {
        <crate::components::structured::PageTitle text=format!("{title} — {}", t.site_name())/>
        <Meta name="robots" content="noindex, follow"/>
        {with_data(locale, data, move |page| {
            if page.degraded {
                crate::components::status::do_not_keep();
            }
            let key = format!("search|{}|{:?}", locale.code(), page.params);
            rendered_once(key, page, move |page| {
                let words = SearchWords::new(t);
                view! { <SearchResults locale page words/> }
            })
        })}
    }
}

/// The whole results area. An island: with JavaScript it re-runs the search
/// as the buyer types (debounced) and replaces the address with the new one.
#[island]
pub fn SearchResults(locale: Locale, page: SearchPage, words: SearchWords) -> impl IntoView {
    let words = StoredValue::new(words);
    let data = RwSignal::new(page);
    let query = StoredValue::new(data.get_untracked().params.q.clone());
    let generation = StoredValue::new(0u64);
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);

    let run = move |q: String| {
        let mut params = data.get_untracked().params;
        params.q = q;
        params.page = 1;
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            if let Some(page) = live::search(locale, &params).await {
                // Answers can overtake each other; only the newest counts.
                if generation.get_value() == mine {
                    let href = search_href(locale, &page.params);
                    if let Ok(history) = window().history() {
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&href),
                        );
                    }
                    data.set(page);
                }
            }
        });
    };
    let follow = move |value: String| {
        query.set_value(value.clone());
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        let handle =
            set_timeout_with_handle(move || run(value), std::time::Duration::from_millis(250)).ok();
        timer.set_value(handle);
    };
    let on_input = move |ev: leptos::ev::Event| follow(event_target_value(&ev));
    // A buyer can type before the island has hydrated, and no input event
    // reaches it then; once it has, whatever the box holds is searched for.
    let input = NodeRef::<leptos::html::Input>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let typed = el.value();
            if typed != query.get_value() {
                follow(typed);
            }
        }
    });

    view! {
        <div class="search-layout">
            <form class="search-form" role="search" aria-label=words.with_value(|w| w.label.clone()) method="get" action=locale.href("/search")
                on:submit=move |ev| {
                    ev.prevent_default();
                    run(query.get_value());
                }
            >
                <label for="search-q">{words.with_value(|w| w.label.clone())}</label>
                <div class="search-row">
                    <input id="search-q" type="search" name="q" autocomplete="off"
                        value=query.get_value() node_ref=input on:input=on_input/>
                    <button type="submit">{words.with_value(|w| w.button.clone())}</button>
                </div>
                {move || {
                    let p = data.with(|d| d.params.clone());
                    let mut hidden: Vec<(String, String)> = p.filters().into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                    if !p.sort.is_empty() && p.sort != "relevance" {
                        hidden.push(("sort".into(), p.sort.clone()));
                    }
                    hidden.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()
                }}
            </form>
            {results_view(locale, data, words)}
        </div>
    }
}

/// The island's own call of [`search_products`]: the form post the server
/// function takes, and only its answer's JSON read. The generated client
/// would also bring a decoder for every error of the site, a query-string
/// serializer and an HTTP crate into the wasm (about a fifth of it); a
/// failed search simply leaves the results as they were.
#[cfg(feature = "hydrate")]
mod live {
    use leptos::server_fn::ServerFn as _;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use crate::functions::catalogue::SearchProducts;
    use crate::i18n::Locale;
    use crate::models::{SearchPage, SearchParams};

    pub async fn search(locale: Locale, params: &SearchParams) -> Option<SearchPage> {
        let body = web_sys::UrlSearchParams::new().ok()?;
        body.append("locale", locale.code());
        body.append("params[q]", &params.q);
        body.append("params[sort]", &params.sort);
        body.append("params[page]", &params.page.to_string());
        body.append("params[per_page]", &params.per_page.to_string());
        for (k, v) in params.filters() {
            body.append(&format!("params[{k}]"), v);
        }
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&body);
        let request = web_sys::Request::new_with_str_and_init(SearchProducts::PATH, &init).ok()?;
        request.headers().set("Accept", "application/json").ok()?;
        let answer = JsFuture::from(leptos::prelude::window().fetch_with_request(&request))
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
        if !answer.ok() {
            return None;
        }
        let text = JsFuture::from(answer.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        serde_json::from_str(&text).ok()
    }
}

#[cfg(not(feature = "hydrate"))]
mod live {
    use crate::i18n::Locale;
    use crate::models::{SearchPage, SearchParams};

    /// Never called: the island searches as the buyer types, in the browser.
    pub async fn search(_: Locale, _: &SearchParams) -> Option<SearchPage> {
        None
    }
}

/// The results, following `data` in the browser. A reactive closure runs
/// twice in a server render (once to find what it waits for, once to
/// write it), and this one is most of the page; the server writes the same
/// markup from one run.
#[cfg(feature = "ssr")]
fn results_view(
    locale: Locale,
    data: RwSignal<SearchPage>,
    words: StoredValue<SearchWords>,
) -> impl IntoView {
    data.with_untracked(|page| view! { <ResultsBody locale page=page.clone() words/> })
}

#[cfg(not(feature = "ssr"))]
fn results_view(
    locale: Locale,
    data: RwSignal<SearchPage>,
    words: StoredValue<SearchWords>,
) -> impl IntoView {
    move || data.with(|page| view! { <ResultsBody locale page=page.clone() words/> })
}

#[component]
fn ResultsBody(locale: Locale, page: SearchPage, words: StoredValue<SearchWords>) -> impl IntoView {
    let w = words.get_value();
    let heading = if page.params.q.is_empty() {
        w.all_products.clone()
    } else {
        format!(
            "{} {}{}{}",
            w.results_for, w.quotes.0, page.params.q, w.quotes.1
        )
    };
    let has_filters = !page.params.filters().is_empty();
    // Each chosen filter as a chip that takes it away again.
    let chips: Vec<(String, String)> = page
        .facets
        .iter()
        .flat_map(|g| {
            g.values.iter().filter(|v| v.selected).map(|v| {
                let mut next = page.params.clone();
                next.page = 1;
                next.set_filter(&g.facet, None);
                (v.label.clone(), search_href(locale, &next))
            })
        })
        .collect();
    let active = chips.len();
    let clear = SearchParams {
        q: page.params.q.clone(),
        ..Default::default()
    };
    view! {
        <h1 class="search-heading">{heading}</h1>
        <p class="result-count" role="status" aria-live="polite">{page.count_text.clone()}</p>
        {page.degraded.then(|| view! { <p class="notice" role="note">{w.degraded.clone()}</p> })}
        <div class="search-columns">
            <aside class="facets" aria-labelledby="h-filters">
                <h2 id="h-filters" class="visually-hidden">{w.filters.clone()}</h2>
                // On a phone the filters fold away behind this (CSS alone,
                // so it works without JavaScript); on a wide screen they
                // stand beside the results.
                <details class="filters-toggle">
                    <summary>{w.filters.clone()}{(active > 0).then(|| format!(" ({active})"))}</summary>
                </details>
                <div class="facet-lists">
                    {page.facets.iter().filter(|g| !g.values.is_empty()).map(|g| view! { <FacetList locale group=g.clone() params=page.params.clone() words/> }).collect_view()}
                </div>
            </aside>
            <section class="results" aria-labelledby="h-results">
                <h2 id="h-results" class="visually-hidden">{w.search.clone()}</h2>
                {has_filters.then(|| view! {
                    <ul class="chips" aria-label=w.active_filters.clone()>
                        {chips.into_iter().map(|(label, href)| view! {
                            <li>
                                <a class="chip" href=href>
                                    {label}
                                    <span aria-hidden="true">" ✕"</span>
                                    <span class="visually-hidden">" — "{w.remove_filter.clone()}</span>
                                </a>
                            </li>
                        }).collect_view()}
                        <li><a class="chip chip-clear" href=search_href(locale, &clear)>{w.clear_filters.clone()}</a></li>
                    </ul>
                })}
                {(!page.enterprises.is_empty()).then(|| view! { <EnterpriseHits locale hits=page.enterprises.clone() words/> })}
                <SortLinks locale params=page.params.clone() words/>
                {if page.hits.is_empty() {
                    view! {
                        <div class="empty">
                            <p><strong>{w.no_results.clone()}</strong></p>
                            <p>{w.suggest.clone()}</p>
                            {has_filters.then(|| view! { <p><a href=search_href(locale, &clear)>{w.clear_filters.clone()}</a></p> })}
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <ol class="card-grid hit-list">
                            {page.hits.into_iter().map(|hit| view! { <li><HitCard locale hit words/></li> }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                <Pagination locale params=page.params.clone() pages=page.pages words/>
            </section>
        </div>
    }
}

#[component]
fn FacetList(
    locale: Locale,
    group: FacetGroup,
    params: SearchParams,
    words: StoredValue<SearchWords>,
) -> impl IntoView {
    let id = format!("facet-{}", group.facet);
    let heading =
        words.with_value(|w| SearchWords::of(&w.facets, group.facet.as_str()).to_string());
    view! {
        <section class="facet" aria-labelledby=id.clone()>
            <h3 id=id.clone()>{heading}</h3>
            <ul>
                {group.values.into_iter().map(|v| {
                    let mut next = params.clone();
                    next.page = 1;
                    next.set_filter(&group.facet, if v.selected { None } else { Some(v.value.clone()) });
                    let href = search_href(locale, &next);
                    view! {
                        <li>
                            <a href=href aria-current=v.selected.then_some("true") class:selected=v.selected>
                                {v.label}
                            </a>
                            " "<span class="count">"("{v.count}")"</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn SortLinks(
    locale: Locale,
    params: SearchParams,
    words: StoredValue<SearchWords>,
) -> impl IntoView {
    let w = words.get_value();
    let current = if params.sort.is_empty() {
        "relevance".to_string()
    } else {
        params.sort.clone()
    };
    view! {
        <nav class="sort" aria-label=w.sort.clone()>
            <span>{w.sort.clone()}": "</span>
            <ul>
                {SORTS.into_iter().map(|s| {
                    let mut next = params.clone();
                    next.sort = if s == "relevance" { String::new() } else { s.to_string() };
                    next.page = 1;
                    let selected = current == s;
                    view! {
                        <li>
                            <a href=search_href(locale, &next) aria-current=selected.then_some("true") class:selected=selected>
                                {SearchWords::of(&w.sorts, s).to_string()}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn Pagination(
    locale: Locale,
    params: SearchParams,
    pages: u32,
    words: StoredValue<SearchWords>,
) -> impl IntoView {
    let w = words.get_value();
    let current = params.page.max(1);
    let link = move |n: u32| {
        let mut p = params.clone();
        p.page = n;
        search_href(locale, &p)
    };
    (pages > 1).then(|| {
        let window: Vec<u32> = (1..=pages).filter(|n| *n == 1 || *n == pages || n.abs_diff(current) <= 2).collect();
        view! {
            <nav class="pagination" aria-label=w.pagination.clone()>
                <ul>
                    {(current > 1).then(|| view! { <li><a href=link(current - 1) rel="prev">{w.previous.clone()}</a></li> })}
                    {window.into_iter().map(|n| view! {
                        <li>
                            <a href=link(n) aria-current=(n == current).then_some("page") class:selected=n == current>{n}</a>
                        </li>
                    }).collect_view()}
                    {(current < pages).then(|| view! { <li><a href=link(current + 1) rel="next">{w.next.clone()}</a></li> })}
                </ul>
            </nav>
        }
    })
}

/// Enterprises named by the words, as one compact list above the products.
#[component]
fn EnterpriseHits(
    locale: Locale,
    hits: Vec<EnterpriseHit>,
    words: StoredValue<SearchWords>,
) -> impl IntoView {
    let w = words.get_value();
    // A heading of the products' level: the product cards that follow are
    // not part of this list.
    view! {
        <section class="enterprise-hits" aria-labelledby="h-enterprise-hits">
            <h3 id="h-enterprise-hits">{w.enterprises.clone()}</h3>
            <ul>
                {hits.into_iter().map(|e| view! {
                    <li>
                        <a href=locale.href(&format!("/e/{}", e.slug))>{e.name}</a>
                        {e.verified.then(|| view! {
                            " "<span class="badge badge-verified" title=w.verified.clone()>
                                <span aria-hidden="true">"✓ "</span>
                                {w.verified.clone()}
                            </span>
                        })}
                        <span class="card-meta">{e.settlement}", "{e.district}" · "{e.products}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn HitCard(locale: Locale, hit: SearchHit, words: StoredValue<SearchWords>) -> impl IntoView {
    let w = words.get_value();
    let p = hit.product;
    let href = locale.href(&format!("/p/{}", p.slug));
    view! {
        <article class="card product-card">
            <a class="card-picture" href=href.clone() tabindex="-1" aria-hidden="true">
                <img src=p.picture.src.clone() alt="" width="400" height="300" loading="lazy" decoding="async"
                    class:drawing=!p.picture.photo/>
            </a>
            <h3 class="card-title">
                <a href=href>
                    {hit.title_marks.into_iter().map(|(text, marked)| {
                        if marked { view! { <mark>{text}</mark> }.into_any() } else { text.into_any() }
                    }).collect_view()}
                </a>
            </h3>
            <p class="card-meta">{p.category}</p>
            <p class="price"><strong>{format::money(p.price_cents, locale)}</strong>" / "{SearchWords::of(&w.units, &p.unit).to_string()}</p>
            <p class="card-meta">
                {w.by.clone()}" "
                <a href=locale.href(&format!("/e/{}", p.enterprise_slug))>{p.enterprise_name}</a>
                " "{p.verified.then(|| view! {
                    <span class="badge badge-verified" title=w.verified.clone()>
                        <span aria-hidden="true">"✓ "</span>
                        {w.verified.clone()}
                    </span>
                })}
            </p>
            <p class=format!("availability availability-{}", p.availability)>{SearchWords::of(&w.availability, &p.availability).to_string()}</p>
        </article>
    }
}
