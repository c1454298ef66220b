//! The document both engines index for one product.

use serde::{Deserialize, Serialize};

use crate::text::analyze;

/// One visible product, denormalised for search. Text fields hold analysed
/// words (Latin, lowercase; `*_stem` stemmed), joined by spaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc {
    pub id: i32,
    pub title_plain: String,
    pub title_stem: String,
    /// Category names (both languages), tags, enterprise name, settlement,
    /// district and centre names.
    pub meta_plain: String,
    pub meta_stem: String,
    pub body_plain: String,
    pub body_stem: String,
    /// The leaf category and its ancestors, by slug.
    pub category: Vec<String>,
    pub centre: String,
    pub district: String,
    pub network: Vec<String>,
    pub verified: bool,
    pub availability: String,
    pub impact: Vec<String>,
    pub price_cents: i64,
    pub price: String,
    /// Unix seconds of publication, for "newest".
    pub created_at: i64,
}

/// (plain, stem) forms of a text, each a space-joined string.
pub fn text_fields(text: &str) -> (String, String) {
    joined(&analyze(text))
}

/// Analysed words as (plain, stem) fields, each a space-joined string.
pub fn joined(terms: &[crate::text::Term]) -> (String, String) {
    let plain = terms.iter().map(|t| t.plain.as_str()).collect::<Vec<_>>();
    let stem = terms.iter().map(|t| t.stem.as_str()).collect::<Vec<_>>();
    (plain.join(" "), stem.join(" "))
}
