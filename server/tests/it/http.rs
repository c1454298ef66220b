//! Real HTTP against the real router: pages, health, language, 404s.

use crate::common;

use reqwest::StatusCode;

async fn seeded_server() -> (common::TestDb, String) {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.expect("seed");
    let base = common::spawn_server(t.db.clone()).await;
    (t, base)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_reports_the_database() {
    let (_t, base) = seeded_server().await;
    let resp = common::client()
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"]["ok"], true);
    assert_eq!(body["database"]["backend"], "sqlite");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_is_bulgarian_with_the_six_centres() {
    let (_t, base) = seeded_server().await;
    let resp = common::client()
        .get(format!("{base}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    assert!(html.contains(r#"<html lang="bg""#), "lang attribute");
    assert!(html.contains("Купувайте от социални предприятия"));
    for city in [
        "Варна",
        "Бургас",
        "Ловеч",
        "Габрово",
        "Пловдив",
        "Благоевград",
    ] {
        assert!(
            html.contains(&format!("Регионален център {city}")),
            "{city}"
        );
    }
    // Prices in euro, written the Bulgarian way.
    assert!(html.contains("\u{a0}€"), "a Bulgarian euro price");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_lives_under_en() {
    let (_t, base) = seeded_server().await;
    let html = common::get_text(&format!("{base}/en")).await;
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Buy from social enterprises"));
    assert!(html.contains("Varna Regional Centre"));
    assert!(html.contains(r#"href="/en/centres/varna""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn centre_page_and_missing_pages() {
    let (_t, base) = seeded_server().await;
    let c = common::client();
    let resp = c.get(format!("{base}/centres/varna")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Цар Симеон I"), "Varna centre address");
    for d in ["Добрич", "Търговище", "Шумен"] {
        assert!(html.contains(d), "{d}");
    }
    for path in [
        "/centres/nowhere",
        "/en/centres/nowhere",
        "/no/such/page",
        "/centres/%00%ff",
    ] {
        let resp = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let long = "x".repeat(5000);
    let resp = c
        .get(format!("{base}/centres/{long}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switch_is_remembered_and_cannot_redirect_away() {
    let (_t, base) = seeded_server().await;
    let c = common::client();
    let resp = c
        .get(format!("{base}/lang/en?next=/en/centres"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()["location"], "/en/centres");
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));

    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let resp = c
            .get(format!("{base}/lang/en"))
            .query(&[("next", evil)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{evil}");
    }
    // A page of the site in the other language: the chosen language's home.
    let resp = c
        .get(format!("{base}/lang/en"))
        .query(&[("next", "/centres")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["location"], "/en");
    let resp = c.get(format!("{base}/lang/de")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);

    // With the cookie, a Bulgarian address opens in English.
    let resp = c
        .get(format!("{base}/centres?x=1"))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()["location"], "/en/centres?x=1");
    // English addresses are never redirected.
    let resp = c
        .get(format!("{base}/en/centres"))
        .header("cookie", "lang=bg")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_for_clients_that_ask() {
    let (_t, base) = seeded_server().await;
    let resp = common::client()
        .get(format!("{base}/"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-encoding"], "br");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_pages_are_served_from_a_short_cache_and_signed_in_readers_never_are() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = common::spawn_server(t.db.clone()).await;
    let client = common::client();
    let get = |cookie: Option<&'static str>| {
        let mut req = client.get(format!("{base}/centres"));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };
    let first = get(None).await.unwrap();
    assert_eq!(first.status(), 200);
    assert!(first.headers().get("x-page-cache").is_none());
    let first = first.text().await.unwrap();
    let second = get(None).await.unwrap();
    assert_eq!(
        second
            .headers()
            .get("x-page-cache")
            .map(|v| v.to_str().unwrap()),
        Some("hit")
    );
    assert_eq!(second.text().await.unwrap(), first);
    // A session cookie (an id of the session layer's own form) bypasses
    // the cache; a malformed one is nobody's, as the session layer sees it.
    let signed_in = get(Some("sid=AAAAAAAAAAAAAAAAAAAAAA")).await.unwrap();
    assert!(
        signed_in.headers().get("x-page-cache").is_none(),
        "a session cookie bypasses the cache"
    );
    assert_eq!(signed_in.headers()["cache-control"], "private, no-store");
    let malformed = get(Some("sid=whatever")).await.unwrap();
    assert_eq!(
        malformed
            .headers()
            .get("x-page-cache")
            .map(|v| v.to_str().unwrap()),
        Some("hit")
    );
    // Answers other than 200 are not kept.
    for _ in 0..2 {
        let r = client
            .get(format!("{base}/p/no-such-product"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert!(r.headers().get("x-page-cache").is_none());
    }
}

/// An address with a trailing slash leads to the page without it (308,
/// query kept), never to a 404, and never off the site.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trailing_slash_redirects_to_the_page_without_it() {
    let (_t, base) = seeded_server().await;
    let c = common::client();
    for (from, to) in [
        ("/en/", "/en"),
        ("/centres/varna/", "/centres/varna"),
        (
            "/search/?q=%D0%BC%D0%B5%D0%B4",
            "/search?q=%D0%BC%D0%B5%D0%B4",
        ),
        ("//evil.example/", "/evil.example"),
    ] {
        let r = c.get(format!("{base}{from}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT, "{from}");
        assert_eq!(common::location(&r), to, "{from}");
    }
    let r = c.get(format!("{base}/en")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

/// Each language quotes the query with its own marks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_heading_quotes_the_query_in_the_pages_language() {
    let (_t, base) = seeded_server().await;
    let bg = common::get_text(&format!("{base}/search?q=med")).await;
    assert!(bg.contains("Резултати за „med“"), "Bulgarian marks");
    let en = common::get_text(&format!("{base}/en/search?q=med")).await;
    assert!(en.contains("“med”"), "English marks");
    assert!(!en.contains("„"), "no Bulgarian marks on an English page");
}

/// Search engines get robots.txt, a sitemap index and its sitemaps (every
/// public page in both languages, nothing else), and every page names its
/// canonical address and its other language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawlers_find_the_public_pages_and_only_those() {
    use app::server::entities::{enterprise, product};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (t, base) = seeded_server().await;
    let robots = common::get_text(&format!("{base}/robots.txt")).await;
    for path in [
        "/dashboard",
        "/curator",
        "/admin",
        "/basket",
        "/requests",
        "/en/basket",
    ] {
        assert!(robots.contains(&format!("Disallow: {path}\n")), "{robots}");
    }
    assert!(
        robots.contains(&format!("Sitemap: {base}/sitemap.xml")),
        "{robots}"
    );

    let index = common::get_text(&format!("{base}/sitemap.xml")).await;
    assert!(
        index.contains(&format!("<loc>{base}/sitemaps/pages.xml</loc>")),
        "{index}"
    );
    assert!(
        index.contains(&format!("<loc>{base}/sitemaps/products-1.xml</loc>")),
        "{index}"
    );
    assert!(
        !index.contains("products-2.xml"),
        "one chunk for the demo: {index}"
    );
    let missing = common::client()
        .get(format!("{base}/sitemaps/products-2.xml"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    // One product goes back to a draft: it leaves the sitemap.
    let draft = product::Entity::find()
        .filter(app::server::catalogue::visibility::public_product())
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    product::Entity::update_many()
        .col_expr(
            product::Column::Status,
            sea_orm::sea_query::Expr::value("draft"),
        )
        .filter(product::Column::Id.eq(draft.id))
        .exec(&t.db)
        .await
        .unwrap();
    let products = common::get_text(&format!("{base}/sitemaps/products-1.xml")).await;
    let public = product::Entity::find()
        .filter(app::server::catalogue::visibility::public_product())
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(
        products.matches("<url>").count(),
        public.len() * 2,
        "every public product, in both languages"
    );
    let p = &public[0];
    assert!(products.contains(&format!("<loc>{base}/p/{}</loc>", p.slug)));
    assert!(products.contains(&format!("<loc>{base}/en/p/{}</loc>", p.slug)));
    assert!(products.contains(&format!(
        "<lastmod>{}</lastmod>",
        p.updated_at.format("%Y-%m-%d")
    )));
    let unlisted = product::Entity::find()
        .filter(product::Column::Status.ne("published"))
        .all(&t.db)
        .await
        .unwrap();
    assert!(unlisted.iter().any(|u| u.id == draft.id));
    for u in &unlisted {
        assert!(
            !products.contains(&format!("/p/{}<", u.slug)),
            "{} is not public",
            u.slug
        );
    }

    let pages = common::get_text(&format!("{base}/sitemaps/pages.xml")).await;
    assert!(pages.contains(&format!("<loc>{base}/</loc>")), "{pages}");
    assert!(pages.contains(&format!("<loc>{base}/en/centres/varna</loc>")));
    let e = enterprise::Entity::find()
        .filter(enterprise::Column::SuspendedAt.is_null())
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert!(pages.contains(&format!("<loc>{base}/e/{}</loc>", e.slug)));

    let page = common::get_text(&format!("{base}/en/p/{}", p.slug)).await;
    let links: Vec<&str> = page
        .split("<link ")
        .skip(1)
        .filter_map(|l| l.split('>').next())
        .collect();
    for (attr, href) in [
        ("rel=\"canonical\"", format!("{base}/en/p/{}", p.slug)),
        ("hreflang=\"bg\"", format!("{base}/p/{}", p.slug)),
        ("hreflang=\"en\"", format!("{base}/en/p/{}", p.slug)),
        ("hreflang=\"x-default\"", format!("{base}/p/{}", p.slug)),
    ] {
        let href = format!("href=\"{href}\"");
        assert!(
            links.iter().any(|l| l.contains(attr) && l.contains(&href)),
            "a link {attr} {href} in the head: {links:?}"
        );
    }
    t.drop_db().await;
}

/// Every answer names its request: a new id, or the one the proxy sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_carries_a_request_id() {
    let t = common::sqlite().await;
    let base = common::spawn_server(t.db.clone()).await;
    let fresh = common::client()
        .get(format!("{base}/healthz/live"))
        .send()
        .await
        .unwrap();
    let id = fresh.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let again = common::client()
        .get(format!("{base}/"))
        .send()
        .await
        .unwrap();
    assert_ne!(again.headers()["x-request-id"].to_str().unwrap(), id);
    let given = common::client()
        .get(format!("{base}/healthz/live"))
        .header("x-request-id", "from-the-proxy-1")
        .send()
        .await
        .unwrap();
    assert_eq!(given.headers()["x-request-id"], "from-the-proxy-1");
    // Whatever else a client sends is replaced by an id of our own.
    let odd = common::client()
        .get(format!("{base}/healthz/live"))
        .header("x-request-id", "evil line \"injected\"")
        .send()
        .await
        .unwrap();
    assert_eq!(odd.headers()["x-request-id"].len(), 36);
}

/// `/metrics` answers this host in Prometheus' text format: requests by
/// route template and status, their latency, the outbox, the kept reads and
/// the database pool. Through a proxy, or from elsewhere, it is not there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_by_route_for_this_host_only() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let base = common::spawn_server(t.db.clone()).await;
    for path in [
        "/p/no-such-product",
        "/p/another-missing-one",
        "/healthz/live",
    ] {
        common::client()
            .get(format!("{base}{path}"))
            .send()
            .await
            .unwrap();
    }
    let page = common::get_text(&format!("{base}/metrics")).await;
    for line in [
        "http_requests_total{route=\"/p/{slug}\",method=\"GET\",status=\"404\"}",
        "http_requests_total{route=\"/healthz/live\",method=\"GET\",status=\"200\"}",
        "http_request_duration_seconds_bucket{route=\"/healthz/live\",method=\"GET\",le=\"0.005\"}",
        "outbox_pending ",
        "outbox_oldest_pending_seconds ",
        "read_cache_hits_total ",
        "db_pool_connections ",
    ] {
        assert!(page.contains(line), "{line} in:\n{page}");
    }
    // Two addresses, one route: the series is the template's.
    assert!(!page.contains("no-such-product"), "{page}");
    let proxied = common::client()
        .get(format!("{base}/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status(), 404);
}

/// With `METRICS_TOKEN`, `/metrics` also answers through a proxy to a
/// request bearing the token, and to no other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_answer_the_token_through_a_proxy() {
    let t = common::sqlite().await;
    let token = "a-long-metrics-token-2026";
    let base = common::spawn_server_env(t.db.clone(), &[("METRICS_TOKEN", token)]).await;
    let through_proxy = |bearer: &'static str| {
        common::client()
            .get(format!("{base}/metrics"))
            .header("x-forwarded-for", "203.0.113.9")
            .header("authorization", format!("Bearer {bearer}"))
            .send()
    };
    let ok = through_proxy(token).await.unwrap();
    assert_eq!(ok.status(), 200);
    assert!(ok.text().await.unwrap().contains("db_pool_connections"));
    assert_eq!(
        through_proxy("a-long-metrics-token-2027")
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(through_proxy("").await.unwrap().status(), 404);
}
