//! `/about`, `/terms`, `/privacy`, `/cookies`, `/contact`: the platform's
//! own words, in their newest version, with its number and date.

use leptos::prelude::*;

use crate::components::layout::use_locale;
use crate::components::prose::Prose;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::TrustPage;
use crate::functions::trust::get_trust_page;

#[component]
pub fn TrustRoute(page: TrustPage) -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || (locale, page), |(l, p)| get_trust_page(l, p));
    view! {
        {with_data(locale, data, move |p| {
            let t = locale.tr();
            let date = crate::format::date(
                crate::format::to_sofia(p.updated_at).date(),
                locale,
            );
            view! {
                <PageTitle text=format!("{} — {}", p.title, t.site_name())/>
                <article class="narrow prose">
                    <h1>{p.title.clone()}</h1>
                    <p class="hint">{t.trust_version_of(&date, p.version)}</p>
                    <Prose text=p.body.clone()/>
                </article>
            }
        })}
    }
}
