//! The regional centres over real HTTP: the region limits (a curator of
//! Varna can do nothing to Plovdiv, and a refusal changes nothing), the
//! verification life cycle with the badge in search, suspension and hidden
//! products, networks and events, certificates that lapse, the figures and
//! the audit log.

use crate::common;

use common::matrix::{self, Action, get, post, upload};
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
    (app::format::sofia_date(chrono::Utc::now()) + chrono::Duration::days(365)).to_string()
}

/// A seeded server around the Varna region and a caller of every kind:
/// an enterprise of Varna waiting for verification (`target`) with a
/// product, the demo enterprise A (refused, so its owner may ask again, and
/// in a demo network), an application to a Varna network and a sign-up for
/// an upcoming Varna event waiting for the Varna curator.
struct Region {
    target: enterprise::Model,
    target_s: String,
    product_s: String,
    a_s: String,
    a_membership: String,
    vn_s: String,
    pn_s: String,
    application: String,
    ve_s: String,
    signup: String,
    anon: Browser,
    buyer: Browser,
    owner: Browser,
    plovdiv_curator: Browser,
    varna_curator: Browser,
    admin: Browser,
}

async fn region(t: &common::TestDb) -> Region {
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

    Region {
        target,
        target_s,
        product_s,
        a_s,
        a_membership,
        vn_s,
        pn_s,
        application,
        ve_s,
        signup,
        anon: Browser::new(&base),
        buyer: signed_in(&base, BUYER).await,
        owner: signed_in(&base, OWNER).await,
        plovdiv_curator: signed_in(&base, PLOVDIV).await,
        varna_curator: signed_in(&base, VARNA).await,
        admin: signed_in(&base, ADMIN).await,
    }
}

impl Region {
    /// Everyone but the admin, each refused what they may not do.
    fn actors(&self) -> [(&str, &Browser); 5] {
        [
            ("anonymous", &self.anon),
            ("buyer", &self.buyer),
            ("owner", &self.owner),
            ("plovdiv curator", &self.plovdiv_curator),
            ("varna curator", &self.varna_curator),
        ]
    }

    /// One allowed caller does each action: the Varna curator where
    /// curators may, else the owner where members may, else the admin.
    fn doers(&self) -> [(&str, &Browser); 3] {
        [
            ("varna curator", &self.varna_curator),
            ("owner", &self.owner),
            ("admin", &self.admin),
        ]
    }
}

const CURATORS: &[&str] = &["varna curator", "admin"];
const ADMINS: &[&str] = &["admin"];
const MEMBERS: &[&str] = &["owner", "admin"];
/// Where the curator's forms return to.
const NEXT: &str = "/curator/varna";

/// What a curator reads of the region: its desk, an enterprise, the
/// figures and the audit log.
fn region_reads(r: &Region) -> Vec<Action> {
    vec![
        post(
            "read the desk",
            CURATORS,
            "/fn/desk",
            &[("locale", "bg"), ("centre", "varna")],
        ),
        post(
            "review an enterprise",
            CURATORS,
            "/fn/review",
            &[
                ("locale", "bg"),
                ("centre", "varna"),
                ("enterprise", &r.target.slug),
            ],
        ),
        post(
            "read the figures",
            CURATORS,
            "/fn/figures",
            &[("locale", "bg"), ("centre", "varna")],
        ),
        post(
            "read the audit log",
            CURATORS,
            "/fn/audit_log",
            &[("locale", "bg"), ("centre", "varna")],
        ),
        post(
            "read the whole audit log",
            ADMINS,
            "/fn/audit_log",
            &[("locale", "bg"), ("centre", "")],
        ),
        get(
            "download the figures",
            CURATORS,
            "/curator/varna/figures.csv".to_string(),
        ),
    ]
}

/// What a curator decides about the region's enterprises and products.
fn region_decisions(r: &Region) -> Vec<Action> {
    let valid_until = in_a_year();
    vec![
        post(
            "ask for a correction",
            CURATORS,
            "/fn/refuse_verification",
            &[
                ("locale", "bg"),
                ("enterprise_id", &r.target_s),
                ("how", "correction"),
                ("reason", "Липсва номерът на вписване."),
                ("next", NEXT),
            ],
        ),
        post(
            "verify",
            CURATORS,
            "/fn/verify_enterprise",
            &[
                ("locale", "bg"),
                ("enterprise_id", &r.target_s),
                ("input[register_entry]", "2025/0042"),
                ("input[register_class]", "A"),
                ("input[certified_on]", "2025-01-10"),
                ("input[valid_until]", &valid_until),
                ("next", NEXT),
            ],
        ),
        post(
            "suspend",
            CURATORS,
            "/fn/suspend_enterprise",
            &[
                ("locale", "bg"),
                ("enterprise_id", &r.target_s),
                ("reason", "Жалби от купувачи, проверка на място."),
                ("next", NEXT),
            ],
        ),
        post(
            "restore",
            CURATORS,
            "/fn/suspend_enterprise",
            &[
                ("locale", "bg"),
                ("enterprise_id", &r.target_s),
                ("restore", "1"),
                ("next", NEXT),
            ],
        ),
        post(
            "hide a product",
            CURATORS,
            "/fn/hide_product",
            &[
                ("locale", "bg"),
                ("product_id", &r.product_s),
                ("reason", "Снимката не е на продукта."),
                ("next", NEXT),
            ],
        ),
        post(
            "show a product again",
            CURATORS,
            "/fn/hide_product",
            &[
                ("locale", "bg"),
                ("product_id", &r.product_s),
                ("show", "1"),
                ("next", NEXT),
            ],
        ),
    ]
}

/// What a curator runs in the region: networks and events.
fn region_networks_and_events(r: &Region) -> Vec<Action> {
    let vn = r.vn_s.clone();
    vec![
        post(
            "create a network",
            CURATORS,
            "/fn/create_network",
            &[
                ("locale", "bg"),
                ("centre", "varna"),
                ("input[name]", "Морски занаяти"),
                ("input[kind]", "thematic"),
            ],
        ),
        post(
            "invite into a network",
            CURATORS,
            "/fn/invite_to_network",
            &[
                ("locale", "bg"),
                ("network_id", &r.vn_s),
                ("enterprise", "trapezata-plovdiv"),
                ("next", NEXT),
            ],
        ),
        post(
            "approve an application",
            CURATORS,
            "/fn/decide_membership",
            &[
                ("locale", "bg"),
                ("membership_id", &r.application),
                ("decision", "approve"),
                ("next", NEXT),
            ],
        ),
        post(
            "publish an event",
            CURATORS,
            "/fn/create_event",
            &[
                ("locale", "bg"),
                ("centre", "varna"),
                ("input[title]", "Пролетен базар"),
                ("input[kind]", "bazaar"),
                ("input[starts_at]", "2030-04-20T10:00"),
                ("input[ends_at]", "2030-04-20T18:00"),
                ("input[place]", "Варна, Морска градина"),
            ],
        ),
        post(
            "confirm a participant",
            CURATORS,
            "/fn/decide_participant",
            &[
                ("locale", "bg"),
                ("participant_id", &r.signup),
                ("decision", "confirm"),
                ("next", NEXT),
            ],
        ),
        upload(
            "upload a network logo",
            CURATORS,
            "/fn/upload_network_logo",
            move || {
                reqwest::multipart::Form::new()
                    .text("locale", "bg")
                    .text("network_id", vn.clone())
                    .text("next", NEXT)
                    .part(
                        "file",
                        reqwest::multipart::Part::bytes(png(64, 64)).file_name("logo.png"),
                    )
            },
        ),
        post(
            "change a network",
            CURATORS,
            "/fn/update_network",
            &[
                ("locale", "bg"),
                ("network_id", &r.vn_s),
                ("input[name]", "Морски занаяти и вкусове"),
                ("input[kind]", "thematic"),
                ("next", NEXT),
            ],
        ),
        post(
            "change an event",
            CURATORS,
            "/fn/update_event",
            &[
                ("locale", "bg"),
                ("event_id", &r.ve_s),
                ("input[title]", "Базар на морската градина"),
                ("input[kind]", "bazaar"),
                ("input[starts_at]", "2030-05-20T10:00"),
                ("input[ends_at]", "2030-05-20T18:00"),
                ("input[place]", "Варна, Морска градина"),
                ("next", NEXT),
            ],
        ),
        post(
            "cancel an event",
            CURATORS,
            "/fn/cancel_event",
            &[("locale", "bg"), ("event_id", &r.ve_s), ("next", NEXT)],
        ),
        post(
            "close a network",
            CURATORS,
            "/fn/close_network",
            &[("locale", "bg"), ("network_id", &r.vn_s), ("next", NEXT)],
        ),
    ]
}

/// What an enterprise's members do for it in networks and events.
fn member_acts(r: &Region) -> Vec<Action> {
    vec![
        post(
            "apply to a network for an enterprise",
            MEMBERS,
            "/fn/apply_to_network",
            &[
                ("locale", "bg"),
                ("enterprise_id", &r.a_s),
                ("network_id", &r.pn_s),
                ("next", "/dashboard"),
            ],
        ),
        post(
            "sign an enterprise up for an event",
            MEMBERS,
            "/fn/take_part",
            &[
                ("locale", "bg"),
                ("enterprise_id", &r.a_s),
                ("event_id", &r.ve_s),
                ("next", "/dashboard"),
            ],
        ),
        post(
            "read an enterprise's networks and events",
            MEMBERS,
            "/fn/participation",
            &[("locale", "bg"), ("slug", A_SLUG)],
        ),
        post(
            "ask again for verification",
            MEMBERS,
            "/fn/resubmit_verification",
            &[
                ("locale", "bg"),
                ("enterprise_id", &r.a_s),
                ("next", "/dashboard"),
            ],
        ),
        // Last: A is out of the network after it.
        post(
            "leave a network",
            MEMBERS,
            "/fn/network_membership",
            &[
                ("locale", "bg"),
                ("membership_id", &r.a_membership),
                ("action", "leave"),
                ("next", "/dashboard"),
            ],
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn region_limits_on_reading_every_refusal_changes_nothing() {
    for t in all_databases().await {
        let r = region(&t).await;
        let walked = matrix::walk(&t, &region_reads(&r), &r.actors(), &r.doers()).await;
        assert!(walked >= 25, "walked {walked} refusals");
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn region_limits_on_verifying_suspending_and_hiding_every_refusal_changes_nothing() {
    for t in all_databases().await {
        let r = region(&t).await;
        let walked = matrix::walk(&t, &region_decisions(&r), &r.actors(), &r.doers()).await;
        assert!(walked >= 24, "walked {walked} refusals");
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn region_limits_on_networks_and_events_every_refusal_changes_nothing() {
    for t in all_databases().await {
        let r = region(&t).await;
        let actions = region_networks_and_events(&r);
        let walked = matrix::walk(&t, &actions, &r.actors(), &r.doers()).await;
        assert!(walked >= 40, "walked {walked} refusals");
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_an_enterprises_members_act_for_it_and_every_refusal_changes_nothing() {
    for t in all_databases().await {
        let r = region(&t).await;
        let walked = matrix::walk(&t, &member_acts(&r), &r.actors(), &r.doers()).await;
        assert!(walked >= 20, "walked {walked} refusals");
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_curators_desk_lists_only_its_own_region() {
    for t in all_databases().await {
        let r = region(&t).await;
        // The Plovdiv curator's own desk works, and does not list Varna.
        let resp = r
            .plovdiv_curator
            .post("/fn/desk", &[("locale", "bg"), ("centre", "plovdiv")])
            .await;
        assert_eq!(resp.status(), 200);
        let desk: serde_json::Value = resp.json().await.unwrap();
        assert!(
            desk["enterprises"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["slug"] != r.target.slug.as_str())
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

/// A seeded server with an enterprise of Varna waiting for verification
/// (`target`, with its first published product `p`), the Varna curator
/// and the admin signed in, and the index caught up: `before` are the
/// target's hits in search, none with the badge.
struct Waiting {
    base: String,
    target: enterprise::Model,
    /// The target's id, as forms carry it.
    id: String,
    /// The demo owner, who also keeps the target, so someone is told.
    owner_id: i32,
    p: product::Model,
    curator: Browser,
    admin: Browser,
    before: Vec<serde_json::Value>,
}

async fn waiting(t: &common::TestDb) -> Waiting {
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    let varna = centre(&t.db, "varna").await;
    let target = waiting_in(&t.db, varna.id).await;
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
    let p = first_published(&t.db, target.id).await;
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
    Waiting {
        id: target.id.to_string(),
        base,
        target,
        owner_id,
        p,
        curator,
        admin,
        before,
    }
}

impl Waiting {
    /// The curator asks for a correction, for `reason`.
    async fn ask_for_correction(&self, reason: &str) -> reqwest::Response {
        self.curator
            .post(
                "/fn/refuse_verification",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &self.id),
                    ("how", "correction"),
                    ("reason", reason),
                    ("next", "/curator/varna"),
                ],
            )
            .await
    }

    /// The admin asks again for the enterprise (admins act as members).
    async fn resubmit(&self) -> reqwest::Response {
        self.admin
            .post(
                "/fn/resubmit_verification",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &self.id),
                    ("next", "/dashboard"),
                ],
            )
            .await
    }

    /// The curator verifies, with a certificate valid for a year.
    async fn verify(&self) -> reqwest::Response {
        let until = in_a_year();
        self.curator
            .post(
                "/fn/verify_enterprise",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &self.id),
                    ("input[register_entry]", "2025/0042"),
                    ("input[register_class]", "A+"),
                    ("input[certified_on]", "2025-01-10"),
                    ("input[valid_until]", &until),
                    ("next", "/curator/varna/e/x"),
                ],
            )
            .await
    }

    /// The curator hides the product `p`, for `reason`.
    async fn hide(&self, reason: &str) -> reqwest::Response {
        self.curator
            .post(
                "/fn/hide_product",
                &[
                    ("locale", "bg"),
                    ("product_id", &self.p.id.to_string()),
                    ("reason", reason),
                    ("next", "/curator/varna"),
                ],
            )
            .await
    }

    /// The curator shows the product `p` again.
    async fn show(&self) -> reqwest::Response {
        self.curator
            .post(
                "/fn/hide_product",
                &[
                    ("locale", "bg"),
                    ("product_id", &self.p.id.to_string()),
                    ("show", "1"),
                    ("next", "/curator/varna"),
                ],
            )
            .await
    }

    /// The curator suspends the enterprise, for `reason`.
    async fn suspend(&self, reason: &str) -> reqwest::Response {
        self.curator
            .post(
                "/fn/suspend_enterprise",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &self.id),
                    ("reason", reason),
                    ("next", "/curator/varna"),
                ],
            )
            .await
    }

    /// The curator lifts the suspension.
    async fn restore(&self) -> reqwest::Response {
        self.curator
            .post(
                "/fn/suspend_enterprise",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &self.id),
                    ("restore", "1"),
                    ("next", "/curator/varna"),
                ],
            )
            .await
    }

    /// Every act a curator may take, in turn, each of them done.
    async fn every_act(&self) {
        assert_eq!(
            self.ask_for_correction("Приложете удостоверението.")
                .await
                .status(),
            200
        );
        assert_eq!(self.resubmit().await.status(), 200);
        assert_eq!(self.verify().await.status(), 200);
        assert_eq!(self.hide("Снимката не е на продукта.").await.status(), 200);
        assert_eq!(self.show().await.status(), 200);
        assert_eq!(self.suspend("Проверка на сигнал.").await.status(), 200);
        assert_eq!(self.restore().await.status(), 200);
    }
}

/// Refusals with a clear message change nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_answer_to_a_verification_says_why_and_changes_nothing() {
    for t in all_databases().await {
        let w = waiting(&t).await;
        let snapshot = fingerprint(&t.db).await;
        let r = w.ask_for_correction("  ").await;
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(body.to_string().contains("Попълнете това поле."), "{body}");
        let yesterday =
            (app::format::sofia_date(chrono::Utc::now()) - chrono::Duration::days(1)).to_string();
        for (certified, until, field, code) in [
            ("2025-01-10", yesterday.as_str(), "valid_until", "date_past"),
            ("2026-01-10", "2025-12-31", "valid_until", "date_past"),
            ("2099-01-10", "2099-12-31", "certified_on", "date_future"),
            ("вчера", "2099-12-31", "certified_on", "date_invalid"),
        ] {
            let r = w
                .curator
                .post(
                    "/fn/verify_enterprise",
                    &[
                        ("locale", "en"),
                        ("enterprise_id", &w.id),
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
        t.drop_db().await;
    }
}

/// Ask for a correction; the owner is told why and resubmits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_correction_says_why_and_the_resubmitted_enterprise_goes_last_in_the_queue() {
    for t in all_databases().await {
        let w = waiting(&t).await;
        let r = w.ask_for_correction("Приложете удостоверението.").await;
        assert_eq!(r.status(), 200);
        assert!(location(&r).starts_with("/curator/varna?saved="));
        let e = enterprise_by_slug(&t.db, &w.target.slug).await;
        assert_eq!(
            e.verification_status,
            VerificationStatus::CorrectionRequested
        );
        assert_eq!(
            e.verification_note.as_deref(),
            Some("Приложете удостоверението.")
        );
        // Answering again is a conflict: nothing waits now.
        let r = w
            .curator
            .post(
                "/fn/refuse_verification",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &w.id),
                    ("how", "reject"),
                    ("reason", "Не е социално предприятие."),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 409);
        // The admin resubmits for the enterprise (admins act as members); it goes back into the queue.
        assert_eq!(w.resubmit().await.status(), 200);
        let r = w
            .curator
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
            Some(w.target.slug.as_str()),
            "{}: resubmitted goes last: {queue:?}",
            t.label
        );
        assert_eq!(w.resubmit().await.status(), 409, "already waiting");
        t.drop_db().await;
    }
}

/// Verify: the badge shows in search within seconds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verified_enterprise_has_the_badge_in_search_at_once() {
    for t in all_databases().await {
        let w = waiting(&t).await;
        assert_eq!(w.verify().await.status(), 200);
        wait_until_indexed(&w.base).await;
        let after = hits_of(&w.base, &w.target, &[("verified", "yes")]).await;
        assert_eq!(after.len(), w.before.len(), "{}: {after:?}", t.label);
        assert!(after.iter().all(|h| h["enterprise"]["verified"] == true));
        t.drop_db().await;
    }
}

/// Hide one product: gone from search and its page, the owner sees why;
/// shown again, it is back at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_product_leaves_its_page_and_search_at_once_until_shown_again() {
    for t in all_databases().await {
        let w = waiting(&t).await;
        let p = &w.p;
        // An anonymous reader has the page, so its data and its rendering
        // are kept in memory; the hide must still show at once, no waiting.
        let anon = Browser::new(&w.base);
        let page = format!("/p/{}", p.slug);
        assert_eq!(anon.get(&page).await.status(), 200);
        assert_eq!(anon.get(&page).await.status(), 200);
        assert_eq!(w.hide("").await.status(), 422);
        assert_eq!(w.hide("Снимката не е на продукта.").await.status(), 200);
        assert_eq!(
            anon.get(&page).await.status(),
            404,
            "{}: kept page served after a hide",
            t.label
        );
        assert_eq!(w.curator.get(&page).await.status(), 404);
        wait_until_indexed(&w.base).await;
        let hidden = hits_of(&w.base, &w.target, &[]).await;
        assert_eq!(hidden.len(), w.before.len() - 1, "{}", t.label);
        assert!(
            hidden.iter().all(|h| h["slug"] != p.slug.as_str()),
            "{}: hidden product still in search",
            t.label
        );
        let ws = w
            .admin
            .post(
                "/fn/workspace",
                &[("locale", "bg"), ("slug", w.target.slug.as_str())],
            )
            .await;
        let ws: serde_json::Value = ws.json().await.unwrap();
        assert!(ws.to_string().contains("Снимката не е на продукта."));
        // Its owner cannot publish it again.
        let r = w
            .admin
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
        assert_eq!(w.show().await.status(), 200);
        assert_eq!(
            anon.get(&page).await.status(),
            200,
            "{}: shown again at once",
            t.label
        );
        assert_eq!(w.curator.get(&page).await.status(), 200);
        t.drop_db().await;
    }
}

/// Suspend: the enterprise and its products leave public pages and search.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suspended_enterprise_leaves_public_pages_and_search_until_restored() {
    for t in all_databases().await {
        let w = waiting(&t).await;
        assert_eq!(w.suspend("Проверка на сигнал.").await.status(), 200);
        assert_eq!(
            w.curator
                .get(&format!("/e/{}", w.target.slug))
                .await
                .status(),
            404
        );
        assert_eq!(
            w.curator.get(&format!("/p/{}", w.p.slug)).await.status(),
            404
        );
        wait_until_indexed(&w.base).await;
        assert!(hits_of(&w.base, &w.target, &[]).await.is_empty());
        assert_eq!(
            w.suspend("Отново.").await.status(),
            409,
            "already suspended"
        );
        assert_eq!(w.restore().await.status(), 200);
        wait_until_indexed(&w.base).await;
        assert_eq!(hits_of(&w.base, &w.target, &[]).await.len(), w.before.len());
        t.drop_db().await;
    }
}

/// Every act is in the audit log, with its reason; curators see their region.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_curators_act_is_in_the_audit_log_with_its_reason() {
    for t in all_databases().await {
        let w = waiting(&t).await;
        w.every_act().await;
        let r = w
            .curator
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
        let r = w
            .admin
            .post("/fn/audit_log", &[("locale", "bg"), ("centre", "")])
            .await;
        assert_eq!(r.status(), 200);
        t.drop_db().await;
    }
}

/// The enterprise's people are told of what a curator did to it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_enterprises_people_are_told_of_every_curators_act() {
    for t in all_databases().await {
        let w = waiting(&t).await;
        w.every_act().await;
        let told: Vec<NoticeKind> = notice::Entity::find()
            .filter(notice::Column::EnterpriseId.eq(w.target.id))
            .filter(notice::Column::UserId.eq(w.owner_id))
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

/// A seeded server with the Varna curator, the demo owner (of A) and the
/// admin signed in, and the enterprises A and B.
struct Networks {
    base: String,
    curator: Browser,
    owner: Browser,
    admin: Browser,
    a: enterprise::Model,
    b: enterprise::Model,
}

async fn networks(t: &common::TestDb) -> Networks {
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    Networks {
        curator: signed_in(&base, VARNA).await,
        owner: signed_in(&base, OWNER).await,
        admin: signed_in(&base, ADMIN).await,
        a: enterprise_by_slug(&t.db, A_SLUG).await,
        // An enterprise of another region: networks cross regions.
        b: enterprise_by_slug(&t.db, "trapezata-plovdiv").await,
        base,
    }
}

impl Networks {
    /// The curator creates the network "Морски занаяти" of Varna.
    async fn create_network(&self, t: &common::TestDb) -> network::Model {
        let r = self
            .curator
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
        network::Entity::find()
            .filter(network::Column::Slug.eq("morski-zanayati"))
            .one(&t.db)
            .await
            .unwrap()
            .expect("the network under a readable address")
    }

    /// The owner applies for A to join the network.
    async fn apply(&self, n: &network::Model) -> u16 {
        self.owner
            .post(
                "/fn/apply_to_network",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &self.a.id.to_string()),
                    ("network_id", &n.id.to_string()),
                    ("next", "/dashboard"),
                ],
            )
            .await
            .status()
            .as_u16()
    }

    /// The curator approves an application.
    async fn approve(&self, membership: &network_member::Model) -> u16 {
        self.curator
            .post(
                "/fn/decide_membership",
                &[
                    ("locale", "bg"),
                    ("membership_id", &membership.id.to_string()),
                    ("decision", "approve"),
                    ("next", "/curator/varna"),
                ],
            )
            .await
            .status()
            .as_u16()
    }

    /// The curator invites an enterprise, by its ЕИК.
    async fn invite(&self, n: &network::Model, eik: &str) -> u16 {
        self.curator
            .post(
                "/fn/invite_to_network",
                &[
                    ("locale", "bg"),
                    ("network_id", &n.id.to_string()),
                    ("enterprise", eik),
                    ("next", "/curator/varna"),
                ],
            )
            .await
            .status()
            .as_u16()
    }

    /// The application or the invitation of an enterprise to the network.
    async fn membership(
        &self,
        t: &common::TestDb,
        n: &network::Model,
        e: &enterprise::Model,
    ) -> network_member::Model {
        network_member::Entity::find()
            .filter(network_member::Column::NetworkId.eq(n.id))
            .filter(network_member::Column::EnterpriseId.eq(e.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
    }

    /// A applies and is approved; B is invited and the admin accepts for
    /// it. Returns A's membership.
    async fn both_join(&self, t: &common::TestDb, n: &network::Model) -> network_member::Model {
        assert_eq!(self.apply(n).await, 200);
        let application = self.membership(t, n, &self.a).await;
        assert_eq!(self.approve(&application).await, 200);
        assert_eq!(self.invite(n, &self.b.eik).await, 200);
        let invitation = self.membership(t, n, &self.b).await;
        assert_eq!(
            membership_action(&self.admin, &invitation, "accept").await,
            200
        );
        application
    }

    /// The curator publishes "Пролетен базар", on 1 May 2030 from 10:00 to
    /// 18:00, under a readable address.
    async fn publish_event(&self, t: &common::TestDb) -> event::Model {
        let r = self
            .curator
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
        // The page shows the curator what buyers see, and says it is out.
        assert_eq!(location(&r), "/events/proleten-bazar?saved=published");
        event::Entity::find()
            .filter(event::Column::Slug.eq("proleten-bazar"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
    }
}

/// Accepts or leaves (`action`) a network membership as `b`.
async fn membership_action(b: &Browser, membership: &network_member::Model, action: &str) -> u16 {
    b.post(
        "/fn/network_membership",
        &[
            ("locale", "bg"),
            ("membership_id", &membership.id.to_string()),
            ("action", action),
            ("next", "/dashboard"),
        ],
    )
    .await
    .status()
    .as_u16()
}

/// Uploads a logo for the network `n` as `b`; the answer's status.
async fn network_logo(b: &Browser, n: &network::Model) -> u16 {
    let form = reqwest::multipart::Form::new()
        .text("locale", "bg")
        .text("network_id", n.id.to_string())
        .text("next", "/curator/varna")
        .part(
            "file",
            reqwest::multipart::Part::bytes(png(320, 200)).file_name("logo.png"),
        );
    b.post_multipart("/fn/upload_network_logo", form)
        .await
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_without_a_name_or_a_known_kind_is_refused_and_nothing_changes() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let snapshot = fingerprint(&t.db).await;
        let r = s
            .curator
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
        t.drop_db().await;
    }
}

/// A logo: the centre's curators may set it, an enterprise owner may not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_networks_curators_may_set_its_logo() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let n = s.create_network(&t).await;
        assert_eq!(network_logo(&s.owner, &n).await, 403);
        assert_eq!(network_logo(&s.curator, &n).await, 200);
        let with_logo = network::Entity::find_by_id(n.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let path = with_logo.logo_path.expect("the logo is recorded");
        assert!(path.starts_with(&format!("networks/{}/", n.id)), "{path}");
        t.drop_db().await;
    }
}

/// A applies and is approved; B is invited by ЕИК and accepts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enterprises_join_a_network_by_application_or_by_invitation() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let n = s.create_network(&t).await;
        assert_eq!(s.apply(&n).await, 200);
        assert_eq!(s.apply(&n).await, 409, "applying twice");
        let application = network_member::Entity::find()
            .filter(network_member::Column::NetworkId.eq(n.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(application.status, MembershipStatus::Applied);
        assert_eq!(s.approve(&application).await, 200);
        assert_eq!(s.invite(&n, "000").await, 422, "unknown enterprise");
        assert_eq!(s.invite(&n, &s.b.eik).await, 200);
        let invitation = s.membership(&t, &n, &s.b).await;
        assert_eq!(invitation.status, MembershipStatus::Invited);
        // The owner of A is no member of B: cannot accept for it.
        assert_eq!(
            membership_action(&s.owner, &invitation, "accept").await,
            403
        );
        assert_eq!(
            membership_action(&s.admin, &invitation, "accept").await,
            200
        );
        t.drop_db().await;
    }
}

/// The file of a network's logo, as recorded.
async fn logo_of(t: &common::TestDb, network_id: i32) -> String {
    network::Entity::find_by_id(network_id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .logo_path
        .expect("the logo is recorded")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_networks_page_shows_its_members_and_its_logo() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let n = s.create_network(&t).await;
        assert_eq!(network_logo(&s.curator, &n).await, 200);
        let path = logo_of(&t, n.id).await;
        s.both_join(&t, &n).await;
        let page = Browser::new(&s.base)
            .get(&format!("/n/{}", n.slug))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&s.a.name) && page.contains(&s.b.name),
            "{}: network page lacks members",
            t.label
        );
        assert!(
            page.contains(&format!("/media/{path}")),
            "{}: the logo shows",
            t.label
        );
        assert_eq!(
            Browser::new(&s.base)
                .get(&format!("/media/{path}"))
                .await
                .status(),
            200
        );
        t.drop_db().await;
    }
}

/// The network facet shows both members' products; when A leaves, its
/// products leave the network's catalogue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_network_facet_finds_its_members_products_until_one_leaves() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let n = s.create_network(&t).await;
        let application = s.both_join(&t, &n).await;
        wait_until_indexed(&s.base).await;
        let in_network = search(&s.base, &format!("q=&per_page=100&network={}", n.slug)).await;
        let enterprises: std::collections::BTreeSet<String> = in_network["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["enterprise"]["slug"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            enterprises,
            [s.a.slug.clone(), s.b.slug.clone()].into_iter().collect(),
            "{}",
            t.label
        );

        // A leaves: its products leave the network's catalogue.
        assert_eq!(
            membership_action(&s.owner, &application, "leave").await,
            200
        );
        wait_until_indexed(&s.base).await;
        let after = search(&s.base, &format!("q=&per_page=100&network={}", n.slug)).await;
        assert!(
            after["hits"]
                .as_array()
                .unwrap()
                .iter()
                .all(|h| h["enterprise"]["slug"] == s.b.slug.as_str()),
            "{}: {after}",
            t.label
        );
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_with_bad_dates_is_refused_field_by_field() {
    for t in all_databases().await {
        let s = networks(&t).await;
        for (start, end, field) in [
            ("2030-05-02T10:00", "2030-05-01T10:00", "ends_at"),
            ("2020-05-01T10:00", "2030-05-01T10:00", "starts_at"),
            ("утре", "2030-05-01T10:00", "starts_at"),
        ] {
            let r = s
                .curator
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
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_is_published_under_a_readable_address_in_bulgarian_time() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let ev = s.publish_event(&t).await;
        // Bulgarian summer time: 10:00 there is 07:00 UTC.
        assert_eq!(ev.starts_at.to_rfc3339(), "2030-05-01T07:00:00+00:00");
        t.drop_db().await;
    }
}

/// A takes part; its page lists it, with its products, once the curator
/// confirms.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_lists_a_participant_and_its_products_once_the_curator_confirms() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let ev = s.publish_event(&t).await;
        let r = s
            .owner
            .post(
                "/fn/take_part",
                &[
                    ("locale", "bg"),
                    ("enterprise_id", &s.a.id.to_string()),
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
        let page = Browser::new(&s.base)
            .get("/events/proleten-bazar")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            !page.contains(&s.a.name),
            "not listed before the curator confirms"
        );
        let r = s
            .curator
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
        let page = s
            .owner
            .get("/events/proleten-bazar")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&s.a.name),
            "{}: event page lists the participant",
            t.label
        );
        let a_product = first_published(&t.db, s.a.id).await;
        assert!(
            page.contains(&a_product.title),
            "{}: and its products",
            t.label
        );
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_has_a_printable_page_with_a_qr_code_and_is_listed_among_events() {
    for t in all_databases().await {
        let s = networks(&t).await;
        s.publish_event(&t).await;
        let print = Browser::new(&s.base)
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
        let events = Browser::new(&s.base)
            .get("/events")
            .await
            .text()
            .await
            .unwrap();
        assert!(events.contains("Пролетен базар"));
        t.drop_db().await;
    }
}

/// The notices of `kind` that the people of `e` got.
async fn told(t: &common::TestDb, e: &enterprise::Model, kind: NoticeKind) -> usize {
    notice::Entity::find()
        .filter(notice::Column::EnterpriseId.eq(e.id))
        .filter(notice::Column::Kind.eq(kind))
        .all(&t.db)
        .await
        .unwrap()
        .len()
}

/// A curator renames a network under the same address; its members are
/// told and find their listings under the new name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_network_keeps_its_address_and_tells_its_members() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let n = s.create_network(&t).await;
        s.both_join(&t, &n).await;
        let change = |name: &'static str| {
            let id = n.id.to_string();
            let curator = &s.curator;
            async move {
                curator
                    .post(
                        "/fn/update_network",
                        &[
                            ("locale", "bg"),
                            ("network_id", &id),
                            ("input[name]", name),
                            ("input[kind]", "thematic"),
                            ("input[description]", "Морето и ръцете."),
                            ("next", "/curator/varna"),
                        ],
                    )
                    .await
            }
        };
        // A refused change says why and changes nothing.
        let before = fingerprint(&t.db).await;
        let r = change("М").await;
        assert_eq!(r.status(), 422, "{}", t.label);
        assert!(r.text().await.unwrap().contains("\"field\":\"name\""));
        assert_eq!(before, fingerprint(&t.db).await, "{}", t.label);

        let r = change("Морски занаяти и вкусове").await;
        assert_eq!(r.status(), 200, "{}", t.label);
        let now = network::Entity::find_by_id(n.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(now.slug, n.slug, "{}: the address stays", t.label);
        assert_eq!(now.name, "Морски занаяти и вкусове");
        assert_eq!(now.kind, app::domain::NetworkKind::Thematic);
        // (B has no accounts of its own to tell.)
        assert!(
            told(&t, &s.a, NoticeKind::NetworkChanged).await > 0,
            "{}: the members told",
            t.label
        );
        let page = s
            .owner
            .get(&format!("/n/{}", n.slug))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("Морски занаяти и вкусове"), "{}", t.label);
        t.drop_db().await;
    }
}

/// A closed network is gone with its memberships and its logo; its
/// members are told and their products leave its filter.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_network_ends_its_memberships_and_tells_its_members() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let n = s.create_network(&t).await;
        assert_eq!(network_logo(&s.curator, &n).await, 200);
        let logo = logo_of(&t, n.id).await;
        let logo_status = || async {
            Browser::new(&s.base)
                .get(&format!("/media/{logo}"))
                .await
                .status()
        };
        assert_eq!(logo_status().await, 200);
        s.both_join(&t, &n).await;
        let r = s
            .curator
            .post(
                "/fn/close_network",
                &[
                    ("locale", "bg"),
                    ("network_id", &n.id.to_string()),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", t.label);
        assert_eq!(location(&r), "/curator/varna?saved=network-closed");
        assert_eq!(logo_status().await, 404, "{}: the logo is removed", t.label);
        assert!(
            network::Entity::find_by_id(n.id)
                .one(&t.db)
                .await
                .unwrap()
                .is_none()
        );
        let left = network_member::Entity::find()
            .filter(network_member::Column::NetworkId.eq(n.id))
            .all(&t.db)
            .await
            .unwrap();
        assert!(left.is_empty(), "{}", t.label);
        assert!(
            told(&t, &s.a, NoticeKind::NetworkClosed).await > 0,
            "{}: the members told",
            t.label
        );
        assert_eq!(
            Browser::new(&s.base)
                .get(&format!("/n/{}", n.slug))
                .await
                .status(),
            404
        );
        wait_until_indexed(&s.base).await;
        let hits = search(&s.base, &format!("q=&per_page=100&network={}", n.slug)).await;
        assert!(
            hits["hits"].as_array().unwrap().is_empty(),
            "{}: {hits}",
            t.label
        );
        let audit = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("network.closed"))
            .one(&t.db)
            .await
            .unwrap()
            .expect("the closing is in the audit log");
        assert_eq!(audit.reason.as_deref(), Some("Морски занаяти"));
        t.drop_db().await;
    }
}

/// A changed event tells those taking part; a cancelled one says so on
/// its page, leaves the lists and takes no more sign-ups or changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_or_cancelled_event_tells_those_taking_part() {
    for t in all_databases().await {
        let s = networks(&t).await;
        let ev = s.publish_event(&t).await;
        let take_part = || {
            let ev_id = ev.id.to_string();
            let a_id = s.a.id.to_string();
            let owner = &s.owner;
            async move {
                owner
                    .post(
                        "/fn/take_part",
                        &[
                            ("locale", "bg"),
                            ("enterprise_id", &a_id),
                            ("event_id", &ev_id),
                            ("next", "/dashboard"),
                        ],
                    )
                    .await
            }
        };
        assert_eq!(take_part().await.status(), 200);
        let update = |start: &'static str| {
            let id = ev.id.to_string();
            let curator = &s.curator;
            async move {
                curator
                    .post(
                        "/fn/update_event",
                        &[
                            ("locale", "bg"),
                            ("event_id", &id),
                            ("input[title]", "Пролетен базар на морето"),
                            ("input[kind]", "bazaar"),
                            ("input[starts_at]", start),
                            ("input[ends_at]", "2030-05-02T18:00"),
                            ("input[place]", "Варна, Морска гара"),
                            ("next", "/curator/varna"),
                        ],
                    )
                    .await
            }
        };
        let before = fingerprint(&t.db).await;
        let r = update("2030-05-03T10:00").await;
        assert_eq!(r.status(), 422, "{}: ends before it starts", t.label);
        assert!(r.text().await.unwrap().contains("\"field\":\"ends_at\""));
        assert_eq!(before, fingerprint(&t.db).await, "{}", t.label);

        let r = update("2030-05-02T10:00").await;
        assert_eq!(r.status(), 200, "{}", t.label);
        let now = event::Entity::find_by_id(ev.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(now.slug, ev.slug);
        assert_eq!(now.place, "Варна, Морска гара");
        assert_eq!(now.starts_at.to_rfc3339(), "2030-05-02T07:00:00+00:00");
        assert_eq!(
            told(&t, &s.a, NoticeKind::EventChanged).await,
            1,
            "{}",
            t.label
        );

        let r = s
            .curator
            .post(
                "/fn/cancel_event",
                &[
                    ("locale", "bg"),
                    ("event_id", &ev.id.to_string()),
                    ("next", "/curator/varna"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", t.label);
        assert_eq!(
            told(&t, &s.a, NoticeKind::EventCancelled).await,
            1,
            "{}",
            t.label
        );
        let page = s.owner.get("/events/proleten-bazar").await;
        assert_eq!(page.status(), 200, "{}: the page stays", t.label);
        assert!(page.text().await.unwrap().contains("Събитието е отменено"));
        let events = s.owner.get("/events").await.text().await.unwrap();
        assert!(
            !events.contains("Пролетен базар"),
            "{}: not listed",
            t.label
        );
        let desk = s.curator.get("/curator/varna").await.text().await.unwrap();
        assert!(
            !desk.contains("Пролетен базар"),
            "{}: not on the desk",
            t.label
        );

        // Nothing more happens to a cancelled event, and each refusal
        // changes nothing.
        let before = fingerprint(&t.db).await;
        assert_eq!(update("2030-05-02T10:00").await.status(), 409);
        assert_eq!(
            s.curator
                .post(
                    "/fn/cancel_event",
                    &[
                        ("locale", "bg"),
                        ("event_id", &ev.id.to_string()),
                        ("next", "/curator/varna"),
                    ],
                )
                .await
                .status(),
            409
        );
        assert_eq!(before, fingerprint(&t.db).await, "{}", t.label);
        // With A's sign-up gone, A may not sign up again either.
        event_participant::Entity::delete_many()
            .filter(event_participant::Column::EventId.eq(ev.id))
            .exec(&t.db)
            .await
            .unwrap();
        let before_signup = fingerprint(&t.db).await;
        let r = take_part().await;
        assert_eq!(r.status(), 409, "{}", t.label);
        assert!(r.text().await.unwrap().contains("отменено"));
        assert_eq!(before_signup, fingerprint(&t.db).await);
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn certificates_warn_once_then_lapse() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let a = enterprise_by_slug(&t.db, A_SLUG).await;
    let today = app::format::sofia_date(chrono::Utc::now());
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
