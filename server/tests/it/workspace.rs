//! The enterprise workspace over real HTTP: the permission matrix (every
//! refusal leaves the database as it was), registration, products with a
//! double submit, search within seconds, images and the CSV round trip.

use crate::common;

use common::{Browser, all_databases, fingerprint, location, spawn_server};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use app::domain::{ProductStatus, VerificationStatus};
use app::server::entities::*;

const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");
const BUYER: (&str, &str) = ("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026");
const CURATOR: (&str, &str) = ("kurator.varna@demo.socialenpazar.bg", "demo-kurator-2026");
const ADMIN: (&str, &str) = ("admin@demo.socialenpazar.bg", "demo-admin-2026");
const A_SLUG: &str = "sinya-nishka-varna";
const PASSWORD: &str = "дълга парола 2026";

async fn enterprise_id(db: &DatabaseConnection, slug: &str) -> i32 {
    enterprise::Entity::find()
        .filter(enterprise::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn upload(locale: &str, product_id: i32, name: &str, bytes: Vec<u8>) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("locale", locale.to_string())
        .text("product_id", product_id.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        )
}

fn csv_form(enterprise_id: i32, bytes: Vec<u8>) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("locale", "bg")
        .text("enterprise_id", enterprise_id.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("katalog.csv"),
        )
}

fn enterprise_form<'a>(id: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("locale", "bg"),
        ("enterprise_id", id),
        ("input[name]", name),
        ("input[eik]", ""),
        ("input[legal_form]", "ЕООД"),
        ("input[district]", "varna"),
        ("input[settlement]", "Варна"),
        ("input[email]", "office@example.bg"),
    ]
}

fn product_form<'a>(
    enterprise_id: &'a str,
    title: &'a str,
    key: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("locale", "bg"),
        ("enterprise_id", enterprise_id),
        ("creation_key", key),
        ("publish", "1"),
        ("input[title]", title),
        ("input[description]", "Ръчно изработени."),
        ("input[category]", "pletiva"),
        ("input[price]", "12,50"),
        ("input[unit]", "piece"),
        ("input[availability]", "in_stock"),
        ("input[stock]", "5"),
        ("input[tags]", "вълна, подарък"),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permission_matrix_every_refusal_changes_nothing() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let a = enterprise_id(&t.db, A_SLUG).await;
        let a_s = a.to_string();
        let pa = product::Entity::find()
            .filter(product::Column::EnterpriseId.eq(a))
            .order_by_asc(product::Column::Id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let pa_s = pa.to_string();

        let anon = Browser::new(&base);
        let buyer = Browser::new(&base);
        buyer.sign_in(BUYER.0, BUYER.1).await;
        let curator = Browser::new(&base);
        curator.sign_in(CURATOR.0, CURATOR.1).await;
        let admin = Browser::new(&base);
        admin.sign_in(ADMIN.0, ADMIN.1).await;
        let owner = Browser::new(&base);
        owner.sign_in(OWNER.0, OWNER.1).await;
        // Staff of A: invited by the owner, joined.
        let staff = Browser::new(&base);
        common::sign_up_confirmed(&staff, "staff@example.bg", PASSWORD, "Служител").await;
        assert_eq!(
            owner
                .post(
                    "/fn/invite_member",
                    &[
                        ("locale", "bg"),
                        ("enterprise_id", &a_s),
                        ("email", "staff@example.bg")
                    ]
                )
                .await
                .status(),
            200
        );
        let inv = enterprise_invitation::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            staff
                .post(
                    "/fn/accept_invitation",
                    &[("locale", "bg"), ("invitation_id", &inv.id.to_string())]
                )
                .await
                .status(),
            200
        );
        // Owner of another enterprise B.
        let other = Browser::new(&base);
        common::sign_up_confirmed(&other, "b@example.bg", PASSWORD, "Собственик Б").await;
        let eik_b = app::eik::complete9(20_260_127);
        let mut reg = enterprise_form("", "Предприятие Б");
        reg.retain(|(k, _)| *k != "input[eik]" && *k != "enterprise_id");
        reg.push(("input[eik]", &eik_b));
        assert_eq!(
            other.post("/fn/register_enterprise", &reg).await.status(),
            200
        );

        let update = enterprise_form(&a_s, "Синя нишка (променено)");
        let new_product = product_form(&a_s, "Чужд продукт", "");
        let mut edit_product = product_form(&a_s, "Подменено заглавие", "");
        edit_product.push(("product_id", &pa_s));
        let csv = "slug,title,description,category,price,unit,availability,stock,min_order,tags,status\n,Внесен отвън,,pletiva,1.00,piece,made_to_order,,1,,published\n";

        // (name, who may, call)
        type Call<'a> = Box<
            dyn Fn(
                    &'a Browser,
                )
                    -> std::pin::Pin<Box<dyn std::future::Future<Output = reqwest::Response> + 'a>>
                + 'a,
        >;
        let mut actions: Vec<(&str, &[&str], Call)> = vec![];
        macro_rules! post {
            ($name:expr, $who:expr, $path:expr, $form:expr) => {{
                let form = $form.clone();
                actions.push((
                    $name,
                    $who,
                    Box::new(move |b: &Browser| {
                        let form = form.clone();
                        Box::pin(async move { b.post($path, &form).await })
                    }),
                ));
            }};
        }
        const MEMBERS: &[&str] = &["owner", "staff", "admin"];
        const OWNERS: &[&str] = &["owner", "admin"];
        post!(
            "read workspace",
            MEMBERS,
            "/fn/workspace",
            vec![("slug", A_SLUG)]
        );
        post!(
            "read product form",
            MEMBERS,
            "/fn/product_form",
            vec![
                ("locale", "bg"),
                ("enterprise", A_SLUG),
                ("product", pa_s.as_str())
            ]
        );
        post!("update profile", MEMBERS, "/fn/update_enterprise", update);
        post!(
            "invite",
            OWNERS,
            "/fn/invite_member",
            vec![
                ("locale", "bg"),
                ("enterprise_id", a_s.as_str()),
                ("email", "x@example.bg")
            ]
        );
        post!("create product", MEMBERS, "/fn/save_product", new_product);
        post!(
            "edit product by id",
            MEMBERS,
            "/fn/save_product",
            edit_product
        );
        post!(
            "unpublish",
            MEMBERS,
            "/fn/product_action",
            vec![
                ("locale", "bg"),
                ("product_id", pa_s.as_str()),
                ("action", "unpublish")
            ]
        );
        post!(
            "duplicate",
            MEMBERS,
            "/fn/product_action",
            vec![
                ("locale", "bg"),
                ("product_id", pa_s.as_str()),
                ("action", "duplicate")
            ]
        );
        {
            actions.push((
                "upload image",
                MEMBERS,
                Box::new(move |b: &Browser| {
                    Box::pin(async move {
                        b.post_multipart("/fn/upload_image", upload("bg", pa, "a.png", png(40, 30)))
                            .await
                    })
                }),
            ));
            actions.push((
                "upload logo",
                MEMBERS,
                Box::new(move |b: &Browser| {
                    Box::pin(async move {
                        let form = reqwest::multipart::Form::new()
                            .text("locale", "bg")
                            .text("enterprise_id", a.to_string())
                            .part(
                                "file",
                                reqwest::multipart::Part::bytes(png(300, 200))
                                    .file_name("logo.png"),
                            );
                        b.post_multipart("/fn/upload_logo", form).await
                    })
                }),
            ));
            actions.push((
                "import csv",
                MEMBERS,
                Box::new(move |b: &Browser| {
                    Box::pin(async move {
                        b.post_multipart("/fn/import_csv", csv_form(a, csv.as_bytes().to_vec()))
                            .await
                    })
                }),
            ));
            actions.push((
                "export csv",
                MEMBERS,
                Box::new(move |b: &Browser| {
                    Box::pin(
                        async move { b.get(&format!("/dashboard/e/{A_SLUG}/catalogue.csv")).await },
                    )
                }),
            ));
        }
        post!(
            "delete product",
            MEMBERS,
            "/fn/product_action",
            vec![
                ("locale", "bg"),
                ("product_id", pa_s.as_str()),
                ("action", "delete")
            ]
        );
        // Last: the staff member is gone after it.
        post!(
            "remove staff",
            OWNERS,
            "/fn/remove_member",
            vec![
                ("locale", "bg"),
                ("enterprise_id", a_s.as_str()),
                ("email", "staff@example.bg")
            ]
        );

        let actors: [(&str, &Browser); 6] = [
            ("anonymous", &anon),
            ("buyer", &buyer),
            ("curator", &curator),
            ("other owner", &other),
            ("staff", &staff),
            ("owner", &owner),
        ];
        let mut walked = 0;
        for (name, allowed, call) in &actions {
            for (who, browser) in actors {
                if allowed.contains(&who) {
                    continue;
                }
                let before = fingerprint(&t.db).await;
                let r = call(browser).await;
                let status = r.status().as_u16();
                let want = if who == "anonymous" { 401 } else { 403 };
                assert_eq!(status, want, "{}: {who} may not {name}", t.label);
                assert_eq!(
                    before,
                    fingerprint(&t.db).await,
                    "{}: refused {name} by {who} changed the database",
                    t.label
                );
                walked += 1;
            }
            // One allowed caller does it (staff where staff may, else the owner).
            let doer = if allowed.contains(&"staff") {
                &staff
            } else {
                &owner
            };
            let r = call(doer).await;
            assert!(
                r.status().is_success(),
                "{}: {name} by an allowed caller: {}",
                t.label,
                r.status()
            );
        }
        // The admin may act everywhere.
        let r = admin.post("/fn/workspace", &[("slug", A_SLUG)]).await;
        assert_eq!(r.status(), 200);
        assert!(walked >= 40, "walked {walked} refusals");
        t.drop_db().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_an_enterprise_refuses_bad_and_taken_eik() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    let b = Browser::new(&base);
    common::sign_up_confirmed(&b, "new@example.bg", PASSWORD, "Нов").await;
    let good = app::eik::complete9(13_572_468);
    let mut bad = good.clone();
    let last = bad.pop().unwrap().to_digit(10).unwrap();
    bad.push(char::from_digit((last + 1) % 10, 10).unwrap());
    let taken = enterprise::Entity::find()
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .eik;
    let before = fingerprint(&t.db).await;
    for (eik, code) in [
        (bad.as_str(), "eik_checksum"),
        (taken.as_str(), "eik_taken"),
        ("12", "eik_length"),
    ] {
        let mut form = enterprise_form("", "Ново предприятие");
        form.retain(|(k, _)| *k != "input[eik]" && *k != "enterprise_id");
        form.push(("input[eik]", eik));
        form[0] = ("locale", "en");
        let r = b.post("/fn/register_enterprise", &form).await;
        assert_eq!(r.status(), 422, "{eik}");
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["Invalid"][0]["field"], "eik");
        assert_eq!(v["Invalid"][0]["code"], code);
        assert!(!v["Invalid"][0]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(
        before,
        fingerprint(&t.db).await,
        "refused registrations saved nothing"
    );

    let mut form = enterprise_form("", "Ново <b>предприятие</b>");
    form.retain(|(k, _)| *k != "input[eik]" && *k != "enterprise_id");
    form.push(("input[eik]", &good));
    form.push(("input[impact][disability]", "on"));
    let r = b.post("/fn/register_enterprise", &form).await;
    assert_eq!(r.status(), 200);
    assert!(
        location(&r).starts_with("/dashboard/e/novo-"),
        "{}",
        location(&r)
    );
    let e = enterprise::Entity::find()
        .filter(enterprise::Column::Eik.eq(&good))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.name, "Ново <b>предприятие</b>", "markup is kept as text");
    assert_eq!(e.verification_status, VerificationStatus::Unverified);
    let page = b.get(&format!("/e/{}", e.slug)).await.text().await.unwrap();
    assert!(
        page.contains("Ново &lt;b&gt;предприятие&lt;/b&gt;"),
        "and shown escaped"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn products_double_submit_search_images_and_csv() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = spawn_server(t.db.clone()).await;
    common::wait_until_indexed(&base).await;
    let owner = Browser::new(&base);
    owner.sign_in(OWNER.0, OWNER.1).await;
    let a = enterprise_id(&t.db, A_SLUG).await;
    let a_s = a.to_string();

    // The search page before the product exists: its results are kept as
    // written HTML (for signed-in readers too), and must not outlive them.
    let page = "/search?q=pleteni+terlitsi";
    let before = owner.get(page).await.text().await.unwrap();
    assert!(!before.contains("Плетени терлици от овча вълна"));
    // The header still knows a signed-in reader (a session cookie is looked up).
    assert!(before.contains(r#"href="/dashboard""#), "signed-in header");
    let anonymous = common::get_text(&format!("{base}{page}")).await;
    assert!(!anonymous.contains(r#"href="/dashboard""#) && anonymous.contains(r#"href="/signin""#));

    // A double click: the same form twice makes one product.
    let form = product_form(&a_s, "Плетени терлици от овча вълна", "k-0123456789abcdef");
    let (r1, r2) = tokio::join!(
        owner.post("/fn/save_product", &form),
        owner.post("/fn/save_product", &form)
    );
    assert_eq!((r1.status().as_u16(), r2.status().as_u16()), (200, 200));
    assert_eq!(location(&r1), location(&r2));
    let made = product::Entity::find()
        .filter(product::Column::Title.eq("Плетени терлици от овча вълна"))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(made.len(), 1);
    let p = &made[0];
    assert_eq!(
        (p.price_cents, p.status.code(), p.stock),
        (1250, "published", Some(5))
    );

    // In search within seconds, in Latin letters too.
    let mut found = false;
    for _ in 0..100 {
        let v = common::get_json(&format!("{base}/api/v1/search?q=pleteni+terlitsi")).await;
        if v["hits"]
            .as_array()
            .is_some_and(|h| h.iter().any(|x| x["id"] == p.id))
        {
            found = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(found, "the new product shows in search");
    // Well within the 5 s a kept value may live: what the page was given
    // changed, so its kept HTML is not served (the loop only covers the
    // moment between the index commit and the worker's word of it).
    let mut shown = false;
    for _ in 0..20 {
        let after = owner.get(page).await.text().await.unwrap();
        if after.contains("Плетени терлици от овча вълна") {
            shown = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        shown,
        "the search page shows it too, not the results kept from before"
    );

    // Bad prices, field by field, nothing saved.
    let before = fingerprint(&t.db).await;
    for price in ["-1", "abc", "1000000,01", "12,505"] {
        let mut f = product_form(&a_s, "Друг продукт", "");
        f.retain(|(k, _)| *k != "input[price]");
        f.push(("input[price]", price));
        let r = owner.post("/fn/save_product", &f).await;
        assert_eq!(r.status(), 422, "{price}");
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["Invalid"][0]["field"], "price", "{price}");
    }
    assert_eq!(before, fingerprint(&t.db).await);

    // A product a curator hid stays hidden; an unknown action is refused.
    let mut hidden: product::ActiveModel = p.clone().into();
    hidden.status = sea_orm::Set(ProductStatus::Hidden);
    sea_orm::ActiveModelTrait::update(hidden, &t.db)
        .await
        .unwrap();
    let before = fingerprint(&t.db).await;
    let id = p.id.to_string();
    for (action, status) in [("publish", 409), ("unpublish", 409), ("explode", 422)] {
        let r = owner
            .post(
                "/fn/product_action",
                &[
                    ("locale", "bg"),
                    ("product_id", id.as_str()),
                    ("action", action),
                ],
            )
            .await;
        assert_eq!(r.status(), status, "{action}");
    }
    assert_eq!(
        before,
        fingerprint(&t.db).await,
        "refused actions changed nothing"
    );
    let mut shown: product::ActiveModel = product::Entity::find_by_id(p.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    shown.status = sea_orm::Set(ProductStatus::Published);
    sea_orm::ActiveModelTrait::update(shown, &t.db)
        .await
        .unwrap();

    // Images: checked by content, a bad file leaves nothing behind.
    let r = owner
        .post_multipart(
            "/fn/upload_image",
            upload(
                "en",
                p.id,
                "page.jpg",
                b"<html><script>alert(1)</script></html>".to_vec(),
            ),
        )
        .await;
    assert_eq!(r.status(), 422);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["Invalid"][0]["code"], "image_not_image");
    assert_eq!(v["Invalid"][0]["message"], "The file is not an image.");
    let r = owner
        .post_multipart(
            "/fn/upload_image",
            upload("bg", p.id, "snimka.png", png(1200, 900)),
        )
        .await;
    assert_eq!(r.status(), 200);
    let imgs = product_image::Entity::find()
        .filter(product_image::Column::ProductId.eq(p.id))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(imgs.len(), 1);
    let thumb = owner.get(&format!("/media/{}", imgs[0].thumb_path)).await;
    assert_eq!(thumb.status(), 200);
    assert_eq!(
        &thumb.bytes().await.unwrap()[..3],
        &[0xFF, 0xD8, 0xFF],
        "stored as JPEG"
    );

    // CSV: export, import unchanged, then a file with one bad line.
    let export = owner
        .get(&format!("/dashboard/e/{A_SLUG}/catalogue.csv"))
        .await;
    assert_eq!(export.status(), 200);
    let csv = export.bytes().await.unwrap().to_vec();
    let before_products = format!(
        "{:?}",
        product::Entity::find()
            .filter(product::Column::EnterpriseId.eq(a))
            .order_by_asc(product::Column::Id)
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| (p.slug, p.title, p.price_cents, p.stock, p.status))
            .collect::<Vec<_>>()
    );
    let r = owner
        .post_multipart("/fn/import_csv", csv_form(a, csv.clone()))
        .await;
    assert_eq!(r.status(), 200);
    let after_products = format!(
        "{:?}",
        product::Entity::find()
            .filter(product::Column::EnterpriseId.eq(a))
            .order_by_asc(product::Column::Id)
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| (p.slug, p.title, p.price_cents, p.stock, p.status))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        before_products, after_products,
        "export then import round-trips"
    );

    let bad = "slug;title;description;category;price;unit;availability;stock;min_order;tags;status\n\
               ;Сапун с лавандула;;sapuni;4,20;piece;in_stock;10;1;сапун|лавандула;published\n\
               ;Сапун с мед;;sapuni;-3;piece;in_stock;10;1;;published\n";
    let before = fingerprint(&t.db).await;
    let r = owner
        .post_multipart("/fn/import_csv", csv_form(a, bad.as_bytes().to_vec()))
        .await;
    assert_eq!(r.status(), 422);
    let v: serde_json::Value = r.json().await.unwrap();
    let lines = v["Invalid"].as_array().unwrap();
    assert_eq!(lines.len(), 1, "{v}");
    assert_eq!(lines[0]["field"], "line:3:price");
    assert!(lines[0]["message"].as_str().unwrap().starts_with("Ред 3"));
    assert_eq!(
        before,
        fingerprint(&t.db).await,
        "nothing of a refused import is saved"
    );
    let fixed = bad.replace(";-3;", ";3,80;");
    let r = owner
        .post_multipart("/fn/import_csv", csv_form(a, fixed.into_bytes()))
        .await;
    assert_eq!(r.status(), 200);
    assert!(location(&r).ends_with("?imported=2-0"), "{}", location(&r));
}
