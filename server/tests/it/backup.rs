//! `server backup` and `server restore`, run as an operator would: the real
//! binary on a real data folder, while nothing else is needed.

use std::path::Path;

use app::domain::orders::{DeliveryWish, OrderKind, OrderStatus};
use app::server::entities::{order_request, user};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use app::server::kernel::media::Media;

use crate::common::files_under as tree;
use crate::common::s3::S3Server;

fn server(data_dir: &Path, args: &[&str]) -> (i32, String, String) {
    server_with(data_dir, args, &[])
}

fn server_with(data_dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> (i32, String, String) {
    let out = crate::common::server_binary()
        .args(args)
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

/// The demo data with pictures for its first few products: drawing all
/// 660 takes minutes in a debug build, and a few show the same path.
async fn seed_with_pictures(data_dir: &Path, media: &Media, envs: &[(&str, &str)]) {
    let (code, _, err) = server_with(data_dir, &["seed", "--no-pictures"], envs);
    assert_eq!(code, 0, "{err}");
    let db = open(data_dir).await;
    let drawn = server::pictures::draw_missing(&db, media, Some(6))
        .await
        .unwrap();
    assert_eq!(drawn, 6);
}

async fn open(data_dir: &Path) -> sea_orm::DatabaseConnection {
    let url = format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("socialen-pazar.db").display()
    );
    app::server::kernel::db::connect(&url).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_into_an_empty_data_dir_with_every_product_request_and_image() {
    let live = tempfile::tempdir().unwrap();
    let media = Media::folder(&live.path().join("media")).unwrap();
    seed_with_pictures(live.path(), &media, &[]).await;
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
    // Nor a media folder that holds files.
    let media_only = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(media_only.path().join("media/products/1")).unwrap();
    std::fs::write(media_only.path().join("media/products/1/a.jpg"), b"jpeg").unwrap();
    let (code, _, err) = server(media_only.path(), &["restore", into.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("already holds files"), "{err}");
    assert!(!media_only.path().join("socialen-pazar.db").exists());
    assert_eq!(server::backup::counts(&db).await.unwrap(), before);
    // A manifest naming a file outside the media folder is refused before
    // anything is copied.
    let crafted = backups.path().join("crafted");
    std::fs::create_dir_all(&crafted).unwrap();
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(into.join("manifest.json")).unwrap())
            .unwrap();
    std::fs::write(backups.path().join("escaped.txt"), "old").unwrap();
    std::fs::create_dir_all(crafted.join("media/products/1")).unwrap();
    std::fs::write(crafted.join("media/products/1/a.jpg"), "jpeg").unwrap();
    // A name the store would refuse half-way (`a//b`) is refused too, and
    // so is a listed file the backup lacks.
    for (name, refusal) in [
        ("../../escaped.txt", "outside its media folder"),
        ("products//1/a.jpg", "outside its media folder"),
        ("products/1/./a.jpg", "outside its media folder"),
        ("products/1/missing.jpg", "No such file"),
    ] {
        manifest["media"] = serde_json::json!([[name, 3]]);
        std::fs::write(crafted.join("manifest.json"), manifest.to_string()).unwrap();
        let empty = tempfile::tempdir().unwrap();
        let (code, _, err) = server(empty.path(), &["restore", crafted.to_str().unwrap()]);
        assert_eq!(code, 2, "{name}");
        assert!(err.contains(refusal), "{name}: {err}");
        assert!(
            !empty.path().join("socialen-pazar.db").exists(),
            "{name}: nothing copied"
        );
        assert!(tree(&empty.path().join("media")).is_empty(), "{name}");
    }
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

/// With the images in an S3 bucket: the demo pictures are drawn into it,
/// the backup copies them out, and a restore puts them into another, empty
/// bucket (a bucket that holds files is refused).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_bucket_restores_into_an_empty_bucket() {
    let s3 = S3Server::start().await;
    let live_bucket = s3.bucket("live");
    let env = |b: &crate::common::s3::Bucket| b.vars();
    let live_vars = env(&live_bucket);
    let live_vars: Vec<(&str, &str)> = live_vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let live = tempfile::tempdir().unwrap();
    let media = Media::s3(&live_bucket.settings()).unwrap();
    seed_with_pictures(live.path(), &media, &live_vars).await;
    let objects = live_bucket.objects();
    let db = open(live.path()).await;
    let before = server::backup::counts(&db).await.unwrap();
    assert_eq!(
        objects.len() as u64,
        before.images * 2,
        "each picture and its thumbnail"
    );
    assert!(
        tree(&live.path().join("media")).is_empty(),
        "nothing on the app server's disk"
    );

    let backups = tempfile::tempdir().unwrap();
    let into = backups.path().join("with-s3");
    let (code, out, err) =
        server_with(live.path(), &["backup", into.to_str().unwrap()], &live_vars);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("{} media files", objects.len())),
        "{out}"
    );
    assert_eq!(tree(&into.join("media")), objects);

    // Into a bucket that holds files: refused, nothing copied.
    let fresh = tempfile::tempdir().unwrap();
    let (code, _, err) = server_with(
        fresh.path(),
        &["restore", into.to_str().unwrap()],
        &live_vars,
    );
    assert_eq!(code, 2);
    assert!(err.contains("already holds files"), "{err}");
    assert!(!fresh.path().join("socialen-pazar.db").exists());

    let new_bucket = s3.bucket("restored");
    let new_vars = env(&new_bucket);
    let new_vars: Vec<(&str, &str)> = new_vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (code, out, err) = server_with(
        fresh.path(),
        &["restore", into.to_str().unwrap()],
        &new_vars,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("search index rebuilt"), "{out}");
    assert_eq!(
        new_bucket.objects(),
        objects,
        "every picture, byte for byte"
    );
    assert_eq!(
        server::backup::counts(&open(fresh.path()).await)
            .await
            .unwrap(),
        before
    );
}
