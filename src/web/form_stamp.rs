//! A form's time stamp: when it was shown, bound to the visitor's form token and signed
//! with the server's secret. Anonymous forms (reader feedback) use it against bots: no
//! answer within seconds of the page, none from a page left open for days.
use std::fmt;

use crate::tokens::SigningKey;

/// People read before they answer; a form sent sooner than this after it was shown is a bot's.
pub const MIN_SECONDS_TO_ANSWER: i64 = 3;
/// A form older than this is stale (the page was left open for days).
const MAX_AGE_SECONDS: i64 = 24 * 3600;

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
        let made_up = format!("1000.{}", &crate::tokens::token_hash("token-a:1000")[..16]);
        assert_eq!(FormStamp::verify(&key, &made_up, "token-a", 1_010), Err(StampProblem::Forged));
        let other_server = FormStamp::at(&SigningKey::derive(b"other secret", "stamp"), 1_000, "token-a").to_string();
        assert_eq!(FormStamp::verify(&key, &other_server, "token-a", 1_010), Err(StampProblem::Forged));
    }
}
