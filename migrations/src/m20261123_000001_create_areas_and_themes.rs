use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Areas::Table)
                    .if_not_exists()
                    .col(pk_auto(Areas::Id))
                    .col(string_len_uniq(Areas::Slug, 64))
                    .col(string(Areas::Name))
                    .col(text(Areas::Description))
                    .col(integer(Areas::Position))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Themes::Table)
                    .if_not_exists()
                    .col(pk_auto(Themes::Id))
                    .col(string_len_uniq(Themes::Slug, 64))
                    .col(string(Themes::Name))
                    .col(text(Themes::Description))
                    .col(integer(Themes::Position))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Themes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Areas::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Areas {
    Table,
    Id,
    Slug,
    Name,
    Description,
    Position,
}

#[derive(DeriveIden)]
pub enum Themes {
    Table,
    Id,
    Slug,
    Name,
    Description,
    Position,
}
