//! From what a clinician types to ranked, filtered, highlighted hits with counts.
//!
//! Every query word is looked for in three ways, weighed from most to least certain:
//! the exact (folded) word, its stem, and as a part of longer words (compounds);
//! words of four letters or more also match with one or two typos. Title weighs more
//! than summary, summary more than body. Pages with every word come first; after them
//! the pages with some of the words, those with more (and rarer) words first, so a
//! query never finds fewer pages than any of its words would.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use crate::content::ContentKind;
use super::analysis::{self, StemLanguage, is_stop_word, tokens};
use super::facets::{FacetCollector, FacetCounts};
use super::ranking::{BOKMAL, NYNORSK, TopRanked};
use super::synonyms::Synonyms;
use super::index::{Fields, SearchIndex};
use super::snippets::Snippets;

/// What to search for; built from a validated request.
/// Equal requests get equal answers from the same index: the key of kept answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SearchRequest {
    pub text: String,
    pub kind: Option<String>,
    pub theme: Option<String>,
    /// Only this area's local items plus central items.
    pub area: Option<String>,
    pub lang: Option<String>,
    pub audience: Option<String>,
    pub limit: usize,
    pub offset: usize,
    /// The visitor's area: its local items rank above other areas' (no filtering).
    pub visitor_area: Option<String>,
    /// Today, in days since 1970: news and events are ranked by how close they are.
    pub today_days: i64,
}

#[derive(Clone, Debug)]
pub struct Hit {
    pub item_id: i64,
    pub kind: ContentKind,
    pub area: String,
    pub lang: String,
    pub slug: String,
    /// A course's lesson: the hit links into the course.
    pub step: String,
    pub title: String,
    /// HTML-escaped text with matches in `<b>`.
    pub snippet_html: String,
    pub score: f32,
}

#[derive(Clone, Debug, Default)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Counts by facet (`type`, `theme`, `area`, `lang`, `audience`) and value.
    pub facets: FacetCounts,
    /// For a query that found nothing: the same query with its words corrected.
    pub did_you_mean: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search failed: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index holds a document of {0}: rebuild the index")]
    UnknownKind(#[from] crate::content::UnknownKind),
}

/// The words and quoted phrases of a query, folded the way the index folds them.
#[derive(Debug, Default, PartialEq)]
pub struct ParsedQuery {
    /// Lower-cased words outside quotes, stop words left out (unless that leaves none).
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
    /// The words typed as acronyms ("LAR"), lower-cased as in `words`.
    pub acronyms: Vec<String>,
}

pub fn parse(text: &str) -> ParsedQuery {
    let mut lower = TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).build();
    let mut exact = analysis::exact_analyzer();
    let mut parsed = ParsedQuery::default();
    for (index, part) in text.split('"').enumerate() {
        if index % 2 == 1 {
            let phrase = tokens(&mut exact, part);
            if !phrase.is_empty() {
                parsed.phrases.push(phrase);
            }
        } else {
            parsed.words.extend(tokens(&mut lower, part));
            let typed = part.split(|c: char| !c.is_alphanumeric()).filter(|w| analysis::is_acronym(w));
            parsed.acronyms.extend(typed.map(str::to_lowercase));
        }
    }
    let content: Vec<String> = parsed.words.iter().filter(|w| !is_stop_word(w)).cloned().collect();
    if !content.is_empty() {
        parsed.words = content;
    }
    parsed.words.truncate(12);
    parsed
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let query = TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs);
    Box::new(BoostQuery::new(Box::new(query), boost))
}

/// The index's analyzers, to treat query words exactly as the indexed text.
pub(super) struct Analyzers {
    pub(super) exact: TextAnalyzer,
    pub(super) stems: [TextAnalyzer; 3],
}

impl Analyzers {
    #[allow(clippy::expect_used, reason = "SearchIndex::open registers every analyzer; a missing one is a bug of ours")]
    pub(super) fn of(index: &SearchIndex) -> Analyzers {
        let registered = |name: &str| index.index.tokenizers().get(name).expect("the analyzers are registered on open");
        Analyzers { exact: registered(analysis::EXACT), stems: StemLanguage::ALL.map(|l| registered(l.analyzer_name())) }
    }

    pub(super) fn stem(&mut self, language: StemLanguage, word: &str) -> Option<String> {
        tokens(&mut self.stems[language.index()], word).into_iter().next()
    }
}

/// Where a word is looked for, and how much each place weighs.
struct WordQuery {
    folded: String,
    /// The word's stem in each stem language (a word is not known to be Norwegian,
    /// English or Arabic; each language's stem only meets pages in that language).
    stems: Vec<(StemLanguage, String)>,
}

impl WordQuery {
    fn new(word: &str, analyzers: &mut Analyzers) -> Option<WordQuery> {
        let folded = tokens(&mut analyzers.exact, word).into_iter().next()?;
        let stems = StemLanguage::ALL.into_iter().filter_map(|l| Some((l, analyzers.stem(l, word)?))).collect();
        Some(WordQuery { stems, folded })
    }

    /// `known`: the word is in the index as typed, so it is not treated as a typo.
    fn query(&self, f: &Fields, known: bool) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Should, term_query(f.title_exact, &self.folded, 8.0)),
            (Occur::Should, term_query(f.summary_exact, &self.folded, 4.0)),
            (Occur::Should, term_query(f.body_exact, &self.folded, 2.0)),
        ];
        for (language, stem) in &self.stems {
            let stemmed = f.stems[language.index()];
            clauses.push((Occur::Should, term_query(stemmed.title, stem, 5.0)));
            clauses.push((Occur::Should, term_query(stemmed.summary, stem, 2.5)));
            clauses.push((Occur::Should, term_query(stemmed.body, stem, 1.2)));
        }
        let length = self.folded.chars().count();
        // The Norwegian stem starts compounds as the word does ("legemidler": stem
        // "legemiddel", in "legemiddellister"; "trykksårene": "trykksår").
        let norwegian = self.stems.iter().find(|(l, _)| *l == StemLanguage::Norwegian).map(|(_, stem)| stem);
        if let Some(stem) = norwegian.filter(|stem| **stem != self.folded && stem.chars().count() > analysis::SHORTEST_PART) {
            for (field, boost) in [(f.title_parts, PART_IN_TITLE), (f.summary_parts, PART_IN_SUMMARY)] {
                let starts_an_ending = FuzzyTermQuery::new_prefix(Term::from_field_text(field, stem), 0, true);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(starts_an_ending), boost / 2.0))));
            }
            if stem.chars().count() >= LONG_WORD {
                clauses.push((Occur::Should, starts_a_body_word(f, stem)));
            }
        }
        if length >= analysis::SHORTEST_PART {
            // The word as a part of longer words (compounds), in titles and summaries only:
            // in body text, parts of words match too much noise. As the last part (the
            // head: "trykksår" is a kind of "sår") it is scored like a word; anywhere in
            // the word it scores a constant, more for a longer, more telling part.
            let telling = (length.min(10) as f32) / 6.0;
            for (field, boost) in [(f.title_parts, PART_IN_TITLE), (f.summary_parts, PART_IN_SUMMARY)] {
                clauses.push((Occur::Should, term_query(field, &self.folded, boost / 4.0)));
                let starts_an_ending = FuzzyTermQuery::new_prefix(Term::from_field_text(field, &self.folded), 0, true);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(starts_an_ending), boost * telling))));
            }
        }
        if length >= LONG_WORD {
            // A long word starting a longer word of the text ("trykksår" in
            // "trykksårforebygging", "diabetes" in "diabetessykepleier"): telling enough
            // for body text, at a constant below a match of the word itself.
            clauses.push((Occur::Should, starts_a_body_word(f, &self.folded)));
        }
        if length >= 4 && !known {
            let distance = if length >= 7 { 2 } else { 1 };
            for (field, boost) in [(f.title_exact, 4.0), (f.body_exact, 1.5)] {
                let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, &self.folded), distance, true);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(fuzzy), boost))));
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

/// `start` (folded) as the start of a longer word of a page's text, at a constant.
fn starts_a_body_word(f: &Fields, start: &str) -> Box<dyn Query> {
    let starts_a_word = FuzzyTermQuery::new_prefix(Term::from_field_text(f.body_exact, start), 0, true);
    Box::new(BoostQuery::new(Box::new(starts_a_word), STARTS_A_BODY_WORD))
}

/// The score of a title or summary in which the word is part of a longer word: about
/// what a stemmed match in a summary scores.
const PART_IN_TITLE: f32 = 12.0;
const PART_IN_SUMMARY: f32 = 4.0;
const STARTS_A_BODY_WORD: f32 = 1.0;
const LONG_WORD: usize = 7;

fn phrase_query(f: &Fields, words: &[String]) -> Box<dyn Query> {
    if words.len() == 1 {
        return Box::new(BooleanQuery::new(vec![
            (Occur::Should, term_query(f.title_exact, &words[0], 3.0)),
            (Occur::Should, term_query(f.summary_exact, &words[0], 2.0)),
            (Occur::Should, term_query(f.body_exact, &words[0], 1.0)),
        ]));
    }
    // Every pair of words in a row must be there: a phrase of two words exactly, a
    // longer one almost always.
    let pairs = analysis::pairs(words);
    let phrase = |field: Field, boost: f32| -> (Occur, Box<dyn Query>) {
        let all_pairs = pairs.iter().map(|pair| (Occur::Must, term_query(field, pair, 1.0))).collect();
        (Occur::Should, Box::new(BoostQuery::new(Box::new(BooleanQuery::new(all_pairs)), boost)))
    };
    Box::new(BooleanQuery::new(vec![phrase(f.title_pairs, 3.0), phrase(f.summary_pairs, 2.0), phrase(f.body_pairs, 1.0)]))
}

fn filters(f: &Fields, request: &SearchRequest) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (field, value) in [
        (f.kind, &request.kind),
        (f.themes, &request.theme),
        (f.lang, &request.lang),
        (f.audience, &request.audience),
    ] {
        if let Some(value) = value {
            clauses.push((Occur::Must, term_query(field, value, 0.0)));
        }
    }
    if let Some(area) = &request.area {
        let either = BooleanQuery::new(vec![
            (Occur::Should, term_query(f.area, area, 0.0)),
            (Occur::Should, term_query(f.area, crate::areas::CENTRAL, 0.0)),
        ]);
        clauses.push((Occur::Must, Box::new(either)));
    }
    clauses
}

/// Is the folded word in any title, summary or text of the index?
fn is_known(searcher: &Searcher, f: &Fields, folded: &str) -> bool {
    [f.title_exact, f.summary_exact, f.body_exact]
        .into_iter()
        .any(|field| searcher.doc_freq(&Term::from_field_text(field, folded)).unwrap_or(0) > 0)
}

/// A synonym weighs a little less than the word typed.
const SYNONYM: f32 = 0.8;

/// A word, or an expression of several words (all of them), as a query.
fn words_query(index: &SearchIndex, searcher: &Searcher, analyzers: &mut Analyzers, text: &str) -> Option<Box<dyn Query>> {
    let f = &index.fields;
    let mut parts: Vec<(Occur, Box<dyn Query>)> = text
        .split_whitespace()
        .filter_map(|w| WordQuery::new(w, analyzers))
        .map(|w| (Occur::Must, w.query(f, is_known(searcher, f, &w.folded))))
        .collect();
    match parts.len() {
        0 => None,
        1 => parts.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(parts))),
    }
}

/// The synonyms of `typed` as queries, each a little below the word typed.
fn synonym_queries(index: &SearchIndex, searcher: &Searcher, analyzers: &mut Analyzers, synonyms: &Synonyms, typed: &str) -> Vec<Box<dyn Query>> {
    synonyms
        .of(typed)
        .into_iter()
        .filter_map(|other| words_query(index, searcher, analyzers, other))
        .map(|query| Box::new(BoostQuery::new(query, SYNONYM)) as Box<dyn Query>)
        .collect()
}

/// `own`, or any of `others`.
fn either(own: Box<dyn Query>, others: &[Box<dyn Query>]) -> Box<dyn Query> {
    if others.is_empty() {
        return own;
    }
    let mut either: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, own)];
    either.extend(others.iter().map(|other| (Occur::Should, other.box_clone())));
    Box::new(BooleanQuery::new(either))
}

/// A compound typed that pages may write apart or compound otherwise: "kateterstell"
/// also as "kateter" and "stell" ("Stell av urinkateter"), "sårbehandling" as "sår" and
/// "behandling" ("Behandling av leggsår"), a binding s or e between the pieces let go.
/// Of the splits into two words the index knows, the one whose shorter piece is longest.
fn split_compound(searcher: &Searcher, f: &Fields, analyzers: &mut Analyzers, word: &str) -> Option<(String, String)> {
    const SHORTEST_PIECE: usize = 3;
    let letters: Vec<char> = word.chars().collect();
    if letters.len() < 2 * SHORTEST_PIECE + 1 || !letters.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    // A piece is a word of some page, or the end of one in a title or summary ("kateter"
    // of "urinkateter").
    let is_an_ending = |folded: &str| {
        [f.title_parts, f.summary_parts].into_iter().any(|field| searcher.doc_freq(&Term::from_field_text(field, folded)).unwrap_or(0) > 0)
    };
    let mut known = |piece: &str| tokens(&mut analyzers.exact, piece).first().is_some_and(|folded| is_known(searcher, f, folded) || is_an_ending(folded));
    let mut best: Option<(usize, String, String)> = None;
    for at in SHORTEST_PIECE..=letters.len() - SHORTEST_PIECE {
        let shorter = at.min(letters.len() - at);
        if best.as_ref().is_some_and(|(longest, ..)| *longest >= shorter) {
            continue;
        }
        let tail: String = letters[at..].iter().collect();
        if !known(&tail) {
            continue;
        }
        let head: String = letters[..at].iter().collect();
        let unbound = head.strip_suffix(['s', 'e']).filter(|h| h.chars().count() >= SHORTEST_PIECE);
        let head = if known(&head) { Some(head.clone()) } else { unbound.filter(|h| known(h)).map(str::to_owned) };
        if let Some(head) = head {
            best = Some((shorter, head, tail));
        }
    }
    best.map(|(_, head, tail)| (head, tail))
}

/// Pieces of a compound weigh less than the compound as typed.
const PIECES: f32 = 0.6;

/// A query word as the index can find it: as typed (with typos allowed when the index
/// does not know it), as the acronym typed, or as the pieces of the compound typed.
/// `word` as typed (lower-cased, not folded: its pieces are analysed again); `known`: the
/// index has it.
fn word_query(searcher: &Searcher, f: &Fields, analyzers: &mut Analyzers, word: &str, typed: &WordQuery, known: bool, typed_as_acronym: bool) -> Box<dyn Query> {
    let query = typed.query(f, known);
    if typed_as_acronym && searcher.doc_freq(&Term::from_field_text(f.acronyms, &typed.folded)).unwrap_or(0) > 0 {
        // Pages that write it as an acronym, and no others: "LAR" is not "lar" or "lår".
        return Box::new(BooleanQuery::new(vec![(Occur::Must, term_query(f.acronyms, &typed.folded, 4.0)), (Occur::Should, query)]));
    }
    let Some((head, tail)) = split_compound(searcher, f, analyzers, word) else { return query };
    let pieces: Vec<(Occur, Box<dyn Query>)> =
        [head, tail].iter().filter_map(|piece| WordQuery::new(piece, analyzers)).map(|w| (Occur::Must, w.query(f, true))).collect();
    let apart: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(BooleanQuery::new(pieces)), PIECES));
    Box::new(BooleanQuery::new(vec![(Occur::Should, query), (Occur::Should, apart)]))
}

/// A query's words as the index looks for them: made once, for the query that wants
/// every word and the one that wants any.
struct Words {
    /// Each word (as typed, in pieces, as an acronym) or one of its synonyms.
    each: Vec<Box<dyn Query>>,
    /// The synonyms of the whole query, when a group holds it as an expression
    /// ("kronisk obstruktiv lungesykdom").
    whole: Vec<Box<dyn Query>>,
}

/// The word nearest to one the index does not know weighs less than a word typed right.
const CORRECTED: f32 = 0.8;

/// What a Norwegian word weighs in a translation's original (under a language filter).
const IN_ORIGINAL: f32 = 2.0;

/// `in_translations`: the search is filtered to a language other than Norwegian, so a
/// Norwegian word also finds translations whose original has it.
fn words(index: &SearchIndex, searcher: &Searcher, synonyms: &Synonyms, parsed: &ParsedQuery, in_translations: bool) -> Words {
    let f = &index.fields;
    let mut analyzers = Analyzers::of(index);
    let mut each = Vec::new();
    for word in &parsed.words {
        let Some(typed) = WordQuery::new(word, &mut analyzers) else { continue };
        let known = is_known(searcher, f, &typed.folded);
        let query = word_query(searcher, f, &mut analyzers, word, &typed, known, parsed.acronyms.contains(word));
        // A word the index does not know is taken as the word it is nearest for its
        // synonyms too: "hypoglykmi" finds what "hypoglykemi" and "føling" find.
        let corrected = if !known && synonyms.of(word).is_empty() {
            closest_known(searcher, f, &typed.folded)
        } else {
            None
        };
        let mut others = synonym_queries(index, searcher, &mut analyzers, synonyms, corrected.as_deref().unwrap_or(word));
        if let Some(nearest) = corrected.as_deref().and_then(|c| WordQuery::new(c, &mut analyzers)) {
            others.push(Box::new(BoostQuery::new(nearest.query(f, true), CORRECTED)));
        }
        let norwegian = typed.stems.iter().find(|(language, _)| *language == StemLanguage::Norwegian);
        if let Some((_, stem)) = norwegian.filter(|_| in_translations) {
            others.push(term_query(f.original, stem, IN_ORIGINAL));
        }
        each.push(either(query, &others));
    }
    let whole = if parsed.words.len() > 1 && parsed.phrases.is_empty() && !each.is_empty() {
        synonym_queries(index, searcher, &mut analyzers, synonyms, &parsed.words.join(" "))
    } else {
        Vec::new()
    };
    Words { each, whole }
}

fn build(f: &Fields, words: &Words, parsed: &ParsedQuery, request: &SearchRequest, all_words: bool) -> Box<dyn Query> {
    let word_occur = if all_words { Occur::Must } else { Occur::Should };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = words.each.iter().map(|word| (word_occur, word.box_clone())).collect();
    if !words.whole.is_empty() {
        let typed: Box<dyn Query> = Box::new(BooleanQuery::new(std::mem::take(&mut clauses)));
        clauses.push((Occur::Must, either(typed, &words.whole)));
    }
    clauses.extend(parsed.phrases.iter().map(|p| (Occur::Must, phrase_query(f, p))));
    if clauses.is_empty() {
        // Nothing typed lists everything; typed text with no usable word finds nothing.
        let everything: Box<dyn Query> = if request.text.trim().is_empty() { Box::new(AllQuery) } else { Box::new(EmptyQuery) };
        clauses.push((Occur::Must, everything));
    }
    clauses.extend(filters(f, request));
    Box::new(BooleanQuery::new(clauses))
}

/// Searches the index as it is now, with the synonym groups as they are now.
pub fn search(index: &SearchIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    search_in(index, &index.reader.searcher(), &index.synonyms.current(), request)
}

pub(super) fn search_in(index: &SearchIndex, searcher: &Searcher, synonyms: &Synonyms, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let f = &index.fields;
    index.facet_layouts.keep_only_those_of(searcher);
    let parsed = parse(&request.text);
    let standard = if parsed.words.iter().any(|w| super::nynorsk::to_bokmal(w).is_some()) { NYNORSK } else { BOKMAL };
    let top = |offset, limit| TopRanked::window(request, offset, limit).written_in(standard);
    let in_translations = request.lang.as_deref().is_some_and(|lang| super::ranking::written_standard(lang) == 0);
    let words = words(index, searcher, synonyms, &parsed, in_translations);
    let every_word = build(f, &words, &parsed, request, true);
    let (ranked_hits, total, facet_results) = if parsed.words.len() < 2 {
        searcher.search(&*every_word, &(top(request.offset, request.limit), Count, FacetCollector(&index.facet_layouts)))?
    } else {
        // Counts and facets over every page with any of the words; the list shows the
        // pages with all of them first, then the rest.
        let any_word = build(f, &words, &parsed, request, false);
        let (total, facets) = searcher.search(&*any_word, &(Count, FacetCollector(&index.facet_layouts)))?;
        let (mut hits, with_all) = searcher.search(&*every_word, &(top(request.offset, request.limit), Count))?;
        let end = request.offset + request.limit.max(1);
        if end > with_all {
            let start = request.offset.max(with_all);
            let rest = BooleanQuery::new(vec![(Occur::Must, any_word), (Occur::MustNot, every_word)]);
            hits.extend(searcher.search(&rest, &top(start - with_all, end - start))?);
        }
        (hits, total, facets)
    };
    let mut snippets = Snippets::new(index, searcher, &parsed);
    let mut hits = Vec::with_capacity(ranked_hits.len());
    for (score, address) in ranked_hits {
        hits.push(hit(searcher, f, address, score, Some(&mut snippets))?);
    }
    let did_you_mean = did_you_mean(searcher, f, &parsed);
    Ok(SearchResults { total, hits, facets: facet_results, did_you_mean })
}

fn hit(searcher: &Searcher, f: &Fields, address: DocAddress, score: Score, snippets: Option<&mut Snippets>) -> Result<Hit, SearchError> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
    let lang = text(f.lang);
    let snippet_html = snippets
        .and_then(|s| s.of(&lang, &text(f.body_exact)))
        .unwrap_or_else(|| crate::web::markup::escape(&text(f.summary_exact)));
    Ok(Hit {
        item_id: doc.get_first(f.item_id).and_then(|v| v.as_i64()).unwrap_or_default(),
        kind: text(f.kind).parse()?,
        area: text(f.area),
        lang,
        slug: text(f.slug),
        step: text(f.step),
        title: text(f.title_exact),
        snippet_html,
        score,
    })
}

/// For a query with words the index does not have: each such word replaced by the
/// closest frequent word of the index (titles and texts), when one is near enough.
fn did_you_mean(searcher: &Searcher, f: &Fields, parsed: &ParsedQuery) -> Option<String> {
    let mut exact = analysis::exact_analyzer();
    let mut changed = false;
    let mut corrected = Vec::new();
    for word in &parsed.words {
        let folded = tokens(&mut exact, word).into_iter().next()?;
        if is_known(searcher, f, &folded) {
            corrected.push(word.clone());
            continue;
        }
        // A word cut short ("delir") is more likely the start of a word the index has
        // ("delirium") than a typo of another word ("deler").
        let completed = completion(searcher, f.body_exact, &folded).or_else(|| completion(searcher, f.title_exact, &folded));
        let better = completed.or_else(|| closest_known(searcher, f, &folded));
        match better {
            Some(better) if better != folded => {
                changed = true;
                corrected.push(better);
            }
            _ => corrected.push(word.clone()),
        }
    }
    changed.then(|| corrected.join(" "))
}

/// The most frequent word of the index that starts with `word` (three letters or more).
fn completion(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
    if word.chars().count() < 3 {
        return None;
    }
    most_frequent_match(searcher, field, word, FuzzyTermQuery::new_prefix(Term::from_field_text(field, word), 0, true))
}

/// The most frequent word other than `word` that `query`'s automaton accepts.
fn most_frequent_match(searcher: &Searcher, field: Field, word: &str, query: FuzzyTermQuery) -> Option<String> {
    let automaton = query.automaton().ok()?;
    let mut best: Option<(u32, String)> = None;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field).ok()?;
        let mut stream = inverted.terms().search(&automaton).into_stream().ok()?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
            let frequency = stream.value().doc_freq;
            if term != word && best.as_ref().is_none_or(|(f, _)| frequency > *f) {
                best = Some((frequency, term.to_owned()));
            }
        }
    }
    best.map(|(_, term)| term)
}

/// The known word nearest to `word`: in the texts, else the titles, else the summaries
/// and the editors' keywords with them.
fn closest_known(searcher: &Searcher, f: &Fields, word: &str) -> Option<String> {
    [f.body_exact, f.title_exact, f.summary_exact].into_iter().find_map(|field| closest_term(searcher, field, word))
}

fn closest_term(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
    let length = word.chars().count();
    if length < 3 {
        return None;
    }
    let most = if length >= 7 { 2 } else { 1 };
    // Nearest first; among equally near words, the most frequent. The term dictionary
    // is walked with a Levenshtein automaton, never word by word.
    (1..=most).find_map(|distance| {
        most_frequent_match(searcher, field, word, FuzzyTermQuery::new(Term::from_field_text(field, word), distance, true))
    })
}

/// Titles that start like the text typed so far, for suggestions as you type.
pub fn suggest(index: &SearchIndex, text: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
    let searcher = index.reader.searcher();
    let f = &index.fields;
    let words = tokens(&mut analysis::exact_analyzer(), text);
    let Some((last, first)) = words.split_last() else { return Ok(Vec::new()) };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        first.iter().map(|w| (Occur::Must, term_query(f.title_exact, w, 1.0))).collect();
    let prefix = FuzzyTermQuery::new_prefix(Term::from_field_text(f.title_exact, last), 0, true);
    clauses.push((Occur::Must, Box::new(prefix)));
    let top = searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(limit.max(1)).order_by_score())?;
    top.into_iter().map(|(score, address)| hit(&searcher, f, address, score, None)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_words_are_phrases_and_stop_words_go() {
        let parsed = parse("hvordan bestille \"kvalifisert tolk\" til barn");
        assert_eq!(parsed.words, ["bestille", "barn"]);
        assert_eq!(parsed.phrases, [vec!["kvalifisert".to_owned(), "tolk".to_owned()]]);
        assert_eq!(parse("og").words, ["og"], "a query of stop words only keeps them");
    }
}
