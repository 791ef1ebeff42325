use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_areas_and_themes::Areas;

/// Users, the areas a local editor is bound to, server-side sessions, and the
/// sign-in throttle that slows down password guessing.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .if_not_exists()
                    .col(pk_auto(Users::Id))
                    // Stored lower-case, so the unique index is case-insensitive.
                    .col(string_len_uniq(Users::Email, 255))
                    .col(string_len(Users::Name, 255))
                    // An argon2id PHC string; salt and parameters are inside it.
                    .col(string_len(Users::PasswordHash, 255))
                    .col(string_len(Users::Role, 32))
                    .col(boolean(Users::Disabled).default(false))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UserAreas::Table)
                    .if_not_exists()
                    .col(integer(UserAreas::UserId))
                    .col(integer(UserAreas::AreaId))
                    .primary_key(Index::create().col(UserAreas::UserId).col(UserAreas::AreaId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_areas_user")
                            .from(UserAreas::Table, UserAreas::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_areas_area")
                            .from(UserAreas::Table, UserAreas::AreaId)
                            .to(Areas::Table, Areas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .if_not_exists()
                    .col(pk_auto(Sessions::Id))
                    // SHA-256 of the cookie's token: a copy of the table signs nobody in.
                    .col(string_len_uniq(Sessions::TokenHash, 64))
                    .col(integer(Sessions::UserId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sessions_user")
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Keyed by the email typed, whether or not such a user exists, so the lock-out
        // does not tell which addresses have accounts.
        manager
            .create_table(
                Table::create()
                    .table(SignInThrottle::Table)
                    .if_not_exists()
                    .col(string_len(SignInThrottle::Email, 255).primary_key())
                    .col(integer(SignInThrottle::Failures))
                    .col(timestamp_with_time_zone_null(SignInThrottle::LockedUntil))
                    .col(timestamp_with_time_zone(SignInThrottle::LastFailureAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SignInThrottle::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Sessions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(UserAreas::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Users::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    Role,
    Disabled,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserAreas {
    Table,
    UserId,
    AreaId,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum SignInThrottle {
    Table,
    Email,
    Failures,
    LockedUntil,
    LastFailureAt,
}
