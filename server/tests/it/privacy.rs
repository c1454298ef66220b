//! A person's own data over real HTTP: the export holds what the platform
//! keeps about them; deleting the account erases it (the password
//! confirms; a refusal changes nothing), keeps the requests with their
//! enterprises without the buyer's details, and waits while the person is
//! the last owner of an enterprise, until they make another member owner.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::common::{self, Browser, all_databases, fingerprint, location, spawn_server};
use app::domain::MemberRole;
use app::server::entities::*;

const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
/// An enterprise of the demo whose products the buyer orders.
const SELLER: &str = "sinya-nishka-varna";
const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");

async fn user_of(db: &sea_orm::DatabaseConnection, email: &str) -> user::Model {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .expect("a user")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_exports_their_data_and_deletes_the_account() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let b = Browser::new(&base);
        assert_eq!(b.get("/account/data.json").await.status(), 401);
        // Signed out, the account's own actions are refused and change nothing.
        let before = fingerprint(&t.db).await;
        for (path, form) in [
            (
                "/fn/delete_account",
                vec![("locale", "bg"), ("password", BUYER.1)],
            ),
            (
                "/fn/change_email",
                vec![
                    ("locale", "bg"),
                    ("new_email", "x@example.bg"),
                    ("password", BUYER.1),
                ],
            ),
        ] {
            assert_eq!(b.post(path, &form).await.status(), 401, "{path}");
        }
        common::assert_same(&before, &fingerprint(&t.db).await, "signed out");
        b.sign_in(BUYER.0, BUYER.1).await;
        let buyer = user_of(&t.db, BUYER.0).await;
        // A request sent as a buyer sends one, with a phone number.
        let p = crate::orders::stocked(&t.db, SELLER, 10).await;
        assert_eq!(crate::orders::put(&b, p.id, 2).await.status(), 200);
        let sent = b
            .post(
                "/fn/send_basket",
                &[
                    ("locale", "bg"),
                    ("key", "privacy-1"),
                    ("input[contact_name]", "Николай Петров"),
                    ("input[contact_email]", BUYER.0),
                    ("input[contact_phone]", "0888 123 456"),
                    ("input[delivery]", "pickup"),
                    ("input[message]", "Здравейте!"),
                ],
            )
            .await;
        assert_eq!(sent.status(), 200, "{}", sent.text().await.unwrap());

        let export = b.get("/account/data.json").await;
        assert_eq!(export.status(), 200, "{}", t.label);
        assert!(
            export.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let data: serde_json::Value = export.json().await.unwrap();
        assert_eq!(data["account"]["email"], BUYER.0);
        let requests = order_request::Entity::find()
            .filter(order_request::Column::BuyerId.eq(buyer.id))
            .all(&t.db)
            .await
            .unwrap();
        assert!(!requests.is_empty(), "the demo buyer has requests");
        assert_eq!(
            data["requests"].as_array().unwrap().len(),
            requests.len(),
            "{}",
            t.label
        );
        assert!(data["requests"][0]["lines"].is_array());
        assert!(data.to_string().contains("0888 123 456"), "{data}");

        // A wrong password: refused next to the field, nothing changes.
        let before = fingerprint(&t.db).await;
        let wrong = b
            .post(
                "/fn/delete_account",
                &[("locale", "bg"), ("password", "не е паролата")],
            )
            .await;
        assert_eq!(wrong.status(), 422);
        assert!(
            wrong
                .text()
                .await
                .unwrap()
                .contains("\"field\":\"password\"")
        );
        common::assert_same(&before, &fingerprint(&t.db).await, "a wrong password");

        let done = b
            .post(
                "/fn/delete_account",
                &[("locale", "bg"), ("password", BUYER.1)],
            )
            .await;
        assert_eq!(done.status(), 200, "{}", t.label);
        assert_eq!(location(&done), "/signin?deleted=1");
        assert_eq!(b.whoami().await, None);
        let again = b
            .post(
                "/fn/sign_in",
                &[("locale", "bg"), ("email", BUYER.0), ("password", BUYER.1)],
            )
            .await;
        assert_eq!(again.status(), 422, "the account is gone");

        let tomb = user::Entity::find_by_id(buyer.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(!tomb.email.contains("kupuvach"), "{}", tomb.email);
        assert_ne!(tomb.display_name, buyer.display_name);
        assert!(tomb.disabled_at.is_some() && tomb.deleted_at.is_some());
        for r in order_request::Entity::find()
            .filter(order_request::Column::BuyerId.eq(buyer.id))
            .all(&t.db)
            .await
            .unwrap()
        {
            assert_eq!(r.contact_email, "", "request {} keeps no address", r.id);
            assert_eq!(r.contact_phone, "");
            assert_ne!(r.contact_name, buyer.display_name);
        }
        assert_eq!(
            order_request::Entity::find()
                .filter(order_request::Column::BuyerId.eq(buyer.id))
                .all(&t.db)
                .await
                .unwrap()
                .len(),
            requests.len(),
            "the requests stay with their enterprises"
        );
        for (table, left) in [
            (
                "favourites",
                favourite::Entity::find()
                    .filter(favourite::Column::UserId.eq(buyer.id))
                    .all(&t.db)
                    .await
                    .unwrap()
                    .len(),
            ),
            (
                "notices",
                notice::Entity::find()
                    .filter(notice::Column::UserId.eq(buyer.id))
                    .all(&t.db)
                    .await
                    .unwrap()
                    .len(),
            ),
        ] {
            assert_eq!(left, 0, "{}: {table} of the deleted account", t.label);
        }
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_owner_hands_the_enterprise_over_before_deleting() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let owner = Browser::new(&base);
        owner.sign_in(OWNER.0, OWNER.1).await;
        let o = user_of(&t.db, OWNER.0).await;
        let membership = enterprise_member::Entity::find()
            .filter(enterprise_member::Column::UserId.eq(o.id))
            .filter(enterprise_member::Column::Role.eq(MemberRole::Owner))
            .one(&t.db)
            .await
            .unwrap()
            .expect("the demo owner owns an enterprise");
        let enterprise_id = membership.enterprise_id;
        let owners = enterprise_member::Entity::find()
            .filter(enterprise_member::Column::EnterpriseId.eq(enterprise_id))
            .filter(enterprise_member::Column::Role.eq(MemberRole::Owner))
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(owners.len(), 1, "{}", t.label);

        let before = fingerprint(&t.db).await;
        let refused = owner
            .post(
                "/fn/delete_account",
                &[("locale", "bg"), ("password", OWNER.1)],
            )
            .await;
        assert_eq!(refused.status(), 409, "{}", t.label);
        let body = refused.text().await.unwrap();
        assert!(body.contains("единственият собственик"), "{body}");
        common::assert_same(&before, &fingerprint(&t.db).await, "the last owner");

        // A colleague, staff of the enterprise, is made owner: a stranger
        // and the colleague themselves may not do that.
        let colleague = Browser::new(&base);
        common::sign_up_confirmed(
            &colleague,
            "kolega@example.bg",
            "дълга парола 2026",
            "Колега",
        )
        .await;
        let c = user_of(&t.db, "kolega@example.bg").await;
        enterprise_member::Entity::insert(enterprise_member::ActiveModel {
            enterprise_id: Set(enterprise_id),
            user_id: Set(c.id),
            role: Set(MemberRole::Staff),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .exec(&t.db)
        .await
        .unwrap();
        let form = [
            ("locale", "bg"),
            ("enterprise_id", &*enterprise_id.to_string()),
            ("email", "kolega@example.bg"),
        ];
        let before = fingerprint(&t.db).await;
        assert_eq!(
            Browser::new(&base)
                .post("/fn/make_owner", &form)
                .await
                .status(),
            401
        );
        assert_eq!(colleague.post("/fn/make_owner", &form).await.status(), 403);
        common::assert_same(&before, &fingerprint(&t.db).await, "refused make_owner");
        let made = owner.post("/fn/make_owner", &form).await;
        assert_eq!(made.status(), 200, "{}", t.label);
        assert_eq!(
            owner.post("/fn/make_owner", &form).await.status(),
            409,
            "owner already"
        );

        let done = owner
            .post(
                "/fn/delete_account",
                &[("locale", "bg"), ("password", OWNER.1)],
            )
            .await;
        assert_eq!(done.status(), 200, "{}", t.label);
        let left = enterprise_member::Entity::find()
            .filter(enterprise_member::Column::EnterpriseId.eq(enterprise_id))
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!((left[0].user_id, left[0].role), (c.id, MemberRole::Owner));
        t.drop_db().await;
    }
}
