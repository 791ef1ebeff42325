//! The tantivy index of published content: schema, opening, and writing documents.
//! The database is the source of truth; this index can always be rebuilt from it.
use std::path::Path;
use std::sync::Mutex;

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};

use super::analysis::{self, StemLanguage};
use crate::entities::ids::ItemId;
use crate::content::ContentKind;
use super::facets::FacetLayouts;

/// One published language version of a content item, as it is indexed.
#[derive(Clone, Debug)]
pub struct IndexDoc {
    pub item_id: ItemId,
    pub kind: ContentKind,
    pub area: String,
    pub lang: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub themes: Vec<String>,
    /// The names of its themes, which editors chose, found as its text is: a guide
    /// under "Legemiddelhåndtering" that says "legemiddel" once is still found by
    /// "legemidler".
    pub theme_names: Vec<String>,
    /// The editors' keywords for the page: found as its summary is.
    pub tags: Vec<String>,
    /// A translation: its Norwegian original's title and summary, so that a Norwegian
    /// word with a language filter finds the leaflet in that language. Empty otherwise.
    pub original: String,
    pub audience: Vec<String>,
    /// Days since 1970 of the publishing (or event) date, for recency of news and events.
    pub date_days: i64,
    /// A part of the item with its own page: a course's lesson key. Empty for the item itself.
    pub step: String,
}

/// How far an index has followed the database's change log, kept in its commits.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IndexProgress {
    /// The identity of the database followed (`db::identity`).
    pub database: String,
    /// The highest change-log id applied.
    pub applied: i64,
    /// Ids below `applied` not seen yet: changes of transactions still open when a
    /// later change committed.
    #[serde(default)]
    pub pending: Vec<i64>,
}

/// The stemmed fields of one stem language (see `StemLanguage`).
#[derive(Clone, Copy, Debug)]
pub struct Stemmed {
    pub title: Field,
    pub summary: Field,
    pub body: Field,
}

#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub item_id: Field,
    pub kind: Field,
    pub area: Field,
    pub lang: Field,
    pub slug: Field,
    pub step: Field,
    pub themes: Field,
    pub audience: Field,
    pub date_days: Field,
    /// A number for the area (see `area_key`), for ranking a visitor's own area cheaply.
    pub area_key: Field,
    /// What kind of page it is for ranking: `ranking::GUIDANCE`, `ranking::DATED` (news
    /// and events, whose rank depends on their date) or `ranking::LESSON`.
    pub standing: Field,
    /// 1 for pages in Norwegian (bokmål or nynorsk), the site's own language.
    pub norwegian: Field,
    /// 1 for a translation whose Norwegian original is published: the original says
    /// the same in the site's language.
    pub translated: Field,
    pub title_exact: Field,
    pub title_parts: Field,
    pub title_pairs: Field,
    pub summary_exact: Field,
    pub summary_parts: Field,
    pub summary_pairs: Field,
    pub body_exact: Field,
    pub body_pairs: Field,
    /// The acronyms the page writes in capitals (KOLS, LAR, NEWS2), lower-cased.
    pub acronyms: Field,
    /// A translation's original title and summary, stemmed as Norwegian.
    pub original: Field,
    /// By `StemLanguage::index()`.
    pub stems: [Stemmed; 3],
}

/// Text fields keep no word positions: phrases are found through word pairs.
fn text(analyzer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(IndexRecordOption::WithFreqs);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored { options.set_stored() } else { options }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        item_id: builder.add_i64_field("item_id", INDEXED | STORED | FAST),
        kind: builder.add_text_field("kind", STRING | STORED | FAST),
        area: builder.add_text_field("area", STRING | STORED | FAST),
        lang: builder.add_text_field("lang", STRING | STORED | FAST),
        slug: builder.add_text_field("slug", STRING | STORED),
        step: builder.add_text_field("step", STORED),
        themes: builder.add_text_field("theme", STRING | STORED | FAST),
        audience: builder.add_text_field("audience", STRING | STORED | FAST),
        date_days: builder.add_i64_field("date_days", STORED | FAST),
        area_key: builder.add_u64_field("area_key", FAST),
        standing: builder.add_u64_field("standing", FAST),
        norwegian: builder.add_u64_field("norwegian", FAST),
        translated: builder.add_u64_field("translated", FAST),
        title_exact: builder.add_text_field("title_exact", text(analysis::EXACT, true)),
        title_parts: builder.add_text_field("title_parts", text(analysis::ENDINGS, false)),
        title_pairs: builder.add_text_field("title_pairs", text(analysis::PAIRS, false)),
        summary_exact: builder.add_text_field("summary_exact", text(analysis::EXACT, true)),
        summary_parts: builder.add_text_field("summary_parts", text(analysis::ENDINGS, false)),
        summary_pairs: builder.add_text_field("summary_pairs", text(analysis::PAIRS, false)),
        // Stored here: snippets are cut from it.
        body_exact: builder.add_text_field("body_exact", text(analysis::EXACT, true)),
        body_pairs: builder.add_text_field("body_pairs", text(analysis::PAIRS, false)),
        acronyms: builder.add_text_field("acronyms", text(analysis::EXACT, false)),
        original: builder.add_text_field("original_stem_no", text(StemLanguage::Norwegian.analyzer_name(), false)),
        stems: StemLanguage::ALL.map(|language| {
            let (analyzer, code) = (language.analyzer_name(), language.code());
            Stemmed {
                title: builder.add_text_field(&format!("title_stem_{code}"), text(analyzer, false)),
                summary: builder.add_text_field(&format!("summary_stem_{code}"), text(analyzer, false)),
                body: builder.add_text_field(&format!("body_stem_{code}"), text(analyzer, false)),
            }
        }),
    };
    (builder.build(), fields)
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index in {dir}: {cause}")]
    Open { dir: String, cause: tantivy::TantivyError },
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index folder {dir}: {cause}")]
    Folder { dir: String, cause: std::io::Error },
}

/// The index, its reader, and the one writer of this process.
pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub facet_layouts: FacetLayouts,
    /// The editors' synonym groups, applied to every query (kept in step by `synonyms`).
    pub synonyms: std::sync::Arc<super::synonyms::SharedSynonyms>,
    /// Answers already given, for the same question asked again of the same index.
    pub answers: super::answers::Answers,
    writer: Mutex<IndexWriter>,
}

const WRITER_MEMORY: usize = 50_000_000;
/// Segments per core that small commits may pile up before they are merged.
const MOST_SEGMENTS_PER_CORE: usize = 4;

impl SearchIndex {
    /// Opens the index in `dir`, creating it when the folder is empty. An index whose
    /// schema no longer matches (after an upgrade) is recreated; the caller rebuilds it.
    pub fn open(dir: &Path) -> Result<SearchIndex, IndexError> {
        std::fs::create_dir_all(dir).map_err(|cause| IndexError::Folder { dir: dir.display().to_string(), cause })?;
        let (schema, fields) = schema();
        let open_error = |cause| IndexError::Open { dir: dir.display().to_string(), cause };
        let existing = if dir.join("meta.json").exists() { Some(Index::open_in_dir(dir).map_err(open_error)?) } else { None };
        let index = match existing {
            Some(index) if index.schema() == schema => index,
            _ => {
                remove_index_files(dir);
                Index::create_in_dir(dir, schema).map_err(open_error)?
            }
        };
        Self::from_index(index, fields)
    }

    /// An index in memory, for tests and benchmarks that need no folder.
    pub fn in_memory() -> Result<SearchIndex, IndexError> {
        let (schema, fields) = schema();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    fn from_index(mut index: Index, fields: Fields) -> Result<SearchIndex, IndexError> {
        analysis::register(index.tokenizers());
        // One query searches its segments side by side, one per core: traffic on a
        // health community's site is low, so a query usually has the machine to itself.
        index.set_multithread_executor(cores())?;
        let writer: IndexWriter = index.writer(WRITER_MEMORY)?;
        // No merges in the background: tantivy's own policy would merge segments after a
        // commit while `merge_segments` merges the same ones, and the second merge to end
        // fails ("The segments that were merged could not be found in the SegmentManager":
        // the first start after importing 100,000 documents exited with it). Merging is
        // done here alone, after a rebuild and whenever commits have made too many segments.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            facet_layouts: FacetLayouts::default(),
            synonyms: Default::default(),
            answers: super::answers::Answers::keeping(crate::config::DEFAULT_SEARCH_ANSWERS_KEPT),
            writer: Mutex::new(writer),
        })
    }

    /// Keeps at most `kept` answers for repeated searches (0: none).
    pub fn keeping_answers(self, kept: usize) -> SearchIndex {
        SearchIndex { answers: super::answers::Answers::keeping(kept), ..self }
    }

    /// How far this index has followed the change log; `None` for a new index.
    pub fn progress(&self) -> Result<Option<IndexProgress>, IndexError> {
        Ok(self.index.load_metas()?.payload.and_then(|p| serde_json::from_str(&p).ok()))
    }

    /// Replaces the documents of the given items with `docs` (published versions only),
    /// commits with `progress` as the point reached, and makes it searchable.
    pub fn replace_items(&self, item_ids: &[ItemId], docs: &[IndexDoc], progress: &IndexProgress) -> Result<(), IndexError> {
        let mut writer = self.writer();
        for id in item_ids {
            writer.delete_term(Term::from_field_i64(self.fields.item_id, i64::from(id.0)));
        }
        for doc in docs {
            writer.add_document(self.document(doc))?;
        }
        self.commit_with(&mut writer, progress)?;
        drop(writer);
        // Each commit adds a small segment: past a few per core, they are merged.
        if self.segment_count() > cores() * MOST_SEGMENTS_PER_CORE {
            self.merge_segments()?;
        }
        Ok(())
    }

    /// Empties the index for a full rebuild. Searches see the old documents until the
    /// rebuild commits, and a crash before then leaves the old index as it was.
    pub fn clear(&self) -> Result<(), IndexError> {
        self.writer().delete_all_documents()?;
        Ok(())
    }

    /// Adds documents during a rebuild; they become searchable with `commit`.
    pub fn add(&self, docs: &[IndexDoc]) -> Result<(), IndexError> {
        let writer = self.writer();
        for doc in docs {
            writer.add_document(self.document(doc))?;
        }
        Ok(())
    }

    pub fn commit(&self, progress: &IndexProgress) -> Result<(), IndexError> {
        self.commit_with(&mut self.writer(), progress)
    }

    /// Merges the segments into one per core, of about equal size: after a rebuild, a
    /// query looks up each term a few times instead of once per small segment, and the
    /// cores share its work.
    pub fn merge_segments(&self) -> Result<(), IndexError> {
        let mut segments = self.index.searchable_segment_metas()?;
        segments.sort_by_key(|s| std::cmp::Reverse(s.num_docs()));
        let mut groups: Vec<(u32, Vec<tantivy::index::SegmentId>)> = vec![(0, Vec::new()); cores()];
        for segment in segments {
            if let Some(smallest) = groups.iter_mut().min_by_key(|(docs, _)| *docs) {
                smallest.0 += segment.num_docs();
                smallest.1.push(segment.id());
            }
        }
        for (_, group) in groups.iter().filter(|(_, group)| group.len() > 1) {
            self.writer().merge(group).wait()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    fn writer(&self) -> std::sync::MutexGuard<'_, IndexWriter> {
        self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    #[allow(clippy::expect_used, reason = "the progress is numbers: serialising it cannot fail")]
    fn commit_with(&self, writer: &mut IndexWriter, progress: &IndexProgress) -> Result<(), IndexError> {
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&serde_json::to_string(progress).expect("progress is plain data"));
        commit.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn document(&self, item: &IndexDoc) -> TantivyDocument {
        let f = &self.fields;
        // The keywords are found as the summary is, but never as part of its phrases.
        let summary = if item.tags.is_empty() { item.summary.clone() } else { format!("{}\n{}", item.summary, item.tags.join(", ")) };
        let mut document = doc!(
            f.item_id => i64::from(item.item_id.0),
            f.kind => item.kind.as_str(),
            f.area => item.area.clone(),
            f.lang => item.lang.clone(),
            f.slug => item.slug.clone(),
            f.step => item.step.clone(),
            f.date_days => item.date_days,
            f.area_key => area_key(&item.area),
            f.standing => super::ranking::standing(item.kind, &item.step),
            f.norwegian => super::ranking::written_standard(&item.lang),
            f.translated => u64::from(!item.original.is_empty()),
            f.title_exact => item.title.clone(),
            f.title_parts => item.title.clone(),
            f.title_pairs => item.title.clone(),
            f.summary_exact => summary.clone(),
            f.summary_parts => summary.clone(),
            f.summary_pairs => item.summary.clone(),
            f.body_exact => item.body.clone(),
            f.body_pairs => item.body.clone(),
            f.acronyms => analysis::acronyms([&item.title, &item.summary, &item.body]),
            f.original => item.original.clone(),
        );
        if let Some(language) = StemLanguage::of(&item.lang) {
            let stemmed = f.stems[language.index()];
            document.add_text(stemmed.title, &item.title);
            document.add_text(stemmed.summary, &summary);
            document.add_text(stemmed.body, &item.body);
            for name in &item.theme_names {
                document.add_text(stemmed.body, name);
            }
        }
        // Values after the body's own: never in its snippet (the first value) or phrases.
        for name in &item.theme_names {
            document.add_text(f.body_exact, name);
        }
        for theme in &item.themes {
            document.add_text(f.themes, theme);
        }
        for audience in &item.audience {
            document.add_text(f.audience, audience);
        }
        document
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A stable number for an area slug (FNV-1a), so ranking compares numbers, not strings.
pub fn area_key(slug: &str) -> u64 {
    slug.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

fn remove_index_files(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: i32) -> IndexDoc {
        IndexDoc {
            item_id: ItemId(id),
            kind: ContentKind::Guide,
            area: "central".into(),
            lang: "nb".into(),
            slug: format!("side-{id}"),
            title: format!("Veileder {id}"),
            summary: "Om tolk og tolking.".into(),
            body: format!("Tekst om tolk nummer {id}. {}", "ord ".repeat(50)),
            themes: vec![],
            theme_names: vec![],
            tags: vec![],
            original: String::new(),
            audience: vec![],
            date_days: 20_000,
            step: String::new(),
        }
    }

    /// The follower commits each change on its own: many small segments, merged here while
    /// nothing merges in the background (a background merge of the same segments made the
    /// first start after a large import exit). At this size the old setup fails every time.
    #[test]
    fn many_small_commits_are_merged_without_racing_a_background_merge() {
        let index = SearchIndex::in_memory().unwrap();
        let most = cores() * MOST_SEGMENTS_PER_CORE;
        for batch in 0..40 {
            let docs: Vec<IndexDoc> = (0..25).map(|i| page(batch * 25 + i)).collect();
            let ids: Vec<ItemId> = docs.iter().map(|d| d.item_id).collect();
            index.replace_items(&ids, &docs, &IndexProgress::default()).unwrap();
            assert!(index.segment_count() <= most, "{} segments after commit {batch}", index.segment_count());
        }
        // A rebuild's merge right after its commit, twice over.
        index.merge_segments().unwrap();
        index.merge_segments().unwrap();
        assert_eq!(index.num_docs(), 1000);
        assert!(index.segment_count() <= cores());
        // Replacing an item leaves one document for it.
        index.replace_items(&[ItemId(7)], &[page(7)], &IndexProgress::default()).unwrap();
        assert_eq!(index.num_docs(), 1000);
    }
}
