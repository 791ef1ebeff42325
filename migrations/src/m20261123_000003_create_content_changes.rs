use sea_orm_migration::{prelude::*, schema::*};

/// The change log: one row for every write to a content item, in the same transaction
/// as the write. Each instance's search index follows it, so no shared disk is needed
/// and a crash never leaves the index behind the database for good.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContentChanges::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ContentChanges::Id))
                    // No foreign key: a deleted item's removal is a change too.
                    .col(integer(ContentChanges::ContentItemId))
                    .col(timestamp_with_time_zone(ContentChanges::ChangedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ContentChanges::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ContentChanges {
    Table,
    Id,
    ContentItemId,
    ChangedAt,
}
