use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_areas_and_themes::Areas;

/// Uploaded images: the renditions live in the media folder under `key`; the row says
/// whose they are and what they show.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Media::Table)
                    .if_not_exists()
                    .col(pk_auto(Media::Id))
                    // Random, so an unpublished item's image cannot be guessed.
                    .col(string_len_uniq(Media::Key, 64))
                    .col(integer(Media::AreaId))
                    .col(integer_null(Media::ContentItemId))
                    .col(integer_null(Media::UploadedBy))
                    .col(text(Media::Alt))
                    .col(integer(Media::Width))
                    .col(integer(Media::Height))
                    .col(timestamp_with_time_zone(Media::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_media_area")
                            .from(Media::Table, Media::AreaId)
                            .to(Areas::Table, Areas::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Media::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Media {
    Table,
    Id,
    Key,
    AreaId,
    ContentItemId,
    UploadedBy,
    Alt,
    Width,
    Height,
    CreatedAt,
}
