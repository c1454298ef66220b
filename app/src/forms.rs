//! What users type into forms, and the rules it must meet.
//!
//! The same rules serve the product form, the CSV import and the API, so a
//! product is valid or not whichever way it arrived. Rules report message
//! codes (see [`crate::i18n::Messages::field_error`]), never text, so one
//! rule speaks both languages. Lengths are counted in characters, not bytes:
//! a Cyrillic title of 200 letters is 400 bytes and still fits.

use serde::{Deserialize, Serialize};

use crate::domain::{
    Availability, EventKind, ImpactGroup, LegalForm, NetworkKind, RegisterClass, Unit,
};
use crate::error::FieldError;
use crate::error::Problem;

/// The highest price a listing may carry: one million euro, in cents.
pub const MAX_PRICE_CENTS: i64 = 100_000_000;
pub const MAX_STOCK: i64 = 1_000_000;
pub const MAX_TAGS: usize = 10;

/// Collects refusals field by field, so a form shows every problem at once.
#[derive(Debug, Default)]
pub struct Refusals(pub Vec<FieldError>);

impl Refusals {
    pub fn add(&mut self, field: &str, code: Problem) {
        self.0.push(FieldError {
            field: field.into(),
            code,
            message: String::new(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }

    /// A required single-line text of `min..=max` characters, trimmed.
    /// Control characters are refused: they have no business in a title and
    /// hide text from the people who read it.
    pub fn line(&mut self, field: &str, raw: &str, min: usize, max: usize) -> String {
        let value = raw.trim().to_string();
        let len = value.chars().count();
        if value.chars().any(char::is_control) {
            self.add(field, Problem::ControlChars);
        } else if len < min {
            self.add(
                field,
                if len == 0 {
                    Problem::Required
                } else {
                    Problem::TooShort
                },
            );
        } else if len > max {
            self.add(field, Problem::TooLong);
        }
        value
    }

    /// A multi-line text of at most `max` characters (new lines and tabs allowed).
    pub fn text(&mut self, field: &str, raw: &str, max: usize) -> String {
        let value = raw.trim().replace("\r\n", "\n");
        if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            self.add(field, Problem::ControlChars);
        } else if value.chars().count() > max {
            self.add(field, Problem::TooLong);
        }
        value
    }

    /// A whole number in `min..=max`; empty gives `default` when there is one.
    pub fn number(
        &mut self,
        field: &str,
        raw: &str,
        min: i64,
        max: i64,
        default: Option<i64>,
    ) -> i64 {
        let raw = raw.trim();
        if raw.is_empty() {
            return match default {
                Some(d) => d,
                None => {
                    self.add(field, Problem::Required);
                    0
                }
            };
        }
        match raw.parse::<i64>() {
            Ok(n) if n < min => {
                self.add(
                    field,
                    if n < 0 {
                        Problem::Negative
                    } else {
                        Problem::TooSmall
                    },
                );
                n
            }
            Ok(n) if n > max => {
                self.add(field, Problem::TooLarge);
                n
            }
            Ok(n) => n,
            Err(_) => {
                self.add(field, Problem::NotANumber);
                0
            }
        }
    }

    /// One value of a domain enum, by its code; refused (`required`,
    /// `not_allowed`) otherwise, and then the first value stands in (the
    /// form is refused anyway).
    pub fn code<T: crate::domain::Code>(&mut self, field: &str, raw: &str) -> T {
        let value = raw.trim();
        match T::from_code(value) {
            Some(v) => v,
            None => {
                self.add(
                    field,
                    if value.is_empty() {
                        Problem::Required
                    } else {
                        Problem::NotAllowed
                    },
                );
                T::all()[0]
            }
        }
    }

    pub fn one_of(&mut self, field: &str, raw: &str, allowed: &[&str]) -> String {
        let value = raw.trim();
        if !allowed.contains(&value) {
            self.add(
                field,
                if value.is_empty() {
                    Problem::Required
                } else {
                    Problem::NotAllowed
                },
            );
        }
        value.to_string()
    }

    pub fn email(&mut self, field: &str, raw: &str) -> String {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            self.add(field, Problem::Required);
        } else if !is_email(&value) {
            self.add(field, Problem::EmailInvalid);
        }
        value
    }
}

/// A plausible e-mail address: one `@`, a local part, a dotted domain, no
/// spaces, at most 254 characters. Whether it exists is the mail server's
/// business; this only stops typing mistakes.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.chars().count() <= 254
        && !local.is_empty()
        && local.chars().count() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Parses a euro amount as people type it: "12,50", "12.50", "12", "1 234,5".
///
/// # Errors
/// `not_a_number`, `negative`, `too_many_decimals`, `too_large` or `required`.
pub fn parse_price(raw: &str) -> Result<i64, Problem> {
    let cleaned: String = raw
        .trim()
        .trim_end_matches('€')
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty() {
        return Err(Problem::Required);
    }
    if cleaned.starts_with('-') {
        return Err(Problem::Negative);
    }
    let normal = cleaned.replace(',', ".");
    let (whole, frac) = match normal.split_once('.') {
        Some((w, f)) => (w, f),
        None => (normal.as_str(), ""),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || (!frac.is_empty() && !digits(frac)) || normal.matches('.').count() > 1 {
        return Err(Problem::NotANumber);
    }
    if frac.len() > 2 {
        return Err(Problem::TooManyDecimals);
    }
    if whole.len() > 9 {
        return Err(Problem::TooLarge);
    }
    let whole: i64 = whole.parse().map_err(|_| Problem::NotANumber)?;
    let frac: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| Problem::NotANumber)? * 10,
        _ => frac.parse().map_err(|_| Problem::NotANumber)?,
    };
    let cents = whole * 100 + frac;
    if cents > MAX_PRICE_CENTS {
        return Err(Problem::TooLarge);
    }
    Ok(cents)
}

/// Writes cents the way [`parse_price`] reads them back ("12.50"), for CSV and
/// for filling a form again.
pub fn price_plain(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A price in a form field as the reader writes it: „9,80“ in Bulgarian,
/// "9.80" in English (both parse back the same).
pub fn price_typed(cents: i64, locale: crate::i18n::Locale) -> String {
    match locale {
        crate::i18n::Locale::Bg => format!("{},{:02}", cents / 100, cents % 100),
        crate::i18n::Locale::En => price_plain(cents),
    }
}

/// A product or service as typed into the form or a CSV line: all text, as
/// it came. [`ProductInput::validate`] turns it into a [`ValidProduct`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The category's slug.
    pub category: String,
    pub price: String,
    pub unit: String,
    pub availability: String,
    #[serde(default)]
    pub stock: String,
    #[serde(default)]
    pub min_order: String,
    /// Comma-separated.
    #[serde(default)]
    pub tags: String,
    /// Optional English versions, shown on English pages.
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_en: String,
}

/// A product that passed every rule that needs no database. Whether the
/// category exists is the service's check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidProduct {
    pub title: String,
    pub description: String,
    pub category: String,
    pub price_cents: i64,
    pub unit: Unit,
    pub availability: Availability,
    pub stock: Option<i32>,
    pub min_order: i32,
    pub tags: Vec<String>,
    pub title_en: Option<String>,
    pub description_en: Option<String>,
}

impl ProductInput {
    /// # Errors
    /// Every refused field, with its message code.
    pub fn validate(&self) -> Result<ValidProduct, Vec<FieldError>> {
        let mut r = Refusals::default();
        let title = r.line("title", &self.title, 3, 200);
        let description = r.text("description", &self.description, 5000);
        let category = self.category.trim().to_string();
        if category.is_empty() {
            r.add("category", Problem::Required);
        }
        let price_cents = match parse_price(&self.price) {
            Ok(0) => {
                r.add("price", Problem::TooSmall);
                0
            }
            Ok(c) => c,
            Err(code) => {
                r.add("price", code);
                0
            }
        };
        let unit: Unit = r.code("unit", &self.unit);
        let availability: Availability = r.code("availability", &self.availability);
        // Stock is counted only for goods on the shelf; made to order has none.
        let stock = match availability {
            Availability::InStock => {
                Some(r.number("stock", &self.stock, 0, MAX_STOCK, None) as i32)
            }
            Availability::OutOfStock => Some(0),
            Availability::MadeToOrder => None,
        };
        let min_order = r.number("min_order", &self.min_order, 1, 100_000, Some(1)) as i32;
        let tags = parse_tags(&mut r, &self.tags);
        // The English versions are optional; given, they follow the same rules.
        let given = |s: &str| !s.trim().is_empty();
        let title_en = given(&self.title_en).then(|| r.line("title_en", &self.title_en, 3, 200));
        let description_en = given(&self.description_en)
            .then(|| r.text("description_en", &self.description_en, 5000));
        r.into_result(ValidProduct {
            title,
            description,
            category,
            price_cents,
            unit,
            availability,
            stock,
            min_order,
            tags,
            title_en,
            description_en,
        })
    }
}

fn parse_tags(r: &mut Refusals, raw: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split([',', ';']) {
        let tag = tag.trim().to_lowercase();
        if tag.is_empty() {
            continue;
        }
        // `|` separates tags in the CSV format, so a tag may not hold one.
        if tag.chars().count() > 40 || tag.chars().any(|c| c.is_control() || c == '|') {
            r.add("tags", Problem::TagInvalid);
            return tags;
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        r.add("tags", Problem::TooManyTags);
    }
    tags
}

/// An enterprise's profile as typed into the registration or profile form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseInput {
    pub name: String,
    pub eik: String,
    pub legal_form: String,
    /// The district's slug.
    pub district: String,
    pub settlement: String,
    #[serde(default)]
    pub address: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub mission: String,
    #[serde(default)]
    pub register_entry: String,
    #[serde(default)]
    pub register_class: String,
    #[serde(default)]
    pub employees_total: String,
    #[serde(default)]
    pub employees_vulnerable: String,
    #[serde(default)]
    pub profit_reinvested_pct: String,
    /// How the enterprise delivers, where one picks up, how one pays.
    #[serde(default)]
    pub delivery_terms: String,
    #[serde(default)]
    pub pickup_terms: String,
    #[serde(default)]
    pub payment_terms: String,
    /// Impact groups ticked: one checkbox per group, posted as
    /// `input[impact][<group>]=on`.
    #[serde(default)]
    pub impact: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidEnterprise {
    pub name: String,
    pub eik: String,
    pub legal_form: LegalForm,
    pub district: String,
    pub settlement: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub website: Option<String>,
    pub description: String,
    pub mission: String,
    pub register_entry: Option<String>,
    pub register_class: Option<RegisterClass>,
    pub employees_total: i32,
    pub employees_vulnerable: i32,
    pub profit_reinvested_pct: i32,
    pub impact_groups: Vec<ImpactGroup>,
    pub delivery_terms: String,
    pub pickup_terms: String,
    pub payment_terms: String,
}

impl EnterpriseInput {
    /// # Errors
    /// Every refused field, with its message code.
    pub fn validate(&self) -> Result<ValidEnterprise, Vec<FieldError>> {
        let mut r = Refusals::default();
        let name = r.line("name", &self.name, 2, 200);
        let eik = match crate::eik::validate(&self.eik) {
            Ok(e) => e,
            Err(crate::eik::EikError::Length) => {
                r.add(
                    "eik",
                    if self.eik.trim().is_empty() {
                        Problem::Required
                    } else {
                        Problem::EikLength
                    },
                );
                String::new()
            }
            Err(crate::eik::EikError::Checksum) => {
                r.add("eik", Problem::EikChecksum);
                String::new()
            }
        };
        let legal_form: LegalForm = r.code("legal_form", &self.legal_form);
        let district = self.district.trim().to_string();
        if district.is_empty() {
            r.add("district", Problem::Required);
        }
        let settlement = r.line("settlement", &self.settlement, 2, 120);
        let address = r.line("address", &self.address, 0, 300);
        let email = r.email("email", &self.email);
        let phone = r.line("phone", &self.phone, 0, 40);
        if phone
            .chars()
            .any(|c| !(c.is_ascii_digit() || " +-()/".contains(c)))
        {
            r.add("phone", Problem::PhoneInvalid);
        }
        let website = r.line("website", &self.website, 0, 300);
        let web_scheme = website.starts_with("https://") || website.starts_with("http://");
        if !website.is_empty() && !web_scheme {
            r.add("website", Problem::UrlInvalid);
        }
        let description = r.text("description", &self.description, 5000);
        let mission = r.text("mission", &self.mission, 2000);
        let register_entry = r.line("register_entry", &self.register_entry, 0, 40);
        let register_class = match self.register_class.trim() {
            "" => None,
            code => Some(r.code::<RegisterClass>("register_class", code)),
        };
        let employees_total = r.number(
            "employees_total",
            &self.employees_total,
            0,
            100_000,
            Some(0),
        );
        let employees_vulnerable = r.number(
            "employees_vulnerable",
            &self.employees_vulnerable,
            0,
            100_000,
            Some(0),
        );
        if employees_vulnerable > employees_total {
            r.add("employees_vulnerable", Problem::MoreThanTotal);
        }
        let profit_reinvested_pct = r.number(
            "profit_reinvested_pct",
            &self.profit_reinvested_pct,
            0,
            100,
            Some(0),
        );
        let mut impact_groups = Vec::new();
        for g in self
            .impact
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| k.as_str())
        {
            let Some(g) = ImpactGroup::from_code(g) else {
                r.add("impact_groups", Problem::NotAllowed);
                break;
            };
            if !impact_groups.contains(&g) {
                impact_groups.push(g);
            }
        }
        let delivery_terms = r.text("delivery_terms", &self.delivery_terms, 1000);
        let pickup_terms = r.text("pickup_terms", &self.pickup_terms, 1000);
        let payment_terms = r.text("payment_terms", &self.payment_terms, 1000);
        let optional = |s: String| if s.is_empty() { None } else { Some(s) };
        r.into_result(ValidEnterprise {
            name,
            eik,
            legal_form,
            district,
            settlement,
            address,
            email,
            phone,
            website: optional(website),
            description,
            mission,
            register_entry: optional(register_entry),
            register_class,
            employees_total: employees_total as i32,
            employees_vulnerable: employees_vulnerable as i32,
            profit_reinvested_pct: profit_reinvested_pct as i32,
            impact_groups,
            delivery_terms,
            pickup_terms,
            payment_terms,
        })
    }
}

/// What the buyer fills in when sending the basket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendInput {
    pub contact_name: String,
    pub contact_email: String,
    #[serde(default)]
    pub contact_phone: String,
    pub delivery: String,
    #[serde(default)]
    pub message: String,
}

// ---- The regional centres' forms ----

fn parse_date(r: &mut Refusals, field: &str, raw: &str) -> Option<chrono::NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        r.add(field, Problem::Required);
        return None;
    }
    match chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            r.add(field, Problem::DateInvalid);
            None
        }
    }
}

/// `datetime-local` gives `2026-12-12T10:00` (seconds optional).
fn parse_local_time(r: &mut Refusals, field: &str, raw: &str) -> Option<chrono::NaiveDateTime> {
    let raw = raw.trim();
    if raw.is_empty() {
        r.add(field, Problem::Required);
        return None;
    }
    let parsed = chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"));
    match parsed {
        Ok(d) => Some(d),
        Err(_) => {
            r.add(field, Problem::DateInvalid);
            None
        }
    }
}

/// A curator's record of the register entry that verifies an enterprise.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VerifyInput {
    pub register_entry: String,
    pub register_class: String,
    pub certified_on: String,
    pub valid_until: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidVerification {
    pub register_entry: String,
    pub register_class: RegisterClass,
    pub certified_on: chrono::NaiveDate,
    pub valid_until: chrono::NaiveDate,
}

impl VerifyInput {
    /// The certificate must have been issued by `today` and still be valid
    /// after it: verifying with an expired certificate would show a badge
    /// that has already lapsed.
    ///
    /// # Errors
    /// Every refused field.
    pub fn validate(&self, today: chrono::NaiveDate) -> Result<ValidVerification, Vec<FieldError>> {
        let mut r = Refusals::default();
        let register_entry = r.line("register_entry", &self.register_entry, 1, 40);
        let register_class: RegisterClass = r.code("register_class", &self.register_class);
        let certified_on = parse_date(&mut r, "certified_on", &self.certified_on);
        let valid_until = parse_date(&mut r, "valid_until", &self.valid_until);
        if let Some(c) = certified_on
            && c > today
        {
            r.add("certified_on", Problem::DateFuture);
        }
        if let Some(v) = valid_until {
            if v <= today {
                r.add("valid_until", Problem::DatePast);
            } else if certified_on.is_some_and(|c| v <= c) {
                r.add("valid_until", Problem::EndsBeforeStart);
            }
        }
        match (certified_on, valid_until) {
            (Some(certified_on), Some(valid_until)) if r.is_empty() => Ok(ValidVerification {
                register_entry,
                register_class,
                certified_on,
                valid_until,
            }),
            _ => Err(r.0),
        }
    }
}

/// The reason a curator gives for a refusal, a correction, a suspension or
/// a hidden product: the enterprise reads it, so it cannot be empty.
///
/// # Errors
/// `reason` refused.
pub fn valid_reason(raw: &str) -> Result<String, Vec<FieldError>> {
    let mut r = Refusals::default();
    let reason = r.line("reason", &raw.replace(['\r', '\n'], " "), 3, 1000);
    r.into_result(reason)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkInput {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub description: String,
}

/// A network that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNetwork {
    pub name: String,
    pub kind: NetworkKind,
    pub description: String,
}

impl NetworkInput {
    /// # Errors
    /// Every refused field.
    pub fn validate(&self) -> Result<ValidNetwork, Vec<FieldError>> {
        let mut r = Refusals::default();
        let name = r.line("name", &self.name, 3, 120);
        let kind: NetworkKind = r.code("kind", &self.kind);
        let description = r.text("description", &self.description, 3000);
        r.into_result(ValidNetwork {
            name,
            kind,
            description,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventInput {
    pub title: String,
    pub kind: String,
    /// Bulgarian wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidEvent {
    pub title: String,
    pub kind: EventKind,
    pub starts_at: chrono::NaiveDateTime,
    pub ends_at: chrono::NaiveDateTime,
    pub place: String,
    pub description: String,
}

impl EventInput {
    /// An event ends after it starts and does not start in the past (`now`
    /// is Bulgarian wall-clock time).
    ///
    /// # Errors
    /// Every refused field.
    pub fn validate(&self, now: chrono::NaiveDateTime) -> Result<ValidEvent, Vec<FieldError>> {
        let mut r = Refusals::default();
        let title = r.line("title", &self.title, 3, 200);
        let kind: EventKind = r.code("kind", &self.kind);
        let starts_at = parse_local_time(&mut r, "starts_at", &self.starts_at);
        let ends_at = parse_local_time(&mut r, "ends_at", &self.ends_at);
        if let Some(s) = starts_at
            && s < now
        {
            r.add("starts_at", Problem::DatePast);
        }
        if let (Some(s), Some(e)) = (starts_at, ends_at)
            && e <= s
        {
            r.add("ends_at", Problem::EndsBeforeStart);
        }
        let place = r.line("place", &self.place, 2, 300);
        let description = r.text("description", &self.description, 5000);
        match (starts_at, ends_at) {
            (Some(starts_at), Some(ends_at)) if r.is_empty() => Ok(ValidEvent {
                title,
                kind,
                starts_at,
                ends_at,
                place,
                description,
            }),
            _ => Err(r.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(errs: &[FieldError]) -> Vec<(String, String)> {
        errs.iter()
            .map(|e| (e.field.clone(), e.code.code().to_string()))
            .collect()
    }

    #[test]
    fn prices_as_people_type_them() {
        assert_eq!(parse_price("12,50"), Ok(1250));
        assert_eq!(parse_price("12.50"), Ok(1250));
        assert_eq!(parse_price("12.5"), Ok(1250));
        assert_eq!(parse_price(" 12 "), Ok(1200));
        assert_eq!(parse_price("1 234,05 €"), Ok(123_405));
        assert_eq!(parse_price("0,07"), Ok(7));
        assert_eq!(parse_price("-3"), Err(Problem::Negative));
        assert_eq!(parse_price("abc"), Err(Problem::NotANumber));
        assert_eq!(parse_price("1.2.3"), Err(Problem::NotANumber));
        assert_eq!(parse_price("1,234.50"), Err(Problem::NotANumber));
        assert_eq!(parse_price("12,505"), Err(Problem::TooManyDecimals));
        assert_eq!(parse_price("1000000,01"), Err(Problem::TooLarge));
        assert_eq!(parse_price("99999999999999999999"), Err(Problem::TooLarge));
        assert_eq!(parse_price(""), Err(Problem::Required));
        assert_eq!(parse_price("1e3"), Err(Problem::NotANumber));
        for cents in [1, 99, 100, 1250, 123_405, MAX_PRICE_CENTS] {
            assert_eq!(parse_price(&price_plain(cents)), Ok(cents));
            for locale in crate::i18n::Locale::ALL {
                assert_eq!(parse_price(&price_typed(cents, *locale)), Ok(cents));
            }
        }
    }

    fn product() -> ProductInput {
        ProductInput {
            title: "Вълнени чорапи".into(),
            description: "Плетени на ръка.".into(),
            category: "textiles".into(),
            price: "12,50".into(),
            unit: "piece".into(),
            availability: "in_stock".into(),
            stock: "7".into(),
            min_order: String::new(),
            tags: "Вълна, ръчна изработка, вълна".into(),
            ..ProductInput::default()
        }
    }

    #[test]
    fn a_good_product_passes_and_is_normalised() {
        let p = product().validate().unwrap();
        assert_eq!(p.price_cents, 1250);
        assert_eq!(p.stock, Some(7));
        assert_eq!(p.min_order, 1);
        assert_eq!(p.tags, vec!["вълна", "ръчна изработка"]);
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut p = product();
        p.title = "щ".repeat(200); // 400 bytes
        assert!(p.validate().is_ok());
        p.title = "щ".repeat(201);
        assert_eq!(
            codes(&p.validate().unwrap_err()),
            vec![("title".into(), "too_long".into())]
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let p = ProductInput {
            title: " ".into(),
            price: "-1".into(),
            unit: "barrel".into(),
            availability: "in_stock".into(),
            stock: "x".into(),
            min_order: "0".into(),
            ..ProductInput::default()
        };
        let got = codes(&p.validate().unwrap_err());
        for want in [
            ("title", "required"),
            ("category", "required"),
            ("price", "negative"),
            ("unit", "not_allowed"),
            ("stock", "not_a_number"),
            ("min_order", "too_small"),
        ] {
            assert!(
                got.contains(&(want.0.into(), want.1.into())),
                "{want:?} in {got:?}"
            );
        }
    }

    #[test]
    fn markup_is_text_not_refused_but_control_characters_are() {
        let mut p = product();
        p.title = "<script>alert(1)</script>".into();
        assert_eq!(p.validate().unwrap().title, "<script>alert(1)</script>");
        p.title = "Чорапи\u{0}".into();
        assert_eq!(
            codes(&p.validate().unwrap_err()),
            vec![("title".into(), "control_chars".into())]
        );
    }

    #[test]
    fn enterprise_eik_and_numbers() {
        let mut e = EnterpriseInput {
            name: "Синя нишка".into(),
            eik: "121 xxx".into(),
            legal_form: "ЕООД".into(),
            district: "varna".into(),
            settlement: "Варна".into(),
            email: "Office@Example.BG".into(),
            employees_total: "5".into(),
            employees_vulnerable: "6".into(),
            ..EnterpriseInput::default()
        };
        let got = codes(&e.validate().unwrap_err());
        assert!(got.contains(&("eik".into(), "eik_length".into())));
        assert!(got.contains(&("employees_vulnerable".into(), "more_than_total".into())));
        e.eik = crate::eik::complete9(12345678);
        e.employees_vulnerable = "3".into();
        let ok = e.validate().unwrap();
        assert_eq!(ok.email, "office@example.bg");
        let mut wrong = ok.eik.clone();
        let last = wrong.pop().unwrap().to_digit(10).unwrap();
        wrong.push(char::from_digit((last + 1) % 10, 10).unwrap());
        e.eik = wrong;
        assert_eq!(
            codes(&e.validate().unwrap_err()),
            vec![("eik".into(), "eik_checksum".into())]
        );
    }

    #[test]
    fn emails() {
        assert!(is_email("a@b.bg"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@c.bg"));
        assert!(!is_email("@c.bg"));
        assert!(!is_email("a@@c.bg"));
    }

    #[test]
    fn curator_inputs_refuse_bad_dates_and_empty_names() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let ok = VerifyInput {
            register_entry: "2024/0112".into(),
            register_class: "A+".into(),
            certified_on: "2024-03-01".into(),
            valid_until: "2027-03-01".into(),
        };
        assert!(ok.validate(today).is_ok());
        let past = VerifyInput {
            valid_until: "2026-11-27".into(),
            ..ok.clone()
        };
        assert_eq!(
            codes(&past.validate(today).unwrap_err()),
            vec![("valid_until".into(), "date_past".into())]
        );
        let inverted = VerifyInput {
            certified_on: "2026-01-01".into(),
            valid_until: "2025-12-01".into(),
            ..ok.clone()
        };
        assert!(
            codes(&inverted.validate(today).unwrap_err())
                .contains(&("valid_until".into(), "date_past".into()))
        );
        let bad = VerifyInput {
            register_entry: " ".into(),
            register_class: "B".into(),
            certified_on: "1.3.2024".into(),
            valid_until: "2027-02-30".into(),
        };
        assert_eq!(
            codes(&bad.validate(today).unwrap_err()),
            vec![
                ("register_entry".into(), "required".into()),
                ("register_class".into(), "not_allowed".into()),
                ("certified_on".into(), "date_invalid".into()),
                ("valid_until".into(), "date_invalid".into()),
            ]
        );
        assert_eq!(
            codes(&valid_reason("  ").unwrap_err()),
            vec![("reason".into(), "required".into())]
        );
        assert_eq!(
            valid_reason(" Липсва вписване\r\nв регистъра ").unwrap(),
            "Липсва вписване  в регистъра"
        );
        let net = NetworkInput {
            name: "".into(),
            kind: "guild".into(),
            description: String::new(),
        };
        assert_eq!(
            codes(&net.validate().unwrap_err()),
            vec![
                ("name".into(), "required".into()),
                ("kind".into(), "not_allowed".into())
            ]
        );
        let now =
            chrono::NaiveDateTime::parse_from_str("2026-11-27T12:00", "%Y-%m-%dT%H:%M").unwrap();
        let ev = EventInput {
            title: "Коледен базар".into(),
            kind: "bazaar".into(),
            starts_at: "2026-12-12T10:00".into(),
            ends_at: "2026-12-12T09:00".into(),
            place: "Варна".into(),
            description: String::new(),
        };
        assert_eq!(
            codes(&ev.validate(now).unwrap_err()),
            vec![("ends_at".into(), "ends_before_start".into())]
        );
        let started = EventInput {
            starts_at: "2026-11-01T10:00".into(),
            ends_at: "2026-12-01T10:00".into(),
            ..ev.clone()
        };
        assert_eq!(
            codes(&started.validate(now).unwrap_err()),
            vec![("starts_at".into(), "date_past".into())]
        );
        let fine = EventInput {
            ends_at: "2026-12-13T18:00".into(),
            ..ev
        };
        assert!(fine.validate(now).is_ok());
    }
}
