//! Course versions: what learners are served. A version is frozen when a course is
//! published (by an editor, by the scheduler, or by importing its files) and differs
//! from its last version, in the same transaction as the publication. Edits to a
//! published course wait in the item until its editors publish them, so learners never
//! see a half-made change, and a learner who started version 3 keeps version 3.
use chrono::{DateTime, FixedOffset, Utc};
use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::CourseDefinition;
use crate::entities::ids::ItemId;
use crate::content::{ContentKind, Status, markdown, repo::split_list};
use crate::entities::{content_item, course_version};

/// A course as published: everything a learner's pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenCourse {
    pub title: String,
    pub summary: String,
    pub intro_html: String,
    pub audience: Vec<String>,
    /// With every lesson's HTML rendered.
    pub definition: CourseDefinition,
}

#[derive(Clone, Debug)]
pub struct CourseVersion {
    pub id: i32,
    pub item_id: ItemId,
    pub number: i32,
    pub published_at: DateTime<FixedOffset>,
    pub course: FrozenCourse,
}

impl CourseVersion {
    pub fn definition(&self) -> &CourseDefinition {
        &self.course.definition
    }
}

/// The stored structure of a course item, if it has a valid one.
pub fn definition_of(item: &content_item::Model) -> Result<Option<CourseDefinition>, DbErr> {
    match &item.course_definition {
        None => Ok(None),
        Some(json) => CourseDefinition::from_json(json)
            .map(Some)
            .map_err(|e| DbErr::Custom(format!("content item {}: stored course is not valid: {e}", item.id))),
    }
}

fn frozen(item: &content_item::Model, mut definition: CourseDefinition) -> FrozenCourse {
    for lesson in definition.modules.iter_mut().flat_map(|m| m.lessons.iter_mut()) {
        lesson.body_html = markdown::render(&lesson.body_markdown);
    }
    FrozenCourse {
        title: item.title.clone(),
        summary: item.summary.clone(),
        intro_html: item.body_html.clone(),
        audience: split_list(&item.audience),
        definition,
    }
}

/// A published course as it would be frozen now, with its digest.
fn frozen_json(item: &content_item::Model) -> Result<Option<(String, String)>, DbErr> {
    if item.kind != ContentKind::Course || item.status != Status::Published {
        return Ok(None);
    }
    let Some(definition) = definition_of(item)? else { return Ok(None) };
    let json = serde_json::to_string(&frozen(item, definition)).map_err(|e| DbErr::Custom(e.to_string()))?;
    let digest = format!("{:x}", Sha256::digest(json.as_bytes()));
    Ok(Some((json, digest)))
}

/// Whether a published course has been edited since its last version was frozen.
pub async fn has_unpublished_changes(db: &impl ConnectionTrait, item: &content_item::Model) -> Result<bool, DbErr> {
    let Some((_, digest)) = frozen_json(item)? else { return Ok(false) };
    Ok(last_row(db, item.id).await?.is_none_or(|row| row.digest != digest))
}

/// Freezes a new version if `item` is a published course that differs from its last
/// version. Returns the new version's number.
pub async fn freeze_if_changed(txn: &impl ConnectionTrait, item: &content_item::Model) -> Result<Option<i32>, DbErr> {
    let Some((json, digest)) = frozen_json(item)? else { return Ok(None) };
    let last = last_row(txn, item.id).await?;
    if last.as_ref().is_some_and(|row| row.digest == digest) {
        return Ok(None);
    }
    let number = last.map_or(1, |row| row.number + 1);
    course_version::ActiveModel {
        content_item_id: Set(item.id),
        number: Set(number),
        digest: Set(digest),
        frozen: Set(json),
        published_at: Set(Utc::now().fixed_offset()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(Some(number))
}

async fn last_row(db: &impl ConnectionTrait, item_id: ItemId) -> Result<Option<course_version::Model>, DbErr> {
    course_version::Entity::find()
        .filter(course_version::Column::ContentItemId.eq(item_id))
        .order_by_desc(course_version::Column::Number)
        .one(db)
        .await
}

fn from_row(row: course_version::Model) -> Result<CourseVersion, DbErr> {
    let course = serde_json::from_str(&row.frozen)
        .map_err(|e| DbErr::Custom(format!("course version {}: stored course is not valid: {e}", row.id)))?;
    Ok(CourseVersion { id: row.id, item_id: row.content_item_id, number: row.number, published_at: row.published_at, course })
}

/// The version new learners get.
pub async fn latest(db: &impl ConnectionTrait, item_id: ItemId) -> Result<Option<CourseVersion>, DbErr> {
    last_row(db, item_id).await?.map(from_row).transpose()
}

/// The version new learners get of each of these courses, in two queries.
pub async fn latest_of(db: &impl ConnectionTrait, item_ids: &[ItemId]) -> Result<HashMap<ItemId, CourseVersion>, DbErr> {
    if item_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let latest: Vec<(i32, Option<i32>)> = course_version::Entity::find()
        .select_only()
        .column(course_version::Column::ContentItemId)
        .column_as(course_version::Column::Number.max(), "latest")
        .filter(course_version::Column::ContentItemId.is_in(item_ids.iter().copied()))
        .group_by(course_version::Column::ContentItemId)
        .into_tuple()
        .all(db)
        .await?;
    let pairs: Vec<(i32, i32)> = latest.into_iter().filter_map(|(item_id, number)| number.map(|n| (item_id, n))).collect();
    if pairs.is_empty() {
        return Ok(HashMap::new());
    }
    let mut wanted = Condition::any();
    for (item_id, number) in pairs {
        wanted = wanted.add(Condition::all().add(course_version::Column::ContentItemId.eq(item_id)).add(course_version::Column::Number.eq(number)));
    }
    course_version::Entity::find()
        .filter(wanted)
        .all(db)
        .await?
        .into_iter()
        .map(|row| from_row(row).map(|version| (version.item_id, version)))
        .collect()
}

pub async fn by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<CourseVersion>, DbErr> {
    course_version::Entity::find_by_id(id).one(db).await?.map(from_row).transpose()
}

pub async fn by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<CourseVersion>, DbErr> {
    course_version::Entity::find()
        .filter(course_version::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}

/// The version numbers of a course, oldest first.
pub async fn numbers(db: &impl ConnectionTrait, item_id: ItemId) -> Result<Vec<i32>, DbErr> {
    course_version::Entity::find()
        .select_only()
        .column(course_version::Column::Number)
        .filter(course_version::Column::ContentItemId.eq(item_id))
        .order_by_asc(course_version::Column::Number)
        .into_tuple::<i32>()
        .all(db)
        .await
}

pub async fn by_number(db: &impl ConnectionTrait, item_id: ItemId, number: i32) -> Result<Option<CourseVersion>, DbErr> {
    course_version::Entity::find()
        .filter(course_version::Column::ContentItemId.eq(item_id))
        .filter(course_version::Column::Number.eq(number))
        .one(db)
        .await?
        .map(from_row)
        .transpose()
}
