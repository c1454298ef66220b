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
            ("accept_terms", "on"),
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
                ("accept_terms", "on"),
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
    app::server::accounts::users::create_admin(&t.db, "admin@example.bg", "Админ", PASSWORD)
        .await
        .unwrap();
    let admin = app::server::entities::user::Entity::find()
        .filter(app::server::entities::user::Column::Email.eq("admin@example.bg"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let admin = app::server::auth::load(&t.db, admin.id)
        .await
        .unwrap()
        .unwrap();
    app::server::admin::users::disable(&t.db, &admin, user.id, "проверка")
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
        ("accept_terms", "on"),
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

/// Asks for a reset link for `email` and answers with the response.
async fn ask_reset(b: &Browser, email: &str) -> reqwest::Response {
    b.post(
        "/fn/request_password_reset",
        &[("locale", "bg"), ("email", email)],
    )
    .await
}

/// The token of the newest reset link mailed to `email`.
async fn reset_token(base: &str, email: &str) -> String {
    let link = common::link_in_mail(base, email, "/reset?token=").await;
    link.split("token=").nth(1).expect("a token").to_string()
}

async fn set_password(b: &Browser, token: &str, password: &str) -> reqwest::Response {
    b.post(
        "/fn/reset_password",
        &[
            ("locale", "bg"),
            ("token", token),
            ("new_password", password),
        ],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_password_is_reset_from_the_mail_once_and_every_session_ends() {
    for t in all_databases().await {
        let base = spawn_server(t.db.clone()).await;
        let laptop = Browser::new(&base);
        sign_up(&laptop, "nina@example.bg", PASSWORD).await;
        laptop.sign_in("nina@example.bg", PASSWORD).await;

        // A registered address and an unknown one get the same answer; only
        // the registered one gets a mail.
        let stranger = Browser::new(&base);
        let known = ask_reset(&stranger, "Nina@Example.bg").await;
        let unknown = ask_reset(&stranger, "nobody@example.bg").await;
        assert_eq!(known.status(), 200, "{}", t.label);
        assert_eq!(unknown.status(), known.status());
        assert_eq!(location(&known), "/forgot?sent=1");
        assert_eq!(location(&unknown), location(&known));
        let token = reset_token(&base, "nina@example.bg").await;
        assert!(common::mails_to(&base, "nobody@example.bg").is_empty());

        // Asked again at once: the same answer, and no second mail.
        let mails = common::mails_to(&base, "nina@example.bg").len();
        let again = ask_reset(&stranger, "nina@example.bg").await;
        assert_eq!(location(&again), "/forgot?sent=1");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(common::mails_to(&base, "nina@example.bg").len(), mails);

        // Something that is no address is refused next to the field.
        let bad = ask_reset(&stranger, "nina").await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("\"field\":\"email\""));

        // A weak password is refused and the link still works.
        let before = common::fingerprint(&t.db).await;
        let weak = set_password(&stranger, &token, "кратка").await;
        assert_eq!(weak.status(), 422);
        let weak = weak.text().await.unwrap();
        assert!(
            weak.contains("new_password") && weak.contains("10 знака"),
            "{weak}"
        );
        common::assert_same(
            &before,
            &common::fingerprint(&t.db).await,
            "a weak password",
        );
        assert_eq!(laptop.whoami().await.as_deref(), Some("nina@example.bg"));

        let done = set_password(&stranger, &token, "съвсем нова парола").await;
        assert_eq!(done.status(), 200);
        assert_eq!(location(&done), "/signin?reset=1");
        assert_eq!(laptop.whoami().await, None, "every session ended");
        assert_eq!(stranger.whoami().await, None, "the reset signs nobody in");

        // Spent: the link does nothing a second time.
        let before = common::fingerprint(&t.db).await;
        let twice = set_password(&stranger, &token, "още една нова парола").await;
        assert_eq!(twice.status(), 422);
        assert!(twice.text().await.unwrap().contains("link_invalid"));
        common::assert_same(&before, &common::fingerprint(&t.db).await, "a spent link");

        let old = laptop
            .post(
                "/fn/sign_in",
                &[
                    ("locale", "bg"),
                    ("email", "nina@example.bg"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(old.status(), 422, "the old password is gone");
        laptop
            .sign_in("nina@example.bg", "съвсем нова парола")
            .await;
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_expires_after_an_hour_and_forgives_failed_sign_ins() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let t = common::sqlite().await;
    let base = spawn_server(t.db.clone()).await;
    let b = Browser::new(&base);
    sign_up(&b, "ivo@example.bg", PASSWORD).await;

    // Someone guessed until the account's pair waits.
    for _ in 0..6 {
        b.post(
            "/fn/sign_in",
            &[
                ("locale", "bg"),
                ("email", "ivo@example.bg"),
                ("password", "грешна парола"),
            ],
        )
        .await;
    }
    // A neighbour whose address differs by a LIKE wildcard keeps their count.
    sign_up(&b, "iv_@example.bg", PASSWORD).await;
    for _ in 0..6 {
        b.post(
            "/fn/sign_in",
            &[
                ("locale", "bg"),
                ("email", "iv_@example.bg"),
                ("password", "грешна парола"),
            ],
        )
        .await;
    }

    ask_reset(&b, "ivo@example.bg").await;
    let first = reset_token(&base, "ivo@example.bg").await;
    // An hour later the link is refused and changes nothing.
    use app::server::entities::account_token;
    account_token::Entity::update_many()
        .col_expr(
            account_token::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
        )
        .filter(account_token::Column::Purpose.eq("reset_password"))
        .exec(&t.db)
        .await
        .unwrap();
    let before = common::fingerprint(&t.db).await;
    let late = set_password(&b, &first, "съвсем нова парола").await;
    assert_eq!(late.status(), 422);
    assert!(late.text().await.unwrap().contains("link_invalid"));
    common::assert_same(
        &before,
        &common::fingerprint(&t.db).await,
        "an expired link",
    );

    // A minute on, a new link works, and the owner gets in at once.
    account_token::Entity::update_many()
        .col_expr(
            account_token::Column::CreatedAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(2)),
        )
        .exec(&t.db)
        .await
        .unwrap();
    ask_reset(&b, "ivo@example.bg").await;
    let mut second = reset_token(&base, "ivo@example.bg").await;
    for _ in 0..50 {
        if second != first {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        second = reset_token(&base, "ivo@example.bg").await;
    }
    assert_ne!(second, first, "a new link was mailed");
    assert_eq!(
        set_password(&b, &second, "съвсем нова парола")
            .await
            .status(),
        200
    );
    b.sign_in("ivo@example.bg", "съвсем нова парола").await;
    let neighbour = b
        .post(
            "/fn/sign_in",
            &[
                ("locale", "bg"),
                ("email", "iv_@example.bg"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(neighbour.status(), 429, "another account's count stays");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_that_mail_someone_are_limited_per_client_address() {
    let t = common::sqlite().await;
    let base = spawn_server(t.db.clone()).await;
    let b = Browser::new(&base);
    // Sign-ups and reset requests share one allowance: ten at once.
    for n in 0..5 {
        assert_eq!(
            sign_up(&b, &format!("p{n}@example.bg"), PASSWORD)
                .await
                .status(),
            200
        );
    }
    for n in 0..5 {
        let r = ask_reset(&b, &format!("p{n}@example.bg")).await;
        assert_eq!(r.status(), 200, "request {n}");
    }
    let before = common::fingerprint(&t.db).await;
    assert_eq!(ask_reset(&b, "p0@example.bg").await.status(), 429);
    assert_eq!(sign_up(&b, "p9@example.bg", PASSWORD).await.status(), 429);
    common::assert_same(
        &before,
        &common::fingerprint(&t.db).await,
        "limited requests",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_address_is_taken_only_once_its_link_is_followed() {
    use sea_orm::{EntityTrait, sea_query::Expr};
    for t in all_databases().await {
        let base = spawn_server(t.db.clone()).await;
        let a = Browser::new(&base);
        common::sign_up_confirmed(&a, "stara@example.bg", PASSWORD, "Ана").await;
        let b = Browser::new(&base);
        common::sign_up_confirmed(&b, "zaeto@example.bg", PASSWORD, "Боян").await;
        let change = |email: &'static str, password: &'static str| {
            let a = &a;
            async move {
                a.post(
                    "/fn/change_email",
                    &[
                        ("locale", "bg"),
                        ("new_email", email),
                        ("password", password),
                    ],
                )
                .await
            }
        };

        let before = common::fingerprint(&t.db).await;
        let wrong = change("nova@example.bg", "не е паролата").await;
        assert_eq!(wrong.status(), 422, "{}", t.label);
        assert!(
            wrong
                .text()
                .await
                .unwrap()
                .contains("\"field\":\"password\"")
        );
        let same = change("Stara@example.bg", PASSWORD).await;
        assert_eq!(same.status(), 422);
        assert!(
            same.text()
                .await
                .unwrap()
                .contains("\"field\":\"new_email\"")
        );
        common::assert_same(
            &before,
            &common::fingerprint(&t.db).await,
            "refused changes",
        );

        let asked = change("nova@example.bg", PASSWORD).await;
        assert_eq!(asked.status(), 200);
        assert_eq!(location(&asked), "/account?saved=new_address");
        assert_eq!(
            a.whoami().await.as_deref(),
            Some("stara@example.bg"),
            "not yet"
        );
        let link = common::link_in_mail(&base, "nova@example.bg", "/new-address?token=").await;
        let token = link.split("token=").nth(1).unwrap().to_string();
        assert_eq!(
            change("druga@example.bg", PASSWORD).await.status(),
            429,
            "a minute apart"
        );

        // Another account's address: the same answer; its owner is told,
        // and no link goes out.
        app::server::entities::account_token::Entity::update_many()
            .col_expr(
                app::server::entities::account_token::Column::CreatedAt,
                Expr::value(chrono::Utc::now() - chrono::Duration::minutes(2)),
            )
            .exec(&t.db)
            .await
            .unwrap();
        let taken = change("zaeto@example.bg", PASSWORD).await;
        assert_eq!(taken.status(), 200);
        assert_eq!(location(&taken), "/account?saved=new_address");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert!(
            !common::mails_to(&base, "zaeto@example.bg")
                .iter()
                .any(|m| m.contains("/new-address?token=")),
            "no link to an address another account has"
        );

        // The first link still works? No: a newer request revoked it only
        // if it made a link, and the taken address made none.
        let confirmed = a
            .post(
                "/fn/confirm_new_address",
                &[("locale", "bg"), ("token", &token)],
            )
            .await;
        assert_eq!(confirmed.status(), 200, "{}", t.label);
        assert_eq!(location(&confirmed), "/account?saved=address_changed");
        assert_eq!(a.whoami().await.as_deref(), Some("nova@example.bg"));
        // The old address is told (the mail goes out after the answer).
        common::mail_holding(&base, "stara@example.bg", "nova@example.bg").await;
        let again = a
            .post(
                "/fn/confirm_new_address",
                &[("locale", "bg"), ("token", &token)],
            )
            .await;
        assert_eq!(again.status(), 422, "spent");
        let fresh = Browser::new(&base);
        fresh.sign_in("nova@example.bg", PASSWORD).await;
        t.drop_db().await;
    }
}
