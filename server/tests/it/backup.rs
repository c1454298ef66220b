//! `server backup` and `server restore`, run as an operator would: the real
//! binary on a real data folder, while nothing else is needed.

use std::path::Path;
use std::process::Command;

use app::domain::orders::{DeliveryWish, OrderKind, OrderStatus};
use app::server::entities::{order_request, user};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

fn server(data_dir: &Path, args: &[&str]) -> (i32, String, String) {
    server_with(data_dir, args, &[])
}

fn server_with(data_dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("MEILI_URL")
        .env_remove("MEILI_MASTER_KEY")
        .env("DATA_DIR", data_dir)
        .env("RUST_LOG", "off")
        .envs(envs.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn open(data_dir: &Path) -> sea_orm::DatabaseConnection {
    let url = format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("socialen-pazar.db").display()
    );
    app::server::kernel::db::connect(&url).await.unwrap()
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_into_an_empty_data_dir_with_every_product_request_and_image() {
    let live = tempfile::tempdir().unwrap();
    let (code, _, err) = server(live.path(), &["seed"]);
    assert_eq!(code, 0, "{err}");
    // A buyer's request, as the backup must keep.
    let db = open(live.path()).await;
    let buyer = user::Entity::find().one(&db).await.unwrap().unwrap();
    let product = app::server::entities::product::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    order_request::ActiveModel {
        buyer_id: Set(buyer.id),
        enterprise_id: Set(product.enterprise_id),
        kind: Set(OrderKind::Quote),
        product_id: Set(Some(product.id)),
        status: Set(OrderStatus::Submitted),
        delivery: Set(DeliveryWish::Pickup),
        event_id: Set(None),
        contact_name: Set("Мария".into()),
        contact_email: Set("maria@example.bg".into()),
        contact_phone: Set(String::new()),
        message: Set("Оферта за 40 броя, моля.".into()),
        enterprise_note: Set(None),
        decline_reason: Set(None),
        idempotency_key: Set("backup-test".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let before = server::backup::counts(&db).await.unwrap();
    assert!(before.products > 500 && before.images > 0 && before.requests == 1);

    // Backed up while the database is open (as under a running server).
    let backups = tempfile::tempdir().unwrap();
    let into = backups.path().join("2026-12-01");
    let (code, out, err) = server(live.path(), &["backup", into.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("{} products", before.products)),
        "{out}"
    );
    // Not over an earlier backup.
    let (code, _, err) = server(live.path(), &["backup", into.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("back up into a new or empty folder"), "{err}");

    // Restored into a fresh DATA_DIR: the same rows, the same pictures, and
    // a search index that finds every visible product.
    let fresh = tempfile::tempdir().unwrap();
    let (code, out, err) = server(fresh.path(), &["restore", into.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("search index rebuilt"), "{out}");
    let restored = open(fresh.path()).await;
    assert_eq!(server::backup::counts(&restored).await.unwrap(), before);
    assert_eq!(
        order_request::Entity::find()
            .one(&restored)
            .await
            .unwrap()
            .unwrap()
            .message,
        "Оферта за 40 броя, моля."
    );
    let media = tree(&live.path().join("media"));
    assert!(!media.is_empty());
    assert_eq!(tree(&fresh.path().join("media")), media);
    let visible = app::server::search::index::all_documents(&restored)
        .await
        .unwrap()
        .len();
    let engine =
        app::server::search::tantivy_engine::TantivyEngine::open(&fresh.path().join("search"))
            .unwrap();
    use app::server::search::SearchEngine;
    assert_eq!(engine.count().await.unwrap(), visible as u64);

    // A DATA_DIR in use is never overwritten.
    let (code, _, err) = server(live.path(), &["restore", into.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("restore into an empty DATA_DIR"), "{err}");
    assert_eq!(server::backup::counts(&db).await.unwrap(), before);
    // A manifest naming a file outside the media folder is refused before
    // anything is copied.
    let crafted = backups.path().join("crafted");
    std::fs::create_dir_all(&crafted).unwrap();
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(into.join("manifest.json")).unwrap())
            .unwrap();
    manifest["media"] = serde_json::json!([["../../escaped.txt", 3]]);
    std::fs::write(crafted.join("manifest.json"), manifest.to_string()).unwrap();
    std::fs::write(backups.path().join("escaped.txt"), "old").unwrap();
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = server(empty.path(), &["restore", crafted.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("outside its media folder"), "{err}");
    assert!(
        !empty.path().join("socialen-pazar.db").exists(),
        "nothing copied"
    );
    // A SQLite backup is not restored into PostgreSQL (refused before the
    // database is even opened), nor a PostgreSQL one into SQLite.
    let elsewhere = tempfile::tempdir().unwrap();
    let (code, _, err) = server_with(
        elsewhere.path(),
        &["restore", into.to_str().unwrap()],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
    );
    assert_eq!(code, 2);
    assert!(err.contains("restore it with DATABASE_URL unset"), "{err}");
    manifest["media"] = serde_json::json!([]);
    manifest["database"] = serde_json::json!("postgres");
    std::fs::write(crafted.join("manifest.json"), manifest.to_string()).unwrap();
    let (code, _, err) = server(elsewhere.path(), &["restore", crafted.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("restore it with pg_restore"), "{err}");
    assert!(
        !elsewhere.path().join("socialen-pazar.db").exists(),
        "nothing copied"
    );
    // A folder that holds no backup says so.
    let (code, _, err) = server(fresh.path(), &["restore", backups.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("holds no backup"), "{err}");
}
