//! Searching the catalogue: validates the parameters, asks the engine, and
//! turns ids and facet counts into what the page and the API show. When the
//! engine does not answer, the database answers instead (simpler matching,
//! no facet counts) and the page says so.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::domain::Availability;
use crate::domain::ImpactGroup;
use crate::error::Problem;
use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Locale;
use crate::models::{FacetGroup, FacetValue, SearchHit, SearchPage, SearchParams};
use crate::server::catalogue::cards::product_cards;
use crate::server::catalogue::visibility::{public_product, visible_products_by_ids};
use crate::server::entities::*;
use crate::server::search::english;
use crate::server::search::enterprises::EnterpriseNames;
use crate::server::search::{EngineQuery, FACETS, SearchEngine, Sort};
use crate::text::Term;

/// Checks and completes parameters; an API caller gets these refusals as a 400.
///
/// # Errors
/// [`AppError::Invalid`] for an unknown sort, a page or page size out of range.
pub fn validate(mut p: SearchParams) -> AppResult<SearchParams> {
    let mut errors = Vec::new();
    if p.q.chars().count() > SearchParams::MAX_QUERY_CHARS {
        p.q = p.q.chars().take(SearchParams::MAX_QUERY_CHARS).collect();
    }
    p.q = p.q.trim().to_string();
    if Sort::parse(&p.sort).is_none() {
        errors.push(FieldError {
            field: "sort".into(),
            code: Problem::UnknownSort,
            message: String::new(),
        });
    }
    if p.page == 0 {
        p.page = 1;
    }
    if p.page > SearchParams::MAX_PAGE {
        errors.push(FieldError {
            field: "page".into(),
            code: Problem::PageOutOfRange,
            message: String::new(),
        });
    }
    if p.per_page == 0 {
        p.per_page = SearchParams::DEFAULT_PER_PAGE;
    }
    if p.per_page > SearchParams::MAX_PER_PAGE {
        errors.push(FieldError {
            field: "per_page".into(),
            code: Problem::PerPageOutOfRange,
            message: String::new(),
        });
    }
    if errors.is_empty() {
        Ok(p)
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Like [`validate`] but never refuses: what is out of range falls back to a
/// default, so that a hand-edited address still shows a page.
pub fn lenient(mut p: SearchParams) -> SearchParams {
    if Sort::parse(&p.sort).is_none() {
        p.sort = String::new();
    }
    p.page = p.page.clamp(1, SearchParams::MAX_PAGE);
    if p.per_page == 0 || p.per_page > SearchParams::MAX_PER_PAGE {
        p.per_page = SearchParams::DEFAULT_PER_PAGE;
    }
    validate(p).unwrap_or_default()
}

fn query_terms(q: &str, locale: Locale) -> Vec<Term> {
    // Ten words are plenty for a product search and keep the query cheap.
    english::query_terms(q, locale)
        .into_iter()
        .take(10)
        .collect()
}

fn edit_distance_at_most_one(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        if i + 1 < a.len() && j + 1 < b.len() && a[i] == b[j + 1] && a[i + 1] == b[j] {
            i += 2;
            j += 2;
        } else if a.len() > b.len() {
            i += 1;
        } else if b.len() > a.len() {
            j += 1;
        } else {
            i += 1;
            j += 1;
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// Cuts a text into pieces, marking the words that match the query the way
/// the engines match them (same word, same stem, prefix of the last word,
/// one typo in a word of five letters or more).
pub fn highlight(text: &str, terms: &[Term], locale: Locale) -> Vec<(String, bool)> {
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut word = String::new();
    let push = |pieces: &mut Vec<(String, bool)>, s: &str, marked: bool| match pieces.last_mut() {
        Some((last, m)) if *m == marked => last.push_str(s),
        _ => pieces.push((s.to_string(), marked)),
    };
    let matches = |w: &str| {
        english::query_terms(w, locale).first().is_some_and(|t| {
            terms.iter().enumerate().any(|(i, q)| {
                t.plain == q.plain
                    || t.stem == q.stem
                    || (i + 1 == terms.len()
                        && q.plain.chars().count() >= 2
                        && t.plain.starts_with(&q.plain))
                    || (q.plain.chars().count() >= 5
                        && edit_distance_at_most_one(&t.plain, &q.plain))
            })
        })
    };
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            word.push(ch);
        } else {
            if !word.is_empty() {
                let m = matches(&word);
                push(&mut pieces, &word, m);
                word.clear();
            }
            push(&mut pieces, &ch.to_string(), false);
        }
    }
    if !word.is_empty() {
        let m = matches(&word);
        push(&mut pieces, &word, m);
    }
    pieces
}

/// Runs a search and builds the page. Parameters must have been validated.
///
/// # Errors
/// A database error; an engine failure is not one (the database answers).
pub async fn search(
    db: &impl ConnectionTrait,
    engine: &dyn SearchEngine,
    reference: &Reference,
    locale: Locale,
    mut params: SearchParams,
) -> AppResult<SearchPage> {
    // A former category address finds the category it leads to (the page
    // itself is redirected first, see the server's `web.rs`).
    if let Some(live) = params
        .category
        .as_deref()
        .and_then(|c| reference.moved_category(c))
    {
        params.category = Some(live.to_string());
    }
    let terms = query_terms(&params.q, locale);
    let offset = ((params.page - 1) * params.per_page) as usize;
    let eq = EngineQuery {
        terms: terms.clone(),
        prefix_last: true,
        filters: params
            .filters()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        sort: Sort::parse(&params.sort).unwrap_or_default(),
        offset,
        limit: params.per_page as usize,
    };
    let (total, ids, counts, degraded) = match engine.search(&eq).await {
        Ok(r) => (r.total, r.ids, r.facets, false),
        Err(e) => {
            tracing::warn!(error = %e, "search engine failed; answering from the database");
            let (total, ids) = database_search(db, &params, &eq).await?;
            (total, ids, BTreeMap::new(), true)
        }
    };
    let products = visible_products_by_ids(db, &ids).await?;
    let mut cards: HashMap<i32, _> = product_cards(db, locale, products)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    // Keep the engine's order; skip ids the database no longer shows.
    let hits = ids
        .iter()
        .filter_map(|id| cards.remove(id))
        .map(|product| SearchHit {
            title_marks: highlight(&product.title, &terms, locale),
            product,
        })
        .collect();
    let facets = facet_groups(db, reference, locale, &params, counts).await?;
    // Enterprises named by the words, above the first page of products.
    let enterprises = if params.page == 1 {
        let districts = reference.place_districts(&params);
        // Names are Bulgarian (in either script) on every page.
        reference
            .enterprises
            .hits(
                db,
                locale,
                &query_terms(&params.q, Locale::Bg),
                districts.as_deref(),
            )
            .await?
    } else {
        Vec::new()
    };
    let pages = total
        .div_ceil(u64::from(params.per_page))
        .min(u64::from(SearchParams::MAX_PAGE)) as u32;
    Ok(SearchPage {
        params,
        total,
        count_text: locale.tr().count_results(total),
        pages,
        hits,
        enterprises,
        facets,
        degraded,
    })
}

/// The reference tables behind facet labels: categories, centres and
/// districts, kept per catalogue generation (see `AppState::reference`;
/// networks, which curators create, are read every time).
#[derive(Debug, Clone)]
pub struct Reference {
    categories: Vec<category::Model>,
    centres: Vec<regional_centre::Model>,
    districts: Vec<district::Model>,
    /// Former category addresses and the live address each leads to.
    moved: HashMap<String, String>,
    /// The public enterprises' names, to find them by name.
    enterprises: EnterpriseNames,
}

impl Reference {
    /// # Errors
    /// The database's.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Reference, sea_orm::DbErr> {
        let categories = category::Entity::find()
            .order_by_asc(category::Column::Position)
            .all(db)
            .await?;
        let redirects = crate::server::entities::category_redirect::Entity::find()
            .all(db)
            .await?;
        Ok(Reference {
            moved: moved_categories(&categories, redirects),
            categories,
            centres: regional_centre::Entity::find().all(db).await?,
            districts: district::Entity::find().all(db).await?,
            enterprises: EnterpriseNames::load(db).await?,
        })
    }

    /// The districts a place filter keeps (a district, or a centre's
    /// districts), or `None` when the search has no place filter.
    fn place_districts(&self, params: &SearchParams) -> Option<Vec<i32>> {
        if let Some(slug) = params.district.as_deref().filter(|s| !s.is_empty()) {
            return Some(
                self.districts
                    .iter()
                    .filter(|d| d.slug == slug)
                    .map(|d| d.id)
                    .collect(),
            );
        }
        let centre = params.centre.as_deref().filter(|s| !s.is_empty())?;
        let centre = self.centres.iter().find(|c| c.slug == centre).map(|c| c.id);
        Some(
            self.districts
                .iter()
                .filter(|d| Some(d.centre_id) == centre)
                .map(|d| d.id)
                .collect(),
        )
    }

    /// The live address of a category formerly at `slug`, if it moved.
    pub fn moved_category(&self, slug: &str) -> Option<&str> {
        self.moved.get(slug).map(String::as_str)
    }
}

/// Each former address and the live address it leads to; a live
/// category's own address is never sent elsewhere.
fn moved_categories(
    live: &[category::Model],
    redirects: Vec<crate::server::entities::category_redirect::Model>,
) -> HashMap<String, String> {
    redirects
        .into_iter()
        .filter(|r| !live.iter().any(|c| c.slug == r.old_slug))
        .filter_map(|r| {
            let to = live.iter().find(|c| c.id == r.category_id)?;
            Some((r.old_slug, to.slug.clone()))
        })
        .collect()
}

async fn facet_groups(
    db: &impl ConnectionTrait,
    reference: &Reference,
    locale: Locale,
    params: &SearchParams,
    counts: BTreeMap<String, BTreeMap<String, u64>>,
) -> AppResult<Vec<FacetGroup>> {
    let selected: HashMap<&str, &str> = params.filters().into_iter().collect();
    let mut labels: HashMap<(&str, String), String> = HashMap::new();
    let categories = &reference.categories;
    let selected_root = selected.get("category").and_then(|s| {
        let c = categories.iter().find(|c| c.slug == *s)?;
        Some(c.parent_id.unwrap_or(c.id))
    });
    // Category: the roots, and the children of the chosen branch.
    let category_order: Vec<String> = categories
        .iter()
        .filter(|c| c.parent_id.is_none() || c.parent_id == selected_root)
        .map(|c| c.slug.clone())
        .collect();
    for c in categories {
        labels.insert(
            ("category", c.slug.clone()),
            locale.stored(&c.name_bg, &c.name_en).to_string(),
        );
    }
    for c in &reference.centres {
        labels.insert(
            ("centre", c.slug.clone()),
            locale.stored(&c.city_bg, &c.city_en).to_string(),
        );
    }
    for d in &reference.districts {
        labels.insert(
            ("district", d.slug.clone()),
            locale.stored(&d.name_bg, &d.name_en).to_string(),
        );
    }
    for n in network::Entity::find().all(db).await? {
        labels.insert(("network", n.slug.clone()), n.name.clone());
    }
    let t = locale.tr();
    let mut groups = Vec::new();
    for facet in FACETS {
        let counts = counts.get(facet).cloned().unwrap_or_default();
        let mut values: Vec<FacetValue> = counts
            .into_iter()
            .filter(|(v, _)| facet != "category" || category_order.contains(v))
            .map(|(value, count)| {
                let label = match facet {
                    "verified" => {
                        if value == "yes" {
                            t.verified().to_string()
                        } else {
                            t.unverified().to_string()
                        }
                    }
                    "availability" => Availability::from_code(&value)
                        .map_or_else(|| value.clone(), |v| t.availability(v).to_string()),
                    "impact" => ImpactGroup::from_code(&value)
                        .map_or_else(|| value.clone(), |v| t.impact_group(v).to_string()),
                    "price" => t.price_range(&value),
                    _ => labels
                        .get(&(facet, value.clone()))
                        .cloned()
                        .unwrap_or_else(|| value.clone()),
                };
                FacetValue {
                    selected: selected.get(facet) == Some(&value.as_str()),
                    value,
                    label,
                    count,
                }
            })
            .collect();
        match facet {
            "category" => values.sort_by_key(|v| category_order.iter().position(|s| *s == v.value)),
            "price" => values.sort_by_key(|v| {
                crate::server::search::PRICE_BUCKETS
                    .iter()
                    .position(|(b, _, _)| *b == v.value)
            }),
            "verified" | "availability" => {}
            _ => values.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label))),
        }
        // A chosen value stays visible even when it matches nothing.
        if let Some(v) = selected.get(facet)
            && !values.iter().any(|x| x.value == *v)
        {
            let label = labels
                .get(&(facet, v.to_string()))
                .cloned()
                .unwrap_or_else(|| v.to_string());
            values.insert(
                0,
                FacetValue {
                    value: v.to_string(),
                    label,
                    count: 0,
                    selected: true,
                },
            );
        }
        groups.push(FacetGroup {
            facet: facet.to_string(),
            values,
        });
    }
    Ok(groups)
}

/// What the fallback looks for of one word: as typed, in the other script
/// („med“ finds „мед“, „мед“ finds „med“), and each capitalised, since
/// SQLite's LIKE ignores the case of Latin letters only.
pub(crate) fn spellings(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    let other = if lower.chars().any(|c| ('а'..='я').contains(&c)) {
        crate::text::transliterate(&lower)
    } else {
        crate::text::to_cyrillic(&lower)
    };
    let capital = crate::text::capitalised;
    let mut forms = vec![capital(&lower), capital(&other), lower, other];
    forms.retain(|f| !f.is_empty());
    forms.sort();
    forms.dedup();
    forms
}

/// The fallback: words matched with LIKE in title and description, the
/// category, centre and district filters applied, no facet counts.
async fn database_search(
    db: &impl ConnectionTrait,
    params: &SearchParams,
    eq: &EngineQuery,
) -> AppResult<(u64, Vec<i32>)> {
    let mut cond = public_product();
    for word in params.q.split_whitespace().take(10) {
        let mut any = Condition::any();
        for form in spellings(&word.replace(['%', '_', '\\'], "")) {
            let pattern = format!("%{form}%");
            any = any
                .add(product::Column::Title.like(pattern.clone()))
                .add(product::Column::Description.like(pattern.clone()))
                .add(product::Column::TitleEn.like(pattern.clone()))
                .add(product::Column::DescriptionEn.like(pattern));
        }
        cond = cond.add(any);
    }
    if let Some(slug) = params.category.as_deref() {
        let cats = category::Entity::find().all(db).await?;
        let ids: Vec<i32> = cats
            .iter()
            .filter(|c| {
                c.slug == slug
                    || cats
                        .iter()
                        .any(|p| Some(p.id) == c.parent_id && p.slug == slug)
            })
            .map(|c| c.id)
            .collect();
        cond = cond.add(product::Column::CategoryId.is_in(ids));
    }
    let mut district_ids: Option<Vec<i32>> = None;
    if let Some(slug) = params.district.as_deref() {
        district_ids = Some(
            district::Entity::find()
                .filter(district::Column::Slug.eq(slug))
                .all(db)
                .await?
                .iter()
                .map(|d| d.id)
                .collect(),
        );
    }
    if let Some(slug) = params.centre.as_deref() {
        let centre = regional_centre::Entity::find()
            .filter(regional_centre::Column::Slug.eq(slug))
            .one(db)
            .await?;
        let ids: Vec<i32> = match centre {
            Some(c) => district::Entity::find()
                .filter(district::Column::CentreId.eq(c.id))
                .all(db)
                .await?
                .iter()
                .map(|d| d.id)
                .collect(),
            None => vec![],
        };
        district_ids = Some(match district_ids {
            Some(d) => d.into_iter().filter(|x| ids.contains(x)).collect(),
            None => ids,
        });
    }
    if let Some(ids) = district_ids {
        let ents: Vec<i32> = enterprise::Entity::find()
            .select_only()
            .column(enterprise::Column::Id)
            .filter(enterprise::Column::DistrictId.is_in(ids))
            .into_tuple()
            .all(db)
            .await?;
        cond = cond.add(product::Column::EnterpriseId.is_in(ents));
    }
    if let Some(a) = params.availability.as_deref() {
        cond = cond.add(product::Column::Availability.eq(a));
    }
    let mut q = product::Entity::find().filter(cond);
    q = match eq.sort {
        Sort::PriceAsc => q.order_by_asc(product::Column::PriceCents),
        Sort::PriceDesc => q.order_by_desc(product::Column::PriceCents),
        _ => q.order_by_desc(product::Column::CreatedAt),
    };
    let total = q.clone().count(db).await?;
    let ids: Vec<i32> = q
        .select_only()
        .column(product::Column::Id)
        .offset(eq.offset as u64)
        .limit(eq.limit as u64)
        .into_tuple()
        .all(db)
        .await?;
    Ok((total, ids))
}

#[cfg(test)]
mod spelling_tests {
    use super::spellings;

    #[test]
    fn the_fallback_looks_for_a_word_in_both_scripts() {
        assert_eq!(spellings("med"), ["Med", "med", "Мед", "мед"]);
        assert_eq!(spellings("Мед"), ["Med", "med", "Мед", "мед"]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    #[test]
    fn marks_the_words_the_engines_match() {
        let terms = analyze("вълн");
        let marks = highlight("Вълнени чорапи, ръчно плетени", &terms, Locale::Bg);
        assert_eq!(marks[0], ("Вълнени".to_string(), true));
        assert!(marks.iter().filter(|(_, m)| *m).count() == 1);
        let latin = analyze("chorapite");
        assert!(
            highlight("Вълнени чорапи", &latin, Locale::Bg)
                .iter()
                .any(|(s, m)| *m && s == "чорапи")
        );
        let typo = analyze("сапунн");
        assert!(
            highlight("Сапун с лавандула", &typo, Locale::Bg)
                .iter()
                .any(|(s, m)| *m && s == "Сапун")
        );
    }

    #[test]
    fn one_edit() {
        assert!(edit_distance_at_most_one("sapunn", "sapun"));
        assert!(edit_distance_at_most_one("valnei", "valneni"));
        assert!(edit_distance_at_most_one("abcd", "abdc"));
        assert!(!edit_distance_at_most_one("sapun", "sapunov"));
    }

    #[test]
    fn refusals_and_fallbacks() {
        let p = SearchParams {
            sort: "sideways".into(),
            ..Default::default()
        };
        assert!(matches!(validate(p.clone()), Err(AppError::Invalid(_))));
        assert_eq!(lenient(p).sort, "");
        let p = SearchParams {
            page: 1_000_000_000,
            per_page: 5000,
            ..Default::default()
        };
        assert!(validate(p.clone()).is_err());
        let ok = lenient(p);
        assert_eq!(
            (ok.page, ok.per_page),
            (SearchParams::MAX_PAGE, SearchParams::DEFAULT_PER_PAGE)
        );
        let long = SearchParams {
            q: "я".repeat(10_000),
            ..Default::default()
        };
        assert_eq!(
            validate(long).unwrap().q.chars().count(),
            SearchParams::MAX_QUERY_CHARS
        );
    }
}
