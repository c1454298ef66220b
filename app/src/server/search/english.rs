//! English words for search: what an enterprise wrote in English (a
//! product's optional English title and description) and the categories'
//! English names get English stems (Snowball's English stemmer, as tantivy
//! ships it), and so do the Latin words an English reader types: "dresses"
//! and "dress" meet as `dress`, "honey" finds the honey category.
//!
//! The Bulgarian analysis ([`crate::text::analyze`]) reads a Latin word as
//! transliterated Bulgarian; both are kept in the documents, and a query
//! uses the one of the reader's language, so each finds its own.

use std::cell::RefCell;

use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer, TokenStream, WhitespaceTokenizer};

use crate::i18n::Locale;
use crate::text::{Term, analyze};

thread_local! {
    static STEMMER: RefCell<TextAnalyzer> = RefCell::new(
        TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build(),
    );
}

/// The English stem of one lowercase word.
fn stem(word: &str) -> String {
    STEMMER.with(|a| {
        let mut analyzer = a.borrow_mut();
        let mut stream = analyzer.token_stream(word);
        if stream.advance() {
            stream.token().text.clone()
        } else {
            word.to_string()
        }
    })
}

/// Like [`analyze`], with English stems for Latin words; a Cyrillic word
/// keeps its Bulgarian forms.
pub fn analyze_en(text: &str) -> Vec<Term> {
    // "women's" is one word ("womens", stemmed "women"), not "women" and "s".
    let text: String = text.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            let cyrillic = w
                .chars()
                .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ѝ' | 'ѐ'));
            analyze(w).into_iter().map(move |t| {
                if cyrillic {
                    t
                } else {
                    Term {
                        stem: stem(&t.plain),
                        plain: t.plain,
                    }
                }
            })
        })
        .collect()
}

/// The words of a search in the reader's language.
pub fn query_terms(text: &str, locale: Locale) -> Vec<Term> {
    match locale {
        Locale::Bg => analyze(text),
        _ => analyze_en(text),
    }
}

/// (plain, stem) forms of English text, each a space-joined string.
pub fn text_fields_en(text: &str) -> (String, String) {
    super::document::joined(&analyze_en(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        analyze_en(text).into_iter().map(|t| t.stem).collect()
    }

    #[test]
    fn english_forms_meet_and_cyrillic_stays_bulgarian() {
        assert_eq!(stems("Linen dresses"), stems("linen dress"));
        assert_eq!(stems("honey"), stems("Honey"));
        assert_eq!(stems("knitted socks"), ["knit", "sock"]);
        assert_eq!(stems("women's blouse"), stems("womens blouses"));
        // A Cyrillic word among English ones keeps its Bulgarian stem.
        assert_eq!(analyze_en("чорапите")[0], analyze("чорапите")[0]);
        // Plain forms stay as typed, so transliterated Bulgarian still meets.
        assert_eq!(analyze_en("med")[0].plain, "med");
    }
}
