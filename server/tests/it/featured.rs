//! Featured products over real HTTP: only a region's curators (and the
//! admins) choose what their centre page and the home page feature, for
//! the days they set; a choice shows from its first day to its last, a
//! stopped one at once no more; malformed choices are refused field by
//! field and change nothing.

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::common::matrix::{self, post};
use crate::common::{self, Browser, all_databases, fingerprint, spawn_server};
use app::server::entities::*;

const ADMIN: (&str, &str) = ("admin@demo.socialenpazar.bg", "demo-admin-2026");
const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");
const VARNA: (&str, &str) = ("kurator.varna@demo.socialenpazar.bg", "demo-kurator-2026");
const PLOVDIV: (&str, &str) = ("kurator.plovdiv@demo.socialenpazar.bg", "demo-kurator-2026");

async fn signed_in(base: &str, who: (&str, &str)) -> Browser {
    let b = Browser::new(base);
    b.sign_in(who.0, who.1).await;
    b
}

/// Published products of a region that no curator has chosen yet.
async fn unchosen_in(db: &DatabaseConnection, centre: &str, n: usize) -> Vec<product::Model> {
    let centre = regional_centre::Entity::find()
        .filter(regional_centre::Column::Slug.eq(centre))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let districts: Vec<i32> = district::Entity::find()
        .filter(district::Column::CentreId.eq(centre.id))
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    let enterprises: Vec<i32> = enterprise::Entity::find()
        .filter(enterprise::Column::DistrictId.is_in(districts))
        .filter(enterprise::Column::SuspendedAt.is_null())
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    let chosen: Vec<i32> = featured_product::Entity::find()
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|f| f.product_id)
        .collect();
    product::Entity::find()
        .filter(product::Column::EnterpriseId.is_in(enterprises))
        .filter(product::Column::Status.eq("published"))
        .filter(product::Column::ArchivedAt.is_null())
        .filter(product::Column::Id.is_not_in(chosen))
        .order_by_asc(product::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .take(n)
        .collect()
}

/// The featured section of a page (empty when the page has none).
async fn featured_section(url: &str) -> String {
    let page = common::get_text(url).await;
    page.split("id=\"h-featured\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn curators_choose_what_their_region_features_for_the_days_they_set() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let (anon, buyer, owner, plovdiv, varna, admin) = (
            Browser::new(&base),
            signed_in(&base, BUYER).await,
            signed_in(&base, OWNER).await,
            signed_in(&base, PLOVDIV).await,
            signed_in(&base, VARNA).await,
            signed_in(&base, ADMIN).await,
        );
        let picks = unchosen_in(&t.db, "varna", 2).await;
        let (now_shown, later) = (&picks[0], &picks[1]);
        let today = app::format::sofia_date(Utc::now());
        let (d0, d6, d1) = (
            today.to_string(),
            (today + Duration::days(6)).to_string(),
            (today + Duration::days(1)).to_string(),
        );
        let address = format!("{base}/p/{}", now_shown.slug);
        let actions = vec![
            post(
                "see the region's choices",
                &["curator", "admin"],
                "/fn/featured",
                &[("locale", "bg"), ("centre", "varna"), ("q", "")],
            ),
            post(
                "feature a product",
                &["curator", "admin"],
                "/fn/feature_product",
                &[
                    ("locale", "bg"),
                    ("centre", "varna"),
                    ("input[product]", &address),
                    ("input[starts_on]", &d0),
                    ("input[ends_on]", &d6),
                    ("input[on_home]", "1"),
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
                ("other curator", &plovdiv),
                ("curator", &varna),
            ],
            &[("curator", &varna), ("admin", &admin)],
        )
        .await;
        assert_eq!(walked, 8, "{}", t.label);

        // Shown today on the centre's page and, chosen for it, the home page.
        let centre = featured_section(&format!("{base}/centres/varna")).await;
        assert!(
            centre.contains(&now_shown.title),
            "{}: centre page",
            t.label
        );
        let home = featured_section(&format!("{base}/")).await;
        assert!(home.contains(&now_shown.title), "{}: home page", t.label);

        // A choice from tomorrow is not shown yet, and only in its region.
        let r = varna
            .post(
                "/fn/feature_product",
                &[
                    ("locale", "bg"),
                    ("centre", "varna"),
                    ("input[product]", &later.slug),
                    ("input[starts_on]", &d1),
                    ("input[ends_on]", &d6),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", t.label);
        let centre = featured_section(&format!("{base}/centres/varna")).await;
        assert!(
            !centre.contains(&later.title),
            "{}: not before its day",
            t.label
        );
        let page = varna
            .post(
                "/fn/featured",
                &[("locale", "bg"), ("centre", "varna"), ("q", "")],
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("\"state\":\"scheduled\"") && page.contains("\"state\":\"shown\""),
            "{}: {page}",
            t.label
        );

        // Stopped: off both pages at once.
        let choice = featured_product::Entity::find()
            .filter(featured_product::Column::ProductId.eq(now_shown.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let stop = vec![post(
            "stop a choice",
            &["curator", "admin"],
            "/fn/unfeature_product",
            &[
                ("locale", "bg"),
                ("centre", "varna"),
                ("featured_id", &choice.id.to_string()),
            ],
        )];
        let walked = matrix::walk(
            &t,
            &stop,
            &[
                ("anonymous", &anon),
                ("buyer", &buyer),
                ("owner", &owner),
                ("other curator", &plovdiv),
            ],
            &[("curator", &varna)],
        )
        .await;
        assert_eq!(walked, 4, "{}", t.label);
        let centre = featured_section(&format!("{base}/centres/varna")).await;
        assert!(!centre.contains(&now_shown.title), "{}: stopped", t.label);
        // A Varna choice named through Plovdiv's address is not found.
        let r = plovdiv
            .post(
                "/fn/unfeature_product",
                &[
                    ("locale", "bg"),
                    ("centre", "plovdiv"),
                    ("featured_id", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), 404, "{}", t.label);
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_choices_are_refused_field_by_field_and_change_nothing() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let varna = signed_in(&base, VARNA).await;
        let ours = unchosen_in(&t.db, "varna", 1).await.remove(0);
        let theirs = unchosen_in(&t.db, "plovdiv", 1).await.remove(0);
        let today = app::format::sofia_date(Utc::now());
        let day = |n: i64| (today + Duration::days(n)).to_string();
        // An existing choice for the overlap refusal.
        let r = varna
            .post(
                "/fn/feature_product",
                &[
                    ("locale", "bg"),
                    ("centre", "varna"),
                    ("input[product]", &ours.slug),
                    ("input[starts_on]", &day(0)),
                    ("input[ends_on]", &day(10)),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", t.label);
        let cases: Vec<(String, String, String, &[&str])> = vec![
            (
                theirs.slug.clone(),
                day(-1),
                day(3),
                &[
                    "\"field\":\"product\",\"code\":\"product_not_in_region\"",
                    "\"field\":\"starts_on\",\"code\":\"date_past\"",
                ],
            ),
            (
                String::new(),
                "tomorrow".into(),
                day(3),
                &[
                    "\"field\":\"product\",\"code\":\"required\"",
                    "\"field\":\"starts_on\",\"code\":\"date_invalid\"",
                ],
            ),
            (
                ours.slug.clone(),
                day(5),
                day(2),
                &["\"field\":\"ends_on\",\"code\":\"ends_before_start\""],
            ),
            (
                ours.slug.clone(),
                day(1),
                day(400),
                &["\"field\":\"ends_on\",\"code\":\"too_large\""],
            ),
            (
                format!("/p/{}", ours.slug),
                day(8),
                day(12),
                &["\"field\":\"product\",\"code\":\"already_featured\""],
            ),
        ];
        for (product, starts, ends, codes) in cases {
            let before = fingerprint(&t.db).await;
            let r = varna
                .post(
                    "/fn/feature_product",
                    &[
                        ("locale", "bg"),
                        ("centre", "varna"),
                        ("input[product]", &product),
                        ("input[starts_on]", &starts),
                        ("input[ends_on]", &ends),
                    ],
                )
                .await;
            assert_eq!(r.status(), 422, "{}: {product} {starts} {ends}", t.label);
            let body = r.text().await.unwrap();
            for code in codes {
                assert!(body.contains(code), "{}: {code} in {body}", t.label);
            }
            common::assert_same(&before, &fingerprint(&t.db).await, "a refused choice");
        }
        t.drop_db().await;
    }
}
