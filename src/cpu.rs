//! Heavy CPU work (argon2 password hashes, Markdown of a size a user chooses) runs here,
//! off the HTTP worker threads, so that public pages keep answering while it runs. At
//! most one job per core runs at a time; the others wait without holding a worker.
//!
//! Searches have slots of their own, as many as cores: a search never waits behind a
//! password hash, and 64 searches at once run one per core instead of crowding the
//! cores with 64 threads, each with its own working memory (measured at 100,000
//! documents: resident memory 223 → 135 MiB, p99 179 → 134 ms, throughput 674 → 577
//! requests per second with the load generator on the same cores; two per core gave
//! 653 requests per second at 150 MiB).
use std::sync::LazyLock;

use tokio::sync::Semaphore;

/// At most one job per core at a time.
pub struct Slots(LazyLock<Semaphore>);

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
}

impl Slots {
    const fn per_core() -> Slots {
        Slots(LazyLock::new(|| Semaphore::new(cores())))
    }

    /// Runs `work` on a blocking thread once a slot is free, and gives its result.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> T {
        // The semaphore is never closed, so acquiring only waits.
        let _slot = self.0.acquire().await.ok();
        match tokio::task::spawn_blocking(work).await {
            Ok(value) => value,
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
}

static HEAVY: Slots = Slots::per_core();
pub static SEARCHES: Slots = Slots::per_core();

/// Runs heavy `work` on a blocking thread once a slot is free, and gives its result.
pub async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    HEAVY.run(work).await
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn work_runs_on_another_thread_and_returns_its_result() {
        let here = std::thread::current().id();
        let (there, sum) = super::run(|| (std::thread::current().id(), (1..=10).sum::<u32>())).await;
        assert_eq!(sum, 55);
        assert_ne!(there, here);
    }
}
