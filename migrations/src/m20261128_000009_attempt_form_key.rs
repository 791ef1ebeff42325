//! A random key per quiz attempt: the form's option values are derived from it, so the
//! names and values a learner's browser sees say nothing about which answer is right.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(QuizAttempts::Table).add_column(string_len_null(QuizAttempts::FormKey, 64)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(QuizAttempts::Table).drop_column(QuizAttempts::FormKey).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum QuizAttempts {
    Table,
    FormKey,
}
