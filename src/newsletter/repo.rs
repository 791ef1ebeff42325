//! Storage of subscribers, issues and schedules. A subscriber row holds the address and
//! dates only, and is deleted on unsubscribe.
use chrono::{DateTime, FixedOffset};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entities::ids::{AreaId, SubscriberId};
use crate::entities::{newsletter_issue, newsletter_schedule, newsletter_subscriber};

pub use newsletter_issue::Model as Issue;
pub use newsletter_schedule::Model as Schedule;
pub use newsletter_subscriber::Model as Subscriber;

pub async fn subscriber(db: &impl ConnectionTrait, area_id: AreaId, email: &str) -> Result<Option<Subscriber>, DbErr> {
    newsletter_subscriber::Entity::find()
        .filter(newsletter_subscriber::Column::AreaId.eq(area_id))
        .filter(newsletter_subscriber::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn subscriber_by_id(db: &impl ConnectionTrait, id: SubscriberId) -> Result<Option<Subscriber>, DbErr> {
    newsletter_subscriber::Entity::find_by_id(id).one(db).await
}

pub async fn subscriber_by_token(db: &impl ConnectionTrait, token_hash: &str) -> Result<Option<Subscriber>, DbErr> {
    newsletter_subscriber::Entity::find().filter(newsletter_subscriber::Column::ConfirmTokenHash.eq(token_hash)).one(db).await
}

/// A new, unconfirmed subscriber; `None` if the address got there first (two requests at once).
pub async fn insert_subscriber(
    db: &impl ConnectionTrait,
    area_id: AreaId,
    email: &str,
    token_hash: &str,
    now: DateTime<FixedOffset>,
) -> Result<Option<Subscriber>, DbErr> {
    let row = newsletter_subscriber::ActiveModel {
        area_id: Set(area_id),
        email: Set(email.to_owned()),
        confirm_token_hash: Set(Some(token_hash.to_owned())),
        created_at: Set(now),
        confirmed_at: Set(None),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(row) => Ok(Some(row)),
        Err(_) if subscriber(db, area_id, email).await?.is_some() => Ok(None),
        Err(error) => Err(error),
    }
}

/// A new confirmation token for a subscriber who has not confirmed yet.
pub async fn renew_token(db: &impl ConnectionTrait, id: SubscriberId, token_hash: &str, now: DateTime<FixedOffset>) -> Result<(), DbErr> {
    newsletter_subscriber::Entity::update_many()
        .col_expr(newsletter_subscriber::Column::ConfirmTokenHash, Expr::value(token_hash))
        .col_expr(newsletter_subscriber::Column::CreatedAt, Expr::value(now))
        .filter(newsletter_subscriber::Column::Id.eq(id))
        .filter(newsletter_subscriber::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Confirms the subscription of a token; `false` for an unknown or used one.
pub async fn confirm(db: &impl ConnectionTrait, id: SubscriberId, now: DateTime<FixedOffset>) -> Result<bool, DbErr> {
    let done = newsletter_subscriber::Entity::update_many()
        .col_expr(newsletter_subscriber::Column::ConfirmedAt, Expr::value(now))
        .col_expr(newsletter_subscriber::Column::ConfirmTokenHash, Expr::value(Option::<String>::None))
        .filter(newsletter_subscriber::Column::Id.eq(id))
        .filter(newsletter_subscriber::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

pub async fn delete_subscriber(db: &impl ConnectionTrait, id: SubscriberId) -> Result<bool, DbErr> {
    Ok(newsletter_subscriber::Entity::delete_by_id(id).exec(db).await?.rows_affected == 1)
}

/// Subscriptions never confirmed, made before `before`: forgotten.
pub async fn delete_unconfirmed_before(db: &impl ConnectionTrait, before: DateTime<FixedOffset>) -> Result<u64, DbErr> {
    let done = newsletter_subscriber::Entity::delete_many()
        .filter(newsletter_subscriber::Column::ConfirmedAt.is_null())
        .filter(newsletter_subscriber::Column::CreatedAt.lt(before))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

pub async fn confirmed_subscribers(db: &impl ConnectionTrait, area_id: AreaId) -> Result<Vec<Subscriber>, DbErr> {
    newsletter_subscriber::Entity::find()
        .filter(newsletter_subscriber::Column::AreaId.eq(area_id))
        .filter(newsletter_subscriber::Column::ConfirmedAt.is_not_null())
        .order_by_asc(newsletter_subscriber::Column::Id)
        .all(db)
        .await
}

/// (confirmed, waiting for confirmation) subscribers of an area.
pub async fn counts(db: &impl ConnectionTrait, area_id: AreaId) -> Result<(u64, u64), DbErr> {
    let of = || newsletter_subscriber::Entity::find().filter(newsletter_subscriber::Column::AreaId.eq(area_id));
    let confirmed = of().filter(newsletter_subscriber::Column::ConfirmedAt.is_not_null()).count(db).await?;
    let waiting = of().filter(newsletter_subscriber::Column::ConfirmedAt.is_null()).count(db).await?;
    Ok((confirmed, waiting))
}

pub async fn issues(db: &impl ConnectionTrait, area_id: AreaId, limit: u64) -> Result<Vec<Issue>, DbErr> {
    newsletter_issue::Entity::find()
        .filter(newsletter_issue::Column::AreaId.eq(area_id))
        .order_by_desc(newsletter_issue::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

pub async fn insert_issue(db: &impl ConnectionTrait, issue: newsletter_issue::ActiveModel) -> Result<Issue, DbErr> {
    issue.insert(db).await
}

pub async fn schedule_of(db: &impl ConnectionTrait, area_id: AreaId) -> Result<Option<Schedule>, DbErr> {
    newsletter_schedule::Entity::find_by_id(area_id).one(db).await
}

pub async fn schedules(db: &impl ConnectionTrait) -> Result<Vec<Schedule>, DbErr> {
    newsletter_schedule::Entity::find().order_by_asc(newsletter_schedule::Column::AreaId).all(db).await
}

/// Sets or (with `None`) removes an area's weekly sending time.
pub async fn set_schedule(db: &impl ConnectionTrait, area_id: AreaId, when: Option<(i32, i32)>) -> Result<(), DbErr> {
    newsletter_schedule::Entity::delete_by_id(area_id).exec(db).await?;
    if let Some((weekday, hour)) = when {
        newsletter_schedule::ActiveModel { area_id: Set(area_id), weekday: Set(weekday), hour: Set(hour) }.insert(db).await?;
    }
    Ok(())
}

/// Holds the area's sending until the transaction ends (a row lock on PostgreSQL, the
/// write lock on SQLite), so two instances or two clicks never send one issue twice.
/// Written as an update that changes nothing, like `accounts::repo::lock_active_admins`.
pub async fn lock_area_sending(txn: &impl ConnectionTrait, area_id: AreaId) -> Result<(), DbErr> {
    use crate::entities::area;
    area::Entity::update_many()
        .col_expr(area::Column::Position, Expr::col(area::Column::Position))
        .filter(area::Column::Id.eq(area_id))
        .exec(txn)
        .await?;
    Ok(())
}
