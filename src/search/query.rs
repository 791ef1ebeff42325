//! From what a clinician types to ranked, filtered, highlighted hits with counts.
//!
//! Every query word is looked for in three ways, weighed from most to least certain:
//! the exact (folded) word, its stem, and as a part of longer words (compounds);
//! words of four letters or more also match with one or two typos. Title weighs more
//! than summary, summary more than body. All words must match when any document has
//! them all; otherwise the best partial matches are shown.
use std::collections::BTreeMap;

use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer, TokenizerManager};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, TantivyDocument, Term};

use super::analysis::{self, is_stop_word, tokens};
use super::index::{Fields, SearchIndex};

/// What to search for; built from a validated request.
#[derive(Clone, Debug, Default)]
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
    pub kind: String,
    pub area: String,
    pub lang: String,
    pub slug: String,
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
    pub facets: BTreeMap<&'static str, BTreeMap<String, u64>>,
    /// For a query that found nothing: the same query with its words corrected.
    pub did_you_mean: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("search failed: {0}")]
pub struct SearchError(#[from] tantivy::TantivyError);

/// The words and quoted phrases of a query, folded the way the index folds them.
#[derive(Debug, Default, PartialEq)]
pub struct ParsedQuery {
    /// Lower-cased words outside quotes, stop words left out (unless that leaves none).
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
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

/// Where a word is looked for, and how much each place weighs.
struct WordQuery {
    folded: String,
    stem: Option<String>,
}

impl WordQuery {
    fn new(word: &str, exact: &mut TextAnalyzer, stem: &mut TextAnalyzer) -> Option<WordQuery> {
        let folded = tokens(exact, word).into_iter().next()?;
        Some(WordQuery { stem: tokens(stem, word).into_iter().next(), folded })
    }

    /// `known`: the word is in the index as typed, so it is not treated as a typo.
    fn query(&self, f: &Fields, known: bool) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Should, term_query(f.title_exact, &self.folded, 8.0)),
            (Occur::Should, term_query(f.summary_exact, &self.folded, 4.0)),
            (Occur::Should, term_query(f.body_exact, &self.folded, 2.0)),
        ];
        if let Some(stem) = &self.stem {
            clauses.push((Occur::Should, term_query(f.title_stem, stem, 5.0)));
            clauses.push((Occur::Should, term_query(f.summary_stem, stem, 2.5)));
            clauses.push((Occur::Should, term_query(f.body_stem, stem, 1.2)));
        }
        let length = self.folded.chars().count();
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

/// The score of a title or summary in which the word is part of a longer word: about
/// what a stemmed match in a summary scores.
const PART_IN_TITLE: f32 = 12.0;
const PART_IN_SUMMARY: f32 = 4.0;

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

fn build(searcher: &Searcher, f: &Fields, parsed: &ParsedQuery, request: &SearchRequest, all_words: bool) -> Box<dyn Query> {
    let mut exact = analysis::exact_analyzer();
    let mut stem = analysis::stem_analyzer();
    let word_occur = if all_words { Occur::Must } else { Occur::Should };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = parsed
        .words
        .iter()
        .filter_map(|w| WordQuery::new(w, &mut exact, &mut stem))
        .map(|w| (word_occur, w.query(f, is_known(searcher, f, &w.folded))))
        .collect();
    clauses.extend(parsed.phrases.iter().map(|p| (Occur::Must, phrase_query(f, p))));
    if clauses.is_empty() {
        // Nothing typed lists everything; typed text with no usable word finds nothing.
        let everything: Box<dyn Query> = if request.text.trim().is_empty() { Box::new(AllQuery) } else { Box::new(EmptyQuery) };
        clauses.push((Occur::Must, everything));
    }
    clauses.extend(filters(f, request));
    Box::new(BooleanQuery::new(clauses))
}

pub fn search(index: &SearchIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let searcher = index.reader.searcher();
    let f = &index.fields;
    let parsed = parse(&request.text);
    let collect = |all_words: bool| {
        let query = build(&searcher, f, &parsed, request, all_words);
        let top = top_with_tweak(request, ranked(request).and_offset(request.offset));
        searcher.search(&*query, &(top, Count, facet_collector()))
    };
    let (mut ranked_hits, mut total, mut facet_results) = collect(true)?;
    if total == 0 && parsed.words.len() > 1 {
        (ranked_hits, total, facet_results) = collect(false)?;
    }
    let snippets = snippet_generator(&searcher, f, &parsed)?;
    let mut hits = Vec::with_capacity(ranked_hits.len());
    for (score, address) in ranked_hits {
        hits.push(hit(&searcher, f, address, score, snippets.as_ref())?);
    }
    let did_you_mean = did_you_mean(&searcher, f, &parsed);
    Ok(SearchResults { total, hits, facets: facets(facet_results), did_you_mean })
}

fn ranked(request: &SearchRequest) -> TopDocs {
    TopDocs::with_limit(request.limit.max(1))
}

/// Score adjustments that need the document: the visitor's own area first, and news
/// and events by closeness to today (an old news item should not top a search).
fn top_with_tweak(
    request: &SearchRequest,
    top: TopDocs,
) -> impl tantivy::collector::Collector<Fruit = Vec<(Score, DocAddress)>> {
    let visitor = request.visitor_area.as_deref().map(super::index::area_key);
    let today = request.today_days;
    top.tweak_score(move |segment: &SegmentReader| {
        let fast = segment.fast_fields();
        let areas = fast.u64("area_key").ok();
        let dated = fast.u64("dated").ok();
        let dates = fast.i64("date_days").ok();
        move |doc: DocId, score: Score| {
            let mut tweaked = score;
            if let (Some(visitor), Some(areas)) = (visitor, &areas)
                && areas.first(doc) == Some(visitor) {
                    tweaked *= 1.5;
                }
            if dated.as_ref().and_then(|d| d.first(doc)) == Some(1) {
                let date = dates.as_ref().and_then(|d| d.first(doc)).unwrap_or(0);
                let age = (today - date).unsigned_abs() as f32;
                // Half the weight after about half a year.
                tweaked *= 0.5 + 0.5 / (1.0 + age / 180.0);
            }
            tweaked
        }
    })
}

const FACETS: [(&str, &str); 5] = [("type", "kind"), ("theme", "theme"), ("area", "area"), ("lang", "lang"), ("audience", "audience")];

fn facet_collector() -> AggregationCollector {
    let request: serde_json::Map<String, serde_json::Value> = FACETS
        .iter()
        .map(|(name, field)| (name.to_string(), serde_json::json!({"terms": {"field": field, "size": 100}})))
        .collect();
    let aggregations: Aggregations = serde_json::from_value(serde_json::Value::Object(request)).expect("a valid aggregation request");
    AggregationCollector::from_aggs(aggregations, AggContextParams::new(AggregationLimitsGuard::default(), TokenizerManager::default()))
}

fn facets(results: AggregationResults) -> BTreeMap<&'static str, BTreeMap<String, u64>> {
    let json = serde_json::to_value(results).unwrap_or_default();
    FACETS
        .iter()
        .map(|(name, _)| {
            let counts = json[*name]["buckets"]
                .as_array()
                .map(|buckets| {
                    buckets
                        .iter()
                        .filter_map(|b| Some((b["key"].as_str()?.to_owned(), b["doc_count"].as_u64()?)))
                        .collect()
                })
                .unwrap_or_default();
            (*name, counts)
        })
        .collect()
}

/// Snippets highlight the stemmed query words in the stored body.
fn snippet_generator(searcher: &Searcher, f: &Fields, parsed: &ParsedQuery) -> Result<Option<SnippetGenerator>, SearchError> {
    let mut stem = analysis::stem_analyzer();
    let mut words: Vec<String> = parsed.words.iter().flat_map(|w| tokens(&mut stem, w)).collect();
    words.extend(parsed.phrases.iter().flatten().flat_map(|w| tokens(&mut stem, w)));
    if words.is_empty() {
        return Ok(None);
    }
    let terms: Vec<(Occur, Box<dyn Query>)> = words.iter().map(|w| (Occur::Should, term_query(f.body_stem, w, 1.0))).collect();
    let mut generator = SnippetGenerator::create(searcher, &BooleanQuery::new(terms), f.body_stem)?;
    generator.set_max_num_chars(220);
    Ok(Some(generator))
}

fn hit(searcher: &Searcher, f: &Fields, address: DocAddress, score: Score, snippets: Option<&SnippetGenerator>) -> Result<Hit, SearchError> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
    let snippet_html = snippets
        .map(|g| g.snippet_from_doc(&doc).to_html())
        .filter(|html| !html.trim().is_empty())
        .unwrap_or_else(|| escape_html(&text(f.summary_exact)));
    Ok(Hit {
        item_id: doc.get_first(f.item_id).and_then(|v| v.as_i64()).unwrap_or_default(),
        kind: text(f.kind),
        area: text(f.area),
        lang: text(f.lang),
        slug: text(f.slug),
        title: text(f.title_exact),
        snippet_html,
        score,
    })
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
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
        match closest_term(searcher, f.body_exact, &folded).or_else(|| closest_term(searcher, f.title_exact, &folded)) {
            Some(better) if better != folded => {
                changed = true;
                corrected.push(better);
            }
            _ => corrected.push(word.clone()),
        }
    }
    changed.then(|| corrected.join(" "))
}

fn closest_term(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
    let length = word.chars().count();
    if length < 3 {
        return None;
    }
    let most = if length >= 7 { 2 } else { 1 };
    // Nearest first; among equally near words, the most frequent. The term dictionary
    // is walked with a Levenshtein automaton, never word by word.
    for distance in 1..=most {
        let mut best: Option<(u32, String)> = None;
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field).ok()?;
            let automaton = FuzzyTermQuery::new(Term::from_field_text(field, word), distance, true).automaton().ok()?;
            let mut stream = inverted.terms().search(automaton).into_stream().ok()?;
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
                let frequency = stream.value().doc_freq;
                if term != word && best.as_ref().is_none_or(|(f, _)| frequency > *f) {
                    best = Some((frequency, term.to_owned()));
                }
            }
        }
        if let Some((_, term)) = best {
            return Some(term);
        }
    }
    None
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
