//! Mail as it arrives at a real SMTP server on loopback: what an admin sees and sends from
//! `/redaksjon/e-post`, and that nothing is lost or sent twice when the server is away, a
//! sender dies mid-way, or two instances share one database.
use std::collections::HashSet;
use std::time::Duration;

use fagbro::accounts::Role;
use fagbro::outbox::{self, MailKind, Outgoing};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::for_each_backend;
use crate::helpers::{Backend, TestApp};
use crate::mail_sink::{MailSink, spawn_app_with_mail};

for_each_backend!(
    an_admin_sends_a_test_message_and_it_arrives_as_text_and_html_with_absolute_links,
    with_no_smtp_server_mail_waits_and_the_admin_sees_it,
    with_the_smtp_server_down_for_a_minute_every_message_arrives_exactly_once,
    a_message_that_keeps_failing_is_kept_visible_and_an_admin_sends_it_again,
    a_sender_that_dies_between_claim_and_send_leaves_the_message_to_be_sent_again,
    two_instances_on_one_database_send_each_message_once,
    sent_messages_are_forgotten_after_thirty_days,
);

async fn an_admin_sends_a_test_message_and_it_arrives_as_text_and_html_with_absolute_links(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    let Some(app) = spawn_app_with_mail(backend, "test_message", Some(sink.url())).await else { return };
    let admin = app.signed_in("admin@example.no", Role::Admin, &[]).await;
    admin.page("/redaksjon/e-post").await.assert_contains(&format!("127.0.0.1:{}", sink.port)).assert_lacks("Ingen e-posttjener");
    let sent = admin.post("/redaksjon/e-post/test", &[("to", "drift@ahus.example.no")]).await;
    assert_eq!(sent.location(), "/redaksjon/e-post?sendt=test");

    let mail = sink.wait_for_mail("drift@ahus.example.no", "Testmelding").await;
    assert_eq!(mail.header("From").unwrap(), "Kompetansebroen <ikke-svar@fagbro.example.no>");
    assert_eq!(mail.header("To").unwrap(), "drift@ahus.example.no");
    let id = mail.header("Message-ID").unwrap();
    assert!(id.starts_with("<outbox-") && id.ends_with("@fagbro.example.no>"), "{id}");
    assert_eq!(mail.mime_type(), "multipart/alternative");
    assert!(mail.text().contains("sendt av Admin"), "{}", mail.text());
    let html = crate::helpers::unescape(&mail.html());
    assert!(html.contains("<h1") && html.contains("sendt av Admin"), "{html}");
    assert!(!html.contains("<img") && !html.contains("src=\"http"), "no remote images: {html}");
    assert!(html.contains(&format!("href=\"{}/\"", app.address)), "links are absolute: {html}");

    // Sent today, nothing waiting.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let page = admin.page("/redaksjon/e-post").await;
    page.assert_contains("id=\"count-sent\">1<").assert_contains("id=\"count-waiting\">0<");
    // A bad address is refused with what was typed.
    let refused = admin.post("/redaksjon/e-post/test", &[("to", "drift(at)ahus")]).await;
    assert_eq!(refused.status, 422);
    refused.assert_contains("«drift(at)ahus» er ikke en e-postadresse").assert_contains("value=\"drift(at)ahus\"");
}

async fn with_no_smtp_server_mail_waits_and_the_admin_sees_it(backend: Backend) {
    let Some(app) = spawn_app_with_mail(backend, "no_smtp", None).await else { return };
    let admin = app.signed_in("admin@example.no", Role::Admin, &[]).await;
    admin.post("/redaksjon/e-post/test", &[("to", "drift@ahus.example.no")]).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let page = admin.page("/redaksjon/e-post").await;
    page.assert_contains("Ingen e-posttjener er satt opp").assert_contains("id=\"count-waiting\">1<").assert_contains("drift@ahus.example.no");
    let waiting = outbox::to_address(app.db(), "drift@ahus.example.no").await.unwrap();
    assert_eq!((waiting.len(), waiting[0].attempts), (1, 0), "nothing tried without a server");
    // Only admins see the queue.
    let editor = app.signed_in("redaktor@example.no", Role::CentralEditor, &[]).await;
    assert_eq!(editor.get("/redaksjon/e-post").await.status, 403);
}

async fn with_the_smtp_server_down_for_a_minute_every_message_arrives_exactly_once(backend: Backend) {
    let port = MailSink::free_port();
    let Some(mut sink) = MailSink::stopped_on(port) else { return };
    let Some(app) = spawn_app_with_mail(backend, "smtp_down", Some(sink.url())).await else { return };
    let admin = app.signed_in("admin@example.no", Role::Admin, &[]).await;
    let addresses: Vec<String> = (1..=6).map(|n| format!("sykepleier{n}@vestfold.example.no")).collect();
    for address in &addresses {
        admin.post("/redaksjon/e-post/test", &[("to", address)]).await;
    }
    // Refused while the server is away for a minute: kept, with the error, for a later attempt.
    let down = std::time::Instant::now();
    wait_until(&app, |rows| rows.iter().all(|m| m.attempts >= 2 && m.last_error.is_some())).await;
    admin.page("/redaksjon/e-post").await.assert_contains("id=\"count-waiting\">6<").assert_contains("id=\"count-failed\">0<");
    tokio::time::sleep(Duration::from_secs(60).saturating_sub(down.elapsed())).await;
    admin.page("/redaksjon/e-post").await.assert_contains("id=\"count-waiting\">6<").assert_contains("Connection refused");

    sink.start_again();
    let received = sink.wait_for_within(6, Duration::from_secs(90)).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let received_later = sink.received();
    assert_eq!(received_later.len(), 6, "each message once: {:?}", received_later.iter().map(|m| m.to()).collect::<Vec<_>>());
    let to: HashSet<String> = received.iter().map(|m| m.to()).collect();
    assert_eq!(to, addresses.iter().cloned().collect());
    admin.page("/redaksjon/e-post").await.assert_contains("id=\"count-waiting\">0<").assert_contains("id=\"count-sent\">6<");
}

async fn a_message_that_keeps_failing_is_kept_visible_and_an_admin_sends_it_again(backend: Backend) {
    let port = MailSink::free_port();
    let Some(mut sink) = MailSink::stopped_on(port) else { return };
    let Some(app) = spawn_app_with_mail(backend, "failed_for_good", Some(sink.url())).await else { return };
    let admin = app.signed_in("admin@example.no", Role::Admin, &[]).await;
    admin.post("/redaksjon/e-post/test", &[("to", "drift@ahus.example.no")]).await;
    wait_until(&app, |rows| rows.iter().all(|m| m.attempts >= 1 && m.last_error.is_some())).await;
    // Hours of failed attempts later: one attempt is left, and it fails too.
    use fagbro::entities::outbox as table;
    table::Entity::update_many()
        .col_expr(table::Column::Attempts, sea_orm::sea_query::Expr::value(outbox::MAX_ATTEMPTS - 1))
        .exec(app.db())
        .await
        .unwrap();
    lapse_claims(&app).await;
    wait_until(&app, |rows| rows.iter().all(|m| m.status == outbox::MailStatus::Failed)).await;
    let page = admin.page("/redaksjon/e-post").await;
    page.assert_contains("id=\"count-failed\">1<").assert_contains("Connection refused").assert_contains("Send igjen");
    let id = outbox::to_address(app.db(), "drift@ahus.example.no").await.unwrap()[0].id;

    sink.start_again();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(sink.received().is_empty(), "a failed message waits for the admin");
    let again = admin.post(&format!("/redaksjon/e-post/{id}/send-igjen"), &[]).await;
    assert_eq!(again.location(), "/redaksjon/e-post?sendt=igjen");
    sink.wait_for_mail("drift@ahus.example.no", "Testmelding").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    admin.page("/redaksjon/e-post").await.assert_contains("id=\"count-failed\">0<").assert_contains("id=\"count-sent\">1<");
    // Only a failed message is sent again.
    assert_eq!(admin.post(&format!("/redaksjon/e-post/{id}/send-igjen"), &[]).await.status, 404);
}

async fn a_sender_that_dies_between_claim_and_send_leaves_the_message_to_be_sent_again(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    // The site itself has no server, so only the senders below deliver.
    let Some(app) = spawn_app_with_mail(backend, "claim_then_die", None).await else { return };
    let id = outbox::enqueue(app.db(), Outgoing::new(MailKind::Test, "drift@ahus.example.no", serde_json::json!({"requested_by": "Test"})))
        .await
        .unwrap()
        .unwrap();
    // One instance claims the message, then dies before sending it.
    let claimed = outbox::claim(app.db(), chrono::Utc::now().fixed_offset(), 10).await.unwrap();
    assert_eq!(claimed.iter().map(|m| m.id).collect::<Vec<_>>(), vec![id]);
    // Another instance's sender leaves it alone while the claim holds...
    let other = other_instance_mailer(&sink).await;
    assert_eq!(fagbro::mail::deliver_due(app.db(), &other).await.unwrap().sent, 0);
    // ... and sends it once the claim has lapsed.
    lapse_claims(&app).await;
    assert_eq!(fagbro::mail::deliver_due(app.db(), &other).await.unwrap().sent, 1);
    let mail = sink.wait_for_mail("drift@ahus.example.no", "Testmelding").await;
    assert_eq!(mail.header("Message-ID").unwrap(), format!("<outbox-{id}.{}@fagbro.example.no>", claimed[0].created_at.timestamp()));
    assert_eq!(fagbro::mail::deliver_due(app.db(), &other).await.unwrap().sent, 0, "sent once");
}

async fn two_instances_on_one_database_send_each_message_once(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    let Some(first) = spawn_app_with_mail(backend, "two_instances", Some(sink.url())).await else { return };
    // A second instance on the same database, with its own data folder and sender.
    let data_dir = tempfile::tempdir().unwrap();
    let mut config = fagbro::Config::for_data_dir(data_dir.path());
    config.database_url = first.database_url();
    config.smtp_url = Some(fagbro::config::Secret(sink.url()));
    let second = fagbro::Application::build(config).await.expect("the second instance starts");
    tokio::spawn(second.run_until_stopped());

    let addresses: Vec<String> = (1..=60).map(|n| format!("leser{n}@example.no")).collect();
    let txn = fagbro::db::begin_write(first.db()).await.unwrap();
    for address in &addresses {
        outbox::enqueue(&txn, Outgoing::new(MailKind::Test, address, serde_json::json!({"requested_by": "Test"}))).await.unwrap();
    }
    txn.commit().await.unwrap();

    sink.wait_for(60).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let received = sink.received();
    let ids: HashSet<String> = received.iter().map(|m| m.header("Message-ID").unwrap()).collect();
    assert_eq!((received.len(), ids.len()), (60, 60), "each of the 60 messages once");
}

async fn sent_messages_are_forgotten_after_thirty_days(backend: Backend) {
    let Some(app) = spawn_app_with_mail(backend, "forget_sent", None).await else { return };
    let message = |to: &str| Outgoing::new(MailKind::Test, to, serde_json::json!({"requested_by": "Test"}));
    let old = outbox::enqueue(app.db(), message("gammel@example.no")).await.unwrap().unwrap();
    let recent = outbox::enqueue(app.db(), message("ny@example.no")).await.unwrap().unwrap();
    let waiting = outbox::enqueue(app.db(), message("venter@example.no")).await.unwrap().unwrap();
    let now = chrono::Utc::now().fixed_offset();
    outbox::mark_sent(app.db(), old, now - chrono::Duration::days(31)).await.unwrap();
    outbox::mark_sent(app.db(), recent, now - chrono::Duration::days(29)).await.unwrap();
    // The app's own sender forgets old mail too, and may have come first.
    assert!(outbox::forget_sent_before(app.db(), now - outbox::KEEP_SENT).await.unwrap() <= 1);
    assert!(outbox::by_id(app.db(), old).await.unwrap().is_none());
    assert!(outbox::by_id(app.db(), recent).await.unwrap().is_some());
    assert!(outbox::by_id(app.db(), waiting).await.unwrap().is_some(), "waiting mail is never forgotten");
}

/// A sender of another instance: the same settings, its own transport.
async fn other_instance_mailer(sink: &MailSink) -> fagbro::mail::Mailer {
    let dir = tempfile::tempdir().unwrap();
    let mut config = fagbro::Config::for_data_dir(dir.path());
    config.smtp_url = Some(fagbro::config::Secret(sink.url()));
    config.mail_from = "Kompetansebroen <ikke-svar@fagbro.example.no>".into();
    let templates = fagbro::app::load_templates(&config.templates_dir).unwrap();
    fagbro::mail::Mailer::new(&config, templates, "http://127.0.0.1").unwrap()
}

/// Time passes for the claims: every claimed message is due again.
async fn lapse_claims(app: &TestApp) {
    use fagbro::entities::outbox as table;
    table::Entity::update_many()
        .col_expr(table::Column::NextAttemptAt, sea_orm::sea_query::Expr::value(chrono::Utc::now().fixed_offset() - chrono::Duration::seconds(1)))
        .filter(table::Column::Status.eq(fagbro::outbox::MailStatus::Queued))
        .exec(app.db())
        .await
        .unwrap();
}

/// Waits (up to 20 s) until the outbox rows satisfy `done`.
async fn wait_until(app: &TestApp, done: impl Fn(&[outbox::Message]) -> bool) {
    use fagbro::entities::outbox as table;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let rows = table::Entity::find().all(app.db()).await.unwrap();
        if !rows.is_empty() && done(&rows) {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "the outbox did not get there: {rows:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// An operator checks the mail settings from the command line.
#[test]
fn the_mail_test_command_sends_through_the_server_or_says_why_not() {
    let data = tempfile::tempdir().unwrap();
    let database = fagbro::config::sqlite_url_for(data.path());
    let without = crate::cli::fagbro(&["mail", "test", "--to", "drift@ahus.example.no"], &database, data.path());
    assert!(!without.status.success());
    assert!(crate::cli::stdout(&without).contains("no SMTP server configured (FAGBRO_SMTP_URL): test message 1 waits in the outbox"), "{}", crate::cli::stdout(&without));

    let Some(sink) = MailSink::start() else { return };
    let with = std::process::Command::new(env!("CARGO_BIN_EXE_fagbro"))
        .args(["mail", "test", "--to", "drift@ahus.example.no"])
        .env("DATABASE_URL", &database)
        .env("FAGBRO_DATA_DIR", data.path())
        .env("FAGBRO_SMTP_URL", sink.url())
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert!(with.status.success(), "{}", crate::cli::stderr(&with));
    assert!(crate::cli::stdout(&with).contains(&format!("test message 2 sent to drift@ahus.example.no through 127.0.0.1:{}", sink.port)));
    // The message that waited went too.
    assert_eq!(sink.received().len(), 2);

    let bad = crate::cli::fagbro(&["mail", "test", "--to", "drift"], &database, data.path());
    assert!(crate::cli::stderr(&bad).contains("\"drift\" is not an email address"), "{}", crate::cli::stderr(&bad));
}
