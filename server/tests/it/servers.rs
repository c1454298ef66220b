//! Two app servers on one database, as behind a load balancer: a session
//! made on one is a session on the other (sessions live in the database).

use crate::common::{Browser, all_databases, spawn_server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_made_on_one_server_works_on_the_other() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let a = spawn_server(t.db.clone()).await;
        let b = spawn_server(t.db.clone()).await;
        let on_a = Browser::new(&a);
        on_a.sign_in("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026")
            .await;
        // The same browser (cookies are not kept apart by port), now
        // talking to the other server, which has never seen it.
        let on_b = Browser {
            base: b.clone(),
            http: on_a.http.clone(),
            jar: on_a.jar.clone(),
        };
        assert_eq!(
            on_b.whoami().await.as_deref(),
            Some("kupuvach@demo.socialenpazar.bg"),
            "{}",
            t.label
        );
        // Signed out on B: signed out on A too.
        let r = on_b.post("/fn/sign_out", &[("locale", "bg")]).await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.status()
        );
        assert_eq!(on_a.whoami().await, None, "{}", t.label);
        t.drop_db().await;
    }
}

/// A curator hides a product on A: B stops showing it at once, although B
/// keeps what it read for ten minutes (the servers tell each other through
/// PostgreSQL; on SQLite there is one server).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_product_hidden_on_one_server_leaves_the_other_at_once() {
    use app::server::entities::{enterprise, product};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let Some(t) = crate::common::postgres().await else {
        eprintln!("no PostgreSQL: skipped");
        return;
    };
    server::seed::seed_demo(&t.db).await.unwrap();
    // One search engine for both, as one Meilisearch serves every app
    // server (an embedded index belongs to one server).
    let (engine, _dir) = crate::common::tantivy();
    let keep = [("DATA_CACHE_SECONDS", "600")];
    let a = crate::common::spawn_configured(t.db.clone(), engine.clone(), None, &keep).await;
    // B delivers no search updates itself: it can only learn of the
    // change from A.
    let b = crate::common::spawn_without_worker(t.db.clone(), engine.clone(), &keep).await;
    let owner = enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq("sinya-nishka-varna"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let p = product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(owner.id))
        .filter(product::Column::Status.eq("published"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let page = format!("/p/{}", p.slug);
    let search = format!(
        "/search?q={}",
        percent_encoding::utf8_percent_encode(&p.title, percent_encoding::NON_ALPHANUMERIC)
    );
    let reader = Browser::new(&b);
    assert_eq!(reader.get(&page).await.status(), 200);
    // Once the demo data is indexed, B's search lists it (and keeps that).
    let lists = |b: &Browser| {
        let (b, search, page) = (b.clone_session(), search.clone(), page.clone());
        async move { b.get(&search).await.text().await.unwrap().contains(&page) }
    };
    assert!(
        within(100, || lists(&reader)).await,
        "B's search lists the product"
    );

    let curator = Browser::new(&a);
    curator
        .sign_in("kurator.varna@demo.socialenpazar.bg", "demo-kurator-2026")
        .await;
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
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    // The notification arrives within moments, not ten minutes.
    let gone = || {
        let (b, page) = (reader.clone_session(), page.clone());
        async move { b.get(&page).await.status() == 404 }
    };
    assert!(within(30, gone).await, "B still shows the hidden product");
    assert!(!lists(&reader).await);
    t.drop_db().await;
}

/// Whether `check` comes true within `tries` tenths of a second.
async fn within<F: std::future::Future<Output = bool>>(tries: u32, check: impl Fn() -> F) -> bool {
    for _ in 0..tries {
        if check().await {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}
