//! `/admin/users`: find an account, see what the person is on the platform,
//! disable or enable it, sign them out everywhere. Works without
//! JavaScript; disabling asks for a reason, signing out asks first.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

use crate::components::actions::ActionButton;
use crate::components::form::{EnhancedForm, FormMessage, LocaleField, PostedError, TextField};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::admin::{DisableUser, EnableUser, SignOutUser, get_users};
use crate::i18n::Locale;
use crate::models::{UserRow, UsersPage};
use crate::routes::admin::AdminNav;

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let locale = use_locale();
    let q = use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default();
    let data = Resource::new(move || (locale, q.clone()), |(l, q)| get_users(l, q));
    view! { {with_data(locale, data, move |page| view! { <UsersView locale page/> })} }
}

#[component]
fn UsersView(locale: Locale, page: UsersPage) -> impl IntoView {
    let t = locale.tr();
    let title = t.admin_users_title();
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .map(|s| match s.as_str() {
            "disabled" => t.admin_user_disabled(),
            "enabled" => t.admin_user_enabled(),
            _ => t.admin_user_signed_out(),
        });
    let posted = PostedError::from_query();
    let summary = if page.query.is_empty() {
        t.admin_users_newest(page.users.len())
    } else {
        t.admin_users_found(page.users.len(), &page.query)
    };
    let q = page.query.clone();
    view! {
        <PageTitle text=title.to_string()/>
        <h1>{title}</h1>
        <AdminNav locale/>
        {saved.map(|s| view! { <p class="notice" role="status">{s}</p> })}
        <form method="get" action=locale.href("/admin/users") class="row search-users" role="search"
            aria-label=t.admin_search_users()>
            <label for="users-q" class="visually-hidden">{t.admin_search_users()}</label>
            <input id="users-q" type="search" name="q" value=page.query.clone() maxlength="100"
                placeholder=t.admin_email_or_name()/>
            <button type="submit">{t.admin_search()}</button>
        </form>
        <p aria-live="polite">{summary}</p>
        {page.more.then(|| view! { <p class="hint">{t.admin_users_more()}</p> })}
        <ul class="plain users">
            {page.users.into_iter().map(|u| view! {
                <li><UserCard locale u q=q.clone() posted=posted.clone()/></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn UserCard(locale: Locale, u: UserRow, q: String, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let fields = |id: i32| vec![("user_id", id.to_string()), ("q", q.clone())];
    let last = u.last_signed_in_at.map_or_else(
        || t.admin_never_signed_in().to_string(),
        |at| crate::format::date_time(at, locale),
    );
    let heading = format!("u-{}", u.id);
    let labelled = heading.clone();
    let disabled = u.disabled_at.is_some();
    let actions = if u.deleted {
        view! { <p class="hint">{t.admin_deleted_account()}</p> }.into_any()
    } else if disabled {
        view! {
            <ActionButton locale small=true action=EnableUser::PATH fields=fields(u.id)
                label=t.admin_enable()/>
        }
        .into_any()
    } else if u.is_caller {
        view! { <p class="hint">{t.admin_this_is_you()}</p> }.into_any()
    } else {
        view! {
            <ActionButton locale small=true action=SignOutUser::PATH fields=fields(u.id)
                label=t.admin_sign_out_everywhere() confirm=t.admin_confirm_sign_out()/>
            <DisableForm locale id=u.id q=q.clone() posted/>
        }
        .into_any()
    };
    view! {
        <article class="panel user" aria-labelledby=labelled>
            <h2 id=heading class="h3">{u.name.clone()}</h2>
            <p>
                {u.email.clone()}
                {(!u.email_confirmed).then(|| view! { " · "<span class="badge">{t.admin_not_confirmed()}</span> })}
                {u.admin.then(|| view! { " · "<span class="badge">{t.admin_role_admin()}</span> })}
            </p>
            {u.disabled_at.filter(|_| !u.deleted).map(|at| view! {
                <p class="notice warning">
                    <strong>{t.admin_disabled_since(crate::format::date_time(at, locale))}</strong>
                    {u.disabled_reason.clone().map(|r| format!(" {r}"))}
                </p>
            })}
            <dl class="facts">
                <dt>{t.admin_created()}</dt>
                <dd>{crate::format::date_time(u.created_at, locale)}</dd>
                <dt>{t.admin_last_sign_in()}</dt>
                <dd>{last}</dd>
                {(!u.curator_of.is_empty()).then(|| view! {
                    <dt>{t.admin_curates()}</dt>
                    <dd>{u.curator_of.join(", ")}</dd>
                })}
                {(!u.memberships.is_empty()).then(|| view! {
                    <dt>{t.admin_enterprises()}</dt>
                    <dd>
                        {u.memberships.iter().enumerate().map(|(i, (name, slug, role))| view! {
                            {(i > 0).then_some(", ")}
                            <a href=locale.href(&format!("/e/{slug}"))>{name.clone()}</a>
                            " ("{t.member_role(*role)}")"
                        }).collect_view()}
                    </dd>
                })}
            </dl>
            <div class="row">{actions}</div>
        </article>
    }
}

/// The reason and the button; repeated per account, so only the copy that
/// was sent shows its refusal and what was typed.
#[component]
fn DisableForm(locale: Locale, id: i32, q: String, posted: PostedError) -> impl IntoView {
    let t = locale.tr();
    let action = DisableUser::PATH;
    let copy = posted.copy_of(action, "user_id", id);
    let reason = copy.typed("reason", String::new());
    view! {
        <details class="edit" open=copy.mine>
            <summary>{t.admin_disable()}</summary>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="user_id" value=id.to_string()/>
                    <input type="hidden" name="q" value=q/>
                    <FormMessage locale error=copy.error.clone()/>
                    <TextField label=t.admin_reason().into() name="reason".into() key="reason" required=true
                        maxlength=500 hint=t.admin_reason_hint().to_string() value=reason fixed=true
                        errors=copy.errors.clone() prefix=format!("u{id}-")/>
                    <button type="submit" class="danger">{t.admin_disable_account()}</button>
                </form>
            </EnhancedForm>
        </details>
    }
}
