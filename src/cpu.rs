//! Heavy CPU work (argon2 password hashes, Markdown of a size a user chooses) runs here,
//! off the HTTP worker threads, so that public pages keep answering while it runs. At
//! most one job per core runs at a time; the others wait without holding a worker.
use std::sync::LazyLock;

use tokio::sync::Semaphore;

static SLOTS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)));

/// Runs `work` on a blocking thread once a slot is free, and gives its result.
pub async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    // The semaphore is never closed, so acquiring only waits.
    let _slot = SLOTS.acquire().await.ok();
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
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
