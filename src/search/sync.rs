//! Keeping the index in line with the database. Every write to content adds a row to
//! the change log in the same transaction; the follower applies new rows within a
//! fraction of a second and records in the index commit how far it got. After a crash
//! the next start continues from there, without a full rebuild.
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, DbErr};

use super::index::{IndexDoc, IndexError, SearchIndex};
use crate::areas;
use crate::content::{Status, markdown, repo};
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

/// Rebuilds the index from every published item; `progress(done, total)` after each batch.
pub async fn rebuild(
    db: &DatabaseConnection,
    index: &SearchIndex,
    mut progress: impl FnMut(u64, u64),
) -> Result<u64, SyncError> {
    // Read the change log's end first: changes made during the rebuild are applied after.
    let reached = repo::last_change_id(db).await?;
    let total = repo::count_published(db).await?;
    index.clear()?;
    let (mut done, mut after_id) = (0u64, 0);
    loop {
        let items = repo::published_after_id(db, after_id, BATCH).await?;
        if let Some(last) = items.last() {
            after_id = last.id;
        }
        let docs = index_docs(db, items).await?;
        done += docs.len() as u64;
        index.replace_items(&[], &docs, reached)?;
        progress(done, total);
        if (docs.len() as u64) < BATCH {
            return Ok(done);
        }
    }
}

/// Applies the change log since the index's last commit; a new index is rebuilt.
/// Returns how many items were brought up to date.
pub async fn catch_up(db: &DatabaseConnection, index: &SearchIndex) -> Result<usize, SyncError> {
    let applied = index.applied_change()?;
    // An index that has seen changes this database never had belongs to another
    // database (a reset, or another DATABASE_URL): it is rebuilt, not trusted.
    let mut applied = match applied {
        Some(applied) if applied <= repo::last_change_id(db).await? => applied,
        _ => return Ok(rebuild(db, index, |_, _| {}).await? as usize),
    };
    let mut updated = 0;
    loop {
        let changes = repo::changes_after(db, applied, 1000).await?;
        let Some(last) = changes.last() else { return Ok(updated) };
        let last_id = last.id;
        let ids: Vec<i32> = changes.iter().map(|c| c.content_item_id).collect::<BTreeSet<_>>().into_iter().collect();
        let published = repo::items_by_ids(db, &ids)
            .await?
            .into_iter()
            .filter(|item| item.status == Status::Published.as_str())
            .collect();
        index.replace_items(&ids, &index_docs(db, published).await?, last_id)?;
        updated += ids.len();
        applied = last_id;
    }
}

/// Follows the change log for as long as the application runs.
pub fn spawn_follower(db: DatabaseConnection, index: Arc<SearchIndex>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(error) = catch_up(&db, &index).await {
                tracing::error!(error = %error_chain(&error), "search index could not follow the change log");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
}

async fn index_docs(db: &DatabaseConnection, items: Vec<content_item::Model>) -> Result<Vec<IndexDoc>, DbErr> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let area_slugs: HashMap<i32, String> = areas::repo::all(db).await?.into_iter().map(|a| (a.id, a.slug)).collect();
    let ids: Vec<i32> = items.iter().map(|i| i.id).collect();
    let mut themes = repo::theme_slugs_of_items(db, &ids).await?;
    Ok(items
        .into_iter()
        .map(|item| {
            let date = item.event_starts.map(|s| s.date()).or(item.published_on).or(item.updated_on);
            IndexDoc {
                item_id: item.id,
                area: area_slugs.get(&item.area_id).cloned().unwrap_or_default(),
                themes: themes.remove(&item.id).unwrap_or_default(),
                audience: repo::split_list(&item.audience),
                body: markdown::plain_text(&item.body_markdown),
                date_days: date.map_or(0, days_since_epoch),
                kind: item.kind,
                lang: item.lang,
                slug: item.slug,
                title: item.title,
                summary: item.summary,
            }
        })
        .collect())
}

fn days_since_epoch(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("a real date")).num_days()
}
