//! What a central editor sees of search, on a phone: a query readers typed that found
//! nothing, in the search insights; one step from it to a synonym group; and the reader's
//! query finding the page a few seconds later. Every page axe-clean at phone width.
use super::webdriver::Browser;
use super::{axe_clean, axe_source, helpers, missing, sign_in, wait_for};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_central_editor_on_a_phone_turns_a_query_that_found_nothing_into_a_synonym_group() {
    let Some(axe) = axe_source() else { return missing("axe-core (npm install axe-core)") };
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = helpers::spawn_app(helpers::Backend::Sqlite, "browser_synonyms").await.expect("app starts");
    let address = app.address.clone();
    app.create_user("sentral.redaktor@example.no", fagbro::accounts::Role::CentralEditor, &[]).await;
    let mut report = Vec::new();
    browser.resize(390, 844).await;

    // A nurse searches for the word her ward uses; the site has it under another.
    browser.open(&format!("{address}/sok?q=trykkskade")).await;
    let hits = browser.eval("return String(document.querySelectorAll('main .card-title').length)").await;
    assert_eq!(hits, "0", "nothing is written as trykkskade");

    sign_in(&mut browser, &address, "sentral.redaktor@example.no").await;
    browser.open(&format!("{address}/redaksjon/sokeinnsikt")).await;
    let no_hits = browser.eval("var t = document.querySelector('#no-hits'); return t ? t.textContent : ''").await;
    assert!(no_hits.contains("trykkskade"), "the query that found nothing is listed: {no_hits}");
    axe_clean(&mut browser, &axe, "search insights at 390px", &mut report).await;
    let fits = browser.eval("return String(document.documentElement.scrollWidth <= window.innerWidth)").await;
    assert_eq!(fits, "true", "the insights fit the phone");

    browser.eval("document.querySelector('#no-hits a').click(); return 'opened'").await;
    wait_for(&mut browser, "return location.pathname === '/redaksjon/synonymer'", "the synonym page").await;
    assert_eq!(browser.eval("return document.querySelector('#words').value").await, "trykkskade, ");
    axe_clean(&mut browser, &axe, "synonyms, started from the insights, at 390px", &mut report).await;
    browser.type_into("#words", "trykksår").await;
    browser.eval("document.querySelector('main form.stacked-form button[type=submit]').click(); return 'saved'").await;
    wait_for(&mut browser, "return document.querySelector('.notice') !== null", "the group saved").await;
    let groups = browser.eval("return document.querySelector('table.plain').textContent").await;
    assert!(groups.contains("trykkskade, trykksår"), "{groups}");
    axe_clean(&mut browser, &axe, "synonyms with the new group at 390px", &mut report).await;
    let fits = browser.eval("return String(document.documentElement.scrollWidth <= window.innerWidth)").await;
    assert_eq!(fits, "true", "the synonym table fits the phone");

    // Within seconds the nurse's word finds the guide.
    let mut found = String::new();
    for _ in 0..50 {
        browser.open(&format!("{address}/sok?q=trykkskade")).await;
        found = browser.eval("return Array.from(document.querySelectorAll('main .card-title')).map(e => e.textContent.trim()).join(' | ')").await;
        if found.contains("Forebygging av trykksår") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(found.contains("Forebygging av trykksår"), "the synonym works: {found}");
    axe_clean(&mut browser, &axe, "search through a synonym at 390px", &mut report).await;
    browser.quit().await;
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations:\n{}", report.join("\n"));
}
