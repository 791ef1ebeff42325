//! Mail: the outbox every message is written to (in the transaction of the change that
//! causes it), single-use account tokens (address verification, password reset, a new
//! address), verified addresses, each editor's choice of notices, and the newsletter per
//! area (subscribers, issues sent, the weekly schedule).
use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_areas_and_themes::Areas;
use crate::m20261123_000005_create_accounts::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .if_not_exists()
                    .col(pk_auto(Outbox::Id))
                    .col(text(Outbox::Kind))
                    .col(text(Outbox::Recipient))
                    // The template's values as JSON: links as paths, made absolute when sent.
                    .col(text(Outbox::Data))
                    // A message that must go once only (a reminder for one date): a second
                    // insert with the same key is dropped by the unique index.
                    .col(text_null(Outbox::OnceKey).unique_key())
                    .col(text(Outbox::Status))
                    .col(integer(Outbox::Attempts).default(0))
                    // Waiting: when it may next be tried; claimed: when the claim lapses.
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Users::Table).add_column(timestamp_with_time_zone_null(UsersMail::EmailVerifiedAt)).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccountTokens::Table)
                    .if_not_exists()
                    .col(pk_auto(AccountTokens::Id))
                    .col(text_uniq(AccountTokens::TokenHash))
                    .col(integer(AccountTokens::UserId))
                    .col(text(AccountTokens::Purpose))
                    // The address the token proves (for a change of address: the new one).
                    .col(text(AccountTokens::Email))
                    .col(timestamp_with_time_zone(AccountTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(AccountTokens::UsedAt))
                    .col(timestamp_with_time_zone(AccountTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_account_token_user")
                            .from(AccountTokens::Table, AccountTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailOptOuts::Table)
                    .if_not_exists()
                    .col(integer(MailOptOuts::UserId))
                    .col(text(MailOptOuts::Kind))
                    .primary_key(Index::create().col(MailOptOuts::UserId).col(MailOptOuts::Kind))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mail_opt_out_user")
                            .from(MailOptOuts::Table, MailOptOuts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NewsletterSubscribers::Table)
                    .if_not_exists()
                    .col(pk_auto(NewsletterSubscribers::Id))
                    .col(integer(NewsletterSubscribers::AreaId))
                    .col(text(NewsletterSubscribers::Email))
                    .col(text_null(NewsletterSubscribers::ConfirmTokenHash).unique_key())
                    .col(timestamp_with_time_zone(NewsletterSubscribers::CreatedAt))
                    .col(timestamp_with_time_zone_null(NewsletterSubscribers::ConfirmedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_newsletter_subscriber_area")
                            .from(NewsletterSubscribers::Table, NewsletterSubscribers::AreaId)
                            .to(Areas::Table, Areas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_newsletter_subscriber_area_email")
                    .table(NewsletterSubscribers::Table)
                    .col(NewsletterSubscribers::AreaId)
                    .col(NewsletterSubscribers::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NewsletterIssues::Table)
                    .if_not_exists()
                    .col(pk_auto(NewsletterIssues::Id))
                    .col(integer(NewsletterIssues::AreaId))
                    .col(text(NewsletterIssues::Subject))
                    // The items it carried, as JSON (id and title), for the list of past issues.
                    .col(text(NewsletterIssues::Items))
                    .col(integer(NewsletterIssues::Recipients))
                    .col(timestamp_with_time_zone(NewsletterIssues::SentAt))
                    .col(text(NewsletterIssues::SentBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_newsletter_issue_area")
                            .from(NewsletterIssues::Table, NewsletterIssues::AreaId)
                            .to(Areas::Table, Areas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NewsletterSchedules::Table)
                    .if_not_exists()
                    .col(integer(NewsletterSchedules::AreaId).primary_key())
                    // ISO weekday (1 Monday … 7 Sunday) and hour, Europe/Oslo.
                    .col(integer(NewsletterSchedules::Weekday))
                    .col(integer(NewsletterSchedules::Hour))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_newsletter_schedule_area")
                            .from(NewsletterSchedules::Table, NewsletterSchedules::AreaId)
                            .to(Areas::Table, Areas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            NewsletterSchedules::Table.into_iden(),
            NewsletterIssues::Table.into_iden(),
            NewsletterSubscribers::Table.into_iden(),
            MailOptOuts::Table.into_iden(),
            AccountTokens::Table.into_iden(),
            Outbox::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(Users::Table).drop_column(UsersMail::EmailVerifiedAt).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Kind,
    Recipient,
    Data,
    OnceKey,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum UsersMail {
    EmailVerifiedAt,
}

#[derive(DeriveIden)]
enum AccountTokens {
    Table,
    Id,
    TokenHash,
    UserId,
    Purpose,
    Email,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MailOptOuts {
    Table,
    UserId,
    Kind,
}

#[derive(DeriveIden)]
enum NewsletterSubscribers {
    Table,
    Id,
    AreaId,
    Email,
    ConfirmTokenHash,
    CreatedAt,
    ConfirmedAt,
}

#[derive(DeriveIden)]
enum NewsletterIssues {
    Table,
    Id,
    AreaId,
    Subject,
    Items,
    Recipients,
    SentAt,
    SentBy,
}

#[derive(DeriveIden)]
enum NewsletterSchedules {
    Table,
    AreaId,
    Weekday,
    Hour,
}
