//! `/admin/categories`: the category tree. Admins add a category, rename
//! one (both names and its address), move it in the tree and retire it,
//! its products going to a category they choose. Works without JavaScript:
//! every change is its own small form.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_query_map;

use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, SelectField, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::admin::{
    AddCategory, MoveCategory, RenameCategory, RetireCategory, get_categories,
};
use crate::i18n::Locale;
use crate::models::CategoryAdmin;
use crate::routes::admin::AdminNav;

#[component]
pub fn AdminCategoriesPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_categories());
    view! { {with_data(locale, data, move |all| view! { <CategoriesView locale all/> })} }
}

#[component]
fn CategoriesView(locale: Locale, all: Vec<CategoryAdmin>) -> impl IntoView {
    let t = locale.tr();
    let title = t.admin_categories_title();
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|s| match s.as_str() {
            "added" => Some(t.admin_category_added()),
            "renamed" => Some(t.admin_category_renamed()),
            "moved" => Some(t.admin_category_moved()),
            "retired" => Some(t.admin_category_retired()),
            _ => None,
        });
    let posted = PostedError::from_query();
    let name = |c: &CategoryAdmin| locale.stored(&c.name_bg, &c.name_en).to_string();
    let tops: Vec<(String, String)> = all
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| (c.id.to_string(), name(c)))
        .collect();
    // "Храни › Мед": where each category is, for the retire choice.
    let paths: Vec<(i32, String)> = all
        .iter()
        .map(|c| {
            let parent = c
                .parent_id
                .and_then(|p| all.iter().find(|x| x.id == p))
                .map(|p| format!("{} › ", name(p)))
                .unwrap_or_default();
            (c.id, format!("{parent}{}", name(c)))
        })
        .collect();
    let ctx = Tree {
        locale,
        posted: posted.clone(),
        tops: tops.clone(),
        paths,
    };
    view! {
        <PageTitle text=title.to_string()/>
        <h1>{title}</h1>
        <AdminNav locale/>
        {saved.map(|s| view! { <p class="notice" role="status">{s}</p> })}
        <p>{t.admin_categories_intro()}</p>
        <NewCategory locale posted tops/>
        <ul class="category-admin">
            {all.iter().filter(|c| c.parent_id.is_none()).map(|top| {
                let children: Vec<CategoryAdmin> = all.iter().filter(|c| c.parent_id == Some(top.id)).cloned().collect();
                view! {
                    <li>
                        <CategoryRow ctx=ctx.clone() c=top.clone()/>
                        {(!children.is_empty()).then(|| view! {
                            <ul>
                                {children.into_iter().map(|c| view! { <li><CategoryRow ctx=ctx.clone() c/></li> }).collect_view()}
                            </ul>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// What every row's forms need to know about the page.
#[derive(Clone)]
struct Tree {
    locale: Locale,
    posted: PostedError,
    tops: Vec<(String, String)>,
    paths: Vec<(i32, String)>,
}

#[component]
fn NewCategory(locale: Locale, posted: PostedError, tops: Vec<(String, String)>) -> impl IntoView {
    let t = locale.tr();
    let action = AddCategory::PATH;
    let mine = posted.for_action(action).is_some();
    let e = posted.fields(action);
    let error = posted.for_action(action).cloned();
    // What was typed comes back to this form only when this form was sent.
    let typed = |name: &str| {
        mine.then(|| posted.typed(name))
            .flatten()
            .unwrap_or_default()
    };
    let values = (
        typed("input[name_bg]"),
        typed("input[name_en]"),
        typed("input[slug]"),
        typed("input[parent]"),
    );
    view! {
        <section class="panel" aria-labelledby="h-new-category">
            <details class="edit" open=mine>
                <summary><h2 id="h-new-category">{t.admin_category_new()}</h2></summary>
                <EnhancedForm>
                    <form method="post" action=action class="stack">
                        <LocaleField locale/>
                        <FormMessage locale error/>
                        <TextField label=t.admin_category_name_bg().into() name="input[name_bg]".into() key="name_bg"
                            required=true maxlength=80 value=values.0 fixed=true errors=e.clone() prefix="new-"/>
                        <TextField label=t.admin_category_name_en().into() name="input[name_en]".into() key="name_en"
                            required=true maxlength=80 value=values.1 fixed=true errors=e.clone() prefix="new-"/>
                        <TextField label=t.admin_category_slug().into() name="input[slug]".into() key="slug"
                            hint=t.admin_category_slug_hint_new().to_string() maxlength=60 value=values.2 fixed=true errors=e.clone() prefix="new-"/>
                        <SelectField label=t.admin_category_parent().into() name="input[parent]".into() key="parent"
                            options=tops empty=t.admin_category_top().to_string() value=values.3 fixed=true errors=e prefix="new-"/>
                        <button type="submit" class="primary">{t.admin_category_add()}</button>
                    </form>
                </EnhancedForm>
            </details>
        </section>
    }
}

/// One category: what it holds, and its three forms (rename, move,
/// retire), open when one of them was refused.
#[component]
fn CategoryRow(ctx: Tree, c: CategoryAdmin) -> impl IntoView {
    let Tree {
        locale,
        posted,
        tops,
        paths,
    } = ctx;
    let t = locale.tr();
    let rename = posted.copy_of(RenameCategory::PATH, "category_id", c.id);
    let moving = posted.copy_of(MoveCategory::PATH, "category_id", c.id);
    let retire = posted.copy_of(RetireCategory::PATH, "category_id", c.id);
    let open = rename.mine || moving.mine || retire.mine;
    let (pr, pm, px) = (
        format!("c{}-r-", c.id),
        format!("c{}-m-", c.id),
        format!("c{}-x-", c.id),
    );
    let id = format!("category-{}", c.id);
    let name = locale.stored(&c.name_bg, &c.name_en).to_string();
    let parents: Vec<(String, String)> = tops
        .into_iter()
        .filter(|(v, _)| *v != c.id.to_string())
        .collect();
    let targets: Vec<(String, String)> = paths
        .into_iter()
        .filter(|(i, _)| *i != c.id)
        .map(|(i, l)| (i.to_string(), l))
        .collect();
    let parent_value = moving.typed(
        "parent",
        c.parent_id.map(|p| p.to_string()).unwrap_or_default(),
    );
    let position_value = moving.typed("position", c.position.to_string());
    let retirable = c.subcategories == 0;
    view! {
        <article class="category-row" id=id.clone() aria-labelledby=format!("h-{id}")>
            <h3 id=format!("h-{id}")>{name}</h3>
            <p class="meta">
                <a href=locale.href(&format!("/search?category={}", c.slug))><code>{c.slug.clone()}</code></a>
                " · "{t.admin_category_products(c.products)}
                {(c.subcategories > 0).then(|| view! { " · "{t.admin_category_subcategories(c.subcategories)} })}
            </p>
            {(!c.old_slugs.is_empty()).then(|| view! {
                <p class="meta">{t.admin_category_old_slugs()}" "{c.old_slugs.join(", ")}</p>
            })}
            <details class="edit" open=open>
                <summary>{t.admin_category_change()}</summary>
                <EnhancedForm>
                    <form method="post" action=RenameCategory::PATH class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="category_id" value=c.id.to_string()/>
                        <FormMessage locale error=rename.error.clone()/>
                        <TextField label=t.admin_category_name_bg().into() name="input[name_bg]".into() key="name_bg" required=true
                            maxlength=80 value=rename.typed("input[name_bg]", c.name_bg.clone()) fixed=true errors=rename.errors.clone() prefix=pr.clone()/>
                        <TextField label=t.admin_category_name_en().into() name="input[name_en]".into() key="name_en" required=true
                            maxlength=80 value=rename.typed("input[name_en]", c.name_en.clone()) fixed=true errors=rename.errors.clone() prefix=pr.clone()/>
                        <TextField label=t.admin_category_slug().into() name="input[slug]".into() key="slug" required=true
                            hint=t.admin_category_slug_hint().to_string() maxlength=60 value=rename.typed("input[slug]", c.slug.clone())
                            fixed=true errors=rename.errors.clone() prefix=pr.clone()/>
                        <button type="submit">{t.admin_category_rename()}</button>
                    </form>
                </EnhancedForm>
                <EnhancedForm>
                    <form method="post" action=MoveCategory::PATH class="stack">
                        <LocaleField locale/>
                        <input type="hidden" name="category_id" value=c.id.to_string()/>
                        <FormMessage locale error=moving.error.clone()/>
                        <SelectField label=t.admin_category_parent().into() name="parent".into() key="parent" options=parents
                            empty=t.admin_category_top().to_string() value=parent_value fixed=true errors=moving.errors.clone() prefix=pm.clone()/>
                        <TextField label=t.admin_category_position().into() name="position".into() key="position" kind="number"
                            hint=t.admin_category_position_hint(c.siblings).to_string() value=position_value fixed=true
                            errors=moving.errors.clone() prefix=pm.clone()/>
                        <button type="submit">{t.admin_category_move()}</button>
                    </form>
                </EnhancedForm>
                {if retirable {
                    view! {
                        <EnhancedForm>
                            <form method="post" action=RetireCategory::PATH class="stack">
                                <LocaleField locale/>
                                <input type="hidden" name="category_id" value=c.id.to_string()/>
                                <FormMessage locale error=retire.error.clone()/>
                                <SelectField label=t.admin_category_target().into() name="target".into() key="target" options=targets
                                    required=true value=retire.typed("target", String::new()) fixed=true errors=retire.errors.clone() prefix=px.clone()/>
                                <button type="submit" class="danger">{t.admin_category_retire()}</button>
                            </form>
                        </EnhancedForm>
                    }.into_any()
                } else {
                    view! { <p class="hint">{t.admin_category_retire_children_first()}</p> }.into_any()
                }}
            </details>
        </article>
    }
}
