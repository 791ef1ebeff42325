//! Synonym groups kept by the central editors (føling = hypoglykemi; LAR =
//! legemiddelassistert rehabilitering), applied to search queries on every instance.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SynonymGroups::Table)
                    .if_not_exists()
                    .col(pk_auto(SynonymGroups::Id))
                    // The words of the group, lower-case, one per line (a word may be several).
                    .col(text(SynonymGroups::Words))
                    .col(timestamp_with_time_zone(SynonymGroups::CreatedAt))
                    .col(text(SynonymGroups::CreatedBy))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SynonymGroups::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SynonymGroups {
    Table,
    Id,
    Words,
    CreatedAt,
    CreatedBy,
}
