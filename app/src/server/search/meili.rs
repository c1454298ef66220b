//! The production engine: Meilisearch through meilisearch-sdk.
//!
//! The application applies the index settings on start and waits for the
//! tasks; documents carry the same analysed fields the embedded engine gets,
//! and queries are sent analysed too, so Meilisearch's own typo tolerance
//! and prefix search work on the transliterated, stemmed words.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use meilisearch_sdk::client::{Client, SwapIndexes};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::Selectors;
use meilisearch_sdk::settings::{MinWordSizeForTypos, Settings, TypoToleranceSettings};
use meilisearch_sdk::task_info::TaskInfo;
use serde::Deserialize;

use super::{EngineQuery, EngineResults, FACETS, SearchDoc, SearchEngine, SearchError, Sort};

/// The index name unless `MEILI_INDEX` names another.
pub const DEFAULT_INDEX: &str = "products";
const TASK_TIMEOUT: Duration = Duration::from_secs(600);

pub struct MeiliEngine {
    client: Client,
    index_uid: String,
}

fn unavailable(e: impl std::fmt::Display) -> SearchError {
    SearchError::Unavailable(e.to_string())
}

fn settings() -> Settings {
    Settings::new()
        // Order is ranking weight: title first, then category/tags/enterprise, then description.
        .with_searchable_attributes([
            "title_plain",
            "title_stem",
            "meta_plain",
            "meta_stem",
            "body_plain",
            "body_stem",
        ])
        .with_filterable_attributes([
            "category",
            "centre",
            "district",
            "network",
            "verified",
            "availability",
            "impact",
            "price",
            "price_cents",
        ])
        .with_sortable_attributes(["price_cents", "created_at"])
        // Whole words before typos and prefixes in every sort (exactness
        // before sort), as the embedded engine's two tiers; the asked order
        // next, and relevance within it; the verified badge breaks ties.
        .with_ranking_rules([
            "words",
            "typo",
            "exactness",
            "sort",
            "proximity",
            "attribute",
            "verified_rank:desc",
        ])
        .with_typo_tolerance(TypoToleranceSettings {
            enabled: Some(true),
            disable_on_attributes: None,
            disable_on_words: None,
            // Typos are tolerated in words of five letters or more.
            min_word_size_for_typos: Some(MinWordSizeForTypos {
                one_typo: Some(5),
                two_typos: Some(9),
            }),
            disable_on_numbers: Some(true),
        })
        // Both spellings of a word are already one after analysis; these
        // cover the common Latin spellings that differ from the official one.
        .with_synonyms(HashMap::from([
            ("sapoun".to_string(), vec!["sapun".to_string()]),
            ("tchorapi".to_string(), vec!["chorapi".to_string()]),
            ("jiten".to_string(), vec!["zhiten".to_string()]),
        ]))
}

/// A Meilisearch document: the shared fields plus a numeric verified rank
/// for the custom ranking rule.
#[derive(serde::Serialize)]
struct MeiliDoc<'a> {
    #[serde(flatten)]
    doc: &'a SearchDoc,
    verified_rank: u8,
}

#[derive(Deserialize)]
struct Hit {
    id: i32,
}

impl MeiliEngine {
    /// Deletes this engine's index (a test's own, once it is done with it).
    ///
    /// # Errors
    /// Meilisearch does not answer or refuses.
    pub async fn delete_index(&self) -> Result<(), SearchError> {
        let task = self.index().delete().await.map_err(unavailable)?;
        self.wait(task).await
    }

    /// Connects to the index `index` (`MEILI_INDEX`, so that installs or
    /// test runs can share one Meilisearch) and applies its settings,
    /// waiting for Meilisearch to finish them.
    ///
    /// # Errors
    /// Meilisearch does not answer or refuses the key.
    pub async fn connect_index(
        url: &str,
        key: &str,
        index: &str,
    ) -> Result<MeiliEngine, SearchError> {
        let client = Client::new(url, Some(key)).map_err(unavailable)?;
        client.health().await.map_err(unavailable)?;
        let engine = MeiliEngine {
            client,
            index_uid: index.to_string(),
        };
        engine.configure(&engine.index()).await?;
        Ok(engine)
    }

    fn index(&self) -> Index {
        self.client.index(&self.index_uid)
    }

    async fn wait(&self, task: TaskInfo) -> Result<(), SearchError> {
        let task = task
            .wait_for_completion(
                &self.client,
                Some(Duration::from_millis(50)),
                Some(TASK_TIMEOUT),
            )
            .await
            .map_err(unavailable)?;
        if task.is_failure() {
            return Err(SearchError::Engine(format!("{:?}", task.unwrap_failure())));
        }
        Ok(())
    }

    async fn configure(&self, index: &Index) -> Result<(), SearchError> {
        let task = self
            .client
            .create_index(&index.uid, Some("id"))
            .await
            .map_err(unavailable)?;
        // "index already exists" is fine.
        let _ = task
            .wait_for_completion(
                &self.client,
                Some(Duration::from_millis(50)),
                Some(TASK_TIMEOUT),
            )
            .await;
        let task = index.set_settings(&settings()).await.map_err(unavailable)?;
        self.wait(task).await
    }

    fn filter(q: &EngineQuery) -> String {
        q.filters
            .iter()
            .map(|(facet, value)| {
                let field = if FACETS.contains(&facet.as_str()) {
                    facet.as_str()
                } else {
                    "unknown_facet"
                };
                if facet == "verified" {
                    format!("{field} = {}", value == "yes")
                } else {
                    // Quoted, with quotes and backslashes escaped: values come from users.
                    format!(
                        "{field} = \"{}\"",
                        value.replace('\\', "\\\\").replace('"', "\\\"")
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

#[async_trait::async_trait]
impl SearchEngine for MeiliEngine {
    fn name(&self) -> &'static str {
        "meilisearch"
    }

    async fn health(&self) -> Result<(), SearchError> {
        self.client.health().await.map(|_| ()).map_err(unavailable)
    }

    async fn apply(&self, upserts: Vec<SearchDoc>, deletes: Vec<i32>) -> Result<(), SearchError> {
        let index = self.index();
        if !upserts.is_empty() {
            let docs: Vec<MeiliDoc> = upserts
                .iter()
                .map(|d| MeiliDoc {
                    doc: d,
                    verified_rank: u8::from(d.verified),
                })
                .collect();
            let task = index
                .add_or_replace(&docs, Some("id"))
                .await
                .map_err(unavailable)?;
            self.wait(task).await?;
        }
        if !deletes.is_empty() {
            let task = index
                .delete_documents(&deletes)
                .await
                .map_err(unavailable)?;
            self.wait(task).await?;
        }
        Ok(())
    }

    async fn search(&self, q: &EngineQuery) -> Result<EngineResults, SearchError> {
        let index = self.index();
        let text = query_text(q);
        let filter = Self::filter(q);
        let sort: &[&str] = match q.sort {
            Sort::Relevance if q.terms.is_empty() => &["created_at:desc"],
            Sort::Relevance => &[],
            Sort::PriceAsc => &["price_cents:asc"],
            Sort::PriceDesc => &["price_cents:desc"],
            Sort::Newest => &["created_at:desc"],
        };
        let mut search = index.search();
        search
            .with_query(&text)
            .with_offset(q.offset)
            .with_limit(q.limit)
            .with_facets(Selectors::Some(&FACETS))
            .with_attributes_to_retrieve(Selectors::Some(&["id"]));
        if !filter.is_empty() {
            search.with_filter(&filter);
        }
        if !sort.is_empty() {
            search.with_sort(sort);
        }
        let results = search.execute::<Hit>().await.map_err(unavailable)?;
        let facets: BTreeMap<String, BTreeMap<String, u64>> = FACETS
            .iter()
            .map(|f| {
                let counts = results
                    .facet_distribution
                    .as_ref()
                    .and_then(|d| d.get(*f))
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| {
                                let key = match (*f, k.as_str()) {
                                    ("verified", "true") => "yes".to_string(),
                                    ("verified", "false") => "no".to_string(),
                                    _ => k.clone(),
                                };
                                (key, *v as u64)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                (f.to_string(), counts)
            })
            .collect();
        Ok(EngineResults {
            total: results
                .estimated_total_hits
                .or(results.total_hits)
                .unwrap_or(0) as u64,
            ids: results.hits.into_iter().map(|h| h.result.id).collect(),
            facets,
        })
    }

    async fn rebuild(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError> {
        let staging_uid = format!(
            "{}_rebuild_{}",
            self.index_uid,
            chrono::Utc::now().timestamp()
        );
        let staging = self.client.index(&staging_uid);
        self.configure(&staging).await?;
        for chunk in docs.chunks(5_000) {
            let batch: Vec<MeiliDoc> = chunk
                .iter()
                .map(|d| MeiliDoc {
                    doc: d,
                    verified_rank: u8::from(d.verified),
                })
                .collect();
            let task = staging
                .add_or_replace(&batch, Some("id"))
                .await
                .map_err(unavailable)?;
            self.wait(task).await?;
        }
        let swap = SwapIndexes {
            indexes: (self.index_uid.clone(), staging_uid.clone()),
            rename: None,
        };
        let task = self
            .client
            .swap_indexes([&swap])
            .await
            .map_err(unavailable)?;
        self.wait(task).await?;
        let task = self
            .client
            .index(&staging_uid)
            .delete()
            .await
            .map_err(unavailable)?;
        self.wait(task).await
    }

    async fn count(&self) -> Result<u64, SearchError> {
        let stats = self.index().get_stats().await.map_err(unavailable)?;
        Ok(stats.number_of_documents as u64)
    }
}

/// The words Meilisearch is sent: each word's stem, so that plural and
/// definite forms meet; but Meilisearch matches the last word as a prefix,
/// and a stem that rewrote the word's end is no prefix of it (`китен` stems
/// to `kitn`, which does not begin `kitenitsa`), so the last word goes as
/// typed (transliterated) unless its stem is a plain prefix of it.
fn query_text(q: &EngineQuery) -> String {
    let last = q.terms.len().saturating_sub(1);
    q.terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i == last && q.prefix_last && !t.plain.starts_with(&t.stem) {
                t.plain.as_str()
            } else {
                t.stem.as_str()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    fn sent(text: &str, prefix_last: bool) -> String {
        query_text(&EngineQuery {
            terms: analyze(text),
            prefix_last,
            ..Default::default()
        })
    }

    #[test]
    fn the_word_being_typed_goes_as_typed_when_its_stem_is_no_prefix_of_it() {
        assert_eq!(sent("Родопска китен", true), "rodopsk kiten");
        assert_eq!(sent("kiten", true), "kiten");
        // A stem that only cut the end is a prefix: it finds every form.
        assert_eq!(sent("чорапите", true), "chorap");
        assert_eq!(sent("меда", true), "med");
        // A submitted search with nothing being typed: stems throughout.
        assert_eq!(sent("китен", false), "kitn");
    }
}
