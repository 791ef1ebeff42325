//! The background task that publishes scheduled items when their time comes. The
//! schedule is in the database, so a restart loses nothing: the first round after
//! start publishes whatever fell due while the server was down.
use std::time::Duration;

use chrono::Utc;
use sea_orm::DatabaseConnection;

use crate::telemetry::error_chain;

/// How often the task looks; a scheduled item is public at most this long after its time.
pub const INTERVAL: Duration = Duration::from_secs(1);

pub fn spawn_publisher(db: DatabaseConnection) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match super::service::publish_due(&db, Utc::now().fixed_offset()).await {
                Ok(0) => {}
                Ok(published) => tracing::info!(published, "scheduled items published"),
                Err(error) => tracing::error!(error = %error_chain(&error), "scheduled publishing failed; trying again"),
            }
        }
    });
}
