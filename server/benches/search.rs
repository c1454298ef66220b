//! Search benchmark: prints figures, asserts nothing (targets are in the
//! README and judged by people, as ratios measured in one run).
//!
//! Run by `scripts/bench.sh`, which seeds `BENCH_DATA_DIR` with 100,000
//! synthetic products and starts the release server at `BENCH_URL`.
//!
//! 1. indexing time of every product into a fresh embedded index;
//! 2. latency of a fixed mix of 1,000 queries straight against the engine;
//! 3. the same mix through `GET /api/v1/search` (when `BENCH_URL` is set).
//!
//! With `MEILI_URL` and `MEILI_MASTER_KEY` set, the same for Meilisearch in
//! the same table: indexing into the index `BENCH_MEILI_INDEX` (default
//! `bench_products`), the engine alone, and the API of a server using it
//! (`BENCH_MEILI_API`, which `scripts/bench.sh` starts), each as a ratio to
//! the engine's own time.

use std::time::{Duration, Instant};

use app::server::search::index;
use app::server::search::tantivy_engine::TantivyEngine;
use app::server::search::{EngineQuery, SearchEngine, Sort};
use app::text::analyze;

/// The fixed mix: one word, two words, typos, prefixes, Latin
/// transliteration, each with and without facets.
fn query_mix() -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    let words = [
        "мед",
        "сапун",
        "чорапи",
        "вълнени чорапи",
        "житен хляб",
        "лютеница",
        "керамика",
        "свещи",
        "сапунн",
        "вълнеи",
        "тиквник",
        "лавандулла",
        "вълн",
        "кера",
        "суве",
        "пле",
        "med",
        "sapun",
        "zhiten",
        "chorapi",
        "lyutenitsa",
        "keramika",
        "Gabrovo",
        "шал",
        "кетъринг",
        "почистване",
        "мед от акация",
        "билков чай",
        "kozmetika",
        "detski",
    ];
    let facets: [Vec<(&str, &str)>; 5] = [
        vec![],
        vec![("category", "hrani")],
        vec![("centre", "varna")],
        vec![("verified", "yes"), ("availability", "in_stock")],
        vec![("category", "tekstil"), ("centre", "plovdiv")],
    ];
    (0..1000)
        .map(|i| {
            (
                words[i % words.len()].to_string(),
                facets[(i / words.len()) % facets.len()].clone(),
            )
        })
        .collect()
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    format!(
        "p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  (n={})",
        at(0.50).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        samples.len()
    )
}

#[tokio::main]
async fn main() {
    let data_dir = std::env::var("BENCH_DATA_DIR").unwrap_or_else(|_| "target/bench-data".into());
    let url = format!("sqlite://{data_dir}/socialen-pazar.db?mode=ro");
    let db = app::server::kernel::db::connect(&url)
        .await
        .expect("bench database (run scripts/bench.sh)");

    let t = Instant::now();
    let docs = index::all_documents(&db).await.expect("documents");
    let load = t.elapsed();
    let dir = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    TantivyEngine::build_detached(dir.path(), &docs, 0).expect("index");
    let index_time = t.elapsed();
    println!("products: {}", docs.len());
    println!("documents from the database: {:.2} s", load.as_secs_f64());
    println!(
        "indexing (embedded engine): {:.2} s",
        index_time.as_secs_f64()
    );

    let engine = TantivyEngine::open(dir.path()).expect("open");
    let mix = query_mix();
    // Warm up the page cache and the searcher.
    for (q, f) in mix.iter().take(100) {
        let _ = engine.search(&engine_query(q, f)).await;
    }
    let mut samples = Vec::with_capacity(mix.len());
    for (q, f) in &mix {
        let query = engine_query(q, f);
        let t = Instant::now();
        let r = engine.search(&query).await.expect("search");
        samples.push(t.elapsed());
        std::hint::black_box(r);
    }
    println!("engine latency: {}", percentiles(samples));

    if let Ok(base) = std::env::var("BENCH_URL") {
        let client = reqwest::Client::new();
        for (q, f) in mix.iter().take(50) {
            let _ = api_call(&client, &base, q, f).await;
        }
        let mut samples = Vec::with_capacity(mix.len());
        for (q, f) in &mix {
            let t = Instant::now();
            let status = api_call(&client, &base, q, f).await;
            samples.push(t.elapsed());
            assert!(status.is_success(), "API answered {status} for {q}");
        }
        println!("GET /api/v1/search latency: {}", percentiles(samples));
    }

    if let (Ok(url), Ok(key)) = (
        std::env::var("MEILI_URL"),
        std::env::var("MEILI_MASTER_KEY"),
    ) {
        meilisearch(&url, &key, docs, &mix).await;
    }
}

/// The Meilisearch figures: indexing, the engine alone, and the API of a
/// server using it, each API percentile also as a ratio to the engine's.
async fn meilisearch(
    url: &str,
    key: &str,
    docs: Vec<app::server::search::SearchDoc>,
    mix: &[(String, Vec<(&'static str, &'static str)>)],
) {
    use app::server::search::meili::MeiliEngine;
    let uid = std::env::var("BENCH_MEILI_INDEX").unwrap_or_else(|_| "bench_products".into());
    let engine = MeiliEngine::connect_index(url, key, &uid)
        .await
        .expect("Meilisearch from MEILI_URL");
    let t = Instant::now();
    engine.rebuild(docs).await.expect("index into Meilisearch");
    println!(
        "indexing (Meilisearch, index {uid}): {:.2} s",
        t.elapsed().as_secs_f64()
    );
    for (q, f) in mix.iter().take(100) {
        let _ = engine.search(&engine_query(q, f)).await;
    }
    let mut alone = Vec::with_capacity(mix.len());
    for (q, f) in mix {
        let query = engine_query(q, f);
        let t = Instant::now();
        std::hint::black_box(engine.search(&query).await.expect("search"));
        alone.push(t.elapsed());
    }
    println!("Meilisearch engine latency: {}", percentiles(alone.clone()));
    let Ok(base) = std::env::var("BENCH_MEILI_API") else {
        return;
    };
    let client = reqwest::Client::new();
    for (q, f) in mix.iter().take(50) {
        let _ = api_call(&client, &base, q, f).await;
    }
    let mut api = Vec::with_capacity(mix.len());
    for (q, f) in mix {
        let t = Instant::now();
        let status = api_call(&client, &base, q, f).await;
        api.push(t.elapsed());
        assert!(status.is_success(), "API answered {status} for {q}");
    }
    println!(
        "GET /api/v1/search on Meilisearch: {}",
        percentiles(api.clone())
    );
    alone.sort();
    api.sort();
    let at = |s: &[Duration], p: f64| s[((s.len() as f64 * p) as usize).min(s.len() - 1)];
    for (name, p) in [("p50", 0.50), ("p95", 0.95), ("p99", 0.99)] {
        println!(
            "   API / engine {name}: {:.2}x",
            at(&api, p).as_secs_f64() / at(&alone, p).as_secs_f64()
        );
    }
}

fn engine_query(q: &str, filters: &[(&str, &str)]) -> EngineQuery {
    EngineQuery {
        terms: analyze(q),
        prefix_last: true,
        filters: filters
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        sort: Sort::Relevance,
        offset: 0,
        limit: 24,
    }
}

async fn api_call(
    client: &reqwest::Client,
    base: &str,
    q: &str,
    filters: &[(&str, &str)],
) -> reqwest::StatusCode {
    let mut query: Vec<(&str, &str)> = vec![("q", q)];
    query.extend_from_slice(filters);
    client
        .get(format!("{base}/api/v1/search"))
        .query(&query)
        .send()
        .await
        .expect("request")
        .status()
}
