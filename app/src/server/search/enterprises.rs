//! Enterprises found by name: a search for „Синя нишка“ (or `sinya nishka`)
//! shows the enterprise above the products it sells. Names are few (one per
//! enterprise) and change rarely, so they are matched in memory against the
//! names kept with the reference tables, in either script, with no engine:
//! the answer is the same on both engines and while the engine is down.

use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::error::AppResult;
use crate::i18n::Locale;
use crate::models::EnterpriseHit;
use crate::server::catalogue::cards::enterprise_cards;
use crate::server::catalogue::visibility::public_enterprise;
use crate::server::entities::enterprise;
use crate::text::{Term, analyze};

/// At most this many enterprises above the products.
pub const SHOWN: usize = 4;

/// The public enterprises and the search forms of their names' words.
#[derive(Debug, Clone, Default)]
pub struct EnterpriseNames {
    names: Vec<(enterprise::Model, Vec<Term>)>,
}

/// How well a name answers the words: every word whole, or the last one
/// only as the beginning of a longer word (it may still be being typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    Whole,
    Prefix,
}

impl EnterpriseNames {
    /// # Errors
    /// The database's.
    pub async fn load(db: &impl ConnectionTrait) -> Result<EnterpriseNames, sea_orm::DbErr> {
        let names = enterprise::Entity::find()
            .filter(public_enterprise())
            .order_by_asc(enterprise::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|e| {
                let words = analyze(&e.name);
                (e, words)
            })
            .collect();
        Ok(EnterpriseNames { names })
    }

    /// The enterprises whose name holds every word, whole-word fits first,
    /// then by name; at most `limit`, of the given districts when asked.
    fn matching(
        &self,
        words: &[Term],
        districts: Option<&[i32]>,
        limit: usize,
    ) -> Vec<&enterprise::Model> {
        if words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(Fit, &enterprise::Model)> = self
            .names
            .iter()
            .filter(|(e, _)| districts.is_none_or(|d| d.contains(&e.district_id)))
            .filter_map(|(e, name)| fit(words, name).map(|f| (f, e)))
            .collect();
        // Stable: within a fit, the names stay in alphabetical order.
        found.sort_by_key(|(f, _)| *f);
        found.into_iter().take(limit).map(|(_, e)| e).collect()
    }

    /// What the search page shows for these words.
    ///
    /// # Errors
    /// The database's (the product counts).
    pub async fn hits(
        &self,
        db: &impl ConnectionTrait,
        locale: Locale,
        words: &[Term],
        districts: Option<&[i32]>,
    ) -> AppResult<Vec<EnterpriseHit>> {
        let found: Vec<enterprise::Model> = self
            .matching(words, districts, SHOWN)
            .into_iter()
            .cloned()
            .collect();
        if found.is_empty() {
            return Ok(Vec::new());
        }
        let t = locale.tr();
        Ok(enterprise_cards(db, locale, &found)
            .await?
            .into_iter()
            .map(|c| EnterpriseHit {
                products: t.count_products(c.product_count),
                slug: c.slug,
                name: c.name,
                settlement: c.settlement,
                district: c.district,
                verified: c.verified,
            })
            .collect())
    }
}

/// Whether every word is in the name (plain or stemmed); the last may also
/// begin a longer word of it.
fn fit(words: &[Term], name: &[Term]) -> Option<Fit> {
    let last = words.len() - 1;
    let mut fit = Fit::Whole;
    for (i, w) in words.iter().enumerate() {
        let whole = name.iter().any(|n| n.plain == w.plain || n.stem == w.stem);
        if whole {
            continue;
        }
        let begins = i == last
            && w.plain.chars().count() >= 2
            && name.iter().any(|n| n.plain.starts_with(&w.plain));
        if !begins {
            return None;
        }
        fit = Fit::Prefix;
    }
    Some(fit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits(query: &str, name: &str) -> Option<Fit> {
        fit(&analyze(query), &analyze(name))
    }

    #[test]
    fn a_name_is_found_in_either_script_in_any_form_and_while_typed() {
        assert_eq!(fits("Синя нишка", "Синя нишка"), Some(Fit::Whole));
        assert_eq!(fits("sinya nishka", "Синя нишка"), Some(Fit::Whole));
        assert_eq!(fits("НИШКАТА", "Синя нишка"), Some(Fit::Whole));
        assert_eq!(fits("синя ниш", "Синя нишка"), Some(Fit::Prefix));
        // Every word must be there; a prefix only for the last word.
        assert_eq!(fits("синя игла", "Синя нишка"), None);
        assert_eq!(fits("си нишка", "Синя нишка"), None);
        assert_eq!(fits("н", "Синя нишка"), None);
    }
}
