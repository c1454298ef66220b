//! Search: one trait, two engines. Meilisearch (production, `MEILI_URL`) and
//! an embedded tantivy index (the default). Both receive the same documents,
//! whose text fields the application has already normalised (transliterated
//! to Latin, lowercased, and stemmed — see [`crate::text::analyze`]), and the
//! same normalised query, so that they behave alike; one contract test suite
//! (`server/tests/search_contract.rs`) runs against both.

pub mod document;
pub mod english;
pub mod enterprises;
pub mod index;
pub mod meili;
pub mod query;
pub mod tantivy_engine;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use document::SearchDoc;

/// The facets a search can filter by and count.
pub const FACETS: [&str; 8] = [
    "category",
    "centre",
    "district",
    "network",
    "verified",
    "availability",
    "impact",
    "price",
];

/// Price ranges of the price facet, in euro cents: `[from, to)`.
pub const PRICE_BUCKETS: [(&str, i64, i64); 5] = [
    ("0-5", 0, 500),
    ("5-10", 500, 1000),
    ("10-20", 1000, 2000),
    ("20-50", 2000, 5000),
    ("50-", 5000, i64::MAX),
];

pub fn price_bucket(cents: i64) -> &'static str {
    PRICE_BUCKETS
        .iter()
        .find(|(_, lo, hi)| cents >= *lo && cents < *hi)
        .map(|(name, _, _)| *name)
        .unwrap_or("50-")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Sort {
    #[default]
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        Some(match s {
            "" | "relevance" => Sort::Relevance,
            "price_asc" => Sort::PriceAsc,
            "price_desc" => Sort::PriceDesc,
            "newest" => Sort::Newest,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::PriceAsc => "price_asc",
            Sort::PriceDesc => "price_desc",
            Sort::Newest => "newest",
        }
    }
}

/// A search as the engines see it. Filters hold facet values (slugs); an
/// unknown value simply matches nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EngineQuery {
    /// The buyer's words, analysed: (plain, stem) per word.
    pub terms: Vec<crate::text::Term>,
    /// Whether the last word may still be being typed (prefix match).
    pub prefix_last: bool,
    pub filters: BTreeMap<String, String>,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

/// What an engine answers: the ids of one page in order, the total, and the
/// count of every facet value over all matches.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EngineResults {
    pub total: u64,
    pub ids: Vec<i32>,
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search engine unavailable: {0}")]
    Unavailable(String),
    #[error("search engine error: {0}")]
    Engine(String),
}

#[async_trait::async_trait]
pub trait SearchEngine: Send + Sync {
    /// "tantivy" or "meilisearch".
    fn name(&self) -> &'static str;
    /// Whether the engine answers.
    async fn health(&self) -> Result<(), SearchError>;
    /// Adds or replaces documents and removes the given ids; returns once the
    /// engine has durably applied the change (the outbox relies on that).
    async fn apply(&self, upserts: Vec<SearchDoc>, deletes: Vec<i32>) -> Result<(), SearchError>;
    async fn search(&self, query: &EngineQuery) -> Result<EngineResults, SearchError>;
    /// Replaces the whole index with these documents without a moment of an
    /// empty or partial index: builds a new one, then swaps it in.
    async fn rebuild(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError>;
    /// Number of documents (for health and tests).
    async fn count(&self) -> Result<u64, SearchError>;
}
