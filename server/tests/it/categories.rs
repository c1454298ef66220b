//! The category tree as admins keep it, over real HTTP: only admins add,
//! rename, move and retire categories (each refusal changes nothing); a
//! renamed category is found by its new name, its old address leads to
//! the new one; a retired category's products move to the chosen one and
//! its address leads there; malformed changes are refused field by field.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::common::matrix::{self, post};
use crate::common::{
    self, Browser, all_databases, fingerprint, get_json, location, spawn_server, wait_until_indexed,
};
use app::server::entities::*;

const ADMIN: (&str, &str) = ("admin@demo.socialenpazar.bg", "demo-admin-2026");
const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");
const VARNA: (&str, &str) = ("kurator.varna@demo.socialenpazar.bg", "demo-kurator-2026");

async fn category(t: &common::TestDb, slug: &str) -> category::Model {
    category::Entity::find()
        .filter(category::Column::Slug.eq(slug))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("category {slug}"))
}

async fn products_in(t: &common::TestDb, id: i32) -> u64 {
    product::Entity::find()
        .filter(product::Column::CategoryId.eq(id))
        .count(&t.db)
        .await
        .unwrap()
}

/// Hits of the JSON API for a category (and an optional query).
async fn api_total(base: &str, category: &str, q: &str) -> u64 {
    let url = format!("{base}/api/v1/search?category={category}&q={q}&per_page=1");
    get_json(&url).await["total"].as_u64().unwrap_or_default()
}

async fn signed_in(base: &str, who: (&str, &str)) -> Browser {
    let b = Browser::new(base);
    b.sign_in(who.0, who.1).await;
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_change_the_tree_and_old_addresses_keep_leading_somewhere() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let admin = signed_in(&base, ADMIN).await;
        let (buyer, owner, curator) = (
            signed_in(&base, BUYER).await,
            signed_in(&base, OWNER).await,
            signed_in(&base, VARNA).await,
        );
        let anon = Browser::new(&base);
        wait_until_indexed(&base).await;
        let honey = category(&t, "med").await;
        let honey_total = api_total(&base, "med", "").await;
        assert!(honey_total > 0, "{}: the demo has honey", t.label);
        let candles = category(&t, "sveshti").await;
        let gifts = category(&t, "suveniri").await;
        let crafts = category(&t, "zanayati").await;
        let (in_candles, in_gifts) = (
            products_in(&t, candles.id).await,
            products_in(&t, gifts.id).await,
        );
        assert!(in_candles > 0, "{}: the demo has candles", t.label);

        let honey_id = honey.id.to_string();
        let candles_id = candles.id.to_string();
        let gifts_id = gifts.id.to_string();
        let crafts_id = crafts.id.to_string();
        let actions = vec![
            post("see the tree", &["admin"], "/fn/admin_categories", &[]),
            post(
                "add a category",
                &["admin"],
                "/fn/add_category",
                &[
                    ("locale", "bg"),
                    ("input[name_bg]", "Играчки"),
                    ("input[name_en]", "Toys"),
                    ("input[slug]", ""),
                    ("input[parent]", &crafts_id),
                ],
            ),
            post(
                "rename a category",
                &["admin"],
                "/fn/rename_category",
                &[
                    ("locale", "bg"),
                    ("category_id", &honey_id),
                    ("input[name_bg]", "Мед и медолюбие"),
                    ("input[name_en]", "Honey and honeycraft"),
                    ("input[slug]", "pchelen-med"),
                ],
            ),
            post(
                "move a category",
                &["admin"],
                "/fn/move_category",
                &[
                    ("locale", "bg"),
                    ("category_id", &candles_id),
                    ("parent", &crafts_id),
                    ("position", "1"),
                ],
            ),
            post(
                "retire a category",
                &["admin"],
                "/fn/retire_category",
                &[
                    ("locale", "bg"),
                    ("category_id", &candles_id),
                    ("target", &gifts_id),
                ],
            ),
        ];
        let walked = matrix::walk(
            &t,
            &actions,
            &[
                ("anonymous", &anon),
                ("buyer", &buyer),
                ("owner", &owner),
                ("curator", &curator),
            ],
            &[("admin", &admin)],
        )
        .await;
        assert_eq!(walked, 20, "{}", t.label);

        // The new category: made from its name, last under Crafts.
        let toys = category(&t, "igrachki").await;
        assert_eq!(toys.parent_id, Some(crafts.id), "{}", t.label);
        // The rename: new address, the old one kept as a redirect.
        let renamed = category::Entity::find_by_id(honey.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (renamed.slug.as_str(), renamed.name_bg.as_str()),
            ("pchelen-med", "Мед и медолюбие")
        );
        // The retirement: every candle is a gift now; the candles are gone.
        assert_eq!(products_in(&t, gifts.id).await, in_gifts + in_candles);
        assert!(
            category::Entity::find_by_id(candles.id)
                .one(&t.db)
                .await
                .unwrap()
                .is_none()
        );

        // Old addresses lead to the new ones, the rest of the query kept.
        for (from, to) in [
            (
                "/search?category=med&sort=newest",
                "/search?category=pchelen-med&sort=newest",
            ),
            (
                "/en/search?q=x&category=sveshti",
                "/en/search?q=x&category=suveniri",
            ),
        ] {
            let r = anon.get(from).await;
            assert_eq!(r.status(), 301, "{}: {from}", t.label);
            assert_eq!(location(&r), to, "{}", t.label);
        }
        let page = common::get_text(&format!("{base}/search?category=pchelen-med")).await;
        assert!(
            page.contains("Мед и медолюбие"),
            "{}: the facet's new name",
            t.label
        );

        // The index learns the new names and the moved products.
        wait_until_indexed(&base).await;
        assert_eq!(api_total(&base, "pchelen-med", "").await, honey_total);
        assert_eq!(
            api_total(&base, "med", "").await,
            honey_total,
            "{}: the API follows a former address",
            t.label
        );
        assert_eq!(
            api_total(&base, "", "медолюбие").await,
            honey_total,
            "{}: the category's new name finds its products",
            t.label
        );
        assert_eq!(
            api_total(&base, "sveshti", "").await,
            api_total(&base, "suveniri", "").await,
            "{}",
            t.label
        );

        // The audit log has each change.
        for action in [
            "category.added",
            "category.renamed",
            "category.moved",
            "category.retired",
        ] {
            let n = audit_log::Entity::find()
                .filter(audit_log::Column::Action.eq(action))
                .count(&t.db)
                .await
                .unwrap();
            assert_eq!(n, 1, "{}: {action}", t.label);
        }
        t.drop_db().await;
    }
}

/// A form posted to a server function and the refusals it must get.
type Refusal<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a [&'a str]);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_tree_changes_are_refused_field_by_field_and_change_nothing() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let admin = signed_in(&base, ADMIN).await;
        let food = category(&t, "hrani").await.id.to_string();
        let honey = category(&t, "med").await.id.to_string();
        let ceramics = category(&t, "keramika").await.id.to_string();
        let crafts = category(&t, "zanayati").await.id.to_string();
        let refusals: Vec<Refusal> = vec![
            (
                "/fn/add_category",
                vec![
                    ("input[name_bg]", "М"),
                    ("input[name_en]", ""),
                    ("input[slug]", "Bad Slug"),
                    ("input[parent]", &honey),
                ],
                &[
                    "\"field\":\"name_bg\",\"code\":\"too_short\"",
                    "\"field\":\"name_en\",\"code\":\"required\"",
                    "\"field\":\"slug\",\"code\":\"slug_invalid\"",
                    "\"field\":\"parent\",\"code\":\"category_depth\"",
                ],
            ),
            (
                "/fn/add_category",
                vec![
                    ("input[name_bg]", "Керамика"),
                    ("input[name_en]", "Pottery"),
                    ("input[slug]", "keramika"),
                    ("input[parent]", "999999"),
                ],
                &[
                    "\"field\":\"slug\",\"code\":\"slug_taken\"",
                    "\"field\":\"parent\",\"code\":\"category_unknown\"",
                ],
            ),
            (
                "/fn/rename_category",
                vec![
                    ("category_id", &honey),
                    ("input[name_bg]", "Мед"),
                    ("input[name_en]", "Honey"),
                    ("input[slug]", "keramika"),
                ],
                &["\"field\":\"slug\",\"code\":\"slug_taken\""],
            ),
            (
                "/fn/move_category",
                vec![
                    ("category_id", &food),
                    ("parent", &crafts),
                    ("position", "1"),
                ],
                &["\"field\":\"parent\",\"code\":\"category_has_children\""],
            ),
            (
                "/fn/move_category",
                vec![
                    ("category_id", &honey),
                    ("parent", &ceramics),
                    ("position", "x"),
                ],
                &[
                    "\"field\":\"parent\",\"code\":\"category_depth\"",
                    "\"field\":\"position\",\"code\":\"not_a_number\"",
                ],
            ),
            (
                "/fn/retire_category",
                vec![("category_id", &food), ("target", &crafts)],
                &["\"field\":\"target\",\"code\":\"category_has_children\""],
            ),
            (
                "/fn/retire_category",
                vec![("category_id", &honey), ("target", &honey)],
                &["\"field\":\"target\",\"code\":\"category_self\""],
            ),
        ];
        for (path, mut form, codes) in refusals {
            form.push(("locale", "bg"));
            let before = fingerprint(&t.db).await;
            let r = admin.post(path, &form).await;
            assert_eq!(r.status(), 422, "{}: {path} {form:?}", t.label);
            let body = r.text().await.unwrap();
            for code in codes {
                assert!(body.contains(code), "{}: {path}: {code} in {body}", t.label);
            }
            common::assert_same(&before, &fingerprint(&t.db).await, path);
        }
        // An unknown category is not found, and nothing changes either.
        let before = fingerprint(&t.db).await;
        let r = admin
            .post(
                "/fn/retire_category",
                &[
                    ("locale", "bg"),
                    ("category_id", "999999"),
                    ("target", &crafts),
                ],
            )
            .await;
        assert_eq!(r.status(), 404, "{}", t.label);
        common::assert_same(&before, &fingerprint(&t.db).await, "an unknown category");
        t.drop_db().await;
    }
}

/// The slugs of a parent's children (or of the top), in their order, with
/// their positions counted from 0 without gaps.
async fn children(t: &common::TestDb, parent: Option<i32>) -> Vec<String> {
    use sea_orm::QueryOrder;
    let rows = category::Entity::find()
        .filter(match parent {
            Some(p) => category::Column::ParentId.eq(p),
            None => category::Column::ParentId.is_null(),
        })
        .order_by_asc(category::Column::Position)
        .all(&t.db)
        .await
        .unwrap();
    let positions: Vec<i32> = rows.iter().map(|c| c.position).collect();
    assert_eq!(
        positions,
        (0..rows.len() as i32).collect::<Vec<_>>(),
        "{}",
        t.label
    );
    rows.into_iter().map(|c| c.slug).collect()
}

/// Moving keeps every list in order without gaps; an address renamed back
/// is live again (and the in-between one leads to it); a new category may
/// take over a former address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moves_keep_the_order_and_addresses_can_come_back() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let admin = signed_in(&base, ADMIN).await;
        let crafts = category(&t, "zanayati").await;
        let food = category(&t, "hrani").await;
        let honey = category(&t, "med").await;
        let ceramics = category(&t, "keramika").await.id.to_string();
        let post = |path: &'static str, form: Vec<(&'static str, String)>| {
            let admin = &admin;
            async move {
                let mut form: Vec<(&str, &str)> =
                    form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                form.push(("locale", "bg"));
                let r = admin.post(path, &form).await;
                assert_eq!(r.status(), 200, "{path} {form:?}");
            }
        };
        // Ceramics to third place among the crafts.
        post(
            "/fn/move_category",
            vec![
                ("category_id", ceramics.clone()),
                ("parent", crafts.id.to_string()),
                ("position", "3".into()),
            ],
        )
        .await;
        assert_eq!(
            children(&t, Some(crafts.id)).await[2],
            "keramika",
            "{}",
            t.label
        );
        // Honey to the top, first; the food keeps its other children in order.
        let food_before = children(&t, Some(food.id)).await;
        post(
            "/fn/move_category",
            vec![
                ("category_id", honey.id.to_string()),
                ("parent", String::new()),
                ("position", "1".into()),
            ],
        )
        .await;
        assert_eq!(children(&t, None).await[0], "med", "{}", t.label);
        let food_after = children(&t, Some(food.id)).await;
        let expected: Vec<String> = food_before.into_iter().filter(|s| s != "med").collect();
        assert_eq!(food_after, expected, "{}", t.label);

        // Renamed away and back.
        let rename = |slug: &'static str| {
            vec![
                ("category_id", honey.id.to_string()),
                ("input[name_bg]", "Мед".to_string()),
                ("input[name_en]", "Honey".to_string()),
                ("input[slug]", slug.to_string()),
            ]
        };
        post("/fn/rename_category", rename("pchelen-med")).await;
        post("/fn/rename_category", rename("med")).await;
        let anon = Browser::new(&base);
        assert_eq!(
            anon.get("/search?category=med").await.status(),
            200,
            "{}",
            t.label
        );
        let r = anon.get("/search?category=pchelen-med").await;
        assert_eq!(
            (r.status().as_u16(), location(&r)),
            (301, "/search?category=med".into())
        );
        // A new category takes the in-between address over.
        post(
            "/fn/add_category",
            vec![
                ("input[name_bg]", "Пчелен мед".into()),
                ("input[name_en]", "Bee honey".into()),
                ("input[slug]", "pchelen-med".into()),
                ("input[parent]", food.id.to_string()),
            ],
        )
        .await;
        assert_eq!(
            anon.get("/search?category=pchelen-med").await.status(),
            200,
            "{}",
            t.label
        );
        assert_eq!(
            category_redirect::Entity::find()
                .count(&t.db)
                .await
                .unwrap(),
            0,
            "{}: no former address is left",
            t.label
        );
        t.drop_db().await;
    }
}
