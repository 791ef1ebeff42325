//! Reader feedback: "Was this useful? / Report an error or outdated content" on every
//! public page, without an account, landing in the page's area's editor dashboard.
//! Spam is held off without third parties: a hidden field people never fill in, a
//! signed time stamp (`web::form_stamp`: no answer within seconds of the page), and a
//! rate limit.
pub mod repo;
pub mod routes;

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_MESSAGE_CHARS: usize = 2000;

pub use crate::entities::feedback::FeedbackKind as Kind;

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
