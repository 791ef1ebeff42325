//! Which revision of its Norwegian original a translation was made from, so a translation
//! whose original changed since can say it is outdated.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(ContentItems::Table).add_column(integer_null(ContentItems::TranslatedFrom)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(ContentItems::Table).drop_column(ContentItems::TranslatedFrom).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ContentItems {
    Table,
    TranslatedFrom,
}
