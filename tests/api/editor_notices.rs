//! Editors hear by mail what they used to find only on the dashboard: proposals arriving
//! and decided, review dates coming, and readers' feedback, each once, each kind one they
//! can turn off on Min konto.
use std::time::Duration;

use fagbro::accounts::Role;

use crate::for_each_backend;
use crate::helpers::{Backend, Browser};
use crate::mail_sink::{MailSink, spawn_app_with_mail};

for_each_backend!(
    central_editors_hear_of_a_proposal_and_its_author_hears_the_decision,
    editors_are_reminded_of_a_review_date_thirty_days_before_and_on_the_day_once_each,
    the_editors_of_an_area_get_a_daily_digest_of_new_reader_feedback,
);

/// Turns off one kind of notice from Min konto (every other kind stays on).
async fn turn_off(editor: &Browser, kind: &str) {
    let all = ["review_reminder", "feedback_digest", "proposal_arrived", "proposal_decided"];
    let keep: Vec<(&str, &str)> = all.iter().filter(|k| **k != kind).map(|k| ("varsel", *k)).collect();
    assert_eq!(editor.post("/min-side/konto/varsler", &keep).await.location(), "/min-side/konto?endret=varsler");
    let page = editor.page("/min-side/konto").await;
    page.assert_contains(&format!("value=\"{kind}\">")).assert_lacks(&format!("value=\"{kind}\" checked"));
}

async fn sent_to(sink: &MailSink, to: &str, subject: &str) -> usize {
    tokio::time::sleep(Duration::from_secs(2)).await;
    sink.received().iter().filter(|m| m.to() == to && m.subject().contains(subject)).count()
}

async fn central_editors_hear_of_a_proposal_and_its_author_hears_the_decision(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    let Some(app) = spawn_app_with_mail(backend, "proposal_notices", Some(sink.url())).await else { return };
    let central = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    let quiet = app.signed_in("stille.redaktor@example.no", Role::CentralEditor, &[]).await;
    turn_off(&quiet, "proposal_arrived").await;
    let local = app.signed_in("lokal.ahus@example.no", Role::LocalEditor, &["ahus"]).await;
    let listing = central.page("/redaksjon/innhold?omrade=central&q=ISBAR").await;
    let id = listing.linked_ids("/redaksjon/innhold/").first().cloned().expect("ISBAR is listed");
    let proposal_url = format!("/redaksjon/innhold/{id}/forslag");
    let first = local.post(&proposal_url, &[("title", "ISBAR – strukturert kommunikasjon"), ("body", "Bruk ISBAR også ved telefonsamtaler med legevakt.")]).await.location();

    let arrived = sink.wait_for_mail("sentral.redaktor@example.no", "Nytt endringsforslag: ISBAR").await;
    assert!(arrived.text().contains("Lokal Ahus foreslår en endring"), "{}", arrived.text());
    let link = arrived.link(&format!("{}/redaksjon/forslag/", app.address));
    assert_eq!(link, format!("{}{first}", app.address));
    central.page(&first).await.assert_contains("Godta forslaget");
    assert_eq!(sent_to(&sink, "stille.redaktor@example.no", "Nytt endringsforslag").await, 0, "turned off");

    central.post(&format!("{first}/godta"), &[]).await;
    let decided = sink.wait_for_mail("lokal.ahus@example.no", "Forslaget ditt er godtatt").await;
    assert!(decided.text().contains("Sentral Redaktor har godtatt forslaget ditt"), "{}", decided.text());

    turn_off(&local, "proposal_decided").await;
    let second = local.post(&proposal_url, &[("title", "ISBAR – strukturert kommunikasjon"), ("body", "Et annet forslag.")]).await.location();
    central.post(&format!("{second}/avvis"), &[]).await;
    assert_eq!(sent_to(&sink, "lokal.ahus@example.no", "avvist").await, 0, "turned off");
    assert_eq!(sent_to(&sink, "sentral.redaktor@example.no", "Nytt endringsforslag").await, 2);
}

/// Vestfold's editor publishes a guide to be reviewed by `review_by`; its id.
async fn published_guide(editor: &Browser, title: &str, review_by: chrono::NaiveDate) -> String {
    let review = review_by.to_string();
    let created = editor.post("/redaksjon/innhold", &[("area", "vestfold"), ("kind", "guide"), ("title", title), ("body", "Tekst."), ("review_by", &review)]).await;
    let id = created.location().trim_start_matches("/redaksjon/innhold/").to_owned();
    assert_eq!(editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "publish")]).await.status, 303);
    id
}

async fn editors_are_reminded_of_a_review_date_thirty_days_before_and_on_the_day_once_each(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    let Some(app) = spawn_app_with_mail(backend, "review_reminders", Some(sink.url())).await else { return };
    let kari = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    app.create_user("ola.ahus@example.no", Role::LocalEditor, &["ahus"]).await;
    let today = fagbro::oslo::now().date_naive();
    let soon = published_guide(&kari, "Sårstell etter operasjon", today + chrono::Days::new(30)).await;
    published_guide(&kari, "Fallforebygging i hjemmet", today).await;
    published_guide(&kari, "Ernæring hos eldre", today + chrono::Days::new(90)).await;

    // Two instances' tasks at once, and a second look later: each reminder once.
    let now = chrono::Utc::now().fixed_offset();
    let (a, b) = tokio::join!(fagbro::notices::daily::send_due(app.db(), now), fagbro::notices::daily::send_due(app.db(), now));
    a.unwrap();
    b.unwrap();
    fagbro::notices::daily::send_due(app.db(), now + chrono::Duration::minutes(10)).await.unwrap();

    let coming = sink.wait_for_mail("kari.vestfold@example.no", "Sårstell etter operasjon").await;
    assert!(coming.subject().starts_with("Skal gjennomgås innen"), "{}", coming.subject());
    assert_eq!(coming.link(&format!("{}/redaksjon/innhold/", app.address)), format!("{}/redaksjon/innhold/{soon}", app.address));
    let due = sink.wait_for_mail("kari.vestfold@example.no", "Fallforebygging i hjemmet").await;
    assert!(due.subject().starts_with("Skal gjennomgås i dag"), "{}", due.subject());
    for title in ["Sårstell etter operasjon", "Fallforebygging i hjemmet"] {
        assert_eq!(sent_to(&sink, "kari.vestfold@example.no", title).await, 1, "{title} once");
    }
    assert_eq!(sent_to(&sink, "kari.vestfold@example.no", "Ernæring hos eldre").await, 0, "90 days ahead: not yet");
    assert_eq!(sent_to(&sink, "ola.ahus@example.no", "Sårstell").await, 0, "another area's editor");
}

async fn the_editors_of_an_area_get_a_daily_digest_of_new_reader_feedback(backend: Backend) {
    let Some(sink) = MailSink::start() else { return };
    let Some(app) = spawn_app_with_mail(backend, "feedback_digest", Some(sink.url())).await else { return };
    app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let quiet = app.signed_in("per.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    turn_off(&quiet, "feedback_digest").await;
    let vestfold = fagbro::areas::repo::by_slug(app.db(), "vestfold").await.unwrap().unwrap();
    let ahus = fagbro::areas::repo::by_slug(app.db(), "ahus").await.unwrap().unwrap();
    use fagbro::feedback::{Kind, repo};
    repo::insert(app.db(), vestfold.id, None, "/vestfold/guide/multidose-vestfold", Kind::Error, "Telefonnummeret til apoteket er feil.").await.unwrap();
    repo::insert(app.db(), ahus.id, None, "/ahus", Kind::Error, "Gjelder Ahus.").await.unwrap();

    // The next morning's round, twice.
    let tomorrow = chrono::Utc::now().fixed_offset() + chrono::Duration::days(1);
    fagbro::notices::daily::send_due(app.db(), tomorrow).await.unwrap();
    fagbro::notices::daily::send_due(app.db(), tomorrow + chrono::Duration::minutes(10)).await.unwrap();
    let digest = sink.wait_for_mail("kari.vestfold@example.no", "Nye tilbakemeldinger fra lesere: Vestfold (1)").await;
    assert!(digest.text().contains("Telefonnummeret til apoteket er feil.") && !digest.text().contains("Gjelder Ahus"), "{}", digest.text());
    assert_eq!(sent_to(&sink, "kari.vestfold@example.no", "Nye tilbakemeldinger").await, 1, "once a day");
    assert_eq!(sent_to(&sink, "per.vestfold@example.no", "Nye tilbakemeldinger").await, 0, "turned off");
}

