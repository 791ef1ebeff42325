//! The newsletter per area: anyone subscribes with an address (confirmed by a link: double
//! opt-in), unsubscribes in one click, and gets the area's and the central core's newly
//! published news and upcoming events, sent by the area's editors after a preview or on a
//! weekly schedule. A subscriber is an address and dates, nothing more.
pub mod repo;
pub mod routes;
pub mod schedule;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDateTime, Utc};
use sea_orm::{DatabaseConnection, DbErr, Set};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::accounts::Email;
use crate::areas::AreaScope;
use crate::content::ContentKind;
use crate::content::repo::{ItemFilter, ItemOrder, ItemSummary, published_summaries};
use crate::content::view::item_url;
use crate::entities::ids::{ItemId, SubscriberId};
use crate::entities::{area, newsletter_issue};
use crate::outbox::{self, MailKind, Outgoing};
use crate::tokens::{SigningKey, random_token, token_hash};

/// An unconfirmed subscription is forgotten after this many days.
pub const CONFIRM_DAYS: i64 = 7;
/// With no issue before, "new" means published within this many days.
const FIRST_ISSUE_DAYS: i64 = 7;
/// Events ahead that an issue lists.
const EVENTS_AHEAD_DAYS: i64 = 60;
const MOST_EVENTS: usize = 10;
const MOST_NEWS: u64 = 40;

/// One item in an issue, as the mail and the preview show it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct DigestItem {
    pub id: ItemId,
    pub title: String,
    pub summary: String,
    pub path: String,
    /// News: the date published; events: when it takes place.
    pub date: String,
    pub when: String,
    pub place: Option<String>,
}

/// What the next issue of an area would carry.
#[derive(Debug, Serialize)]
pub struct Digest {
    pub subject: String,
    pub news: Vec<DigestItem>,
    pub events: Vec<DigestItem>,
    /// The newest issue this one follows (the send form repeats it: a second click, or
    /// another editor sending at the same moment, sends nothing twice).
    pub after_issue: Option<i32>,
}

impl Digest {
    /// Only events to tell of is not news: an issue needs at least one news item.
    pub fn is_empty(&self) -> bool {
        self.news.is_empty()
    }
}

fn digest_item(area_slug: &str, item: &ItemSummary) -> DigestItem {
    DigestItem {
        id: item.id,
        title: item.title.clone(),
        summary: item.summary.clone(),
        path: item_url(area_slug, item.kind, &item.slug, &item.lang),
        date: item.published_on.map(crate::web::format::date).unwrap_or_default(),
        when: item.event_starts.map(|s| crate::web::format::event_span(s, item.event_ends)).unwrap_or_default(),
        place: item.event_place.clone(),
    }
}

/// The next issue of `scope.area`: news published since the last issue (in Norwegian),
/// not in it already, from the area and the central core, and the coming events.
pub async fn next_digest(db: &DatabaseConnection, scope: &AreaScope, now: DateTime<FixedOffset>) -> Result<Digest, DbErr> {
    let last = repo::issues(db, scope.area.id, 1).await?.into_iter().next();
    let (since, already): (chrono::NaiveDate, Vec<ItemId>) = match &last {
        Some(issue) => (issue.sent_at.with_timezone(&crate::oslo::ZONE).date_naive(), issued_items(issue).iter().map(|i| i.id).collect()),
        None => ((now - Duration::days(FIRST_ISSUE_DAYS)).with_timezone(&crate::oslo::ZONE).date_naive(), Vec::new()),
    };
    let area_ids = scope.visible_ids();
    let news_filter = ItemFilter { kinds: vec![ContentKind::News], order: ItemOrder::NewestFirst, limit: Some(MOST_NEWS), ..ItemFilter::default() };
    let news = published_summaries(db, &area_ids, &news_filter)
        .await?
        .iter()
        .filter(|i| matches!(i.lang.as_str(), "nb" | "nn") && i.published_on.is_some_and(|on| on >= since) && !already.contains(&i.id))
        .map(|i| digest_item(&scope.area.slug, i))
        .collect();
    let local_now: NaiveDateTime = now.with_timezone(&crate::oslo::ZONE).naive_local();
    let events_filter = ItemFilter {
        kinds: vec![ContentKind::Event],
        starts_from: Some(local_now),
        starts_before: Some(local_now + Duration::days(EVENTS_AHEAD_DAYS)),
        order: ItemOrder::SoonestFirst,
        ..ItemFilter::default()
    };
    let events = published_summaries(db, &area_ids, &events_filter)
        .await?
        .iter()
        .filter(|i| matches!(i.lang.as_str(), "nb" | "nn"))
        .take(MOST_EVENTS)
        .map(|i| digest_item(&scope.area.slug, i))
        .collect();
    let week = now.with_timezone(&crate::oslo::ZONE).iso_week();
    let subject = format!("Nytt fra {} – uke {}, {}", scope.area.name, week.week(), week.year());
    Ok(Digest { subject, news, events, after_issue: last.map(|i| i.id) })
}

/// The items an issue carried.
pub fn issued_items(issue: &repo::Issue) -> Vec<DigestItem> {
    serde_json::from_str(&issue.items).unwrap_or_default()
}

/// Who sends an issue: an editor by name, or the weekly schedule.
pub enum Sender<'a> {
    Editor(&'a str),
    Schedule,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    /// The issue went to this many subscribers.
    To(usize),
    /// Another issue went out since the preview: nothing sent.
    AlreadySent,
    Nothing,
}

/// Sends the area's next issue to every confirmed subscriber: the issue and one outbox
/// message per subscriber in one transaction, under the area's sending lock. `expected`
/// is the issue the sender's preview followed.
pub async fn send_issue(
    db: &DatabaseConnection,
    scope: &AreaScope,
    expected: Option<i32>,
    sender: Sender<'_>,
    unsubscribe_key: &SigningKey,
    now: DateTime<FixedOffset>,
) -> Result<Sent, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    repo::lock_area_sending(&txn, scope.area.id).await?;
    let latest = repo::issues(&txn, scope.area.id, 1).await?.into_iter().next().map(|i| i.id);
    if latest != expected {
        return Ok(Sent::AlreadySent);
    }
    let digest = next_digest(db, scope, now).await?;
    if digest.is_empty() {
        return Ok(Sent::Nothing);
    }
    let subscribers = repo::confirmed_subscribers(&txn, scope.area.id).await?;
    let items: Vec<&DigestItem> = digest.news.iter().chain(digest.events.iter()).collect();
    let sent_by = match sender {
        Sender::Editor(name) => name.to_owned(),
        Sender::Schedule => "ukentlig utsending".to_owned(),
    };
    let issue = repo::insert_issue(
        &txn,
        newsletter_issue::ActiveModel {
            area_id: Set(scope.area.id),
            subject: Set(digest.subject.clone()),
            items: Set(serde_json::to_string(&items).unwrap_or_else(|_| "[]".into())),
            recipients: Set(subscribers.len() as i32),
            sent_at: Set(now),
            sent_by: Set(sent_by),
            ..Default::default()
        },
    )
    .await?;
    for subscriber in &subscribers {
        let data = json!({
            "subject": digest.subject,
            "area_name": scope.area.name,
            "news": digest.news,
            "events": digest.events,
            "unsubscribe_path": unsubscribe_path(unsubscribe_key, subscriber.id, &subscriber.email),
        });
        let message = Outgoing::new(MailKind::Newsletter, &subscriber.email, data).once(format!("newsletter:{}:{}", issue.id, subscriber.id));
        outbox::enqueue(&txn, message).await?;
    }
    txn.commit().await?;
    tracing::info!(area = %scope.area.slug, issue = issue.id, recipients = subscribers.len(), "newsletter sent");
    Ok(Sent::To(subscribers.len()))
}

/// `/nyhetsbrev/avmeld/{id}/{signature}`: signed with the server's key, so nobody can
/// unsubscribe anyone else, and nothing about the link is stored.
pub fn unsubscribe_path(key: &SigningKey, id: SubscriberId, email: &str) -> String {
    format!("/nyhetsbrev/avmeld/{id}/{}", key.sign(&format!("{id}:{email}")))
}

/// Subscribes an address to an area's newsletter (double opt-in): a new or unconfirmed
/// address gets a confirmation link; a confirmed one gets nothing. The answer is the same.
#[tracing::instrument(skip_all, fields(area = %area.slug))]
pub async fn subscribe(db: &DatabaseConnection, area: &area::Model, email: &Email) -> Result<(), DbErr> {
    let now = Utc::now().fixed_offset();
    let token = random_token();
    let txn = crate::db::begin_write(db).await?;
    match repo::subscriber(&txn, area.id, email.as_str()).await? {
        Some(existing) if existing.confirmed_at.is_some() => return Ok(()),
        Some(existing) => repo::renew_token(&txn, existing.id, &token_hash(&token), now).await?,
        None => {
            if repo::insert_subscriber(&txn, area.id, email.as_str(), &token_hash(&token), now).await?.is_none() {
                return Ok(());
            }
        }
    }
    let data = json!({ "area_name": area.name, "confirm_path": format!("/nyhetsbrev/bekreft/{token}"), "days": CONFIRM_DAYS });
    // At most one confirmation an hour to one address for one area.
    let once = format!("newsletter-confirm:{}:{}:{}", area.id, email, now.format("%Y-%m-%dT%H"));
    outbox::enqueue(&txn, Outgoing::new(MailKind::NewsletterConfirm, email.as_str(), data).once(once)).await?;
    txn.commit().await
}

/// Confirms the subscription a link is for; the area's id when it was there to confirm.
pub async fn confirm(db: &DatabaseConnection, token: &str) -> Result<Option<repo::Subscriber>, DbErr> {
    let Some(subscriber) = repo::subscriber_by_token(db, &token_hash(token)).await? else { return Ok(None) };
    if subscriber.created_at + Duration::days(CONFIRM_DAYS) < Utc::now().fixed_offset() {
        return Ok(None);
    }
    Ok(repo::confirm(db, subscriber.id, Utc::now().fixed_offset()).await?.then_some(subscriber))
}

/// What an unsubscribe link does.
#[derive(Debug, PartialEq, Eq)]
pub enum Unsubscribed {
    /// The address is deleted.
    Done,
    /// Already gone (a second click).
    Gone,
    /// The link was not made by us.
    Forged,
}

/// Deletes the subscription an unsubscribe link names, if the link is ours.
pub async fn unsubscribe(db: &DatabaseConnection, key: &SigningKey, id: SubscriberId, signature: &str) -> Result<Unsubscribed, DbErr> {
    let Some(subscriber) = repo::subscriber_by_id(db, id).await? else { return Ok(Unsubscribed::Gone) };
    if !key.verify(&format!("{id}:{}", subscriber.email), signature) {
        return Ok(Unsubscribed::Forged);
    }
    repo::delete_subscriber(db, id).await?;
    tracing::info!(subscriber = %id, "unsubscribed from a newsletter");
    Ok(Unsubscribed::Done)
}

/// Whether an issue is due by the schedule: this week's slot passed less than a day ago
/// (a server that was down for the slot still sends) and no issue went out since it. A
/// week without news sends nothing, rather than the first news days later.
pub fn due(schedule: &repo::Schedule, last_sent: Option<DateTime<FixedOffset>>, now: DateTime<FixedOffset>) -> bool {
    let Some(slot) = this_weeks_slot(schedule, now) else { return false };
    now >= slot && now < slot + Duration::days(1) && last_sent.is_none_or(|sent| sent < slot)
}

/// This week's sending time (Monday to Sunday, the server's time zone).
fn this_weeks_slot(schedule: &repo::Schedule, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    use chrono::TimeZone;
    let local = now.with_timezone(&crate::oslo::ZONE);
    let monday = local.date_naive() - Duration::days(i64::from(local.weekday().num_days_from_monday()));
    let day = monday + Duration::days(i64::from(schedule.weekday.clamp(1, 7) - 1));
    let at = day.and_hms_opt(schedule.hour.clamp(0, 23) as u32, 0, 0)?;
    crate::oslo::ZONE.from_local_datetime(&at).earliest().map(|t| t.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<FixedOffset> {
        crate::oslo::ZONE.with_ymd_and_hms(y, m, d, h, 30, 0).unwrap().fixed_offset()
    }

    #[test]
    fn an_issue_is_due_once_this_weeks_slot_has_passed_until_one_is_sent() {
        // Friday 14:00; 2026-12-04 is a Friday.
        let friday = repo::Schedule { area_id: crate::entities::ids::AreaId(2), weekday: 5, hour: 14 };
        assert!(!due(&friday, None, at(2026, 12, 4, 13)), "not before the slot");
        assert!(due(&friday, None, at(2026, 12, 4, 14)));
        assert!(due(&friday, None, at(2026, 12, 5, 9)), "a slot missed while the server was down still sends");
        assert!(!due(&friday, None, at(2026, 12, 6, 9)), "but not days later");
        assert!(!due(&friday, Some(at(2026, 12, 4, 14)), at(2026, 12, 4, 15)), "once");
        assert!(due(&friday, Some(at(2026, 11, 27, 14)), at(2026, 12, 4, 14)), "last week's issue does not count");
        assert!(!due(&friday, Some(at(2026, 11, 27, 14)), at(2026, 12, 1, 9)), "Tuesday: this week's slot is ahead");
    }

    #[test]
    fn an_unsubscribe_link_is_for_one_address_only() {
        let key = SigningKey::derive(&[7; 64], "test");
        let path = unsubscribe_path(&key, SubscriberId(3), "a@example.no");
        let signature = path.rsplit('/').next().unwrap();
        assert!(key.verify("3:a@example.no", signature));
        assert!(!key.verify("4:a@example.no", signature));
        assert!(!key.verify("3:b@example.no", signature));
    }
}
