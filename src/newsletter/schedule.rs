//! The weekly newsletter: every minute, each area whose sending time has passed this week
//! without an issue gets one (if there is news), and confirmations never followed are
//! forgotten. Safe with several instances: sending holds the area's lock and checks again.
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::{Sender, Sent, due, repo, send_issue};
use crate::areas::AreaScope;
use crate::telemetry::error_chain;
use crate::tokens::SigningKey;

const INTERVAL: Duration = Duration::from_secs(60);

pub fn spawn_weekly(db: DatabaseConnection, unsubscribe_key: SigningKey) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let now = Utc::now().fixed_offset();
            if let Err(error) = send_due(&db, &unsubscribe_key, now).await {
                tracing::error!(error = %error_chain(&error), "weekly newsletters failed; trying again");
            }
            match repo::delete_unconfirmed_before(&db, now - chrono::Duration::days(super::CONFIRM_DAYS)).await {
                Ok(0) => {}
                Ok(forgotten) => tracing::info!(forgotten, "unconfirmed newsletter subscriptions forgotten"),
                Err(error) => tracing::error!(error = %error_chain(&error), "forgetting unconfirmed subscriptions failed"),
            }
        }
    });
}

/// Sends every issue that is due at `now`; how many went out.
pub async fn send_due(db: &DatabaseConnection, unsubscribe_key: &SigningKey, now: DateTime<FixedOffset>) -> Result<usize, DbErr> {
    let mut sent = 0;
    for schedule in repo::schedules(db).await? {
        let last = repo::issues(db, schedule.area_id, 1).await?.into_iter().next();
        if !due(&schedule, last.as_ref().map(|i| i.sent_at), now) {
            continue;
        }
        let Some(area) = crate::areas::repo::by_id(db, schedule.area_id).await? else { continue };
        let scope = AreaScope::load(db, &area.slug).await.map_err(|e| DbErr::Custom(e.to_string()))?;
        if let Sent::To(_) = send_issue(db, &scope, last.map(|i| i.id), Sender::Schedule, unsubscribe_key, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}
