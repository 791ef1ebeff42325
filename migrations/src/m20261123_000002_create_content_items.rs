use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_areas_and_themes::{Areas, Themes};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContentItems::Table)
                    .if_not_exists()
                    .col(pk_auto(ContentItems::Id))
                    .col(integer(ContentItems::AreaId))
                    .col(string_len(ContentItems::Kind, 32))
                    .col(string_len(ContentItems::Slug, 128))
                    .col(string_len(ContentItems::Lang, 16))
                    // Versions of one text in several languages share this key.
                    .col(string_len(ContentItems::TranslationGroup, 255))
                    .col(string(ContentItems::Title))
                    .col(text(ContentItems::Summary))
                    // Comma-separated lists: small, only ever read whole.
                    .col(text(ContentItems::Audience))
                    .col(text(ContentItems::Tags))
                    .col(text(ContentItems::BodyMarkdown))
                    .col(text(ContentItems::BodyHtml))
                    .col(string_len(ContentItems::Status, 16))
                    .col(date_null(ContentItems::PublishedOn))
                    .col(date_null(ContentItems::UpdatedOn))
                    .col(date_null(ContentItems::ReviewBy))
                    .col(date_time_null(ContentItems::EventStarts))
                    .col(date_time_null(ContentItems::EventEnds))
                    .col(string_null(ContentItems::EventPlace))
                    // "guide/bruk-av-tolk": the central item a local item adapts.
                    .col(string_len_null(ContentItems::Adapts, 255))
                    // Where an imported item came from, relative to the content folder.
                    .col(string_len_null(ContentItems::SourcePath, 512))
                    .col(timestamp_with_time_zone(ContentItems::CreatedAt))
                    .col(timestamp_with_time_zone(ContentItems::ModifiedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_content_items_area")
                            .from(ContentItems::Table, ContentItems::AreaId)
                            .to(Areas::Table, Areas::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // A slug names one text per area and language; it is also the URL.
        manager
            .create_index(
                Index::create()
                    .name("ux_content_items_area_slug_lang")
                    .table(ContentItems::Table)
                    .col(ContentItems::AreaId)
                    .col(ContentItems::Slug)
                    .col(ContentItems::Lang)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Area pages list one kind at a time, newest first.
        manager
            .create_index(
                Index::create()
                    .name("ix_content_items_area_kind_status")
                    .table(ContentItems::Table)
                    .col(ContentItems::AreaId)
                    .col(ContentItems::Kind)
                    .col(ContentItems::Status)
                    .col(ContentItems::PublishedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_content_items_translation_group")
                    .table(ContentItems::Table)
                    .col(ContentItems::TranslationGroup)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContentItemThemes::Table)
                    .if_not_exists()
                    .col(integer(ContentItemThemes::ContentItemId))
                    .col(integer(ContentItemThemes::ThemeId))
                    .primary_key(
                        Index::create()
                            .col(ContentItemThemes::ContentItemId)
                            .col(ContentItemThemes::ThemeId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_content_item_themes_item")
                            .from(ContentItemThemes::Table, ContentItemThemes::ContentItemId)
                            .to(ContentItems::Table, ContentItems::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_content_item_themes_theme")
                            .from(ContentItemThemes::Table, ContentItemThemes::ThemeId)
                            .to(Themes::Table, Themes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Theme pages look items up by theme.
        manager
            .create_index(
                Index::create()
                    .name("ix_content_item_themes_theme")
                    .table(ContentItemThemes::Table)
                    .col(ContentItemThemes::ThemeId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ContentItemThemes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ContentItems::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum ContentItems {
    Table,
    Id,
    AreaId,
    Kind,
    Slug,
    Lang,
    TranslationGroup,
    Title,
    Summary,
    Audience,
    Tags,
    BodyMarkdown,
    BodyHtml,
    Status,
    PublishedOn,
    UpdatedOn,
    ReviewBy,
    EventStarts,
    EventEnds,
    EventPlace,
    Adapts,
    SourcePath,
    CreatedAt,
    ModifiedAt,
}

#[derive(DeriveIden)]
pub enum ContentItemThemes {
    Table,
    ContentItemId,
    ThemeId,
}
