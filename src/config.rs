//! Configuration: defaults first, then environment variables. Built once in `main`
//! (or by a test) and passed in; there is no global settings object.
use std::path::{Path, PathBuf};

/// A secret from the environment: never printed, not even in debug output.
#[derive(Clone)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

const DEFAULT_FEEDBACK_PER_HOUR: u32 = 10;

#[derive(Clone, Debug)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port (the tests use that).
    pub addr: String,
    /// Database, search index and media live under this folder.
    pub data_dir: PathBuf,
    pub database_url: String,
    /// The content folder imported at first start and by `fagbro import`.
    pub content_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub assets_dir: PathBuf,
    /// HTTP worker threads; `None` lets actix pick one per core.
    pub workers: Option<usize>,
    /// The key that signs cookies, as hex (at least 64 bytes). Unset: a key made on
    /// first start and kept in the data folder. Instances behind one load balancer
    /// must share it.
    pub secret_key: Option<Secret>,
    /// Mark cookies `Secure` (set when the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Reader feedback accepted per client address per hour.
    pub feedback_per_hour: u32,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` name the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The site's address as the public reaches it (`https://fagbro.example.no`), for
    /// absolute links in certificates, mail and feeds; none: links name the path only.
    pub public_url: Option<String>,
    /// The SMTP server mail goes through (`smtp://user:pass@host:587?tls=required`,
    /// `smtps://…`, `smtp://localhost:25`); none: messages wait in the outbox.
    pub smtp_url: Option<Secret>,
    /// The sender of every message (`fagbro <ikke-svar@helse.example.no>`).
    pub mail_from: String,
    /// The wait after a first failed delivery; it doubles with each further failure.
    pub mail_retry_base: chrono::Duration,
    /// Answers to repeated searches each instance keeps (0: none), see `search::answers`.
    pub search_answers_kept: usize,
    /// Requests to the open API (`/api/items`, ...) per client address per minute, on
    /// each instance; a client may spend a minute's worth at once.
    pub api_per_minute: u32,
}

/// Ten a second on average: a site that shows fagbro's news reads far less, a
/// harvester is slowed down, and a hospital's many users behind one address are not.
pub const DEFAULT_API_PER_MINUTE: u32 = 600;
const DEFAULT_MAIL_FROM: &str = "fagbro <ikke-svar@fagbro.invalid>";
const DEFAULT_MAIL_RETRY_SECONDS: i64 = 60;
/// Answers kept unless configured: a day's distinct searches on a site like
/// Kompetansebroen, about 10 MB at most.
pub const DEFAULT_SEARCH_ANSWERS_KEPT: usize = 1_000;
/// Past this, kept answers would hold more memory than the index itself.
const MOST_SEARCH_ANSWERS_KEPT: usize = 100_000;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid unicode")]
    NotUnicode { name: &'static str },
    #[error("{name}={value:?}: {reason}")]
    Invalid { name: &'static str, value: String, reason: &'static str },
}

impl Config {
    /// Reads `FAGBRO_ADDR`, `FAGBRO_DATA_DIR`, `DATABASE_URL`, `FAGBRO_CONTENT_DIR`,
    /// `FAGBRO_TEMPLATES_DIR`, `FAGBRO_ASSETS_DIR`, `FAGBRO_WORKERS`, `FAGBRO_SECRET_KEY`,
    /// `FAGBRO_SECURE_COOKIES`, `FAGBRO_FEEDBACK_PER_HOUR`, `FAGBRO_TRUSTED_PROXIES`,
    /// `FAGBRO_PUBLIC_URL`, `FAGBRO_SMTP_URL`, `FAGBRO_MAIL_FROM`,
    /// `FAGBRO_MAIL_RETRY_SECONDS` and `FAGBRO_SEARCH_ANSWERS_KEPT`.
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|name| std::env::var(name))
    }

    fn from_lookup(
        lookup: impl Fn(&str) -> Result<String, std::env::VarError>,
    ) -> Result<Config, ConfigError> {
        let var = |name: &'static str| -> Result<Option<String>, ConfigError> {
            match lookup(name) {
                Ok(value) if value.trim().is_empty() => Ok(None),
                Ok(value) => Ok(Some(value)),
                Err(std::env::VarError::NotPresent) => Ok(None),
                Err(std::env::VarError::NotUnicode(_)) => Err(ConfigError::NotUnicode { name }),
            }
        };
        let data_dir = PathBuf::from(var("FAGBRO_DATA_DIR")?.unwrap_or_else(|| "data".into()));
        let database_url = match var("DATABASE_URL")? {
            Some(url) => url,
            None => sqlite_url_for(&data_dir),
        };
        let workers = match var("FAGBRO_WORKERS")? {
            None => None,
            Some(value) => match value.parse::<usize>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    return Err(ConfigError::Invalid {
                        name: "FAGBRO_WORKERS",
                        value,
                        reason: "expected a whole number of at least 1",
                    });
                }
            },
        };
        let secure_cookies = matches!(var("FAGBRO_SECURE_COOKIES")?.as_deref(), Some("1" | "true" | "yes"));
        let feedback_per_hour = match var("FAGBRO_FEEDBACK_PER_HOUR")? {
            None => DEFAULT_FEEDBACK_PER_HOUR,
            Some(value) => value.parse::<u32>().map_err(|_| ConfigError::Invalid {
                name: "FAGBRO_FEEDBACK_PER_HOUR",
                value,
                reason: "expected a whole number",
            })?,
        };
        let trusted_proxies = match var("FAGBRO_TRUSTED_PROXIES")? {
            None => Vec::new(),
            Some(value) => parse_addresses(&value).map_err(|_| ConfigError::Invalid {
                name: "FAGBRO_TRUSTED_PROXIES",
                value,
                reason: "expected IP addresses separated by commas",
            })?,
        };
        let public_url = match var("FAGBRO_PUBLIC_URL")? {
            None => None,
            Some(value) if value.starts_with("https://") || value.starts_with("http://") => Some(value.trim_end_matches('/').to_owned()),
            Some(value) => {
                return Err(ConfigError::Invalid { name: "FAGBRO_PUBLIC_URL", value, reason: "expected an address such as https://fagbro.example.no" });
            }
        };
        let mail_retry_base = match var("FAGBRO_MAIL_RETRY_SECONDS")? {
            None => chrono::Duration::seconds(DEFAULT_MAIL_RETRY_SECONDS),
            Some(value) => match value.parse::<i64>() {
                Ok(seconds) if (1..=86_400).contains(&seconds) => chrono::Duration::seconds(seconds),
                _ => {
                    return Err(ConfigError::Invalid { name: "FAGBRO_MAIL_RETRY_SECONDS", value, reason: "expected whole seconds from 1 to 86400" });
                }
            },
        };
        let search_answers_kept = match var("FAGBRO_SEARCH_ANSWERS_KEPT")? {
            None => DEFAULT_SEARCH_ANSWERS_KEPT,
            Some(value) => match value.parse::<usize>() {
                Ok(kept) if kept <= MOST_SEARCH_ANSWERS_KEPT => kept,
                _ => {
                    return Err(ConfigError::Invalid { name: "FAGBRO_SEARCH_ANSWERS_KEPT", value, reason: "expected a whole number from 0 to 100000" });
                }
            },
        };
        let api_per_minute = match var("FAGBRO_API_PER_MINUTE")? {
            None => DEFAULT_API_PER_MINUTE,
            Some(value) => match value.parse::<u32>() {
                Ok(limit) if limit >= 1 => limit,
                _ => return Err(ConfigError::Invalid { name: "FAGBRO_API_PER_MINUTE", value, reason: "expected a whole number of at least 1" }),
            },
        };
        let smtp_url = match var("FAGBRO_SMTP_URL")? {
            None => None,
            Some(value) if value.starts_with("smtp://") || value.starts_with("smtps://") => Some(Secret(value)),
            Some(_) => {
                // The value may hold a password: it is not repeated.
                return Err(ConfigError::Invalid { name: "FAGBRO_SMTP_URL", value: "…".into(), reason: "expected smtp://host:port or smtps://host:port" });
            }
        };
        Ok(Config {
            search_answers_kept,
            api_per_minute,
            smtp_url,
            mail_from: var("FAGBRO_MAIL_FROM")?.unwrap_or_else(|| DEFAULT_MAIL_FROM.into()),
            mail_retry_base,
            trusted_proxies,
            public_url,
            secret_key: var("FAGBRO_SECRET_KEY")?.map(Secret),
            secure_cookies,
            feedback_per_hour,
            addr: var("FAGBRO_ADDR")?.unwrap_or_else(|| "127.0.0.1:8080".into()),
            database_url,
            content_dir: dir_or_default(var("FAGBRO_CONTENT_DIR")?, "content"),
            templates_dir: dir_or_default(var("FAGBRO_TEMPLATES_DIR")?, "templates"),
            assets_dir: dir_or_default(var("FAGBRO_ASSETS_DIR")?, "assets"),
            data_dir,
            workers,
        })
    }

    /// A configuration for a throw-away instance under `data_dir`, listening on a free
    /// port: what the tests and benchmarks start.
    pub fn for_data_dir(data_dir: &Path) -> Config {
        Config {
            addr: "127.0.0.1:0".into(),
            data_dir: data_dir.to_path_buf(),
            database_url: sqlite_url_for(data_dir),
            content_dir: shipped_dir("content"),
            templates_dir: shipped_dir("templates"),
            assets_dir: shipped_dir("assets"),
            workers: Some(1),
            secret_key: None,
            secure_cookies: false,
            feedback_per_hour: DEFAULT_FEEDBACK_PER_HOUR,
            trusted_proxies: Vec::new(),
            public_url: None,
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.into(),
            mail_retry_base: chrono::Duration::seconds(DEFAULT_MAIL_RETRY_SECONDS),
            search_answers_kept: DEFAULT_SEARCH_ANSWERS_KEPT,
            api_per_minute: DEFAULT_API_PER_MINUTE,
        }
    }
}

impl Config {
    /// This instance's search index: each instance keeps its own, fed from the database.
    pub fn search_index_dir(&self) -> PathBuf {
        self.data_dir.join("search-index")
    }

    /// Uploaded images (on several instances: a shared folder).
    pub fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }
}

/// Addresses separated by commas (`FAGBRO_TRUSTED_PROXIES`); the first that is not one
/// is the error.
fn parse_addresses(list: &str) -> Result<Vec<std::net::IpAddr>, String> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| s.parse().map_err(|_| s.to_owned())).collect()
}

pub fn sqlite_url_for(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("fagbro.db").display())
}

/// The folder given, else `name` in the working directory, else the one shipped
/// beside this crate's sources: `cargo run` works from any directory of a checkout.
fn dir_or_default(given: Option<String>, name: &str) -> PathBuf {
    match given {
        Some(dir) => PathBuf::from(dir),
        None if Path::new(name).is_dir() => PathBuf::from(name),
        None => shipped_dir(name),
    }
}

fn shipped_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config_from(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| vars.get(name).cloned().ok_or(std::env::VarError::NotPresent))
    }

    #[test]
    fn defaults_need_nothing_but_a_data_folder() {
        let config = config_from(&[]).unwrap();
        assert_eq!(config.addr, "127.0.0.1:8080");
        assert_eq!(config.data_dir, PathBuf::from("data"));
        assert_eq!(config.database_url, "sqlite://data/fagbro.db?mode=rwc");
    }

    #[test]
    fn database_url_follows_the_data_folder_unless_given() {
        let config = config_from(&[("FAGBRO_DATA_DIR", "/srv/fagbro")]).unwrap();
        assert_eq!(config.database_url, "sqlite:///srv/fagbro/fagbro.db?mode=rwc");
        let config = config_from(&[("DATABASE_URL", "postgres://db/fagbro")]).unwrap();
        assert_eq!(config.database_url, "postgres://db/fagbro");
    }

    #[test]
    fn proxies_and_the_public_address_are_checked() {
        let config = config_from(&[("FAGBRO_TRUSTED_PROXIES", "127.0.0.1,10.0.0.2"), ("FAGBRO_PUBLIC_URL", "https://fagbro.example.no/")]).unwrap();
        assert_eq!(config.trusted_proxies.len(), 2);
        assert_eq!(config.public_url.as_deref(), Some("https://fagbro.example.no"));
        assert_eq!(parse_addresses("127.0.0.1, ::1").unwrap().len(), 2);
        assert_eq!(parse_addresses("127.0.0.1, proxy.local").unwrap_err(), "proxy.local");
        let error = config_from(&[("FAGBRO_TRUSTED_PROXIES", "nginx")]).unwrap_err();
        assert!(error.to_string().starts_with("FAGBRO_TRUSTED_PROXIES=\"nginx\""), "{error}");
        assert!(config_from(&[("FAGBRO_PUBLIC_URL", "fagbro.example.no")]).is_err());
    }

    #[test]
    fn mail_settings_are_checked_and_the_smtp_password_is_never_printed() {
        let config = config_from(&[("FAGBRO_SMTP_URL", "smtp://fagbro:hemmelig@mail.example.no:587?tls=required"), ("FAGBRO_MAIL_RETRY_SECONDS", "5")]).unwrap();
        assert_eq!(config.mail_retry_base, chrono::Duration::seconds(5));
        assert!(!format!("{config:?}").contains("hemmelig"));
        let error = config_from(&[("FAGBRO_SMTP_URL", "mail.example.no:hemmelig")]).unwrap_err().to_string();
        assert!(error.starts_with("FAGBRO_SMTP_URL") && !error.contains("hemmelig"), "{error}");
        assert!(config_from(&[("FAGBRO_MAIL_RETRY_SECONDS", "0")]).is_err());
    }

    #[test]
    fn kept_search_answers_are_bounded() {
        assert_eq!(config_from(&[]).unwrap().search_answers_kept, DEFAULT_SEARCH_ANSWERS_KEPT);
        assert_eq!(config_from(&[("FAGBRO_SEARCH_ANSWERS_KEPT", "0")]).unwrap().search_answers_kept, 0);
        assert_eq!(config_from(&[]).unwrap().api_per_minute, DEFAULT_API_PER_MINUTE);
        assert_eq!(config_from(&[("FAGBRO_API_PER_MINUTE", "60")]).unwrap().api_per_minute, 60);
        assert!(config_from(&[("FAGBRO_API_PER_MINUTE", "0")]).is_err());
        let error = config_from(&[("FAGBRO_SEARCH_ANSWERS_KEPT", "10000000")]).unwrap_err();
        assert!(error.to_string().starts_with("FAGBRO_SEARCH_ANSWERS_KEPT"), "{error}");
    }

    #[test]
    fn a_bad_worker_count_names_the_variable() {
        let error = config_from(&[("FAGBRO_WORKERS", "many")]).unwrap_err();
        assert!(error.to_string().starts_with("FAGBRO_WORKERS=\"many\""), "{error}");
    }
}
