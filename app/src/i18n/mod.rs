//! The interface's languages and its words.
//!
//! The words live in Fluent files a translator edits without Rust:
//! `app/locales/<language>/*.ftl`. `build.rs` turns the default language's
//! messages into typed methods of [`Tr`] (`tr.site_name()`,
//! `tr.count_products(n)`), so a misspelt key or a missing variable is a
//! compile error, and the parity test (`tests` below) checks that every
//! language has exactly the same messages and that every message is used.
//! Plural forms are Fluent's (`{ $count -> [one] … *[other] … }`, by the
//! CLDR rules of each language).
//!
//! The files are read on the server only: pages are rendered there, and
//! islands receive their words as props, so the wasm carries no
//! translation tables (in the browser every method answers "").
//!
//! The language comes from the address (the default at the root, every
//! other under `/<code>/`), so every page has one address per language.
//! Another language is one folder of `.ftl` files and one line in
//! [`locales!`] below.

pub mod labels;

use serde::{Deserialize, Serialize};

/// Declares the languages: the variant, its code (also its address prefix
/// and folder name), the first being the default (served at the root).
macro_rules! locales {
    ($default:ident = $default_code:literal, $($variant:ident = $code:literal),+ $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
        pub enum Locale {
            // Forms post the language code ("bg"), the JSON of islands the name.
            #[default]
            #[serde(alias = $default_code)]
            $default,
            $(
                #[serde(alias = $code)]
                $variant,
            )+
        }

        impl Locale {
            /// Every language, the default first.
            pub const ALL: &'static [Locale] = &[Locale::$default, $(Locale::$variant),+];

            pub const fn code(self) -> &'static str {
                match self {
                    Locale::$default => $default_code,
                    $(Locale::$variant => $code,)+
                }
            }

            pub fn from_code(code: &str) -> Option<Locale> {
                match code {
                    $default_code => Some(Locale::$default),
                    $($code => Some(Locale::$variant),)+
                    _ => None,
                }
            }

            /// The position of the language in [`Locale::ALL`].
            pub const fn index(self) -> usize {
                self as usize
            }
        }
    };
}

locales! {
    Bg = "bg",
    En = "en",
}

impl Locale {
    /// The default language, served at the root.
    pub const DEFAULT: Locale = Locale::ALL[0];

    /// The address prefix of the language: `""` for the default, `"en"`
    /// for English (no slashes).
    pub fn prefix(self) -> &'static str {
        if self == Locale::DEFAULT {
            ""
        } else {
            self.code()
        }
    }

    /// The locale of a URL path: `/en` and `/en/…` are English.
    pub fn from_path(path: &str) -> Locale {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        Locale::ALL
            .iter()
            .copied()
            .find(|l| *l != Locale::DEFAULT && l.code() == first)
            .unwrap_or(Locale::DEFAULT)
    }

    /// The path without its locale prefix (`/en/centres` → `/centres`).
    pub fn strip(path: &str) -> &str {
        let locale = Locale::from_path(path);
        if locale == Locale::DEFAULT {
            return path;
        }
        let rest = &path[1 + locale.code().len()..];
        if rest.is_empty() { "/" } else { rest }
    }

    /// A site path in this locale (`/centres` → `/en/centres`).
    pub fn href(self, path: &str) -> String {
        match (self.prefix(), path) {
            ("", _) => path.to_string(),
            (p, "/") => format!("/{p}"),
            (p, _) => format!("/{p}{path}"),
        }
    }

    /// A text stored in the database in Bulgarian and English (the names
    /// of centres, districts and categories): the reader's, English for
    /// any other language.
    pub fn stored<'a>(self, bg: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::Bg => bg,
            _ => en,
        }
    }

    /// What an enterprise wrote in this language where it wrote it (an
    /// English version is optional), else the Bulgarian.
    pub fn own<'a>(self, bg: &'a str, en: Option<&'a str>) -> &'a str {
        match (self, en.map(str::trim)) {
            (Locale::En, Some(en)) if !en.is_empty() => en,
            _ => bg,
        }
    }

    /// The words of this language.
    pub fn tr(self) -> Tr {
        Tr(self)
    }
}

/// The words of one language: a method per message (generated from the
/// `.ftl` files by `build.rs`). Cheap to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr(pub Locale);

/// A value for a message's variable: text or a number (numbers choose
/// plural forms).
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(std::borrow::Cow<'a, str>),
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Arg::Text(v.into())
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(v: &'a String) -> Self {
        Arg::Text(v.as_str().into())
    }
}

impl From<String> for Arg<'_> {
    fn from(v: String) -> Self {
        Arg::Text(v.into())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(v: $t) -> Self {
                Arg::Number(v as f64)
            }
        }
    )*};
}
number_args!(i32, i64, u32, u64, usize, f64);

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

#[cfg(feature = "ssr")]
mod runtime {
    use std::sync::LazyLock;

    use fluent_bundle::concurrent::FluentBundle;
    use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

    use super::{Arg, Locale, MESSAGE_IDS, SOURCES};

    pub struct Catalog {
        bundle: FluentBundle<FluentResource>,
        /// Messages without variables, formatted once.
        plain: Vec<Option<&'static str>>,
    }

    fn load(locale: Locale) -> Catalog {
        let lang: unic_langid::LanguageIdentifier = locale
            .code()
            .parse()
            .unwrap_or_else(|_| "bg".parse().expect("a language id"));
        let mut bundle = FluentBundle::new_concurrent(vec![lang]);
        // Readers see plain text: no Unicode isolation marks around values.
        bundle.set_use_isolating(false);
        for (code, name, text) in SOURCES {
            if code != locale.code() {
                continue;
            }
            let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, errors)| {
                tracing::error!(file = %format!("{code}/{name}"), ?errors, "translation file errors");
                r
            });
            if let Err(errors) = bundle.add_resource(resource) {
                tracing::error!(file = %format!("{code}/{name}"), ?errors, "translation file errors");
            }
        }
        let plain = MESSAGE_IDS
            .iter()
            .map(|id| {
                let message = bundle.get_message(id)?;
                let pattern = message.value()?;
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                // Messages with variables are formatted on each use.
                if !errors.is_empty() {
                    return None;
                }
                Some(&*Box::leak(text.into_owned().into_boxed_str()))
            })
            .collect();
        Catalog { bundle, plain }
    }

    static CATALOGS: LazyLock<Vec<Catalog>> =
        LazyLock::new(|| Locale::ALL.iter().map(|l| load(*l)).collect());

    pub fn plain(locale: Locale, index: usize) -> &'static str {
        let catalogs = &*CATALOGS;
        catalogs[locale.index()].plain[index]
            .or_else(|| catalogs[Locale::DEFAULT.index()].plain[index])
            .unwrap_or(MESSAGE_IDS[index])
    }

    pub fn format(locale: Locale, index: usize, args: &[(&str, Arg<'_>)]) -> String {
        let catalogs = &*CATALOGS;
        let id = MESSAGE_IDS[index];
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value: FluentValue<'_> = match value {
                Arg::Text(t) => FluentValue::from(t.as_ref()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        for catalog in [
            &catalogs[locale.index()],
            &catalogs[Locale::DEFAULT.index()],
        ] {
            if let Some(pattern) = catalog.bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = catalog
                    .bundle
                    .format_pattern(pattern, Some(&fluent_args), &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(id, ?errors, "formatting a message");
                }
                return text.into_owned();
            }
        }
        id.to_string()
    }
}

impl Tr {
    #[cfg(feature = "ssr")]
    fn plain(self, index: usize) -> &'static str {
        runtime::plain(self.0, index)
    }

    #[cfg(feature = "ssr")]
    fn format<'a>(self, index: usize, args: impl AsRef<[(&'static str, Arg<'a>)]>) -> String {
        runtime::format(self.0, index, args.as_ref())
    }

    // In the browser: islands get their words as props; nothing to look up.
    #[cfg(not(feature = "ssr"))]
    fn plain(self, _index: usize) -> &'static str {
        ""
    }

    #[cfg(not(feature = "ssr"))]
    fn format<'a>(self, _index: usize, _args: impl AsRef<[(&'static str, Arg<'a>)]>) -> String {
        String::new()
    }

    /// The language of these words.
    pub fn locale(self) -> Locale {
        self.0
    }

    /// "5–10 €" / "€5–10", "над 50 €" / "over €50" for a price bucket of
    /// the search (`5-10`, `50-`).
    pub fn price_range(self, bucket: &str) -> String {
        match bucket.split_once('-') {
            Some((from, "")) => self.price_over(from),
            Some((from, to)) => self.price_between(from, to),
            None => bucket.to_string(),
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_between_locales() {
        assert_eq!(Locale::from_path("/en/centres/varna"), Locale::En);
        assert_eq!(Locale::from_path("/en"), Locale::En);
        assert_eq!(Locale::from_path("/english"), Locale::Bg);
        assert_eq!(Locale::from_path("/"), Locale::Bg);
        assert_eq!(Locale::strip("/en/centres"), "/centres");
        assert_eq!(Locale::strip("/en"), "/");
        assert_eq!(Locale::strip("/centres"), "/centres");
        assert_eq!(Locale::En.href("/"), "/en");
        assert_eq!(Locale::En.href("/centres"), "/en/centres");
        assert_eq!(Locale::Bg.href("/centres"), "/centres");
    }

    #[test]
    fn plural_forms_come_from_the_files() {
        assert_eq!(Locale::Bg.tr().count_products(1), "1 продукт");
        assert_eq!(Locale::Bg.tr().count_products(12), "12 продукта");
        assert_eq!(Locale::En.tr().count_enterprises(2), "2 enterprises");
        assert_eq!(Locale::En.tr().count_enterprises(1), "1 enterprise");
        assert_eq!(Locale::Bg.tr().site_name(), "Социален пазар");
    }

    /// The ids and the variables of every message of a language's files.
    fn messages_of(code: &str) -> std::collections::BTreeMap<String, Vec<String>> {
        use fluent_bundle::FluentResource;
        use fluent_syntax::ast;
        let mut out = std::collections::BTreeMap::new();
        for (lang, name, text) in SOURCES {
            if lang != code {
                continue;
            }
            let resource = FluentResource::try_new(text.to_string())
                .unwrap_or_else(|(_, e)| panic!("{lang}/{name} does not parse: {e:?}"));
            for entry in resource.entries() {
                if let ast::Entry::Message(m) = entry {
                    let mut vars = Vec::new();
                    if let Some(v) = &m.value {
                        collect_vars(v, &mut vars);
                    }
                    vars.sort();
                    vars.dedup();
                    assert!(
                        out.insert(m.id.name.to_string(), vars).is_none(),
                        "{lang}/{name}: {} twice",
                        m.id.name
                    );
                }
            }
        }
        out
    }

    fn collect_vars(p: &fluent_syntax::ast::Pattern<&str>, vars: &mut Vec<String>) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        fn inline(i: &InlineExpression<&str>, vars: &mut Vec<String>) {
            if let InlineExpression::VariableReference { id } = i {
                vars.push(id.name.to_string());
            }
        }
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                match expression {
                    Expression::Inline(i) => inline(i, vars),
                    Expression::Select { selector, variants } => {
                        inline(selector, vars);
                        for v in variants {
                            collect_vars(&v.value, vars);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_language_has_exactly_the_same_messages() {
        let default = messages_of(Locale::DEFAULT.code());
        assert_eq!(default.len(), MESSAGE_IDS.len());
        for locale in Locale::ALL {
            let other = messages_of(locale.code());
            let missing: Vec<_> = default.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !default.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, not in {}: {extra:?}",
                locale.code(),
                Locale::DEFAULT.code()
            );
            for (id, vars) in &default {
                assert_eq!(&other[id], vars, "{}: the variables of {id}", locale.code());
            }
        }
    }

    #[test]
    fn every_message_is_used() {
        let mut code = String::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut dirs = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    code.push_str(&std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let unused: Vec<&str> = MESSAGE_IDS
            .iter()
            .copied()
            .filter(|id| !code.contains(&format!(".{}(", id.replace('-', "_"))))
            .collect();
        assert!(unused.is_empty(), "messages no code uses: {unused:?}");
    }
}
