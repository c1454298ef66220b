//! The outbox and the engine's failures: nothing is lost while the engine is
//! down, pages still answer from the database, and a rebuild made by another
//! process is followed without losing updates.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use app::server::entities::{outbox, product};
use app::server::search::index;
use app::server::search::tantivy_engine::TantivyEngine;
use app::server::search::{EngineQuery, EngineResults, SearchDoc, SearchEngine, SearchError};
use app::text::analyze;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// A real embedded engine that can be switched off, as an unreachable
/// Meilisearch would be.
struct Switchable {
    inner: Arc<TantivyEngine>,
    down: AtomicBool,
}

impl Switchable {
    fn check(&self) -> Result<(), SearchError> {
        if self.down.load(Ordering::SeqCst) {
            Err(SearchError::Unavailable("connection refused".into()))
        } else {
            Ok(())
        }
    }
}

#[async_trait::async_trait]
impl SearchEngine for Switchable {
    fn name(&self) -> &'static str {
        "switchable"
    }
    async fn health(&self) -> Result<(), SearchError> {
        self.check()
    }
    async fn apply(&self, upserts: Vec<SearchDoc>, deletes: Vec<i32>) -> Result<(), SearchError> {
        self.check()?;
        self.inner.apply(upserts, deletes).await
    }
    async fn search(&self, query: &EngineQuery) -> Result<EngineResults, SearchError> {
        self.check()?;
        self.inner.search(query).await
    }
    async fn rebuild(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError> {
        self.check()?;
        self.inner.rebuild(docs).await
    }
    async fn count(&self) -> Result<u64, SearchError> {
        self.check()?;
        self.inner.count().await
    }
}

async fn pending(db: &sea_orm::DatabaseConnection) -> u64 {
    index::pending(db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_lost_while_the_engine_is_down() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let (tantivy, _dir) = common::tantivy();
    let engine = Switchable {
        inner: tantivy.clone(),
        down: AtomicBool::new(true),
    };
    let waiting = pending(&t.db).await;
    assert!(waiting >= 600);

    // Down: the delivery fails, every row stays pending, with the error noted.
    assert!(index::deliver_pending(&t.db, &engine, 100).await.is_err());
    assert_eq!(pending(&t.db).await, waiting);
    let tried = outbox::Entity::find()
        .filter(outbox::Column::Attempts.eq(1))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(tried, 100);
    assert_eq!(tantivy.count().await.unwrap(), 0);

    // Up again: everything arrives, and the rows are marked delivered.
    engine.down.store(false, Ordering::SeqCst);
    while index::deliver_pending(&t.db, &engine, 250).await.unwrap() > 0 {}
    assert_eq!(pending(&t.db).await, 0);
    let visible = product::Entity::find()
        .filter(product::Column::Status.eq("published"))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(tantivy.count().await.unwrap(), visible);

    // A product that stops being visible leaves the index through the outbox.
    let victim = product::Entity::find().one(&t.db).await.unwrap().unwrap();
    product::Entity::update_many()
        .col_expr(
            product::Column::Status,
            sea_orm::sea_query::Expr::value("hidden"),
        )
        .filter(product::Column::Id.eq(victim.id))
        .exec(&t.db)
        .await
        .unwrap();
    app::server::kernel::outbox::enqueue(&t.db, "product", victim.id)
        .await
        .unwrap();
    index::deliver_pending(&t.db, &engine, 10).await.unwrap();
    assert_eq!(tantivy.count().await.unwrap(), visible - 1);
    let hits = tantivy
        .search(&EngineQuery {
            terms: analyze(&victim.title),
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!hits.ids.contains(&victim.id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_from_the_database_while_the_engine_is_down() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let (tantivy, dir) = common::tantivy();
    std::mem::forget(dir);
    let engine = Arc::new(Switchable {
        inner: tantivy,
        down: AtomicBool::new(true),
    });
    let base = common::spawn_server_with(t.db.clone(), engine.clone(), None).await;
    let c = common::client();

    let health = common::get_json(&format!("{base}/healthz")).await;
    assert_eq!(health["status"], "degraded");
    assert_eq!(health["search"]["ok"], false);
    assert!(health["search"]["pending_updates"].as_u64().unwrap() > 0);

    let resp = c
        .get(format!("{base}/search?q=%D0%BC%D0%B5%D0%B4"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    // A passing state: no cache may keep it, ours included.
    assert_eq!(
        resp.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let html = resp.text().await.unwrap();
    // (The island also carries the notice's words among its props, so the
    // rendered notice is looked for.)
    let notice = "<p role=\"note\" class=\"notice\">Търсачката временно не отговаря";
    assert!(html.contains(notice), "the notice");
    assert!(html.contains("мед") || html.contains("Мед"));
    let api = common::get_json(&format!("{base}/api/v1/search?q=мед")).await;
    assert_eq!(api["degraded"], true);
    assert!(api["total"].as_u64().unwrap() > 0);

    // Once it is back, the worker catches up and search is whole again.
    engine.down.store(false, Ordering::SeqCst);
    common::wait_until_indexed(&base).await;
    let api = common::get_json(&format!("{base}/api/v1/search?q=med")).await;
    assert_eq!(api["degraded"], false);
    assert!(api["total"].as_u64().unwrap() > 0);
    let html = common::get_text(&format!("{base}/search?q=%D0%BC%D0%B5%D0%B4")).await;
    assert!(!html.contains(notice), "the fallback page was kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebuild_by_another_process_is_followed_and_replays_updates() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let (live, dir) = common::tantivy();
    while index::deliver_pending(&t.db, live.as_ref(), 1000)
        .await
        .unwrap()
        > 0
    {}
    let before = live.count().await.unwrap();

    // "server reindex" builds a new index beside the live one, from a
    // snapshot; meanwhile the running server takes a change into the old one.
    let changed = product::Entity::find().one(&t.db).await.unwrap().unwrap();
    let (db, old, base) = (t.db.clone(), live.clone(), dir.path().to_path_buf());
    index::reindex_with(&t.db, |docs, started| async move {
        product::Entity::update_many()
            .col_expr(
                product::Column::Title,
                sea_orm::sea_query::Expr::value("Прасковено сладко от Тестово"),
            )
            .filter(product::Column::Id.eq(changed.id))
            .exec(&db)
            .await
            .unwrap();
        app::server::kernel::outbox::enqueue(&db, "product", changed.id)
            .await
            .unwrap();
        index::deliver_pending(&db, old.as_ref(), 10).await.unwrap();
        TantivyEngine::build_detached(&base, &docs, started)
    })
    .await
    .unwrap();
    let finds_change = |engine: Arc<TantivyEngine>| async move {
        let query = EngineQuery {
            terms: analyze("Тестово"),
            limit: 5,
            ..Default::default()
        };
        engine
            .search(&query)
            .await
            .unwrap()
            .ids
            .contains(&changed.id)
    };
    assert!(
        finds_change(live.clone()).await,
        "the old index has the change"
    );

    // The server notices and switches: the new index, built from the older
    // snapshot, lacks the change until the replayed row is delivered again.
    live.follow_rebuild().unwrap().expect("a new index");
    assert!(!finds_change(live.clone()).await);
    assert_eq!(
        pending(&t.db).await,
        1,
        "the change waits to be delivered again"
    );
    while index::deliver_pending(&t.db, live.as_ref(), 1000)
        .await
        .unwrap()
        > 0
    {}
    assert!(finds_change(live.clone()).await, "nothing was lost");
    assert_eq!(live.count().await.unwrap(), before);
    // Searching works on the new index, and the old folder goes away.
    let r = live
        .search(&EngineQuery {
            terms: analyze("мед"),
            limit: 5,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(r.total > 0);
    assert_eq!(live.follow_rebuild().unwrap(), None);
}
