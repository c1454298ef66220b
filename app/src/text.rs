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
        assert_eq!(slugify("Много дълго заглавие на продукт", 12), "mnogo-dalgo");
        assert_eq!(slugify("!!!", 80), "");
    }
}
