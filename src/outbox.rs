//! The outbox: every message is a row, written by the code that causes it inside the
//! same transaction as its change, so a crash never loses a message nor sends one for
//! a change that rolled back. Rows are claimed by a sender (the `mail` module) for a while
//! (a lease), then marked sent, tried again later, or failed.
//!
//! Claiming is one statement: on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several
//! instances on one database never take the same row; on SQLite the write lock does the
//! same. A sender that dies after claiming leaves the row to be claimed again when the
//! lease lapses: a message goes at least once, and its stable `Message-ID` makes a
//! rare second copy visible as such.
use chrono::{DateTime, Duration, FixedOffset, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement,
};
use serde::Serialize;

pub use crate::entities::ids::MessageId;
pub use crate::entities::outbox::{MailKind, MailStatus, Model as Message};
use crate::entities::outbox;

/// Attempts before a message is given up (kept as failed, and can be sent again): with
/// the default first wait of a minute, doubling up to two hours, about eight hours.
pub const MAX_ATTEMPTS: i32 = 10;
/// How long a claim holds: longer than any one delivery takes.
pub const LEASE: Duration = Duration::minutes(10);
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::hours(2);

/// A message to write: its kind (which names its templates), the address, and the
/// values its templates read (links as paths: the sender makes them absolute).
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub kind: MailKind,
    pub to: String,
    pub data: serde_json::Value,
    /// Set for a message that must go once only: a second one with the key is dropped.
    pub once_key: Option<String>,
}

impl Outgoing {
    pub fn new(kind: MailKind, to: &str, data: serde_json::Value) -> Outgoing {
        Outgoing { kind, to: to.to_owned(), data, once_key: None }
    }

    pub fn once(mut self, key: String) -> Outgoing {
        self.once_key = Some(key);
        self
    }
}

/// Writes a message; call it with the transaction of the change that causes it.
/// `None` when a message with the same `once_key` was written before.
pub async fn enqueue(db: &impl ConnectionTrait, message: Outgoing) -> Result<Option<MessageId>, DbErr> {
    let now = Utc::now().fixed_offset();
    let row = outbox::ActiveModel {
        kind: Set(message.kind),
        recipient: Set(message.to),
        data: Set(message.data.to_string()),
        once_key: Set(message.once_key),
        status: Set(MailStatus::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    };
    let on_conflict = OnConflict::column(outbox::Column::OnceKey).do_nothing().to_owned();
    match outbox::Entity::insert(row).on_conflict(on_conflict).exec(db).await {
        Ok(inserted) => Ok(Some(inserted.last_insert_id)),
        Err(DbErr::RecordNotInserted) => Ok(None),
        Err(error) => Err(error),
    }
}

/// Takes up to `limit` messages that are due, for `LEASE`; each claim counts as an attempt.
pub async fn claim(db: &impl ConnectionTrait, now: DateTime<FixedOffset>, limit: u64) -> Result<Vec<Message>, DbErr> {
    let backend = db.get_database_backend();
    let lock = if backend == DbBackend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= $2 ORDER BY id LIMIT $3{lock}) \
         RETURNING *"
    );
    let statement = Statement::from_sql_and_values(backend, sql, [(now + LEASE).into(), now.into(), (limit as i64).into()]);
    let mut claimed = Message::find_by_statement(statement).all(db).await?;
    claimed.sort_by_key(|m| m.id);
    Ok(claimed)
}

pub async fn mark_sent(db: &impl ConnectionTrait, id: MessageId, now: DateTime<FixedOffset>) -> Result<(), DbErr> {
    update(db, id, |q| {
        q.col_expr(outbox::Column::Status, Expr::value(MailStatus::Sent.to_value()))
            .col_expr(outbox::Column::SentAt, Expr::value(now))
            .col_expr(outbox::Column::LastError, Expr::value(Option::<String>::None))
    })
    .await
}

/// After a failed attempt: tried again after a doubling wait, or given up after the
/// last attempt or when the server refused for good (`permanent`).
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    message: &Message,
    error: &str,
    permanent: bool,
    base: Duration,
    now: DateTime<FixedOffset>,
) -> Result<MailStatus, DbErr> {
    let status = if permanent || message.attempts >= MAX_ATTEMPTS { MailStatus::Failed } else { MailStatus::Queued };
    let next = now + backoff(message.attempts, base);
    update(db, message.id, |q| {
        q.col_expr(outbox::Column::Status, Expr::value(status.to_value()))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(next))
            .col_expr(outbox::Column::LastError, Expr::value(error.chars().take(500).collect::<String>()))
    })
    .await?;
    Ok(status)
}

/// A failed message queued again from the start (the admin's "Send igjen").
pub async fn resend(db: &impl ConnectionTrait, id: MessageId) -> Result<bool, DbErr> {
    let result = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(MailStatus::Queued.to_value()))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(Utc::now().fixed_offset()))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(MailStatus::Failed))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn update(
    db: &impl ConnectionTrait,
    id: MessageId,
    set: impl FnOnce(sea_orm::UpdateMany<outbox::Entity>) -> sea_orm::UpdateMany<outbox::Entity>,
) -> Result<(), DbErr> {
    set(outbox::Entity::update_many()).filter(outbox::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// The wait after attempt `attempts` (1, 2, ...): `base`, then doubling, at most two hours.
pub fn backoff(attempts: i32, base: Duration) -> Duration {
    let doublings = (attempts - 1).clamp(0, 16) as u32;
    (base * 2_i32.pow(doublings)).min(MAX_BACKOFF)
}

/// What the admin's mail page counts.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct QueueCounts {
    pub waiting: u64,
    pub failed: u64,
    pub sent_since: u64,
}

pub async fn counts(db: &impl ConnectionTrait, since: DateTime<FixedOffset>) -> Result<QueueCounts, DbErr> {
    let of = |status: MailStatus| outbox::Entity::find().filter(outbox::Column::Status.eq(status));
    Ok(QueueCounts {
        waiting: of(MailStatus::Queued).count(db).await?,
        failed: of(MailStatus::Failed).count(db).await?,
        sent_since: of(MailStatus::Sent).filter(outbox::Column::SentAt.gte(since)).count(db).await?,
    })
}

/// The newest messages with a status, newest first.
pub async fn latest(db: &impl ConnectionTrait, status: MailStatus, limit: u64) -> Result<Vec<Message>, DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(status))
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

pub async fn by_id(db: &impl ConnectionTrait, id: MessageId) -> Result<Option<Message>, DbErr> {
    outbox::Entity::find_by_id(id).one(db).await
}

/// Sent messages are kept this long (for the admin's page and questions like "did it go
/// out?"); what they say (names, links) is personal data, so not for longer.
pub const KEEP_SENT: Duration = Duration::days(30);

/// Deletes messages sent before `before`; how many.
pub async fn forget_sent_before(db: &impl ConnectionTrait, before: DateTime<FixedOffset>) -> Result<u64, DbErr> {
    let done = outbox::Entity::delete_many()
        .filter(outbox::Column::Status.eq(MailStatus::Sent))
        .filter(outbox::Column::SentAt.lt(before))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Every message to an address, oldest first (for tests and a person's data export).
pub async fn to_address(db: &impl ConnectionTrait, address: &str) -> Result<Vec<Message>, DbErr> {
    outbox::Entity::find().filter(outbox::Column::Recipient.eq(address)).order_by_asc(outbox::Column::Id).all(db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_the_base_up_to_two_hours() {
        let base = Duration::seconds(30);
        assert_eq!(backoff(1, base), Duration::seconds(30));
        assert_eq!(backoff(2, base), Duration::seconds(60));
        assert_eq!(backoff(4, base), Duration::seconds(240));
        assert_eq!(backoff(20, base), Duration::hours(2));
        assert_eq!(backoff(0, base), base);
    }
}
