//! English content over real HTTP: an enterprise's optional English title
//! and description show on English pages, English searches find them (and
//! the categories' English names) with English stems, Bulgarian pages and
//! searches stay as they were, and the CSV carries them.

use crate::common;

use app::server::entities::{enterprise, product};
use common::{Browser, all_databases, spawn_server};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

const OWNER: (&str, &str) = ("predpriyatie@demo.socialenpazar.bg", "demo-member-2026");
const SLIPPERS: &str = "Плъстени пантофи от вълна";

fn product_form<'a>(enterprise_id: &'a str, title_en: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("locale", "bg"),
        ("enterprise_id", enterprise_id),
        ("creation_key", "k-english-0123456789"),
        ("publish", "1"),
        ("input[title]", SLIPPERS),
        (
            "input[description]",
            "Топли пантофи от плъстена вълна с кожена подметка.",
        ),
        ("input[category]", "pletiva"),
        ("input[price]", "24,00"),
        ("input[unit]", "piece"),
        ("input[availability]", "made_to_order"),
        ("input[title_en]", title_en),
        (
            "input[description_en]",
            "Warm slippers of felted wool with leather soles.",
        ),
    ]
}

async fn api(b: &Browser, query: &str) -> Value {
    let r = b.get(&format!("/api/v1/search?{query}")).await;
    assert_eq!(r.status(), 200, "{query}");
    r.json().await.unwrap()
}

fn titles(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_titles_show_on_english_pages_and_english_searches_find_them() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let base = spawn_server(t.db.clone()).await;
        let owner = Browser::new(&base);
        owner.sign_in(OWNER.0, OWNER.1).await;
        let a = enterprise::Entity::find()
            .filter(enterprise::Column::Slug.eq("sinya-nishka-varna"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();

        // An English title breaks the same rules as the Bulgarian one:
        // refused next to its field, and nothing is saved.
        let before = common::fingerprint(&t.db).await;
        let r = owner
            .post("/fn/save_product", &product_form(&a, "ab"))
            .await;
        assert_eq!(r.status(), 422, "{}", t.label);
        assert!(r.text().await.unwrap().contains("\"field\":\"title_en\""));
        common::assert_same(&before, &common::fingerprint(&t.db).await, "refused");

        let r = owner
            .post(
                "/fn/save_product",
                &product_form(&a, "Felted wool slippers"),
            )
            .await;
        assert_eq!(r.status(), 200, "{}", t.label);
        let p = product::Entity::find()
            .filter(product::Column::Title.eq(SLIPPERS))
            .one(&t.db)
            .await
            .unwrap()
            .expect("saved");
        assert_eq!(p.title_en.as_deref(), Some("Felted wool slippers"));

        // English pages show the English words; Bulgarian pages do not.
        let reader = Browser::new(&base);
        let en = reader
            .get(&format!("/en/p/{}", p.slug))
            .await
            .text()
            .await
            .unwrap();
        assert!(en.contains("Felted wool slippers"), "{}", t.label);
        assert!(en.contains("Warm slippers of felted wool"));
        let bg = reader
            .get(&format!("/p/{}", p.slug))
            .await
            .text()
            .await
            .unwrap();
        assert!(bg.contains(SLIPPERS) && !bg.contains("Felted wool slippers"));

        // Found in English, in other forms of the words, once indexed.
        let mut found = Value::Null;
        for _ in 0..50 {
            found = api(&reader, "q=felt+slipper&lang=en").await;
            if titles(&found).first().map(String::as_str) == Some("Felted wool slippers") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(
            titles(&found).first().map(String::as_str),
            Some("Felted wool slippers"),
            "{}",
            t.label
        );
        // The demo's English titles: "linen dress" and "dresses".
        for q in ["q=linen+dress&lang=en", "q=dresses&lang=en"] {
            let v = api(&reader, q).await;
            assert_eq!(
                titles(&v).first().map(String::as_str),
                Some("Linen dress “Morska”"),
                "{q}: {:?}",
                titles(&v)
            );
        }
        // "honey" finds every product of the honey category (its English name).
        let category = api(&reader, "category=med&per_page=1").await["total"]
            .as_u64()
            .unwrap();
        assert!(category > 10);
        let honey = api(&reader, "q=honey&lang=en&category=med&per_page=1").await;
        assert_eq!(honey["total"].as_u64().unwrap(), category, "{}", t.label);
        // Bulgarian searches are as before: „мед“ lists Bulgarian titles.
        let med = api(&reader, "q=мед").await;
        assert!(titles(&med).iter().all(|t| !t.contains("honey")));

        // The CSV carries the English columns, and they come back on import.
        let csv = owner
            .get("/dashboard/e/sinya-nishka-varna/catalogue.csv")
            .await
            .text()
            .await
            .unwrap();
        let header = csv.lines().next().unwrap();
        assert!(header.ends_with(",title_en,description_en"), "{header}");
        assert!(csv.contains("Felted wool slippers"));
        // A file written before the English columns existed updates the
        // product and leaves its English text as it was.
        let old = format!(
            "slug,title,description,category,price,unit,availability,stock,min_order,tags,status\n{},{SLIPPERS},Топли.,pletiva,26.00,piece,made_to_order,,1,,published\n",
            p.slug
        );
        let form = reqwest::multipart::Form::new()
            .text("locale", "bg")
            .text("enterprise_id", a.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(old.into_bytes()).file_name("star.csv"),
            );
        let r = owner.post_multipart("/fn/import_csv", form).await;
        assert!(r.status().is_success(), "{}", r.status());
        let after = product::Entity::find_by_id(p.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.price_cents, 2600, "{}", t.label);
        assert_eq!(after.title_en.as_deref(), Some("Felted wool slippers"));
        assert!(after.description_en.is_some());
        t.drop_db().await;
    }
}
