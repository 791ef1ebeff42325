use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000002_create_content_items::ContentItems;
use crate::m20261123_000005_create_accounts::Users;

/// E-learning. A course is a content item (metadata, workflow, revisions) whose
/// structure is `course_definition`; each publication with a changed structure freezes
/// a numbered course version, and learners keep the version they started.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(ContentItems::Table).add_column(text_null(Courses::CourseDefinition)).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CourseVersions::Table)
                    .if_not_exists()
                    .col(pk_auto(CourseVersions::Id))
                    // No foreign key: a version outlives its course, as certificates do.
                    .col(integer(CourseVersions::ContentItemId))
                    .col(integer(CourseVersions::Number))
                    .col(string_len(CourseVersions::Digest, 64))
                    // The whole course as published (JSON): learners are served from it.
                    .col(text(CourseVersions::Frozen))
                    .col(timestamp_with_time_zone(CourseVersions::PublishedAt))
                    .to_owned(),
            )
            .await?;
        unique(manager, "ux_course_versions_item_number", CourseVersions::Table, &[CourseVersions::ContentItemId, CourseVersions::Number]).await?;
        manager
            .create_table(
                Table::create()
                    .table(Enrolments::Table)
                    .if_not_exists()
                    .col(pk_auto(Enrolments::Id))
                    // Null once the learner has deleted their account: the rest is anonymous.
                    .col(integer_null(Enrolments::UserId))
                    .col(integer(Enrolments::ContentItemId))
                    .col(integer(Enrolments::CourseVersionId))
                    .col(timestamp_with_time_zone(Enrolments::StartedAt))
                    .col(timestamp_with_time_zone(Enrolments::LastSeenAt))
                    .col(string_len_null(Enrolments::LastStep, 200))
                    .col(timestamp_with_time_zone_null(Enrolments::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_enrolments_user")
                            .from(Enrolments::Table, Enrolments::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_enrolments_version")
                            .from(Enrolments::Table, Enrolments::CourseVersionId)
                            .to(CourseVersions::Table, CourseVersions::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // One enrolment per learner and course (anonymised rows have no user and do not clash).
        unique(manager, "ux_enrolments_user_course", Enrolments::Table, &[Enrolments::UserId, Enrolments::ContentItemId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(LessonProgress::Table)
                    .if_not_exists()
                    .col(pk_auto(LessonProgress::Id))
                    .col(integer(LessonProgress::EnrolmentId))
                    .col(string_len(LessonProgress::LessonKey, 100))
                    .col(timestamp_with_time_zone(LessonProgress::DoneAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lesson_progress_enrolment")
                            .from(LessonProgress::Table, LessonProgress::EnrolmentId)
                            .to(Enrolments::Table, Enrolments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        unique(manager, "ux_lesson_progress", LessonProgress::Table, &[LessonProgress::EnrolmentId, LessonProgress::LessonKey]).await?;
        manager
            .create_table(
                Table::create()
                    .table(QuizAttempts::Table)
                    .if_not_exists()
                    .col(pk_auto(QuizAttempts::Id))
                    .col(integer(QuizAttempts::EnrolmentId))
                    .col(string_len(QuizAttempts::QuizKey, 100))
                    .col(integer(QuizAttempts::Number))
                    .col(timestamp_with_time_zone(QuizAttempts::StartedAt))
                    .col(timestamp_with_time_zone_null(QuizAttempts::SubmittedAt))
                    .col(integer_null(QuizAttempts::Correct))
                    .col(integer(QuizAttempts::Total))
                    .col(boolean_null(QuizAttempts::Passed))
                    // The learner's answers as JSON, for the feedback page.
                    .col(text_null(QuizAttempts::Answers))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_quiz_attempts_enrolment")
                            .from(QuizAttempts::Table, QuizAttempts::EnrolmentId)
                            .to(Enrolments::Table, Enrolments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Two tabs starting an attempt at once cannot both get the same number.
        unique(manager, "ux_quiz_attempts_number", QuizAttempts::Table, &[QuizAttempts::EnrolmentId, QuizAttempts::QuizKey, QuizAttempts::Number]).await?;
        manager
            .create_table(
                Table::create()
                    .table(QuizAnswers::Table)
                    .if_not_exists()
                    .col(pk_auto(QuizAnswers::Id))
                    .col(integer(QuizAnswers::AttemptId))
                    .col(string_len(QuizAnswers::QuestionKey, 100))
                    .col(boolean(QuizAnswers::Correct))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_quiz_answers_attempt")
                            .from(QuizAnswers::Table, QuizAnswers::AttemptId)
                            .to(QuizAttempts::Table, QuizAttempts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_quiz_answers_attempt").table(QuizAnswers::Table).col(QuizAnswers::AttemptId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Certificates::Table)
                    .if_not_exists()
                    .col(pk_auto(Certificates::Id))
                    .col(string_len_uniq(Certificates::Code, 32))
                    // Null once the learner has deleted their account; the certificate stays valid.
                    .col(integer_null(Certificates::UserId))
                    .col(integer_null(Certificates::EnrolmentId))
                    .col(integer(Certificates::ContentItemId))
                    .col(string_len(Certificates::LearnerName, 255))
                    .col(string_len(Certificates::CourseTitle, 255))
                    .col(string_len(Certificates::Issuer, 255))
                    .col(integer(Certificates::CourseVersion))
                    .col(timestamp_with_time_zone(Certificates::IssuedAt))
                    .col(timestamp_with_time_zone_null(Certificates::RevokedAt))
                    .col(text_null(Certificates::RevokedReason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_certificates_user")
                            .from(Certificates::Table, Certificates::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_certificates_enrolment")
                            .from(Certificates::Table, Certificates::EnrolmentId)
                            .to(Enrolments::Table, Enrolments::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One certificate per enrolment, however many requests complete it at once.
        unique(manager, "ux_certificates_enrolment", Certificates::Table, &[Certificates::EnrolmentId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Certificates::Table.into_iden(),
            QuizAnswers::Table.into_iden(),
            QuizAttempts::Table.into_iden(),
            LessonProgress::Table.into_iden(),
            Enrolments::Table.into_iden(),
            CourseVersions::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(ContentItems::Table).drop_column(Courses::CourseDefinition).to_owned()).await
    }
}

async fn unique<T: IntoIden + Copy + 'static, C: IntoIden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: &[C],
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for column in columns {
        index.col(*column);
    }
    manager.create_index(index.to_owned()).await
}

#[derive(DeriveIden)]
enum Courses {
    CourseDefinition,
}

#[derive(DeriveIden, Clone, Copy)]
enum CourseVersions {
    Table,
    Id,
    ContentItemId,
    Number,
    Digest,
    Frozen,
    PublishedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Enrolments {
    Table,
    Id,
    UserId,
    ContentItemId,
    CourseVersionId,
    StartedAt,
    LastSeenAt,
    LastStep,
    CompletedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LessonProgress {
    Table,
    Id,
    EnrolmentId,
    LessonKey,
    DoneAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum QuizAttempts {
    Table,
    Id,
    EnrolmentId,
    QuizKey,
    Number,
    StartedAt,
    SubmittedAt,
    Correct,
    Total,
    Passed,
    Answers,
}

#[derive(DeriveIden, Clone, Copy)]
enum QuizAnswers {
    Table,
    Id,
    AttemptId,
    QuestionKey,
    Correct,
}

#[derive(DeriveIden, Clone, Copy)]
enum Certificates {
    Table,
    Id,
    Code,
    UserId,
    EnrolmentId,
    ContentItemId,
    LearnerName,
    CourseTitle,
    Issuer,
    CourseVersion,
    IssuedAt,
    RevokedAt,
    RevokedReason,
}
