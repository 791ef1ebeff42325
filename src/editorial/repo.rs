//! Queries of the editor pages and storage of proposals. Item writes go through
//! `content::repo`, so they reach the change log and search.
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::entities::ids::{AreaId, ItemId, UserId};
use crate::content::write::ItemFields;
use crate::content::{ContentKind, ItemRef, Status};
use crate::entities::proposal::{self, ProposalState};
use crate::entities::content_item;

/// Which items an editor list shows.
#[derive(Clone, Debug, Default)]
pub struct ItemQuery {
    pub area_ids: Vec<AreaId>,
    pub status: Option<Status>,
    pub kind: Option<ContentKind>,
    /// Part of the title, any case.
    pub title: Option<String>,
    pub limit: u64,
}

pub async fn items(db: &impl ConnectionTrait, query: &ItemQuery) -> Result<Vec<content_item::Model>, DbErr> {
    let mut find = content_item::Entity::find().filter(content_item::Column::AreaId.is_in(query.area_ids.iter().copied()));
    if let Some(status) = query.status {
        find = find.filter(content_item::Column::Status.eq(status));
    }
    if let Some(kind) = query.kind {
        find = find.filter(content_item::Column::Kind.eq(kind));
    }
    if let Some(title) = query.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", title.to_lowercase().replace(['%', '_'], ""));
        find = find.filter(Expr::expr(Func::lower(Expr::col(content_item::Column::Title))).like(pattern));
    }
    find.order_by_desc(content_item::Column::ModifiedAt)
        .order_by_asc(content_item::Column::Id)
        .limit(Ord::max(query.limit, 1))
        .all(db)
        .await
}

/// Published items whose review-by date has passed: they need a professional update.
pub async fn review_passed(db: &impl ConnectionTrait, area_ids: &[AreaId], today: NaiveDate) -> Result<Vec<content_item::Model>, DbErr> {
    content_item::Entity::find()
        .filter(content_item::Column::AreaId.is_in(area_ids.iter().copied()))
        .filter(content_item::Column::Status.eq(Status::Published))
        .filter(content_item::Column::ReviewBy.lt(today))
        .order_by_asc(content_item::Column::ReviewBy)
        .limit(100)
        .all(db)
        .await
}

pub async fn scheduled(db: &impl ConnectionTrait, area_ids: &[AreaId]) -> Result<Vec<content_item::Model>, DbErr> {
    content_item::Entity::find()
        .filter(content_item::Column::AreaId.is_in(area_ids.iter().copied()))
        .filter(content_item::Column::PublishAt.is_not_null())
        .order_by_asc(content_item::Column::PublishAt)
        .all(db)
        .await
}

fn in_utc(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    at.with_timezone(&Utc).fixed_offset()
}

/// Unpublished items whose publishing time has come.
pub async fn due(db: &impl ConnectionTrait, now: DateTime<FixedOffset>) -> Result<Vec<content_item::Model>, DbErr> {
    let now = in_utc(now);
    content_item::Entity::find()
        .filter(content_item::Column::PublishAt.lte(now))
        .filter(content_item::Column::Status.is_in([Status::Draft, Status::InReview]))
        .order_by_asc(content_item::Column::PublishAt)
        .limit(100)
        .all(db)
        .await
}

/// Claims a due item for publishing: only one instance's claim succeeds.
pub async fn claim_due(db: &impl ConnectionTrait, id: ItemId, now: DateTime<FixedOffset>) -> Result<bool, DbErr> {
    let now = in_utc(now);
    let claimed = content_item::Entity::update_many()
        .col_expr(content_item::Column::PublishAt, Expr::value(Option::<DateTime<FixedOffset>>::None))
        .filter(content_item::Column::Id.eq(id))
        .filter(content_item::Column::PublishAt.lte(now))
        .filter(content_item::Column::Status.is_in([Status::Draft, Status::InReview]))
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Kept in UTC: SQLite compares these times as text, so `due` is right only when every
/// stored time and `now` share one offset (an editor's time is an Oslo time).
pub async fn set_publish_at(db: &impl ConnectionTrait, id: ItemId, at: Option<DateTime<FixedOffset>>) -> Result<(), DbErr> {
    let at = at.map(in_utc);
    content_item::Entity::update_many()
        .col_expr(content_item::Column::PublishAt, Expr::value(at))
        .filter(content_item::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_adapts_revision(db: &impl ConnectionTrait, id: ItemId, number: i32) -> Result<(), DbErr> {
    content_item::Entity::update_many()
        .col_expr(content_item::Column::AdaptsRevision, Expr::value(number))
        .filter(content_item::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Local items of these areas that adapt a central item.
pub async fn adaptations_in(db: &impl ConnectionTrait, area_ids: &[AreaId]) -> Result<Vec<content_item::Model>, DbErr> {
    content_item::Entity::find()
        .filter(content_item::Column::AreaId.is_in(area_ids.iter().copied()))
        .filter(content_item::Column::Adapts.is_not_null())
        .all(db)
        .await
}

/// The central originals of these adaptations, by what they name (`guide/bruk-av-tolk`),
/// bokmål first; in one query.
pub async fn central_originals(
    db: &impl ConnectionTrait,
    central_id: AreaId,
    adaptations: &[content_item::Model],
) -> Result<std::collections::HashMap<String, content_item::Model>, DbErr> {
    let named: Vec<&str> = adaptations.iter().filter_map(|a| a.adapts.as_deref()).collect();
    let slugs: Vec<&str> = named.iter().filter_map(|n| n.split_once('/').map(|(_, slug)| slug)).collect();
    let candidates = content_item::Entity::find()
        .filter(content_item::Column::AreaId.eq(central_id))
        .filter(content_item::Column::Slug.is_in(slugs))
        .all(db)
        .await?;
    let mut originals: std::collections::HashMap<String, content_item::Model> = std::collections::HashMap::new();
    for item in candidates {
        let name = format!("{}/{}", item.kind, item.slug);
        if !named.contains(&name.as_str()) {
            continue;
        }
        let better = originals.get(&name).is_none_or(|kept| kept.lang != "nb" && item.lang == "nb");
        if better {
            originals.insert(name, item);
        }
    }
    Ok(originals)
}

/// The central item an adaptation names (`guide/bruk-av-tolk`), bokmål first.
pub async fn central_original(
    db: &impl ConnectionTrait,
    central_id: AreaId,
    adapts: &str,
) -> Result<Option<content_item::Model>, DbErr> {
    let Ok(target) = adapts.parse::<ItemRef>() else { return Ok(None) };
    let versions = content_item::Entity::find()
        .filter(content_item::Column::AreaId.eq(central_id))
        .filter(content_item::Column::Kind.eq(target.kind))
        .filter(content_item::Column::Slug.eq(target.slug.as_str()))
        .all(db)
        .await?;
    Ok(versions.iter().find(|v| v.lang == "nb").or(versions.first()).cloned())
}

pub async fn insert_proposal(
    db: &impl ConnectionTrait,
    item_id: ItemId,
    proposer: (Option<UserId>, &str),
    note: &str,
    snapshot: &str,
    base_revision: i32,
) -> Result<proposal::Model, DbErr> {
    proposal::ActiveModel {
        content_item_id: Set(item_id),
        proposer_id: Set(proposer.0),
        proposer_name: Set(proposer.1.to_owned()),
        note: Set(note.to_owned()),
        snapshot: Set(snapshot.to_owned()),
        base_revision: Set(base_revision),
        state: Set(ProposalState::Open),
        created_at: Set(Utc::now().fixed_offset()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The item as the proposal would have it.
pub fn proposed(proposal: &proposal::Model) -> Result<ItemFields, DbErr> {
    serde_json::from_str(&proposal.snapshot).map_err(|e| DbErr::Custom(format!("proposal {}: {e}", proposal.id)))
}

pub async fn proposal(db: &impl ConnectionTrait, id: i32) -> Result<Option<proposal::Model>, DbErr> {
    proposal::Entity::find_by_id(id).one(db).await
}

/// Open proposals; of one proposer only when `proposer` is given.
pub async fn open_proposals(db: &impl ConnectionTrait, proposer: Option<UserId>) -> Result<Vec<proposal::Model>, DbErr> {
    let mut find = proposal::Entity::find().filter(proposal::Column::State.eq(ProposalState::Open));
    if let Some(proposer) = proposer {
        find = find.filter(proposal::Column::ProposerId.eq(proposer));
    }
    find.order_by_desc(proposal::Column::Id).all(db).await
}

/// Decides an open proposal; false when it was decided already.
pub async fn decide_proposal(db: &impl ConnectionTrait, id: i32, accepted: bool, by: Option<UserId>) -> Result<bool, DbErr> {
    let decided = proposal::Entity::update_many()
        .col_expr(proposal::Column::State, Expr::value(if accepted { ProposalState::Accepted } else { ProposalState::Rejected }))
        .col_expr(proposal::Column::DecidedBy, Expr::value(by))
        .col_expr(proposal::Column::DecidedAt, Expr::value(Utc::now().fixed_offset()))
        .filter(proposal::Column::Id.eq(id))
        .filter(proposal::Column::State.eq(ProposalState::Open))
        .exec(db)
        .await?;
    Ok(decided.rows_affected == 1)
}
