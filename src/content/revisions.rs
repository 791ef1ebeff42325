//! Every save of an item is a revision: a numbered snapshot of its editable fields,
//! with who wrote it and why. Written in the transaction of the save itself.
use chrono::{NaiveDate, NaiveDateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::write::{ItemFields, ItemWrite};
use super::{ContentKind, markdown};
use crate::entities::ids::{ItemId, UserId};
use crate::entities::content_revision;

impl ItemFields {
    /// The item as written now with this snapshot's text and fields; what makes the
    /// item itself (area, type, slug, language, workflow status) stays as `current`.
    pub fn restored_onto(&self, current: &ItemWrite) -> ItemWrite {
        let now = &current.fields;
        let fields = ItemFields {
            kind: now.kind,
            slug: now.slug.clone(),
            lang: now.lang.clone(),
            status: now.status,
            published_on: now.published_on,
            updated_on: now.updated_on,
            adapts: now.adapts.clone(),
            course_definition: self.course_definition.clone().or_else(|| now.course_definition.clone()),
            ..self.clone()
        };
        ItemWrite { body_html: markdown::render(&fields.body_markdown), fields, ..current.clone() }
    }

    /// The fields and the text, a line each, for comparing revisions. A course's
    /// structure is added by those who know courses (`editorial::revision_text`).
    pub fn as_text(&self, theme_names: &dyn Fn(i32) -> String) -> String {
        let mut text = String::new();
        let mut line = |label: &str, value: &str| {
            text.push_str(label);
            text.push_str(": ");
            text.push_str(value);
            text.push('\n');
        };
        let date = |d: Option<NaiveDate>| d.map(|d| d.format("%d.%m.%Y").to_string()).unwrap_or_else(|| "–".into());
        let time = |t: Option<NaiveDateTime>| t.map(|t| t.format("%d.%m.%Y %H:%M").to_string()).unwrap_or_else(|| "–".into());
        line("Tittel", &self.title);
        line("Ingress", &self.summary);
        line("Målgruppe", &self.audience.join(", "));
        line("Stikkord", &self.tags.join(", "));
        line("Fagtema", &self.theme_ids.iter().map(|id| theme_names(*id)).collect::<Vec<_>>().join(", "));
        line("Faglig gjennomgang innen", &date(self.review_by));
        if self.kind == ContentKind::Event {
            line("Starter", &time(self.event_starts));
            line("Slutter", &time(self.event_ends));
            line("Sted", self.event_place.as_deref().unwrap_or("–"));
        }
        text.push('\n');
        text.push_str(&self.body_markdown);
        if !self.body_markdown.ends_with('\n') {
            text.push('\n');
        }
        text
    }
}

/// Who wrote a revision: a user, or the system (import, scheduler).
#[derive(Clone, Debug)]
pub struct Author {
    pub id: Option<UserId>,
    pub name: String,
}

pub async fn latest_number(db: &impl ConnectionTrait, item_id: ItemId) -> Result<i32, DbErr> {
    let latest = content_revision::Entity::find()
        .filter(content_revision::Column::ContentItemId.eq(item_id))
        .order_by_desc(content_revision::Column::Number)
        .one(db)
        .await?;
    Ok(latest.map_or(0, |r| r.number))
}

/// The latest revision number of each of these items, in one query.
pub async fn latest_numbers(db: &impl ConnectionTrait, item_ids: &[ItemId]) -> Result<std::collections::HashMap<ItemId, i32>, DbErr> {
    let rows: Vec<(ItemId, Option<i32>)> = content_revision::Entity::find()
        .select_only()
        .column(content_revision::Column::ContentItemId)
        .column_as(content_revision::Column::Number.max(), "latest")
        .filter(content_revision::Column::ContentItemId.is_in(item_ids.iter().copied()))
        .group_by(content_revision::Column::ContentItemId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(item, latest)| Some((item, latest?))).collect())
}

/// Adds the next revision of an item; returns its number.
pub async fn record(
    db: &impl ConnectionTrait,
    item_id: ItemId,
    snapshot: &ItemFields,
    author: &Author,
    note: &str,
) -> Result<i32, DbErr> {
    let number = latest_number(db, item_id).await? + 1;
    record_numbered(db, item_id, number, snapshot, author, note).await?;
    Ok(number)
}

/// Records a revision under this number. The number is unique per item, so a writer who
/// names the number after the one they read is refused if someone else got there first.
pub async fn record_numbered(
    db: &impl ConnectionTrait,
    item_id: ItemId,
    number: i32,
    snapshot: &ItemFields,
    author: &Author,
    note: &str,
) -> Result<(), DbErr> {
    content_revision::ActiveModel {
        content_item_id: Set(item_id),
        number: Set(number),
        author_id: Set(author.id),
        author_name: Set(author.name.clone()),
        note: Set(note.chars().take(250).collect()),
        snapshot: Set(serde_json::to_string(snapshot).map_err(|e| DbErr::Custom(e.to_string()))?),
        created_at: Set(Utc::now().fixed_offset()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Rewrites the note of a revision (inside the transaction that recorded it).
pub async fn set_note(db: &impl ConnectionTrait, item_id: ItemId, number: i32, note: &str) -> Result<(), DbErr> {
    content_revision::Entity::update_many()
        .col_expr(content_revision::Column::Note, sea_orm::sea_query::Expr::value(note.chars().take(250).collect::<String>()))
        .filter(content_revision::Column::ContentItemId.eq(item_id))
        .filter(content_revision::Column::Number.eq(number))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn list(db: &impl ConnectionTrait, item_id: ItemId) -> Result<Vec<content_revision::Model>, DbErr> {
    content_revision::Entity::find()
        .filter(content_revision::Column::ContentItemId.eq(item_id))
        .order_by_desc(content_revision::Column::Number)
        .all(db)
        .await
}

pub async fn get(db: &impl ConnectionTrait, item_id: ItemId, number: i32) -> Result<Option<(content_revision::Model, ItemFields)>, DbErr> {
    let found = content_revision::Entity::find()
        .filter(content_revision::Column::ContentItemId.eq(item_id))
        .filter(content_revision::Column::Number.eq(number))
        .one(db)
        .await?;
    match found {
        Some(revision) => {
            let snapshot = serde_json::from_str(&revision.snapshot).map_err(|e| DbErr::Custom(format!("revision {}: {e}", revision.id)))?;
            Ok(Some((revision, snapshot)))
        }
        None => Ok(None),
    }
}

/// The authors of the latest revision of each item (for "my drafts").
pub async fn last_authors(db: &impl ConnectionTrait, item_ids: &[ItemId]) -> Result<std::collections::HashMap<ItemId, Option<UserId>>, DbErr> {
    let rows: Vec<(ItemId, i32, Option<UserId>)> = content_revision::Entity::find()
        .select_only()
        .column(content_revision::Column::ContentItemId)
        .column(content_revision::Column::Number)
        .column(content_revision::Column::AuthorId)
        .filter(content_revision::Column::ContentItemId.is_in(item_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut latest: std::collections::HashMap<ItemId, (i32, Option<UserId>)> = std::collections::HashMap::new();
    for (item, number, author) in rows {
        let entry = latest.entry(item).or_insert((number, author));
        if number >= entry.0 {
            *entry = (number, author);
        }
    }
    Ok(latest.into_iter().map(|(item, (_, author))| (item, author)).collect())
}

/// The name the importer signs its revisions with.
pub const IMPORTER: &str = "import";

pub fn importer() -> Author {
    Author { id: None, name: IMPORTER.into() }
}

/// An item's history as the importer needs it.
#[derive(Debug)]
pub struct ImportHistory {
    /// What the last import wrote: the file as it was then.
    pub last_import: Option<ItemFields>,
    /// Someone changed the item after the last import (or it never came from a file).
    pub changed_since: bool,
}

pub async fn import_history(db: &impl ConnectionTrait, item_id: ItemId) -> Result<ImportHistory, DbErr> {
    let last_import = content_revision::Entity::find()
        .filter(content_revision::Column::ContentItemId.eq(item_id))
        .filter(content_revision::Column::AuthorId.is_null())
        .filter(content_revision::Column::AuthorName.eq(IMPORTER))
        .order_by_desc(content_revision::Column::Number)
        .one(db)
        .await?;
    let Some(revision) = last_import else {
        return Ok(ImportHistory { last_import: None, changed_since: true });
    };
    let snapshot = serde_json::from_str(&revision.snapshot).map_err(|e| DbErr::Custom(format!("revision {}: {e}", revision.id)))?;
    Ok(ImportHistory { last_import: Some(snapshot), changed_since: latest_number(db, item_id).await? > revision.number })
}

