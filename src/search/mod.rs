//! Search (DESIGN.md section 8): a tantivy index of published content, analysed for
//! Norwegian, kept in step with the database through the change log.
pub mod analysis;
pub mod facets;
pub mod index;
pub mod query;
pub mod ranking;
pub mod routes;
pub mod sync;

pub use index::SearchIndex;
