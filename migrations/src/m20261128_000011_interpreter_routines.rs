//! Each area's routine for booking interpreters, kept by its editors: how to book, which
//! modes are offered for which languages, and the urgent route.
use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_areas_and_themes::Areas;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InterpreterRoutines::Table)
                    .if_not_exists()
                    .col(pk_auto(InterpreterRoutines::Id))
                    .col(integer_uniq(InterpreterRoutines::AreaId))
                    .col(text(InterpreterRoutines::BookingUrl))
                    .col(text(InterpreterRoutines::Phone))
                    .col(text(InterpreterRoutines::Hours))
                    // Per mode: NULL not offered, "*" every language, else "ar,so,pl".
                    .col(text_null(InterpreterRoutines::OnSite))
                    .col(text_null(InterpreterRoutines::Video))
                    .col(text_null(InterpreterRoutines::Telephone))
                    .col(text(InterpreterRoutines::Urgent))
                    .col(text(InterpreterRoutines::UrgentPhone))
                    .col(timestamp_with_time_zone(InterpreterRoutines::UpdatedAt))
                    .col(text(InterpreterRoutines::UpdatedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interpreter_routine_area")
                            .from(InterpreterRoutines::Table, InterpreterRoutines::AreaId)
                            .to(Areas::Table, Areas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(InterpreterRoutines::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum InterpreterRoutines {
    Table,
    Id,
    AreaId,
    BookingUrl,
    Phone,
    Hours,
    OnSite,
    Video,
    Telephone,
    Urgent,
    UrgentPhone,
    UpdatedAt,
    UpdatedBy,
}
