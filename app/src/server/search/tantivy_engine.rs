//! The embedded engine: a tantivy index under `DATA_DIR/search`.
//!
//! `DATA_DIR/search/current` names the live index folder and when its build
//! began. A rebuild writes a new folder and then replaces that file
//! atomically; a running server notices the change, switches to the new
//! folder and asks the outbox to replay what it delivered meanwhile.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::Facet;
use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, STRING, Schema, TEXT, Value,
};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument,
    Term, doc,
};

use super::{EngineQuery, EngineResults, FACETS, SearchDoc, SearchEngine, SearchError, Sort};

const WRITER_BUDGET: usize = 64 * 1024 * 1024;
const BULK_WRITER_BUDGET: usize = 256 * 1024 * 1024;

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title_plain: Field,
    title_stem: Field,
    meta_plain: Field,
    meta_stem: Field,
    body_plain: Field,
    body_stem: Field,
    facets: Field,
    category: Field,
    centre: Field,
    district: Field,
    network: Field,
    verified: Field,
    availability: Field,
    impact: Field,
    price: Field,
    price_cents: Field,
    created_at: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let num = NumericOptions::default().set_indexed().set_fast();
    let fields = Fields {
        id: b.add_i64_field("id", num.clone().set_stored()),
        title_plain: b.add_text_field("title_plain", TEXT),
        title_stem: b.add_text_field("title_stem", TEXT),
        meta_plain: b.add_text_field("meta_plain", TEXT),
        meta_stem: b.add_text_field("meta_stem", TEXT),
        body_plain: b.add_text_field("body_plain", TEXT),
        body_stem: b.add_text_field("body_stem", TEXT),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        category: b.add_text_field("category", STRING),
        centre: b.add_text_field("centre", STRING),
        district: b.add_text_field("district", STRING),
        network: b.add_text_field("network", STRING),
        verified: b.add_text_field("verified", STRING),
        availability: b.add_text_field("availability", STRING),
        impact: b.add_text_field("impact", STRING),
        price: b.add_text_field("price", STRING),
        price_cents: b.add_i64_field("price_cents", num.clone()),
        created_at: b.add_i64_field("created_at", num),
    };
    (b.build(), fields)
}

impl Fields {
    fn filter(&self, facet: &str) -> Option<Field> {
        Some(match facet {
            "category" => self.category,
            "centre" => self.centre,
            "district" => self.district,
            "network" => self.network,
            "verified" => self.verified,
            "availability" => self.availability,
            "impact" => self.impact,
            "price" => self.price,
            _ => return None,
        })
    }

    fn document(&self, d: &SearchDoc) -> TantivyDocument {
        let mut doc = doc!(
            self.id => i64::from(d.id),
            self.title_plain => d.title_plain.as_str(),
            self.title_stem => d.title_stem.as_str(),
            self.meta_plain => d.meta_plain.as_str(),
            self.meta_stem => d.meta_stem.as_str(),
            self.body_plain => d.body_plain.as_str(),
            self.body_stem => d.body_stem.as_str(),
            self.centre => d.centre.as_str(),
            self.district => d.district.as_str(),
            self.verified => if d.verified { "yes" } else { "no" },
            self.availability => d.availability.as_str(),
            self.price => d.price.as_str(),
            self.price_cents => d.price_cents,
            self.created_at => d.created_at,
        );
        let mut facet =
            |name: &str, value: &str| doc.add_facet(self.facets, Facet::from_path([name, value]));
        for c in &d.category {
            facet("category", c);
        }
        for n in &d.network {
            facet("network", n);
        }
        for i in &d.impact {
            facet("impact", i);
        }
        facet("centre", &d.centre);
        facet("district", &d.district);
        facet("verified", if d.verified { "yes" } else { "no" });
        facet("availability", &d.availability);
        facet("price", &d.price);
        for c in &d.category {
            doc.add_text(self.category, c);
        }
        for n in &d.network {
            doc.add_text(self.network, n);
        }
        for i in &d.impact {
            doc.add_text(self.impact, i);
        }
        doc
    }
}

struct Live {
    dir: PathBuf,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
}

pub struct TantivyEngine {
    base: PathBuf,
    fields: Fields,
    live: RwLock<Arc<Live>>,
}

fn err(e: impl std::fmt::Display) -> SearchError {
    SearchError::Engine(e.to_string())
}

/// `current` holds "folder-name started-at-unix-seconds".
fn read_pointer(base: &Path) -> Option<(String, i64)> {
    let s = std::fs::read_to_string(base.join("current")).ok()?;
    let mut parts = s.split_whitespace();
    let dir = parts.next()?.to_string();
    let started = parts.next().and_then(|t| t.parse().ok()).unwrap_or(0);
    Some((dir, started))
}

fn write_pointer(base: &Path, dir: &str, started: i64) -> std::io::Result<()> {
    let tmp = base.join("current.tmp");
    std::fs::write(&tmp, format!("{dir} {started}\n"))?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(tmp, base.join("current"))
}

fn open_or_create(dir: &Path) -> Result<Index, SearchError> {
    std::fs::create_dir_all(dir).map_err(err)?;
    let (schema, _) = schema();
    if dir.join("meta.json").exists() {
        Index::open_in_dir(dir).map_err(err)
    } else {
        Index::create_in_dir(dir, schema).map_err(err)
    }
}

fn open_live(dir: PathBuf) -> Result<Live, SearchError> {
    let index = open_or_create(&dir)?;
    let writer = index.writer(WRITER_BUDGET).map_err(err)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(err)?;
    Ok(Live {
        dir,
        reader,
        writer: Mutex::new(writer),
    })
}

fn new_dir_name() -> String {
    format!("index-{}", chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"))
}

impl TantivyEngine {
    /// Opens (or creates) the live index under `base`.
    ///
    /// # Errors
    /// The folder cannot be written, or another process holds the index.
    pub fn open(base: &Path) -> Result<TantivyEngine, SearchError> {
        std::fs::create_dir_all(base).map_err(err)?;
        let dir = match read_pointer(base) {
            Some((dir, _)) => dir,
            None => {
                let dir = new_dir_name();
                write_pointer(base, &dir, 0).map_err(err)?;
                dir
            }
        };
        let live = open_live(base.join(&dir))?;
        let (_, fields) = schema();
        Ok(TantivyEngine {
            base: base.to_path_buf(),
            fields,
            live: RwLock::new(Arc::new(live)),
        })
    }

    fn live(&self) -> Arc<Live> {
        self.live
            .read()
            .map(|l| l.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// Builds a complete index in a new folder and makes it the live one,
    /// without touching the index a running server has open. Used by
    /// `server reindex`; the server switches over by itself.
    ///
    /// # Errors
    /// Writing the folder or the pointer failed; the old index stays live.
    pub fn build_detached(
        base: &Path,
        docs: &[SearchDoc],
        started: i64,
    ) -> Result<(), SearchError> {
        std::fs::create_dir_all(base).map_err(err)?;
        let name = new_dir_name();
        let dir = base.join(&name);
        let index = open_or_create(&dir)?;
        let (_, fields) = schema();
        let mut writer: IndexWriter = index.writer(BULK_WRITER_BUDGET).map_err(err)?;
        for d in docs {
            writer.add_document(fields.document(d)).map_err(err)?;
        }
        writer.commit().map_err(err)?;
        writer.wait_merging_threads().map_err(err)?;
        write_pointer(base, &name, started).map_err(err)
    }

    /// Switches to a newer index another process built. Returns the time
    /// that build started, so that changes delivered since can be replayed.
    ///
    /// # Errors
    /// The new index cannot be opened; the old one stays live.
    pub fn follow_rebuild(&self) -> Result<Option<i64>, SearchError> {
        let Some((dir, started)) = read_pointer(&self.base) else {
            return Ok(None);
        };
        let current = self.live();
        if current.dir == self.base.join(&dir) {
            return Ok(None);
        }
        let live = open_live(self.base.join(&dir))?;
        let old = {
            let mut guard = self.live.write().unwrap_or_else(|p| p.into_inner());
            std::mem::replace(&mut *guard, Arc::new(live))
        };
        remove_when_unused(old);
        Ok(Some(started))
    }

    /// The query for `q`; with `whole_words_only`, without the typo and
    /// prefix variants of its words (the first tier, see [`Self::run`]).
    fn query(&self, q: &EngineQuery, whole_words_only: bool) -> Box<dyn Query> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if q.terms.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        } else {
            let last = q.terms.len() - 1;
            for (i, t) in q.terms.iter().enumerate() {
                let mut word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                let mut add = |field: Field, text: &str, boost: f32| {
                    let term = Term::from_field_text(field, text);
                    let q = TermQuery::new(term, IndexRecordOption::WithFreqs);
                    word.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                };
                add(f.title_plain, &t.plain, 5.0);
                add(f.title_stem, &t.stem, 4.0);
                add(f.meta_plain, &t.plain, 2.0);
                add(f.meta_stem, &t.stem, 2.0);
                add(f.body_plain, &t.plain, 1.0);
                add(f.body_stem, &t.stem, 1.0);
                let letters = t.plain.chars().count();
                if letters >= 5 && !whole_words_only {
                    for (field, boost) in [
                        (f.title_plain, 0.6),
                        (f.meta_plain, 0.3),
                        (f.body_plain, 0.2),
                    ] {
                        let fuzzy =
                            FuzzyTermQuery::new(Term::from_field_text(field, &t.plain), 1, true);
                        word.push((
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(fuzzy), boost)),
                        ));
                    }
                }
                if i == last && q.prefix_last && letters >= 2 && !whole_words_only {
                    for (field, boost) in [
                        (f.title_plain, 0.8),
                        (f.meta_plain, 0.4),
                        (f.body_plain, 0.2),
                    ] {
                        let prefix = FuzzyTermQuery::new_prefix(
                            Term::from_field_text(field, &t.plain),
                            0,
                            true,
                        );
                        word.push((
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(prefix), boost)),
                        ));
                    }
                }
                clauses.push((Occur::Must, Box::new(BooleanQuery::new(word))));
            }
            // The verified badge only breaks ties: a bonus far below any
            // difference in relevance (Meilisearch's last ranking rule).
            let verified = TermQuery::new(
                Term::from_field_text(f.verified, "yes"),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(verified), 0.001)),
            ));
        }
        for (facet, value) in &q.filters {
            let clause: Box<dyn Query> = match f.filter(facet) {
                Some(field) => Box::new(TermQuery::new(
                    Term::from_field_text(field, value),
                    IndexRecordOption::Basic,
                )),
                // An unknown facet matches nothing rather than everything.
                None => Box::new(TermQuery::new(
                    Term::from_field_text(f.category, "\u{0}"),
                    IndexRecordOption::Basic,
                )),
            };
            clauses.push((Occur::Must, clause));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Whether some word of `q` also matches with a typo or as a prefix, so
    /// that the whole-word matches form a tier of their own.
    fn has_loose_words(q: &EngineQuery) -> bool {
        let last = q.terms.len().saturating_sub(1);
        q.terms.iter().enumerate().any(|(i, t)| {
            let letters = t.plain.chars().count();
            letters >= 5 || (i == last && q.prefix_last && letters >= 2)
        })
    }

    /// One page of `query`'s matches in `sort` order.
    fn page(
        searcher: &Searcher,
        query: &dyn Query,
        sort: Sort,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<DocAddress>, SearchError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let top = TopDocs::with_limit(limit).and_offset(offset);
        Ok(match sort {
            Sort::Relevance => searcher
                .search(query, &top.order_by_score())
                .map_err(err)?
                .into_iter()
                .map(|(_, a)| a)
                .collect(),
            Sort::PriceAsc | Sort::PriceDesc | Sort::Newest => {
                let (field, order) = match sort {
                    Sort::PriceAsc => ("price_cents", Order::Asc),
                    Sort::PriceDesc => ("price_cents", Order::Desc),
                    _ => ("created_at", Order::Desc),
                };
                searcher
                    .search(query, &top.order_by_fast_field::<i64>(field, order))
                    .map_err(err)?
                    .into_iter()
                    .map(|(_, a)| a)
                    .collect()
            }
        })
    }

    /// Matches come in two tiers, each in the asked order: those where every
    /// word matched whole (or by its stem) first, then those where a word
    /// matched only with a typo or as the beginning of a longer word. So a
    /// search for „мед“ sorted by price lists honey before the cheaper
    /// „медицински“ service; the prefix serves the word being typed, never
    /// ahead of whole words. Totals and facet counts cover both tiers.
    fn run(&self, searcher: &Searcher, q: &EngineQuery) -> Result<EngineResults, SearchError> {
        let query = self.query(q, false);
        let mut fc = FacetCollector::for_field("facets");
        for facet in FACETS {
            fc.add_facet(Facet::from_path([facet]));
        }
        let sort = match q.sort {
            Sort::Relevance if q.terms.is_empty() => Sort::Newest,
            s => s,
        };
        let limit = q.limit.max(1);
        let (total, facet_counts) = searcher.search(&query, &(Count, fc)).map_err(err)?;
        let addresses = if Self::has_loose_words(q) {
            let whole = self.query(q, true);
            let whole_total = whole.count(searcher).map_err(err)?;
            let mut page = if q.offset < whole_total {
                Self::page(searcher, whole.as_ref(), sort, q.offset, limit)?
            } else {
                Vec::new()
            };
            let rest = BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (Occur::MustNot, whole),
            ]);
            let rest_offset = q.offset.saturating_sub(whole_total);
            page.extend(Self::page(
                searcher,
                &rest,
                sort,
                rest_offset,
                limit - page.len(),
            )?);
            page
        } else {
            Self::page(searcher, query.as_ref(), sort, q.offset, limit)?
        };
        let mut ids = Vec::with_capacity(addresses.len());
        for addr in addresses {
            let doc: TantivyDocument = searcher.doc(addr).map_err(err)?;
            if let Some(id) = doc.get_first(self.fields.id).and_then(|v| v.as_i64()) {
                ids.push(id as i32);
            }
        }
        let mut facets = BTreeMap::new();
        for facet in FACETS {
            let counts: BTreeMap<String, u64> = facet_counts
                .get(&format!("/{facet}"))
                .filter_map(|(f, n)| f.to_path().last().map(|v| (v.to_string(), n)))
                .collect();
            facets.insert(facet.to_string(), counts);
        }
        Ok(EngineResults {
            total: total as u64,
            ids,
            facets,
        })
    }
}

/// Deletes a replaced index folder once no search holds it any more.
fn remove_when_unused(old: Arc<Live>) {
    std::thread::spawn(move || {
        let mut old = old;
        loop {
            match Arc::try_unwrap(old) {
                Ok(live) => {
                    let dir = live.dir.clone();
                    drop(live);
                    let _ = std::fs::remove_dir_all(dir);
                    return;
                }
                Err(still_shared) => {
                    old = still_shared;
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
            }
        }
    });
}

#[async_trait::async_trait]
impl SearchEngine for TantivyEngine {
    fn name(&self) -> &'static str {
        "tantivy"
    }

    async fn health(&self) -> Result<(), SearchError> {
        self.live().reader.searcher();
        Ok(())
    }

    async fn apply(&self, upserts: Vec<SearchDoc>, deletes: Vec<i32>) -> Result<(), SearchError> {
        let live = self.live();
        let fields = self.fields;
        tokio::task::spawn_blocking(move || {
            let mut writer = live
                .writer
                .lock()
                .map_err(|_| SearchError::Engine("writer lock poisoned".into()))?;
            for id in deletes.iter().copied().chain(upserts.iter().map(|d| d.id)) {
                writer.delete_term(Term::from_field_i64(fields.id, i64::from(id)));
            }
            for d in &upserts {
                writer.add_document(fields.document(d)).map_err(err)?;
            }
            // The commit is durable (fsync) before the outbox row goes.
            writer.commit().map_err(err)?;
            live.reader.reload().map_err(err)
        })
        .await
        .map_err(err)?
    }

    async fn search(&self, query: &EngineQuery) -> Result<EngineResults, SearchError> {
        let searcher = self.live().reader.searcher();
        self.run(&searcher, query)
    }

    async fn rebuild(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError> {
        let base = self.base.clone();
        let started = chrono::Utc::now().timestamp();
        tokio::task::spawn_blocking(move || TantivyEngine::build_detached(&base, &docs, started))
            .await
            .map_err(err)??;
        self.follow_rebuild().map(|_| ())
    }

    async fn count(&self) -> Result<u64, SearchError> {
        Ok(self.live().reader.searcher().num_docs())
    }
}
