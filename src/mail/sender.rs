//! The background sender: every second it claims the messages that are due and sends
//! them, one connection pool for all. With no SMTP server configured it sends nothing and
//! the messages wait (the admin's mail page says so).
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use lettre::AsyncTransport;
use sea_orm::{DatabaseConnection, DbErr};

use super::Mailer;
use super::compose::ComposeError;
use crate::outbox::{self, MailKind, MailStatus, Message};
use crate::telemetry::error_chain;

/// How often the sender looks for due messages: a reset link arrives within seconds.
pub const INTERVAL: Duration = Duration::from_secs(1);
/// Messages claimed at once by one sender: small enough that a batch sent to a server
/// that times out (30 s a message) ends well within the claim (`outbox::LEASE`).
const BATCH: u64 = 10;

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// Rounds between two clean-ups of old sent messages (an hour).
const ROUNDS_PER_CLEANUP: u32 = 3600;

pub fn spawn_sender(db: DatabaseConnection, mailer: Arc<Mailer>) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut rounds = 0u32;
        loop {
            ticks.tick().await;
            if rounds.is_multiple_of(ROUNDS_PER_CLEANUP) {
                match outbox::forget_sent_before(&db, Utc::now().fixed_offset() - outbox::KEEP_SENT).await {
                    Ok(0) => {}
                    Ok(forgotten) => tracing::info!(forgotten, "old sent mail forgotten"),
                    Err(error) => tracing::error!(error = %error_chain(&error), "forgetting old sent mail failed"),
                }
            }
            rounds = rounds.wrapping_add(1);
            match deliver_due(&db, &mailer).await {
                Ok(Round { sent: 0, retrying: 0, failed: 0 }) => {}
                Ok(round) => tracing::info!(sent = round.sent, retrying = round.retrying, failed = round.failed, "mail round"),
                Err(error) => tracing::error!(error = %error_chain(&error), "mail round failed; trying again"),
            }
        }
    });
}

/// Claims what is due and sends it; each message ends the round sent, waiting for a
/// later attempt, or failed. Without a transport nothing is claimed.
pub async fn deliver_due(db: &DatabaseConnection, mailer: &Mailer) -> Result<Round, DbErr> {
    let Some(transport) = &mailer.transport else {
        return Ok(Round::default());
    };
    let mut round = Round::default();
    loop {
        let claimed = outbox::claim(db, Utc::now().fixed_offset(), BATCH).await?;
        if claimed.is_empty() {
            return Ok(round);
        }
        for message in claimed {
            let outcome = match mailer.compose(db, &message).await {
                Ok(mail) => transport.send(mail).await.map(|_| ()).map_err(|error| (error_chain(&error), error.is_permanent())),
                Err(error) => Err((error.to_string(), true)),
            };
            let now = Utc::now().fixed_offset();
            match outcome {
                Ok(()) => {
                    outbox::mark_sent(db, message.id, now).await?;
                    tracing::info!(message = %message.id, kind = message.kind.template(), "mail sent");
                    round.sent += 1;
                }
                Err((error, permanent)) => {
                    match outbox::mark_attempt_failed(db, &message, &error, permanent, mailer.retry_base, now).await? {
                        MailStatus::Failed => {
                            tracing::error!(message = %message.id, attempts = message.attempts, %error, "mail failed for good");
                            round.failed += 1;
                        }
                        _ => {
                            tracing::warn!(message = %message.id, attempts = message.attempts, %error, "mail not sent; trying again later");
                            round.retrying += 1;
                        }
                    }
                }
            }
        }
        if round.retrying > 0 {
            // The server is refusing or away: the rest waits for the next round.
            return Ok(round);
        }
    }
}

/// Files that go with a message: a course certificate's PDF.
pub(super) async fn attachments(
    db: &DatabaseConnection,
    row: &Message,
    data: &serde_json::Value,
    base_url: &str,
) -> Result<Vec<(String, Vec<u8>, &'static str)>, ComposeError> {
    if row.kind != MailKind::Certificate {
        return Ok(Vec::new());
    }
    let code = data.get("code").and_then(|c| c.as_str()).ok_or_else(|| ComposeError::Attachment("no certificate code".into()))?;
    let certificate = crate::courses::repo::certificate_by_code(db, code)
        .await
        .map_err(|e| ComposeError::Attachment(e.to_string()))?
        .ok_or_else(|| ComposeError::Attachment(format!("certificate {code} is gone")))?;
    let pdf = crate::courses::pdf::certificate(&certificate, &format!("{base_url}/kursbevis/{code}"));
    Ok(vec![(format!("kursbevis-{code}.pdf"), pdf, "application/pdf")])
}
