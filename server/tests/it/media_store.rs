//! The media store, one contract for both stores: the folder
//! `DATA_DIR/media` and an S3-compatible bucket on a real server (s3s-fs,
//! which checks every request's signature). What the store holds is read
//! independently of the client, from the files the folder or the S3 server
//! keeps; then the HTTP side: uploads land in the bucket, every app server
//! serves them, and removing one removes its objects.

use std::collections::BTreeMap;

use app::server::entities::{enterprise, product, product_image};
use app::server::kernel::media::{Media, Read};
use futures::TryStreamExt;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::s3::S3Server;
use crate::common::{self, Browser};

/// What the store must do, whichever it is; `dir` is where the folder or
/// the S3 server keeps the files, read to check without going through it.
async fn contract(media: &Media, dir: &std::path::Path) {
    let held = || common::files_under(dir);
    media.check().await.expect("a usable store");
    // The probe's own folder is a dot folder, which `files_under` skips.
    let probes = common::files_under(&dir.join(".probe"));
    assert!(probes.is_empty(), "the probe is gone: {probes:?}");
    assert!(media.list().await.unwrap().is_empty());
    assert!(held().is_empty());

    let full: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
    let thumb = b"thumbnail".to_vec();
    media
        .write_all(&[
            ("products/7/key.jpg", &full),
            ("products/7/key-thumb.jpg", &thumb),
        ])
        .await
        .unwrap();
    assert_eq!(
        media.list().await.unwrap(),
        vec![
            ("products/7/key-thumb.jpg".to_string(), 9),
            ("products/7/key.jpg".to_string(), 70_000),
        ]
    );
    let expected = BTreeMap::from([
        ("products/7/key-thumb.jpg".to_string(), thumb.clone()),
        ("products/7/key.jpg".to_string(), full.clone()),
    ]);
    assert_eq!(held(), expected, "the bytes are where the store keeps them");
    assert_eq!(
        media.bytes("products/7/key.jpg").await.unwrap(),
        Some(full.clone())
    );

    // Read for an answer: streamed, with its length and a quoted tag that
    // answers "not modified" to a reader who has it.
    let Read::Found { body, size, etag } = media.read("products/7/key.jpg", None).await.unwrap()
    else {
        panic!("the file is found");
    };
    let streamed: Vec<u8> = body.try_collect::<Vec<_>>().await.unwrap().concat();
    assert_eq!((streamed.as_slice(), size), (full.as_slice(), 70_000));
    let etag = etag.expect("an entity tag");
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    for header in [etag.clone(), format!("\"other\", {etag}"), "*".into()] {
        assert!(
            matches!(
                media
                    .read("products/7/key.jpg", Some(&header))
                    .await
                    .unwrap(),
                Read::NotModified { .. }
            ),
            "{header}"
        );
    }
    assert!(matches!(
        media
            .read("products/7/key.jpg", Some("\"other\""))
            .await
            .unwrap(),
        Read::Found { .. }
    ));

    // Nothing else can be named: missing files, climbing out.
    for path in [
        "products/7/none.jpg",
        "",
        "../key.jpg",
        "products/7/../7/key.jpg",
        "products//7/key.jpg",
    ] {
        assert!(
            matches!(media.read(path, None).await.unwrap(), Read::Missing),
            "{path:?}"
        );
    }
    assert_eq!(media.bytes("../products/7/key.jpg").await.unwrap(), None);

    // A write that fails part-way leaves nothing of itself behind.
    assert!(
        media
            .write_all(&[("logos/1/new.jpg", b"x"), ("logos/../escape.jpg", b"y")])
            .await
            .is_err()
    );
    assert_eq!(held(), expected, "the half-written upload is gone");

    // Removing: files already gone are only logged.
    media
        .remove_files(&[
            "products/7/key.jpg".into(),
            "products/7/key-thumb.jpg".into(),
            "products/7/never-there.jpg".into(),
        ])
        .await;
    assert!(media.list().await.unwrap().is_empty());
    assert!(held().is_empty());
    assert_eq!(media.bytes("products/7/key.jpg").await.unwrap(), None);
    assert!(matches!(
        media.read("products/7/key.jpg", None).await.unwrap(),
        Read::Missing
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_media_folder_keeps_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("media");
    let media = Media::folder(&folder).unwrap();
    // A file beside the folder, which no path may reach.
    std::fs::write(dir.path().join("key.jpg"), b"outside").unwrap();
    contract(&media, &folder).await;
    // A folder is not a file (a bucket has no folders to ask for), a file
    // is not a folder, and a name the store would never write is missing
    // too: anyone may ask for these, and none is the server's failure.
    media
        .write_all(&[("logos/3/a.jpg", b"jpeg")])
        .await
        .unwrap();
    for path in ["logos", "logos/3", "logos/3/a.jpg/x", "logos/a#1"] {
        assert!(
            matches!(media.read(path, None).await.unwrap(), Read::Missing),
            "{path}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_s3_bucket_keeps_the_contract() {
    let s3 = S3Server::start().await;
    let bucket = s3.bucket("media");
    // An object of another bucket, which no path may reach.
    s3.bucket("other");
    std::fs::write(bucket.dir.parent().unwrap().join("other/key.jpg"), b"x").unwrap();
    let media = Media::s3(&bucket.settings()).unwrap();
    contract(&media, &bucket.dir).await;
}

/// A store that cannot be used is found out by the check at start, and the
/// error never shows the secret. (A missing bucket is not among the cases:
/// s3s-fs makes the bucket's folder on the first write, where S3 answers
/// NoSuchBucket, which the same check reports.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_or_no_server_fails_the_check() {
    let s3 = S3Server::start().await;
    let bucket = s3.bucket("media");
    let mut wrong_key = bucket.settings();
    wrong_key.secret_access_key = "not-the-secret-at-all".into();
    let mut down = bucket.settings();
    down.endpoint = "http://127.0.0.1:1".into();
    for (what, settings) in [("wrong key", wrong_key), ("no server", down)] {
        let err = Media::s3(&settings)
            .unwrap()
            .check()
            .await
            .expect_err(what)
            .to_string();
        assert!(!err.contains("not-the-secret"), "{what}: {err}");
        assert!(!err.contains(common::s3::SECRET_KEY), "{what}: {err}");
    }
    assert!(bucket.objects().is_empty(), "nothing was written");
}

/// The image of a product uploaded through one app server lands in the
/// bucket, not on a disk; another server serves it; removing it removes
/// its objects.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_go_to_the_bucket_and_every_server_serves_them() {
    let s3 = S3Server::start().await;
    let bucket = s3.bucket("socialen-pazar-media");
    let vars = bucket.vars();
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let a = common::spawn_server_env(t.db.clone(), &vars).await;
    let b = common::spawn_server_env(t.db.clone(), &vars).await;
    assert!(bucket.objects().is_empty());

    let owner = Browser::new(&a);
    owner
        .sign_in("predpriyatie@demo.socialenpazar.bg", "demo-member-2026")
        .await;
    let enterprise = enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq("sinya-nishka-varna"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let product = product::Entity::find()
        .filter(product::Column::EnterpriseId.eq(enterprise.id))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let png = {
        let img = image::RgbImage::from_fn(800, 600, |x, y| {
            image::Rgb([(x % 255) as u8, (y % 255) as u8, 120])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let form = reqwest::multipart::Form::new()
        .text("locale", "bg")
        .text("product_id", product.id.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(png).file_name("snimka.png"),
        );
    let r = owner.post_multipart("/fn/upload_image", form).await;
    assert_eq!(r.status(), 200);
    let img = product_image::Entity::find()
        .filter(product_image::Column::ProductId.eq(product.id))
        .one(&t.db)
        .await
        .unwrap()
        .expect("the image is recorded");
    let objects = bucket.objects();
    assert_eq!(
        objects.keys().cloned().collect::<Vec<_>>(),
        {
            let mut both = vec![img.path.clone(), img.thumb_path.clone()];
            both.sort();
            both
        },
        "the image and its thumbnail are in the bucket"
    );
    assert_eq!(&objects[&img.path][..3], &[0xFF, 0xD8, 0xFF], "a JPEG");

    // The other server serves the same bytes, cacheable for good, and
    // answers a reader who has them with 304.
    let client = common::client();
    let r = client
        .get(format!("{b}/media/{}", img.path))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        objects[&img.path].as_slice()
    );
    let r = client
        .get(format!("{b}/media/{}", img.path))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(
        r.headers()["etag"].to_str().unwrap(),
        etag,
        "a 304 names its tag"
    );
    // The product page on the other server shows it.
    let page = common::get_text(&format!("{b}/p/{}", product.slug)).await;
    assert!(
        page.contains(&format!("/media/{}", img.thumb_path))
            || page.contains(&format!("/media/{}", img.path))
    );
    // Only the images of products, enterprises and networks are served:
    // not another file of the bucket, nor a name that is no image.
    std::fs::write(bucket.dir.join("notes.txt"), b"not for the public").unwrap();
    std::fs::create_dir_all(bucket.dir.join("products/1")).unwrap();
    std::fs::write(bucket.dir.join("products/1/page.html"), b"<script>").unwrap();
    for path in ["notes.txt", "products/1/page.html"] {
        let r = client
            .get(format!("{b}/media/{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    // Nothing outside the bucket can be asked for.
    for path in ["/media/../../etc/passwd", "/media/%2e%2e/%2e%2e/etc/passwd"] {
        let status = common::raw_status(&b, &format!("GET {path} HTTP/1.1"), b"").await;
        assert!(status == 404 || status == 400, "{path}: {status}");
    }

    // Removed on B: its objects leave the bucket, and A answers 404.
    let owner_b = Browser::new(&b);
    owner_b
        .sign_in("predpriyatie@demo.socialenpazar.bg", "demo-member-2026")
        .await;
    let id = img.id.to_string();
    let r = owner_b
        .post(
            "/fn/remove_image",
            &[("locale", "bg"), ("image_id", id.as_str())],
        )
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(
        bucket.objects().into_keys().collect::<Vec<_>>(),
        ["notes.txt", "products/1/page.html"],
        "only the files put there by hand are left"
    );
    let r = client
        .get(format!("{a}/media/{}", img.path))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
