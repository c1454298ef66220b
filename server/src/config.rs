//! Configuration from the environment (see `.env.example` for every variable).

use std::path::PathBuf;

/// Everything the server reads from the environment, checked at start
/// (see `.env.example` for every variable).
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`. Default: a SQLite file
    /// in `DATA_DIR`.
    pub database_url: String,
    /// `DATA_DIR`: the SQLite file, the embedded search index, uploaded
    /// images and (without a relay) the mail folder live here. Default
    /// `./data`.
    pub data_dir: PathBuf,
    /// `MEILI_URL` and `MEILI_MASTER_KEY`: use Meilisearch instead of the
    /// embedded index. Both or neither.
    pub meili: Option<MeiliConfig>,
    /// `SMTP_URL` (and `MAIL_FROM`): mail goes through this relay; without
    /// it, into `DATA_DIR/mail` as `.eml` files.
    pub mail: Option<MailConfig>,
    /// `MAIL_FROM`: the sender of every mail.
    pub mail_from: String,
    /// `PUBLIC_URL`: the site's public address (`https://…` marks cookies
    /// Secure and sends HSTS). Required when the server listens beyond
    /// loopback: addresses are never built from a request's `Host`.
    pub public_url: Option<String>,
    /// `TRUSTED_PROXIES`: addresses or networks (comma-separated, e.g.
    /// `10.0.0.0/8, 127.0.0.1`) of reverse proxies whose `X-Forwarded-For`
    /// or `Forwarded` names the client. Default: none.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `PAGE_CACHE_SECONDS`: pages kept for readers who are not signed in
    /// (0: off). Default 2.
    pub page_cache_seconds: u64,
    /// `DATA_CACHE_SECONDS`: public page data kept in memory (0: off).
    /// Default 5.
    pub data_cache_seconds: u64,
    /// `METRICS_TOKEN`: `/metrics` answers requests bearing it (at least 16
    /// characters); without it, only requests from this host.
    pub metrics_token: Option<String>,
    /// `MAX_CONNECTIONS`: connections served at once. Default 1024.
    pub max_connections: usize,
    /// `MAIL_REQUESTS_PER_HOUR`: sign-ups and password-reset requests from
    /// one client address in an hour (each mails someone). Default 10.
    pub mail_requests_per_hour: u32,
    /// `S3_BUCKET` with `S3_ACCESS_KEY_ID` and `S3_SECRET_ACCESS_KEY` (and
    /// optionally `S3_ENDPOINT`, `S3_REGION`, `S3_PATH_STYLE`): images go
    /// to that bucket; without them, into `DATA_DIR/media`.
    pub s3: Option<S3Settings>,
}

pub use app::server::kernel::media::S3Settings;

/// A mail relay: `smtp://[user:password@]host[:port]` (plain SMTP to a
/// relay the operator runs, such as the host's own MTA), and the sender.
#[derive(Debug, Clone)]
pub struct MailConfig {
    pub host: String,
    pub port: u16,
    pub credentials: Option<(String, String)>,
    pub from: String,
}

impl MailConfig {
    /// Parses `SMTP_URL`.
    ///
    /// # Errors
    /// [`ConfigError::SmtpUrl`] for anything but `smtp://…`.
    pub fn parse(url: &str, from: &str) -> Result<MailConfig, ConfigError> {
        let bad = || ConfigError::SmtpUrl(url.to_string());
        let rest = url.strip_prefix("smtp://").ok_or_else(bad)?;
        let rest = rest.trim_end_matches('/');
        let (credentials, hostport) = match rest.rsplit_once('@') {
            Some((user, hp)) => {
                let (u, p) = user.split_once(':').ok_or_else(bad)?;
                (Some((u.to_string(), p.to_string())), hp)
            }
            None => (None, rest),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().map_err(|_| bad())?),
            None => (hostport, 25),
        };
        if host.is_empty() {
            return Err(bad());
        }
        Ok(MailConfig {
            host: host.to_string(),
            port,
            credentials,
            from: from.to_string(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct MeiliConfig {
    pub url: String,
    pub key: String,
    /// `MEILI_INDEX` (default `products`): several installs or test runs
    /// can share one Meilisearch, each with its own index.
    pub index: String,
}

/// A configuration that cannot work; its message says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("DATA_DIR {0} cannot be written ({1}): point DATA_DIR at a writable folder")]
    DataDir(String, String),
    #[error(
        "MEILI_URL is set but MEILI_MASTER_KEY is not: set both, or unset MEILI_URL to use the embedded index"
    )]
    MeiliKeyMissing,
    #[error("MEILI_URL {0:?} is not an http(s) URL")]
    MeiliUrl(String),
    #[error(
        "MEILI_INDEX {0:?} is not an index name: use 1 to 400 Latin letters, digits, '-' and '_'"
    )]
    MeiliIndex(String),
    #[error("METRICS_TOKEN is too easy to guess: use at least 16 characters without spaces")]
    MetricsToken,
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    DatabaseUrl(String),
    #[error("SMTP_URL must look like smtp://[user:password@]host[:port] (got {0:?})")]
    SmtpUrl(String),
    #[error("PUBLIC_URL must look like https://host[:port] (got {0:?})")]
    PublicUrl(String),
    #[error(
        "PUBLIC_URL is not set, and the server listens on {0}, beyond this machine: set PUBLIC_URL to the address readers use (links and QR codes are built from it, never from a request's Host)"
    )]
    PublicUrlMissing(String),
    #[error(
        "TRUSTED_PROXIES must list addresses or networks, e.g. 10.0.0.0/8,127.0.0.1 (got {0:?})"
    )]
    TrustedProxies(String),
    #[error("{0} must be a whole number (got {1:?})")]
    Number(&'static str, String),
    #[error(
        "{0} is set but S3_BUCKET is not: set S3_BUCKET (with S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY), or unset every S3_* variable to keep images in DATA_DIR/media"
    )]
    S3BucketMissing(&'static str),
    #[error(
        "S3_BUCKET {0:?} is not a bucket name: use 3 to 63 lower-case letters, digits, '.' and '-'"
    )]
    S3Bucket(String),
    #[error("S3_BUCKET is set but {0} is not: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY")]
    S3KeyMissing(&'static str),
    #[error("S3_ENDPOINT must look like https://host[:port] (got {0:?})")]
    S3Endpoint(String),
    #[error("S3_PATH_STYLE must be true or false (got {0:?})")]
    S3PathStyle(String),
}

impl Config {
    /// Reads and checks the environment; creates `DATA_DIR` if missing.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the variable to fix.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_vars(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// A configuration with every default and `DATA_DIR` set (tests).
    ///
    /// # Errors
    /// As [`Config::from_vars`].
    pub fn with_data_dir(dir: &std::path::Path) -> Result<Config, ConfigError> {
        let dir = dir.display().to_string();
        Config::from_vars(|name| (name == "DATA_DIR").then(|| dir.clone()))
    }

    /// Reads and checks the variables `var` gives (`None`: unset).
    ///
    /// # Errors
    /// A [`ConfigError`] naming the variable to fix.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let data_dir = PathBuf::from(var("DATA_DIR").unwrap_or_else(|| "./data".into()));
        let shown = data_dir.display().to_string();
        std::fs::create_dir_all(&data_dir)
            .map_err(|e| ConfigError::DataDir(shown.clone(), e.to_string()))?;
        let probe = data_dir.join(".write-test");
        std::fs::write(&probe, b"ok")
            .map_err(|e| ConfigError::DataDir(shown.clone(), e.to_string()))?;
        let _ = std::fs::remove_file(probe);

        let database_url = match var("DATABASE_URL") {
            Some(url)
                if url.starts_with("sqlite:")
                    || url.starts_with("postgres:")
                    || url.starts_with("postgresql:") =>
            {
                url
            }
            Some(url) => return Err(ConfigError::DatabaseUrl(url)),
            None => format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("socialen-pazar.db").display()
            ),
        };

        let meili = match (var("MEILI_URL"), var("MEILI_MASTER_KEY")) {
            (None, _) => None,
            (Some(_), None) => return Err(ConfigError::MeiliKeyMissing),
            (Some(url), Some(_))
                if !(url.starts_with("http://") || url.starts_with("https://")) =>
            {
                return Err(ConfigError::MeiliUrl(url));
            }
            (Some(url), Some(key)) => {
                let index = var("MEILI_INDEX")
                    .unwrap_or_else(|| app::server::search::meili::DEFAULT_INDEX.into());
                let valid = (1..=400).contains(&index.len())
                    && index
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !valid {
                    return Err(ConfigError::MeiliIndex(index));
                }
                Some(MeiliConfig { url, key, index })
            }
        };
        let mail_from =
            var("MAIL_FROM").unwrap_or_else(|| "Социален пазар <no-reply@socialenpazar.bg>".into());
        let mail = match var("SMTP_URL") {
            Some(url) => Some(MailConfig::parse(&url, &mail_from)?),
            None => None,
        };
        let public_url = match var("PUBLIC_URL") {
            None => None,
            Some(u) => Some(check_public_url(&u)?),
        };
        let trusted_proxies = match var("TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<ipnet::IpNet>()
                        .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                        .map_err(|_| ConfigError::TrustedProxies(list.clone()))
                })
                .collect::<Result<_, _>>()?,
        };
        let s3 = s3_settings(&var)?;
        let number = |name: &'static str, default: u64| -> Result<u64, ConfigError> {
            match var(name) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse()
                    .map_err(|_| ConfigError::Number(name, v.clone())),
            }
        };
        Ok(Config {
            database_url,
            data_dir,
            meili,
            mail,
            mail_from,
            public_url,
            trusted_proxies,
            page_cache_seconds: number("PAGE_CACHE_SECONDS", 2)?,
            data_cache_seconds: number("DATA_CACHE_SECONDS", 5)?,
            max_connections: usize::try_from(number("MAX_CONNECTIONS", 1024)?.max(1))
                .unwrap_or(1024),
            mail_requests_per_hour: u32::try_from(number("MAIL_REQUESTS_PER_HOUR", 10)?.max(1))
                .unwrap_or(u32::MAX),
            metrics_token: match var("METRICS_TOKEN") {
                Some(t) if t.chars().count() < 16 || t.chars().any(char::is_whitespace) => {
                    return Err(ConfigError::MetricsToken);
                }
                token => token,
            },
            s3,
        })
    }

    /// The public address for a server listening on `addr`: `PUBLIC_URL`,
    /// or for a loopback address `http://` and that address.
    ///
    /// # Errors
    /// [`ConfigError::PublicUrlMissing`] beyond loopback without `PUBLIC_URL`.
    pub fn public_url_for(&self, addr: std::net::SocketAddr) -> Result<String, ConfigError> {
        match &self.public_url {
            Some(u) => Ok(u.clone()),
            None if addr.ip().is_loopback() => Ok(format!("http://{addr}")),
            None => Err(ConfigError::PublicUrlMissing(addr.to_string())),
        }
    }

    /// The mail folder (used without `SMTP_URL`).
    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }
}

/// The S3 variables: none set, or a bucket with both keys.
fn s3_settings(var: &impl Fn(&str) -> Option<String>) -> Result<Option<S3Settings>, ConfigError> {
    const OTHERS: [&str; 5] = [
        "S3_ENDPOINT",
        "S3_REGION",
        "S3_ACCESS_KEY_ID",
        "S3_SECRET_ACCESS_KEY",
        "S3_PATH_STYLE",
    ];
    let Some(bucket) = var("S3_BUCKET") else {
        return match OTHERS.into_iter().find(|name| var(name).is_some()) {
            Some(name) => Err(ConfigError::S3BucketMissing(name)),
            None => Ok(None),
        };
    };
    let bucket = bucket.trim().to_string();
    let valid = (3..=63).contains(&bucket.len())
        && bucket
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
        && bucket.ends_with(|c: char| c.is_ascii_alphanumeric());
    if !valid {
        return Err(ConfigError::S3Bucket(bucket));
    }
    let key = |name: &'static str| var(name).ok_or(ConfigError::S3KeyMissing(name));
    let access_key_id = key("S3_ACCESS_KEY_ID")?;
    let secret_access_key = key("S3_SECRET_ACCESS_KEY")?;
    let region = var("S3_REGION").unwrap_or_else(|| "us-east-1".into());
    let (endpoint, own_endpoint) = match var("S3_ENDPOINT") {
        Some(e) => {
            let ok = url::Url::parse(&e).is_ok_and(|u| {
                matches!(u.scheme(), "http" | "https")
                    && u.host_str().is_some()
                    && u.path() == "/"
                    && u.query().is_none()
                    // Keys go in S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY,
                    // never in an address that is shown in the log.
                    && u.username().is_empty()
                    && u.password().is_none()
            });
            if !ok {
                return Err(ConfigError::S3Endpoint(e));
            }
            (e.trim_end_matches('/').to_string(), true)
        }
        None => (format!("https://s3.{region}.amazonaws.com"), false),
    };
    // Self-hosted stores mostly answer at one host (path style); AWS
    // itself wants the bucket in the host name, except for a name with
    // dots, which its TLS certificate does not cover as a host name.
    let path_style = match var("S3_PATH_STYLE").as_deref().map(str::trim) {
        None => own_endpoint || bucket.contains('.'),
        Some("true") => true,
        Some("false") => false,
        Some(other) => return Err(ConfigError::S3PathStyle(other.to_string())),
    };
    Ok(Some(S3Settings {
        bucket,
        endpoint,
        region,
        access_key_id,
        secret_access_key,
        path_style,
    }))
}

/// `https://host[:port]` (or `http://`), without a path; the trailing slash
/// dropped.
fn check_public_url(u: &str) -> Result<String, ConfigError> {
    let bad = || ConfigError::PublicUrl(u.to_string());
    let parsed = url::Url::parse(u).map_err(|_| bad())?;
    if !matches!(parsed.scheme(), "http" | "https")
        || parsed.host_str().is_none()
        || parsed.path() != "/"
        || parsed.query().is_some()
        || !parsed.username().is_empty()
    {
        return Err(bad());
    }
    Ok(u.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let dir = std::env::temp_dir().join(format!("sp-config-{}", std::process::id()));
        let mut vars: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        vars.push(("DATA_DIR".into(), dir.display().to_string()));
        Config::from_vars(move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn public_url_is_required_beyond_loopback() {
        let c = with(&[]).unwrap();
        let local: std::net::SocketAddr = "127.0.0.1:3000".parse().unwrap();
        let wide: std::net::SocketAddr = "0.0.0.0:3000".parse().unwrap();
        assert_eq!(c.public_url_for(local).unwrap(), "http://127.0.0.1:3000");
        assert!(matches!(
            c.public_url_for(wide),
            Err(ConfigError::PublicUrlMissing(_))
        ));
        let c = with(&[("PUBLIC_URL", "https://socialenpazar.bg/")]).unwrap();
        assert_eq!(c.public_url_for(wide).unwrap(), "https://socialenpazar.bg");
        for bad in [
            "socialenpazar.bg",
            "ftp://x",
            "https://x/path",
            "https://u@x",
        ] {
            assert!(
                matches!(with(&[("PUBLIC_URL", bad)]), Err(ConfigError::PublicUrl(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn every_variable_is_checked() {
        let c = with(&[
            ("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1"),
            ("PAGE_CACHE_SECONDS", "0"),
            ("MAX_CONNECTIONS", "64"),
        ])
        .unwrap();
        assert_eq!(c.trusted_proxies.len(), 2);
        assert_eq!(c.page_cache_seconds, 0);
        assert_eq!(c.data_cache_seconds, 5);
        assert_eq!(c.max_connections, 64);
        assert!(matches!(
            with(&[("TRUSTED_PROXIES", "nonsense")]),
            Err(ConfigError::TrustedProxies(_))
        ));
        assert!(matches!(
            with(&[("PAGE_CACHE_SECONDS", "two")]),
            Err(ConfigError::Number("PAGE_CACHE_SECONDS", _))
        ));
        assert!(matches!(
            with(&[("MEILI_URL", "http://m:7700")]),
            Err(ConfigError::MeiliKeyMissing)
        ));
        let meili = |index: &str| {
            with(&[
                ("MEILI_URL", "http://m:7700"),
                ("MEILI_MASTER_KEY", "k"),
                ("MEILI_INDEX", index),
            ])
        };
        assert!(matches!(
            meili("our products"),
            Err(ConfigError::MeiliIndex(_))
        ));
        assert_eq!(
            meili("staging_2").unwrap().meili.unwrap().index,
            "staging_2"
        );
        let default = with(&[("MEILI_URL", "http://m:7700"), ("MEILI_MASTER_KEY", "k")]);
        assert_eq!(default.unwrap().meili.unwrap().index, "products");
    }

    #[test]
    fn s3_needs_a_bucket_and_both_keys() {
        assert!(with(&[]).unwrap().s3.is_none());
        let keys = [
            ("S3_ACCESS_KEY_ID", "id"),
            ("S3_SECRET_ACCESS_KEY", "secret"),
        ];
        let s3 = |more: &[(&str, &str)]| {
            let mut all = keys.to_vec();
            all.extend_from_slice(more);
            with(&all)
        };
        assert!(matches!(
            with(&[("S3_ENDPOINT", "http://127.0.0.1:9000")]),
            Err(ConfigError::S3BucketMissing("S3_ENDPOINT"))
        ));
        assert!(matches!(
            with(&[("S3_BUCKET", "media"), ("S3_ACCESS_KEY_ID", "id")]),
            Err(ConfigError::S3KeyMissing("S3_SECRET_ACCESS_KEY"))
        ));
        for bad in ["Media", "ab", "-media", "media_files", "media/x"] {
            assert!(
                matches!(s3(&[("S3_BUCKET", bad)]), Err(ConfigError::S3Bucket(_))),
                "{bad}"
            );
        }
        for bad in [
            "127.0.0.1:9000",
            "ftp://x",
            "http://x/bucket",
            "http://key:secret@x:9000",
        ] {
            assert!(
                matches!(
                    s3(&[("S3_BUCKET", "media"), ("S3_ENDPOINT", bad)]),
                    Err(ConfigError::S3Endpoint(_))
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            s3(&[("S3_BUCKET", "media"), ("S3_PATH_STYLE", "yes")]),
            Err(ConfigError::S3PathStyle(_))
        ));
        // A store of one's own: path style unless told otherwise.
        let own = s3(&[
            ("S3_BUCKET", "media"),
            ("S3_ENDPOINT", "http://10.0.0.5:9000/"),
        ])
        .unwrap()
        .s3
        .unwrap();
        assert_eq!(own.endpoint, "http://10.0.0.5:9000");
        assert!(own.path_style);
        assert_eq!(own.region, "us-east-1");
        // AWS itself: its regional endpoint, the bucket in the host name.
        let aws = s3(&[("S3_BUCKET", "sp.media"), ("S3_REGION", "eu-central-1")])
            .unwrap()
            .s3
            .unwrap();
        assert_eq!(aws.endpoint, "https://s3.eu-central-1.amazonaws.com");
        assert!(aws.path_style, "a dotted name is no host name on AWS");
        let aws = s3(&[("S3_BUCKET", "sp-media"), ("S3_REGION", "eu-central-1")])
            .unwrap()
            .s3
            .unwrap();
        assert!(!aws.path_style);
        // The secret never shows in what the configuration prints.
        assert!(!format!("{aws:?}").contains("secret"));
    }
}
