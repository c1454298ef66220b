//! `/admin/pages`: the trust pages in each language, each saved as a new
//! version. Works without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, RefusedCopy, TextArea, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::trust::{SaveTrustPage, get_trust_pages};
use crate::i18n::Locale;
use crate::models::TrustPageEdit;
use crate::routes::admin::AdminNav;

#[component]
pub fn AdminPagesPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_trust_pages());
    view! {
        {with_data(locale, data, move |pages| {
            let t = locale.tr();
            let title = t.admin_pages_title();
            let saved = use_query_map().read_untracked().get("saved").is_some();
            let posted = PostedError::from_query();
            view! {
                <PageTitle text=title.to_string()/>
                <h1>{title}</h1>
                <AdminNav locale/>
                {saved.then(|| view! { <p class="notice" role="status">{t.admin_page_saved()}</p> })}
                <p class="hint">{t.admin_pages_hint()}</p>
                {pages.into_iter().map(|p| view! { <PageForm locale p posted=posted.clone()/> }).collect_view()}
            }
        })}
    }
}

#[component]
fn PageForm(locale: Locale, p: TrustPageEdit, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let action = SaveTrustPage::PATH;
    let page = p.current.page.code();
    let language = p.language.code();
    // Ten copies of one form: the refused one is this page in this language.
    let copy = posted.copy_of(action, "page", page);
    let copy = if copy.mine && posted.typed("language").as_deref() == Some(language) {
        copy
    } else {
        RefusedCopy::default()
    };
    let (open, error, errors) = (copy.mine, copy.error.clone(), copy.errors.clone());
    let title = copy.typed("title", p.current.title.clone());
    let body = copy.typed("body", p.current.body.clone());
    let prefix = format!("{page}-{language}-");
    let heading = format!("h-{page}-{language}");
    let labelled = heading.clone();
    let date = crate::format::date(crate::format::to_sofia(p.current.updated_at).date(), locale);
    let href = p.language.href(&format!("/{page}"));
    view! {
        <section class="panel" aria-labelledby=labelled>
            <h2 id=heading>{format!("{} ({})", p.current.title, language)}</h2>
            <p>
                {t.admin_page_version(&date, p.current.version)}" · "
                <a href=href lang=language>{t.admin_page_open()}</a>
            </p>
            <details class="edit" open=open>
                <summary>{t.admin_page_edit()}</summary>
                <EnhancedForm>
                    <form method="post" action=action class="stack page-editor">
                        <LocaleField locale/>
                        <input type="hidden" name="page" value=page/>
                        <input type="hidden" name="language" value=language/>
                        <FormMessage locale error/>
                        <TextField label=t.admin_page_title().into() name="title".into() key="title" required=true
                            maxlength=200 value=title fixed=true errors=errors.clone() prefix=prefix.clone()/>
                        <TextArea label=t.admin_page_body().into() name="body".into() key="body" maxlength=50000
                            value=body fixed=true errors prefix/>
                        <button type="submit" class="primary">{t.admin_page_save()}</button>
                    </form>
                </EnhancedForm>
            </details>
        </section>
    }
}
