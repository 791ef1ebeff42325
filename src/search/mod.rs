//! Search (DESIGN.md section 8): a tantivy index of published content, analysed for
//! Norwegian, kept in step with the database through the change log.
pub mod analysis;
pub mod answers;
pub mod facets;
pub mod index;
pub mod insight_routes;
pub mod insights;
pub mod nynorsk;
pub mod query;
pub mod ranking;
pub mod routes;
mod snippets;
pub mod synonym_routes;
pub mod synonyms;
pub mod sync;

pub use index::SearchIndex;

/// A date as days since 1970-01-01, the way the index stores dates for ranking.
pub(crate) fn days_since_epoch(date: chrono::NaiveDate) -> i64 {
    (date - chrono::DateTime::UNIX_EPOCH.date_naive()).num_days()
}
