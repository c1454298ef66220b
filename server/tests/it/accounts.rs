//! Accounts over real HTTP: sign-up that tells nothing about who is
//! registered, sessions in the database (surviving a restart), sign-out
//! everywhere, rate limits, and cross-site forgery refused.

use crate::common;

use common::{Browser, all_databases, location, spawn_server};

const PASSWORD: &str = "дълга парола 2026";

async fn sign_up(b: &Browser, email: &str, password: &str) -> reqwest::Response {
    b.post(
        "/fn/sign_up",
        &[
            ("locale", "bg"),
            ("email", email),
            ("password", password),
            ("display_name", "Мария Петрова"),
        ],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_sign_in_and_nothing_leaks_about_who_is_registered() {
    for t in all_databases().await {
        let base = spawn_server(t.db.clone()).await;
        let b = Browser::new(&base);
        let first = sign_up(&b, "maria@example.bg", PASSWORD).await;
        assert_eq!(first.status(), 200, "{}", t.label);
        let first_location = location(&first);
        assert_eq!(first_location, "/signin?registered=1");
        assert_eq!(b.whoami().await, None, "sign-up does not sign in");

        // The same address again, another password: the same answer, and
        // the account keeps its password.
        let again = sign_up(&b, "Maria@Example.bg", "съвсем друга парола").await;
        assert_eq!(again.status(), 200);
        assert_eq!(location(&again), first_location);
        let wrong = b
            .post(
                "/fn/sign_in",
                &[
                    ("locale", "bg"),
                    ("email", "maria@example.bg"),
                    ("password", "съвсем друга парола"),
                ],
            )
            .await;
        let unknown = b
            .post(
                "/fn/sign_in",
                &[
                    ("locale", "bg"),
                    ("email", "nobody@example.bg"),
                    ("password", "съвсем друга парола"),
                ],
            )
            .await;
        assert_eq!(wrong.status(), 422);
        assert_eq!(unknown.status(), 422);
        let (wrong, unknown) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
        assert_eq!(
            wrong, unknown,
            "a wrong password and an unknown address answer alike"
        );
        assert!(wrong.contains("Грешен имейл или парола"), "{wrong}");

        b.sign_in("maria@example.bg", PASSWORD).await;
        assert_eq!(b.whoami().await.as_deref(), Some("maria@example.bg"));
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_are_per_field_in_the_readers_language_and_change_nothing() {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let t = common::sqlite().await;
    let base = spawn_server(t.db.clone()).await;
    let b = Browser::new(&base);
    let r = b
        .post(
            "/fn/sign_up",
            &[
                ("locale", "en"),
                ("email", "not-an-address"),
                ("password", "short"),
                ("display_name", ""),
            ],
        )
        .await;
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_eq!(status, 422, "{text}");
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    let fields = body["Invalid"].as_array().expect("field errors");
    let find = |f: &str| {
        fields
            .iter()
            .find(|e| e["field"] == f)
            .map(|e| e["message"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(
        find("email").as_deref(),
        Some("This does not look like an e-mail address.")
    );
    assert_eq!(
        find("password").as_deref(),
        Some("The password must be at least 10 characters.")
    );
    assert_eq!(
        find("display_name").as_deref(),
        Some("Please fill in this field.")
    );
    let users = app::server::entities::user::Entity::find()
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_live_in_the_database_and_end_everywhere() {
    for t in all_databases().await {
        let base = spawn_server(t.db.clone()).await;
        let phone = Browser::new(&base);
        sign_up(&phone, "ivan@example.bg", PASSWORD).await;
        phone.sign_in("ivan@example.bg", PASSWORD).await;
        let laptop = Browser::new(&base);
        laptop.sign_in("ivan@example.bg", PASSWORD).await;

        // A third session, read straight from the answer's cookie.
        let r = common::client()
            .post(format!("{base}/fn/sign_in"))
            .header("Accept", "application/json")
            .form(&[
                ("locale", "bg"),
                ("email", "ivan@example.bg"),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        let set_cookie = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("sid="))
            .expect("a session cookie")
            .to_string();
        assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
        assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
        let sid = set_cookie["sid=".len()..]
            .split(';')
            .next()
            .unwrap()
            .to_string();

        // Another app server on the same database knows the session: the
        // cookie is all a request needs (and a restart loses nothing).
        let other = spawn_server(t.db.clone()).await;
        let r = reqwest::Client::new()
            .post(format!("{other}/fn/me"))
            .header("cookie", format!("sid={sid}"))
            .send()
            .await
            .unwrap();
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["email"], "ivan@example.bg", "{}", t.label);

        // The table holds a hash of the id, not the id.
        use sea_orm::EntityTrait;
        let rows = app::server::entities::session::Entity::find()
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|s| s.id != sid && s.id.len() == 64));

        let out = laptop
            .post("/fn/sign_out", &[("locale", "bg"), ("everywhere", "1")])
            .await;
        assert_eq!(out.status(), 200);
        assert_eq!(laptop.whoami().await, None);
        assert_eq!(phone.whoami().await, None, "signed out on every device");
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_ends_other_sessions_and_a_disabled_account_is_out() {
    let t = common::sqlite().await;
    let base = spawn_server(t.db.clone()).await;
    let a = Browser::new(&base);
    sign_up(&a, "eli@example.bg", PASSWORD).await;
    a.sign_in("eli@example.bg", PASSWORD).await;
    let b = Browser::new(&base);
    b.sign_in("eli@example.bg", PASSWORD).await;

    let wrong = a
        .post(
            "/fn/change_password",
            &[
                ("locale", "bg"),
                ("current_password", "не е тази"),
                ("new_password", "нова дълга парола"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(
        b.whoami().await.as_deref(),
        Some("eli@example.bg"),
        "a refused change ends nothing"
    );

    let ok = a
        .post(
            "/fn/change_password",
            &[
                ("locale", "bg"),
                ("current_password", PASSWORD),
                ("new_password", "нова дълга парола"),
            ],
        )
        .await;
    assert_eq!(ok.status(), 200);
    assert_eq!(
        a.whoami().await.as_deref(),
        Some("eli@example.bg"),
        "the one who changed it stays in"
    );
    assert_eq!(b.whoami().await, None, "the other session ended");

    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = app::server::entities::user::Entity::find()
        .filter(app::server::entities::user::Column::Email.eq("eli@example.bg"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    app::server::accounts::users::disable(&t.db, user.id)
        .await
        .unwrap();
    assert_eq!(a.whoami().await, None);
    let again = a
        .post(
            "/fn/sign_in",
            &[
                ("locale", "bg"),
                ("email", "eli@example.bg"),
                ("password", "нова дълга парола"),
            ],
        )
        .await;
    assert_eq!(again.status(), 422, "a disabled account cannot sign in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_attempts_are_rate_limited_per_account() {
    let t = common::sqlite().await;
    let base = spawn_server(t.db.clone()).await;
    let b = Browser::new(&base);
    sign_up(&b, "petar@example.bg", PASSWORD).await;
    let mut statuses = vec![];
    for _ in 0..6 {
        let r = b
            .post(
                "/fn/sign_in",
                &[
                    ("locale", "bg"),
                    ("email", "petar@example.bg"),
                    ("password", "грешна парола"),
                ],
            )
            .await;
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, vec![422, 422, 422, 422, 422, 429]);
    // Even the right password waits now.
    let r = b
        .post(
            "/fn/sign_in",
            &[
                ("locale", "bg"),
                ("email", "petar@example.bg"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 429);
    assert_eq!(b.whoami().await, None);
    // Another account is not affected.
    sign_up(&b, "vera@example.bg", PASSWORD).await;
    b.sign_in("vera@example.bg", PASSWORD).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_posts_are_refused_and_change_nothing() {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let t = common::sqlite().await;
    let base = spawn_server(t.db.clone()).await;
    let client = common::client();
    let form = [
        ("locale", "bg"),
        ("email", "x@example.bg"),
        ("password", PASSWORD),
        ("display_name", "Хакер"),
    ];
    for (header, value) in [
        ("Origin", "https://evil.example"),
        ("Sec-Fetch-Site", "cross-site"),
    ] {
        let r = client
            .post(format!("{base}/fn/sign_up"))
            .header(header, value)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{header}: {value}");
    }
    assert_eq!(
        app::server::entities::user::Entity::find()
            .count(&t.db)
            .await
            .unwrap(),
        0
    );
    // The site's own page posting is fine.
    let host = base.trim_start_matches("http://");
    let r = client
        .post(format!("{base}/fn/sign_up"))
        .header("Origin", format!("http://{host}"))
        .header("Sec-Fetch-Site", "same-origin")
        .header("Accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        app::server::entities::user::Entity::find()
            .count(&t.db)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_form_post_redirects_and_the_page_shows_the_refusal() {
    let t = common::sqlite().await;
    let base = spawn_server(t.db.clone()).await;
    let client = common::client();
    // What a browser without JavaScript sends.
    let r = client
        .post(format!("{base}/fn/sign_in"))
        .header("Accept", "text/html")
        .header("Referer", format!("{base}/signin"))
        .form(&[
            ("locale", "bg"),
            ("email", "nobody@example.bg"),
            ("password", "whatever123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    let back = common::location(&r);
    assert!(back.contains("__err="), "{back}");
    let page = client
        .get(&back)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Грешен имейл или парола"),
        "the page shows the refusal"
    );
}
