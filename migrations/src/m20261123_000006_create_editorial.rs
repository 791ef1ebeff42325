use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_areas_and_themes::Areas;
use crate::m20261123_000002_create_content_items::ContentItems;

/// The editorial workflow: scheduled publishing and adaptation tracking on items,
/// every save as a revision, local editors' proposals to central content, reader
/// feedback, and the audit log.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(ContentItems::Table)
                    .add_column(timestamp_with_time_zone_null(Editorial::PublishAt))
                    .to_owned(),
            )
            .await?;
        // The revision number of the central original a local adaptation was last checked against.
        manager
            .alter_table(
                Table::alter()
                    .table(ContentItems::Table)
                    .add_column(integer_null(Editorial::AdaptsRevision))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_content_items_publish_at")
                    .table(ContentItems::Table)
                    .col(Editorial::PublishAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContentRevisions::Table)
                    .if_not_exists()
                    .col(pk_auto(ContentRevisions::Id))
                    .col(integer(ContentRevisions::ContentItemId))
                    .col(integer(ContentRevisions::Number))
                    // No foreign key: a revision outlives the account that wrote it.
                    .col(integer_null(ContentRevisions::AuthorId))
                    .col(string_len(ContentRevisions::AuthorName, 255))
                    .col(string_len(ContentRevisions::Note, 255))
                    // The item's editable fields as JSON: restoring needs nothing else.
                    .col(text(ContentRevisions::Snapshot))
                    .col(timestamp_with_time_zone(ContentRevisions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_content_revisions_item")
                            .from(ContentRevisions::Table, ContentRevisions::ContentItemId)
                            .to(ContentItems::Table, ContentItems::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_content_revisions_item_number")
                    .table(ContentRevisions::Table)
                    .col(ContentRevisions::ContentItemId)
                    .col(ContentRevisions::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Proposals::Table)
                    .if_not_exists()
                    .col(pk_auto(Proposals::Id))
                    .col(integer(Proposals::ContentItemId))
                    .col(integer_null(Proposals::ProposerId))
                    .col(string_len(Proposals::ProposerName, 255))
                    .col(text(Proposals::Note))
                    .col(text(Proposals::Snapshot))
                    // The revision the proposal was written against.
                    .col(integer(Proposals::BaseRevision))
                    .col(string_len(Proposals::State, 16))
                    .col(integer_null(Proposals::DecidedBy))
                    .col(timestamp_with_time_zone_null(Proposals::DecidedAt))
                    .col(timestamp_with_time_zone(Proposals::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proposals_item")
                            .from(Proposals::Table, Proposals::ContentItemId)
                            .to(ContentItems::Table, ContentItems::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Feedback::Table)
                    .if_not_exists()
                    .col(pk_auto(Feedback::Id))
                    // The area whose editors answer it: the page's area.
                    .col(integer(Feedback::AreaId))
                    .col(integer_null(Feedback::ContentItemId))
                    .col(string_len(Feedback::PagePath, 512))
                    .col(string_len(Feedback::Kind, 16))
                    .col(text(Feedback::Message))
                    .col(timestamp_with_time_zone(Feedback::CreatedAt))
                    .col(timestamp_with_time_zone_null(Feedback::HandledAt))
                    .col(integer_null(Feedback::HandledBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_feedback_area")
                            .from(Feedback::Table, Feedback::AreaId)
                            .to(Areas::Table, Areas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_feedback_area_created")
                    .table(Feedback::Table)
                    .col(Feedback::AreaId)
                    .col(Feedback::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(big_integer(AuditLog::Id).primary_key().auto_increment())
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorId))
                    // The actor's email at the time, or "system" / "import".
                    .col(string_len(AuditLog::Actor, 255))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::Target, 512))
                    .col(integer_null(AuditLog::AreaId))
                    .col(string_len_null(AuditLog::FromAddress, 64))
                    .col(text(AuditLog::Detail))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [AuditLog::Table.into_iden(), Feedback::Table.into_iden(), Proposals::Table.into_iden(), ContentRevisions::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.drop_index(Index::drop().name("ix_content_items_publish_at").table(ContentItems::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(ContentItems::Table).drop_column(Editorial::AdaptsRevision).to_owned()).await?;
        manager.alter_table(Table::alter().table(ContentItems::Table).drop_column(Editorial::PublishAt).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Editorial {
    PublishAt,
    AdaptsRevision,
}

#[derive(DeriveIden)]
enum ContentRevisions {
    Table,
    Id,
    ContentItemId,
    Number,
    AuthorId,
    AuthorName,
    Note,
    Snapshot,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
    ContentItemId,
    ProposerId,
    ProposerName,
    Note,
    Snapshot,
    BaseRevision,
    State,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Feedback {
    Table,
    Id,
    AreaId,
    ContentItemId,
    PagePath,
    Kind,
    Message,
    CreatedAt,
    HandledAt,
    HandledBy,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Actor,
    Action,
    Target,
    AreaId,
    FromAddress,
    Detail,
}
