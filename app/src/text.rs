//! Bulgarian text helpers shared by slugs and search: the official
//! transliteration (Transliteration Act, 2009) and slugs built from it.

/// Latin form of one lowercase Cyrillic letter, or `None` if it is not one.
fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ѝ' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "sht",
        'ъ' => "a",
        'ь' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// Transliterates Bulgarian Cyrillic to Latin by the official system,
/// lowercasing as it goes; other characters pass through lowercased.
/// "-ия" at the end of a word becomes "-ia" (София → sofia).
pub fn transliterate(input: &str) -> String {
    let lower: Vec<char> = input.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(lower.len() * 2);
    let mut i = 0;
    while i < lower.len() {
        let c = lower[i];
        let word_ends = |j: usize| lower.get(j).is_none_or(|n| !n.is_alphanumeric());
        if c == 'и' && lower.get(i + 1) == Some(&'я') && word_ends(i + 2) {
            out.push_str("ia");
            i += 2;
            continue;
        }
        match letter(c) {
            Some(l) => out.push_str(l),
            None => out.push(c),
        }
        i += 1;
    }
    out
}

/// A readable URL slug: transliterated, lowercase ASCII words joined by "-",
/// at most `max` characters, cut at a word boundary.
pub fn slugify(input: &str, max: usize) -> String {
    let latin = transliterate(input);
    let mut slug = String::new();
    for word in latin
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() && slug.len() + 1 + word.len() > max {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word[..word.len().min(max)]);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_transliteration() {
        assert_eq!(transliterate("София"), "sofia");
        assert_eq!(transliterate("Габрово"), "gabrovo");
        assert_eq!(transliterate("Щастливеца"), "shtastlivetsa");
        assert_eq!(transliterate("Житен хляб"), "zhiten hlyab");
        assert_eq!(transliterate("Юлия Ябълкова"), "yulia yabalkova");
        assert_eq!(transliterate("История на ѝ"), "istoria na i");
        assert_eq!(transliterate("Пияница"), "piyanitsa");
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Липов мед, 500 г", 80), "lipov-med-500-g");
        assert_eq!(slugify("  „Вълнени“ чорапи!! ", 80), "valneni-chorapi");
        assert_eq!(
            slugify("Много дълго заглавие на продукт", 12),
            "mnogo-dalgo"
        );
        assert_eq!(slugify("!!!", 80), "");
    }
}

/// Cyrillic for a Latin word typed by a buyer, undoing the official
/// transliteration (longest letter groups first: "sht" before "sh").
/// Ambiguous letters take the commoner reading (`a` → а, `y` → й), which is
/// harmless: both sides end up transliterated to the same Latin again.
pub fn to_cyrillic(latin: &str) -> String {
    const GROUPS: [(&str, char); 8] = [
        ("sht", 'щ'),
        ("zh", 'ж'),
        ("ts", 'ц'),
        ("ch", 'ч'),
        ("sh", 'ш'),
        ("yu", 'ю'),
        ("ya", 'я'),
        ("ia", 'я'),
    ];
    let mut out = String::with_capacity(latin.len());
    let mut rest = latin;
    'outer: while let Some(c) = rest.chars().next() {
        for (group, cyr) in GROUPS {
            // "-ia" is only "ия" at the end of a word.
            if rest.starts_with(group) && (group != "ia" || rest.len() == 2) {
                if group == "ia" {
                    out.push_str("ия");
                } else {
                    out.push(cyr);
                }
                rest = &rest[group.len()..];
                continue 'outer;
            }
        }
        out.push(match c {
            'a' => 'а',
            'b' => 'б',
            'v' | 'w' => 'в',
            'g' => 'г',
            'd' => 'д',
            'e' => 'е',
            'z' => 'з',
            'i' => 'и',
            'y' | 'j' => 'й',
            'k' | 'q' => 'к',
            'l' => 'л',
            'm' => 'м',
            'n' => 'н',
            'o' => 'о',
            'p' => 'п',
            'r' => 'р',
            's' => 'с',
            't' => 'т',
            'u' => 'у',
            'f' => 'ф',
            'h' | 'x' => 'х',
            'c' => 'ц',
            other => other,
        });
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn ends(s: &[char], len: usize, suffix: &str) -> bool {
    let suf: Vec<char> = suffix.chars().collect();
    len >= suf.len() && s[len - suf.len()..len] == suf[..]
}

/// `word` with its first letter in capitals. SQLite's `lower()` and `LIKE`
/// fold the case of ASCII letters only, so a word typed in lower-case
/// Cyrillic („мария“) is also looked for as names and titles are written
/// („Мария“).
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The light Bulgarian stemmer of Jacques Savoy ("BulStem light"): strips the
/// definite article and plural endings so that "чорапите", "чорапи" and
/// "чорап" meet, and "меда" finds "мед". Takes a lowercase Cyrillic word.
pub fn stem_bg(word: &str) -> String {
    let mut s: Vec<char> = word.chars().collect();
    let mut len = s.len();
    if len < 4 {
        return word.to_string();
    }
    if len > 5 && ends(&s, len, "ища") {
        return s[..len - 3].iter().collect();
    }
    {
        // definite article
        if len > 6 && ends(&s, len, "ият") {
            len -= 3;
        } else if (len > 5
            && ["ът", "то", "те", "та", "ия"]
                .iter()
                .any(|x| ends(&s, len, x)))
            || (len > 4 && ends(&s, len, "ят"))
        {
            len -= 2;
        }
        // plural
        if len > 6 && (ends(&s, len, "овци") || ends(&s, len, "ове")) {
            len -= 3;
        } else if len > 6 && ends(&s, len, "еве") {
            s[len - 3] = 'й';
            len -= 2;
        } else if len > 5 && ends(&s, len, "ища") {
            len -= 3;
        } else if len > 5 && ends(&s, len, "та") {
            len -= 2;
        } else if len > 5 && (ends(&s, len, "ии") || ends(&s, len, "ия")) {
            // -ия nouns: „саксии“ (plural) and „саксия“ left by „саксията“
            // meet „саксия“, whose -ия the article step took.
            len -= 2;
        } else if len > 5 && ends(&s, len, "ци") {
            s[len - 2] = 'к';
            len -= 1;
        } else if len > 5 && ends(&s, len, "зи") {
            s[len - 2] = 'г';
            len -= 1;
        } else if len > 5 && s[len - 3] == 'е' && s[len - 1] == 'и' {
            s[len - 3] = 'я';
            len -= 1;
        } else if len > 4 && ends(&s, len, "си") {
            s[len - 2] = 'х';
            len -= 1;
        } else if len > 4 && ends(&s, len, "и") {
            len -= 1;
        }
    }
    if len > 3 && ends(&s, len, "я") {
        len -= 1;
    }
    if len > 3 && (ends(&s, len, "а") || ends(&s, len, "о") || ends(&s, len, "е")) {
        len -= 1;
    }
    if len > 4 && ends(&s, len, "ен") {
        s[len - 2] = 'н';
        len -= 1;
    }
    if len > 5 && s[len - 2] == 'ъ' {
        s[len - 2] = s[len - 1];
        len -= 1;
    }
    s[..len].iter().collect()
}

/// One word as the search engines see it: lowercase Latin, whole and stemmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub plain: String,
    pub stem: String,
}

/// Splits text into words and gives each its search forms. Cyrillic and Latin
/// spellings of a word get the same forms ("мед" and "med" → "med"), case and
/// ѝ/и do not matter, and plural and definite forms share a stem.
pub fn analyze(text: &str) -> Vec<Term> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower: String = w
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'ѝ' { 'и' } else { c })
                .collect();
            let cyrillic = if lower.chars().any(|c| ('а'..='я').contains(&c)) {
                lower.clone()
            } else {
                to_cyrillic(&lower)
            };
            let plain = if lower.is_ascii() {
                lower.clone()
            } else {
                transliterate(&lower)
            };
            let stem = if cyrillic
                .chars()
                .all(|c| ('а'..='я').contains(&c) || c == 'ѐ')
            {
                transliterate(&stem_bg(&cyrillic))
            } else {
                plain.clone()
            };
            Term { plain, stem }
        })
        .collect()
}

#[cfg(test)]
mod search_tests {
    use super::*;

    fn stems(s: &str) -> Vec<String> {
        analyze(s).into_iter().map(|t| t.stem).collect()
    }

    #[test]
    fn latin_and_cyrillic_meet() {
        assert_eq!(analyze("мед"), analyze("med"));
        assert_eq!(analyze("сапун"), analyze("sapun"));
        assert_eq!(analyze("Житен"), analyze("zhiten"));
        assert_eq!(analyze("Габрово"), analyze("Gabrovo"));
        assert_eq!(stems("шушулки"), stems("shushulki"));
        assert_eq!(to_cyrillic("shtastie"), "щастие");
        assert_eq!(to_cyrillic("sofia"), "софия");
    }

    #[test]
    fn a_typed_word_is_also_looked_for_capitalised() {
        assert_eq!(capitalised("мария"), "Мария");
        assert_eq!(capitalised("ivan"), "Ivan");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn plural_and_definite_forms_share_a_stem() {
        assert_eq!(stems("чорапите"), stems("чорапи"));
        assert_eq!(stems("чорапи"), stems("чорап"));
        assert_eq!(stems("меда"), stems("мед"));
        assert_eq!(stems("мед"), vec!["med"]);
        assert_eq!(stems("chorapite"), stems("чорапи"));
        assert_eq!(stems("свещите"), stems("свещи"));
        assert_eq!(stems("саксии"), stems("саксия"));
        assert_eq!(stems("саксията"), stems("саксия"));
    }

    #[test]
    fn case_and_i_grave_do_not_matter() {
        assert_eq!(analyze("ЍВА"), analyze("ива"));
        assert_eq!(analyze("МЕД"), analyze("мед"));
    }

    #[test]
    fn punctuation_and_symbols_are_not_words() {
        assert!(analyze("!!! ??? ").is_empty());
        assert_eq!(analyze("мед, 500 г.").len(), 3);
        assert!(analyze("🍯 мед").iter().any(|t| t.plain == "med"));
    }
}
