//! Order requests over real HTTP: the basket becomes one request per
//! enterprise, the state machine and its refusals, stock taken on
//! acceptance (and two acceptances of the last items cannot both win),
//! threads and notices, and who may see a request.

mod common;

use common::{Browser, all_databases, spawn_server};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use app::server::entities::*;

const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");
const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
const PASSWORD: &str = "дълга парола 2026";

/// A published product of an enterprise, set to `stock` items on the shelf.
async fn stocked(db: &DatabaseConnection, enterprise_slug: &str, stock: i32) -> product::Model {
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
    a.availability = Set("in_stock".into());
    a.stock = Set(Some(stock));
    a.min_order = Set(1);
    a.update(db).await.unwrap()
}

async fn put(b: &Browser, product: i32, quantity: i32) -> reqwest::Response {
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

async fn send(b: &Browser, key: &str) -> reqwest::Response {
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

async fn act(b: &Browser, id: i32, action: &str, extra: &[(&str, &str)]) -> u16 {
    let id = id.to_string();
    let mut form = vec![("locale", "bg"), ("id", id.as_str()), ("action", action)];
    form.extend_from_slice(extra);
    b.post("/fn/request_action", &form).await.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_basket_of_two_enterprises_becomes_two_requests_and_moves_through_its_states() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let a = stocked(&t.db, "sinya-nishka-varna", 10).await;
        let b_product = stocked(&t.db, "chista-stapka-varna", 10).await;

        // A visitor fills the basket, then signs in: the basket comes along.
        let buyer = Browser::new(&base);
        assert_eq!(put(&buyer, a.id, 2).await.status(), 200);
        assert_eq!(put(&buyer, b_product.id, 3).await.status(), 200);
        assert_eq!(
            send(&buyer, "k1").await.status(),
            401,
            "sending needs an account"
        );
        buyer.sign_in(BUYER.0, BUYER.1).await;
        let basket: serde_json::Value = buyer.post("/fn/basket", &[]).await.json().await.unwrap();
        assert_eq!(
            basket["enterprises"].as_array().unwrap().len(),
            2,
            "{}: {basket}",
            t.label
        );

        // Refusals change nothing: a quantity over the stock.
        assert_eq!(put(&buyer, a.id, 11).await.status(), 422);
        assert_eq!(put(&buyer, a.id, 0).await.status(), 200);
        assert_eq!(put(&buyer, a.id, 2).await.status(), 200);

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

        // A later price change does not touch the request.
        let mut p: product::ActiveModel = product::Entity::find_by_id(a.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        p.price_cents = Set(a.price_cents + 500);
        p.update(&t.db).await.unwrap();
        let ra = requests
            .iter()
            .find(|r| r.enterprise_id == a.enterprise_id)
            .unwrap();
        let line = order_request_line::Entity::find()
            .filter(order_request_line::Column::OrderRequestId.eq(ra.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((line.quantity, line.unit_price_cents), (2, a.price_cents));

        let owner = Browser::new(&base);
        owner.sign_in(OWNER.0, OWNER.1).await;
        // Who may see it: the buyer and the enterprise, nobody else.
        let stranger = Browser::new(&base);
        stranger
            .post(
                "/fn/sign_up",
                &[
                    ("locale", "bg"),
                    ("email", "s@example.bg"),
                    ("password", PASSWORD),
                    ("display_name", "Някой"),
                ],
            )
            .await;
        stranger.sign_in("s@example.bg", PASSWORD).await;
        let id = ra.id.to_string();
        assert_eq!(
            stranger.post("/fn/request", &[("id", &id)]).await.status(),
            404
        );
        assert_eq!(
            owner.post("/fn/request", &[("id", &id)]).await.status(),
            200
        );
        let rb = requests
            .iter()
            .find(|r| r.enterprise_id == b_product.enterprise_id)
            .unwrap();
        assert_eq!(
            owner
                .post("/fn/request", &[("id", &rb.id.to_string())])
                .await
                .status(),
            404,
            "another enterprise's request"
        );

        // The state machine: wrong party, wrong order, missing reason.
        assert_eq!(act(&buyer, ra.id, "accept", &[]).await, 403);
        assert_eq!(act(&owner, ra.id, "fulfil", &[]).await, 409);
        assert_eq!(act(&owner, ra.id, "cancel", &[]).await, 403);
        assert_eq!(act(&owner, ra.id, "decline", &[("reason", "")]).await, 422);
        assert_eq!(act(&stranger, ra.id, "accept", &[]).await, 404);
        assert_eq!(requests_of(&t.db).await[0].status, "submitted");

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

        // The other enterprise declines with a reason; a thread and notices.
        let other = Browser::new(&base);
        let member = enterprise_member::Entity::find()
            .filter(enterprise_member::Column::EnterpriseId.eq(rb.enterprise_id))
            .one(&t.db)
            .await
            .unwrap();
        assert!(
            member.is_none(),
            "the demo's second enterprise has no account"
        );
        let admin = other;
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
        assert!(notices.iter().any(|n| n.kind == "request_received"));
        assert!(notices.iter().any(|n| n.kind == "request_declined"));
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
            .filter(|r| r.status == "accepted")
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
    a.status = Set("draft".into());
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
    assert!(common::location(&r).starts_with("/signin?next=/favourites"));
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
