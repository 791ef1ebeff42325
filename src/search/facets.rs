//! Counting the matching pages by type, theme, area, language and audience.
//!
//! Reading five fast-field columns (two of them multi-valued) for every matching page
//! costs more than finding the pages. So each segment's facet values are laid out
//! once, when the segment is first searched, as one small list of counter slots per
//! page; counting a match is then a handful of increments. Segments never change, so
//! the layout stays right until the segment is merged away.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The facets: name in the API and the fast field counted.
pub const FACETS: [(&str, &str); 5] = [("type", "kind"), ("theme", "theme"), ("area", "area"), ("lang", "lang"), ("audience", "audience")];

/// Counts by facet name and value.
pub type FacetCounts = BTreeMap<&'static str, BTreeMap<String, u64>>;

/// One segment's facet values: `slots[starts[doc]..starts[doc + 1]]` are the counters
/// a page adds one to; `values[slot]` is the facet and value a counter stands for.
pub struct FacetLayout {
    values: Vec<(&'static str, String)>,
    starts: Vec<u32>,
    slots: Vec<u32>,
}

impl FacetLayout {
    fn of(reader: &SegmentReader) -> tantivy::Result<FacetLayout> {
        let fast = reader.fast_fields();
        let mut columns = Vec::with_capacity(FACETS.len());
        let mut values = Vec::new();
        for (name, field) in FACETS {
            let column = fast.str(field)?;
            let first_slot = values.len() as u32;
            if let Some(column) = &column {
                for ordinal in 0..column.num_terms() as u64 {
                    let mut value = String::new();
                    column.ord_to_str(ordinal, &mut value)?;
                    values.push((name, value));
                }
            }
            columns.push((column, first_slot));
        }
        let mut starts = Vec::with_capacity(reader.max_doc() as usize + 1);
        let mut slots = Vec::new();
        for doc in 0..reader.max_doc() {
            starts.push(slots.len() as u32);
            for (column, first_slot) in &columns {
                if let Some(column) = column {
                    slots.extend(column.term_ords(doc).map(|ordinal| first_slot + ordinal as u32));
                }
            }
        }
        starts.push(slots.len() as u32);
        Ok(FacetLayout { values, starts, slots })
    }
}

/// The layouts of the segments being searched, made when first needed.
#[derive(Default)]
pub struct FacetLayouts(Mutex<HashMap<SegmentId, Arc<FacetLayout>>>);

impl FacetLayouts {
    fn of(&self, reader: &SegmentReader) -> tantivy::Result<Arc<FacetLayout>> {
        let id = reader.segment_id();
        if let Some(layout) = self.lock().get(&id) {
            return Ok(layout.clone());
        }
        let layout = Arc::new(FacetLayout::of(reader)?);
        self.lock().insert(id, layout.clone());
        Ok(layout)
    }

    /// Forgets segments the searcher no longer has (merged or deleted).
    pub fn keep_only_those_of(&self, searcher: &Searcher) {
        let live: HashSet<SegmentId> = searcher.segment_readers().iter().map(|r| r.segment_id()).collect();
        self.lock().retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<FacetLayout>>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub struct FacetCollector<'a>(pub &'a FacetLayouts);

pub struct SegmentFacetCounter {
    layout: Arc<FacetLayout>,
    counts: Vec<u64>,
}

impl Collector for FacetCollector<'_> {
    type Fruit = FacetCounts;
    type Child = SegmentFacetCounter;

    fn for_segment(&self, _segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentFacetCounter> {
        let layout = self.0.of(reader)?;
        let counts = vec![0; layout.values.len()];
        Ok(SegmentFacetCounter { layout, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut merged = empty();
        for segment in segments {
            for (name, counts) in segment {
                let total = merged.entry(name).or_default();
                for (value, count) in counts {
                    *total.entry(value).or_default() += count;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let layout = &*self.layout;
        let (from, to) = (layout.starts[doc as usize] as usize, layout.starts[doc as usize + 1] as usize);
        for slot in &layout.slots[from..to] {
            self.counts[*slot as usize] += 1;
        }
    }

    fn harvest(self) -> FacetCounts {
        let mut facets = empty();
        for (slot, count) in self.counts.into_iter().enumerate().filter(|(_, count)| *count > 0) {
            let (name, value) = &self.layout.values[slot];
            facets.entry(name).or_default().insert(value.clone(), count);
        }
        facets
    }
}

/// Every facet, with no values yet: a facet without matches is still in the answer.
fn empty() -> FacetCounts {
    FACETS.iter().map(|(name, _)| (*name, BTreeMap::new())).collect()
}
