//! Reader feedback: "Was this useful? / Report an error or outdated content" on every
//! public page, without an account, landing in the page's area's editor dashboard.
//! Spam is held off without third parties: a hidden field people never fill in, a
//! signed time stamp (no answer within seconds of the page), and a rate limit.
pub mod repo;
pub mod routes;

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::tokens::SigningKey;

/// People read before they answer; a form sent sooner than this after it was shown is a bot's.
pub const MIN_SECONDS_TO_ANSWER: i64 = 3;
/// A form older than this is stale (the page was left open for days).
const MAX_AGE_SECONDS: i64 = 24 * 3600;
pub const MAX_MESSAGE_CHARS: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Useful,
    NotUseful,
    /// An error or outdated content: the editors should act.
    Error,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "useful" => Some(Kind::Useful),
            "not_useful" => Some(Kind::NotUseful),
            "error" => Some(Kind::Error),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Useful => "useful",
            Kind::NotUseful => "not_useful",
            Kind::Error => "error",
        }
    }

    pub fn label(s: &str) -> &'static str {
        match Kind::parse(s) {
            Some(Kind::Useful) => "Nyttig",
            Some(Kind::NotUseful) => "Ikke nyttig",
            Some(Kind::Error) => "Feil eller utdatert",
            None => "Ukjent",
        }
    }
}

/// When a form was shown, bound to the visitor's CSRF token and signed with the server's
/// secret, so that nobody can make one up: `unix-seconds.signature`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormStamp {
    shown_at: i64,
    check: String,
}

impl FormStamp {
    pub fn now(key: &SigningKey, csrf: &str) -> FormStamp {
        FormStamp::at(key, chrono::Utc::now().timestamp(), csrf)
    }

    fn at(key: &SigningKey, shown_at: i64, csrf: &str) -> FormStamp {
        FormStamp { shown_at, check: key.sign(&format!("{csrf}:{shown_at}")) }
    }

    /// Whether `stamp` was made by this server for this visitor, long enough ago and not
    /// too long.
    pub fn verify(key: &SigningKey, stamp: &str, csrf: &str, now: i64) -> Result<(), StampProblem> {
        let (shown_at, check) = stamp.split_once('.').ok_or(StampProblem::Forged)?;
        let shown_at: i64 = shown_at.parse().map_err(|_| StampProblem::Forged)?;
        if !key.verify(&format!("{csrf}:{shown_at}"), check) {
            return Err(StampProblem::Forged);
        }
        match now - shown_at {
            age if age < MIN_SECONDS_TO_ANSWER => Err(StampProblem::TooQuick),
            age if age > MAX_AGE_SECONDS => Err(StampProblem::Stale),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for FormStamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.shown_at, self.check)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum StampProblem {
    Forged,
    TooQuick,
    Stale,
}

/// At most `per_hour` submissions per client address in any hour, on this instance.
pub struct RateLimiter {
    per_hour: u32,
    seen: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(per_hour: u32) -> RateLimiter {
        RateLimiter { per_hour, seen: Mutex::new(HashMap::new()) }
    }

    /// Counts one more from `client` if under the limit.
    pub fn allow(&self, client: IpAddr, now: Instant) -> bool {
        let hour = Duration::from_secs(3600);
        let mut seen = self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Forget clients that went quiet, so the map does not grow without end.
        if seen.len() > 10_000 {
            seen.retain(|_, times| times.back().is_some_and(|last| now.duration_since(*last) < hour));
        }
        let times = seen.entry(client).or_default();
        while times.front().is_some_and(|first| now.duration_since(*first) >= hour) {
            times.pop_front();
        }
        if times.len() >= self.per_hour as usize {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_bound_to_the_visitor_and_to_time() {
        let key = SigningKey::derive(b"server secret", "stamp");
        let stamp = FormStamp::at(&key, 1_000, "token-a").to_string();
        assert_eq!(FormStamp::verify(&key, &stamp, "token-a", 1_010), Ok(()));
        assert_eq!(FormStamp::verify(&key, &stamp, "token-a", 1_001), Err(StampProblem::TooQuick));
        assert_eq!(FormStamp::verify(&key, &stamp, "token-b", 1_010), Err(StampProblem::Forged));
        assert_eq!(FormStamp::verify(&key, "999.abc", "token-a", 1_010), Err(StampProblem::Forged));
        assert_eq!(FormStamp::verify(&key, &stamp, "token-a", 1_000 + 2 * 86_400), Err(StampProblem::Stale));
    }

    #[test]
    fn a_visitor_cannot_make_a_stamp_without_the_servers_secret() {
        // What the stamp used to be: a hash of the visitor's own token and the time.
        let key = SigningKey::derive(b"server secret", "stamp");
        let made_up = format!("1000.{}", &crate::accounts::session::token_hash("token-a:1000")[..16]);
        assert_eq!(FormStamp::verify(&key, &made_up, "token-a", 1_010), Err(StampProblem::Forged));
        let other_server = FormStamp::at(&SigningKey::derive(b"other secret", "stamp"), 1_000, "token-a").to_string();
        assert_eq!(FormStamp::verify(&key, &other_server, "token-a", 1_010), Err(StampProblem::Forged));
    }

    #[test]
    fn the_limit_counts_per_client_per_hour() {
        let limiter = RateLimiter::new(2);
        let (a, b) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let start = Instant::now();
        assert!(limiter.allow(a, start));
        assert!(limiter.allow(a, start));
        assert!(!limiter.allow(a, start + Duration::from_secs(60)));
        assert!(limiter.allow(b, start + Duration::from_secs(60)));
        assert!(limiter.allow(a, start + Duration::from_secs(3601)));
    }
}
