//! The admins' pages: `/admin` (roles: admins and each centre's curators),
//! `/admin/users` (accounts), `/admin/centres` (their contact data),
//! `/admin/pages` (the trust pages), `/admin/categories` (the category tree),
//! `/admin/figures` (in `curation::figures`, the regions' summed) and `/admin/audit` (in `curation::audit`,
//! shared with the centres).

pub mod categories;
pub mod centres;
pub mod pages;
pub mod roles;
pub mod users;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::Locale;

/// The admins' pages, one link each, the current one marked.
#[component]
pub fn AdminNav(locale: Locale) -> impl IntoView {
    let t = locale.tr();
    let here = use_location().pathname.get_untracked();
    let pages = [
        ("/admin", t.admin_roles()),
        ("/admin/users", t.admin_users()),
        ("/admin/centres", t.admin_centres_link()),
        ("/admin/categories", t.admin_categories_link()),
        ("/admin/pages", t.admin_pages_link()),
        ("/admin/figures", t.admin_figures_link()),
        ("/admin/audit", t.desk_audit_log_whole_platform()),
    ];
    view! {
        <nav aria-label=t.admin_pages()>
            <ul class="section-nav">
                {pages.into_iter().map(|(path, label)| {
                    let href = locale.href(path);
                    let current = (href == here).then_some("page");
                    view! { <li><a href=href aria-current=current>{label}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
    }
}
