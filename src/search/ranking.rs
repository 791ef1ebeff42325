//! The final order of hits: the text score, adjusted for who is asking and when.
//!
//! The visitor's own area ranks up (×1.5), pages in Norwegian, the site's language,
//! rank up a little among equals: in the written standard of the query (bokmål, or
//! nynorsk when a query word is nynorsk) ×1.1, in the other ×1.05; news and events
//! (×0.4) and a course's single lessons (×0.6) rank below guidance that matches as well,
//! as people search the site for guidance first; a translation (×0.75) below its
//! Norwegian original; and news and events lose weight with
//! distance from today (half after about half a year). Reading those
//! values costs more than the text score, so a page whose score could not reach the top
//! even with every bonus is passed over without reading them.
use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::index::area_key;
use super::query::SearchRequest;
use crate::content::ContentKind;

const OWN_AREA: Score = 1.5;
const NORWEGIAN: Score = 1.1;
const OTHER_NORWEGIAN: Score = 1.05;

/// Bokmål and nynorsk pages, as the index keeps them (0: another language).
pub const BOKMAL: u64 = 1;
pub const NYNORSK: u64 = 2;

/// A page's standing, for the index: guidance (guides, articles, leaflets, interpreter
/// pages, courses), news and events, or one lesson of a course.
pub const GUIDANCE: u64 = 0;
pub const DATED: u64 = 1;
pub const LESSON: u64 = 2;

pub fn standing(kind: ContentKind, step: &str) -> u64 {
    match kind {
        ContentKind::News | ContentKind::Event => DATED,
        ContentKind::Course if !step.is_empty() => LESSON,
        _ => GUIDANCE,
    }
}

/// What news and events, and a course's single lessons, weigh against guidance that
/// matches as well: short news about a subject otherwise ranks above the guidance on it.
const NEWS_AND_EVENTS: Score = 0.4;
const LESSONS: Score = 0.6;

/// What a translation weighs against its Norwegian original and other pages in the
/// site's language: the original says the same, and its page links the translations.
const TRANSLATIONS: Score = 0.75;

/// The written standard of a page's language, for the index.
pub fn written_standard(lang: &str) -> u64 {
    match lang {
        "nb" | "no" => BOKMAL,
        "nn" => NYNORSK,
        _ => 0,
    }
}
/// Recency never raises a score (its factor is at most 1).
const MOST: Score = OWN_AREA * NORWEGIAN;

/// The recency factor of news and events is 0.5 + 0.5 / (1 + age / RECENCY_DAYS):
/// 1 today, 0.75 after half a year, towards 0.5 for old items.
const RECENCY_DAYS: f32 = 180.0;

/// The best `offset + limit` pages by adjusted score, then `limit` of them after `offset`.
pub struct TopRanked {
    offset: usize,
    limit: usize,
    visitor: Option<u64>,
    today: i64,
    /// `BOKMAL` or `NYNORSK`: the standard the query is written in.
    standard: u64,
}

impl TopRanked {
    pub fn new(request: &SearchRequest) -> TopRanked {
        TopRanked::window(request, request.offset, request.limit)
    }

    /// The request's ranking, for `limit` pages after `offset`.
    pub fn window(request: &SearchRequest, offset: usize, limit: usize) -> TopRanked {
        TopRanked {
            offset,
            limit: limit.max(1),
            visitor: request.visitor_area.as_deref().map(area_key),
            today: request.today_days,
            standard: BOKMAL,
        }
    }

    /// For a query written in nynorsk: nynorsk pages get the bonus of the query's standard.
    pub fn written_in(mut self, standard: u64) -> TopRanked {
        self.standard = standard;
        self
    }
}

/// A candidate: adjusted score, then the older item first among equals. The item, not
/// the document's place in the index, breaks ties: the place depends on how the index
/// was written, and two instances would page through equal hits in different orders.
#[derive(Clone, Copy, Debug)]
pub struct Ranked {
    score: Score,
    item: i64,
    address: DocAddress,
}

impl Ord for Ranked {
    /// The better hit is the greater.
    fn cmp(&self, other: &Self) -> Ordering {
        self.score.total_cmp(&other.score).then_with(|| other.item.cmp(&self.item)).then_with(|| other.address.cmp(&self.address))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

pub struct SegmentTopRanked {
    segment: SegmentOrdinal,
    wanted: usize,
    visitor: Option<u64>,
    today: i64,
    standard: u64,
    areas: Option<Column<u64>>,
    norwegian: Option<Column<u64>>,
    translated: Option<Column<u64>>,
    standing: Option<Column<u64>>,
    dates: Option<Column<i64>>,
    items: Option<Column<i64>>,
    /// The best so far, the weakest on top (a min-heap through `Reverse`).
    best: BinaryHeap<std::cmp::Reverse<Ranked>>,
}

impl SegmentTopRanked {
    fn adjusted(&self, doc: DocId, score: Score) -> Score {
        let first = |column: &Option<Column<u64>>| column.as_ref().and_then(|c| c.first(doc));
        let mut adjusted = score;
        if self.visitor.is_some() && first(&self.areas) == self.visitor {
            adjusted *= OWN_AREA;
        }
        match first(&self.norwegian) {
            Some(standard) if standard == self.standard => adjusted *= NORWEGIAN,
            Some(BOKMAL | NYNORSK) => adjusted *= OTHER_NORWEGIAN,
            _ => {}
        }
        match first(&self.standing) {
            Some(DATED) => {
                let date = self.dates.as_ref().and_then(|d| d.first(doc)).unwrap_or(0);
                let age = (self.today - date).unsigned_abs() as f32;
                adjusted *= NEWS_AND_EVENTS * (0.5 + 0.5 / (1.0 + age / RECENCY_DAYS));
            }
            Some(LESSON) => adjusted *= LESSONS,
            _ => {}
        }
        if first(&self.translated) == Some(1) {
            adjusted *= TRANSLATIONS;
        }
        adjusted
    }
}

impl Collector for TopRanked {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentTopRanked;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentTopRanked> {
        let fast = reader.fast_fields();
        Ok(SegmentTopRanked {
            segment,
            wanted: self.offset + self.limit,
            visitor: self.visitor,
            today: self.today,
            standard: self.standard,
            areas: fast.u64("area_key").ok(),
            norwegian: fast.u64("norwegian").ok(),
            translated: fast.u64("translated").ok(),
            standing: fast.u64("standing").ok(),
            dates: fast.i64("date_days").ok(),
            items: fast.i64("item_id").ok(),
            best: BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segments: Vec<Vec<Ranked>>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<Ranked> = segments.into_iter().flatten().collect();
        all.sort_by(|a, b| b.cmp(a));
        Ok(all.into_iter().skip(self.offset).take(self.limit).map(|r| (r.score, r.address)).collect())
    }
}

impl SegmentCollector for SegmentTopRanked {
    type Fruit = Vec<Ranked>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let full = self.best.len() >= self.wanted;
        if full && self.best.peek().is_some_and(|weakest| score * MOST < weakest.0.score) {
            return;
        }
        let item = self.items.as_ref().and_then(|items| items.first(doc)).unwrap_or(0);
        let candidate = Ranked { score: self.adjusted(doc, score), item, address: DocAddress::new(self.segment, doc) };
        if !full {
            self.best.push(std::cmp::Reverse(candidate));
        } else if self.best.peek().is_some_and(|weakest| candidate > weakest.0) {
            self.best.pop();
            self.best.push(std::cmp::Reverse(candidate));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.best.into_iter().map(|std::cmp::Reverse(r)| r).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchIndex;
    use crate::search::index::{IndexDoc, IndexProgress};

    fn page(id: i32, area: &str, lang: &str, kind: &str, words: usize) -> IndexDoc {
        IndexDoc {
            item_id: crate::entities::ids::ItemId(id),
            kind: kind.parse().expect("a content type"),
            area: area.into(),
            lang: lang.into(),
            slug: format!("side-{id}"),
            title: format!("Side {id}"),
            summary: String::new(),
            // Longer texts score lower for the same word: a spread of scores.
            body: format!("tolk {}", "ord ".repeat(words)),
            themes: vec![],
            theme_names: vec![],
            tags: vec![],
            original: String::new(),
            audience: vec![],
            date_days: 20_000 + i64::from(id) * 7,
            step: String::new(),
        }
    }

    #[test]
    fn equal_hits_come_in_the_order_of_their_items_not_of_the_index() {
        let index = SearchIndex::in_memory().unwrap();
        // The same text: the same score. Written newest item first.
        let docs: Vec<IndexDoc> = [9, 4, 7].into_iter().map(|id| page(id, "central", "nb", "guide", 3)).collect();
        index.replace_items(&[], &docs, &IndexProgress::default()).unwrap();
        let searcher = index.reader.searcher();
        let query = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(index.fields.body_exact, "tolk"),
            tantivy::schema::IndexRecordOption::WithFreqs,
        );
        let hits = searcher.search(&query, &TopRanked::new(&SearchRequest { limit: 10, ..SearchRequest::default() })).unwrap();
        let items: Vec<i64> = hits
            .iter()
            .map(|(_, address)| {
                let doc: tantivy::TantivyDocument = searcher.doc(*address).unwrap();
                tantivy::schema::Value::as_i64(&doc.get_first(index.fields.item_id).unwrap()).unwrap()
            })
            .collect();
        assert_eq!(items, [4, 7, 9]);
    }

    #[test]
    fn passing_over_hopeless_pages_gives_the_same_hits_as_ranking_them_all() {
        let index = SearchIndex::in_memory().unwrap();
        let areas = ["central", "ahus", "vestfold"];
        let kinds = ["guide", "news", "event", "article"];
        let docs: Vec<IndexDoc> = (0..60)
            .map(|i| page(i, areas[i as usize % 3], if i % 4 == 0 { "en" } else { "nb" }, kinds[i as usize % 4], (i as usize * 7) % 40))
            .collect();
        index.replace_items(&[], &docs, &IndexProgress::default()).unwrap();
        let searcher = index.reader.searcher();
        let query = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(index.fields.body_exact, "tolk"),
            tantivy::schema::IndexRecordOption::WithFreqs,
        );
        let request = |offset, limit| SearchRequest {
            offset,
            limit,
            visitor_area: Some("ahus".into()),
            today_days: 20_200,
            ..SearchRequest::default()
        };
        let everything = searcher.search(&query, &TopRanked::new(&request(0, 1000))).unwrap();
        assert_eq!(everything.len(), 60);
        assert!(everything.windows(2).all(|w| w[0].0 >= w[1].0), "best first");
        for (offset, limit) in [(0, 10), (5, 10), (50, 20)] {
            let page = searcher.search(&query, &TopRanked::new(&request(offset, limit))).unwrap();
            let expected: Vec<_> = everything.iter().skip(offset).take(limit).copied().collect();
            assert_eq!(page, expected, "offset {offset}, limit {limit}");
        }
    }
}
