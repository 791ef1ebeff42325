//! The newsletter's pages. For readers: `/{area}/nyhetsbrev` (subscribe), the confirmation
//! link, and the unsubscribe link (a page with one button, and RFC 8058 one-click for
//! mail clients). For the area's editors: `/redaksjon/nyhetsbrev/{area}` with subscriber
//! counts, the weekly schedule, a preview of the next issue, "Send nyhetsbrev", and the
//! issues sent.
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::{TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::{Digest, DigestItem, Sender, Sent, Unsubscribed, repo};
use crate::accounts::Email;
use crate::areas::AreaScope;
use crate::authz::{Action, AreaRef, decide};
use crate::entities::ids::SubscriberId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::Editor;
use crate::web::forms::{Choice, form, see_other};
use crate::web::routes::Routes;
use crate::web::session::Visitor;
use crate::web::{Chrome, form_page, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/redaksjon/nyhetsbrev", editor_overview);
    routes.page("/redaksjon/nyhetsbrev/{area}", editor_page);
    routes.post("/redaksjon/nyhetsbrev/{area}/send", send_now);
    routes.post("/redaksjon/nyhetsbrev/{area}/plan", save_schedule);
    routes.page("/nyhetsbrev/bekreft/{token}", confirm_page);
    routes.post("/nyhetsbrev/bekreft/{token}", confirm);
    routes.page("/nyhetsbrev/avmeld/{id}/{signature}", unsubscribe_page);
    routes.post("/nyhetsbrev/avmeld/{id}/{signature}", unsubscribe);
    routes.page("/{area}/nyhetsbrev", subscribe_page);
    routes.post("/{area}/nyhetsbrev", subscribe);
}

/// Subscriptions one client may ask for in an hour.
const SUBSCRIPTIONS_PER_CLIENT_PER_HOUR: i32 = 30;

#[derive(Serialize, Default)]
struct SubscribePage {
    area_name: String,
    area_slug: String,
    email: String,
    error: Option<String>,
    /// After a request: the address the confirmation went to.
    asked: Option<String>,
}

async fn subscribe_page(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let page = SubscribePage { area_name: scope.area.name.clone(), area_slug: scope.area.slug.clone(), ..Default::default() };
    render(&state.templates, "newsletter/subscribe.html", &chrome(&scope), &visitor, &page)
}

fn chrome(scope: &AreaScope) -> Chrome {
    Chrome::new(format!("Nyhetsbrev fra {}", scope.area.name), Some(scope.view()))
}

#[derive(Deserialize)]
struct SubscribeForm {
    email: String,
}

async fn subscribe(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>, form: web::Form<SubscribeForm>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let typed = form.into_inner().email;
    let mut page = SubscribePage { area_name: scope.area.name.clone(), area_slug: scope.area.slug.clone(), email: typed.clone(), ..Default::default() };
    let Ok(email) = Email::parse(&typed) else {
        page.error = Some(format!("«{typed}» er ikke en e-postadresse."));
        return form_page(&state.templates, "newsletter/subscribe.html", &chrome(&scope), &visitor, &page, true);
    };
    let key = format!("n:{}", visitor.from.as_deref().unwrap_or("unknown"));
    if crate::accounts::repo::count_attempt(&state.db, &key, Utc::now().fixed_offset(), chrono::Duration::hours(1)).await? > SUBSCRIPTIONS_PER_CLIENT_PER_HOUR {
        return Err(AppError::TooManyRequests("Det er bedt om mange abonnementer herfra på kort tid. Prøv igjen om en time.".into()));
    }
    super::subscribe(&state.db, &scope.area, &email).await?;
    // The same answer for a new, a waiting and a confirmed address.
    page.asked = Some(email.to_string());
    page.email = String::new();
    render(&state.templates, "newsletter/subscribe.html", &chrome(&scope), &visitor, &page)
}

#[derive(Serialize)]
struct ConfirmPage {
    token: String,
    area_name: Option<String>,
    done: bool,
    unknown: bool,
}

/// The link from the confirmation mail opens a page with one button: a mail scanner that
/// follows links confirms nothing on its own.
async fn confirm_page(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let found = repo::subscriber_by_token(&state.db, &crate::tokens::token_hash(&token)).await?;
    let area_name = match &found {
        Some(subscriber) => crate::areas::repo::by_id(&state.db, subscriber.area_id).await?.map(|a| a.name),
        None => None,
    };
    let page = ConfirmPage { token, unknown: area_name.is_none(), area_name, done: false };
    confirm_answer(&state, &visitor, &page)
}

async fn confirm(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let page = match super::confirm(&state.db, &token).await? {
        Some(subscriber) => {
            let area_name = crate::areas::repo::by_id(&state.db, subscriber.area_id).await?.map(|a| a.name);
            ConfirmPage { token, area_name, done: true, unknown: false }
        }
        None => ConfirmPage { token, area_name: None, done: false, unknown: true },
    };
    confirm_answer(&state, &visitor, &page)
}

fn confirm_answer(state: &AppState, visitor: &Visitor, page: &ConfirmPage) -> Result<HttpResponse, AppError> {
    let mut response = render(&state.templates, "newsletter/confirm.html", &Chrome::new("Bekreft abonnement", None), visitor, page)?;
    if page.unknown {
        *response.status_mut() = StatusCode::GONE;
    }
    Ok(response)
}

#[derive(Serialize)]
struct UnsubscribePage {
    action: String,
    done: bool,
    gone: bool,
}

async fn unsubscribe_page(visitor: Visitor, state: web::Data<AppState>, path: web::Path<(i32, String)>) -> Result<HttpResponse, AppError> {
    let (id, signature) = path.into_inner();
    let page = UnsubscribePage { action: format!("/nyhetsbrev/avmeld/{id}/{signature}"), done: false, gone: false };
    render(&state.templates, "newsletter/unsubscribe.html", &Chrome::new("Meld av nyhetsbrev", None), &visitor, &page)
}

/// The button on that page, or a mail client's one-click request (`List-Unsubscribe=One-Click`,
/// RFC 8058): either way the address is deleted. No form token: the signed link is the authority.
async fn unsubscribe(visitor: Visitor, state: web::Data<AppState>, path: web::Path<(i32, String)>) -> Result<HttpResponse, AppError> {
    let (id, signature) = path.into_inner();
    let key = &state.cookie_keys.unsubscribe_key;
    let gone = match super::unsubscribe(&state.db, key, SubscriberId(id), &signature).await? {
        Unsubscribed::Done => false,
        Unsubscribed::Gone => true,
        Unsubscribed::Forged => return Err(AppError::NotFound("Denne avmeldingslenken er ikke gyldig.".into())),
    };
    let page = UnsubscribePage { action: String::new(), done: true, gone };
    render(&state.templates, "newsletter/unsubscribe.html", &Chrome::new("Meldt av", None), &visitor, &page)
}

#[derive(Serialize)]
struct OverviewRow {
    name: String,
    slug: String,
    subscribers: u64,
}

async fn editor_overview(visitor: Editor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let mut rows = Vec::new();
    for area in crate::areas::repo::all(&state.db).await? {
        if decide(Some(&visitor.user), Action::Edit(AreaRef::from(&area))).is_ok() {
            let (subscribers, _) = repo::counts(&state.db, area.id).await?;
            rows.push(OverviewRow { name: area.name, slug: area.slug, subscribers });
        }
    }
    render(&state.templates, "newsletter/overview.html", &Chrome::new("Nyhetsbrev", None), &visitor, &rows)
}

#[derive(Serialize)]
struct EditorPage {
    area_name: String,
    area_slug: String,
    confirmed: u64,
    waiting: u64,
    digest: Digest,
    preview_text: String,
    weekdays: Vec<Choice>,
    hours: Vec<Choice>,
    scheduled: bool,
    issues: Vec<IssueRow>,
    notice: Option<String>,
}

#[derive(Serialize)]
struct IssueRow {
    sent: String,
    subject: String,
    recipients: i32,
    sent_by: String,
    items: Vec<DigestItem>,
}

const WEEKDAYS: [&str; 7] = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];

async fn editable(visitor: &Editor, state: &AppState, slug: &str) -> Result<AreaScope, AppError> {
    let scope = AreaScope::load(&state.db, slug).await?;
    visitor.may(Action::Edit(AreaRef::from(&scope.area)))?;
    Ok(scope)
}

#[derive(Deserialize)]
struct Done {
    sendt: Option<usize>,
    plan: Option<String>,
}

async fn editor_page(visitor: Editor, state: web::Data<AppState>, mailer: web::Data<crate::mail::Mailer>, path: web::Path<String>, query: web::Query<Done>) -> Result<HttpResponse, AppError> {
    let scope = editable(&visitor, &state, &path.into_inner()).await?;
    let query = query.into_inner();
    let notice = match (query.sendt, query.plan) {
        (Some(count), _) => Some(format!("Nyhetsbrevet er sendt til {count} abonnenter.")),
        (_, Some(_)) => Some("Utsendingstiden er lagret.".to_owned()),
        _ => None,
    };
    editor_view(&state, &mailer, &visitor, &scope, notice).await
}

async fn editor_view(state: &AppState, mailer: &crate::mail::Mailer, visitor: &Editor, scope: &AreaScope, notice: Option<String>) -> Result<HttpResponse, AppError> {
    let (confirmed, waiting) = repo::counts(&state.db, scope.area.id).await?;
    let digest = super::next_digest(&state.db, scope, Utc::now().fixed_offset()).await?;
    // The preview is the mail itself, as its plain-text part.
    let preview = serde_json::json!({
        "subject": digest.subject, "area_name": scope.area.name, "news": digest.news, "events": digest.events,
        "unsubscribe_path": "/nyhetsbrev/avmeld/…",
    });
    let preview_text = mailer.render(crate::outbox::MailKind::Newsletter, &preview).map(|r| r.text).map_err(|e| AppError::Internal(e.to_string()))?;
    let schedule = repo::schedule_of(&state.db, scope.area.id).await?;
    let weekdays = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(i, name)| Choice { value: (i + 1).to_string(), label: (*name).into(), selected: schedule.as_ref().map_or(i == 4, |s| s.weekday == i as i32 + 1) })
        .collect();
    let hours = (0..=23)
        .map(|h| Choice { value: h.to_string(), label: format!("kl. {h:02}.00"), selected: schedule.as_ref().map_or(h == 14, |s| s.hour == h) })
        .collect();
    let issues = repo::issues(&state.db, scope.area.id, 20)
        .await?
        .into_iter()
        .map(|issue| IssueRow {
            sent: crate::web::format::date_time(crate::oslo::ZONE.from_utc_datetime(&issue.sent_at.naive_utc()).naive_local()),
            items: super::issued_items(&issue),
            subject: issue.subject,
            recipients: issue.recipients,
            sent_by: issue.sent_by,
        })
        .collect();
    let page = EditorPage {
        area_name: scope.area.name.clone(),
        area_slug: scope.area.slug.clone(),
        confirmed,
        waiting,
        digest,
        preview_text,
        weekdays,
        hours,
        scheduled: schedule.is_some(),
        issues,
        notice,
    };
    render(&state.templates, "newsletter/editor.html", &Chrome::new(format!("Nyhetsbrev fra {}", scope.area.name), None), visitor, &page)
}

async fn send_now(visitor: Editor, state: web::Data<AppState>, path: web::Path<String>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let scope = editable(&visitor, &state, &path.into_inner()).await?;
    let data = form(&body)?;
    let expected = match data.get("after_issue").as_str() {
        "" => None,
        typed => Some(typed.parse::<i32>().map_err(|_| AppError::BadRequest("Skjemaet mangler hvilken utgave forhåndsvisningen fulgte.".into()))?),
    };
    let key = &state.cookie_keys.unsubscribe_key;
    match super::send_issue(&state.db, &scope, expected, Sender::Editor(&visitor.user.name), key, Utc::now().fixed_offset()).await? {
        Sent::To(count) => Ok(see_other(format!("/redaksjon/nyhetsbrev/{}?sendt={count}", scope.area.slug))),
        Sent::AlreadySent => Err(AppError::Conflict("Et nyhetsbrev er sendt etter at du åpnet forhåndsvisningen. Åpne siden på nytt og se hva som er nytt.".into())),
        Sent::Nothing => Err(AppError::Conflict("Det er ingen nye nyheter å sende siden forrige nyhetsbrev.".into())),
    }
}

async fn save_schedule(visitor: Editor, state: web::Data<AppState>, path: web::Path<String>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let scope = editable(&visitor, &state, &path.into_inner()).await?;
    let data = form(&body)?;
    let when = if data.get("ukentlig") == "ja" {
        let weekday = data.get("weekday").parse::<i32>().ok().filter(|d| (1..=7).contains(d));
        let hour = data.get("hour").parse::<i32>().ok().filter(|h| (0..=23).contains(h));
        match (weekday, hour) {
            (Some(weekday), Some(hour)) => Some((weekday, hour)),
            _ => return Err(AppError::BadRequest("Velg en ukedag og et klokkeslett.".into())),
        }
    } else {
        None
    };
    repo::set_schedule(&state.db, scope.area.id, when).await?;
    Ok(see_other(format!("/redaksjon/nyhetsbrev/{}?plan=lagret", scope.area.slug)))
}
