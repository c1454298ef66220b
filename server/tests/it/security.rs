//! The holes an outside probe found, each closed and kept closed: stored
//! script through a textarea, invitations taken by whoever signs up with an
//! address, sessions that outlive "sign out everywhere", open redirects,
//! idle connections, oversized bodies, sign-in throttling that locked out
//! owners, attested data overwritten, signed-in pages served from the
//! cache, forged Host headers, missing security headers, JSON-LD escaping,
//! cache generations moved by anyone, malformed bodies, crafted form
//! errors, copies of hidden products, and the small ones.

use crate::common;

use common::{Browser, all_databases, location, spawn_server};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use app::domain::notices::NoticeKind;
use app::domain::{ProductStatus, RegisterClass, VerificationStatus};
use app::server::entities::*;

const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");
const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
const CURATOR: (&str, &str) = ("kurator.varna@demo.socialenpazar.bg", "demo-kurator-2026");
const PLOVDIV: (&str, &str) = ("kurator.plovdiv@demo.socialenpazar.bg", "demo-kurator-2026");
const ADMIN: (&str, &str) = ("admin@demo.socialenpazar.bg", "demo-admin-2026");
const A_SLUG: &str = "sinya-nishka-varna";
const PASSWORD: &str = "дълга парола 2026";

async fn enterprise(db: &DatabaseConnection, slug: &str) -> enterprise::Model {
    enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn first_product(db: &DatabaseConnection, enterprise_id: i32) -> product::Model {
    product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(enterprise_id))
        .filter(product::Column::Status.eq("published"))
        .order_by_asc(product::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn seeded() -> (common::TestDb, String) {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    (t, base)
}

fn product_form(
    enterprise_id: &str,
    product_id: &str,
    title: &str,
    description: &str,
) -> Vec<(String, String)> {
    [
        ("locale", "bg"),
        ("enterprise_id", enterprise_id),
        ("product_id", product_id),
        ("input[title]", title),
        ("input[description]", description),
        ("input[category]", "pletiva"),
        ("input[price]", "12,50"),
        ("input[unit]", "piece"),
        ("input[availability]", "in_stock"),
        ("input[stock]", "5"),
        ("input[tags]", "вълна"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

// 1. Stored script through a workspace textarea.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_owners_type_into_a_textarea_comes_back_as_text() {
    let (t, base) = seeded().await;
    let a = enterprise(&t.db, A_SLUG).await;
    let p = first_product(&t.db, a.id).await;
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    let payload = "x </textarea><img src=x onerror=alert(1)><textarea>";
    let r = owner
        .post_owned(
            "/fn/save_product",
            &product_form(&a.id.to_string(), &p.id.to_string(), &p.title, payload),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let page = owner
        .get(&format!("/dashboard/e/{}/p/{}", a.slug, p.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("<img src=x"), "the payload became markup");
    assert!(
        page.contains("x &lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;&lt;textarea&gt;"),
        "the text is shown as typed"
    );
    t.drop_db().await;
}

// 2. Invitations go only to the proven owner of the address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_waits_for_a_confirmed_address() {
    let (t, base) = seeded().await;
    let a = enterprise(&t.db, A_SLUG).await;
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    let r = owner
        .post(
            "/fn/invite_member",
            &[
                ("locale", "bg"),
                ("enterprise_id", &a.id.to_string()),
                ("email", "new.hire@example.org"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let inv = enterprise_invitation::Entity::find()
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();

    // Someone signs up with the address first: without its mailbox they
    // neither see nor take the invitation.
    let squatter = Browser::new(&base);
    let r = squatter
        .post(
            "/fn/sign_up",
            &[
                ("locale", "bg"),
                ("accept_terms", "on"),
                ("email", "new.hire@example.org"),
                ("password", PASSWORD),
                ("display_name", "Самозванец"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    squatter.sign_in("new.hire@example.org", PASSWORD).await;
    let dash: serde_json::Value = squatter
        .post("/fn/dashboard", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(dash["invitations"], serde_json::json!([]));
    assert_eq!(dash["email_confirmed"], false);
    let before = common::fingerprint(&t.db).await;
    let r = squatter
        .post(
            "/fn/accept_invitation",
            &[("locale", "bg"), ("invitation_id", &inv.id.to_string())],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("потвърдете имейла"));
    assert_eq!(common::fingerprint(&t.db).await, before, "nothing changed");
    // Registering an enterprise waits for the address too.
    let r = squatter
        .post(
            "/fn/register_enterprise",
            &[
                ("locale", "bg"),
                ("input[name]", "Чуждо"),
                ("input[eik]", &app::eik::complete9(20_261_130)),
                ("input[legal_form]", "ЕООД"),
                ("input[district]", "varna"),
                ("input[settlement]", "Варна"),
                ("input[email]", "office@example.bg"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);

    // The mail: a link to a page whose button confirms, once.
    let link = common::link_in_mail(&base, "new.hire@example.org", "/confirm?token=").await;
    assert!(
        link.starts_with(&format!("{base}/confirm?token=")),
        "{link}"
    );
    let token = link.split("token=").nth(1).unwrap().to_string();
    let page = squatter.get(&format!("/confirm?token={token}")).await;
    assert_eq!(page.status(), 200);
    assert!(
        user::Entity::find()
            .filter(user::Column::Email.eq("new.hire@example.org"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .email_confirmed_at
            .is_none(),
        "opening the page (a mail scanner) confirms nothing"
    );
    let confirm = |b: &Browser, token: String| {
        let b = b.clone_session();
        async move {
            b.post("/fn/confirm_email", &[("locale", "bg"), ("token", &token)])
                .await
        }
    };
    let r = confirm(&squatter, token.clone()).await;
    assert_eq!(r.status(), 200);
    assert_eq!(location(&r), "/account?saved=confirmed");
    let again = confirm(&squatter, token.clone()).await;
    assert_eq!(again.status(), 422, "a link works once");
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("Връзката не е валидна")
    );
    let forged = confirm(&squatter, "A".repeat(43)).await;
    assert_eq!(forged.status(), 422);

    // Confirmed: the invitation shows and can be taken.
    let dash: serde_json::Value = squatter
        .post("/fn/dashboard", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(dash["invitations"][0]["id"], inv.id);
    let r = squatter
        .post(
            "/fn/accept_invitation",
            &[("locale", "bg"), ("invitation_id", &inv.id.to_string())],
        )
        .await;
    assert_eq!(r.status(), 200);
    t.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirmation_links_expire_and_new_ones_replace_old_ones() {
    let (t, base) = seeded().await;
    let b = Browser::new(&base);
    b.post(
        "/fn/sign_up",
        &[
            ("locale", "en"),
            ("accept_terms", "on"),
            ("email", "late@example.org"),
            ("password", PASSWORD),
            ("display_name", "Late Reader"),
        ],
    )
    .await;
    b.sign_in("late@example.org", PASSWORD).await;
    let first = common::link_in_mail(&base, "late@example.org", "/en/confirm?token=").await;
    let mail = common::mails_to(&base, "late@example.org").remove(0);
    assert!(mail.contains("Subject: "), "{mail}");
    assert!(
        mail.contains("Hello Late Reader,"),
        "in the reader's language: {mail}"
    );
    // Two days later, the link is past its time.
    account_token::Entity::update_many()
        .col_expr(
            account_token::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .col_expr(
            account_token::Column::CreatedAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::days(2)),
        )
        .exec(&t.db)
        .await
        .unwrap();
    let token = first.split("token=").nth(1).unwrap();
    let r = b
        .post("/fn/confirm_email", &[("locale", "en"), ("token", token)])
        .await;
    assert_eq!(r.status(), 422);
    // A new link, at most one a minute.
    let r = b.post("/fn/resend_confirmation", &[("locale", "en")]).await;
    assert_eq!(r.status(), 200);
    let r = b.post("/fn/resend_confirmation", &[("locale", "en")]).await;
    assert_eq!(r.status(), 429);
    for _ in 0..50 {
        if common::mails_to(&base, "late@example.org").len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mails = common::mails_to(&base, "late@example.org");
    assert_eq!(mails.len(), 2);
    let second = mails[1]
        .lines()
        .find(|l| l.contains("/en/confirm?token="))
        .unwrap()
        .trim()
        .to_string();
    assert_ne!(second, first);
    let token = second.split("token=").nth(1).unwrap();
    let r = b
        .post("/fn/confirm_email", &[("locale", "en"), ("token", token)])
        .await;
    assert_eq!(r.status(), 200);
    // Signing up again with the address says the same and mails its owner.
    let r = Browser::new(&base)
        .post(
            "/fn/sign_up",
            &[
                ("locale", "bg"),
                ("accept_terms", "on"),
                ("email", "late@example.org"),
                ("password", "съвсем друга парола"),
                ("display_name", "Друг"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(location(&r), "/signin?registered=1");
    common::link_in_mail(&base, "late@example.org", "/en/signin").await;
    t.drop_db().await;
}

// 3. A session that was ended stays ended, even while it is in use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_session_stays_ended_while_it_is_in_use() {
    let (t, base) = seeded().await;
    let p = first_product(&t.db, enterprise(&t.db, A_SLUG).await.id).await;
    let victim = Browser::new(&base);
    common::sign_up_confirmed(&victim, "victim@example.org", PASSWORD, "Жертва").await;
    let mut password = PASSWORD.to_string();
    for round in 0..6 {
        // The thief holds a copy of the session and keeps using it (each
        // basket change saves the session).
        let thief = victim.clone_session();
        let pid = p.id.to_string();
        let busy = tokio::spawn(async move {
            for _ in 0..15 {
                thief
                    .post(
                        "/fn/put_in_basket",
                        &[("locale", "bg"), ("product_id", &pid), ("quantity", "1")],
                    )
                    .await;
            }
            thief
        });
        let stolen = victim.clone_session();
        tokio::time::sleep(std::time::Duration::from_millis(5 * round)).await;
        let next = format!("{PASSWORD} {round}");
        let r = victim
            .post(
                "/fn/change_password",
                &[
                    ("locale", "bg"),
                    ("current_password", &password),
                    ("new_password", &next),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        password = next;
        let thief = busy.await.unwrap();
        assert_eq!(
            thief.whoami().await,
            None,
            "round {round}: the stolen session lived on"
        );
        assert_eq!(stolen.whoami().await, None);
        assert_eq!(
            victim.whoami().await.as_deref(),
            Some("victim@example.org"),
            "the one who changed it stays in"
        );
    }
    t.drop_db().await;
}

// 4. Redirects stay on the site.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_addresses_stay_on_this_site() {
    let (t, base) = seeded().await;
    for next in [
        "/%09/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
    ] {
        let b = Browser::new(&base);
        let decoded = percent_decode(next);
        let r = b
            .post(
                "/fn/sign_in",
                &[
                    ("locale", "bg"),
                    ("email", BUYER.0),
                    ("password", BUYER.1),
                    ("next", &decoded),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{next}");
        // A buyer's own start page is the home page.
        assert_eq!(location(&r), "/", "{next}");
    }
    let http = common::client();
    for next in [
        "/%09/evil.example",
        "/%00",
        "/%0d%0aSet-Cookie:%20x=1",
        "//evil.example",
    ] {
        let r = http
            .get(format!("{base}/lang/en?next={next}"))
            .send()
            .await
            .expect("an answer, not a dropped connection");
        assert_eq!(r.status(), 400, "{next}");
        assert_eq!(r.text().await.unwrap(), "next must be a page of this site");
    }
    let r = http
        .get(format!("{base}/lang/en?next=/en/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/en/events");
    t.drop_db().await;
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

// 5. Idle and half-sent connections are closed; a connection limit holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_are_closed_and_counted() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let t = common::sqlite().await;
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = server::serve::Limits {
        header_read: std::time::Duration::from_millis(500),
        max_connections: 3,
        drain: std::time::Duration::from_secs(1),
    };
    tokio::spawn(server::serve::serve(
        listener,
        app,
        limits,
        std::future::pending(),
    ));
    // Three connections that never finish their headers fill the server.
    let mut idle = Vec::new();
    for _ in 0..3 {
        let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
        c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        idle.push(c);
    }
    // Each is closed after the header deadline...
    for c in &mut idle {
        let mut buf = [0u8; 512];
        let n = tokio::time::timeout(std::time::Duration::from_secs(5), c.read(&mut buf))
            .await
            .expect("closed within the deadline")
            .unwrap_or(0);
        let answer = String::from_utf8_lossy(&buf[..n]);
        assert!(n == 0 || answer.starts_with("HTTP/1.1 408"), "{answer}");
    }
    // ...and a real request is then answered.
    let r = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        common::client().get(format!("http://{addr}/")).send(),
    )
    .await
    .expect("answered once the idle ones are gone")
    .unwrap();
    assert_eq!(r.status(), 200);
    t.drop_db().await;
}

// 5b. SIGTERM (any shutdown) lets requests in flight finish.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutting_down_finishes_requests_in_flight() {
    let app = axum::Router::new().route(
        "/slow",
        axum::routing::get(|| async {
            tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            "done"
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(server::serve::serve(
        listener,
        app,
        server::serve::Limits::default(),
        async {
            let _ = stopped.await;
        },
    ));
    let request = tokio::spawn(common::client().get(format!("http://{addr}/slow")).send());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    stop.send(()).unwrap();
    let r = request
        .await
        .unwrap()
        .expect("the request in flight is answered");
    assert_eq!(r.text().await.unwrap(), "done");
    served.await.unwrap().unwrap();
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no new connections after shutdown"
    );
}

// 6. Bodies are limited before they are read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_and_fields_are_refused() {
    let (t, base) = seeded().await;
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    // A declared length over the limit: 413 at once, before any body is
    // sent (the answer does not wait for it).
    let form_max = server::hardening::FORM_MAX;
    let head = |kind: &str, length: usize| {
        format!(
            "POST /fn/update_profile HTTP/1.1\r\nContent-Type: {kind}\r\nContent-Length: {length}"
        )
    };
    let urlencoded = "application/x-www-form-urlencoded";
    assert_eq!(
        common::raw_status(&base, &head(urlencoded, form_max + 1), b"").await,
        413
    );
    // A body that declares no length is cut off once it passes the limit.
    let mut chunk = format!("{:x}\r\n", form_max + 1).into_bytes();
    chunk.extend(std::iter::repeat_n(b'x', form_max + 1));
    let chunked = format!(
        "POST /fn/update_profile HTTP/1.1\r\nContent-Type: {urlencoded}\r\nTransfer-Encoding: chunked"
    );
    assert_eq!(common::raw_status(&base, &chunked, &chunk).await, 413);
    // A multipart text field over its limit: refused, nothing read whole.
    let form = reqwest::multipart::Form::new()
        .text("locale", "x".repeat(64 * 1024))
        .text("product_id", "1")
        .part(
            "file",
            reqwest::multipart::Part::bytes(vec![1, 2, 3]).file_name("a.png"),
        );
    let r = owner.post_multipart("/fn/upload_image", form).await;
    assert_eq!(r.status(), 422);
    // A multipart body over the whole limit.
    let multipart = "multipart/form-data; boundary=b";
    let upload = |length: usize| {
        format!(
            "POST /fn/upload_image HTTP/1.1\r\nContent-Type: {multipart}\r\nContent-Length: {length}"
        )
    };
    assert_eq!(
        common::raw_status(&base, &upload(server::hardening::MULTIPART_MAX + 1), b"").await,
        413
    );
    // Nobody signed in: refused before anything is read (no body is sent).
    assert_eq!(
        common::raw_status(&base, &upload(64 * 1024), b"").await,
        401
    );
    t.drop_db().await;
}

// 7. Guessing is slowed; the owner is not locked out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_is_slowed_without_locking_out_the_owner() {
    let (t, base) = seeded().await;
    // The owner has signed in from this browser before (a known device).
    let owner = Browser::new(&base);
    owner.sign_in(BUYER.0, BUYER.1).await;
    owner.post("/fn/sign_out", &[("locale", "bg")]).await;
    // A guesser from the same address, without the cookie.
    let guesser = Browser::new(&base);
    let guess = |b: &Browser, password: &'static str| {
        let b = b.clone_session();
        async move {
            b.post(
                "/fn/sign_in",
                &[("locale", "bg"), ("email", BUYER.0), ("password", password)],
            )
            .await
            .status()
        }
    };
    for _ in 0..app::server::accounts::throttle::PAIR_FREE {
        assert_eq!(guess(&guesser, "грешна парола 1").await, 422);
    }
    // Now the guesser waits, even with the right password...
    assert_eq!(guess(&guesser, "грешна парола 2").await, 429);
    assert_eq!(guess(&guesser, BUYER.1).await, 429);
    // ...while the owner, on their own browser, gets in at once.
    assert_eq!(guess(&owner, BUYER.1).await, 200);
    // Counted in the database, for every app server.
    assert!(
        sign_in_failure::Entity::find()
            .filter(sign_in_failure::Column::Key.eq(format!("a:{}", BUYER.0)))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .failures
            >= 5
    );
    t.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_ceiling_stops_spread_out_guessing_but_not_known_devices() {
    use app::server::accounts::throttle::{self, ACCOUNT_CEILING, Attempt};
    for t in all_databases().await {
        let attempt = |i: u32, device: Option<&str>| Attempt {
            email: "target@example.org".into(),
            client: Some(std::net::IpAddr::from([
                198,
                51,
                (i / 250) as u8,
                (i % 250) as u8,
            ])),
            known_device: device.map(str::to_string),
        };
        // Spread over many addresses, no pair is ever slowed...
        for i in 0..ACCOUNT_CEILING as u32 {
            throttle::check(&t.db, &attempt(i, None)).await.unwrap();
            throttle::failed(&t.db, &attempt(i, None)).await.unwrap();
        }
        // ...but the account's ceiling stops the next address,
        assert!(matches!(
            throttle::check(&t.db, &attempt(9_999, None)).await,
            Err(app::error::AppError::RateLimited)
        ));
        // and lets the owner's known browser through.
        throttle::check(&t.db, &attempt(9_999, Some("device-hash")))
            .await
            .unwrap();
        // One address's failures slow only that address.
        let one = attempt(7, None);
        for _ in 0..throttle::PAIR_FREE {
            throttle::failed(&t.db, &one).await.unwrap();
        }
        let other_account = Attempt {
            email: "someone.else@example.org".into(),
            ..one.clone()
        };
        throttle::check(&t.db, &other_account).await.unwrap();
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ups_from_one_address_are_limited() {
    let (t, base) = seeded().await;
    let b = Browser::new(&base);
    let mut statuses = Vec::new();
    for i in 0..12 {
        let email = format!("bulk{i}@example.org");
        statuses.push(
            b.post(
                "/fn/sign_up",
                &[
                    ("locale", "bg"),
                    ("accept_terms", "on"),
                    ("email", &email),
                    ("password", PASSWORD),
                    ("display_name", "Масов"),
                ],
            )
            .await
            .status(),
        );
    }
    assert!(statuses[..10].iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(statuses[11], 429);
    assert_eq!(
        user::Entity::find()
            .filter(user::Column::Email.like("bulk%"))
            .count(&t.db)
            .await
            .unwrap(),
        10
    );
    t.drop_db().await;
}

// 8. What a curator attested goes back to the curator.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owners_cannot_overwrite_what_a_curator_attested() {
    let (t, base) = seeded().await;
    let a = enterprise(&t.db, A_SLUG).await;
    let mut row: enterprise::ActiveModel = a.clone().into();
    row.verification_status = Set(VerificationStatus::Verified);
    row.register_entry = Set(Some("2025/0042".into()));
    row.register_class = Set(Some(RegisterClass::A));
    row.update(&t.db).await.unwrap();
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    let a_s = a.id.to_string();
    let form = |entry: &'static str, district: &'static str| {
        vec![
            ("locale", "bg"),
            ("enterprise_id", a_s.as_str()),
            ("input[name]", "Синя нишка"),
            ("input[eik]", ""),
            ("input[legal_form]", "ЕООД"),
            ("input[district]", district),
            ("input[settlement]", "Варна"),
            ("input[email]", "office@example.bg"),
            ("input[register_entry]", entry),
            ("input[register_class]", "A+"),
        ]
    };
    // A changed register entry takes the badge back to the queue.
    let r = owner
        .post("/fn/update_enterprise", &form("2026/9999", "varna"))
        .await;
    assert_eq!(r.status(), 200);
    let after = enterprise(&t.db, A_SLUG).await;
    assert_eq!(after.verification_status, VerificationStatus::Unverified);
    assert!(after.verification_requested_at.is_some());
    // Suspended, it cannot leave its curator's region.
    let mut row: enterprise::ActiveModel = after.into();
    row.suspended_at = Set(Some(chrono::Utc::now()));
    row.suspension_reason = Set(Some("Проверка.".into()));
    row.update(&t.db).await.unwrap();
    let before = common::fingerprint(&t.db).await;
    let r = owner
        .post("/fn/update_enterprise", &form("2026/9999", "plovdiv"))
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("регионалния център"));
    assert_eq!(common::fingerprint(&t.db).await, before);
    assert_eq!(enterprise(&t.db, A_SLUG).await.district_id, a.district_id);
    t.drop_db().await;
}

// 9. Signed-in pages never reach the page cache, whatever the cookie's spelling.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_in_pages_are_private_however_the_cookie_is_spelt() {
    let (t, base) = seeded().await;
    let b = Browser::new(&base);
    b.sign_in(BUYER.0, BUYER.1).await;
    let url = reqwest::Url::parse(&base).unwrap();
    let cookies = reqwest::cookie::CookieStore::cookies(b.jar.as_ref(), &url)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let sid = cookies
        .split(';')
        .find_map(|c| c.trim().strip_prefix("sid="))
        .unwrap()
        .to_string();
    let http = common::client();
    for spelling in [
        format!("sid={sid}"),
        format!("sid ={sid}"),
        format!("%73id={sid}"),
    ] {
        let r = http
            .get(format!("{base}/account"))
            .header("Cookie", &spelling)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.headers()["cache-control"],
            "private, no-store",
            "{spelling}"
        );
        assert!(r.text().await.unwrap().contains(BUYER.0), "{spelling}");
        let anon = http.get(format!("{base}/account")).send().await.unwrap();
        assert!(
            !anon.text().await.unwrap().contains(BUYER.0),
            "{spelling}: an anonymous reader got the signed-in page"
        );
    }
    t.drop_db().await;
}

// 10. A forged Host reaches nobody.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn addresses_are_never_built_from_the_host_header() {
    let (t, base) = seeded().await;
    let event = event::Entity::find().one(&t.db).await.unwrap().unwrap();
    let http = common::client();
    for _ in 0..2 {
        let page = http
            .get(format!("{base}/events/{}/print", event.slug))
            .header("Host", "evil.example")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!page.contains("evil.example"));
        assert!(page.contains(&format!("{base}/events/{}", event.slug)));
    }
    t.drop_db().await;
}

// 11. Security headers on every answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_carries_the_security_headers() {
    let (t, base) = seeded().await;
    let http = common::client();
    for path in ["/", "/search?q=мед", "/signin", "/no-such-page", "/healthz"] {
        let r = http.get(format!("{base}{path}")).send().await.unwrap();
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
        assert!(h.contains_key("permissions-policy"));
        assert!(
            !h.contains_key("strict-transport-security"),
            "no HSTS over plain http"
        );
    }
    // A page's inline scripts carry a nonce, and its policy allows it.
    let r = http.get(format!("{base}/signin")).send().await.unwrap();
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(!r.headers().contains_key(app::SCRIPT_NONCE_HEADER));
    let page = r.text().await.unwrap();
    let nonce = page
        .split("<script nonce=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("an inline script with a nonce");
    assert!(csp.contains(&format!("'nonce-{nonce}'")), "{csp}");
    t.drop_db().await;
}

// 12. JSON-LD cannot open a comment or close its script.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn product_text_cannot_break_out_of_the_json_ld() {
    let (t, base) = seeded().await;
    let a = enterprise(&t.db, A_SLUG).await;
    let p = first_product(&t.db, a.id).await;
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    let r = owner
        .post_owned(
            "/fn/save_product",
            &product_form(
                &a.id.to_string(),
                &p.id.to_string(),
                "Шал <!--<script>",
                "Описание </script><script>alert(1)</script>",
            ),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let slug = product::Entity::find_by_id(p.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    let page = common::get_text(&format!("{base}/p/{slug}")).await;
    let json = page
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap();
    assert!(!json.contains('<'), "{json}");
    assert!(json.contains("\\u003c!--\\u003cscript\\u003e"), "{json}");
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["name"], "Шал <!--<script>");
    // The page is whole: its footer is there.
    assert!(page.contains("site-footer"));
    t.drop_db().await;
}

// 13. Only committed writes make kept pages stale.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posting_nonsense_does_not_empty_the_caches() {
    let (t, base) = seeded().await;
    common::wait_until_indexed(&base).await;
    let http = common::client();
    let hit = || async {
        http.get(format!("{base}/search?q=мед"))
            .send()
            .await
            .unwrap()
            .headers()
            .get("x-page-cache")
            .is_some()
    };
    hit().await;
    assert!(hit().await, "kept");
    let anon = Browser::new(&base);
    assert_eq!(anon.post("/fn/nope", &[]).await.status(), 400);
    assert_eq!(
        anon.post(
            "/fn/hide_product",
            &[("locale", "bg"), ("product_id", "1"), ("next", "/")]
        )
        .await
        .status(),
        401
    );
    let buyer = Browser::new(&base);
    buyer.sign_in(BUYER.0, BUYER.1).await;
    assert_eq!(
        buyer
            .post(
                "/fn/hide_product",
                &[("locale", "bg"), ("product_id", "1"), ("next", "/")]
            )
            .await
            .status(),
        403
    );
    assert!(hit().await, "refused and unknown calls left the page kept");
    t.drop_db().await;
}

// 14. Malformed bodies are a 400 with a plain message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_are_400_without_internals() {
    let (t, base) = seeded().await;
    let http = common::client();
    for body in ["locale=xx&email=1", "%%%", "locale=bg"] {
        let r = http
            .post(format!("{base}/fn/sign_in"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{body}");
        let text = r.text().await.unwrap();
        assert_eq!(text, r#"{"Transport":"malformed request"}"#, "{body}");
    }
    let r = http
        .get(format!("{base}/lang/bg?next=/%00"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    t.drop_db().await;
}

// 15. Only errors the server made for this reader are shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crafted_form_errors_are_not_shown() {
    use base64::Engine;
    let (t, base) = seeded().await;
    let crafted = serde_json::json!({"Invalid": [{"field": "_form", "code": "x", "message": "Обадете се на 0888 000 000"}]});
    let err = base64::engine::general_purpose::URL_SAFE.encode(crafted.to_string());
    let page = common::get_text(&format!("{base}/signin?__path=/fn/sign_in&__err={err}")).await;
    assert!(!page.contains("0888 000 000"));
    // A real failed post without JavaScript comes back with its error.
    let b = Browser::new(&base);
    let r = b
        .http
        .post(format!("{base}/fn/sign_in"))
        .header("Accept", "text/html")
        .header("Referer", format!("{base}/signin"))
        .form(&[
            ("locale", "bg"),
            ("email", BUYER.0),
            ("password", "грешна парола"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection());
    let back = location(&r);
    assert!(back.contains("__sig="), "{back}");
    let page = b
        .get(back.trim_start_matches(&base))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Грешен имейл или парола"));
    // The same link in another reader's browser shows nothing.
    let other = Browser::new(&base);
    other.sign_in(OWNER.0, OWNER.1).await;
    let page = other
        .get(back.trim_start_matches(&base))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Грешен имейл или парола"));
    t.drop_db().await;
}

// 16. A copy of a hidden product is hidden.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_of_a_hidden_product_stays_hidden() {
    let (t, base) = seeded().await;
    let a = enterprise(&t.db, A_SLUG).await;
    let p = first_product(&t.db, a.id).await;
    let curator = Browser::new(&base);
    curator.sign_in(CURATOR.0, CURATOR.1).await;
    let r = curator
        .post(
            "/fn/hide_product",
            &[
                ("locale", "bg"),
                ("product_id", &p.id.to_string()),
                ("reason", "Подвеждащо описание."),
                ("next", "/curator/varna"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    let r = owner
        .post(
            "/fn/product_action",
            &[
                ("locale", "bg"),
                ("product_id", &p.id.to_string()),
                ("action", "duplicate"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let copy = product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(a.id))
        .order_by_desc(product::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(copy.id, p.id);
    assert_eq!(copy.status, ProductStatus::Hidden);
    assert_eq!(copy.hidden_reason.as_deref(), Some("Подвеждащо описание."));
    let r = owner
        .post(
            "/fn/product_action",
            &[
                ("locale", "bg"),
                ("product_id", &copy.id.to_string()),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), 409, "and cannot be published");
    t.drop_db().await;
}

// 17. The small ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notices_opened_from_another_site_stay_unread() {
    let (t, base) = seeded().await;
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    let me = user::Entity::find()
        .filter(user::Column::Email.eq(OWNER.0))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    app::server::kernel::notices::notify(
        &t.db,
        [me.id],
        NoticeKind::EnterpriseVerified,
        &Default::default(),
    )
    .await
    .unwrap();
    let unread = || async {
        notice::Entity::find()
            .filter(notice::Column::UserId.eq(me.id))
            .filter(notice::Column::ReadAt.is_null())
            .count(&t.db)
            .await
            .unwrap()
    };
    let r = owner
        .http
        .get(format!("{base}/notices"))
        .header("Sec-Fetch-Site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        unread().await > 0,
        "a cross-site navigation marked notices read"
    );
    owner
        .http
        .get(format!("{base}/notices"))
        .header("Sec-Fetch-Site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(unread().await, 0);
    t.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_sessions_are_deleted() {
    let t = common::sqlite().await;
    for (id, days) in [("old", -1), ("live", 1)] {
        session::Entity::insert(session::ActiveModel {
            id: Set(id.into()),
            user_id: Set(None),
            data: Set("{}".into()),
            expires_at: Set(chrono::Utc::now() + chrono::Duration::days(days)),
        })
        .exec(&t.db)
        .await
        .unwrap();
    }
    tokio::spawn(server::worker::housekeeping(t.db.clone()));
    for _ in 0..50 {
        if session::Entity::find().count(&t.db).await.unwrap() == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let left: Vec<String> = session::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(left, vec!["live".to_string()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_who_is_no_party_finds_no_request_to_confirm_or_cancel() {
    let (t, base) = seeded().await;
    let a = enterprise(&t.db, A_SLUG).await;
    let p = first_product(&t.db, a.id).await;
    let buyer = Browser::new(&base);
    buyer.sign_in(BUYER.0, BUYER.1).await;
    buyer
        .post(
            "/fn/put_in_basket",
            &[
                ("locale", "bg"),
                ("product_id", &p.id.to_string()),
                ("quantity", "1"),
            ],
        )
        .await;
    let r = buyer
        .post(
            "/fn/send_basket",
            &[
                ("locale", "bg"),
                ("key", "sec-1"),
                ("input[contact_name]", "Купувач"),
                ("input[contact_email]", BUYER.0),
                ("input[delivery]", "pickup"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let o = order_request::Entity::find()
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let admin = Browser::new(&base);
    admin.sign_in(ADMIN.0, ADMIN.1).await;
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    for action in ["confirm", "cancel"] {
        let form = [
            ("locale", "bg"),
            ("id", &*o.id.to_string()),
            ("action", action),
        ];
        assert_eq!(
            admin.post("/fn/request_action", &form).await.status(),
            404,
            "{action}"
        );
        assert_eq!(
            owner.post("/fn/request_action", &form).await.status(),
            403,
            "{action}"
        );
    }
    t.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outsiders_learn_nothing_from_validation() {
    let (t, base) = seeded().await;
    let a = enterprise(&t.db, A_SLUG).await;
    let p = first_product(&t.db, a.id).await;
    let other = Browser::new(&base);
    other.sign_in(PLOVDIV.0, PLOVDIV.1).await;
    // An empty reason and an empty event: still "not yours", not "invalid".
    let r = other
        .post(
            "/fn/hide_product",
            &[
                ("locale", "bg"),
                ("product_id", &p.id.to_string()),
                ("reason", ""),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = other
        .post(
            "/fn/create_event",
            &[
                ("locale", "bg"),
                ("centre", "varna"),
                ("input[title]", ""),
                ("input[kind]", "fair"),
                ("input[starts_at]", ""),
                ("input[ends_at]", ""),
                ("input[place]", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    t.drop_db().await;
}
