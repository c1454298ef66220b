//! The regional centres over real HTTP: the region limits (a curator of
//! Varna can do nothing to Plovdiv, and a refusal changes nothing), the
//! verification life cycle with the badge in search, suspension and hidden
//! products, networks and events, certificates that lapse, the figures and
//! the audit log.

use crate::common;

use common::{
    Browser, all_databases, fingerprint, get_json, location, spawn_server, wait_until_indexed,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use app::domain::notices::NoticeKind;
use app::domain::{MemberRole, MembershipStatus, ParticipationStatus, VerificationStatus};
use app::server::entities::*;

const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");
const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
const VARNA: (&str, &str) = ("kurator.varna@demo.socialenpazar.bg", "demo-kurator-2026");
const PLOVDIV: (&str, &str) = ("kurator.plovdiv@demo.socialenpazar.bg", "demo-kurator-2026");
const ADMIN: (&str, &str) = ("admin@demo.socialenpazar.bg", "demo-admin-2026");
const A_SLUG: &str = "sinya-nishka-varna";

async fn enterprise_by_slug(db: &DatabaseConnection, slug: &str) -> enterprise::Model {
    enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn centre(db: &DatabaseConnection, slug: &str) -> regional_centre::Model {
    regional_centre::Entity::find()
        .filter(regional_centre::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

/// An enterprise of a centre's region waiting for verification.
async fn waiting_in(db: &DatabaseConnection, centre_id: i32) -> enterprise::Model {
    let districts: Vec<i32> = district::Entity::find()
        .filter(district::Column::CentreId.eq(centre_id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    enterprise::Entity::find()
        .filter(enterprise::Column::DistrictId.is_in(districts))
        .filter(enterprise::Column::VerificationStatus.eq("unverified"))
        .order_by_asc(enterprise::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("the demo data has a waiting enterprise in every region")
}

async fn first_published(db: &DatabaseConnection, enterprise_id: i32) -> product::Model {
    product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(enterprise_id))
        .filter(product::Column::Status.eq("published"))
        .order_by_asc(product::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn signed_in(base: &str, who: (&str, &str)) -> Browser {
    let b = Browser::new(base);
    b.sign_in(who.0, who.1).await;
    b
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn in_a_year() -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(365)).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn region_limits_every_refusal_changes_nothing() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let varna = centre(&t.db, "varna").await;
        let plovdiv = centre(&t.db, "plovdiv").await;
        let target = waiting_in(&t.db, varna.id).await;
        let target_s = target.id.to_string();
        let product_s = first_published(&t.db, target.id).await.id.to_string();
        let a = enterprise_by_slug(&t.db, A_SLUG).await;
        let a_s = a.id.to_string();
        // A was refused, so its owner may ask again.
        let mut refused: enterprise::ActiveModel = a.clone().into();
        refused.verification_status = Set(VerificationStatus::Rejected);
        refused.update(&t.db).await.unwrap();
        let a_membership = network_member::Entity::find()
            .filter(network_member::Column::EnterpriseId.eq(a.id))
            .filter(network_member::Column::Status.eq("approved"))
            .one(&t.db)
            .await
            .unwrap()
            .expect("Синя нишка is in a demo network")
            .id
            .to_string();
        let varna_network = network::Entity::find()
            .filter(network::Column::CentreId.eq(varna.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let plovdiv_network = network::Entity::find()
            .filter(network::Column::CentreId.eq(plovdiv.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let vn_s = varna_network.id.to_string();
        let pn_s = plovdiv_network.id.to_string();
        // An application and a sign-up waiting for the Varna curator.
        let application = network_member::Entity::insert(network_member::ActiveModel {
            network_id: Set(varna_network.id),
            enterprise_id: Set(target.id),
            status: Set(MembershipStatus::Applied),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .exec(&t.db)
        .await
        .unwrap()
        .last_insert_id
        .to_string();
        let varna_event = event::Entity::find()
            .filter(event::Column::CentreId.eq(varna.id))
            .filter(event::Column::EndsAt.gt(chrono::Utc::now()))
            .one(&t.db)
            .await
            .unwrap()
            .expect("an upcoming Varna event in the demo data");
        let ve_s = varna_event.id.to_string();
        event_participant::Entity::delete_many()
            .filter(event_participant::Column::EventId.eq(varna_event.id))
            .filter(event_participant::Column::EnterpriseId.is_in([target.id, a.id]))
            .exec(&t.db)
            .await
            .unwrap();
        let signup = event_participant::Entity::insert(event_participant::ActiveModel {
            event_id: Set(varna_event.id),
            enterprise_id: Set(target.id),
            status: Set(ParticipationStatus::Applied),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .exec(&t.db)
        .await
        .unwrap()
        .last_insert_id
        .to_string();

        let anon = Browser::new(&base);
        let buyer = signed_in(&base, BUYER).await;
        let owner = signed_in(&base, OWNER).await;
        let plovdiv_curator = signed_in(&base, PLOVDIV).await;
        let varna_curator = signed_in(&base, VARNA).await;
        let admin = signed_in(&base, ADMIN).await;
        let valid_until = in_a_year();
        let next = "/curator/varna";

        type Call<'a> = Box<
            dyn Fn(
                    &'a Browser,
                )
                    -> std::pin::Pin<Box<dyn std::future::Future<Output = reqwest::Response> + 'a>>
                + 'a,
        >;
        let mut actions: Vec<(&str, &[&str], Call)> = vec![];
        macro_rules! post {
            ($name:expr, $who:expr, $path:expr, $form:expr) => {{
                let form: Vec<(&str, String)> = $form
                    .into_iter()
                    .map(|(k, v): (&str, &str)| (k, v.to_string()))
                    .collect();
                actions.push((
                    $name,
                    $who,
                    Box::new(move |b: &Browser| {
                        let form = form.clone();
                        Box::pin(async move {
                            let pairs: Vec<(&str, &str)> =
                                form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                            b.post($path, &pairs).await
                        })
                    }),
                ));
            }};
        }
        const CURATORS: &[&str] = &["varna curator", "admin"];
        const ADMINS: &[&str] = &["admin"];
        const MEMBERS: &[&str] = &["owner", "admin"];
        post!(
            "read the desk",
            CURATORS,
            "/fn/desk",
            [("locale", "bg"), ("centre", "varna")]
        );
        post!(
            "review an enterprise",
            CURATORS,
            "/fn/review",
            [
                ("locale", "bg"),
                ("centre", "varna"),
                ("enterprise", target.slug.as_str())
            ]
        );
        post!(
            "read the figures",
            CURATORS,
            "/fn/figures",
            [("locale", "bg"), ("centre", "varna")]
        );
        post!(
            "read the audit log",
            CURATORS,
            "/fn/audit_log",
            [("locale", "bg"), ("centre", "varna")]
        );
        post!(
            "read the whole audit log",
            ADMINS,
            "/fn/audit_log",
            [("locale", "bg"), ("centre", "")]
        );
        actions.push((
            "download the figures",
            CURATORS,
            Box::new(|b: &Browser| {
                Box::pin(async move { b.get("/curator/varna/figures.csv").await })
            }),
        ));
        post!(
            "ask for a correction",
            CURATORS,
            "/fn/refuse_verification",
            [
                ("locale", "bg"),
                ("enterprise_id", target_s.as_str()),
                ("how", "correction"),
                ("reason", "Липсва номерът на вписване."),
                ("next", next)
            ]
        );
        post!(
            "verify",
            CURATORS,
            "/fn/verify_enterprise",
            [
                ("locale", "bg"),
                ("enterprise_id", target_s.as_str()),
                ("input[register_entry]", "2025/0042"),
                ("input[register_class]", "A"),
                ("input[certified_on]", "2025-01-10"),
                ("input[valid_until]", valid_until.as_str()),
                ("next", next)
            ]
        );
        post!(
            "suspend",
            CURATORS,
            "/fn/suspend_enterprise",
            [
                ("locale", "bg"),
                ("enterprise_id", target_s.as_str()),
                ("reason", "Жалби от купувачи, проверка на място."),
                ("next", next)
            ]
        );
        post!(
            "restore",
            CURATORS,
            "/fn/suspend_enterprise",
            [
                ("locale", "bg"),
                ("enterprise_id", target_s.as_str()),
                ("restore", "1"),
                ("next", next)
            ]
        );
        post!(
            "hide a product",
            CURATORS,
            "/fn/hide_product",
            [
                ("locale", "bg"),
                ("product_id", product_s.as_str()),
                ("reason", "Снимката не е на продукта."),
                ("next", next)
            ]
        );
        post!(
            "show a product again",
            CURATORS,
            "/fn/hide_product",
            [
                ("locale", "bg"),
                ("product_id", product_s.as_str()),
                ("show", "1"),
                ("next", next)
            ]
        );
        post!(
            "create a network",
            CURATORS,
            "/fn/create_network",
            [
                ("locale", "bg"),
                ("centre", "varna"),
                ("input[name]", "Морски занаяти"),
                ("input[kind]", "thematic")
            ]
        );
        post!(
            "invite into a network",
            CURATORS,
            "/fn/invite_to_network",
            [
                ("locale", "bg"),
                ("network_id", vn_s.as_str()),
                ("enterprise", "trapezata-plovdiv"),
                ("next", next)
            ]
        );
        post!(
            "approve an application",
            CURATORS,
            "/fn/decide_membership",
            [
                ("locale", "bg"),
                ("membership_id", application.as_str()),
                ("decision", "approve"),
                ("next", next)
            ]
        );
        post!(
            "publish an event",
            CURATORS,
            "/fn/create_event",
            [
                ("locale", "bg"),
                ("centre", "varna"),
                ("input[title]", "Пролетен базар"),
                ("input[kind]", "bazaar"),
                ("input[starts_at]", "2030-04-20T10:00"),
                ("input[ends_at]", "2030-04-20T18:00"),
                ("input[place]", "Варна, Морска градина")
            ]
        );
        post!(
            "confirm a participant",
            CURATORS,
            "/fn/decide_participant",
            [
                ("locale", "bg"),
                ("participant_id", signup.as_str()),
                ("decision", "confirm"),
                ("next", next)
            ]
        );
        post!(
            "apply to a network for an enterprise",
            MEMBERS,
            "/fn/apply_to_network",
            [
                ("locale", "bg"),
                ("enterprise_id", a_s.as_str()),
                ("network_id", pn_s.as_str()),
                ("next", "/dashboard")
            ]
        );
        post!(
            "sign an enterprise up for an event",
            MEMBERS,
            "/fn/take_part",
            [
                ("locale", "bg"),
                ("enterprise_id", a_s.as_str()),
                ("event_id", ve_s.as_str()),
                ("next", "/dashboard")
            ]
        );
        post!(
            "read an enterprise's networks and events",
            MEMBERS,
            "/fn/participation",
            [("locale", "bg"), ("slug", A_SLUG)]
        );
        post!(
            "ask again for verification",
            MEMBERS,
            "/fn/resubmit_verification",
            [
                ("locale", "bg"),
                ("enterprise_id", a_s.as_str()),
                ("next", "/dashboard")
            ]
        );
        {
            let vn = vn_s.clone();
            actions.push((
                "upload a network logo",
                CURATORS,
                Box::new(move |b: &Browser| {
                    let vn = vn.clone();
                    Box::pin(async move {
                        let form = reqwest::multipart::Form::new()
                            .text("locale", "bg")
                            .text("network_id", vn)
                            .text("next", "/curator/varna")
                            .part(
                                "file",
                                reqwest::multipart::Part::bytes(png(64, 64)).file_name("logo.png"),
                            );
                        b.post_multipart("/fn/upload_network_logo", form).await
                    })
                }),
            ));
        }
        // Last: A is out of the network after it.
        post!(
            "leave a network",
            MEMBERS,
            "/fn/network_membership",
            [
                ("locale", "bg"),
                ("membership_id", a_membership.as_str()),
                ("action", "leave"),
                ("next", "/dashboard")
            ]
        );

        let actors: [(&str, &Browser); 5] = [
            ("anonymous", &anon),
            ("buyer", &buyer),
            ("owner", &owner),
            ("plovdiv curator", &plovdiv_curator),
            ("varna curator", &varna_curator),
        ];
        let mut walked = 0;
        for (name, allowed, call) in &actions {
            for (who, browser) in actors {
                if allowed.contains(&who) {
                    continue;
                }
                let before = fingerprint(&t.db).await;
                let r = call(browser).await;
                let want = if who == "anonymous" { 401 } else { 403 };
                assert_eq!(
                    r.status().as_u16(),
                    want,
                    "{}: {who} may not {name}",
                    t.label
                );
                assert_eq!(
                    before,
                    fingerprint(&t.db).await,
                    "{}: refused {name} by {who} changed the database",
                    t.label
                );
                walked += 1;
            }
            let doer = if allowed.contains(&"varna curator") {
                &varna_curator
            } else if allowed.contains(&"owner") {
                &owner
            } else {
                &admin
            };
            let r = call(doer).await;
            assert!(
                r.status().is_success(),
                "{}: {name} by an allowed caller: {}",
                t.label,
                r.status()
            );
        }
        assert!(walked >= 85, "walked {walked} refusals");
        // The Plovdiv curator's own desk works, and does not list Varna.
        let r = plovdiv_curator
            .post("/fn/desk", &[("locale", "bg"), ("centre", "plovdiv")])
            .await;
        assert_eq!(r.status(), 200);
        let desk: serde_json::Value = r.json().await.unwrap();
        assert!(
            desk["enterprises"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["slug"] != target.slug.as_str())
        );
        t.drop_db().await;
    }
}

async fn search(base: &str, query: &str) -> serde_json::Value {
    get_json(&format!("{base}/api/v1/search?{query}")).await
}

/// The search hits of one enterprise of the Varna region, found by its name.
async fn hits_of(
    base: &str,
    enterprise: &enterprise::Model,
    filters: &[(&str, &str)],
) -> Vec<serde_json::Value> {
    let mut url = reqwest::Url::parse(&format!("{base}/api/v1/search")).unwrap();
    url.query_pairs_mut()
        .append_pair("q", &enterprise.name)
        .append_pair("centre", "varna")
        .append_pair("per_page", "100")
        .extend_pairs(filters);
    let v = get_json(url.as_str()).await;
    assert!(
        v["total"].as_u64().unwrap() <= 100,
        "more than one page: {}",
        v["total"]
    );
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["enterprise"]["slug"] == enterprise.slug.as_str())
        .cloned()
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_suspension_and_hiding_show_in_search_at_once() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let varna = centre(&t.db, "varna").await;
        let target = waiting_in(&t.db, varna.id).await;
        let id = target.id.to_string();
        // The demo owner also keeps this enterprise, so someone is told.
        let owner_id = user::Entity::find()
            .filter(user::Column::Email.eq(OWNER.0))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        enterprise_member::Entity::insert(enterprise_member::ActiveModel {
            enterprise_id: Set(target.id),
            user_id: Set(owner_id),
            role: Set(MemberRole::Staff),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .exec(&t.db)
        .await
        .unwrap();
        let curator = signed_in(&base, VARNA).await;
        let admin = signed_in(&base, ADMIN).await;
        wait_until_indexed(&base).await;
        let before = hits_of(&base, &target, &[]).await;
        assert!(
            !before.is_empty(),
            "{}: the waiting enterprise has products in search",
            t.label
        );
        assert!(before.iter().all(|h| h["enterprise"]["verified"] == false));

        // Refusals with a clear message change nothing.
        let snapshot = fingerprint(&t.db).await;
        let r = curator
            .post(
                "/fn/refuse_verification",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &id),
                    ("how", "correction"),
                    ("reason", "  "),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(body.to_string().contains("Попълнете това поле."), "{body}");
        let yesterday = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
        for (certified, until, field, code) in [
            ("2025-01-10", yesterday.as_str(), "valid_until", "date_past"),
            ("2026-01-10", "2025-12-31", "valid_until", "date_past"),
            ("2099-01-10", "2099-12-31", "certified_on", "date_future"),
            ("вчера", "2099-12-31", "certified_on", "date_invalid"),
        ] {
            let r = curator
                .post(
                    "/fn/verify_enterprise",
                    &[
                        ("locale", "en"),
                        ("enterprise_id", &id),
                        ("input[register_entry]", "2025/0042"),
                        ("input[register_class]", "A+"),
                        ("input[certified_on]", certified),
                        ("input[valid_until]", until),
                        ("next", "/curator/varna"),
                    ],
                )
                .await;
            assert_eq!(r.status(), 422, "{certified}..{until}");
            let body: serde_json::Value = r.json().await.unwrap();
            let errs = body["Invalid"].as_array().unwrap();
            assert!(
                errs.iter().any(|e| e["field"] == field
                    && e["code"] == code
                    && !e["message"].as_str().unwrap().is_empty()),
                "{certified}..{until}: {body}"
            );
        }
        assert_eq!(
            snapshot,
            fingerprint(&t.db).await,
            "{}: refusals changed nothing",
            t.label
        );

        // Ask for a correction; the owner is told why and resubmits.
        let r = curator
            .post(
                "/fn/refuse_verification",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &id),
                    ("how", "correction"),
                    ("reason", "Приложете удостоверението."),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        assert!(location(&r).starts_with("/curator/varna?saved="));
        let e = enterprise_by_slug(&t.db, &target.slug).await;
        assert_eq!(
            e.verification_status,
            VerificationStatus::CorrectionRequested
        );
        assert_eq!(
            e.verification_note.as_deref(),
            Some("Приложете удостоверението.")
        );
        // Answering again is a conflict: nothing waits now.
        let r = curator
            .post(
                "/fn/refuse_verification",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &id),
                    ("how", "reject"),
                    ("reason", "Не е социално предприятие."),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 409);
        // The admin resubmits for the enterprise (admins act as members); it goes back into the queue.
        let r = admin
            .post(
                "/fn/resubmit_verification",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &id),
                    ("next", "/dashboard"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let r = curator
            .post("/fn/desk", &[("locale", "bg"), ("centre", "varna")])
            .await;
        let desk: serde_json::Value = r.json().await.unwrap();
        let queue: Vec<&str> = desk["queue"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["slug"].as_str().unwrap())
            .collect();
        assert_eq!(
            queue.last().copied(),
            Some(target.slug.as_str()),
            "{}: resubmitted goes last: {queue:?}",
            t.label
        );
        let r = admin
            .post(
                "/fn/resubmit_verification",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &id),
                    ("next", "/dashboard"),
                ],
            )
            .await;
        assert_eq!(r.status(), 409, "already waiting");

        // Verify: the badge shows in search within seconds.
        let until = in_a_year();
        let r = curator
            .post(
                "/fn/verify_enterprise",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &id),
                    ("input[register_entry]", "2025/0042"),
                    ("input[register_class]", "A+"),
                    ("input[certified_on]", "2025-01-10"),
                    ("input[valid_until]", &until),
                    ("next", "/curator/varna/e/x"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        wait_until_indexed(&base).await;
        let after = hits_of(&base, &target, &[("verified", "yes")]).await;
        assert_eq!(after.len(), before.len(), "{}: {after:?}", t.label);
        assert!(after.iter().all(|h| h["enterprise"]["verified"] == true));

        // Hide one product: gone from search and its page, the owner sees why.
        let p = first_published(&t.db, target.id).await;
        // An anonymous reader has the page, so its data and its rendering
        // are kept in memory; the hide must still show at once, no waiting.
        let anon = Browser::new(&base);
        let page = format!("/p/{}", p.slug);
        assert_eq!(anon.get(&page).await.status(), 200);
        assert_eq!(anon.get(&page).await.status(), 200);
        let r = curator
            .post(
                "/fn/hide_product",
                &[
                    ("locale", "bg"),
                    ("product_id", &p.id.to_string()),
                    ("reason", ""),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let r = curator
            .post(
                "/fn/hide_product",
                &[
                    ("locale", "bg"),
                    ("product_id", &p.id.to_string()),
                    ("reason", "Снимката не е на продукта."),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            anon.get(&page).await.status(),
            404,
            "{}: kept page served after a hide",
            t.label
        );
        assert_eq!(curator.get(&format!("/p/{}", p.slug)).await.status(), 404);
        wait_until_indexed(&base).await;
        let hidden = hits_of(&base, &target, &[]).await;
        assert_eq!(hidden.len(), before.len() - 1, "{}", t.label);
        assert!(
            hidden.iter().all(|h| h["slug"] != p.slug.as_str()),
            "{}: hidden product still in search",
            t.label
        );
        let ws = admin
            .post("/fn/workspace", &[("slug", target.slug.as_str())])
            .await;
        let ws: serde_json::Value = ws.json().await.unwrap();
        assert!(ws.to_string().contains("Снимката не е на продукта."));
        // Its owner cannot publish it again.
        let r = admin
            .post(
                "/fn/product_action",
                &[
                    ("locale", "bg"),
                    ("product_id", &p.id.to_string()),
                    ("action", "publish"),
                ],
            )
            .await;
        assert_eq!(r.status(), 409);
        let r = curator
            .post(
                "/fn/hide_product",
                &[
                    ("locale", "bg"),
                    ("product_id", &p.id.to_string()),
                    ("show", "1"),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            anon.get(&page).await.status(),
            200,
            "{}: shown again at once",
            t.label
        );
        assert_eq!(curator.get(&format!("/p/{}", p.slug)).await.status(), 200);

        // Suspend: the enterprise and its products leave public pages and search.
        let r = curator
            .post(
                "/fn/suspend_enterprise",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &id),
                    ("reason", "Проверка на сигнал."),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            curator.get(&format!("/e/{}", target.slug)).await.status(),
            404
        );
        assert_eq!(curator.get(&format!("/p/{}", p.slug)).await.status(), 404);
        wait_until_indexed(&base).await;
        assert!(hits_of(&base, &target, &[]).await.is_empty());
        let r = curator
            .post(
                "/fn/suspend_enterprise",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &id),
                    ("reason", "Отново."),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 409, "already suspended");
        let r = curator
            .post(
                "/fn/suspend_enterprise",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &id),
                    ("restore", "1"),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        wait_until_indexed(&base).await;
        assert_eq!(hits_of(&base, &target, &[]).await.len(), before.len());

        // Every act is in the audit log, with its reason; curators see their region.
        let r = curator
            .post("/fn/audit_log", &[("locale", "bg"), ("centre", "varna")])
            .await;
        let log: serde_json::Value = r.json().await.unwrap();
        let actions: Vec<&str> = log["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        for a in [
            "enterprise.correction_requested",
            "enterprise.resubmitted",
            "enterprise.verified",
            "product.hidden",
            "product.shown",
            "enterprise.suspended",
            "enterprise.restored",
        ] {
            assert!(
                actions.contains(&a),
                "{}: {a} missing from {actions:?}",
                t.label
            );
        }
        assert!(log.to_string().contains("Проверка на сигнал."));
        let r = admin
            .post("/fn/audit_log", &[("locale", "bg"), ("centre", "")])
            .await;
        assert_eq!(r.status(), 200);
        // The enterprise's people were told.
        let told: Vec<NoticeKind> = notice::Entity::find()
            .filter(notice::Column::EnterpriseId.eq(target.id))
            .filter(notice::Column::UserId.eq(owner_id))
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|n| n.kind)
            .collect();
        for k in [
            NoticeKind::CorrectionRequested,
            NoticeKind::EnterpriseVerified,
            NoticeKind::ProductHidden,
            NoticeKind::EnterpriseSuspended,
        ] {
            assert!(
                told.contains(&k),
                "{}: notice {k} missing: {told:?}",
                t.label
            );
        }
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn networks_and_events_from_creation_to_catalogue() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let curator = signed_in(&base, VARNA).await;
        let owner = signed_in(&base, OWNER).await;
        let admin = signed_in(&base, ADMIN).await;
        let a = enterprise_by_slug(&t.db, A_SLUG).await;
        // An enterprise of another region: networks cross regions.
        let b = enterprise_by_slug(&t.db, "trapezata-plovdiv").await;

        let snapshot = fingerprint(&t.db).await;
        let r = curator
            .post(
                "/fn/create_network",
                &[
                    ("locale", "bg"),
                    ("centre", "varna"),
                    ("input[name]", " "),
                    ("input[kind]", "guild"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("\"name\"") && body.contains("\"kind\""),
            "{body}"
        );
        assert_eq!(snapshot, fingerprint(&t.db).await);

        let r = curator
            .post(
                "/fn/create_network",
                &[
                    ("locale", "bg"),
                    ("centre", "varna"),
                    ("input[name]", "Морски занаяти"),
                    ("input[kind]", "production"),
                    ("input[description]", "Шием и тъчем заедно."),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let n = network::Entity::find()
            .filter(network::Column::Slug.eq("morski-zanayati"))
            .one(&t.db)
            .await
            .unwrap()
            .expect("the network under a readable address");
        let nid = n.id.to_string();

        // A logo: the centre's curators may set it, an enterprise owner may not.
        let logo = |b: &Browser| {
            let form = reqwest::multipart::Form::new()
                .text("locale", "bg")
                .text("network_id", nid.clone())
                .text("next", "/curator/varna")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(png(320, 200)).file_name("logo.png"),
                );
            let http = b.http.clone();
            let url = format!("{}/fn/upload_network_logo", b.base);
            async move {
                http.post(url)
                    .header("Accept", "application/json")
                    .multipart(form)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        };
        assert_eq!(logo(&owner).await, 403);
        assert_eq!(logo(&curator).await, 200);
        let with_logo = network::Entity::find_by_id(n.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let path = with_logo.logo_path.expect("the logo is recorded");
        assert!(path.starts_with(&format!("networks/{}/", n.id)), "{path}");

        // A applies and is approved; B is invited by ЕИК and accepts.
        let r = owner
            .post(
                "/fn/apply_to_network",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &a.id.to_string()),
                    ("network_id", &nid),
                    ("next", "/dashboard"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let r = owner
            .post(
                "/fn/apply_to_network",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &a.id.to_string()),
                    ("network_id", &nid),
                    ("next", "/dashboard"),
                ],
            )
            .await;
        assert_eq!(r.status(), 409, "applying twice");
        let application = network_member::Entity::find()
            .filter(network_member::Column::NetworkId.eq(n.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(application.status, MembershipStatus::Applied);
        let r = curator
            .post(
                "/fn/decide_membership",
                &[
                    ("locale", "bg"),
                    ("membership_id", &application.id.to_string()),
                    ("decision", "approve"),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let r = curator
            .post(
                "/fn/invite_to_network",
                &[
                    ("locale", "bg"),
                    ("network_id", &nid),
                    ("enterprise", "000"),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422, "unknown enterprise");
        let r = curator
            .post(
                "/fn/invite_to_network",
                &[
                    ("locale", "bg"),
                    ("network_id", &nid),
                    ("enterprise", &b.eik),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let invitation = network_member::Entity::find()
            .filter(network_member::Column::NetworkId.eq(n.id))
            .filter(network_member::Column::EnterpriseId.eq(b.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(invitation.status, MembershipStatus::Invited);
        // The owner of A is no member of B: cannot accept for it.
        let r = owner
            .post(
                "/fn/network_membership",
                &[
                    ("locale", "bg"),
                    ("membership_id", &invitation.id.to_string()),
                    ("action", "accept"),
                    ("next", "/dashboard"),
                ],
            )
            .await;
        assert_eq!(r.status(), 403);
        let r = admin
            .post(
                "/fn/network_membership",
                &[
                    ("locale", "bg"),
                    ("membership_id", &invitation.id.to_string()),
                    ("action", "accept"),
                    ("next", "/dashboard"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);

        // The network page and the network facet show both members' products.
        let page = Browser::new(&base)
            .get(&format!("/n/{}", n.slug))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&a.name) && page.contains(&b.name),
            "{}: network page lacks members",
            t.label
        );
        assert!(
            page.contains(&format!("/media/{path}")),
            "{}: the logo shows",
            t.label
        );
        assert_eq!(
            Browser::new(&base)
                .get(&format!("/media/{path}"))
                .await
                .status(),
            200
        );
        wait_until_indexed(&base).await;
        let in_network = search(&base, &format!("q=&per_page=100&network={}", n.slug)).await;
        let enterprises: std::collections::BTreeSet<String> = in_network["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["enterprise"]["slug"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            enterprises,
            [a.slug.clone(), b.slug.clone()].into_iter().collect(),
            "{}",
            t.label
        );

        // A leaves: its products leave the network's catalogue.
        let r = owner
            .post(
                "/fn/network_membership",
                &[
                    ("locale", "bg"),
                    ("membership_id", &application.id.to_string()),
                    ("action", "leave"),
                    ("next", "/dashboard"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        wait_until_indexed(&base).await;
        let after = search(&base, &format!("q=&per_page=100&network={}", n.slug)).await;
        assert!(
            after["hits"]
                .as_array()
                .unwrap()
                .iter()
                .all(|h| h["enterprise"]["slug"] == b.slug.as_str()),
            "{}: {after}",
            t.label
        );

        // Events: bad dates refused, a good one published, A takes part.
        for (start, end, field) in [
            ("2030-05-02T10:00", "2030-05-01T10:00", "ends_at"),
            ("2020-05-01T10:00", "2030-05-01T10:00", "starts_at"),
            ("утре", "2030-05-01T10:00", "starts_at"),
        ] {
            let r = curator
                .post(
                    "/fn/create_event",
                    &[
                        ("locale", "bg"),
                        ("centre", "varna"),
                        ("input[title]", "Пролетен базар"),
                        ("input[kind]", "bazaar"),
                        ("input[starts_at]", start),
                        ("input[ends_at]", end),
                        ("input[place]", "Варна"),
                    ],
                )
                .await;
            assert_eq!(r.status(), 422, "{start}..{end}");
            assert!(
                r.text()
                    .await
                    .unwrap()
                    .contains(&format!("\"field\":\"{field}\""))
            );
        }
        let r = curator
            .post(
                "/fn/create_event",
                &[
                    ("locale", "bg"),
                    ("centre", "varna"),
                    ("input[title]", "Пролетен базар"),
                    ("input[kind]", "bazaar"),
                    ("input[starts_at]", "2030-05-01T10:00"),
                    ("input[ends_at]", "2030-05-01T18:00"),
                    ("input[place]", "Варна, Морска градина"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(location(&r), "/events/proleten-bazar");
        let ev = event::Entity::find()
            .filter(event::Column::Slug.eq("proleten-bazar"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        // Bulgarian summer time: 10:00 there is 07:00 UTC.
        assert_eq!(ev.starts_at.to_rfc3339(), "2030-05-01T07:00:00+00:00");
        let r = owner
            .post(
                "/fn/take_part",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &a.id.to_string()),
                    ("event_id", &ev.id.to_string()),
                    ("next", "/dashboard"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let signup = event_participant::Entity::find()
            .filter(event_participant::Column::EventId.eq(ev.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let page = Browser::new(&base)
            .get("/events/proleten-bazar")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            !page.contains(&a.name),
            "not listed before the curator confirms"
        );
        let r = curator
            .post(
                "/fn/decide_participant",
                &[
                    ("locale", "bg"),
                    ("participant_id", &signup.id.to_string()),
                    ("decision", "confirm"),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        // Anonymous pages are cached for two seconds; a signed-in reader sees it at once.
        let page = owner
            .get("/events/proleten-bazar")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&a.name),
            "{}: event page lists the participant",
            t.label
        );
        let a_product = first_published(&t.db, a.id).await;
        assert!(
            page.contains(&a_product.title),
            "{}: and its products",
            t.label
        );
        let print = Browser::new(&base)
            .get("/events/proleten-bazar/print")
            .await;
        assert_eq!(print.status(), 200);
        let print = print.text().await.unwrap();
        assert!(
            print.contains("<svg") && print.contains("/events/proleten-bazar"),
            "{}: QR code page",
            t.label
        );
        // The home page lists it among upcoming events? Only the soonest few;
        // the events page lists every upcoming one.
        let events = Browser::new(&base)
            .get("/events")
            .await
            .text()
            .await
            .unwrap();
        assert!(events.contains("Пролетен базар"));
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn certificates_warn_once_then_lapse() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let a = enterprise_by_slug(&t.db, A_SLUG).await;
    let today = chrono::Utc::now().date_naive();
    let mut row: enterprise::ActiveModel = a.clone().into();
    row.verification_status = Set(VerificationStatus::Verified);
    row.certificate_valid_until = Set(Some(today + chrono::Duration::days(10)));
    row.update(&t.db).await.unwrap();
    // Other verified enterprises of the demo may be near expiry too; count A's notices.
    let a_notices = |kind: &'static str| {
        let db = t.db.clone();
        async move {
            notice::Entity::find()
                .filter(notice::Column::EnterpriseId.eq(a.id))
                .filter(notice::Column::Kind.eq(kind))
                .all(&db)
                .await
                .unwrap()
        }
    };
    use app::server::curation::verification::sweep_certificates;
    sweep_certificates(&t.db, today).await.unwrap();
    let warned = a_notices("certificate_expiring").await;
    // The owner and the Varna curator.
    assert_eq!(warned.len(), 2, "{warned:?}");
    sweep_certificates(&t.db, today).await.unwrap();
    assert_eq!(
        a_notices("certificate_expiring").await.len(),
        2,
        "told once per expiry date"
    );
    assert_eq!(
        enterprise_by_slug(&t.db, A_SLUG).await.verification_status,
        VerificationStatus::Verified
    );

    // Eleven days on, it lapses: no badge, out of the verified facet (outbox), audit line.
    let pending = outbox::Entity::find().all(&t.db).await.unwrap().len();
    let later = today + chrono::Duration::days(11);
    sweep_certificates(&t.db, later).await.unwrap();
    let lapsed = enterprise_by_slug(&t.db, A_SLUG).await;
    assert_eq!(lapsed.verification_status, VerificationStatus::Expired);
    assert!(outbox::Entity::find().all(&t.db).await.unwrap().len() > pending);
    assert_eq!(a_notices("certificate_lapsed").await.len(), 2);
    let line = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("enterprise.lapsed"))
        .filter(audit_log::Column::EntityId.eq(a.id))
        .one(&t.db)
        .await
        .unwrap()
        .expect("an audit line by the platform");
    assert_eq!(line.actor_id, None);
    // The owner can ask again.
    let base = spawn_server(t.db.clone()).await;
    let owner = signed_in(&base, OWNER).await;
    let r = owner
        .post(
            "/fn/resubmit_verification",
            &[
                ("locale", "bg"),
                ("enterprise_id", &a.id.to_string()),
                ("next", "/dashboard"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        enterprise_by_slug(&t.db, A_SLUG).await.verification_status,
        VerificationStatus::Unverified
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_count_this_months_registrations_and_download_as_csv() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    let curator = signed_in(&base, VARNA).await;
    let figures = async |b: &Browser| {
        let r = b
            .post("/fn/figures", &[("locale", "bg"), ("centre", "varna")])
            .await;
        assert_eq!(r.status(), 200);
        r.json::<serde_json::Value>().await.unwrap()
    };
    let before = figures(&curator).await;
    let months = before["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let this_month = chrono::Utc::now().format("%Y-%m").to_string();
    assert_eq!(months[11]["month"], this_month.as_str());

    // Someone registers an enterprise in the Varna region now.
    let newcomer = Browser::new(&base);
    common::sign_up_confirmed(&newcomer, "nov@example.bg", "дълга парола 2026", "Нов").await;
    let eik = app::eik::complete9(31_415_926);
    let r = newcomer
        .post(
            "/fn/register_enterprise",
            &[
                ("locale", "bg"),
                ("input[name]", "Морска звезда"),
                ("input[eik]", &eik),
                ("input[legal_form]", "ЕООД"),
                ("input[district]", "varna"),
                ("input[settlement]", "Варна"),
                ("input[email]", "office@example.bg"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    // Its region's curator is told it waits.
    let varna_curator = user::Entity::find()
        .filter(user::Column::Email.eq(VARNA.0))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let told = notice::Entity::find()
        .filter(notice::Column::UserId.eq(varna_curator.id))
        .filter(notice::Column::Kind.eq("verification_requested"))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(told.len(), 1);
    let after = figures(&curator).await;
    assert_eq!(
        after["months"][11]["registered"].as_u64().unwrap(),
        before["months"][11]["registered"].as_u64().unwrap() + 1
    );
    assert_eq!(
        after["enterprises"].as_u64().unwrap(),
        before["enterprises"].as_u64().unwrap() + 1
    );

    // The same figures as CSV: a header, twelve months, five totals.
    let r = curator.get("/curator/varna/figures.csv").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 12 + 5, "{csv}");
    assert!(lines[0].starts_with("месец,"));
    let row = lines[12];
    assert!(
        row.starts_with(&format!(
            "{this_month},{}",
            after["months"][11]["registered"]
        )),
        "{row}"
    );
    let en = curator
        .get("/en/curator/varna/figures.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(en.starts_with("month,enterprises registered"));
    // The Plovdiv curator gets nothing of Varna's.
    let plovdiv = signed_in(&base, PLOVDIV).await;
    assert_eq!(
        plovdiv.get("/curator/varna/figures.csv").await.status(),
        403
    );
}
