//! Search insights for editors: per day and area, which queries are searched most, which
//! find nothing, and which find pages nobody opens. Counted per query, area and day only:
//! no address, account or session is kept, and rows older than `KEEP_DAYS` are deleted.
use std::time::Duration;

use chrono::{Days, NaiveDate};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::Serialize;

use crate::entities::search_stat;
use crate::telemetry::error_chain;

/// How long the counts are kept.
pub const KEEP_DAYS: u64 = 180;
const LONGEST_QUERY: usize = 100;
/// Rows a table on the insights page shows.
pub const LISTED: u64 = 30;

/// A query as it is counted: lower-case, single spaces, at most 100 characters.
pub fn normalise(text: &str) -> Option<String> {
    let query: String = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().chars().take(LONGEST_QUERY).collect();
    (!query.is_empty()).then_some(query)
}

/// What happened, to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// A search, with whether it found anything.
    Searched { found: bool },
    /// A hit of the query was opened.
    Opened,
}

/// Counts one event for a query, in one statement (searches at the same moment all count).
pub async fn count(db: &impl ConnectionTrait, day: NaiveDate, area: &str, query: &str, event: Event) -> Result<(), DbErr> {
    let (searches, zero_hits, opened) = match event {
        Event::Searched { found } => (1, i32::from(!found), 0),
        Event::Opened => (0, 0, 1),
    };
    let row = search_stat::ActiveModel {
        day: Set(day),
        area: Set(area.to_owned()),
        query: Set(query.to_owned()),
        searches: Set(searches),
        zero_hits: Set(zero_hits),
        opened: Set(opened),
        ..Default::default()
    };
    let add = |column: search_stat::Column, by: i32| Expr::col((search_stat::Entity, column)).add(by);
    let on_conflict = OnConflict::columns([search_stat::Column::Day, search_stat::Column::Area, search_stat::Column::Query])
        .value(search_stat::Column::Searches, add(search_stat::Column::Searches, searches))
        .value(search_stat::Column::ZeroHits, add(search_stat::Column::ZeroHits, zero_hits))
        .value(search_stat::Column::Opened, add(search_stat::Column::Opened, opened))
        .to_owned();
    search_stat::Entity::insert(row).on_conflict(on_conflict).exec_without_returning(db).await?;
    Ok(())
}

/// One row of a table on the insights page.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct QueryCount {
    pub query: String,
    pub searches: i64,
    pub zero_hits: i64,
    pub opened: i64,
}

#[derive(Debug, Default, Serialize)]
pub struct Insights {
    pub most_searched: Vec<QueryCount>,
    pub no_hits: Vec<QueryCount>,
    pub not_opened: Vec<QueryCount>,
}

#[derive(sea_orm::FromQueryResult)]
struct Summed {
    query: String,
    searches: i64,
    zero_hits: i64,
    opened: i64,
}

/// The days `from..=until` in `areas` (none: every area), summed per query.
pub async fn insights(db: &impl ConnectionTrait, areas: Option<&[String]>, from: NaiveDate, until: NaiveDate) -> Result<Insights, DbErr> {
    let summed = |filter: fn(sea_orm::Select<search_stat::Entity>) -> sea_orm::Select<search_stat::Entity>, order: search_stat::Column| {
        let mut query = search_stat::Entity::find()
            .select_only()
            .column(search_stat::Column::Query)
            .column_as(search_stat::Column::Searches.sum(), "searches")
            .column_as(search_stat::Column::ZeroHits.sum(), "zero_hits")
            .column_as(search_stat::Column::Opened.sum(), "opened")
            .filter(search_stat::Column::Day.between(from, until))
            .group_by(search_stat::Column::Query);
        if let Some(areas) = areas {
            query = query.filter(search_stat::Column::Area.is_in(areas.iter().cloned()));
        }
        filter(query).order_by_desc(Expr::col(order).sum()).order_by_asc(search_stat::Column::Query).limit(LISTED * 4)
    };
    let rows = |found: Vec<Summed>| found.into_iter().map(|s| QueryCount { query: s.query, searches: s.searches, zero_hits: s.zero_hits, opened: s.opened });
    let all: Vec<QueryCount> = rows(summed(|q| q, search_stat::Column::Searches).into_model::<Summed>().all(db).await?).collect();
    let no_hits = rows(summed(|q| q.filter(search_stat::Column::ZeroHits.gt(0)), search_stat::Column::ZeroHits).into_model::<Summed>().all(db).await?)
        .take(LISTED as usize)
        .collect();
    // Found something, but nothing was opened: the hits did not look like the answer.
    let not_opened = all.iter().filter(|c| c.opened == 0 && c.zero_hits < c.searches).take(LISTED as usize).map(|c| QueryCount { query: c.query.clone(), ..*c }).collect();
    Ok(Insights { most_searched: all.into_iter().take(LISTED as usize).collect(), no_hits, not_opened })
}

pub async fn forget_before(db: &impl ConnectionTrait, day: NaiveDate) -> Result<u64, DbErr> {
    Ok(search_stat::Entity::delete_many().filter(search_stat::Column::Day.lt(day)).exec(db).await?.rows_affected)
}

/// Deletes old counts once an hour.
pub fn spawn_pruner(db: DatabaseConnection) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(Duration::from_secs(3600));
        loop {
            ticks.tick().await;
            let Some(oldest) = crate::oslo::now().date_naive().checked_sub_days(Days::new(KEEP_DAYS)) else { continue };
            match forget_before(&db, oldest).await {
                Ok(0) => {}
                Ok(forgotten) => tracing::info!(forgotten, "old search counts forgotten"),
                Err(error) => tracing::error!(error = %error_chain(&error), "forgetting old search counts failed"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_counted_as_one_whatever_their_case_and_spacing() {
        assert_eq!(normalise("  Bruk  av TOLK "), Some("bruk av tolk".to_owned()));
        assert_eq!(normalise("   "), None);
        assert_eq!(normalise(&"a".repeat(500)).map(|q| q.len()), Some(100));
    }
}
