//! A clean install (migrations, no demo data) is a working platform: the
//! category tree comes with the migrations, the first admin from the
//! command line, and an enterprise can register, import its catalogue and
//! be found by a buyer.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::common::{self, Browser, fingerprint, location, spawn_server, wait_until_indexed};
use app::error::AppError;
use app::server::accounts::users::{AdminMade, create_admin};
use app::server::entities::*;

const SECRET: &str = "a long enough secret";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_install_has_the_category_tree_and_no_demo_data() {
    for t in common::all_databases().await {
        let categories = category::Entity::find().all(&t.db).await.unwrap();
        assert!(categories.len() >= 30, "{}: {}", t.label, categories.len());
        let soaps = categories.iter().find(|c| c.slug == "sapuni").unwrap();
        assert_eq!(
            (soaps.name_bg.as_str(), soaps.name_en.as_str()),
            ("Сапуни", "Soaps")
        );
        let parent = categories.iter().find(|c| Some(c.id) == soaps.parent_id);
        assert!(parent.is_some_and(|p| p.parent_id.is_none()), "{}", t.label);
        assert_eq!(enterprise::Entity::find().count(&t.db).await.unwrap(), 0);
        assert_eq!(user::Entity::find().count(&t.db).await.unwrap(), 0);
        // The home page offers the categories, and no empty "featured" grid.
        let base = spawn_server(t.db.clone()).await;
        let home = Browser::new(&base).get("/").await.text().await.unwrap();
        assert!(home.contains("Храни и напитки"), "{}", t.label);
        assert!(!home.contains("h-featured"), "{}", t.label);
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_admin_is_made_once_and_a_bad_one_changes_nothing() {
    for t in common::all_databases().await {
        let before = fingerprint(&t.db).await;
        for (email, password) in [("not an address", SECRET), ("admin@example.bg", "short")] {
            let refused = create_admin(&t.db, email, "Администратор", password).await;
            assert!(
                matches!(refused, Err(AppError::Invalid(_))),
                "{}: {email} / {password}: {refused:?}",
                t.label
            );
        }
        common::assert_same(&before, &fingerprint(&t.db).await, t.label);
        let made = create_admin(&t.db, "Admin@Example.bg", "Администратор", SECRET).await;
        assert_eq!(made.unwrap(), AdminMade::Created, "{}", t.label);
        let again = create_admin(&t.db, "admin@example.bg", "Администратор", "").await;
        assert_eq!(again.unwrap(), AdminMade::AlreadyAdmin, "{}", t.label);
        let base = spawn_server(t.db.clone()).await;
        let admin = Browser::new(&base);
        admin.sign_in("admin@example.bg", SECRET).await;
        // The whole platform's audit log is the admins' alone.
        assert_eq!(
            admin
                .post("/fn/audit_log", &[("locale", "bg"), ("centre", "")])
                .await
                .status(),
            200,
            "{}",
            t.label
        );
        t.drop_db().await;
    }
}

/// The whole clean path: the first admin appoints a curator; an
/// enterprise registers, imports its catalogue as CSV (published at once)
/// and is verified by the curator; a buyer finds its products.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_install_runs_from_the_first_admin_to_a_buyer_finding_products() {
    for t in common::all_databases().await {
        create_admin(&t.db, "admin@example.bg", "Администратор", SECRET)
            .await
            .unwrap();
        let base = spawn_server(t.db.clone()).await;
        let admin = Browser::new(&base);
        admin.sign_in("admin@example.bg", SECRET).await;
        let curator = Browser::new(&base);
        common::sign_up_confirmed(&curator, "kurator@example.bg", SECRET, "Иван Колев").await;
        let r = admin
            .post(
                "/fn/grant_role",
                &[
                    ("locale", "bg"),
                    ("email", "kurator@example.bg"),
                    ("role", "curator"),
                    ("centre", "gabrovo"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", t.label);
        let owner = Browser::new(&base);
        common::sign_up_confirmed(&owner, "owner@example.bg", SECRET, "Мария Петрова").await;
        let eik = app::eik::complete9(24_681_357);
        let r = owner
            .post(
                "/fn/register_enterprise",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", ""),
                    ("input[name]", "Лавандулова работилница"),
                    ("input[eik]", &eik),
                    ("input[legal_form]", "ЕООД"),
                    ("input[district]", "gabrovo"),
                    ("input[settlement]", "Трявна"),
                    ("input[email]", "office@example.bg"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", t.label);
        assert!(
            location(&r).starts_with("/dashboard/e/"),
            "{}",
            location(&r)
        );
        let e = enterprise::Entity::find()
            .filter(enterprise::Column::Eik.eq(&eik))
            .one(&t.db)
            .await
            .unwrap()
            .expect("registered");
        let csv = "slug;title;description;category;price;unit;availability;stock;min_order;tags;status\n\
                   ;Сапун с лавандула;Студено варен.;sapuni;4,20;piece;in_stock;30;1;сапун|лавандула;published\n\
                   ;Лавандулов мед;От нашите кошери.;med;9,80;piece;in_stock;12;1;мед;published\n";
        let form = reqwest::multipart::Form::new()
            .text("locale", "bg")
            .text("enterprise_id", e.id.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("katalog.csv"),
            );
        let r = owner.post_multipart("/fn/import_csv", form).await;
        assert_eq!(
            r.status(),
            200,
            "{}: {}",
            t.label,
            r.text().await.unwrap_or_default()
        );
        wait_until_indexed(&base).await;
        // The curator of its region verifies it.
        let until = format!(
            "{}-12-31",
            chrono::Utc::now()
                .format("%Y")
                .to_string()
                .parse::<i32>()
                .unwrap()
                + 1
        );
        let r = curator
            .post(
                "/fn/verify_enterprise",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &e.id.to_string()),
                    ("input[register_entry]", "2026/0101"),
                    ("input[register_class]", "A"),
                    ("input[certified_on]", "2026-02-01"),
                    ("input[valid_until]", &until),
                    ("next", "/curator/gabrovo"),
                ],
            )
            .await;
        assert_eq!(
            r.status(),
            200,
            "{}: {}",
            t.label,
            r.text().await.unwrap_or_default()
        );
        // A buyer finds each, in Latin letters too.
        for (q, title) in [("sapun", "Сапун с лавандула"), ("мед", "Лавандулов мед")]
        {
            let found = common::get_json(&format!("{base}/api/v1/search?q={q}")).await;
            let titles: Vec<&str> = found["hits"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|h| h["title"].as_str())
                .collect();
            assert!(titles.contains(&title), "{}: {q}: {found}", t.label);
        }
        t.drop_db().await;
    }
}
