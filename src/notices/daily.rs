//! The editors' scheduled notices: review reminders and the daily feedback digest. The
//! task looks every ten minutes; each message has a key that makes it go once, so a
//! restart, a second instance or a second look sends nothing twice.
use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeZone, Utc};
use sea_orm::{DatabaseConnection, DbErr};
use serde_json::json;

use super::{editors_of, editors_wanting};
use crate::areas::CENTRAL;
use crate::entities::ids::AreaId;
use crate::outbox::{self, MailKind, Outgoing};
use crate::telemetry::error_chain;

const INTERVAL: Duration = Duration::from_secs(600);
/// A reminder goes this many days before the review date, and on the day.
pub const REMIND_DAYS_BEFORE: u64 = 30;
/// "On the day" still goes if the server was down that day, for this many days.
const LATE_DAYS: u64 = 3;
/// The feedback digest covers the day up to this hour, and goes then.
pub const DIGEST_HOUR: u32 = 7;
const EXCERPT_CHARS: usize = 200;

pub fn spawn_daily(db: DatabaseConnection) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match send_due(&db, Utc::now().fixed_offset()).await {
                Ok(0) => {}
                Ok(queued) => tracing::info!(queued, "editor notices queued"),
                Err(error) => tracing::error!(error = %error_chain(&error), "editor notices failed; trying again"),
            }
        }
    });
}

/// Queues every notice due at `now` (and the one reminder to verify an address); how
/// many were new.
pub async fn send_due(db: &DatabaseConnection, now: DateTime<FixedOffset>) -> Result<usize, DbErr> {
    let reminded = crate::accounts::recovery::remind_unverified(db, now).await?;
    Ok(reminded + review_reminders(db, now).await? + feedback_digests(db, now).await?)
}

async fn review_reminders(db: &DatabaseConnection, now: DateTime<FixedOffset>) -> Result<usize, DbErr> {
    let today = now.with_timezone(&crate::oslo::ZONE).date_naive();
    let (Some(from), Some(until)) = (today.checked_sub_days(Days::new(LATE_DAYS)), today.checked_add_days(Days::new(REMIND_DAYS_BEFORE))) else {
        return Ok(0);
    };
    let areas: BTreeMap<AreaId, crate::entities::area::Model> = crate::areas::repo::all(db).await?.into_iter().map(|a| (a.id, a)).collect();
    let editors = editors_wanting(db, MailKind::ReviewReminder).await?;
    let mut queued = 0;
    for item in crate::content::repo::published_for_review(db, from, until).await? {
        let (Some(review_by), Some(area)) = (item.review_by, areas.get(&item.area_id)) else { continue };
        let due_today = review_by <= today;
        let stage = if due_today { "today" } else { "soon" };
        for editor in editors_of(&editors, area, area.slug == CENTRAL) {
            let data = json!({
                "name": editor.name, "title": item.title, "area_name": area.name, "due_today": due_today,
                "review_by": crate::web::format::date(review_by), "edit_path": format!("/redaksjon/innhold/{}", item.id),
            });
            let key = format!("review:{}:{review_by}:{stage}:{}", item.id, editor.id);
            queued += usize::from(outbox::enqueue(db, Outgoing::new(MailKind::ReviewReminder, &editor.email, data).once(key)).await?.is_some());
        }
    }
    Ok(queued)
}

/// The day the digest covers: the 24 hours up to the latest `DIGEST_HOUR`.
fn digest_window(now: DateTime<FixedOffset>) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>, NaiveDate)> {
    let local = now.with_timezone(&crate::oslo::ZONE);
    let mut day = local.date_naive();
    let at = |day: NaiveDate| day.and_hms_opt(DIGEST_HOUR, 0, 0).and_then(|t| crate::oslo::ZONE.from_local_datetime(&t).earliest());
    if at(day)? > local {
        day = day.pred_opt()?;
    }
    let until = at(day)?.fixed_offset();
    Some((until - chrono::Duration::days(1), until, day))
}

async fn feedback_digests(db: &DatabaseConnection, now: DateTime<FixedOffset>) -> Result<usize, DbErr> {
    let Some((from, until, day)) = digest_window(now) else { return Ok(0) };
    let arrived = crate::feedback::repo::arrived_between(db, from, until).await?;
    if arrived.is_empty() {
        return Ok(0);
    }
    let mut by_area: BTreeMap<AreaId, Vec<&crate::entities::feedback::Model>> = BTreeMap::new();
    for entry in &arrived {
        by_area.entry(entry.area_id).or_default().push(entry);
    }
    let item_ids: Vec<_> = arrived.iter().filter_map(|f| f.content_item_id).collect();
    let titles: BTreeMap<_, _> = crate::content::repo::items_by_ids(db, &item_ids).await?.into_iter().map(|i| (i.id, i.title)).collect();
    let areas: BTreeMap<AreaId, crate::entities::area::Model> = crate::areas::repo::all(db).await?.into_iter().map(|a| (a.id, a)).collect();
    let editors = editors_wanting(db, MailKind::FeedbackDigest).await?;
    let mut queued = 0;
    for (area_id, entries) in by_area {
        let Some(area) = areas.get(&area_id) else { continue };
        let entries: Vec<_> = entries
            .iter()
            .map(|f| {
                let title = f.content_item_id.and_then(|id| titles.get(&id).cloned()).unwrap_or_else(|| f.page_path.clone());
                json!({ "item_title": title, "kind": f.kind.label(), "excerpt": f.message.chars().take(EXCERPT_CHARS).collect::<String>() })
            })
            .collect();
        for editor in editors_of(&editors, area, area.slug == CENTRAL) {
            let data = json!({ "name": editor.name, "area_name": area.name, "entries": entries });
            let key = format!("feedback:{area_id}:{day}:{}", editor.id);
            queued += usize::from(outbox::enqueue(db, Outgoing::new(MailKind::FeedbackDigest, &editor.email, data).once(key)).await?.is_some());
        }
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_covers_the_day_up_to_seven_in_the_morning() {
        let at = |d: u32, h: u32| crate::oslo::ZONE.with_ymd_and_hms(2026, 12, d, h, 15, 0).unwrap().fixed_offset();
        let (from, until, day) = digest_window(at(5, 9)).unwrap();
        assert_eq!((from, until, day.to_string()), (at(4, 7) - chrono::Duration::minutes(15), at(5, 7) - chrono::Duration::minutes(15), "2026-12-05".to_owned()));
        let (_, until, day) = digest_window(at(5, 6)).unwrap();
        assert_eq!((until, day.to_string()), (at(4, 7) - chrono::Duration::minutes(15), "2026-12-04".to_owned()));
    }
}
