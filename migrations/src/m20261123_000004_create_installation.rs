use sea_orm_migration::{prelude::*, schema::*};

/// One row naming this database: a random identity made when the database is created.
/// A search index records the identity of the database it follows, so an index put
/// beside another database (a restore, a reset, another DATABASE_URL) is rebuilt
/// instead of trusted.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Installation::Table)
                    .if_not_exists()
                    .col(integer(Installation::Id).primary_key())
                    .col(string_len(Installation::Identity, 64))
                    .col(timestamp_with_time_zone(Installation::CreatedAt))
                    .to_owned(),
            )
            .await?;
        let insert = Query::insert()
            .into_table(Installation::Table)
            .columns([Installation::Id, Installation::Identity, Installation::CreatedAt])
            .values_panic([1.into(), uuid::Uuid::new_v4().simple().to_string().into(), Expr::current_timestamp()])
            .to_owned();
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Installation::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Installation {
    Table,
    Id,
    Identity,
    CreatedAt,
}
