//! `/curator/<centre>/featured`: the products the region features on its
//! centre page (and on the home page when the curator says so), from a
//! start date to an end date. The curator finds a product of the region,
//! picks the days, and can stop a choice at any time. Works without
//! JavaScript: the "choose" links fill the form through the address.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

use crate::components::actions::ActionButton;
use crate::components::form::{EnhancedForm, FormMessage, LocaleField, PostedError, TextField};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::curation::{FeatureProduct, UnfeatureProduct, get_featured};
use crate::i18n::Locale;
use crate::models::{FeatureState, FeaturedPage};

use super::centre_param;

#[component]
pub fn FeaturedProductsPage() -> impl IntoView {
    let locale = use_locale();
    let centre = centre_param();
    let q = use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default();
    let data = Resource::new(
        move || (locale, centre.clone(), q.clone()),
        |(l, c, q)| get_featured(l, c, q),
    );
    view! { {with_data(locale, data, move |page| view! { <FeaturedView locale page/> })} }
}

#[component]
fn FeaturedView(locale: Locale, page: FeaturedPage) -> impl IntoView {
    let t = locale.tr();
    let here = locale.href(&format!("/curator/{}/featured", page.centre_slug));
    let desk = locale.href(&format!("/curator/{}", page.centre_slug));
    let title = t.featured_title(page.centre_name.as_str());
    let query = use_query_map().read_untracked();
    let saved = query.get("saved").and_then(|s| match s.as_str() {
        "added" => Some(t.featured_added()),
        "removed" => Some(t.featured_removed()),
        _ => None,
    });
    let chosen = query.get("product").unwrap_or_default();
    let posted = PostedError::from_query();
    let action = FeatureProduct::PATH;
    let error = posted.for_action(action).cloned();
    let e = posted.fields(action);
    let on_home = posted
        .for_action(action)
        .is_some_and(|_| posted.typed("input[on_home]").is_some());
    let today = page.today;
    let until = today + chrono::Duration::days(13);
    let centre = page.centre_slug.clone();
    view! {
        <PageTitle text=title.clone()/>
        <p><a href=desk>{"← "}{page.centre_name.clone()}</a></p>
        <h1>{title.clone()}</h1>
        <p>{t.featured_intro()}</p>
        {saved.map(|s| view! { <p class="notice" role="status">{s}</p> })}
        <section class="panel" id="choices" aria-labelledby="h-choices">
            <h2 id="h-choices">{t.featured_choices()}</h2>
            {if page.choices.is_empty() {
                view! { <p>{t.featured_none()}</p> }.into_any()
            } else {
                view! {
                    <ul class="featured-choices">
                        {page.choices.iter().map(|c| {
                            let state = match c.state {
                                FeatureState::Shown => t.featured_state_shown(),
                                FeatureState::Scheduled => t.featured_state_scheduled(),
                                FeatureState::Over => t.featured_state_over(),
                            };
                            let days = t.featured_days(c.starts_on.format("%d.%m.%Y").to_string(), c.ends_on.format("%d.%m.%Y").to_string());
                            view! {
                                <li>
                                    <a href=locale.href(&format!("/p/{}", c.product.slug))><strong>{c.product.title.clone()}</strong></a>
                                    " · "{c.product.enterprise_name.clone()}
                                    <br/>
                                    <span class="badge" class:badge-verified=c.state == FeatureState::Shown>{state}</span>
                                    " "{days}
                                    {c.on_home.then(|| view! { " · "<strong>{t.featured_on_home()}</strong> })}
                                    {(c.state != FeatureState::Over).then(|| view! {
                                        <ActionButton locale action=UnfeatureProduct::PATH label=t.featured_stop() small=true
                                            fields=vec![("centre", centre.clone()), ("featured_id", c.id.to_string())]/>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="panel" id="new-choice" aria-labelledby="h-new-choice">
            <h2 id="h-new-choice">{t.featured_new()}</h2>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="centre" value=page.centre_slug.clone()/>
                    <FormMessage locale error/>
                    <TextField label=t.featured_product().into() name="input[product]".into() key="product" required=true
                        hint=t.featured_product_hint().to_string() maxlength=300 value=chosen errors=e.clone()/>
                    <div class="row">
                        <TextField label=t.featured_starts().into() name="input[starts_on]".into() key="starts_on" kind="date" required=true
                            value=today.to_string() errors=e.clone()/>
                        <TextField label=t.featured_ends().into() name="input[ends_on]".into() key="ends_on" kind="date" required=true
                            value=until.to_string() errors=e/>
                    </div>
                    <div class="field checkbox">
                        <input id="f-on_home" type="checkbox" name="input[on_home]" value="1" checked=on_home/>
                        <label for="f-on_home">{t.featured_also_home()}</label>
                    </div>
                    <button type="submit" class="primary">{t.featured_choose()}</button>
                </form>
            </EnhancedForm>
        </section>
        <section class="panel" aria-labelledby="h-candidates">
            <h2 id="h-candidates">{t.featured_find()}</h2>
            <form method="get" action=here.clone() class="row" role="search" aria-label=t.featured_find()>
                <label for="featured-q" class="visually-hidden">{t.featured_find()}</label>
                <input id="featured-q" type="search" name="q" value=page.query.clone() maxlength="100"
                    placeholder=t.featured_find_placeholder()/>
                <button type="submit">{t.featured_search()}</button>
            </form>
            {if page.candidates.is_empty() {
                view! { <p>{t.featured_no_candidates()}</p> }.into_any()
            } else {
                let q = page.query.clone();
                view! {
                    <ul class="featured-candidates">
                        {page.candidates.iter().map(|p| {
                            let pick = format!(
                                "{here}?{}#new-choice",
                                url_query(&[("q", q.as_str()), ("product", p.slug.as_str())])
                            );
                            view! {
                                <li>
                                    <a href=locale.href(&format!("/p/{}", p.slug))>{p.title.clone()}</a>
                                    " · "{p.enterprise_name.clone()}" "
                                    <a class="button" href=pick>{t.featured_pick()}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn url_query(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().filter(|(_, v)| !v.is_empty()))
        .finish()
}
