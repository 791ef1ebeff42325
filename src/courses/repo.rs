//! Storage of learners' enrolments, progress, attempts and certificates: the only code
//! that touches their tables.
use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use super::attempt::{self, Attempt};
use crate::entities::ids::{AttemptId, ItemId, UserId};
use crate::content::ContentKind;
use crate::entities::{certificate, content_item, enrolment, lesson_progress, quiz_answer, quiz_attempt};

type Time = DateTime<FixedOffset>;

pub async fn enrolment(db: &impl ConnectionTrait, user_id: UserId, item_id: ItemId) -> Result<Option<enrolment::Model>, DbErr> {
    enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .filter(enrolment::Column::ContentItemId.eq(item_id))
        .one(db)
        .await
}

pub async fn enrolments_of(db: &impl ConnectionTrait, user_id: UserId) -> Result<Vec<enrolment::Model>, DbErr> {
    enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .order_by_desc(enrolment::Column::LastSeenAt)
        .all(db)
        .await
}

pub async fn enrolments_of_course(db: &impl ConnectionTrait, item_id: ItemId) -> Result<Vec<enrolment::Model>, DbErr> {
    enrolment::Entity::find().filter(enrolment::Column::ContentItemId.eq(item_id)).all(db).await
}

/// Enrols a learner, unless they already are (two tabs pressing "Start" at once).
pub async fn enrol(db: &impl ConnectionTrait, user_id: UserId, item_id: ItemId, version_id: i32, now: Time) -> Result<enrolment::Model, DbErr> {
    let row = enrolment::ActiveModel {
        user_id: Set(Some(user_id)),
        content_item_id: Set(item_id),
        course_version_id: Set(version_id),
        started_at: Set(now),
        last_seen_at: Set(now),
        ..Default::default()
    };
    let conflict = OnConflict::columns([enrolment::Column::UserId, enrolment::Column::ContentItemId]).do_nothing().to_owned();
    insert_unless_present(db, enrolment::Entity::insert(row).on_conflict(conflict)).await?;
    enrolment(db, user_id, item_id).await?.ok_or_else(|| DbErr::RecordNotFound("enrolment just written".into()))
}

/// Runs an `INSERT ... ON CONFLICT DO NOTHING`; whether a row was written.
async fn insert_unless_present<A: ActiveModelTrait>(db: &impl ConnectionTrait, insert: sea_orm::Insert<A>) -> Result<bool, DbErr> {
    match insert.exec_without_returning(db).await {
        Ok(rows) => Ok(rows > 0),
        Err(DbErr::RecordNotInserted) => Ok(false),
        Err(error) => Err(error),
    }
}

/// Where the learner was last: what "Fortsett" opens.
pub async fn touch(db: &impl ConnectionTrait, enrolment_id: i32, step: &str, now: Time) -> Result<(), DbErr> {
    enrolment::Entity::update_many()
        .col_expr(enrolment::Column::LastStep, Expr::value(step))
        .col_expr(enrolment::Column::LastSeenAt, Expr::value(now))
        .filter(enrolment::Column::Id.eq(enrolment_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn lessons_done(db: &impl ConnectionTrait, enrolment_id: i32) -> Result<BTreeSet<String>, DbErr> {
    Ok(lesson_progress::Entity::find()
        .filter(lesson_progress::Column::EnrolmentId.eq(enrolment_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.lesson_key)
        .collect())
}

pub async fn mark_lesson_done(db: &impl ConnectionTrait, enrolment_id: i32, lesson_key: &str, now: Time) -> Result<bool, DbErr> {
    let row = lesson_progress::ActiveModel {
        enrolment_id: Set(enrolment_id),
        lesson_key: Set(lesson_key.to_owned()),
        done_at: Set(now),
        ..Default::default()
    };
    let conflict =
        OnConflict::columns([lesson_progress::Column::EnrolmentId, lesson_progress::Column::LessonKey]).do_nothing().to_owned();
    insert_unless_present(db, lesson_progress::Entity::insert(row).on_conflict(conflict)).await
}

/// The e-course with this id; `None` when there is none, or the item is not a course.
pub async fn course_item(db: &impl ConnectionTrait, id: ItemId) -> Result<Option<content_item::Model>, DbErr> {
    content_item::Entity::find_by_id(id).filter(content_item::Column::Kind.eq(ContentKind::Course)).one(db).await
}

/// Every attempt of an enrolment, oldest first.
pub async fn attempts(db: &impl ConnectionTrait, enrolment_id: i32) -> Result<Vec<Attempt>, DbErr> {
    let rows = quiz_attempt::Entity::find()
        .filter(quiz_attempt::Column::EnrolmentId.eq(enrolment_id))
        .order_by_asc(quiz_attempt::Column::Number)
        .all(db)
        .await?;
    attempt::from_rows(rows)
}

pub async fn attempt(db: &impl ConnectionTrait, id: AttemptId) -> Result<Option<Attempt>, DbErr> {
    quiz_attempt::Entity::find_by_id(id).one(db).await?.map(Attempt::try_from).transpose()
}

pub async fn enrolment_by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<enrolment::Model>, DbErr> {
    enrolment::Entity::find_by_id(id).one(db).await
}

/// Opens attempt `number`; false when another request opened it first.
pub async fn open_attempt(
    db: &impl ConnectionTrait,
    enrolment_id: i32,
    quiz_key: &str,
    number: i32,
    total: i32,
    form_key: String,
    now: Time,
) -> Result<bool, DbErr> {
    let row = quiz_attempt::ActiveModel {
        enrolment_id: Set(enrolment_id),
        quiz_key: Set(quiz_key.to_owned()),
        number: Set(number),
        started_at: Set(now),
        total: Set(total),
        form_key: Set(Some(form_key)),
        ..Default::default()
    };
    let conflict = OnConflict::columns([quiz_attempt::Column::EnrolmentId, quiz_attempt::Column::QuizKey, quiz_attempt::Column::Number])
        .do_nothing()
        .to_owned();
    insert_unless_present(db, quiz_attempt::Entity::insert(row).on_conflict(conflict)).await
}

pub struct Submission<'a> {
    pub attempt_id: AttemptId,
    pub correct: i32,
    pub passed: bool,
    pub answers_json: String,
    pub results: &'a [(String, bool)],
}

/// Records a graded attempt, only if it is still open: of two requests submitting the
/// same attempt at once, exactly one gets `true`.
pub async fn submit(db: &impl ConnectionTrait, submission: Submission<'_>, now: Time) -> Result<bool, DbErr> {
    let claimed = quiz_attempt::Entity::update_many()
        .col_expr(quiz_attempt::Column::SubmittedAt, Expr::value(now))
        .col_expr(quiz_attempt::Column::Correct, Expr::value(submission.correct))
        .col_expr(quiz_attempt::Column::Passed, Expr::value(submission.passed))
        .col_expr(quiz_attempt::Column::Answers, Expr::value(submission.answers_json))
        .filter(quiz_attempt::Column::Id.eq(submission.attempt_id))
        .filter(quiz_attempt::Column::SubmittedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    let rows = submission.results.iter().map(|(question, correct)| quiz_answer::ActiveModel {
        attempt_id: Set(submission.attempt_id),
        question_key: Set(question.clone()),
        correct: Set(*correct),
        ..Default::default()
    });
    quiz_answer::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(true)
}

/// Marks an enrolment completed; `true` only for the request that did it.
pub async fn complete(db: &impl ConnectionTrait, enrolment_id: i32, now: Time) -> Result<bool, DbErr> {
    let done = enrolment::Entity::update_many()
        .col_expr(enrolment::Column::CompletedAt, Expr::value(now))
        .filter(enrolment::Column::Id.eq(enrolment_id))
        .filter(enrolment::Column::CompletedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

pub async fn insert_certificate(db: &impl ConnectionTrait, row: certificate::ActiveModel) -> Result<certificate::Model, DbErr> {
    row.insert(db).await
}

pub async fn certificate_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<certificate::Model>, DbErr> {
    certificate::Entity::find().filter(certificate::Column::Code.eq(code)).one(db).await
}

pub async fn certificates_of(db: &impl ConnectionTrait, user_id: UserId) -> Result<Vec<certificate::Model>, DbErr> {
    certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(user_id))
        .order_by_desc(certificate::Column::IssuedAt)
        .all(db)
        .await
}

pub async fn certificate_of_enrolment(db: &impl ConnectionTrait, enrolment_id: i32) -> Result<Option<certificate::Model>, DbErr> {
    certificate::Entity::find().filter(certificate::Column::EnrolmentId.eq(enrolment_id)).one(db).await
}

/// Revokes a certificate that is still valid; `false` if there is none such.
pub async fn revoke(db: &impl ConnectionTrait, code: &str, reason: &str, now: Time) -> Result<bool, DbErr> {
    let revoked = certificate::Entity::update_many()
        .col_expr(certificate::Column::RevokedAt, Expr::value(now))
        .col_expr(certificate::Column::RevokedReason, Expr::value(reason))
        .filter(certificate::Column::Code.eq(code))
        .filter(certificate::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(revoked.rows_affected == 1)
}

/// What is left of a learner who deletes their account: enrolments and attempts
/// without a person (course statistics), certificates with the name printed on them.
pub async fn forget_learner(db: &impl ConnectionTrait, user_id: UserId) -> Result<(), DbErr> {
    enrolment::Entity::update_many()
        .col_expr(enrolment::Column::UserId, Expr::value(Option::<i32>::None))
        .filter(enrolment::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    certificate::Entity::update_many()
        .col_expr(certificate::Column::UserId, Expr::value(Option::<i32>::None))
        .filter(certificate::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn attempts_of_enrolments(db: &impl ConnectionTrait, enrolment_ids: &[i32]) -> Result<Vec<Attempt>, DbErr> {
    let rows = quiz_attempt::Entity::find()
        .filter(quiz_attempt::Column::EnrolmentId.is_in(enrolment_ids.iter().copied()))
        .order_by_asc(quiz_attempt::Column::Number)
        .all(db)
        .await?;
    attempt::from_rows(rows)
}

/// The lessons read in each of the given enrolments, in one query.
pub async fn lessons_done_in(db: &impl ConnectionTrait, enrolment_ids: &[i32]) -> Result<Vec<lesson_progress::Model>, DbErr> {
    lesson_progress::Entity::find().filter(lesson_progress::Column::EnrolmentId.is_in(enrolment_ids.iter().copied())).all(db).await
}

pub async fn certificates_of_enrolments(db: &impl ConnectionTrait, enrolment_ids: &[i32]) -> Result<Vec<certificate::Model>, DbErr> {
    certificate::Entity::find().filter(certificate::Column::EnrolmentId.is_in(enrolment_ids.iter().copied())).all(db).await
}
