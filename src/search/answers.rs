//! Answers already given, kept until the index or the synonym groups change.
//!
//! Clinicians ask the same few things many times a day ("tolk", "diabetes", "NEWS"):
//! the answer to a repeated search is the one computed for the same words, filters,
//! page and day against the same index and the same synonym groups. Every answer kept
//! belongs to one searcher generation (each commit the index takes in is a new one) and
//! one list of synonym groups; when either moves on, everything kept is let go, so an
//! answer is never older than the index it would be computed from. Each instance keeps
//! its own answers, as it keeps its own index.
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

use lru::LruCache;

use super::query::{SearchError, SearchRequest, SearchResults};
use super::synonyms::Synonyms;

/// What an answer was computed from, besides the request.
#[derive(Clone)]
pub struct Basis {
    /// The searcher generation of the index.
    pub generation: u64,
    pub synonyms: Arc<Synonyms>,
}

impl Basis {
    fn is(&self, other: &Basis) -> bool {
        self.generation == other.generation && Arc::ptr_eq(&self.synonyms, &other.synonyms)
    }
}

/// The most recently asked answers, at most `kept` of them; none when `kept` is 0.
pub struct Answers {
    kept: Option<Mutex<Kept>>,
}

struct Kept {
    basis: Option<Basis>,
    answers: LruCache<SearchRequest, Arc<SearchResults>>,
}

impl Answers {
    pub fn keeping(kept: usize) -> Answers {
        let kept = NonZeroUsize::new(kept).map(|most| Mutex::new(Kept { basis: None, answers: LruCache::new(most) }));
        Answers { kept }
    }

    /// The answer given to `request` on this same basis, if one is kept.
    pub fn get(&self, basis: &Basis, request: &SearchRequest) -> Option<Arc<SearchResults>> {
        let mut kept = self.lock()?;
        kept.move_to(basis);
        kept.answers.get(request).cloned()
    }

    /// Keeps `answer`, unless the basis it was computed on has already been left behind
    /// (the index took a commit while it was computed): an older answer is not kept.
    pub fn keep(&self, basis: &Basis, request: SearchRequest, answer: Arc<SearchResults>) {
        let Some(mut kept) = self.lock() else { return };
        if kept.basis.as_ref().is_some_and(|current| current.generation > basis.generation) {
            return;
        }
        kept.move_to(basis);
        kept.answers.put(request, answer);
    }

    /// How many answers are kept now (for tests and the benchmark).
    pub fn len(&self) -> usize {
        self.lock().map_or(0, |kept| kept.answers.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> Option<std::sync::MutexGuard<'_, Kept>> {
        // A panic while the lock was held leaves a map that is still consistent.
        self.kept.as_ref().map(|kept| kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}

impl Kept {
    /// Lets every answer go when `basis` is not the one they were computed on.
    fn move_to(&mut self, basis: &Basis) {
        if !self.basis.as_ref().is_some_and(|current| current.is(basis)) {
            self.answers.clear();
            self.basis = Some(basis.clone());
        }
    }
}

/// The answer kept for `request` when the same was asked of the index as it is now.
pub fn kept_answer(index: &super::SearchIndex, request: &SearchRequest) -> Option<Arc<SearchResults>> {
    index.answers.get(&basis(&index.reader.searcher(), &index.synonyms.current()), request)
}

/// Searches, and keeps the answer for the next time the same is asked.
pub fn search_and_keep(index: &super::SearchIndex, request: &SearchRequest) -> Result<Arc<SearchResults>, SearchError> {
    let (searcher, synonyms) = (index.reader.searcher(), index.synonyms.current());
    let basis = basis(&searcher, &synonyms);
    if let Some(kept) = index.answers.get(&basis, request) {
        return Ok(kept);
    }
    let answer = Arc::new(super::query::search_in(index, &searcher, &synonyms, request)?);
    index.answers.keep(&basis, request.clone(), answer.clone());
    Ok(answer)
}

fn basis(searcher: &tantivy::Searcher, synonyms: &Arc<Synonyms>) -> Basis {
    Basis { generation: searcher.generation().generation_id(), synonyms: synonyms.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(text: &str) -> SearchRequest {
        SearchRequest { text: text.to_owned(), limit: 10, ..Default::default() }
    }

    fn answer(total: usize) -> Arc<SearchResults> {
        Arc::new(SearchResults { total, ..Default::default() })
    }

    #[test]
    fn an_answer_is_given_again_only_for_the_same_request_index_and_synonyms() {
        let answers = Answers::keeping(10);
        let synonyms = Arc::new(Synonyms::default());
        let first = Basis { generation: 1, synonyms: synonyms.clone() };
        answers.keep(&first, asking("tolk"), answer(7));
        assert_eq!(answers.get(&first, &asking("tolk")).map(|a| a.total), Some(7));
        assert!(answers.get(&first, &asking("tolken")).is_none(), "another text");
        assert!(answers.get(&first, &SearchRequest { offset: 10, ..asking("tolk") }).is_none(), "another page");

        let edited_synonyms = Basis { generation: 1, synonyms: Arc::new(Synonyms::default()) };
        assert!(answers.get(&edited_synonyms, &asking("tolk")).is_none(), "the synonym groups changed");
        answers.keep(&edited_synonyms, asking("tolk"), answer(8));
        let committed = Basis { generation: 2, synonyms: edited_synonyms.synonyms.clone() };
        assert!(answers.get(&committed, &asking("tolk")).is_none(), "the index took a commit");
        assert!(answers.is_empty());
    }

    #[test]
    fn an_answer_computed_before_a_commit_is_not_kept_after_it() {
        let answers = Answers::keeping(10);
        let synonyms = Arc::new(Synonyms::default());
        let (before, after) = (Basis { generation: 4, synonyms: synonyms.clone() }, Basis { generation: 5, synonyms });
        assert!(answers.get(&after, &asking("diabetes")).is_none());
        answers.keep(&before, asking("diabetes"), answer(3));
        assert!(answers.get(&after, &asking("diabetes")).is_none());
    }

    #[test]
    fn the_least_recently_asked_answer_goes_first_and_none_are_kept_when_off() {
        let answers = Answers::keeping(2);
        let basis = Basis { generation: 1, synonyms: Arc::new(Synonyms::default()) };
        answers.keep(&basis, asking("a"), answer(1));
        answers.keep(&basis, asking("b"), answer(2));
        assert!(answers.get(&basis, &asking("a")).is_some());
        answers.keep(&basis, asking("c"), answer(3));
        assert!(answers.get(&basis, &asking("b")).is_none(), "b was asked least recently");
        assert_eq!(answers.len(), 2);

        let off = Answers::keeping(0);
        off.keep(&basis, asking("a"), answer(1));
        assert!(off.get(&basis, &asking("a")).is_none());
    }
}
