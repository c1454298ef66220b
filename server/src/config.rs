//! Configuration from the environment (see `.env.example` for every variable).

use std::path::PathBuf;

/// Settings the server needs before it can start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`. Default: a SQLite file
    /// in `DATA_DIR`.
    pub database_url: String,
    /// `DATA_DIR`: the SQLite file, the embedded search index and uploaded
    /// images live here. Default `./data`.
    pub data_dir: PathBuf,
    /// `MEILI_URL` and `MEILI_MASTER_KEY`: use Meilisearch instead of the
    /// embedded index. Both or neither.
    pub meili: Option<MeiliConfig>,
    /// `SMTP_URL` (and `MAIL_FROM`): send notices by mail too.
    pub mail: Option<MailConfig>,
}

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
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    DatabaseUrl(String),
    #[error("SMTP_URL must look like smtp://[user:password@]host[:port] (got {0:?})")]
    SmtpUrl(String),
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    /// Reads and checks the environment; creates `DATA_DIR` if missing.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the variable to fix.
    pub fn from_env() -> Result<Config, ConfigError> {
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
            (Some(url), Some(key)) => Some(MeiliConfig { url, key }),
        };
        let mail = match var("SMTP_URL") {
            Some(url) => Some(MailConfig::parse(
                &url,
                &var("MAIL_FROM")
                    .unwrap_or_else(|| "Социален пазар <no-reply@socialenpazar.bg>".into()),
            )?),
            None => None,
        };
        Ok(Config {
            database_url,
            data_dir,
            meili,
            mail,
        })
    }
}
