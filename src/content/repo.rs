//! Storage of content items and themes: the only code that touches their tables.
//! Every function takes `&impl ConnectionTrait`, so it works inside a transaction.
use chrono::{NaiveDate, NaiveDateTime, Utc};
use sea_orm::sea_query::NullOrdering;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};

pub use super::write::{ItemWrite, split_list};
use super::{ContentKind, ItemRef, Status, revisions};
use crate::entities::ids::{AreaId, ItemId};
use crate::areas::repo::Upserted;
use crate::entities::{content_change, content_item, content_item_theme, theme};

/// An item without its body: what lists and cards need.
#[derive(Clone, Debug, FromQueryResult)]
pub struct ItemSummary {
    pub id: ItemId,
    pub area_id: AreaId,
    pub kind: ContentKind,
    pub slug: String,
    pub lang: String,
    pub translation_group: String,
    pub title: String,
    pub summary: String,
    pub published_on: Option<NaiveDate>,
    pub updated_on: Option<NaiveDate>,
    pub event_starts: Option<NaiveDateTime>,
    pub event_ends: Option<NaiveDateTime>,
    pub event_place: Option<String>,
    /// When the row last changed (feeds and sitemaps say when an item changed).
    pub modified_at: sea_orm::prelude::DateTimeWithTimeZone,
}

impl ItemSummary {
    pub fn of(item: &content_item::Model) -> ItemSummary {
        ItemSummary {
            id: item.id,
            area_id: item.area_id,
            kind: item.kind,
            slug: item.slug.clone(),
            lang: item.lang.clone(),
            translation_group: item.translation_group.clone(),
            title: item.title.clone(),
            summary: item.summary.clone(),
            published_on: item.published_on,
            updated_on: item.updated_on,
            event_starts: item.event_starts,
            event_ends: item.event_ends,
            event_place: item.event_place.clone(),
            modified_at: item.modified_at,
        }
    }
}

/// Which published items a list wants. Items are always limited to some areas.
#[derive(Clone, Debug, Default)]
pub struct ItemFilter {
    pub kinds: Vec<ContentKind>,
    pub theme_id: Option<i32>,
    /// Only events that start at or after this time.
    pub starts_from: Option<NaiveDateTime>,
    /// Only events that started before this time.
    pub starts_before: Option<NaiveDateTime>,
    /// Only this language version.
    pub lang: Option<String>,
    /// Only items changed at or after this time.
    pub changed_since: Option<chrono::DateTime<Utc>>,
    /// Only items with a smaller id (the open API's cursor).
    pub ids_below: Option<ItemId>,
    pub order: ItemOrder,
    /// At most this many rows (language versions count one each).
    pub limit: Option<u64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ItemOrder {
    #[default]
    Title,
    NewestFirst,
    SoonestFirst,
    LatestStartFirst,
    /// The last added first: ids never change, so paging by id misses nothing.
    LatestAddedFirst,
}

/// Published items of the given areas, every language, without bodies.
pub async fn published_summaries(
    db: &impl ConnectionTrait,
    area_ids: &[AreaId],
    filter: &ItemFilter,
) -> Result<Vec<ItemSummary>, DbErr> {
    let mut query = content_item::Entity::find()
        .select_only()
        .columns([
            content_item::Column::Id,
            content_item::Column::AreaId,
            content_item::Column::Kind,
            content_item::Column::Slug,
            content_item::Column::Lang,
            content_item::Column::TranslationGroup,
            content_item::Column::Title,
            content_item::Column::Summary,
            content_item::Column::PublishedOn,
            content_item::Column::UpdatedOn,
            content_item::Column::EventStarts,
            content_item::Column::EventEnds,
            content_item::Column::EventPlace,
            content_item::Column::ModifiedAt,
        ])
        .filter(content_item::Column::Status.eq(Status::Published))
        .filter(content_item::Column::AreaId.is_in(area_ids.iter().copied()));
    if !filter.kinds.is_empty() {
        query = query.filter(content_item::Column::Kind.is_in(filter.kinds.iter().copied()));
    }
    if let Some(theme_id) = filter.theme_id {
        let tagged = content_item_theme::Entity::find()
            .select_only()
            .column(content_item_theme::Column::ContentItemId)
            .filter(content_item_theme::Column::ThemeId.eq(theme_id))
            .into_query();
        query = query.filter(content_item::Column::Id.in_subquery(tagged));
    }
    if let Some(from) = filter.starts_from {
        query = query.filter(content_item::Column::EventStarts.gte(from));
    }
    if let Some(before) = filter.starts_before {
        query = query.filter(content_item::Column::EventStarts.lt(before));
    }
    if let Some(lang) = &filter.lang {
        query = query.filter(content_item::Column::Lang.eq(lang.as_str()));
    }
    // Change times are stored in UTC (compared as text on SQLite).
    if let Some(since) = filter.changed_since {
        query = query.filter(content_item::Column::ModifiedAt.gte(since.fixed_offset()));
    }
    if let Some(below) = filter.ids_below {
        query = query.filter(content_item::Column::Id.lt(below));
    }
    query = match filter.order {
        ItemOrder::Title => query,
        // Undated items last on both backends (PostgreSQL would put NULL first).
        ItemOrder::NewestFirst => query
            .order_by_with_nulls(content_item::Column::PublishedOn, Order::Desc, NullOrdering::Last)
            .order_by_with_nulls(content_item::Column::UpdatedOn, Order::Desc, NullOrdering::Last),
        ItemOrder::SoonestFirst => query.order_by_asc(content_item::Column::EventStarts),
        ItemOrder::LatestStartFirst => query.order_by_desc(content_item::Column::EventStarts),
        ItemOrder::LatestAddedFirst => query.order_by_desc(content_item::Column::Id),
    };
    if let Some(limit) = filter.limit {
        query = query.limit(limit);
    }
    query
        .order_by_asc(content_item::Column::Title)
        .order_by_asc(content_item::Column::Id)
        .into_model::<ItemSummary>()
        .all(db)
        .await
}

/// Every published language version of one item of one area.
pub async fn published_versions(
    db: &impl ConnectionTrait,
    area_id: AreaId,
    kind: ContentKind,
    slug: &str,
) -> Result<Vec<content_item::Model>, DbErr> {
    content_item::Entity::find()
        .filter(content_item::Column::AreaId.eq(area_id))
        .filter(content_item::Column::Kind.eq(kind))
        .filter(content_item::Column::Slug.eq(slug))
        .filter(content_item::Column::Status.eq(Status::Published))
        .order_by_asc(content_item::Column::Lang)
        .all(db)
        .await
}

/// Published items of `area_id` that adapt the central item `adapts`.
pub async fn published_adaptations(
    db: &impl ConnectionTrait,
    area_id: AreaId,
    adapts: &ItemRef,
) -> Result<Vec<ItemSummary>, DbErr> {
    content_item::Entity::find()
        .filter(content_item::Column::AreaId.eq(area_id))
        .filter(content_item::Column::Adapts.eq(adapts.to_string()))
        .filter(content_item::Column::Status.eq(Status::Published))
        .into_model::<ItemSummary>()
        .all(db)
        .await
}

pub async fn count_items(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    content_item::Entity::find().count(db).await
}

pub async fn themes(db: &impl ConnectionTrait) -> Result<Vec<theme::Model>, DbErr> {
    theme::Entity::find().order_by_asc(theme::Column::Position).order_by_asc(theme::Column::Slug).all(db).await
}

pub async fn theme_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<theme::Model>, DbErr> {
    theme::Entity::find().filter(theme::Column::Slug.eq(slug)).one(db).await
}

pub async fn themes_of(db: &impl ConnectionTrait, item_id: ItemId) -> Result<Vec<theme::Model>, DbErr> {
    let tagged = content_item_theme::Entity::find()
        .select_only()
        .column(content_item_theme::Column::ThemeId)
        .filter(content_item_theme::Column::ContentItemId.eq(item_id))
        .into_query();
    theme::Entity::find()
        .filter(theme::Column::Id.in_subquery(tagged))
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await
}

/// Creates the theme, or brings its name, description and position up to date.
pub async fn upsert_theme(
    db: &impl ConnectionTrait,
    slug: &str,
    name: &str,
    description: &str,
    position: i32,
) -> Result<(theme::Model, Upserted), DbErr> {
    match theme_by_slug(db, slug).await? {
        Some(existing)
            if existing.name == name && existing.description == description && existing.position == position =>
        {
            Ok((existing, Upserted::Unchanged))
        }
        Some(existing) => {
            let renamed = existing.name != name;
            let theme_id = existing.id;
            let mut active: theme::ActiveModel = existing.into();
            active.name = Set(name.to_owned());
            active.description = Set(description.to_owned());
            active.position = Set(position);
            let updated = active.update(db).await?;
            if renamed {
                // Pages are found by their themes' names: the search index takes them again.
                let items: Vec<ItemId> = content_item_theme::Entity::find()
                    .select_only()
                    .column(content_item_theme::Column::ContentItemId)
                    .filter(content_item_theme::Column::ThemeId.eq(theme_id))
                    .into_tuple()
                    .all(db)
                    .await?;
                log_changes(db, &items).await?;
            }
            Ok((updated, Upserted::Updated))
        }
        None => {
            let created = theme::ActiveModel {
                slug: Set(slug.to_owned()),
                name: Set(name.to_owned()),
                description: Set(description.to_owned()),
                position: Set(position),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok((created, Upserted::Created))
        }
    }
}

/// The item of an area with this slug and language, whatever its kind.
pub async fn by_key(
    db: &impl ConnectionTrait,
    area_id: AreaId,
    slug: &str,
    lang: &str,
) -> Result<Option<content_item::Model>, DbErr> {
    content_item::Entity::find()
        .filter(content_item::Column::AreaId.eq(area_id))
        .filter(content_item::Column::Slug.eq(slug))
        .filter(content_item::Column::Lang.eq(lang))
        .one(db)
        .await
}

pub async fn theme_ids_of(db: &impl ConnectionTrait, item_id: ItemId) -> Result<Vec<i32>, DbErr> {
    let mut ids: Vec<i32> = content_item_theme::Entity::find()
        .filter(content_item_theme::Column::ContentItemId.eq(item_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.theme_id)
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

/// How the audit log names an item.
pub fn target_of(item: &content_item::Model) -> String {
    format!("{}/{} ({}, id {})", item.kind, item.slug, item.lang, item.id)
}

/// Writes an item inside the caller's transaction: its fields, its themes and the
/// change-log entry that brings it to search. `existing` is the row it replaces.
pub async fn write_item(
    txn: &impl ConnectionTrait,
    existing: Option<content_item::Model>,
    item: &ItemWrite,
) -> Result<content_item::Model, DbErr> {
    let written = match existing {
        Some(model) => {
            let mut active: content_item::ActiveModel = model.into();
            item.apply(&mut active);
            let updated = active.update(txn).await?;
            content_item_theme::Entity::delete_many()
                .filter(content_item_theme::Column::ContentItemId.eq(updated.id))
                .exec(txn)
                .await?;
            updated
        }
        None => {
            let mut active = content_item::ActiveModel { created_at: Set(Utc::now().fixed_offset()), ..Default::default() };
            item.apply(&mut active);
            active.insert(txn).await?
        }
    };
    link_themes(txn, written.id, &item.fields.theme_ids).await?;
    log_change(txn, written.id).await?;
    Ok(written)
}

/// The item as a write: what an edit starts from.
pub async fn as_write(db: &impl ConnectionTrait, model: &content_item::Model) -> Result<ItemWrite, DbErr> {
    ItemWrite::of_model(model, theme_ids_of(db, model.id).await?)
}

/// Local adaptations that have never been checked against their central original are
/// marked as written against its latest revision, so only later central changes are
/// reported to their editors.
pub async fn baseline_adaptations(db: &impl ConnectionTrait, central_id: AreaId) -> Result<(), DbErr> {
    let unchecked = content_item::Entity::find()
        .filter(content_item::Column::Adapts.is_not_null())
        .filter(content_item::Column::AdaptsRevision.is_null())
        .all(db)
        .await?;
    for local in unchecked {
        let Some(target) = local.adapts.as_deref().and_then(|a| a.parse::<ItemRef>().ok()) else { continue };
        let Some(original) = content_item::Entity::find()
            .filter(content_item::Column::AreaId.eq(central_id))
            .filter(content_item::Column::Kind.eq(target.kind))
            .filter(content_item::Column::Slug.eq(target.slug.as_str()))
            .one(db)
            .await?
        else {
            continue;
        };
        let latest = revisions::latest_number(db, original.id).await?;
        content_item::Entity::update_many()
            .col_expr(content_item::Column::AdaptsRevision, sea_orm::sea_query::Expr::value(latest))
            .filter(content_item::Column::Id.eq(local.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

pub async fn item_by_id(db: &impl ConnectionTrait, id: ItemId) -> Result<Option<content_item::Model>, DbErr> {
    content_item::Entity::find_by_id(id).one(db).await
}

async fn link_themes(db: &impl ConnectionTrait, item_id: ItemId, theme_ids: &[i32]) -> Result<(), DbErr> {
    if theme_ids.is_empty() {
        return Ok(());
    }
    let rows = theme_ids.iter().map(|&theme_id| content_item_theme::ActiveModel {
        content_item_id: Set(item_id),
        theme_id: Set(theme_id),
    });
    content_item_theme::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Deletes an item with its theme links and logs the change, inside the caller's
/// transaction. Returns the item that was deleted, if there was one.
pub async fn delete_item(txn: &impl ConnectionTrait, id: ItemId) -> Result<Option<content_item::Model>, DbErr> {
    let Some(item) = item_by_id(txn, id).await? else { return Ok(None) };
    content_item_theme::Entity::delete_many()
        .filter(content_item_theme::Column::ContentItemId.eq(id))
        .exec(txn)
        .await?;
    content_item::Entity::delete_by_id(id).exec(txn).await?;
    log_change(txn, id).await?;
    Ok(Some(item))
}

/// Items imported from a file: id and path relative to the content folder.
pub async fn imported_items(db: &impl ConnectionTrait) -> Result<Vec<(ItemId, String)>, DbErr> {
    content_item::Entity::find()
        .select_only()
        .column(content_item::Column::Id)
        .column(content_item::Column::SourcePath)
        .filter(content_item::Column::SourcePath.is_not_null())
        .into_tuple()
        .all(db)
        .await
}

/// Records that an item changed; called inside the transaction of the change itself.
async fn log_change(db: &impl ConnectionTrait, item_id: ItemId) -> Result<(), DbErr> {
    content_change::ActiveModel {
        content_item_id: Set(item_id),
        changed_at: Set(Utc::now().fixed_offset()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records that items changed, in one statement.
async fn log_changes(db: &impl ConnectionTrait, item_ids: &[ItemId]) -> Result<(), DbErr> {
    if item_ids.is_empty() {
        return Ok(());
    }
    let now = Utc::now().fixed_offset();
    let rows = item_ids.iter().map(|&item_id| content_change::ActiveModel { content_item_id: Set(item_id), changed_at: Set(now), ..Default::default() });
    content_change::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Change-log entries after `after` or among `pending` (ids skipped earlier), by id.
pub async fn changes_after_or_in(
    db: &impl ConnectionTrait,
    after: i64,
    pending: &[i64],
    limit: u64,
) -> Result<Vec<content_change::Model>, DbErr> {
    let mut wanted = sea_orm::Condition::any().add(content_change::Column::Id.gt(after));
    if !pending.is_empty() {
        wanted = wanted.add(content_change::Column::Id.is_in(pending.iter().copied()));
    }
    content_change::Entity::find()
        .filter(wanted)
        .order_by_asc(content_change::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The ids of the change-log entries after `after`.
pub async fn change_ids_after(db: &impl ConnectionTrait, after: i64) -> Result<std::collections::HashSet<i64>, DbErr> {
    let ids: Vec<i64> = content_change::Entity::find()
        .select_only()
        .column(content_change::Column::Id)
        .filter(content_change::Column::Id.gt(after))
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().collect())
}

pub async fn last_change_id(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let last = content_change::Entity::find().order_by_desc(content_change::Column::Id).one(db).await?;
    Ok(last.map_or(0, |change| change.id))
}

pub async fn items_by_ids(db: &impl ConnectionTrait, ids: &[ItemId]) -> Result<Vec<content_item::Model>, DbErr> {
    content_item::Entity::find().filter(content_item::Column::Id.is_in(ids.iter().copied())).all(db).await
}

/// Published items with an id above `after_id`, by id: a full index rebuild pages through them.
pub async fn published_after_id(db: &impl ConnectionTrait, after_id: ItemId, limit: u64) -> Result<Vec<content_item::Model>, DbErr> {
    content_item::Entity::find()
        .filter(content_item::Column::Status.eq(Status::Published))
        .filter(content_item::Column::Id.gt(after_id))
        .order_by_asc(content_item::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Where each published item lives, for the sitemap: by id, without texts.
#[derive(Clone, Debug, FromQueryResult)]
pub struct PublishedAddress {
    pub area_id: AreaId,
    pub kind: ContentKind,
    pub slug: String,
    pub lang: String,
    pub translation_group: String,
    pub modified_at: sea_orm::prelude::DateTimeWithTimeZone,
}

pub async fn published_addresses(db: &impl ConnectionTrait) -> Result<Vec<PublishedAddress>, DbErr> {
    content_item::Entity::find()
        .select_only()
        .columns([
            content_item::Column::AreaId,
            content_item::Column::Kind,
            content_item::Column::Slug,
            content_item::Column::Lang,
            content_item::Column::TranslationGroup,
            content_item::Column::ModifiedAt,
        ])
        .filter(content_item::Column::Status.eq(Status::Published))
        .order_by_asc(content_item::Column::Id)
        .into_model::<PublishedAddress>()
        .all(db)
        .await
}

pub async fn count_published(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    content_item::Entity::find().filter(content_item::Column::Status.eq(Status::Published)).count(db).await
}

/// The themes of each of the given items, in the themes' order.
pub async fn themes_of_items(db: &impl ConnectionTrait, ids: &[ItemId]) -> Result<std::collections::HashMap<ItemId, Vec<theme::Model>>, DbErr> {
    let links = content_item_theme::Entity::find()
        .filter(content_item_theme::Column::ContentItemId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let all = themes(db).await?;
    let mut by_item: std::collections::HashMap<ItemId, Vec<theme::Model>> = std::collections::HashMap::new();
    for link in links {
        if let Some(theme) = all.iter().find(|t| t.id == link.theme_id) {
            by_item.entry(link.content_item_id).or_default().push(theme.clone());
        }
    }
    Ok(by_item)
}

/// The theme slugs of each of the given items.
pub async fn theme_slugs_of_items(
    db: &impl ConnectionTrait,
    ids: &[ItemId],
) -> Result<std::collections::HashMap<ItemId, Vec<String>>, DbErr> {
    let by_item = themes_of_items(db, ids).await?;
    Ok(by_item.into_iter().map(|(id, themes)| (id, themes.into_iter().map(|t| t.slug).collect())).collect())
}

/// Published items whose review date falls in `from..=until`, soonest first.
pub async fn published_for_review(db: &impl ConnectionTrait, from: NaiveDate, until: NaiveDate) -> Result<Vec<content_item::Model>, DbErr> {
    content_item::Entity::find()
        .filter(content_item::Column::Status.eq(Status::Published))
        .filter(content_item::Column::ReviewBy.gte(from))
        .filter(content_item::Column::ReviewBy.lte(until))
        .order_by_asc(content_item::Column::ReviewBy)
        .order_by_asc(content_item::Column::Id)
        .all(db)
        .await
}
