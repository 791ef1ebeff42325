//! `/redaksjon/e-post`, for admins: whether mail goes out, what waits, what failed (with
//! the last error, and "Send igjen"), what went today, and a test message.
use actix_web::{HttpResponse, web};
use chrono::TimeZone;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::Mailer;
use crate::accounts::Email;
use crate::error::AppError;
use crate::outbox::{self, MailKind, MailStatus, Message, MessageId, Outgoing, QueueCounts};
use crate::state::AppState;
use crate::web::access::Admin;
use crate::web::forms::see_other;
use crate::web::routes::Routes;
use crate::web::{Chrome, form_page};

pub fn routes(routes: &mut Routes) {
    routes.page("/redaksjon/e-post", queue_page);
    routes.post("/redaksjon/e-post/test", send_test);
    routes.post("/redaksjon/e-post/{id}/send-igjen", send_again);
}

/// Messages listed per status on the page.
const LISTED: u64 = 50;

#[derive(Serialize)]
struct QueuePage {
    server: Option<String>,
    counts: QueueCounts,
    waiting: Vec<Row>,
    failed: Vec<Row>,
    test_to: String,
    error: Option<String>,
    notice: Option<String>,
}

#[derive(Serialize)]
struct Row {
    id: MessageId,
    kind: &'static str,
    recipient: String,
    attempts: i32,
    created: String,
    next_attempt: String,
    last_error: Option<String>,
}

impl Row {
    fn of(message: Message) -> Row {
        let local = |at: chrono::DateTime<chrono::FixedOffset>| crate::web::format::date_time(crate::oslo::ZONE.from_utc_datetime(&at.naive_utc()).naive_local());
        Row {
            id: message.id,
            kind: message.kind.template(),
            recipient: message.recipient,
            attempts: message.attempts,
            created: local(message.created_at),
            next_attempt: local(message.next_attempt_at),
            last_error: message.last_error,
        }
    }
}

#[derive(Deserialize)]
struct Shown {
    sendt: Option<String>,
}

async fn queue_page(visitor: Admin, state: web::Data<AppState>, mailer: web::Data<Mailer>, query: web::Query<Shown>) -> Result<HttpResponse, AppError> {
    let notice = query.into_inner().sendt.map(|what| match what.as_str() {
        "test" => "Testmeldingen ligger i køen og sendes straks.".to_owned(),
        _ => "Meldingen er lagt i køen igjen.".to_owned(),
    });
    page(&state, &mailer, &visitor, String::new(), None, notice).await
}

async fn page(state: &AppState, mailer: &Mailer, visitor: &Admin, test_to: String, error: Option<String>, notice: Option<String>) -> Result<HttpResponse, AppError> {
    let midnight = crate::oslo::now().date_naive().and_hms_opt(0, 0, 0).and_then(|m| crate::oslo::ZONE.from_local_datetime(&m).earliest());
    let since = midnight.map_or_else(|| chrono::Utc::now().fixed_offset(), |m| m.fixed_offset());
    let refused = error.is_some();
    let page = QueuePage {
        server: mailer.server.clone(),
        counts: outbox::counts(&state.db, since).await?,
        waiting: outbox::latest(&state.db, MailStatus::Queued, LISTED).await?.into_iter().map(Row::of).collect(),
        failed: outbox::latest(&state.db, MailStatus::Failed, LISTED).await?.into_iter().map(Row::of).collect(),
        test_to,
        error,
        notice,
    };
    form_page(&state.templates, "editorial/mail_queue.html", &Chrome::new("E-post", None), visitor, &page, refused)
}

#[derive(Deserialize)]
struct TestForm {
    to: String,
}

async fn send_test(visitor: Admin, state: web::Data<AppState>, mailer: web::Data<Mailer>, form: web::Form<TestForm>) -> Result<HttpResponse, AppError> {
    let typed = form.into_inner().to;
    let Ok(to) = Email::parse(&typed) else {
        return page(&state, &mailer, &visitor, typed.clone(), Some(format!("«{typed}» er ikke en e-postadresse.")), None).await;
    };
    outbox::enqueue(&state.db, test_message(to.as_str(), &visitor.user.name)).await?;
    tracing::info!(by = %visitor.user.id, "test mail queued");
    Ok(see_other("/redaksjon/e-post?sendt=test"))
}

/// The test message (the admin page and `fagbro mail test`).
pub fn test_message(to: &str, requested_by: &str) -> Outgoing {
    Outgoing::new(MailKind::Test, to, json!({ "requested_by": requested_by }))
}

async fn send_again(_visitor: Admin, state: web::Data<AppState>, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    let id = MessageId(path.into_inner());
    if !outbox::resend(&state.db, id).await? {
        return Err(AppError::NotFound(format!("Ingen mislykket melding med nummer {id}.")));
    }
    Ok(see_other("/redaksjon/e-post?sendt=igjen"))
}
