//! What the app code needs of the server's configuration (the server's
//! `Config` reads the environment and makes one of these).

/// Settings every request handler may read.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The site's public address without a trailing slash
    /// (`PUBLIC_URL`, or `http://` and the loopback address it listens
    /// on). Every absolute link (mail, QR codes, `og:image`) is built from
    /// it, never from the request's `Host`.
    pub public_url: String,
    /// Proxies whose `Forwarded` / `X-Forwarded-For` headers name the
    /// client (`TRUSTED_PROXIES`); from anyone else they are ignored.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// How long an anonymous reader's page is kept (`PAGE_CACHE_SECONDS`).
    pub page_cache_seconds: u64,
    /// `METRICS_TOKEN`: `/metrics` answers a request bearing it; without
    /// it, only a request straight from this host (no proxy in between).
    pub metrics_token: Option<String>,
}

impl Settings {
    /// Settings for a server on `public_url` with no proxy in front.
    pub fn new(public_url: &str) -> Settings {
        Settings {
            public_url: public_url.trim_end_matches('/').to_string(),
            trusted_proxies: Vec::new(),
            page_cache_seconds: 2,
            metrics_token: None,
        }
    }

    /// Whether cookies must be `Secure` (the site is served over HTTPS).
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The client's address: the socket's peer, or, when that peer is a
    /// trusted proxy, the nearest address the proxies name that is not one
    /// of them (the rightmost untrusted entry of `X-Forwarded-For`, else of
    /// `Forwarded: for=`). Anything a client writes in those headers itself
    /// is never believed.
    pub fn client_address(
        &self,
        peer: Option<std::net::IpAddr>,
        headers: &axum::http::HeaderMap,
    ) -> Option<std::net::IpAddr> {
        let peer = peer?;
        if !self.is_trusted(peer) {
            return Some(peer);
        }
        let forwarded: Vec<std::net::IpAddr> = {
            let xff: Vec<_> = headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| parse_ip(a.trim()))
                .collect();
            if xff.is_empty() {
                headers
                    .get_all(axum::http::header::FORWARDED)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(','))
                    .filter_map(|element| {
                        element.split(';').find_map(|pair| {
                            let (k, v) = pair.trim().split_once('=')?;
                            k.trim()
                                .eq_ignore_ascii_case("for")
                                .then(|| parse_ip(v.trim().trim_matches('"')))
                                .flatten()
                        })
                    })
                    .collect()
            } else {
                xff
            }
        };
        Some(
            forwarded
                .into_iter()
                .rev()
                .find(|a| !self.is_trusted(*a))
                .unwrap_or(peer),
        )
    }

    fn is_trusted(&self, a: std::net::IpAddr) -> bool {
        let a = canonical(a);
        self.trusted_proxies.iter().any(|n| n.contains(&a))
    }
}

/// An address as written in the headers: `1.2.3.4`, `1.2.3.4:5678`,
/// `[2001:db8::1]`, `[2001:db8::1]:80` or a bare IPv6 address.
fn parse_ip(s: &str) -> Option<std::net::IpAddr> {
    if let Ok(a) = s.parse() {
        return Some(canonical(a));
    }
    if let Ok(sa) = s.parse::<std::net::SocketAddr>() {
        return Some(canonical(sa.ip()));
    }
    let inner = s.strip_prefix('[')?.split(']').next()?;
    inner.parse().ok().map(canonical)
}

/// IPv4 addresses seen through an IPv6 socket count as IPv4.
fn canonical(a: std::net::IpAddr) -> std::net::IpAddr {
    match a {
        std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(a, std::net::IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let mut s = Settings::new("https://socialenpazar.bg/");
        assert_eq!(s.public_url, "https://socialenpazar.bg");
        assert!(s.https());
        let client = "203.0.113.7".parse().ok();
        let proxy = "10.0.0.2".parse().ok();
        let spoofed = headers(&[("x-forwarded-for", "198.51.100.1")]);
        // Nobody trusted: the header is the client's own words.
        assert_eq!(s.client_address(client, &spoofed), client);
        s.trusted_proxies = vec!["10.0.0.0/8".parse().unwrap()];
        assert_eq!(s.client_address(client, &spoofed), client);
        // Through the proxy: the rightmost address it did not add itself.
        let through = headers(&[("x-forwarded-for", "198.51.100.1, 203.0.113.7, 10.0.0.9")]);
        assert_eq!(s.client_address(proxy, &through), client);
        let fwd = headers(&[("forwarded", "for=\"[2001:db8::1]:443\";proto=https")]);
        assert_eq!(s.client_address(proxy, &fwd), "2001:db8::1".parse().ok());
        // A proxy that names nobody: the proxy itself.
        assert_eq!(s.client_address(proxy, &HeaderMap::new()), proxy);
    }
}
