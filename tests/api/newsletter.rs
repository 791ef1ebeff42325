//! The newsletter per area, as a reader and Vestfold's editors use it, with a real SMTP
//! server on loopback: subscribe and confirm through the received link, get the week's
//! news, unsubscribe in one click (the link, or a mail client's RFC 8058 request).
use std::time::Duration;

use fagbro::accounts::Role;

use crate::for_each_backend;
use crate::helpers::{Backend, Browser, TestApp};
use crate::mail_sink::{MailSink, spawn_app_with_mail};

for_each_backend!(
    a_reader_subscribes_to_vestfolds_newsletter_and_receives_the_weeks_news,
    a_mail_client_unsubscribes_in_one_click_without_cookies_and_a_forged_link_does_nothing,
    nobody_gets_an_issue_before_confirming_and_the_answer_never_tells_who_subscribes,
    the_weekly_schedule_sends_one_issue_per_week_even_from_two_instances_at_once,
);

fn path_of(app: &TestApp, link: &str) -> String {
    link.strip_prefix(&app.address).unwrap_or_else(|| panic!("{link} is not an absolute link to {}", app.address)).to_owned()
}

/// A reader subscribes and confirms through the link in the mail; the confirmed address.
async fn subscribed(app: &TestApp, sink: &MailSink, area: &str, email: &str) -> Browser {
    let reader = app.browser();
    reader.post(&format!("/{area}/nyhetsbrev"), &[("email", email)]).await.assert_contains("Følg lenken i den for å bekrefte");
    let confirm = sink.wait_for_mail(email, "Bekreft abonnementet").await;
    let link = path_of(app, &confirm.link(&format!("{}/nyhetsbrev/bekreft/", app.address)));
    reader.page(&link).await.assert_contains("Ja, send meg nyhetsbrevet");
    reader.post(&link, &[]).await.assert_contains("Du abonnerer på nyhetsbrevet");
    reader
}

/// Vestfold's editor publishes a news item; its id.
async fn publish_news(editor: &Browser, title: &str) -> String {
    let created = editor.post("/redaksjon/innhold", &[("area", "vestfold"), ("kind", "news"), ("title", title), ("summary", "Kort om saken."), ("body", "Tekst.")]).await;
    let id = created.location().trim_start_matches("/redaksjon/innhold/").to_owned();
    editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "publish")]).await;
    id
}

async fn a_reader_subscribes_to_vestfolds_newsletter_and_receives_the_weeks_news(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    let Some(app) = spawn_app_with_mail(backend, "newsletter", Some(sink.url())).await else { return };
    app.page("/vestfold").await.assert_contains("<a href=\"/vestfold/nyhetsbrev\">Få nyhetsbrev fra Vestfold på e-post</a>");
    app.page("/vestfold/nyhetsbrev").await.assert_contains("Nyhetsbrev fra Vestfold").assert_contains("Vi lagrer bare e-postadressen");
    let reader = subscribed(&app, &sink, "vestfold", "sykepleier@tonsberg.example.no").await;

    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    publish_news(&editor, "Ny rutine for sårstell fra mandag").await;
    let preview = editor.page("/redaksjon/nyhetsbrev/vestfold").await;
    preview.assert_contains("id=\"subscribers\">1<").assert_contains("Ny rutine for sårstell fra mandag").assert_contains("Send nyhetsbrev til 1 abonnenter");
    let after = preview.body.split("name=\"after_issue\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let sent = editor.post("/redaksjon/nyhetsbrev/vestfold/send", &[("after_issue", &after)]).await;
    assert_eq!(sent.location(), "/redaksjon/nyhetsbrev/vestfold?sendt=1");
    // A second click on the same preview sends nothing twice.
    let twice = editor.post("/redaksjon/nyhetsbrev/vestfold/send", &[("after_issue", &after)]).await;
    assert_eq!(twice.status, 409);

    let issue = sink.wait_for_mail("sykepleier@tonsberg.example.no", "Nytt fra Vestfold").await;
    assert!(issue.text().contains("Ny rutine for sårstell fra mandag") && issue.text().contains("Kort om saken."), "{}", issue.text());
    let news_link = issue.link(&format!("{}/vestfold/news/", app.address));
    app.page(&path_of(&app, &news_link)).await.assert_contains("Ny rutine for sårstell fra mandag");
    let unsubscribe = issue.header("List-Unsubscribe").unwrap();
    assert!(unsubscribe.starts_with(&format!("<{}/nyhetsbrev/avmeld/", app.address)), "{unsubscribe}");
    assert_eq!(issue.header("List-Unsubscribe-Post").unwrap(), "List-Unsubscribe=One-Click");
    editor.page("/redaksjon/nyhetsbrev/vestfold").await.assert_contains("Ingen nye nyheter siden forrige nyhetsbrev").assert_contains("Kari Vestfold");

    // Unsubscribing through the link in the mail: a page with one button, then gone.
    let link = path_of(&app, &issue.link(&format!("{}/nyhetsbrev/avmeld/", app.address)));
    reader.page(&link).await.assert_contains("Meld meg av");
    reader.post(&link, &[]).await.assert_contains("vi har slettet adressen din");
    use sea_orm::EntityTrait;
    assert!(fagbro::entities::newsletter_subscriber::Entity::find().all(app.db()).await.unwrap().is_empty(), "nothing of the address is kept");
    editor.page("/redaksjon/nyhetsbrev/vestfold").await.assert_contains("id=\"subscribers\">0<");
    // Ahus's editors cannot send Vestfold's newsletter.
    let ahus = app.signed_in("ola.ahus@example.no", Role::LocalEditor, &["ahus"]).await;
    assert_eq!(ahus.get("/redaksjon/nyhetsbrev/vestfold").await.status, 403);
}

async fn a_mail_client_unsubscribes_in_one_click_without_cookies_and_a_forged_link_does_nothing(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    let Some(app) = spawn_app_with_mail(backend, "one_click", Some(sink.url())).await else { return };
    subscribed(&app, &sink, "vestfold", "a@example.no").await;
    subscribed(&app, &sink, "vestfold", "b@example.no").await;
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    publish_news(&editor, "Fagdag om demens").await;
    editor.post("/redaksjon/nyhetsbrev/vestfold/send", &[("after_issue", "")]).await;
    let to_a = sink.wait_for_mail("a@example.no", "Nytt fra Vestfold").await;
    let to_b = sink.wait_for_mail("b@example.no", "Nytt fra Vestfold").await;
    let header = |m: &crate::mail_sink::Received| m.header("List-Unsubscribe").unwrap().trim_matches(['<', '>']).to_owned();

    // A's link with B's id, or with its signature changed: refused, nobody is removed.
    let a_url = header(&to_a);
    let (a_base, a_signature) = a_url.rsplit_once('/').unwrap();
    let b_id = header(&to_b).rsplit('/').nth(1).unwrap().to_owned();
    let forged = [format!("{}/{b_id}/{a_signature}", a_base.rsplit_once('/').unwrap().0), format!("{a_base}/{}", "0".repeat(a_signature.len()))];
    let mail_client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    for url in forged {
        let answer = mail_client.post(&url).header("content-type", "application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert_eq!(answer.status().as_u16(), 404, "{url}");
    }
    use sea_orm::EntityTrait;
    assert_eq!(fagbro::entities::newsletter_subscriber::Entity::find().all(app.db()).await.unwrap().len(), 2);

    // The mail client's own request, as RFC 8058 has it: no cookie, no form token.
    let answer = mail_client.post(&a_url).header("content-type", "application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    let left = fagbro::entities::newsletter_subscriber::Entity::find().all(app.db()).await.unwrap();
    assert_eq!(left.iter().map(|s| s.email.as_str()).collect::<Vec<_>>(), vec!["b@example.no"]);
    // A second request is harmless.
    let again = mail_client.post(&a_url).body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(again.status().as_u16(), 200);
    // Other writes still need the form token.
    assert_eq!(mail_client.post(format!("{}/vestfold/nyhetsbrev", app.address)).form(&[("email", "c@example.no")]).send().await.unwrap().status().as_u16(), 403);
}

async fn nobody_gets_an_issue_before_confirming_and_the_answer_never_tells_who_subscribes(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    let Some(app) = spawn_app_with_mail(backend, "unconfirmed", Some(sink.url())).await else { return };
    subscribed(&app, &sink, "vestfold", "bekreftet@example.no").await;
    let stranger = app.browser();
    let known = stranger.post("/vestfold/nyhetsbrev", &[("email", "bekreftet@example.no")]).await;
    let new = stranger.post("/vestfold/nyhetsbrev", &[("email", "ubekreftet@example.no")]).await;
    let same = |page: &crate::helpers::Page, email: &str| {
        let body = page.body.replace(email, "ADDRESS");
        body.replace(&crate::helpers::csrf_on(&body), "TOKEN")
    };
    assert_eq!(same(&known, "bekreftet@example.no"), same(&new, "ubekreftet@example.no"));
    let bad = stranger.post("/vestfold/nyhetsbrev", &[("email", "ikke en adresse")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_contains("«ikke en adresse» er ikke en e-postadresse").assert_contains("value=\"ikke en adresse\"");
    sink.wait_for_mail("ubekreftet@example.no", "Bekreft abonnementet").await;

    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    editor.page("/redaksjon/nyhetsbrev/vestfold").await.assert_contains("id=\"subscribers\">1<").assert_contains("1 som ikke har bekreftet ennå");
    publish_news(&editor, "Ny vaktordning").await;
    editor.post("/redaksjon/nyhetsbrev/vestfold/send", &[("after_issue", "")]).await;
    sink.wait_for_mail("bekreftet@example.no", "Nytt fra Vestfold").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(!sink.received().iter().any(|m| m.to() == "ubekreftet@example.no" && m.subject().starts_with("Nytt fra")), "no issue before confirming");
    // A made-up confirmation link is refused.
    assert_eq!(stranger.get("/nyhetsbrev/bekreft/0000").await.status, 410);
}

async fn the_weekly_schedule_sends_one_issue_per_week_even_from_two_instances_at_once(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    let Some(app) = spawn_app_with_mail(backend, "weekly", Some(sink.url())).await else { return };
    subscribed(&app, &sink, "vestfold", "leser@example.no").await;
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    publish_news(&editor, "Influensavaksine til ansatte").await;
    // Every week at this hour today.
    use chrono::{Datelike, Timelike};
    let now = fagbro::oslo::now();
    let (weekday, hour) = (now.weekday().number_from_monday().to_string(), now.hour().to_string());
    let saved = editor.post("/redaksjon/nyhetsbrev/vestfold/plan", &[("ukentlig", "ja"), ("weekday", &weekday), ("hour", &hour)]).await;
    assert_eq!(saved.location(), "/redaksjon/nyhetsbrev/vestfold?plan=lagret");
    editor.page("/redaksjon/nyhetsbrev/vestfold").await.assert_contains(&format!("value=\"{hour}\" selected"));

    // Two instances' schedulers at the same moment.
    let key = fagbro::tokens::SigningKey::derive(&[1; 64], "test");
    let at = chrono::Utc::now().fixed_offset();
    let (first, second) = tokio::join!(
        fagbro::newsletter::schedule::send_due(app.db(), &key, at),
        fagbro::newsletter::schedule::send_due(app.db(), &key, at)
    );
    assert_eq!(first.unwrap() + second.unwrap(), 1, "one issue");
    sink.wait_for_mail("leser@example.no", "Nytt fra Vestfold").await;
    // Later the same week: nothing more.
    assert_eq!(fagbro::newsletter::schedule::send_due(app.db(), &key, at + chrono::Duration::minutes(30)).await.unwrap(), 0);
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sink.received().iter().filter(|m| m.subject().starts_with("Nytt fra")).count(), 1);
    editor.page("/redaksjon/nyhetsbrev/vestfold").await.assert_contains("ukentlig utsending");
    // Turned off: no schedule.
    editor.post("/redaksjon/nyhetsbrev/vestfold/plan", &[("weekday", "5"), ("hour", "14")]).await;
    use sea_orm::EntityTrait;
    assert!(fagbro::entities::newsletter_schedule::Entity::find().all(app.db()).await.unwrap().is_empty());
}
