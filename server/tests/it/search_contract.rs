//! One contract for both search engines. It always runs against the
//! embedded tantivy index; with `MEILI_URL` and `MEILI_MASTER_KEY` set it
//! runs, unchanged, against that Meilisearch too.

use crate::common;

use std::collections::BTreeMap;
use std::sync::Arc;

use app::server::entities::product;
use app::server::search::document::SearchDoc;
use app::server::search::index;
use app::server::search::meili::MeiliEngine;
use app::server::search::{EngineQuery, SearchEngine, Sort};
use app::text::analyze;
use sea_orm::{DatabaseConnection, EntityTrait};

/// What an engine leaves behind, cleared when the contract ends.
enum Leftover {
    Folder(#[allow(dead_code)] tempfile::TempDir),
    Index(Arc<MeiliEngine>),
}

async fn engines() -> Vec<(Arc<dyn SearchEngine>, Leftover)> {
    let (tantivy, dir) = common::tantivy();
    let mut all: Vec<(Arc<dyn SearchEngine>, Leftover)> = vec![(tantivy, Leftover::Folder(dir))];
    if let (Ok(url), Ok(key)) = (
        std::env::var("MEILI_URL"),
        std::env::var("MEILI_MASTER_KEY"),
    ) {
        let uid = format!(
            "contract_{}_{}",
            std::process::id(),
            chrono::Utc::now().timestamp_micros()
        );
        let meili = Arc::new(
            MeiliEngine::connect_index(&url, &key, &uid)
                .await
                .expect("Meilisearch from MEILI_URL"),
        );
        all.push((meili.clone(), Leftover::Index(meili)));
    } else {
        eprintln!("MEILI_URL not set: contract runs on the embedded engine only");
    }
    all
}

struct Fixture {
    db: DatabaseConnection,
    titles: BTreeMap<i32, String>,
    _t: common::TestDb,
}

async fn fixture() -> Fixture {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.expect("seed");
    let titles = product::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.title.to_lowercase()))
        .collect();
    Fixture {
        db: t.db.clone(),
        titles,
        _t: t,
    }
}

fn q(text: &str) -> EngineQuery {
    EngineQuery {
        terms: analyze(text),
        prefix_last: true,
        limit: 20,
        ..Default::default()
    }
}

async fn top_titles(f: &Fixture, engine: &dyn SearchEngine, query: EngineQuery) -> Vec<String> {
    let r = engine.search(&query).await.expect("search");
    r.ids.iter().map(|id| f.titles[id].clone()).collect()
}

/// The first result's title contains `needle`.
async fn finds(f: &Fixture, engine: &dyn SearchEngine, query: &str, needle: &str) {
    let titles = top_titles(f, engine, q(query)).await;
    assert!(
        titles.first().is_some_and(|t| t.contains(needle)),
        "{}: {query:?} should find {needle:?} first, got {titles:?}",
        engine.name()
    );
}

/// One of the first results' titles contains `needle`.
async fn finds_among(f: &Fixture, engine: &dyn SearchEngine, query: &str, needle: &str) {
    let titles = top_titles(f, engine, q(query)).await;
    assert!(
        titles.iter().any(|t| t.contains(needle)),
        "{}: {query:?} should find {needle:?}, got {titles:?}",
        engine.name()
    );
}

/// The contract, on every engine: each rebuilt from the same documents,
/// then held to each clause in turn. The clauses read the index as built,
/// except the last but one, which changes a document, and so comes late.
#[tokio::test]
async fn contract() {
    let f = Arc::new(fixture().await);
    let docs = Arc::new(index::all_documents(&f.db).await.unwrap());
    assert!(docs.len() >= 600);
    // The clauses run as their own task per engine, so that a failing one
    // (on either engine) still lets the shared Meilisearch lose the index
    // made for this run before the failure is reported.
    let all = engines().await;
    let mut failed = None;
    for (engine, _) in &all {
        let run = tokio::spawn(clauses(f.clone(), engine.clone(), docs.clone())).await;
        if let Err(e) = run {
            failed.get_or_insert(e);
        }
    }
    for (_, leftover) in all {
        if let Leftover::Index(meili) = leftover {
            meili
                .delete_index()
                .await
                .expect("delete the contract's index");
        }
    }
    if let Some(e) = failed {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn clauses(f: Arc<Fixture>, engine: Arc<dyn SearchEngine>, docs: Arc<Vec<SearchDoc>>) {
    let (f, engine, docs) = (f.as_ref(), engine.as_ref(), docs.as_slice());
    {
        engine.rebuild(docs.to_vec()).await.expect("rebuild");
        assert_eq!(engine.count().await.unwrap(), docs.len() as u64);

        words_are_found_in_either_alphabet_with_typos_and_in_any_form(f, engine).await;
        the_word_being_typed_is_a_prefix_of_what_was_typed(f, engine).await;
        the_title_outranks_the_category_and_the_badge(f, engine).await;
        a_place_in_either_alphabet_is_one_place(engine).await;
        a_place_named_ranks_its_own_listings_first(engine, docs).await;
        facets_narrow_and_their_counts_are_right(engine, docs).await;
        unknown_facet_values_match_nothing_without_an_error(engine).await;
        sorts_order_by_price_and_by_date(engine, docs).await;
        whole_words_come_before_prefixes_in_every_sort(engine, docs).await;
        pages_do_not_overlap_and_add_up(engine).await;
        updates_and_deletions_show_at_once(engine, docs).await;
        nothing_a_buyer_types_breaks_it(engine).await;
    }
}

async fn words_are_found_in_either_alphabet_with_typos_and_in_any_form(
    f: &Fixture,
    engine: &dyn SearchEngine,
) {
    // Transliteration both ways.
    finds(f, engine, "med", "мед").await;
    finds(f, engine, "мед", "мед").await;
    finds(f, engine, "sapun", "сапун").await;
    finds(f, engine, "zhiten", "житен").await;
    finds(f, engine, "Житен хляб", "житен хляб").await;
    // Typos in words of five letters or more.
    finds(f, engine, "сапунн", "сапун").await;
    finds_among(f, engine, "вълнеи", "вълнени").await;
    finds(f, engine, "тиквник", "тиквеник").await;
    // Prefixes while typing, plural and definite forms.
    finds(f, engine, "вълн", "вълн").await;
    finds(f, engine, "чорапите", "чорап").await;
    finds(f, engine, "меда", "мед").await;
    finds(f, engine, "ЧОРАПИ", "чорап").await;
}

/// The last word is matched as a prefix of what was typed (and of its
/// transliteration), not of its stem: the stem of „китен“ (`kitn`) is no
/// prefix of „китеница“ (`kitenitsa`).
async fn the_word_being_typed_is_a_prefix_of_what_was_typed(
    f: &Fixture,
    engine: &dyn SearchEngine,
) {
    for typed in [
        "китен",
        "kiten",
        "китени",
        "Родопска китен",
        "rodopska kiteni",
    ] {
        finds(f, engine, typed, "китениц").await;
    }
}

/// Listings whose title holds the word (or its typo, its other script, its
/// plural and definite forms) fill the first places; a category name or the
/// verified badge does not lift others above them.
async fn the_title_outranks_the_category_and_the_badge(f: &Fixture, engine: &dyn SearchEngine) {
    for (query, needle) in [
        ("сапин", "сапун"),
        ("vosak", "восък"),
        ("saksia", "саксия"),
        ("саксии", "саксия"),
        ("саксията", "саксия"),
        ("lavandula", "лавандула"),
        ("розово масло", "розово масло"),
    ] {
        let having = f.titles.values().filter(|t| t.contains(needle)).count();
        let top = top_titles(f, engine, q(query)).await;
        let first = &top[..having.min(5).min(top.len())];
        assert!(
            having > 0 && first.len() == having.min(5) && first.iter().all(|t| t.contains(needle)),
            "{}: {query:?} should fill its first places with {needle:?}, got {top:?}",
            engine.name()
        );
    }
}

/// A regional centre's name is also every one of its districts' region: a
/// listing in the district named comes before those that only share the
/// region.
async fn a_place_named_ranks_its_own_listings_first(engine: &dyn SearchEngine, docs: &[SearchDoc]) {
    for (place, district) in [
        ("Габрово", "gabrovo"),
        ("Ловеч", "lovech"),
        ("Gabrovo", "gabrovo"),
    ] {
        let own = docs.iter().filter(|d| d.district == district).count();
        let r = engine.search(&q(place)).await.unwrap();
        let districts: Vec<&str> = r
            .ids
            .iter()
            .take(own.min(10))
            .map(|id| docs.iter().find(|d| d.id == *id).unwrap().district.as_str())
            .collect();
        assert!(
            own > 0 && districts.iter().all(|d| *d == district),
            "{}: {place:?} should list {district} first, got {districts:?}",
            engine.name()
        );
    }
}

async fn a_place_in_either_alphabet_is_one_place(engine: &dyn SearchEngine) {
    let cyr = engine.search(&q("Габрово")).await.unwrap();
    let lat = engine.search(&q("Gabrovo")).await.unwrap();
    assert!(cyr.total > 0, "{}", engine.name());
    assert_eq!(cyr.total, lat.total, "{}", engine.name());
    assert!(lat.facets["district"].get("gabrovo").copied().unwrap_or(0) > 0);
}

async fn facets_narrow_and_their_counts_are_right(engine: &dyn SearchEngine, docs: &[SearchDoc]) {
    let all = engine
        .search(&EngineQuery {
            limit: 5,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, docs.len() as u64);
    let food_count = all.facets["category"]["hrani"];
    let mut food = EngineQuery {
        limit: 200,
        ..Default::default()
    };
    food.filters.insert("category".into(), "hrani".into());
    let food_results = engine.search(&food).await.unwrap();
    assert_eq!(food_results.total, food_count, "{}", engine.name());
    assert!(!food_results.facets["category"].contains_key("tekstil"));
    let leaves: u64 = ["med", "hlyab", "zimnina", "bilki", "mlechni", "sladkarstvo"]
        .iter()
        .map(|c| {
            food_results.facets["category"]
                .get(*c)
                .copied()
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(leaves, food_count);
    food.filters.insert("centre".into(), "varna".into());
    let narrower = engine.search(&food).await.unwrap();
    assert!(narrower.total < food_count && narrower.total > 0);
    assert_eq!(narrower.facets["centre"].len(), 1);
    let verified: u64 = all.facets["verified"].values().sum();
    assert_eq!(verified, docs.len() as u64);
}

async fn unknown_facet_values_match_nothing_without_an_error(engine: &dyn SearchEngine) {
    let mut unknown = EngineQuery {
        limit: 5,
        ..Default::default()
    };
    unknown
        .filters
        .insert("category".into(), "no-such-category\"'".into());
    assert_eq!(engine.search(&unknown).await.unwrap().total, 0);
}

async fn sorts_order_by_price_and_by_date(engine: &dyn SearchEngine, docs: &[SearchDoc]) {
    let prices = |r: &app::server::search::EngineResults| {
        r.ids
            .iter()
            .map(|id| docs.iter().find(|d| d.id == *id).unwrap().price_cents)
            .collect::<Vec<_>>()
    };
    let asc = engine
        .search(&EngineQuery {
            sort: Sort::PriceAsc,
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        prices(&asc).windows(2).all(|w| w[0] <= w[1]),
        "{}",
        engine.name()
    );
    let desc = engine
        .search(&EngineQuery {
            sort: Sort::PriceDesc,
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(prices(&desc).windows(2).all(|w| w[0] >= w[1]));
    let newest = engine
        .search(&EngineQuery {
            sort: Sort::Newest,
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    let times: Vec<i64> = newest
        .ids
        .iter()
        .map(|id| docs.iter().find(|d| d.id == *id).unwrap().created_at)
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]));
}

/// A submitted „мед“ lists every listing that has the word (or its forms)
/// before those that only have a longer word beginning with it
/// („медицински“, „медальон“), in every sort, across pages; the order asked
/// for holds within each tier.
async fn whole_words_come_before_prefixes_in_every_sort(
    engine: &dyn SearchEngine,
    docs: &[SearchDoc],
) {
    let whole = |d: &SearchDoc| {
        [
            &d.title_plain,
            &d.title_stem,
            &d.meta_plain,
            &d.meta_stem,
            &d.body_plain,
            &d.body_stem,
        ]
        .iter()
        .any(|f| f.split(' ').any(|w| w == "med"))
    };
    let doc = |id: &i32| docs.iter().find(|d| d.id == *id).unwrap();
    for sort in [
        Sort::Relevance,
        Sort::PriceAsc,
        Sort::PriceDesc,
        Sort::Newest,
    ] {
        let mut ids = Vec::new();
        let mut total = 0;
        for offset in (0..).step_by(7) {
            let page = engine
                .search(&EngineQuery {
                    sort,
                    offset,
                    limit: 7,
                    ..q("мед")
                })
                .await
                .unwrap();
            total = page.total;
            if page.ids.is_empty() {
                break;
            }
            ids.extend(page.ids);
        }
        assert_eq!(
            ids.len() as u64,
            total,
            "{} {sort:?}: pages add up",
            engine.name()
        );
        let tiers: Vec<bool> = ids.iter().map(|id| whole(doc(id))).collect();
        let first_prefix = tiers.iter().position(|w| !w).unwrap_or(tiers.len());
        assert!(
            first_prefix >= 5 && first_prefix < tiers.len(),
            "{} {sort:?}: the demo has both kinds: {tiers:?}",
            engine.name()
        );
        assert!(
            tiers[first_prefix..].iter().all(|w| !w),
            "{} {sort:?}: a whole word after a prefix: {tiers:?}",
            engine.name()
        );
        let prices: Vec<i64> = ids.iter().map(|id| doc(id).price_cents).collect();
        for tier in [&prices[..first_prefix], &prices[first_prefix..]] {
            match sort {
                Sort::PriceAsc => assert!(tier.windows(2).all(|w| w[0] <= w[1]), "{tier:?}"),
                Sort::PriceDesc => assert!(tier.windows(2).all(|w| w[0] >= w[1]), "{tier:?}"),
                _ => {}
            }
        }
    }
}

async fn pages_do_not_overlap_and_add_up(engine: &dyn SearchEngine) {
    let p1 = engine
        .search(&EngineQuery {
            sort: Sort::PriceAsc,
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let p2 = engine
        .search(&EngineQuery {
            sort: Sort::PriceAsc,
            offset: 10,
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(p1.total, p2.total);
    assert!(p1.ids.iter().all(|id| !p2.ids.contains(id)));
}

/// Deletes a document and puts it back renamed: this changes the index,
/// so it comes after the clauses that read it as built.
async fn updates_and_deletions_show_at_once(engine: &dyn SearchEngine, docs: &[SearchDoc]) {
    let victim = engine.search(&q("тиквеник")).await.unwrap().ids[0];
    engine.apply(vec![], vec![victim]).await.unwrap();
    assert!(
        !engine
            .search(&q("тиквеник"))
            .await
            .unwrap()
            .ids
            .contains(&victim)
    );
    let mut doc = docs.iter().find(|d| d.id == victim).unwrap().clone();
    let (plain, stem) = app::server::search::document::text_fields("Прасковено сладко");
    doc.title_plain = plain;
    doc.title_stem = stem;
    engine.apply(vec![doc], vec![]).await.unwrap();
    assert_eq!(
        engine.search(&q("praskoveno")).await.unwrap().ids.first(),
        Some(&victim)
    );
    assert_eq!(engine.count().await.unwrap(), docs.len() as u64);
}

async fn nothing_a_buyer_types_breaks_it(engine: &dyn SearchEngine) {
    for nasty in [
        "",
        "   ",
        "\"",
        "'\"(",
        "*?~^",
        "🍯🍯",
        "a AND b OR NOT c",
        "' OR 1=1 --",
        "категория = \"x\"",
    ] {
        engine
            .search(&q(nasty))
            .await
            .unwrap_or_else(|e| panic!("{}: {nasty:?}: {e}", engine.name()));
    }
}
