//! The trust pages over real HTTP: every page in both languages from a
//! clean database, linked from every page's footer; admins save new
//! versions (the old ones stay, the page shows the newest and its number),
//! nobody else may; sign-up needs the terms accepted and records which
//! version.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::matrix::{self, post};
use crate::common::{self, Browser, all_databases, fingerprint, spawn_server};
use app::server::entities::*;

const ADMIN: (&str, &str) = ("admin@demo.socialenpazar.bg", "demo-admin-2026");
const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
const VARNA: (&str, &str) = ("kurator.varna@demo.socialenpazar.bg", "demo-kurator-2026");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_trust_page_answers_in_both_languages_and_the_footer_links_them() {
    let t = common::sqlite().await;
    let base = spawn_server(t.db.clone()).await;
    for (path, words) in [
        ("/about", "За Социален пазар"),
        ("/terms", "Общи условия"),
        ("/privacy", "Комисията за защита на личните данни"),
        ("/cookies", "sid"),
        ("/contact", "Контакти"),
        ("/en/about", "About Social Market"),
        ("/en/terms", "Terms of use"),
        ("/en/privacy", "Art. 6(1)(b)"),
        ("/en/cookies", "known device"),
        ("/en/contact", "regional centre of your district"),
    ] {
        let r = common::client()
            .get(format!("{base}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let html = r.text().await.unwrap();
        assert!(html.contains(words), "{path} says {words}");
        assert!(
            html.contains("Версия 1") || html.contains("Version 1"),
            "{path}"
        );
    }
    let home = common::get_text(&format!("{base}/")).await;
    for path in ["/about", "/terms", "/privacy", "/cookies", "/contact"] {
        assert!(
            home.contains(&format!("href=\"{path}\"")),
            "the footer links {path}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_save_new_versions_and_nobody_else_may() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let signed_in = |who: (&'static str, &'static str)| {
            let b = Browser::new(&base);
            async move {
                b.sign_in(who.0, who.1).await;
                b
            }
        };
        let (anon, buyer, curator, admin) = (
            Browser::new(&base),
            signed_in(BUYER).await,
            signed_in(VARNA).await,
            signed_in(ADMIN).await,
        );
        let body =
            "Нови условия.\n\n## Профилът\n\n- Пазете паролата си.\n- <script>alert(1)</script>";
        let actions = vec![
            post("see the pages to edit", &["admin"], "/fn/admin_pages", &[]),
            post(
                "save a new version",
                &["admin"],
                "/fn/save_page",
                &[
                    ("locale", "bg"),
                    ("page", "terms"),
                    ("language", "bg"),
                    ("title", "Общи условия"),
                    ("body", body),
                ],
            ),
        ];
        let actors = [
            ("anonymous", &anon),
            ("buyer", &buyer),
            ("curator", &curator),
        ];
        let walked = matrix::walk(&t, &actions, &actors, &[("admin", &admin)]).await;
        assert_eq!(walked, 6, "{}", t.label);

        let page = common::get_text(&format!("{base}/terms")).await;
        assert!(page.contains("Версия 2"), "{}", t.label);
        assert!(page.contains("<h2>Профилът</h2>"), "headings are drawn");
        assert!(
            page.contains("<li>Пазете паролата си.</li>"),
            "lists are drawn"
        );
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                && !page.contains("<script>alert(1)"),
            "the text is text"
        );
        let english = common::get_text(&format!("{base}/en/terms")).await;
        assert!(
            english.contains("Version 1"),
            "the other language keeps its own"
        );
        let versions = site_page::Entity::find()
            .filter(site_page::Column::Page.eq(app::domain::TrustPage::Terms))
            .filter(site_page::Column::Locale.eq("bg"))
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(versions.len(), 2, "the old version stays");
        assert!(
            audit_log::Entity::find()
                .filter(audit_log::Column::Action.eq("page.updated"))
                .one(&t.db)
                .await
                .unwrap()
                .is_some()
        );

        // Refusals: a short title and text, an unknown page; nothing changes.
        let before = fingerprint(&t.db).await;
        let short = admin
            .post(
                "/fn/save_page",
                &[
                    ("locale", "bg"),
                    ("page", "terms"),
                    ("language", "bg"),
                    ("title", "О"),
                    ("body", "кратко"),
                ],
            )
            .await;
        assert_eq!(short.status(), 422);
        let text = short.text().await.unwrap();
        assert!(
            text.contains("\"field\":\"title\"") && text.contains("\"field\":\"body\""),
            "{text}"
        );
        let unknown = admin
            .post(
                "/fn/save_page",
                &[
                    ("locale", "bg"),
                    ("page", "blog"),
                    ("language", "bg"),
                    ("title", "Блог"),
                    ("body", "Достатъчно дълъг текст за страница."),
                ],
            )
            .await;
        assert!(unknown.status().is_client_error(), "{}", unknown.status());
        common::assert_same(&before, &fingerprint(&t.db).await, "refused pages");

        // A sign-up now accepts version 2 of the Bulgarian terms.
        let newcomer = Browser::new(&base);
        let form = |accept: bool| {
            let mut f = vec![
                ("locale", "bg"),
                ("email", "nov@example.bg"),
                ("password", "дълга парола 2026"),
                ("display_name", "Нов Човек"),
            ];
            if accept {
                f.push(("accept_terms", "on"));
            }
            f
        };
        let before = fingerprint(&t.db).await;
        let refused = newcomer.post("/fn/sign_up", &form(false)).await;
        assert_eq!(refused.status(), 422);
        assert!(
            refused
                .text()
                .await
                .unwrap()
                .contains("\"field\":\"accept_terms\"")
        );
        common::assert_same(&before, &fingerprint(&t.db).await, "terms not accepted");
        assert_eq!(
            newcomer.post("/fn/sign_up", &form(true)).await.status(),
            200
        );
        let u = user::Entity::find()
            .filter(user::Column::Email.eq("nov@example.bg"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.terms_version, Some(2), "{}", t.label);
        assert!(u.terms_accepted_at.is_some());
        t.drop_db().await;
    }
}
