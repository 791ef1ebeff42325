//! Search insights for editors: per day, area and query, how often it was searched, how
//! often it found nothing, and how often a hit was opened. Aggregated: no address,
//! account or session is stored.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SearchStats::Table)
                    .if_not_exists()
                    .col(pk_auto(SearchStats::Id))
                    .col(date(SearchStats::Day))
                    // The searcher's area (remembered by the site), or "" when none.
                    .col(text(SearchStats::Area))
                    .col(text(SearchStats::Query))
                    .col(integer(SearchStats::Searches).default(0))
                    .col(integer(SearchStats::ZeroHits).default(0))
                    .col(integer(SearchStats::Opened).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_search_stats_day_area_query")
                    .table(SearchStats::Table)
                    .col(SearchStats::Day)
                    .col(SearchStats::Area)
                    .col(SearchStats::Query)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SearchStats::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SearchStats {
    Table,
    Id,
    Day,
    Area,
    Query,
    Searches,
    ZeroHits,
    Opened,
}
