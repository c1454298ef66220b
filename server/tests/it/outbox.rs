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

/// A real embedded engine whose deliveries take a while, and which counts
/// how many run at once (across every engine sharing `busy`).
struct Slow {
    inner: Arc<TantivyEngine>,
    busy: Arc<std::sync::atomic::AtomicUsize>,
    most_at_once: Arc<std::sync::atomic::AtomicUsize>,
    applied: std::sync::atomic::AtomicUsize,
    started: tokio::sync::Notify,
}

impl Slow {
    fn new(
        busy: Arc<std::sync::atomic::AtomicUsize>,
        most_at_once: Arc<std::sync::atomic::AtomicUsize>,
    ) -> (Arc<Slow>, tempfile::TempDir) {
        let (inner, dir) = common::tantivy();
        let slow = Slow {
            inner,
            busy,
            most_at_once,
            applied: Default::default(),
            started: tokio::sync::Notify::new(),
        };
        (Arc::new(slow), dir)
    }
}

#[async_trait::async_trait]
impl SearchEngine for Slow {
    fn name(&self) -> &'static str {
        "slow"
    }
    async fn health(&self) -> Result<(), SearchError> {
        Ok(())
    }
    async fn apply(&self, upserts: Vec<SearchDoc>, deletes: Vec<i32>) -> Result<(), SearchError> {
        let now = self.busy.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_at_once.fetch_max(now, Ordering::SeqCst);
        self.started.notify_one();
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        self.applied
            .fetch_add(upserts.len() + deletes.len(), Ordering::SeqCst);
        let done = self.inner.apply(upserts, deletes).await;
        self.busy.fetch_sub(1, Ordering::SeqCst);
        done
    }
    async fn search(&self, q: &EngineQuery) -> Result<EngineResults, SearchError> {
        self.inner.search(q).await
    }
    async fn rebuild(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError> {
        self.inner.rebuild(docs).await
    }
    async fn count(&self) -> Result<u64, SearchError> {
        self.inner.count().await
    }
}

/// Queues `n` products afresh, forgetting rows already delivered.
async fn queue_products(db: &sea_orm::DatabaseConnection, n: u64) -> Vec<i32> {
    use sea_orm::QuerySelect;
    outbox::Entity::delete_many()
        .filter(outbox::Column::DeliveredAt.is_not_null())
        .exec(db)
        .await
        .unwrap();
    let ids: Vec<i32> = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .limit(n)
        .into_tuple()
        .all(db)
        .await
        .unwrap();
    for id in &ids {
        app::server::kernel::outbox::enqueue(db, "product", *id)
            .await
            .unwrap();
    }
    ids
}

/// Asked to stop (SIGTERM) in the middle of a delivery, the worker finishes
/// it, marks its rows delivered, and only then ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopping_worker_finishes_the_batch_it_is_delivering() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    outbox::Entity::delete_many().exec(&t.db).await.unwrap();
    let queued = queue_products(&t.db, 30).await;
    let (engine, _dir) = Slow::new(Default::default(), Default::default());
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let reads = Arc::new(app::server::kernel::memo::ReadCache::new(5));
    let worker = tokio::spawn(server::worker::run(
        t.db.clone(),
        engine.clone(),
        None,
        reads,
        stopping,
    ));
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        engine.started.notified(),
    )
    .await
    .expect("the worker starts delivering");
    stop.send(true).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(10), worker)
        .await
        .expect("the worker ends once its batch is done")
        .unwrap();
    assert_eq!(pending(&t.db).await, 0, "the batch was finished");
    assert_eq!(engine.applied.load(Ordering::SeqCst), queued.len());
    assert_eq!(engine.count().await.unwrap(), queued.len() as u64);
    t.drop_db().await;
}

/// Two app servers on one PostgreSQL both run the worker; one delivers at a
/// time, and every row goes to the shared engine once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_deliver_each_row_once_and_never_at_once() {
    let Some(t) = common::postgres().await else {
        eprintln!("no PostgreSQL: skipped");
        return;
    };
    server::seed::seed_demo(&t.db).await.unwrap();
    outbox::Entity::delete_many().exec(&t.db).await.unwrap();
    let busy = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (a, _da) = Slow::new(busy.clone(), most.clone());
    let (b, _db) = Slow::new(busy.clone(), most.clone());
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let mut workers = Vec::new();
    // Each round queues work while both workers are running.
    let mut queued = 0;
    for engine in [&a, &b] {
        let reads = Arc::new(app::server::kernel::memo::ReadCache::new(5));
        let engine: Arc<dyn SearchEngine> = (*engine).clone();
        workers.push(tokio::spawn(server::worker::run(
            t.db.clone(),
            engine,
            None,
            reads,
            stopping.clone(),
        )));
    }
    for _ in 0..3 {
        queued += queue_products(&t.db, 40).await.len();
        for _ in 0..100 {
            if pending(&t.db).await == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(pending(&t.db).await, 0);
    }
    stop.send(true).unwrap();
    for w in workers {
        w.await.unwrap();
    }
    let applied = a.applied.load(Ordering::SeqCst) + b.applied.load(Ordering::SeqCst);
    assert_eq!(applied, queued, "each row once");
    assert_eq!(most.load(Ordering::SeqCst), 1, "one delivery at a time");
    t.drop_db().await;
}
