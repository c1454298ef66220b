//! Pages by area. Each page loads its data through a server function inside
//! `<Suspense/>`; the routes render in `SsrMode::Async`, so the server sends
//! the whole page at once and it works without JavaScript.

pub mod accounts;
pub mod admin;
pub mod buyers;
pub mod catalogue;
pub mod curation;
pub mod orders;
pub mod workspace;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, path};

use crate::domain::TrustPage;
use crate::routes::accounts::{
    account::AccountPage,
    confirm::{ConfirmEmailPage, NewAddressPage},
    reset::{ForgotPasswordPage, ResetPasswordPage},
    sign_in::SignInPage,
    sign_up::SignUpPage,
};
use crate::routes::admin::{
    categories::AdminCategoriesPage, centres::AdminCentresPage, pages::AdminPagesPage,
    roles::AdminPage, users::AdminUsersPage,
};
use crate::routes::buyers::{favourites::FavouritesPage, notices::NoticesPage};
use crate::routes::catalogue::{
    centres::{CentrePage, CentresPage},
    enterprise::EnterprisePage,
    events::{EventPage, EventsPage},
    home::HomePage,
    network::NetworkPage,
    product::ProductPage,
    search::SearchRoute,
    trust::TrustRoute,
};
use crate::routes::curation::{
    audit::{AdminAuditPage, CentreAuditPage},
    desk::DeskPage,
    event_print::EventPrintPage,
    featured::FeaturedProductsPage,
    figures::{CountryFiguresPage, FiguresPage},
    home::CuratorHomePage,
    review::ReviewPage,
};
use crate::routes::orders::{
    basket::BasketPage, inbox::InboxPage, my_requests::MyRequestsPage, request::RequestPage,
};
use crate::routes::workspace::{
    dashboard::DashboardPage, enterprise::WorkspacePage, product::ProductEditPage,
    register::RegisterEnterprisePage,
};

/// Every page, once: the app mounts this under each language's prefix.
#[component(transparent)]
pub fn Pages() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("") view=HomePage/>
        <Route path=path!("/centres") view=CentresPage/>
        <Route path=path!("/centres/:slug") view=CentrePage/>
        <Route path=path!("/search") view=SearchRoute/>
        <Route path=path!("/p/:slug") view=ProductPage/>
        <Route path=path!("/e/:slug") view=EnterprisePage/>
        <Route path=path!("/n/:slug") view=NetworkPage/>
        <Route path=path!("/events") view=EventsPage/>
        <Route path=path!("/events/:slug") view=EventPage/>
        <Route path=path!("/about") view=|| view! { <TrustRoute page=TrustPage::About/> }/>
        <Route path=path!("/terms") view=|| view! { <TrustRoute page=TrustPage::Terms/> }/>
        <Route path=path!("/privacy") view=|| view! { <TrustRoute page=TrustPage::Privacy/> }/>
        <Route path=path!("/cookies") view=|| view! { <TrustRoute page=TrustPage::Cookies/> }/>
        <Route path=path!("/contact") view=|| view! { <TrustRoute page=TrustPage::Contact/> }/>
        <Route path=path!("/signin") view=SignInPage/>
        <Route path=path!("/signup") view=SignUpPage/>
        <Route path=path!("/account") view=AccountPage/>
        <Route path=path!("/confirm") view=ConfirmEmailPage/>
        <Route path=path!("/new-address") view=NewAddressPage/>
        <Route path=path!("/forgot") view=ForgotPasswordPage/>
        <Route path=path!("/reset") view=ResetPasswordPage/>
        <Route path=path!("/dashboard") view=DashboardPage/>
        <Route path=path!("/dashboard/register") view=RegisterEnterprisePage/>
        <Route path=path!("/dashboard/e/:slug") view=WorkspacePage/>
        <Route path=path!("/dashboard/e/:slug/p/:id") view=ProductEditPage/>
        <Route path=path!("/dashboard/e/:slug/requests") view=InboxPage/>
        <Route path=path!("/basket") view=BasketPage/>
        <Route path=path!("/requests") view=MyRequestsPage/>
        <Route path=path!("/requests/:id") view=RequestPage/>
        <Route path=path!("/favourites") view=FavouritesPage/>
        <Route path=path!("/notices") view=NoticesPage/>
        <Route path=path!("/events/:slug/print") view=EventPrintPage/>
        <Route path=path!("/curator") view=CuratorHomePage/>
        <Route path=path!("/curator/:centre") view=DeskPage/>
        <Route path=path!("/curator/:centre/e/:slug") view=ReviewPage/>
        <Route path=path!("/curator/:centre/figures") view=FiguresPage/>
        <Route path=path!("/curator/:centre/audit") view=CentreAuditPage/>
        <Route path=path!("/curator/:centre/featured") view=FeaturedProductsPage/>
        <Route path=path!("/admin") view=AdminPage/>
        <Route path=path!("/admin/users") view=AdminUsersPage/>
        <Route path=path!("/admin/pages") view=AdminPagesPage/>
        <Route path=path!("/admin/centres") view=AdminCentresPage/>
        <Route path=path!("/admin/categories") view=AdminCategoriesPage/>
        <Route path=path!("/admin/figures") view=CountryFiguresPage/>
        <Route path=path!("/admin/audit") view=AdminAuditPage/>
    }
    .into_inner()
}
