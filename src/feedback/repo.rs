//! Storage of reader feedback.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::Kind;
use crate::entities::ids::{AreaId, ItemId, UserId};
use crate::entities::feedback;

pub async fn insert(
    db: &impl ConnectionTrait,
    area_id: AreaId,
    content_item_id: Option<ItemId>,
    page_path: &str,
    kind: Kind,
    message: &str,
) -> Result<feedback::Model, DbErr> {
    feedback::ActiveModel {
        area_id: Set(area_id),
        content_item_id: Set(content_item_id),
        page_path: Set(page_path.to_owned()),
        kind: Set(kind),
        message: Set(message.to_owned()),
        created_at: Set(Utc::now().fixed_offset()),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<feedback::Model>, DbErr> {
    feedback::Entity::find_by_id(id).one(db).await
}

/// Feedback not yet handled, of the given areas, newest first.
pub async fn open_in(db: &impl ConnectionTrait, area_ids: &[AreaId], limit: u64) -> Result<Vec<feedback::Model>, DbErr> {
    feedback::Entity::find()
        .filter(feedback::Column::AreaId.is_in(area_ids.iter().copied()))
        .filter(feedback::Column::HandledAt.is_null())
        .order_by_desc(feedback::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

pub async fn mark_handled(db: &impl ConnectionTrait, id: i32, by: UserId) -> Result<(), DbErr> {
    feedback::Entity::update_many()
        .col_expr(feedback::Column::HandledAt, sea_orm::sea_query::Expr::value(Utc::now().fixed_offset()))
        .col_expr(feedback::Column::HandledBy, sea_orm::sea_query::Expr::value(by))
        .filter(feedback::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Feedback that arrived in `from..until`, oldest first (the editors' daily digest).
pub async fn arrived_between(db: &impl ConnectionTrait, from: chrono::DateTime<chrono::FixedOffset>, until: chrono::DateTime<chrono::FixedOffset>) -> Result<Vec<feedback::Model>, DbErr> {
    feedback::Entity::find()
        .filter(feedback::Column::CreatedAt.gte(from))
        .filter(feedback::Column::CreatedAt.lt(until))
        .order_by_asc(feedback::Column::Id)
        .all(db)
        .await
}
