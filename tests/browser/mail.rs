//! What a person sees of mail, in a real browser at phone width: getting back in after
//! forgetting the password (with the link from the received mail), Min konto, and
//! subscribing to an area's newsletter; every page axe-clean at phone and desktop width.
use super::mail_sink::{MailSink, spawn_app_with_mail};
use super::webdriver::Browser;
use super::{axe_clean, axe_source, helpers, missing, wait_for};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_on_a_phone_who_forgot_the_password_gets_back_in_and_subscribes_to_the_newsletter() {
    let Some(axe) = axe_source() else { return missing("axe-core (npm install axe-core)") };
    let Some(sink) = MailSink::start() else { return };
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = spawn_app_with_mail(helpers::Backend::Sqlite, "browser_mail", Some(sink.url())).await.expect("app starts");
    let address = app.address.clone();
    app.create_user("lise.lerling@example.no", fagbro::accounts::Role::Learner, &[]).await;
    let mut report = Vec::new();

    browser.resize(390, 844).await;
    browser.open(&format!("{address}/logg-inn")).await;
    browser.eval("Array.from(document.querySelectorAll('main a')).find(a => a.textContent === 'Glemt passordet?').click(); return 'opened'").await;
    wait_for(&mut browser, "return location.pathname === '/logg-inn/glemt'", "the forgotten-password page").await;
    axe_clean(&mut browser, &axe, "forgotten password at 390px", &mut report).await;
    browser.type_into("#email", "lise.lerling@example.no").await;
    browser.eval("document.querySelector('main form button[type=submit]').click(); return 'sent'").await;
    wait_for(&mut browser, "return document.querySelector('h1').textContent === 'Sjekk e-posten din'", "the answer").await;
    axe_clean(&mut browser, &axe, "check your mail at 390px", &mut report).await;

    let link = sink.wait_for_mail("lise.lerling@example.no", "Nytt passord").await.link(&format!("{address}/logg-inn/nytt-passord/"));
    browser.open(&link).await;
    axe_clean(&mut browser, &axe, "new password at 390px", &mut report).await;
    let fits = browser.eval("return String(document.documentElement.scrollWidth <= window.innerWidth)").await;
    assert_eq!(fits, "true", "the form fits the phone");
    browser.type_into("#password", "blå hest i snøen").await;
    browser.type_into("#password_again", "blå hest i snøen").await;
    browser.eval("document.querySelector('main form button[type=submit]').click(); return 'sent'").await;
    wait_for(&mut browser, "return location.pathname === '/logg-inn' && document.querySelector('.notice') !== null", "the sign-in page with its notice").await;
    axe_clean(&mut browser, &axe, "sign-in after a new password at 390px", &mut report).await;
    browser.type_into("#email", "lise.lerling@example.no").await;
    browser.type_into("#password", "blå hest i snøen").await;
    browser.eval("document.querySelector('main form button[type=submit]').click(); return 'sent'").await;
    wait_for(&mut browser, "return location.pathname === '/min-side'", "Mine kurs").await;
    axe_clean(&mut browser, &axe, "Mine kurs, address not verified, at 390px", &mut report).await;
    browser.open(&format!("{address}/min-side/konto")).await;
    for width in [390, 1280] {
        browser.resize(width, 900).await;
        axe_clean(&mut browser, &axe, &format!("Min konto at {width}px"), &mut report).await;
    }

    // The newsletter from Vestfold's home page, on the phone.
    browser.resize(390, 844).await;
    browser.open(&format!("{address}/vestfold")).await;
    browser.eval("document.querySelector('a[href=\"/vestfold/nyhetsbrev\"]').click(); return 'opened'").await;
    wait_for(&mut browser, "return location.pathname === '/vestfold/nyhetsbrev'", "the newsletter page").await;
    axe_clean(&mut browser, &axe, "newsletter sign-up at 390px", &mut report).await;
    browser.type_into("#email", "lise.lerling@example.no").await;
    browser.eval("document.querySelector('main form button[type=submit]').click(); return 'sent'").await;
    wait_for(&mut browser, "return document.querySelector('.notice') !== null", "the answer").await;
    let confirm = sink.wait_for_mail("lise.lerling@example.no", "Bekreft abonnementet").await.link(&format!("{address}/nyhetsbrev/bekreft/"));
    browser.open(&confirm).await;
    axe_clean(&mut browser, &axe, "newsletter confirmation at 390px", &mut report).await;
    browser.eval("document.querySelector('main form button[type=submit]').click(); return 'sent'").await;
    wait_for(&mut browser, "return document.querySelector('h1').textContent === 'Du abonnerer på nyhetsbrevet'", "the confirmation").await;
    axe_clean(&mut browser, &axe, "newsletter confirmed at 390px", &mut report).await;
    browser.quit().await;
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations:\n{}", report.join("\n"));
}
