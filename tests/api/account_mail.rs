//! Accounts by mail, as their owners go through it with a real SMTP server on loopback:
//! a forgotten password, a verified address, a new password or address from Min konto,
//! and answers that never tell who has an account.
use std::time::Duration;

use fagbro::accounts::Role;

use crate::for_each_backend;
use crate::helpers::{Backend, Browser, PASSWORD, Page, TestApp};
use crate::mail_sink::{MailSink, spawn_app_with_mail};

for_each_backend!(
    a_learner_who_forgot_the_password_gets_back_in_from_the_sign_in_page_alone,
    the_reset_and_sign_up_answers_are_the_same_for_known_and_unknown_addresses,
    a_reset_link_works_once_until_it_expires_and_only_the_newest_works,
    a_new_learner_verifies_the_address_and_the_certificate_comes_by_mail_with_its_pdf,
    a_learner_changes_password_and_address_from_min_konto,
    an_admin_sends_a_reset_link_from_the_users_page,
    a_learner_who_has_not_verified_after_three_days_is_reminded_once,
);

/// The path of an absolute link from a mail, checked to point at this site.
fn path_of(app: &TestApp, link: &str) -> String {
    link.strip_prefix(&app.address).unwrap_or_else(|| panic!("{link} is not an absolute link to {}", app.address)).to_owned()
}

async fn started(backend: Backend, test: &str) -> Option<(MailSink, TestApp)> {
    let sink = MailSink::start()?;
    let app = spawn_app_with_mail(backend, test, Some(sink.url())).await?;
    Some((sink, app))
}

async fn a_learner_who_forgot_the_password_gets_back_in_from_the_sign_in_page_alone(backend: Backend) {
    let Some((sink, app)) = started(backend, "forgot").await else { return };
    app.create_user("lise.lerling@example.no", Role::Learner, &[]).await;
    // Signed in on the ward's computer, and forgotten there.
    let ward = app.browser();
    ward.sign_in("lise.lerling@example.no", PASSWORD).await;

    let lise = app.browser();
    let sign_in = lise.page("/logg-inn").await;
    sign_in.assert_contains("<a href=\"/logg-inn/glemt\">Glemt passordet?</a>");
    lise.page("/logg-inn/glemt").await.assert_contains("Skriv e-postadressen du logger inn med");
    let asked = lise.post("/logg-inn/glemt", &[("email", " Lise.Lerling@Example.no ")]).await;
    assert_eq!(asked.status, 200);
    asked.assert_contains("Sjekk e-posten din").assert_contains("lise.lerling@example.no");

    let mail = sink.wait_for_mail("lise.lerling@example.no", "Nytt passord").await;
    assert_eq!(mail.mime_type(), "multipart/alternative");
    assert!(mail.text().contains("Hei, Lise Lerling.") && mail.text().contains("i 60 minutter"), "{}", mail.text());
    let link = mail.link(&format!("{}/logg-inn/nytt-passord/", app.address));
    assert!(crate::helpers::unescape(&mail.html()).contains(&format!("href=\"{link}\"")), "the HTML part has the same link");
    let reset = path_of(&app, &link);

    let form = lise.page(&reset).await;
    form.assert_contains("Velg nytt passord");
    let mismatch = lise.post(&reset, &[("password", "blå hest i snøen"), ("password_again", "blå hest i sola")]).await;
    assert_eq!(mismatch.status, 422);
    mismatch.assert_contains("ikke like");
    let weak = lise.post(&reset, &[("password", "1234567890"), ("password_again", "1234567890")]).await;
    assert_eq!(weak.status, 422, "a weak password does not use up the link");
    let done = lise.post(&reset, &[("password", "blå hest i snøen"), ("password_again", "blå hest i snøen")]).await;
    assert_eq!(done.location(), "/logg-inn?melding=nytt-passord");
    lise.page("/logg-inn?melding=nytt-passord").await.assert_contains("Passordet er endret. Logg inn med det nye passordet.");

    // Signed in again with the new password; the old one and the ward's session are over.
    lise.sign_in("lise.lerling@example.no", "blå hest i snøen").await;
    lise.page("/min-side").await.assert_contains("Mine kurs");
    assert_eq!(app.browser().post("/logg-inn", &[("email", "lise.lerling@example.no"), ("password", PASSWORD)]).await.status, 401);
    assert_eq!(ward.get("/min-side").await.status, 303, "the forgotten session on the ward ended");
    // The link worked once.
    let again = lise.get(&reset).await;
    assert_eq!(again.status, 410);
    again.assert_contains("Lenken er allerede brukt");
    assert!(crate::helpers::unescape(&again.body).contains("href=\"/logg-inn/glemt\""), "the way to a new link");
    // And the owner is told the password changed.
    let notice = sink.wait_for_mail("lise.lerling@example.no", "Passordet ditt er endret").await;
    assert!(notice.text().contains("Du er logget ut overalt"), "{}", notice.text());
}

/// An answer with the typed address and the browser's own form token taken out.
fn without(page: &Page, typed: &str) -> String {
    let body = page.body.replace(typed, "ADDRESS");
    let token = crate::helpers::csrf_on(&body);
    body.replace(&token, "TOKEN")
}

async fn the_reset_and_sign_up_answers_are_the_same_for_known_and_unknown_addresses(backend: Backend) {
    let Some((sink, app)) = started(backend, "enumeration").await else { return };
    app.create_user("kjent@example.no", Role::Learner, &[]).await;
    let asker = app.browser();
    let known = asker.post("/logg-inn/glemt", &[("email", "kjent@example.no")]).await;
    let unknown = asker.post("/logg-inn/glemt", &[("email", "ukjent@example.no")]).await;
    assert_eq!((known.status, unknown.status), (200, 200));
    assert_eq!(without(&known, "kjent@example.no"), without(&unknown, "ukjent@example.no"), "the reset answer tells nothing");

    let fields = |email: &'static str| vec![("name", "Noen Andre"), ("email", email), ("password", "et langt passord her"), ("password_again", "et langt passord her")];
    let (first, second) = (app.browser(), app.browser());
    let taken = first.post("/registrer", &fields("kjent@example.no")).await;
    let free = second.post("/registrer", &fields("fersk@example.no")).await;
    assert_eq!((taken.status, free.status), (200, 200));
    assert_eq!(without(&taken, "kjent@example.no"), without(&free, "fersk@example.no"), "the sign-up answer tells nothing");
    for page in [&taken, &free] {
        let cookies: Vec<&str> = page.headers.get_all("set-cookie").iter().map(|c| c.to_str().unwrap()).collect();
        assert!(!cookies.iter().any(|c| c.starts_with("fagbro_session=")), "nobody is signed in by a sign-up: {cookies:?}");
    }
    // The owner of the taken address hears of it; the new one gets a link to verify.
    let told = sink.wait_for_mail("kjent@example.no", "Du har allerede en konto").await;
    assert!(told.text().contains("/logg-inn/glemt"));
    sink.wait_for_mail("fersk@example.no", "Bekreft e-postadressen din").await;
    let reset = sink.wait_for_mail("kjent@example.no", "Nytt passord").await;
    assert!(reset.text().contains("Hei, Kjent."));
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(!sink.received().iter().any(|m| m.to() == "ukjent@example.no"), "no mail to an address without an account");
    let name = fagbro::accounts::repo::by_email(app.db(), "kjent@example.no").await.unwrap().unwrap().name;
    assert_eq!(name, "Kjent", "the existing account is untouched");
    // Both can sign in from the answer's own form: the new learner at once.
    second.sign_in("fersk@example.no", "et langt passord her").await;
}

async fn a_reset_link_works_once_until_it_expires_and_only_the_newest_works(backend: Backend) {
    let Some((sink, app)) = started(backend, "reset_expiry").await else { return };
    app.create_user("per.pleier@example.no", Role::Learner, &[]).await;
    let per = app.browser();
    per.post("/logg-inn/glemt", &[("email", "per.pleier@example.no")]).await;
    let first = path_of(&app, &sink.wait_for_mail("per.pleier@example.no", "Nytt passord").await.link(&app.address));
    per.post("/logg-inn/glemt", &[("email", "per.pleier@example.no")]).await;
    let mails = sink.wait_for(2).await;
    let second = path_of(&app, &mails[1].link(&app.address));
    assert_ne!(first, second);
    let replaced = per.get(&first).await;
    assert_eq!(replaced.status, 410);
    replaced.assert_contains("en nyere lenke har erstattet den");
    per.page(&second).await;
    // An hour later the newest one is too old as well.
    use fagbro::entities::account_token as table;
    use sea_orm::{EntityTrait, sea_query::Expr};
    table::Entity::update_many()
        .col_expr(table::Column::ExpiresAt, Expr::value(chrono::Utc::now().fixed_offset() - chrono::Duration::minutes(1)))
        .exec(app.db())
        .await
        .unwrap();
    let expired = per.post(&second, &[("password", "blå hest i snøen"), ("password_again", "blå hest i snøen")]).await;
    assert_eq!(expired.status, 410);
    expired.assert_contains("Lenken er for gammel");
    per.sign_in("per.pleier@example.no", PASSWORD).await;
    // A made-up link is refused the same way, and typing an address many times sends at most three.
    assert_eq!(per.get("/logg-inn/nytt-passord/0000").await.status, 410);
    for _ in 0..4 {
        per.post("/logg-inn/glemt", &[("email", "per.pleier@example.no")]).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let resets = sink.received().iter().filter(|m| m.subject().contains("Nytt passord")).count();
    assert_eq!(resets, 3, "three reset mails an hour per address");
}

async fn a_new_learner_verifies_the_address_and_the_certificate_comes_by_mail_with_its_pdf(backend: Backend) {
    let Some((sink, app)) = started(backend, "verify").await else { return };
    let nils = app.browser();
    let course = "/kurs/central/kommunikasjon-via-tolk";
    let fields = [("name", "Nils Ny"), ("email", "nils.ny@example.no"), ("password", "et langt passord her"), ("password_again", "et langt passord her"), ("neste", course)];
    nils.post("/registrer", &fields).await.assert_contains("Du kan logge inn og begynne på kurs med en gang");
    // Signed in from the answer, back to the course, before verifying.
    let signed = nils.post("/logg-inn", &[("email", "nils.ny@example.no"), ("password", "et langt passord her"), ("neste", course)]).await;
    assert_eq!(signed.location(), course);
    nils.page("/min-side").await.assert_contains("E-postadressen din er ikke bekreftet ennå");
    // Passing a course unverified: the certificate is issued, the mail waits for a verified address.
    crate::courses::complete_course(&app, &nils, course, "kommunikasjon-via-tolk").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(!sink.received().iter().any(|m| m.subject().starts_with("Kursbevis")), "no certificate to an unverified address");

    let verify = sink.wait_for_mail("nils.ny@example.no", "Bekreft e-postadressen din").await;
    let link = path_of(&app, &verify.link(&format!("{}/konto/bekreft/", app.address)));
    nils.page(&link).await.assert_contains("nils.ny@example.no</strong> er bekreftet");
    nils.page("/min-side").await.assert_lacks("ikke bekreftet ennå");
    assert_eq!(nils.get(&link).await.status, 410, "a link works once");

    let certificate = sink.wait_for_mail("nils.ny@example.no", "Kursbevis").await;
    assert_eq!(certificate.mime_type(), "multipart/mixed");
    let code = fagbro::courses::repo::certificates_of(app.db(), fagbro::accounts::repo::by_email(app.db(), "nils.ny@example.no").await.unwrap().unwrap().id)
        .await
        .unwrap()[0]
        .code
        .clone();
    assert!(certificate.text().contains(&format!("{}/kursbevis/{code}", app.address)), "{}", certificate.text());
    let pdfs = certificate.attachments("application/pdf");
    assert_eq!(pdfs.len(), 1);
    assert_eq!(pdfs[0].0, format!("kursbevis-{code}.pdf"));
    assert!(pdfs[0].1.starts_with(b"%PDF"));
    if let Some(text) = crate::helpers::pdf_tool("pdftotext", &pdfs[0].1) {
        assert!(text.contains("Nils Ny") && text.contains(&code), "{text}");
    }
    // Verified learners get it as they pass: one more course, one more mail, and none twice.
    crate::courses::complete_course(&app, &nils, "/kurs/central/legemiddelhandtering", "legemiddelhandtering").await;
    sink.wait_for_mail("nils.ny@example.no", "Kursbevis: Legemiddelhåndtering").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let certificates = sink.received().iter().filter(|m| m.subject().starts_with("Kursbevis")).count();
    assert_eq!(certificates, 2);
}

async fn a_learner_changes_password_and_address_from_min_konto(backend: Backend) {
    let Some((sink, app)) = started(backend, "min_konto").await else { return };
    let kari = app.signed_in("kari.hansen@example.no", Role::Learner, &[]).await;
    let phone = app.browser();
    phone.sign_in("kari.hansen@example.no", PASSWORD).await;
    kari.page("/min-side").await.assert_contains("href=\"/min-side/konto\"");
    kari.page("/min-side/konto").await.assert_contains("kari.hansen@example.no").assert_contains("Bytt passord").assert_lacks("Varsler på e-post");

    let wrong = kari.post("/min-side/konto/passord", &[("current", "feil"), ("password", "blå hest i snøen"), ("password_again", "blå hest i snøen")]).await;
    assert_eq!(wrong.status, 422);
    wrong.assert_contains("Det nåværende passordet er feil");
    let changed = kari.post("/min-side/konto/passord", &[("current", PASSWORD), ("password", "blå hest i snøen"), ("password_again", "blå hest i snøen")]).await;
    assert_eq!(changed.location(), "/min-side/konto?endret=passord");
    kari.page("/min-side/konto?endret=passord").await.assert_contains("Passordet er endret");
    assert_eq!(phone.get("/min-side").await.status, 303, "the other sessions ended");
    sink.wait_for_mail("kari.hansen@example.no", "Passordet ditt er endret").await;

    let bad = kari.post("/min-side/konto/adresse", &[("current", "blå hest i snøen"), ("email", "kari(at)vestfold")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_contains("«kari(at)vestfold» er ikke en e-postadresse").assert_contains("value=\"kari(at)vestfold\"");
    let asked = kari.post("/min-side/konto/adresse", &[("current", "blå hest i snøen"), ("email", "Kari.Hansen@Vestfold.example.no")]).await;
    asked.assert_contains("Vi har sendt en lenke til kari.hansen@vestfold.example.no");
    // Nothing changes until the new address has proved itself.
    kari.page("/min-side/konto").await.assert_contains("kari.hansen@example.no");
    let link = sink.wait_for_mail("kari.hansen@vestfold.example.no", "Bekreft den nye e-postadressen").await.link(&app.address);
    kari.page(&path_of(&app, &link)).await.assert_contains("Kontoen din bruker nå <strong>kari.hansen@vestfold.example.no</strong>");
    let told = sink.wait_for_mail("kari.hansen@example.no", "E-postadressen for kontoen din er endret").await;
    assert!(told.text().contains("kari.hansen@vestfold.example.no"));
    let fresh = app.browser();
    fresh.sign_in("kari.hansen@vestfold.example.no", "blå hest i snøen").await;
    fresh.page("/min-side/konto").await.assert_contains("<strong>bekreftet</strong>");
}

async fn an_admin_sends_a_reset_link_from_the_users_page(backend: Backend) {
    let Some((sink, app)) = started(backend, "admin_reset").await else { return };
    app.create_user("glemsk.redaktor@example.no", Role::LocalEditor, &["vestfold"]).await;
    let admin = app.signed_in("ada.admin@example.no", Role::Admin, &[]).await;
    let users = admin.page("/redaksjon/brukere").await;
    let id = users.body.split("glemsk.redaktor@example.no").nth(1).unwrap().split("action=\"/redaksjon/brukere/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    users.assert_contains(&format!("action=\"/redaksjon/brukere/{id}/nytt-passord\""));
    let sent = admin.post(&format!("/redaksjon/brukere/{id}/nytt-passord"), &[]).await;
    sent.assert_contains("En lenke for nytt passord er sendt til glemsk.redaktor@example.no");
    let link = sink.wait_for_mail("glemsk.redaktor@example.no", "Nytt passord").await.link(&app.address);
    let editor: Browser = app.browser();
    let path = path_of(&app, &link);
    editor.post(&path, &[("password", "blå hest i snøen"), ("password_again", "blå hest i snøen")]).await;
    editor.sign_in("glemsk.redaktor@example.no", "blå hest i snøen").await;
    editor.page("/redaksjon").await;
    admin.page("/redaksjon/logg").await.assert_contains("user.reset_link_sent");
}

async fn a_learner_who_has_not_verified_after_three_days_is_reminded_once(backend: Backend) {
    let Some((sink, app)) = started(backend, "verify_reminder").await else { return };
    let fields = [("name", "Glemsk Lerling"), ("email", "glemsk@example.no"), ("password", "et langt passord her"), ("password_again", "et langt passord her")];
    app.browser().post("/registrer", &fields).await;
    let first = sink.wait_for_mail("glemsk@example.no", "Bekreft e-postadressen din").await;
    // Four days pass without the link being followed.
    use fagbro::entities::user as table;
    use sea_orm::{EntityTrait, sea_query::Expr};
    let four_days_ago = chrono::Utc::now().fixed_offset() - chrono::Duration::days(4);
    table::Entity::update_many().col_expr(table::Column::CreatedAt, Expr::value(four_days_ago)).exec(app.db()).await.unwrap();
    let now = chrono::Utc::now().fixed_offset();
    let (a, b) = tokio::join!(fagbro::notices::daily::send_due(app.db(), now), fagbro::notices::daily::send_due(app.db(), now));
    assert_eq!(a.unwrap() + b.unwrap(), 1, "one reminder");
    let reminder = sink.wait_for_mail("glemsk@example.no", "Påminnelse: bekreft e-postadressen din").await;
    assert!(reminder.text().contains("for noen dager siden"), "{}", reminder.text());
    assert_eq!(fagbro::notices::daily::send_due(app.db(), now + chrono::Duration::days(1)).await.unwrap(), 0, "once");
    // The reminder's link works (and replaced the first one).
    let browser = app.browser();
    browser.page(&path_of(&app, &reminder.link(&format!("{}/konto/bekreft/", app.address)))).await.assert_contains("er bekreftet");
    assert_eq!(browser.get(&path_of(&app, &first.link(&format!("{}/konto/bekreft/", app.address)))).await.status, 410);
}
