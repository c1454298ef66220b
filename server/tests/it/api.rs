//! The JSON search API and the search page over real HTTP: answers, shapes,
//! and refusals. Whatever the query string, the answer is a page or a clear
//! 400, never a 500.

use crate::common;

use reqwest::StatusCode;
use serde_json::Value;

async fn server() -> (common::TestDb, String) {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.expect("seed");
    let base = common::spawn_server(t.db.clone()).await;
    common::wait_until_indexed(&base).await;
    (t, base)
}

async fn get(base: &str, query: &[(&str, &str)]) -> (StatusCode, Value) {
    let resp = common::client()
        .get(format!("{base}/api/v1/search"))
        .query(query)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_api_answers_in_the_documented_shape() {
    let (_t, base) = server().await;
    let (status, body) = get(&base, &[("q", "med"), ("per_page", "5")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["total"].as_u64().unwrap() > 0);
    assert_eq!(body["per_page"], 5);
    let hit = &body["hits"][0];
    for key in [
        "id",
        "slug",
        "title",
        "price_cents",
        "currency",
        "enterprise",
    ] {
        assert!(!hit[key].is_null(), "hit has {key}");
    }
    assert_eq!(hit["currency"], "EUR");
    assert!(
        hit["title"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("мед")
    );
    for key in ["slug", "name", "verified"] {
        assert!(!hit["enterprise"][key].is_null(), "enterprise has {key}");
    }
    for facet in [
        "category",
        "centre",
        "district",
        "network",
        "verified",
        "availability",
        "impact",
        "price",
    ] {
        assert!(body["facets"][facet].is_object(), "facet {facet}");
    }

    // Facets narrow and the counts agree with the narrowed total.
    let centre_count = body["facets"]["centre"]["varna"].as_u64().unwrap_or(0);
    let (_, varna) = get(&base, &[("q", "med"), ("centre", "varna")]).await;
    assert_eq!(varna["total"].as_u64().unwrap(), centre_count);

    // English labels and URLs with lang=en.
    let (_, en) = get(&base, &[("q", "honey"), ("lang", "en")]).await;
    assert!(en["hits"][0]["url"].as_str().unwrap().starts_with("/en/p/"));

    // Sort and pages.
    let (_, p1) = get(&base, &[("sort", "price_asc"), ("per_page", "10")]).await;
    let (_, p2) = get(
        &base,
        &[("sort", "price_asc"), ("per_page", "10"), ("page", "2")],
    )
    .await;
    let last1 = p1["hits"][9]["price_cents"].as_i64().unwrap();
    let first2 = p2["hits"][0]["price_cents"].as_i64().unwrap();
    assert!(last1 <= first2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_parameters_are_a_clear_400() {
    let (_t, base) = server().await;
    for (key, value) in [
        ("page", "-1"),
        ("page", "1000000000"),
        ("page", "two"),
        ("per_page", "5000"),
        ("per_page", "-3"),
        ("sort", "sideways"),
        ("lang", "xx"),
    ] {
        let (status, body) = get(&base, &[(key, value)]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{key}={value}");
        assert_eq!(body["error"], "invalid search parameters", "{key}={value}");
        assert_eq!(body["fields"][0]["field"], key, "{key}={value}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_query_text_is_safe() {
    let (_t, base) = server().await;
    let long = "мед ".repeat(2500);
    let nasty = [
        "",
        long.as_str(),
        "!!!???...",
        "🍯🧦🕯️",
        "\"unbalanced",
        "'; DROP TABLE products; --",
        "<script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "%00%ff",
        "category = \"x\" OR 1=1",
        "a*b?c~d^e",
        "\u{0}\u{1}\u{7f}",
    ];
    for q in nasty {
        let (status, body) = get(&base, &[("q", q)]).await;
        assert_eq!(status, StatusCode::OK, "api q={q:?}");
        assert!(body["total"].is_u64());
        let page = common::client()
            .get(format!("{base}/search"))
            .query(&[("q", q)])
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK, "page q={q:?}");
        let html = page.text().await.unwrap();
        // Markup in the query stays text: outside attribute values no tag
        // from it appears (inside them `<` is harmless, `"` is escaped).
        let outside_attributes = strip_attribute_values(&html);
        assert!(
            !outside_attributes.contains("<script>alert"),
            "script from q={q:?}"
        );
        assert!(
            !outside_attributes.contains("<img src=x"),
            "tag from q={q:?}"
        );
    }
    // Unknown facet values give an empty page, not an error.
    let (status, body) = get(&base, &[("category", "no-such"), ("network", "\"quoted\"")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 0);
    // The HTML page is lenient: out-of-range numbers fall back to defaults.
    for query in [
        "page=-1",
        "page=1000000000",
        "per_page=9999",
        "sort=sideways",
        "page=abc",
    ] {
        let resp = common::client()
            .get(format!("{base}/search?{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{query}");
    }
}

/// The HTML with every double-quoted attribute value emptied.
fn strip_attribute_values(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut in_value = false;
    for ch in html.chars() {
        match ch {
            '"' if in_tag => {
                in_value = !in_value;
                out.push(ch);
            }
            _ if in_value => {}
            '<' => {
                in_tag = true;
                out.push(ch);
            }
            '>' => {
                in_tag = false;
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

#[test]
fn property_no_query_string_breaks_the_api() {
    use proptest::prelude::*;
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (_t, base) = rt.block_on(server());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 200,
        ..ProptestConfig::default()
    });
    let strategy = (
        any::<String>(),
        "[a-z_]{0,12}",
        any::<String>(),
        any::<i64>(),
    );
    runner
        .run(&strategy, |(q, key, value, page)| {
            let status = rt.block_on(async {
                let page = page.to_string();
                let resp = common::client()
                    .get(format!("{base}/api/v1/search"))
                    .query(&[
                        ("q", q.as_str()),
                        (key.as_str(), value.as_str()),
                        ("page", page.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap();
                resp.status()
            });
            prop_assert!(
                status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
                "status {}",
                status
            );
            Ok(())
        })
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogue_pages_and_their_structured_data() {
    let (t, base) = server().await;
    use app::server::entities::{enterprise, product};
    use sea_orm::EntityTrait;
    let p = product::Entity::find().one(&t.db).await.unwrap().unwrap();
    let e = enterprise::Entity::find_by_id(p.enterprise_id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let c = common::client();

    let html = c
        .get(format!("{base}/p/{}", p.slug))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#""@type":"Product""#));
    assert!(html.contains(r#""priceCurrency":"EUR""#));
    assert!(html.contains(r#"property="og:title""#));
    assert!(html.contains("лв."), "the lev equivalent");

    let html = c
        .get(format!("{base}/e/{}", e.slug))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#""@type":"Organization""#));
    assert!(
        html.contains(&format!(r#""value":"{}""#, e.eik)),
        "ЕИК as identifier"
    );

    for path in [
        "/p/nope",
        "/e/nope",
        "/n/nope",
        "/events/nope",
        "/en/p/nope",
    ] {
        let resp = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
    }
    for path in ["/events", "/en/events"] {
        assert_eq!(
            c.get(format!("{base}{path}"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::OK
        );
    }
}
