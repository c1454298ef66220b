//! Addresses the site sends readers to: its own pages, and the official
//! registers a curator checks an enterprise against.

/// The Register of Social Enterprises, kept by the Ministry of Labour and
/// Social Policy (entry number, class, certificate).
pub const SOCIAL_ENTERPRISE_REGISTER: &str =
    "https://www.mlsp.government.bg/registr-na-sotsialnite-predpriyatiya";

/// The Commercial Register's search by ЕИК (who represents a company);
/// its pages take no ЕИК in the address, so the review shows it to copy.
pub const COMMERCIAL_REGISTER: &str =
    "https://portal.registryagency.bg/CR/Reports/VerificationPersonOrg";

/// A `next` address the site may send a reader to after a form: a path on
/// this site, normalised, or `None`.
///
/// It is parsed as a URL against a stand-in origin and must stay on it, so
/// `//evil.example`, `/\evil.example` and the like are refused. Control
/// characters and whitespace are refused before parsing: browsers drop a tab
/// or a line break from an address (`/\t/evil.example` becomes
/// `//evil.example`, another site), and a CR or LF in a `Location` header
/// cannot be sent at all.
pub fn same_site_path(next: &str) -> Option<String> {
    const ORIGIN: &str = "http://same-site.invalid/";
    if next.is_empty()
        || !next.starts_with('/')
        || next
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return None;
    }
    let base = url::Url::parse(ORIGIN).ok()?;
    let url = base.join(next).ok()?;
    if url.origin() != base.origin() || !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    let mut path = url.path().to_string();
    // A path that starts with two slashes would read as another host.
    if path.starts_with("//") {
        return None;
    }
    if let Some(q) = url.query() {
        path.push('?');
        path.push_str(q);
    }
    if let Some(f) = url.fragment() {
        path.push('#');
        path.push_str(f);
    }
    Some(path)
}

/// A value for a query string (`?next=…`), percent-encoded.
pub fn query_value(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_pass() {
        for ok in [
            "/",
            "/dashboard",
            "/en/p/med?x=1#top",
            "/search?q=%D0%BC%D0%B5%D0%B4",
        ] {
            assert_eq!(same_site_path(ok).as_deref(), Some(ok), "{ok}");
        }
        for bad in [
            "",
            "dashboard",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\0",
            "/ /evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "/\u{85}x",
        ] {
            assert_eq!(same_site_path(bad), None, "{bad:?}");
        }
        // Dot segments resolve on this site and stay on it.
        assert_eq!(same_site_path("/a/../b").as_deref(), Some("/b"));
        assert_eq!(same_site_path("/..//evil.example"), None);
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(query_value("/p/x?a=1&b=2"), "%2Fp%2Fx%3Fa%3D1%26b%3D2");
    }
}
