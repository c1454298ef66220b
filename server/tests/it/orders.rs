//! Order requests over real HTTP: the basket becomes one request per
//! enterprise, the state machine and its refusals, stock taken on
//! acceptance (and two acceptances of the last items cannot both win),
//! threads and notices, and who may see a request.

use crate::common;

use common::{Browser, all_databases, spawn_server};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use app::domain::notices::NoticeKind;
use app::domain::orders::{OrderKind, OrderStatus};
use app::domain::{Availability, ProductStatus};
use app::server::entities::*;

const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");
const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
const PASSWORD: &str = "дълга парола 2026";

/// A published product of an enterprise, set to `stock` items on the shelf.
pub(crate) async fn stocked(
    db: &DatabaseConnection,
    enterprise_slug: &str,
    stock: i32,
) -> product::Model {
    let e = enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq(enterprise_slug))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let p = product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(e.id))
        .filter(product::Column::Status.eq("published"))
        .order_by_asc(product::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut a: product::ActiveModel = p.into();
    a.availability = Set(Availability::InStock);
    a.stock = Set(Some(stock));
    a.min_order = Set(1);
    a.update(db).await.unwrap()
}

pub(crate) async fn put(b: &Browser, product: i32, quantity: i32) -> reqwest::Response {
    b.post(
        "/fn/put_in_basket",
        &[
            ("locale", "bg"),
            ("product_id", &product.to_string()),
            ("quantity", &quantity.to_string()),
        ],
    )
    .await
}

pub(crate) async fn send(b: &Browser, key: &str) -> reqwest::Response {
    b.post(
        "/fn/send_basket",
        &[
            ("locale", "bg"),
            ("key", key),
            ("input[contact_name]", "Купувач Демо"),
            ("input[contact_email]", "kupuvach@demo.socialenpazar.bg"),
            ("input[delivery]", "pickup"),
            ("input[message]", "Здравейте!"),
        ],
    )
    .await
}

async fn requests_of(db: &DatabaseConnection) -> Vec<order_request::Model> {
    order_request::Entity::find()
        .order_by_asc(order_request::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// The enterprise proposes `quantity` × `price` for one line of a request.
async fn propose(who: &Browser, id: &str, line: i32, quantity: &str, price: &str) -> u16 {
    let form: Vec<(String, String)> = vec![
        ("locale".into(), "bg".into()),
        ("id".into(), id.into()),
        ("note".into(), "Имаме 3 броя, с отстъпка.".into()),
        (format!("lines[{line}][quantity]"), quantity.into()),
        (format!("lines[{line}][price]"), price.into()),
    ];
    who.post_owned("/fn/propose_changes", &form)
        .await
        .status()
        .as_u16()
}

/// A buyer asks the chosen members of a network for a quote.
async fn quote(b: &Browser, network: &str, members: &[&str], message: &str) -> u16 {
    let mut form: Vec<(String, String)> = vec![
        ("locale".into(), "bg".into()),
        ("network".into(), network.into()),
        ("message".into(), message.into()),
    ];
    for m in members {
        form.push((format!("members[{m}]"), "on".into()));
    }
    b.post_owned("/fn/ask_quote", &form).await.status().as_u16()
}

async fn act(b: &Browser, id: i32, action: &str, extra: &[(&str, &str)]) -> u16 {
    let id = id.to_string();
    let mut form = vec![("locale", "bg"), ("id", id.as_str()), ("action", action)];
    form.extend_from_slice(extra);
    b.post("/fn/request_action", &form).await.status().as_u16()
}

/// A seeded server with a product of each of two enterprises on the
/// shelf (ten each), and a visitor, not signed in, who put two of the one
/// and three of the other in the basket.
struct Basket {
    base: String,
    a: product::Model,
    b_product: product::Model,
    buyer: Browser,
}

async fn basket(t: &common::TestDb) -> Basket {
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    let a = stocked(&t.db, "sinya-nishka-varna", 10).await;
    let b_product = stocked(&t.db, "chista-stapka-varna", 10).await;
    let buyer = Browser::new(&base);
    assert_eq!(put(&buyer, a.id, 2).await.status(), 200);
    assert_eq!(put(&buyer, b_product.id, 3).await.status(), 200);
    Basket {
        base,
        a,
        b_product,
        buyer,
    }
}

/// That basket sent once the buyer signed in: a request to each
/// enterprise, `ra` for the product `a`, `rb` for `b_product`.
struct Sent {
    base: String,
    a: product::Model,
    buyer: Browser,
    ra: order_request::Model,
    rb: order_request::Model,
}

async fn sent(t: &common::TestDb) -> Sent {
    let Basket {
        base,
        a,
        b_product,
        buyer,
    } = basket(t).await;
    buyer.sign_in(BUYER.0, BUYER.1).await;
    assert_eq!(send(&buyer, "k1").await.status(), 200);
    let requests = requests_of(&t.db).await;
    assert_eq!(requests.len(), 2, "{}: one request per enterprise", t.label);
    let of = |enterprise_id: i32| {
        requests
            .iter()
            .find(|r| r.enterprise_id == enterprise_id)
            .unwrap()
            .clone()
    };
    Sent {
        ra: of(a.enterprise_id),
        rb: of(b_product.enterprise_id),
        base,
        a,
        buyer,
    }
}

/// Signed in as the demo owner (of the enterprise of `a`).
async fn owner(base: &str) -> Browser {
    let owner = Browser::new(base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    owner
}

/// Signed in as someone with no part in any request.
async fn stranger(base: &str) -> Browser {
    let stranger = Browser::new(base);
    stranger
        .post(
            "/fn/sign_up",
            &[
                ("locale", "bg"),
                ("accept_terms", "on"),
                ("email", "s@example.bg"),
                ("password", PASSWORD),
                ("display_name", "Някой"),
            ],
        )
        .await;
    stranger.sign_in("s@example.bg", PASSWORD).await;
    stranger
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitors_basket_comes_along_on_sign_in_and_sending_it_needs_an_account() {
    for t in all_databases().await {
        // A visitor fills the basket, then signs in: the basket comes along.
        let Basket { buyer, .. } = basket(&t).await;
        let r = send(&buyer, "k1").await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            common::location(&r),
            "/signin?next=%2Fbasket",
            "sending needs an account: sign in, then back to the basket"
        );
        assert!(requests_of(&t.db).await.is_empty(), "nothing sent yet");
        buyer.sign_in(BUYER.0, BUYER.1).await;
        let page = buyer.get("/basket").await.text().await.unwrap();
        assert!(
            page.contains("Здравейте!"),
            "{}: what was typed before signing in is kept",
            t.label
        );
        let basket: serde_json::Value = buyer.post("/fn/basket", &[]).await.json().await.unwrap();
        assert_eq!(
            basket["enterprises"].as_array().unwrap().len(),
            2,
            "{}: {basket}",
            t.label
        );
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quantity_over_the_stock_is_refused() {
    for t in all_databases().await {
        let Basket { a, buyer, .. } = basket(&t).await;
        buyer.sign_in(BUYER.0, BUYER.1).await;
        // Refusals change nothing: a quantity over the stock.
        assert_eq!(put(&buyer, a.id, 11).await.status(), 422);
        assert_eq!(put(&buyer, a.id, 0).await.status(), 200);
        assert_eq!(put(&buyer, a.id, 2).await.status(), 200);
        t.drop_db().await;
    }
}

/// Too many of a product: the refusal stands under the quantity in the
/// reader's language, with what they typed, with JavaScript (JSON, 422,
/// whatever the encoding the browser accepts) and without (the page again).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_is_said_under_the_quantity_which_keeps_what_was_typed() {
    let t = common::sqlite().await;
    let Basket { base, a, buyer, .. } = basket(&t).await;
    let form = [
        ("locale", "bg".to_string()),
        ("product_id", a.id.to_string()),
        ("quantity", "500".to_string()),
    ];
    // With JavaScript: a JSON refusal, the same whether or not compressed.
    for encoding in ["identity", "gzip, deflate, br, zstd"] {
        let r = buyer
            .http
            .post(format!("{base}/fn/put_in_basket"))
            .header("Accept", "application/json")
            .header("Accept-Encoding", encoding)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{encoding}");
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["Invalid"][0]["field"], "quantity", "{encoding}: {v}");
        assert!(
            v["Invalid"][0]["message"]
                .as_str()
                .unwrap()
                .contains("налич"),
            "{encoding}: in Bulgarian: {v}"
        );
    }
    // Without: back to the product page, the error under the field, 500 kept.
    let page = format!("{base}/p/{}", a.slug);
    let r = buyer
        .http
        .post(format!("{base}/fn/put_in_basket"))
        .header("Accept", "text/html")
        .header("Referer", &page)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let back = common::location(&r);
    assert!(back.contains("__form="), "{back}");
    assert!(!back.contains("locale"), "only what was typed: {back}");
    let html = buyer
        .get(back.strip_prefix(base.as_str()).unwrap_or(&back))
        .await
        .text()
        .await
        .unwrap();
    let field = html
        .split(r#"id="qty""#)
        .nth(1)
        .expect("the quantity field");
    assert!(field.contains(r#"value="500""#), "the typed quantity stays");
    let error = html
        .split(r#"id="err-quantity""#)
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .expect("the quantity's error");
    assert!(!error.contains("hidden"), "shown: {error}");
    assert!(error.contains("налич"), "in Bulgarian: {error}");
    // A stranger's copy of the address shows nothing of it.
    let other = Browser::new(&base);
    let html = other
        .get(back.strip_prefix(base.as_str()).unwrap_or(&back))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains(r#"value="500""#), "not for another reader");
    t.drop_db().await;
}

/// The count of a header link, if it shows one.
fn header_count(html: &str, marker: &str) -> Option<u32> {
    let link = html.split(marker).nth(1)?.split("</a>").next()?;
    link.split(r#"<span class="pill">"#)
        .nth(1)?
        .split('<')
        .next()?
        .parse()
        .ok()
}

/// The header counts what waits: the basket's lines for anyone, the
/// requests waiting in an enterprise's inbox for its members.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_header_counts_the_basket_and_the_waiting_requests() {
    let t = common::sqlite().await;
    let Sent {
        base, buyer, ra, ..
    } = sent(&t).await;
    let html = buyer.get("/").await.text().await.unwrap();
    assert_eq!(
        header_count(&html, r#"href="/basket""#),
        None,
        "a sent basket is empty"
    );
    let owner = owner(&base).await;
    let html = owner.get("/").await.text().await.unwrap();
    assert!(
        header_count(&html, r#"class="inbox-link""#).is_some_and(|n| n >= 1),
        "the new request waits in the inbox"
    );
    let before = header_count(&html, r#"class="inbox-link""#);
    assert_eq!(act(&owner, ra.id, "accept", &[]).await, 200);
    let html = owner.get("/").await.text().await.unwrap();
    assert_eq!(
        header_count(&html, r#"class="inbox-link""#),
        before.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0),
        "an accepted request waits no more"
    );
    let slug = "sinya-nishka-varna";
    let visitor = Browser::new(&base);
    let p = stocked(&t.db, slug, 5).await;
    assert_eq!(put(&visitor, p.id, 2).await.status(), 200);
    let html = visitor.get("/centres").await.text().await.unwrap();
    assert_eq!(
        header_count(&html, r#"href="/basket""#),
        Some(1),
        "one line in the basket"
    );
    t.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_basket_of_two_enterprises_sent_twice_at_once_becomes_two_requests() {
    for t in all_databases().await {
        let Basket { buyer, .. } = basket(&t).await;
        buyer.sign_in(BUYER.0, BUYER.1).await;
        let (r1, r2) = tokio::join!(send(&buyer, "k-double"), send(&buyer, "k-double"));
        assert!(
            r1.status().is_success() || r2.status().is_success(),
            "{} {}",
            r1.status(),
            r2.status()
        );
        let requests = requests_of(&t.db).await;
        assert_eq!(
            requests.len(),
            2,
            "{}: one request per enterprise, once",
            t.label
        );
        let basket: serde_json::Value = buyer.post("/fn/basket", &[]).await.json().await.unwrap();
        assert_eq!(
            basket["enterprises"].as_array().unwrap().len(),
            0,
            "sent baskets are emptied"
        );
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_later_price_change_does_not_touch_a_sent_request() {
    for t in all_databases().await {
        let Sent { a, ra, .. } = sent(&t).await;
        let mut p: product::ActiveModel = product::Entity::find_by_id(a.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        p.price_cents = Set(a.price_cents + 500);
        p.update(&t.db).await.unwrap();
        let line = order_request_line::Entity::find()
            .filter(order_request_line::Column::OrderRequestId.eq(ra.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((line.quantity, line.unit_price_cents), (2, a.price_cents));
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_buyer_and_the_enterprise_may_see_a_request() {
    for t in all_databases().await {
        let Sent { base, ra, rb, .. } = sent(&t).await;
        // Who may see it: the buyer and the enterprise, nobody else.
        let owner = owner(&base).await;
        let stranger = stranger(&base).await;
        let id = ra.id.to_string();
        assert_eq!(
            stranger.post("/fn/request", &[("id", &id)]).await.status(),
            404
        );
        assert_eq!(
            owner.post("/fn/request", &[("id", &id)]).await.status(),
            200
        );
        assert_eq!(
            owner
                .post("/fn/request", &[("id", &rb.id.to_string())])
                .await
                .status(),
            404,
            "another enterprise's request"
        );
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_refuses_the_wrong_party_the_wrong_order_and_a_missing_reason() {
    for t in all_databases().await {
        let Sent {
            base, buyer, ra, ..
        } = sent(&t).await;
        let owner = owner(&base).await;
        let stranger = stranger(&base).await;
        // The state machine: wrong party, wrong order, missing reason.
        assert_eq!(act(&buyer, ra.id, "accept", &[]).await, 403);
        assert_eq!(act(&owner, ra.id, "fulfil", &[]).await, 409);
        assert_eq!(act(&owner, ra.id, "cancel", &[]).await, 403);
        assert_eq!(act(&owner, ra.id, "decline", &[("reason", "")]).await, 422);
        assert_eq!(act(&stranger, ra.id, "accept", &[]).await, 404);
        assert_eq!(requests_of(&t.db).await[0].status, OrderStatus::Submitted);
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stock_goes_down_on_acceptance_and_back_on_cancellation() {
    for t in all_databases().await {
        let Sent {
            base, a, buyer, ra, ..
        } = sent(&t).await;
        let owner = owner(&base).await;
        assert_eq!(
            act(&owner, ra.id, "accept", &[("note", "Готово в петък.")]).await,
            200
        );
        let stock = |db: DatabaseConnection, id: i32| async move {
            product::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .stock
        };
        assert_eq!(
            stock(t.db.clone(), a.id).await,
            Some(8),
            "stock goes down on acceptance"
        );
        assert_eq!(act(&buyer, ra.id, "cancel", &[]).await, 200);
        assert_eq!(
            stock(t.db.clone(), a.id).await,
            Some(10),
            "and back on cancellation"
        );
        assert_eq!(
            act(&owner, ra.id, "fulfil", &[]).await,
            409,
            "a cancelled request stays cancelled"
        );
        t.drop_db().await;
    }
}

/// The other enterprise declines with a reason; a thread and notices.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_request_shows_its_reason_and_thread_and_both_sides_are_told() {
    for t in all_databases().await {
        let Sent {
            base, buyer, rb, ..
        } = sent(&t).await;
        // Admins act for any enterprise.
        let admin = Browser::new(&base);
        admin
            .sign_in("admin@demo.socialenpazar.bg", "demo-admin-2026")
            .await;
        assert_eq!(
            act(
                &admin,
                rb.id,
                "decline",
                &[("reason", "Няма наличност до април.")]
            )
            .await,
            200
        );
        let r = buyer
            .post(
                "/fn/post_message",
                &[
                    ("locale", "bg"),
                    ("id", &rb.id.to_string()),
                    ("body", "Разбрах, благодаря!"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let view: serde_json::Value = buyer
            .post("/fn/request", &[("id", &rb.id.to_string())])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(view["summary"]["status"], "declined");
        assert_eq!(view["decline_reason"], "Няма наличност до април.");
        assert_eq!(view["thread"][0]["body"], "Разбрах, благодаря!");
        let notices = notice::Entity::find().all(&t.db).await.unwrap();
        assert!(
            notices
                .iter()
                .any(|n| n.kind == NoticeKind::RequestReceived)
        );
        assert!(
            notices
                .iter()
                .any(|n| n.kind == NoticeKind::RequestDeclined)
        );
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_acceptances_of_the_last_items_cannot_both_win() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let p = stocked(&t.db, "sinya-nishka-varna", 3).await;
        let mut ids = vec![];
        for (i, email) in ["a@example.bg", "b@example.bg"].into_iter().enumerate() {
            let b = Browser::new(&base);
            b.post(
                "/fn/sign_up",
                &[
                    ("locale", "bg"),
                    ("accept_terms", "on"),
                    ("email", email),
                    ("password", PASSWORD),
                    ("display_name", "Купувач"),
                ],
            )
            .await;
            b.sign_in(email, PASSWORD).await;
            assert_eq!(put(&b, p.id, 3).await.status(), 200);
            assert_eq!(send(&b, &format!("race-{i}")).await.status(), 200);
        }
        for r in requests_of(&t.db).await {
            ids.push(r.id);
        }
        assert_eq!(ids.len(), 2);
        let owner = Browser::new(&base);
        owner.sign_in(OWNER.0, OWNER.1).await;
        let (x, y) = tokio::join!(
            act(&owner, ids[0], "accept", &[]),
            act(&owner, ids[1], "accept", &[])
        );
        let mut got = vec![x, y];
        got.sort();
        assert_eq!(got, vec![200, 409], "{}", t.label);
        let left = product::Entity::find_by_id(p.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .stock;
        assert_eq!(left, Some(0));
        let accepted = requests_of(&t.db)
            .await
            .into_iter()
            .filter(|r| r.status == OrderStatus::Accepted)
            .count();
        assert_eq!(accepted, 1);
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpublished_products_cannot_be_ordered_and_nothing_is_saved() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    let p = stocked(&t.db, "sinya-nishka-varna", 5).await;
    let buyer = Browser::new(&base);
    buyer.sign_in(BUYER.0, BUYER.1).await;
    assert_eq!(put(&buyer, p.id, 2).await.status(), 200);
    let mut a: product::ActiveModel = product::Entity::find_by_id(p.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    a.status = Set(ProductStatus::Draft);
    a.update(&t.db).await.unwrap();
    let r = send(&buyer, "k-unpublished").await;
    assert_eq!(r.status(), 422);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["Invalid"][0]["field"], format!("line:{}", p.id), "{v}");
    assert_eq!(v["Invalid"][0]["code"], "not_orderable", "{v}");
    assert!(requests_of(&t.db).await.is_empty());
    assert_eq!(
        put(&buyer, p.id, 1).await.status(),
        404,
        "an unpublished product cannot go in the basket"
    );
}

async fn toggle(b: &Browser, what: &str, id: i32) -> reqwest::Response {
    let id = id.to_string();
    b.post(
        "/fn/toggle_favourite",
        &[
            ("locale", "bg"),
            (what, id.as_str()),
            ("next", "/favourites"),
        ],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn favourites_and_notices() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    let p = stocked(&t.db, "sinya-nishka-varna", 5).await;
    // A visitor is sent to sign in, and nothing is saved.
    let visitor = Browser::new(&base);
    let r = toggle(&visitor, "product_id", p.id).await;
    assert_eq!(r.status(), 200);
    assert!(common::location(&r).starts_with("/signin?next=%2Ffavourites"));
    assert!(
        favourite::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .is_empty()
    );

    let buyer = Browser::new(&base);
    buyer.sign_in(BUYER.0, BUYER.1).await;
    assert_eq!(toggle(&buyer, "product_id", p.id).await.status(), 200);
    assert_eq!(
        toggle(&buyer, "enterprise_id", p.enterprise_id)
            .await
            .status(),
        200
    );
    assert_eq!(toggle(&buyer, "product_id", 999_999).await.status(), 404);
    let f: serde_json::Value = buyer
        .post("/fn/favourites", &[("locale", "bg")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(f["products"][0]["id"], p.id);
    assert_eq!(f["enterprises"].as_array().unwrap().len(), 1);
    // A second press removes it.
    assert_eq!(toggle(&buyer, "product_id", p.id).await.status(), 200);
    let f: serde_json::Value = buyer
        .post("/fn/favourites", &[("locale", "bg")])
        .await
        .json()
        .await
        .unwrap();
    assert!(f["products"].as_array().unwrap().is_empty());
    assert_eq!(
        visitor
            .post("/fn/favourites", &[("locale", "bg")])
            .await
            .status(),
        401
    );

    // A sent request leaves a notice for the enterprise; reading marks it read.
    assert_eq!(put(&buyer, p.id, 1).await.status(), 200);
    assert_eq!(send(&buyer, "k-notice").await.status(), 200);
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    let n: serde_json::Value = owner.post("/fn/notices", &[]).await.json().await.unwrap();
    assert_eq!(n[0]["kind"], "request_received");
    assert_eq!(n[0]["unread"], true);
    let n: serde_json::Value = owner.post("/fn/notices", &[]).await.json().await.unwrap();
    assert_eq!(n[0]["unread"], false);
    let b: serde_json::Value = buyer.post("/fn/notices", &[]).await.json().await.unwrap();
    assert!(
        b.as_array().unwrap().is_empty(),
        "the buyer's own request is no notice to them"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_quantities_and_prices_wait_for_the_buyer() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let p = stocked(&t.db, "sinya-nishka-varna", 10).await;
        let buyer = Browser::new(&base);
        buyer.sign_in(BUYER.0, BUYER.1).await;
        let owner = Browser::new(&base);
        owner.sign_in(OWNER.0, OWNER.1).await;
        assert_eq!(put(&buyer, p.id, 4).await.status(), 200);
        assert_eq!(send(&buyer, "k-propose").await.status(), 200);
        let o = requests_of(&t.db).await.pop().unwrap();
        let line = order_request_line::Entity::find()
            .filter(order_request_line::Column::OrderRequestId.eq(o.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let id = o.id.to_string();
        // Refusals: the buyer may not propose; bad numbers change nothing.
        let before = common::fingerprint(&t.db).await;
        assert_eq!(propose(&buyer, &id, line.id, "3", "10,00").await, 403);
        assert_eq!(propose(&owner, &id, line.id, "0", "10,00").await, 422);
        assert_eq!(propose(&owner, &id, line.id, "3", "-1").await, 422);
        assert_eq!(propose(&owner, &id, line.id, "3", "много").await, 422);
        assert_eq!(
            before,
            common::fingerprint(&t.db).await,
            "{}: refusals changed nothing",
            t.label
        );
        assert_eq!(propose(&owner, &id, line.id, "3", "10,00").await, 200);
        let o2 = requests_of(&t.db).await.pop().unwrap();
        assert_eq!(o2.status, OrderStatus::Proposed);
        // Nothing is taken from stock until the buyer confirms.
        let stock = |db: DatabaseConnection, id: i32| async move {
            product::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .stock
        };
        assert_eq!(stock(t.db.clone(), p.id).await, Some(10));
        assert_eq!(
            act(&owner, o.id, "confirm", &[]).await,
            403,
            "the enterprise cannot confirm for the buyer"
        );
        assert_eq!(act(&owner, o.id, "fulfil", &[]).await, 409);
        let page = buyer
            .get(&format!("/requests/{}", o.id))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("Потвърди промените"), "{}", t.label);
        assert_eq!(act(&buyer, o.id, "confirm", &[]).await, 200);
        let l = order_request_line::Entity::find_by_id(line.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (l.quantity, l.unit_price_cents, l.proposed_quantity),
            (3, 1000, None)
        );
        assert_eq!(stock(t.db.clone(), p.id).await, Some(7));
        assert_eq!(
            requests_of(&t.db).await.pop().unwrap().status,
            OrderStatus::Accepted
        );
        // The enterprise was told.
        let told = notice::Entity::find()
            .filter(notice::Column::OrderRequestId.eq(o.id))
            .all(&t.db)
            .await
            .unwrap();
        assert!(told.iter().any(|n| n.kind == NoticeKind::RequestProposed));
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_about_a_product_and_quotes_from_a_network() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let p = stocked(&t.db, "sinya-nishka-varna", 10).await;
        let pid = p.id.to_string();
        let buyer = Browser::new(&base);
        buyer.sign_in(BUYER.0, BUYER.1).await;
        let owner = Browser::new(&base);
        owner.sign_in(OWNER.0, OWNER.1).await;

        // A question: an account is needed; an empty one is refused.
        let anon = Browser::new(&base);
        let ask = [
            ("locale", "bg"),
            ("product_id", pid.as_str()),
            ("question", "Има ли размер XL?"),
        ];
        assert_eq!(anon.post("/fn/ask_question", &ask).await.status(), 401);
        assert_eq!(
            buyer
                .post(
                    "/fn/ask_question",
                    &[
                        ("locale", "bg"),
                        ("product_id", pid.as_str()),
                        ("question", " ")
                    ]
                )
                .await
                .status(),
            422
        );
        assert!(requests_of(&t.db).await.is_empty());
        let (r1, r2) = tokio::join!(
            buyer.post("/fn/ask_question", &ask),
            buyer.post("/fn/ask_question", &ask)
        );
        assert!(
            r1.status().is_success() && r2.status().is_success(),
            "{} {}",
            r1.status(),
            r2.status()
        );
        let qs = requests_of(&t.db).await;
        assert_eq!(qs.len(), 1, "{}: a double submit asks once", t.label);
        let q = &qs[0];
        assert_eq!((q.kind.code(), q.product_id), ("question", Some(p.id)));
        // The enterprise sees it in its inbox, answers in the thread, closes it.
        let inbox = owner
            .post("/fn/inbox", &[("slug", "sinya-nishka-varna")])
            .await;
        let inbox_text = inbox.text().await.unwrap();
        assert!(inbox_text.contains("\"question\""), "{inbox_text}");
        assert_eq!(
            act(&owner, q.id, "accept", &[]).await,
            409,
            "a question is not accepted"
        );
        let r = owner
            .post(
                "/fn/post_message",
                &[
                    ("locale", "bg"),
                    ("id", &q.id.to_string()),
                    ("body", "Да, има."),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(act(&owner, q.id, "fulfil", &[]).await, 200);

        // A quote asked of two chosen members of a network.
        let network = network::Entity::find()
            .filter(network::Column::Slug.eq("uslugi-s-kauza-severoiztok"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let msg = "Почистване на 3 общински сгради, веднъж седмично от януари.";
        assert_eq!(
            quote(&buyer, &network.slug, &[], msg).await,
            422,
            "no member chosen"
        );
        assert_eq!(
            quote(&buyer, &network.slug, &["trapezata-plovdiv"], msg).await,
            422,
            "not a member"
        );
        assert_eq!(
            quote(&buyer, &network.slug, &["chista-stapka-varna"], "").await,
            422,
            "no message"
        );
        assert_eq!(requests_of(&t.db).await.len(), 1);
        // Sent twice, as a double submit would: still one request per member.
        for _ in 0..2 {
            assert_eq!(
                quote(
                    &buyer,
                    &network.slug,
                    &["chista-stapka-varna", "sinya-nishka-varna"],
                    msg
                )
                .await,
                200
            );
        }
        let quotes: Vec<order_request::Model> = requests_of(&t.db)
            .await
            .into_iter()
            .filter(|o| o.kind == OrderKind::Quote)
            .collect();
        assert_eq!(quotes.len(), 2, "{}: one per chosen member, once", t.label);
        // Each member answers its own: Синя нишка quotes, the other is not its to answer.
        let mine = quotes
            .iter()
            .find(|o| o.enterprise_id == p.enterprise_id)
            .unwrap();
        let theirs = quotes
            .iter()
            .find(|o| o.enterprise_id != p.enterprise_id)
            .unwrap();
        assert_eq!(
            act(&owner, mine.id, "accept", &[("note", "1 200 € на месец")]).await,
            200
        );
        assert_eq!(
            act(&owner, theirs.id, "accept", &[("note", "x")]).await,
            404
        );
        t.drop_db().await;
    }
}

/// The favourite button says whether the reader keeps the product; asking
/// names one thing, and a visitor keeps nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_favourite_button_shows_its_state() {
    let t = common::sqlite().await;
    let Basket { base, a, buyer, .. } = basket(&t).await;
    buyer.sign_in(BUYER.0, BUYER.1).await;
    let pressed = |html: &str| {
        html.split(r#"class="inline favourite""#)
            .nth(1)
            .and_then(|f| f.split("</form>").next())
            .map(|f| f.contains(r#"aria-pressed="true""#))
            .expect("a favourite button")
    };
    let page = format!("/p/{}", a.slug);
    assert!(!pressed(&buyer.get(&page).await.text().await.unwrap()));
    assert_eq!(toggle(&buyer, "product_id", a.id).await.status(), 200);
    assert!(
        pressed(&buyer.get(&page).await.text().await.unwrap()),
        "kept"
    );
    let id = a.id.to_string();
    let both = [("product_id", id.as_str()), ("enterprise_id", id.as_str())];
    assert_eq!(buyer.post("/fn/is_favourite", &both).await.status(), 422);
    let r = buyer
        .post("/fn/is_favourite", &[("product_id", id.as_str())])
        .await;
    assert!(r.json::<bool>().await.unwrap(), "kept, as the server says");
    let visitor = Browser::new(&base);
    let r = visitor
        .post("/fn/is_favourite", &[("product_id", id.as_str())])
        .await;
    assert!(!r.json::<bool>().await.unwrap(), "a visitor keeps nothing");
    assert!(!pressed(&visitor.get(&page).await.text().await.unwrap()));
    t.drop_db().await;
}
