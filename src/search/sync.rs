//! Keeping the index in line with the database. Every write to content adds a row to
//! the change log in the same transaction; the follower applies new rows within a
//! fraction of a second and records in the index commit how far it got. After a crash
//! the next start continues from there, without a full rebuild.
//!
//! Change ids are handed out when a transaction writes, not when it commits, so on
//! PostgreSQL a change can become visible after a later one has been applied. The ids
//! skipped over are kept as pending and looked for again until they show up, or until
//! it is clear their transaction rolled back.
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{DatabaseConnection, DbErr};

use super::index::{IndexDoc, IndexError, IndexProgress, SearchIndex};
use crate::entities::ids::{AreaId, ItemId};
use crate::areas;
use crate::content::{ContentKind, Status, markdown, repo, translation};
use crate::entities::content_item;
use crate::telemetry::error_chain;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error(transparent)]
    Index(#[from] IndexError),
}

const BATCH: u64 = 500;
/// How long a skipped change id is waited for. Content transactions last milliseconds;
/// an id still missing after this was rolled back.
const GAP_PATIENCE: Duration = Duration::from_secs(60);
/// Skipped ids are only tracked this far back (a jump larger than this is not a
/// transaction in flight but a sequence that moved on, as after a restore).
const MAX_GAP: i64 = 1_000;

/// Rebuilds the index from every published item; `progress(done, total)` after each batch.
pub async fn rebuild(
    db: &DatabaseConnection,
    index: &SearchIndex,
    progress: impl FnMut(u64, u64),
) -> Result<u64, SyncError> {
    Ok(rebuild_from_scratch(db, index, progress).await?.0)
}

async fn rebuild_from_scratch(
    db: &DatabaseConnection,
    index: &SearchIndex,
    mut progress: impl FnMut(u64, u64),
) -> Result<(u64, IndexProgress), SyncError> {
    // Read the change log's end first: changes made during the rebuild are applied after,
    // and so are those of transactions still open now (their ids are missing below it).
    let database = crate::db::identity(db).await?;
    let applied = repo::last_change_id(db).await?;
    let present = repo::change_ids_after(db, applied - MAX_GAP).await?;
    let pending = ((applied - MAX_GAP).max(0) + 1..applied).filter(|id| !present.contains(id)).collect();
    let reached = IndexProgress { database, applied, pending };

    let total = repo::count_published(db).await?;
    index.clear()?;
    let (mut done, mut after_id) = (0u64, ItemId(0));
    loop {
        let items = repo::published_after_id(db, after_id, BATCH).await?;
        let last_batch = (items.len() as u64) < BATCH;
        if let Some(last) = items.last() {
            after_id = last.id;
        }
        // Items, not documents, are counted: a course adds a document per lesson.
        done += items.len() as u64;
        let docs = index_docs(db, items).await?;
        index.add(&docs)?;
        progress(done, total);
        if last_batch {
            index.commit(&reached)?;
            index.merge_segments()?;
            return Ok((done, reached));
        }
    }
}

/// Follows the change log of one database for one index.
pub struct Follower {
    progress: IndexProgress,
    /// When each pending id was first found missing.
    missing_since: HashMap<i64, Instant>,
}

impl Follower {
    /// Starts from what the index has applied; a new index, or one built from another
    /// database, is rebuilt first. Also returns how many items that rebuild indexed.
    pub async fn start(db: &DatabaseConnection, index: &SearchIndex) -> Result<(Follower, u64), SyncError> {
        let database = crate::db::identity(db).await?;
        let (progress, rebuilt) = match index.progress()? {
            // More applied than the database has ever logged: a restored or reset database.
            Some(progress) if progress.database == database && progress.applied <= repo::last_change_id(db).await? => {
                (progress, 0)
            }
            _ => {
                let (done, progress) = rebuild_from_scratch(db, index, |_, _| {}).await?;
                (progress, done)
            }
        };
        let now = Instant::now();
        let missing_since = progress.pending.iter().map(|id| (*id, now)).collect();
        Ok((Follower { progress, missing_since }, rebuilt))
    }

    /// Applies the next batch of changes. Returns how many items were brought up to
    /// date: 0 when there was nothing new.
    pub async fn step(&mut self, db: &DatabaseConnection, index: &SearchIndex) -> Result<usize, SyncError> {
        let now = Instant::now();
        let mut next = self.progress.clone();
        next.pending.retain(|id| self.missing_since.get(id).is_none_or(|since| now - *since < GAP_PATIENCE));
        let gave_up = next.pending.len() != self.progress.pending.len();

        let changes = repo::changes_after_or_in(db, next.applied, &next.pending, BATCH).await?;
        if changes.is_empty() {
            if gave_up {
                index.replace_items(&[], &[], &next)?;
                self.progress = next;
            }
            return Ok(0);
        }
        let mut newly_missing = Vec::new();
        for change in &changes {
            if change.id <= next.applied {
                next.pending.retain(|id| *id != change.id);
                continue;
            }
            let skipped = next.applied + 1..change.id;
            if change.id - next.applied <= MAX_GAP {
                newly_missing.extend(skipped);
            } else {
                tracing::warn!(from = skipped.start, to = skipped.end, "change-log ids skipped; not waited for");
            }
            next.applied = change.id;
        }
        next.pending.extend(&newly_missing);

        let mut ids: BTreeSet<ItemId> = changes.iter().map(|c| c.content_item_id).collect();
        let changed = repo::items_by_ids(db, &ids.iter().copied().collect::<Vec<_>>()).await?;
        let mut published: Vec<content_item::Model> = Vec::with_capacity(changed.len());
        let mut originals: Vec<(AreaId, String)> = Vec::new();
        for item in changed {
            if !translation::is_translation(&item.lang) {
                originals.push((item.area_id, item.translation_group.clone()));
            }
            if item.status == Status::Published {
                published.push(item);
            }
        }
        // A translation is found by its original's words: it changes with the original.
        let groups: Vec<String> = originals.iter().map(|(_, group)| group.clone()).collect();
        for version in translation::published_in_groups(db, &groups).await? {
            let of_a_changed_original = originals.iter().any(|(area, group)| *area == version.area_id && *group == version.translation_group);
            if of_a_changed_original && translation::is_translation(&version.lang) && ids.insert(version.id) {
                published.push(version);
            }
        }
        let ids: Vec<ItemId> = ids.into_iter().collect();
        index.replace_items(&ids, &index_docs(db, published).await?, &next)?;

        self.missing_since.retain(|id, _| next.pending.contains(id));
        self.missing_since.extend(newly_missing.into_iter().map(|id| (id, now)));
        self.progress = next;
        Ok(ids.len())
    }
}

/// Brings the index in line with the database: the change log since the index's last
/// commit, or a rebuild when the index cannot be trusted. Returns how many items were
/// indexed or brought up to date.
pub async fn catch_up(db: &DatabaseConnection, index: &SearchIndex) -> Result<usize, SyncError> {
    let (mut follower, rebuilt) = Follower::start(db, index).await?;
    let mut updated = rebuilt as usize;
    loop {
        match follower.step(db, index).await? {
            0 => return Ok(updated),
            applied => updated += applied,
        }
    }
}

/// Follows the change log for as long as the application runs.
pub fn spawn_follower(db: DatabaseConnection, index: Arc<SearchIndex>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut follower: Option<Follower> = None;
        loop {
            let result = match &mut follower {
                Some(follower) => follower.step(&db, &index).await,
                None => Follower::start(&db, &index).await.map(|(started, _)| {
                    follower = Some(started);
                    1
                }),
            };
            match result {
                // More may be waiting: go on at once.
                Ok(applied) if applied > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(error = %error_chain(&error), "search index could not follow the change log"),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
}

async fn index_docs(db: &DatabaseConnection, items: Vec<content_item::Model>) -> Result<Vec<IndexDoc>, DbErr> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let area_slugs: HashMap<AreaId, String> = areas::repo::all(db).await?.into_iter().map(|a| (a.id, a.slug)).collect();
    let ids: Vec<ItemId> = items.iter().map(|i| i.id).collect();
    let mut themes = repo::themes_of_items(db, &ids).await?;
    let course_ids: Vec<ItemId> = items.iter().filter(|i| i.kind == ContentKind::Course).map(|i| i.id).collect();
    let published_courses = crate::courses::versions::latest_of(db, &course_ids).await?;
    // The Norwegian originals of the translations among them, by area and group.
    let groups: Vec<String> = items.iter().filter(|i| translation::is_translation(&i.lang)).map(|i| i.translation_group.clone()).collect();
    let originals: HashMap<(AreaId, String), String> = translation::published_in_groups(db, &groups)
        .await?
        .into_iter()
        .filter(|version| !translation::is_translation(&version.lang))
        .map(|original| ((original.area_id, original.translation_group), format!("{}\n{}", original.title, original.summary)))
        .collect();
    let mut docs = Vec::with_capacity(items.len());
    for item in items {
        let date = item.event_starts.map(|s| s.date()).or(item.published_on).or(item.updated_on);
        let item_themes = themes.remove(&item.id).unwrap_or_default();
        // Only for pages in Norwegian: the names are.
        let in_norwegian = super::ranking::written_standard(&item.lang) != 0;
        let names = if in_norwegian { item_themes.iter().map(|t| t.name.clone()).collect() } else { Vec::new() };
        let mut doc = IndexDoc {
            item_id: item.id,
            area: area_slugs.get(&item.area_id).cloned().unwrap_or_default(),
            themes: item_themes.into_iter().map(|t| t.slug).collect(),
            audience: repo::split_list(&item.audience),
            tags: repo::split_list(&item.tags),
            original: if translation::is_translation(&item.lang) {
                originals.get(&(item.area_id, item.translation_group.clone())).cloned().unwrap_or_default()
            } else {
                String::new()
            },
            body: markdown::plain_text(&item.body_markdown),
            theme_names: names,
            date_days: date.map_or(0, super::days_since_epoch),
            step: String::new(),
            kind: item.kind,
            lang: item.lang.clone(),
            slug: item.slug.clone(),
            title: item.title.clone(),
            summary: item.summary.clone(),
        };
        // A course is found as learners are served it: its last published version, not
        // edits that wait to be published.
        if let Some(version) = published_courses.get(&item.id) {
            doc.title = version.course.title.clone();
            doc.summary = version.course.summary.clone();
            docs.extend(lesson_docs(version.definition(), &doc));
        }
        docs.push(doc);
    }
    Ok(docs)
}

/// A course's lessons are found on their own, each hit opening the lesson in the course.
/// They share the course's item id, so they leave the index with it.
fn lesson_docs(definition: &crate::courses::CourseDefinition, course: &IndexDoc) -> Vec<IndexDoc> {
    definition
        .modules
        .iter()
        .flat_map(|module| &module.lessons)
        .map(|lesson| IndexDoc {
            title: lesson.title.clone(),
            summary: format!("Leksjon i e-kurset «{}»", course.title),
            body: markdown::plain_text(&lesson.body_markdown),
            step: lesson.key.clone(),
            ..course.clone()
        })
        .collect()
}

