//! The admins' area over real HTTP: only admins see and change roles
//! (every refusal leaves the database as it was), a curator appointed by
//! an admin works for their centre at once and stops when removed, and
//! the platform keeps one admin.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::matrix::{self, post};
use crate::common::{self, Browser, all_databases, fingerprint, spawn_server};
use app::domain::UserRole;
use app::server::entities::*;

const ADMIN: (&str, &str) = ("admin@demo.socialenpazar.bg", "demo-admin-2026");
const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");
const VARNA: (&str, &str) = ("kurator.varna@demo.socialenpazar.bg", "demo-kurator-2026");

struct Platform {
    t: common::TestDb,
    anon: Browser,
    buyer: Browser,
    owner: Browser,
    curator: Browser,
    admin: Browser,
}

async fn platform(t: common::TestDb) -> Platform {
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    let signed_in = |who: (&'static str, &'static str)| {
        let b = Browser::new(&base);
        async move {
            b.sign_in(who.0, who.1).await;
            b
        }
    };
    Platform {
        anon: Browser::new(&base),
        buyer: signed_in(BUYER).await,
        owner: signed_in(OWNER).await,
        curator: signed_in(VARNA).await,
        admin: signed_in(ADMIN).await,
        t,
    }
}

async fn role_of(t: &common::TestDb, email: &str, role: UserRole) -> Option<user_role::Model> {
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&t.db)
        .await
        .unwrap()?;
    user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(u.id))
        .filter(user_role::Column::Role.eq(role))
        .one(&t.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_see_and_change_roles_and_every_refusal_changes_nothing() {
    for t in all_databases().await {
        let p = platform(t).await;
        // The buyer is made curator of Gabrovo, then that role is removed.
        let actions = vec![
            post(
                "see the roles",
                &["admin"],
                "/fn/roles",
                &[("locale", "bg")],
            ),
            post(
                "appoint a curator",
                &["admin"],
                "/fn/grant_role",
                &[
                    ("locale", "bg"),
                    ("email", BUYER.0),
                    ("role", "curator"),
                    ("centre", "gabrovo"),
                ],
            ),
        ];
        let actors = [
            ("anonymous", &p.anon),
            ("buyer", &p.buyer),
            ("owner", &p.owner),
            ("curator", &p.curator),
        ];
        let doers = [("admin", &p.admin)];
        let walked = matrix::walk(&p.t, &actions, &actors, &doers).await;
        let role = role_of(&p.t, BUYER.0, UserRole::Curator)
            .await
            .expect("appointed");
        let revoke = vec![post(
            "remove a curator",
            &["admin"],
            "/fn/revoke_role",
            &[("locale", "bg"), ("role_id", &role.id.to_string())],
        )];
        let walked = walked + matrix::walk(&p.t, &revoke, &actors, &doers).await;
        assert_eq!(walked, 12, "{}", p.t.label);
        assert!(role_of(&p.t, BUYER.0, UserRole::Curator).await.is_none());
        p.t.drop_db().await;
    }
}

/// A curator appointed by an admin opens their centre's desk at once and
/// no other; removed, not even that.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_appointed_curator_works_for_their_centre_until_removed() {
    for t in all_databases().await {
        let p = platform(t).await;
        let desk = |centre: &'static str| {
            let buyer = &p.buyer;
            async move {
                buyer
                    .post("/fn/desk", &[("locale", "bg"), ("centre", centre)])
                    .await
                    .status()
                    .as_u16()
            }
        };
        assert_eq!(desk("gabrovo").await, 403);
        let r = p
            .admin
            .post(
                "/fn/grant_role",
                &[
                    ("locale", "bg"),
                    ("email", BUYER.0),
                    ("role", "curator"),
                    ("centre", "gabrovo"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", p.t.label);
        assert_eq!(common::location(&r), "/admin?saved=granted");
        assert_eq!(desk("gabrovo").await, 200, "{}", p.t.label);
        assert_eq!(desk("varna").await, 403, "{}", p.t.label);
        let audit = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("role.granted"))
            .one(&p.t.db)
            .await
            .unwrap()
            .expect("in the audit log");
        assert_eq!(
            audit.reason.as_deref(),
            Some(&*format!("curator {}", BUYER.0))
        );

        let role = role_of(&p.t, BUYER.0, UserRole::Curator).await.unwrap();
        let r = p
            .admin
            .post(
                "/fn/revoke_role",
                &[("locale", "bg"), ("role_id", &role.id.to_string())],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", p.t.label);
        assert_eq!(desk("gabrovo").await, 403, "{}", p.t.label);
        p.t.drop_db().await;
    }
}

/// An unknown address, an unknown centre and a role held already are
/// refused with what to fix; the last admin cannot be removed. None of it
/// changes anything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_role_changes_say_why_and_the_last_admin_stays() {
    for t in all_databases().await {
        let p = platform(t).await;
        let before = fingerprint(&p.t.db).await;
        for (email, role, centre, status, field) in [
            ("nobody@example.bg", "curator", "varna", 422, Some("email")),
            (BUYER.0, "curator", "atlantis", 422, Some("centre")),
            (BUYER.0, "boss", "", 422, Some("role")),
            (VARNA.0, "curator", "varna", 409, None),
            (ADMIN.0, "admin", "", 409, None),
        ] {
            let r = p
                .admin
                .post(
                    "/fn/grant_role",
                    &[
                        ("locale", "en"),
                        ("email", email),
                        ("role", role),
                        ("centre", centre),
                    ],
                )
                .await;
            assert_eq!(r.status(), status, "{}: {email} {role} {centre}", p.t.label);
            let body = r.text().await.unwrap();
            if let Some(field) = field {
                assert!(body.contains(&format!("\"field\":\"{field}\"")), "{body}");
            }
        }
        let admin_role = role_of(&p.t, ADMIN.0, UserRole::Admin).await.unwrap();
        let r = p
            .admin
            .post(
                "/fn/revoke_role",
                &[("locale", "en"), ("role_id", &admin_role.id.to_string())],
            )
            .await;
        assert_eq!(r.status(), 409, "{}", p.t.label);
        assert!(r.text().await.unwrap().contains("at least one admin"));
        common::assert_same(&before, &fingerprint(&p.t.db).await, p.t.label);
        p.t.drop_db().await;
    }
}

async fn user_id(t: &common::TestDb, email: &str) -> i32 {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&t.db)
        .await
        .unwrap()
        .expect("a user")
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_find_disable_enable_and_sign_out_accounts() {
    for t in all_databases().await {
        let p = platform(t).await;
        let buyer = user_id(&p.t, BUYER.0).await.to_string();
        let actions = vec![
            post(
                "find accounts",
                &["admin"],
                "/fn/admin_users",
                &[("locale", "bg"), ("q", "kupuvach")],
            ),
            post(
                "sign an account out everywhere",
                &["admin"],
                "/fn/sign_out_user",
                &[("locale", "bg"), ("user_id", &buyer)],
            ),
            post(
                "disable an account",
                &["admin"],
                "/fn/disable_user",
                &[("locale", "bg"), ("user_id", &buyer), ("reason", "измама")],
            ),
            post(
                "enable an account",
                &["admin"],
                "/fn/enable_user",
                &[("locale", "bg"), ("user_id", &buyer)],
            ),
        ];
        // The buyer is signed out (then disabled) along the way: they are
        // not among those refused.
        let actors = [
            ("anonymous", &p.anon),
            ("owner", &p.owner),
            ("curator", &p.curator),
        ];
        let doers = [("admin", &p.admin)];
        let walked = matrix::walk(&p.t, &actions, &actors, &doers).await;
        assert_eq!(walked, 12, "{}", p.t.label);
        let buyer_page = p
            .buyer
            .post("/fn/admin_users", &[("locale", "bg"), ("q", "")])
            .await;
        assert_eq!(buyer_page.status(), 401, "the buyer was signed out");
        p.t.drop_db().await;
    }
}

/// An admin finds a person by address or name (any case, either script as
/// typed), sees their roles and enterprises and last sign-in; disabling
/// needs a reason, ends their sessions and keeps them out until enabled;
/// nobody disables themselves. All of it is in the audit log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_disables_a_person_with_a_reason_and_enables_them_again() {
    for t in all_databases().await {
        let p = platform(t).await;
        let find = |q: &str| {
            let (admin, q) = (&p.admin, q.to_string());
            async move {
                let r = admin
                    .post("/fn/admin_users", &[("locale", "bg"), ("q", &q)])
                    .await;
                assert_eq!(r.status(), 200);
                r.json::<serde_json::Value>().await.unwrap()
            }
        };
        let by_mail = find("KURATOR.VARNA").await;
        let users = by_mail["users"].as_array().unwrap();
        assert_eq!(users.len(), 1, "{}: {by_mail}", p.t.label);
        assert_eq!(users[0]["email"], VARNA.0);
        assert!(
            users[0]["curator_of"].to_string().contains("Варна"),
            "{by_mail}"
        );
        assert!(
            !users[0]["last_signed_in_at"].is_null(),
            "the sign-in was noted: {by_mail}"
        );
        let owner = find("predpriyatie@").await;
        assert!(
            !owner["users"][0]["memberships"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{owner}"
        );
        let name = user::Entity::find()
            .filter(user::Column::Email.eq(BUYER.0))
            .one(&p.t.db)
            .await
            .unwrap()
            .unwrap()
            .display_name;
        let first_word = name.split_whitespace().next().unwrap().to_lowercase();
        let lowered = find(&first_word).await;
        assert!(
            lowered["users"].to_string().contains(BUYER.0),
            "{}: a name typed in lower case finds {name}: {lowered}",
            p.t.label
        );
        assert_eq!(find("nikoy-takav").await["users"], serde_json::json!([]));

        let buyer = user_id(&p.t, BUYER.0).await.to_string();
        let admin = user_id(&p.t, ADMIN.0).await.to_string();
        let before = fingerprint(&p.t.db).await;
        let no_reason = p
            .admin
            .post(
                "/fn/disable_user",
                &[("locale", "bg"), ("user_id", &buyer), ("reason", " ")],
            )
            .await;
        assert_eq!(no_reason.status(), 422);
        assert!(
            no_reason
                .text()
                .await
                .unwrap()
                .contains("\"field\":\"reason\"")
        );
        let myself = p
            .admin
            .post(
                "/fn/disable_user",
                &[("locale", "bg"), ("user_id", &admin), ("reason", "опит")],
            )
            .await;
        assert_eq!(myself.status(), 409);
        let unknown = p
            .admin
            .post(
                "/fn/disable_user",
                &[("locale", "bg"), ("user_id", "999999"), ("reason", "опит")],
            )
            .await;
        assert_eq!(unknown.status(), 404);
        let not_disabled = p
            .admin
            .post("/fn/enable_user", &[("locale", "bg"), ("user_id", &buyer)])
            .await;
        assert_eq!(not_disabled.status(), 409);
        common::assert_same(
            &before,
            &fingerprint(&p.t.db).await,
            "refused account actions",
        );

        let r = p
            .admin
            .post(
                "/fn/disable_user",
                &[
                    ("locale", "bg"),
                    ("user_id", &buyer),
                    ("reason", "Подправени поръчки"),
                    ("q", "kupuvach"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", p.t.label);
        assert_eq!(
            common::location(&r),
            "/admin/users?saved=disabled&q=kupuvach"
        );
        assert_eq!(p.buyer.whoami().await, None, "the session ended");
        let again = p
            .anon
            .post(
                "/fn/sign_in",
                &[("locale", "bg"), ("email", BUYER.0), ("password", BUYER.1)],
            )
            .await;
        assert_eq!(again.status(), 422, "a disabled account stays out");
        let shown = find("kupuvach").await;
        assert_eq!(shown["users"][0]["disabled_reason"], "Подправени поръчки");
        let audit = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("user.disabled"))
            .one(&p.t.db)
            .await
            .unwrap()
            .expect("in the audit log");
        assert_eq!(
            audit.reason.as_deref(),
            Some(&*format!("{}: Подправени поръчки", BUYER.0))
        );

        let r = p
            .admin
            .post("/fn/enable_user", &[("locale", "bg"), ("user_id", &buyer)])
            .await;
        assert_eq!(r.status(), 200);
        p.anon.sign_in(BUYER.0, BUYER.1).await;

        // An account its owner deleted is a tombstone: no admin enables it.
        let r = p
            .anon
            .post(
                "/fn/delete_account",
                &[("locale", "bg"), ("password", BUYER.1)],
            )
            .await;
        assert_eq!(r.status(), 200);
        let before = fingerprint(&p.t.db).await;
        let r = p
            .admin
            .post("/fn/enable_user", &[("locale", "bg"), ("user_id", &buyer)])
            .await;
        assert_eq!(r.status(), 409, "{}", p.t.label);
        common::assert_same(&before, &fingerprint(&p.t.db).await, "a tombstone stays");
        p.t.drop_db().await;
    }
}

/// The platform's figures are the six regions' summed, month by month;
/// only admins see them and their CSV.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_platform_figures_are_the_regions_summed() {
    for t in all_databases().await {
        let p = platform(t).await;
        let walked = matrix::walk(
            &p.t,
            &[
                post(
                    "see the platform's figures",
                    &["admin"],
                    "/fn/country_figures",
                    &[("locale", "bg")],
                ),
                matrix::get(
                    "download the platform's figures",
                    &["admin"],
                    "/admin/figures.csv".to_string(),
                ),
            ],
            &[
                ("anonymous", &p.anon),
                ("buyer", &p.buyer),
                ("owner", &p.owner),
                ("curator", &p.curator),
            ],
            &[("admin", &p.admin)],
        )
        .await;
        assert_eq!(walked, 8, "{}", p.t.label);

        let figures = |r: reqwest::Response| async move {
            assert_eq!(r.status(), 200);
            r.json::<serde_json::Value>().await.unwrap()
        };
        let country = figures(
            p.admin
                .post("/fn/country_figures", &[("locale", "bg")])
                .await,
        )
        .await;
        let centres = regional_centre::Entity::find().all(&p.t.db).await.unwrap();
        assert_eq!(centres.len(), 6);
        let mut regions = vec![];
        for c in &centres {
            regions.push(
                figures(
                    p.admin
                        .post("/fn/figures", &[("locale", "bg"), ("centre", &c.slug)])
                        .await,
                )
                .await,
            );
        }
        let sum = |key: &str| {
            regions
                .iter()
                .map(|r| r[key].as_u64().unwrap())
                .sum::<u64>()
        };
        for key in [
            "enterprises",
            "verified_now",
            "products_listed",
            "networks",
            "network_members",
        ] {
            assert_eq!(
                country[key].as_u64().unwrap(),
                sum(key),
                "{}: {key}",
                p.t.label
            );
        }
        assert!(country["enterprises"].as_u64().unwrap() > 0);
        for (i, month) in country["months"].as_array().unwrap().iter().enumerate() {
            for key in [
                "registered",
                "verified",
                "products",
                "requests_sent",
                "requests_fulfilled",
            ] {
                let regional: u64 = regions
                    .iter()
                    .map(|r| r["months"][i][key].as_u64().unwrap())
                    .sum();
                assert_eq!(
                    month[key].as_u64().unwrap(),
                    regional,
                    "{} {key}",
                    month["month"]
                );
            }
        }
        let csv = p.admin.get("/admin/figures.csv").await;
        assert_eq!(csv.status(), 200);
        let csv = csv.text().await.unwrap();
        assert!(csv.lines().count() >= 13, "{csv}");
        p.t.drop_db().await;
    }
}

/// Admins keep each centre's address, phone, e-mail, hours and team; the
/// centre's page shows them (English falls back to Bulgarian where left
/// empty); a bad phone or address is refused and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_keep_the_centres_contact_data_and_their_pages_show_them() {
    for t in all_databases().await {
        let p = platform(t).await;
        let varna = regional_centre::Entity::find()
            .filter(regional_centre::Column::Slug.eq("varna"))
            .one(&p.t.db)
            .await
            .unwrap()
            .unwrap();
        let id = varna.id.to_string();
        let form = |phone: &'static str, address: &'static str| {
            vec![
                ("locale", "bg"),
                ("centre_id", id.as_str()),
                ("input[address_bg]", address),
                ("input[address_en]", ""),
                ("input[phone]", phone),
                ("input[email]", "varna@centre.bg"),
                ("input[hours_bg]", "пон.–пет. 9:00–17:30"),
                ("input[hours_en]", ""),
                (
                    "input[team_bg]",
                    "Иван Иванов — координатор\n\nМария Колева — куратор",
                ),
                ("input[team_en]", ""),
            ]
        };
        let good = form("052 123 456", "ул. „Цар Симеон I“ № 26, Варна");
        let actions = vec![
            post(
                "see the centres' data",
                &["admin"],
                "/fn/admin_centres",
                &[("locale", "bg")],
            ),
            post(
                "change a centre's data",
                &["admin"],
                "/fn/update_centre",
                &good,
            ),
        ];
        let walked = matrix::walk(
            &p.t,
            &actions,
            &[
                ("anonymous", &p.anon),
                ("buyer", &p.buyer),
                ("owner", &p.owner),
                ("curator", &p.curator),
            ],
            &[("admin", &p.admin)],
        )
        .await;
        assert_eq!(walked, 8, "{}", p.t.label);
        let page = common::get_text(&format!("{}/centres/varna", p.admin.base)).await;
        for words in [
            "052 123 456",
            "tel:052123456",
            "пон.–пет. 9:00–17:30",
            "Мария Колева — куратор",
        ] {
            assert!(page.contains(words), "{}: {words}", p.t.label);
        }
        let english = common::get_text(&format!("{}/en/centres/varna", p.admin.base)).await;
        assert!(
            english.contains("пон.–пет. 9:00–17:30"),
            "English falls back"
        );

        let before = fingerprint(&p.t.db).await;
        let bad = p
            .admin
            .post("/fn/update_centre", &form("call us", "ул"))
            .await;
        assert_eq!(bad.status(), 422);
        let body = bad.text().await.unwrap();
        assert!(
            body.contains("\"field\":\"phone\"") && body.contains("\"field\":\"address_bg\""),
            "{body}"
        );
        common::assert_same(&before, &fingerprint(&p.t.db).await, "a refused centre");
        p.t.drop_db().await;
    }
}
