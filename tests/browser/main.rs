//! Pages in a real browser: headless Chromium driven over WebDriver (chromedriver),
//! with axe-core run inside each page. WCAG 2.1 A and AA: zero violations allowed.
//!
//! Needs Debian's `chromium` and `chromium-driver`, and axe-core from npm (see .ci/run).
//! Without them the test says it was skipped, unless FAGBRO_REQUIRE_ALL=1.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test fails by panicking")]
#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
mod mail;
#[path = "../api/mail_sink.rs"]
#[allow(dead_code)]
mod mail_sink;
mod patient;
mod search_editors;
mod webdriver;

use std::path::PathBuf;

use helpers::{Backend, require_all, spawn_app};
use webdriver::{Browser, Violation};

/// Skips (or, in CI, fails) when a part is missing.
fn missing(part: &str) {
    if require_all() {
        panic!("browser tests need {part}, and FAGBRO_REQUIRE_ALL=1");
    }
    static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    helpers::say_skipped_once(&SAID, &format!("skipped the browser tests: {part} not found"));
}

fn axe_source() -> Option<String> {
    let candidates = [
        std::env::var("FAGBRO_AXE_JS").ok().map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/axe-core/axe.min.js")),
        Some(PathBuf::from("/usr/local/lib/node_modules/axe-core/axe.min.js")),
        Some(PathBuf::from("/usr/lib/node_modules/axe-core/axe.min.js")),
    ];
    candidates.into_iter().flatten().find_map(|path| std::fs::read_to_string(path).ok())
}

/// The pages every kind of visitor meets, in the order they meet them.
const PAGES: &[&str] = &[
    "/?velg=omrade",
    "/ahus",
    "/ahus/tema",
    "/ahus/tema/tolk",
    "/ahus/guide/bruk-av-tolk",
    "/ahus/interpreter/bestille-tolk",
    "/ahus/news",
    "/ahus/event/fagdag-tolk-2027",
    "/vestfold/patient",
    "/vestfold/pasient",
    "/vestfold/pasient/ar",
    "/vestfold/pasient/so",
    "/vestfold/patient/etter-operasjonen/so",
    "/tolk",
    "/vestfold/tolk",
    "/vestfold/tolk/hjelp",
    "/vestfold/tolk/hjelp?sprak=so&hast=akutt&mate=video&tilbudt=barn",
    "/vestfold/tolk/hjelp?sprak=xx",
    "/vestfold/tolk/sprak",
    "/ahus/patient/etter-operasjonen/ar",
    "/ahus/patient/etter-operasjonen/ur",
    "/ahus/patient/etter-operasjonen/ti",
    "/ahus/patient/feber-hos-barn/ru",
    "/ahus/patient/antibiotika/prs",
    "/ahus/patient/unnga-fall/ps",
    "/sok?q=tolk",
    "/tilgjengelighet",
    "/personvern",
    "/om",
    "/api",
    "/ahus/finnes-ikke/her",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_pages_have_no_wcag_violations_on_desktop_and_phone() {
    let Some(axe) = axe_source() else { return missing("axe-core (npm install axe-core)") };
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = spawn_app(Backend::Sqlite, "browser").await.expect("app starts");

    let mut report = Vec::new();
    for (width, height) in [(1280, 900), (390, 844)] {
        browser.resize(width, height).await;
        for path in PAGES {
            browser.open(&format!("{}{path}", app.address)).await;
            let violations: Vec<Violation> = browser.run_axe(&axe).await;
            for violation in violations {
                report.push(format!("{path} at {width}px: {violation}"));
            }
            // Nothing wider than the screen: a phone reader never scrolls sideways.
            let fits = browser.eval("return String(document.documentElement.scrollWidth <= window.innerWidth)").await;
            if fits != "true" {
                report.push(format!("{path} at {width}px: wider than the screen"));
            }
            if let Ok(dir) = std::env::var("FAGBRO_SCREENSHOTS") {
                let name = path.trim_matches('/').replace(['/', '?', '='], "_");
                browser.screenshot(&PathBuf::from(dir).join(format!("{width}-{}.png", if name.is_empty() { "home" } else { &name }))).await;
            }
        }
    }
    // The interface in nynorsk and English: the same checks, at phone width.
    browser.resize(390, 844).await;
    for lang in ["nn", "en"] {
        browser.open(&format!("{}/sprak/{lang}?neste=%2F", app.address)).await;
        for path in ["/?velg=omrade", "/ahus", "/ahus/guide/bruk-av-tolk", "/ahus/finnes-ikke/her"] {
            browser.open(&format!("{}{path}", app.address)).await;
            for violation in browser.run_axe(&axe).await {
                report.push(format!("{path} in {lang} at 390px: {violation}"));
            }
            if browser.eval("return String(document.documentElement.scrollWidth <= window.innerWidth)").await != "true" {
                report.push(format!("{path} in {lang} at 390px: wider than the screen"));
            }
        }
    }
    browser.open(&format!("{}/sprak/nb?neste=%2F", app.address)).await;
    // The check can fail: the same run finds a planted image without alternative text.
    browser.open(&format!("{}/ahus", app.address)).await;
    browser.eval("document.querySelector('main').appendChild(document.createElement('img')); return 'planted'").await;
    let planted = browser.run_axe(&axe).await;
    assert!(planted.iter().any(|v| v.id == "image-alt"), "axe-core did not catch a planted violation");
    browser.quit().await;
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations:\n{}", report.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rtl_leaflets_the_skip_link_and_suggestions_work_in_the_browser() {
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = spawn_app(Backend::Sqlite, "browser_rtl").await.expect("app starts");

    browser.open(&format!("{}/ahus/patient/etter-operasjonen/ar", app.address)).await;
    assert_eq!(browser.eval("return getComputedStyle(document.querySelector('h1')).direction").await, "rtl");
    assert_eq!(browser.eval("return getComputedStyle(document.querySelector('.main-nav')).direction").await, "ltr");
    assert_eq!(browser.eval("return document.querySelector('h1').textContent").await, "بعد العملية الجراحية");

    // The first Tab from the top of the page lands on "Hopp til hovedinnhold".
    browser.open(&format!("{}/ahus", app.address)).await;
    browser.press_tab().await;
    assert_eq!(browser.eval("return document.activeElement.textContent").await, "Hopp til hovedinnhold");
    // Suggestions appear as you type, as links to the pages.
    browser.open(&format!("{}/sok", app.address)).await;
    browser.type_into("#search-query", "bruk av to").await;
    let mut suggestions = String::new();
    for _ in 0..40 {
        suggestions = browser.eval("var list = document.getElementById('search-query-suggestions'); return list ? list.textContent : ''").await;
        if !suggestions.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(suggestions.contains("Bruk av tolk i helsetjenesten"), "suggestions: {suggestions:?}");
    browser.quit().await;
}

/// Every published leaflet in every language, as a phone shows it: nothing wider than the
/// screen (a right-to-left page once scrolled 10,000 px sideways and showed nothing), the
/// title and the first paragraph in view, and a phone number in an Arabic sentence in the
/// order it is dialled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_leaflet_in_every_language_fits_a_phone_and_reads_in_order() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = spawn_app(Backend::Sqlite, "browser_leaflets").await.expect("app starts");
    let leaflets = fagbro::entities::content_item::Entity::find()
        .filter(fagbro::entities::content_item::Column::Kind.eq("patient"))
        .filter(fagbro::entities::content_item::Column::Status.eq("published"))
        .all(app.db())
        .await
        .unwrap();
    let languages: std::collections::BTreeSet<&str> = leaflets.iter().map(|l| l.lang.as_str()).collect();
    assert!(leaflets.len() >= 30 && languages.contains("ar") && languages.contains("ur"), "{} leaflets in {languages:?}", leaflets.len());

    browser.resize(390, 844).await;
    let mut problems = Vec::new();
    for leaflet in &leaflets {
        let area = fagbro::areas::repo::by_id(app.db(), leaflet.area_id).await.unwrap().unwrap();
        // A central leaflet is read inside an area, as a Vestfold clinician finds it.
        let prefix = if area.slug == "central" { "vestfold".to_owned() } else { area.slug.clone() };
        let suffix = if leaflet.lang == "nb" { String::new() } else { format!("/{}", leaflet.lang) };
        let path = format!("/{prefix}/patient/{}{suffix}", leaflet.slug);
        browser.open(&format!("{}{path}", app.address)).await;
        let measured = browser
            .eval(
                "var w = window.innerWidth, d = document.documentElement;
                 var inView = function (el) { if (!el) return 'missing'; var r = el.getBoundingClientRect();
                   return r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= w + 1 && r.top < window.innerHeight * 2 ? 'ok' : 'out of view ' + JSON.stringify(r); };
                 return JSON.stringify({wide: d.scrollWidth, body: document.body.scrollWidth, w: w,
                   title: document.querySelector('main h1').textContent.trim(),
                   h1: inView(document.querySelector('main h1')), p: inView(document.querySelector('main article p'))});",
            )
            .await;
        let page: serde_json::Value = serde_json::from_str(&measured).unwrap();
        let width = page["w"].as_u64().unwrap();
        if page["wide"].as_u64().unwrap() > width || page["body"].as_u64().unwrap() > width {
            problems.push(format!("{path}: {} px wide on a {width} px screen", page["wide"]));
        }
        if page["title"] != leaflet.title.trim() {
            problems.push(format!("{path}: the heading says {} ", page["title"]));
        }
        for part in ["h1", "p"] {
            if page[part] != "ok" {
                problems.push(format!("{path}: {part} {}", page[part]));
            }
        }
    }

    // "116 117" in an Arabic sentence: a link to call, its first group on the left.
    browser.open(&format!("{}/vestfold/patient/etter-operasjonen/ar", app.address)).await;
    let order = browser
        .eval(
            "var a = document.querySelector('main a[href=\"tel:116117\"]'); if (!a) return 'no tel link';
             var t = a.firstChild, first = document.createRange(), second = document.createRange();
             first.setStart(t, 0); first.setEnd(t, 3); second.setStart(t, 4); second.setEnd(t, 7);
             return first.getBoundingClientRect().left < second.getBoundingClientRect().left ? 'in order' : 'flipped';",
        )
        .await;
    assert_eq!(order, "in order", "116 117 as read on the Arabic page");
    browser.quit().await;
    assert!(problems.is_empty(), "leaflets on a phone:\n{}", problems.join("\n"));
}

/// Polls a script in the page until it returns "true" (up to five seconds).
async fn wait_for(browser: &mut Browser, script: &str, what: &str) {
    for _ in 0..50 {
        if browser.eval(script).await == "true" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{what} did not happen within five seconds");
}

async fn sign_in(browser: &mut Browser, address: &str, email: &str) {
    browser.open(&format!("{address}/logg-inn")).await;
    browser.type_into("#email", email).await;
    browser.type_into("#password", helpers::PASSWORD).await;
    browser.eval("document.querySelector('main form button[type=submit]').click(); return 'sent'").await;
    wait_for(browser, "return location.pathname === '/redaksjon'", "sign-in").await;
}

async fn axe_clean(browser: &mut Browser, axe: &str, what: &str, report: &mut Vec<String>) {
    for violation in browser.run_axe(axe).await {
        report.push(format!("{what}: {violation}"));
    }
    // FAGBRO_SCREENSHOTS=dir keeps a picture of every page checked, to look at by eye.
    if let Ok(dir) = std::env::var("FAGBRO_SCREENSHOTS") {
        let name: String = what.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
        browser.screenshot(&PathBuf::from(dir).join(format!("{name}.png"))).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_writes_and_publishes_a_guide_that_a_visitor_then_finds() {
    let Some(axe) = axe_source() else { return missing("axe-core (npm install axe-core)") };
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = spawn_app(Backend::Sqlite, "browser_editor").await.expect("app starts");
    let address = app.address.clone();
    app.create_user("kari.vestfold@example.no", fagbro::accounts::Role::LocalEditor, &["vestfold"]).await;
    app.create_user("ada.admin@example.no", fagbro::accounts::Role::Admin, &[]).await;
    let mut report = Vec::new();

    browser.resize(1280, 900).await;
    browser.open(&format!("{address}/logg-inn")).await;
    axe_clean(&mut browser, &axe, "sign-in page", &mut report).await;
    sign_in(&mut browser, &address, "kari.vestfold@example.no").await;
    axe_clean(&mut browser, &axe, "dashboard", &mut report).await;

    browser.open(&format!("{address}/redaksjon/ny?type=guide&omrade=vestfold")).await;
    axe_clean(&mut browser, &axe, "new item form", &mut report).await;
    browser.type_into("#title", "Sårstell etter fotoperasjon i Vestfold").await;
    browser.type_into("#body", "## Første døgn\n\nHold foten **høyt** og bruk Kvistbergmetoden ved skift.").await;
    // The live preview shows the text as the public page will.
    wait_for(&mut browser, "return document.querySelector('#preview strong') !== null && document.querySelector('#preview strong').textContent === 'høyt'", "the live preview").await;
    browser.eval("document.querySelector('button[value=save]').click(); return 'saved'").await;
    wait_for(&mut browser, "return /^\\/redaksjon\\/innhold\\/\\d+$/.test(location.pathname)", "saving the draft").await;
    axe_clean(&mut browser, &axe, "edit page", &mut report).await;
    let edit_path = browser.eval("return location.pathname").await;

    // A photo from the editor's disk, with what it shows.
    let photo_dir = tempfile::tempdir().unwrap();
    let photo = photo_dir.path().join("IMG_0412.jpg");
    std::fs::write(&photo, helpers::jpeg_with_exif(1200, 800, "GPS 59.27N 10.41E")).unwrap();
    browser.type_into("#image", photo.to_str().unwrap()).await;
    browser.type_into("#alt", "Foten hviler høyt på en pute").await;
    browser.eval("Array.from(document.querySelectorAll('button')).find(b => b.textContent === 'Last opp bilde').click(); return 'uploaded'").await;
    wait_for(&mut browser, "return location.search.startsWith('?bilde=')", "uploading the image").await;
    assert!(browser.eval("return document.querySelector('#body').value").await.contains("![Foten hviler høyt på en pute](/media/"));

    browser.eval("Array.from(document.querySelectorAll('button')).find(b => b.textContent === 'Publiser nå').click(); return 'published'").await;
    wait_for(&mut browser, "return document.querySelector('.status') !== null && document.querySelector('.status').textContent === 'Publisert'", "publishing").await;
    browser.open(&format!("{address}{edit_path}/versjoner")).await;
    axe_clean(&mut browser, &axe, "revisions page", &mut report).await;
    browser.open(&format!("{address}/redaksjon/innhold")).await;
    axe_clean(&mut browser, &axe, "item list", &mut report).await;
    browser.eval("document.querySelector('.account-links form button').click(); return 'out'").await;
    wait_for(&mut browser, "return location.pathname !== '/redaksjon/innhold'", "signing out").await;

    // A visitor on a phone finds the guide by searching.
    browser.resize(390, 844).await;
    browser.open(&format!("{address}/sok?q=Kvistbergmetoden")).await;
    let mut found = String::new();
    for _ in 0..20 {
        found = browser.eval("var a = document.querySelector('main ol a, main .hits a'); return a ? a.textContent : ''").await;
        if found.contains("Sårstell") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        browser.open(&format!("{address}/sok?q=Kvistbergmetoden")).await;
    }
    assert!(found.contains("Sårstell etter fotoperasjon i Vestfold"), "search found {found:?}");
    browser.open(&format!("{address}/vestfold/guide/sarstell-etter-fotoperasjon-i-vestfold")).await;
    assert_eq!(browser.eval("return document.querySelector('main h2').textContent").await, "Første døgn");
    wait_for(&mut browser, "var img = document.querySelector('main img[srcset]'); return img !== null && img.complete && img.naturalWidth > 0", "the photo to show").await;
    assert_eq!(browser.eval("return document.querySelector('main img[srcset]').alt").await, "Foten hviler høyt på en pute");
    axe_clean(&mut browser, &axe, "the published guide with the feedback form, on a phone", &mut report).await;

    // The admin pages.
    browser.resize(1280, 900).await;
    sign_in(&mut browser, &address, "ada.admin@example.no").await;
    for path in ["/redaksjon/brukere", "/redaksjon/logg", "/redaksjon/e-post", "/redaksjon/nyhetsbrev", "/redaksjon/synonymer", "/redaksjon/sokeinnsikt", "/redaksjon/oversettelser"] {
        browser.open(&format!("{address}{path}")).await;
        axe_clean(&mut browser, &axe, path, &mut report).await;
    }
    // An outdated translation's edit page, from the table, at phone width too.
    let outdated = browser.eval("return document.querySelector('td.translation-outdated a').getAttribute('href')").await;
    for (width, height) in [(1280, 900), (390, 844)] {
        browser.resize(width, height).await;
        browser.open(&format!("{address}{outdated}")).await;
        axe_clean(&mut browser, &axe, &format!("{outdated} (an outdated translation) at {width}px"), &mut report).await;
        browser.open(&format!("{address}/redaksjon/oversettelser")).await;
        axe_clean(&mut browser, &axe, &format!("/redaksjon/oversettelser at {width}px"), &mut report).await;
        // The newsletter page, with the guide's area's news to preview.
        browser.open(&format!("{address}/redaksjon/nyhetsbrev/vestfold")).await;
        axe_clean(&mut browser, &axe, &format!("/redaksjon/nyhetsbrev/vestfold at {width}px"), &mut report).await;
    }
    browser.quit().await;
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations on the editor pages:\n{}", report.join("\n"));
}

/// Clicks the first element matching `selector` whose text is `text`.
async fn click(browser: &mut Browser, selector: &str, text: &str) {
    let script = format!(
        "var el = Array.from(document.querySelectorAll({selector:?})).find(e => e.textContent.trim() === {text:?}); if (!el) return 'missing'; el.click(); return 'clicked'"
    );
    assert_eq!(browser.eval(&script).await, "clicked", "no {selector} with the text {text:?} on {}", browser.eval("return location.pathname").await);
}

async fn path_of(browser: &mut Browser) -> String {
    browser.eval("return location.pathname").await
}

/// Answers an open quiz form in the page the way a learner who knows the answers does:
/// by reading each option's label (the form's names and values say nothing).
async fn answer_right(browser: &mut Browser, quiz: &fagbro::courses::Quiz) {
    use fagbro::courses::QuestionKind;
    for (index, question) in quiz.questions.iter().enumerate() {
        for (place, option) in question.options.iter().enumerate() {
            let control = format!(
                "var label = Array.from(document.querySelectorAll('label[for^=\"q{}-\"]')).find(l => l.textContent.trim() === {:?}); \
                 var control = label && document.getElementById(label.htmlFor); if (!control) return 'no such option';",
                index + 1,
                option.text
            );
            let script = match question.kind {
                QuestionKind::Ordering => format!("{control} control.value = '{}'; return 'set'", place + 1),
                _ if option.correct => format!("{control} control.click(); return 'set'"),
                _ => continue,
            };
            assert_eq!(browser.eval(&script).await, "set", "question {}: {}", index + 1, option.text);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_on_a_phone_takes_the_medicines_course_to_a_certificate() {
    use fagbro::courses::Step;
    let Some(axe) = axe_source() else { return missing("axe-core (npm install axe-core)") };
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = spawn_app(Backend::Sqlite, "browser_learner").await.expect("app starts");
    let address = app.address.clone();
    app.create_user("nora.nilsen@example.no", fagbro::accounts::Role::Learner, &[]).await;
    let central = fagbro::areas::repo::by_slug(app.db(), "central").await.unwrap().unwrap();
    let items = fagbro::content::repo::published_versions(app.db(), central.id, fagbro::content::ContentKind::Course, "legemiddelhandtering")
        .await
        .unwrap();
    let definition = fagbro::courses::versions::latest(app.db(), items[0].id).await.unwrap().unwrap().definition().clone();
    let mut report = Vec::new();

    browser.resize(390, 844).await;
    browser.open(&format!("{address}/kurs")).await;
    axe_clean(&mut browser, &axe, "the catalogue", &mut report).await;
    browser.open(&format!("{address}/kurs?tema=legemidler&varighet=lang")).await;
    axe_clean(&mut browser, &axe, "the filtered catalogue", &mut report).await;
    click(&mut browser, "main a", "Legemiddelhåndtering – grunnkurs").await;
    wait_for(&mut browser, "return location.pathname === '/kurs/central/legemiddelhandtering'", "opening the course").await;
    axe_clean(&mut browser, &axe, "the course page, signed out", &mut report).await;
    click(&mut browser, "main a", "Logg inn for å starte kurset").await;
    wait_for(&mut browser, "return location.pathname === '/logg-inn'", "the sign-in page").await;
    browser.type_into("#email", "nora.nilsen@example.no").await;
    browser.type_into("#password", helpers::PASSWORD).await;
    browser.eval("document.querySelector('main form button[type=submit]').click(); return 'sent'").await;
    wait_for(&mut browser, "return location.pathname === '/kurs/central/legemiddelhandtering'", "coming back to the course").await;
    click(&mut browser, "main button", "Start kurset").await;

    for step in definition.steps() {
        let expected = format!("/kurs/central/legemiddelhandtering/{}", step.key());
        wait_for(&mut browser, &format!("return location.pathname === {expected:?}"), &format!("reaching {expected}")).await;
        match step {
            Step::Lesson { lesson, .. } => {
                assert_eq!(browser.eval("return document.querySelector('main h1').textContent").await, lesson.title);
                axe_clean(&mut browser, &axe, &format!("lesson {}", lesson.key), &mut report).await;
                click(&mut browser, "main button", "Merk som lest og gå videre").await;
            }
            Step::Quiz { quiz, exam, .. } => {
                axe_clean(&mut browser, &axe, &format!("quiz page {}", quiz.key), &mut report).await;
                click(&mut browser, "main button", if exam { "Start eksamen" } else { "Start" }).await;
                wait_for(&mut browser, "return location.pathname.startsWith('/kurs/forsok/')", "opening an attempt").await;
                axe_clean(&mut browser, &axe, &format!("the form of {}", quiz.key), &mut report).await;
                let attempt = path_of(&mut browser).await;
                answer_right(&mut browser, quiz).await;
                click(&mut browser, "main button", "Lever svarene").await;
                wait_for(&mut browser, "return document.querySelector('.result') !== null", "the result").await;
                assert_eq!(path_of(&mut browser).await, attempt);
                let result = browser.eval("return document.querySelector('.result h2').textContent").await;
                assert!(result.starts_with("Bestått"), "{}: {result}", quiz.key);
                axe_clean(&mut browser, &axe, &format!("the result of {}", quiz.key), &mut report).await;
                if exam {
                    click(&mut browser, "main a", "Se kursbeviset ditt").await;
                } else {
                    click(&mut browser, "main a", "Gå videre i kurset").await;
                }
            }
        }
    }
    wait_for(&mut browser, "return location.pathname.startsWith('/kursbevis/')", "the certificate").await;
    assert_eq!(browser.eval("return document.querySelector('.certificate-name').textContent").await, "Nora Nilsen");
    assert_eq!(browser.eval("return document.querySelector('.certificate-valid').textContent").await, "Gyldig kursbevis");
    axe_clean(&mut browser, &axe, "the certificate", &mut report).await;
    let code = browser.eval("return document.querySelector('.code').textContent").await;
    browser.open(&format!("{address}/min-side")).await;
    axe_clean(&mut browser, &axe, "Mine kurs", &mut report).await;
    browser.open(&format!("{address}/kurs/central/legemiddelhandtering")).await;
    axe_clean(&mut browser, &axe, "the completed course page", &mut report).await;

    // An employer, not signed in, types the code from the paper.
    browser.eval("document.querySelector('.account-links form button').click(); return 'out'").await;
    wait_for(&mut browser, "return document.querySelector('.account-links a[href=\"/logg-inn\"]') !== null", "signing out").await;
    browser.open(&format!("{address}/kursbevis")).await;
    axe_clean(&mut browser, &axe, "the certificate lookup", &mut report).await;
    browser.type_into("#certificate-code", &code.to_lowercase()).await;
    click(&mut browser, "main button", "Sjekk").await;
    wait_for(&mut browser, &format!("return location.pathname === '/kursbevis/{code}'"), "finding the certificate").await;
    assert_eq!(browser.eval("return document.querySelector('.certificate-name').textContent").await, "Nora Nilsen");

    // The course's editors read how it went.
    app.create_user("sentral.red@example.no", fagbro::accounts::Role::CentralEditor, &[]).await;
    sign_in(&mut browser, &address, "sentral.red@example.no").await;
    browser.open(&format!("{address}/redaksjon/kurs/{}/statistikk", items[0].id)).await;
    assert_eq!(browser.eval("return document.querySelector('main h1').textContent").await, "Statistikk: Legemiddelhåndtering – grunnkurs");
    axe_clean(&mut browser, &axe, "the course statistics", &mut report).await;
    browser.quit().await;
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations on the course pages:\n{}", report.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_builds_a_new_course_in_the_browser_and_publishes_it() {
    let Some(axe) = axe_source() else { return missing("axe-core (npm install axe-core)") };
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = spawn_app(Backend::Sqlite, "browser_course_editor").await.expect("app starts");
    let address = app.address.clone();
    app.create_user("kurs.redaktor@example.no", fagbro::accounts::Role::CentralEditor, &[]).await;
    let mut report = Vec::new();
    browser.resize(1280, 900).await;
    sign_in(&mut browser, &address, "kurs.redaktor@example.no").await;

    browser.open(&format!("{address}/redaksjon/ny?type=course&omrade=central")).await;
    browser.type_into("#title", "Fallforebygging i hjemmet").await;
    browser.type_into("#summary", "Kartlegge fallrisiko og gjøre hjemmet tryggere.").await;
    click(&mut browser, "button", "Lagre").await;
    wait_for(&mut browser, "return /^\\/redaksjon\\/kurs\\/\\d+$/.test(location.pathname)", "the new course's outline").await;
    let outline = path_of(&mut browser).await;
    axe_clean(&mut browser, &axe, "the empty course outline", &mut report).await;

    // A module, a lesson written with the live preview, and an exam question.
    browser.type_into("#ny-modul", "Risiko for fall").await;
    click(&mut browser, "button", "Legg til modul").await;
    wait_for(&mut browser, "return document.querySelector('#modul-1-ny-leksjon') !== null", "the new module").await;
    browser.type_into("#modul-1-ny-leksjon", "Hvem faller?").await;
    click(&mut browser, "button", "Legg til leksjon").await;
    wait_for(&mut browser, "return location.pathname.indexOf('/steg/') > 0", "the new lesson's editor").await;
    browser.type_into("#body", "## Risiko\n\nEldre med **svimmelhet** faller oftere.").await;
    wait_for(&mut browser, "var s = document.querySelector('#preview strong'); return s !== null && s.textContent === 'svimmelhet'", "the live preview").await;
    axe_clean(&mut browser, &axe, "the lesson editor", &mut report).await;
    click(&mut browser, "button", "Lagre leksjonen").await;
    wait_for(&mut browser, &format!("return location.pathname === '{outline}'"), "saving the lesson").await;
    click(&mut browser, "button", "Legg til avsluttende prøve").await;
    wait_for(&mut browser, "return document.querySelector('a[href$=\"/steg/eksamen\"]') !== null", "the exam").await;
    axe_clean(&mut browser, &axe, "the course outline", &mut report).await;
    browser.open(&format!("{address}{outline}/steg/eksamen")).await;
    axe_clean(&mut browser, &axe, "the exam's question list", &mut report).await;
    browser.eval("document.querySelector('#type').value = 'multiple'; return 'chosen'").await;
    click(&mut browser, "button", "Lag nytt spørsmål").await;
    wait_for(&mut browser, "return location.pathname.endsWith('/sporsmal/ny')", "the question editor").await;
    axe_clean(&mut browser, &axe, "the question editor", &mut report).await;
    // Choosing another kind shows its fields at once.
    browser.eval("var k = document.querySelector('#kind'); k.value = 'true_false'; k.dispatchEvent(new Event('change')); return 'changed'").await;
    assert_eq!(browser.eval("return String(document.querySelector('fieldset[data-kinds=true_false]').hidden)").await, "false");
    browser.eval("var k = document.querySelector('#kind'); k.value = 'multiple'; k.dispatchEvent(new Event('change')); return 'changed'").await;
    browser.type_into("#text", "Hva øker risikoen for fall?").await;
    for (i, option) in ["Svimmelhet", "Løse tepper", "God belysning"].iter().enumerate() {
        browser.type_into(&format!("#alternativ-{i}"), option).await;
    }
    browser.eval("document.querySelector('#riktig-0').click(); document.querySelector('#riktig-1').click(); return 'ticked'").await;
    browser.type_into("#forklaring-2", "God belysning forebygger fall.").await;
    click(&mut browser, "button", "Lagre spørsmålet").await;
    wait_for(&mut browser, "return location.pathname.endsWith('/steg/eksamen')", "saving the question").await;
    assert!(browser.eval("return document.querySelector('main ol').textContent").await.contains("Hva øker risikoen for fall?"));

    // Published, the course is in the catalogue for learners on their phones.
    browser.open(&format!("{address}{outline}")).await;
    click(&mut browser, "button", "Publiser nå").await;
    wait_for(&mut browser, "var s = document.querySelector('.status'); return s !== null && s.textContent === 'Publisert'", "publishing").await;
    axe_clean(&mut browser, &axe, "the published course's outline", &mut report).await;
    browser.resize(390, 844).await;
    browser.open(&format!("{address}/kurs/central/fallforebygging-i-hjemmet/01-hvem-faller")).await;
    assert_eq!(browser.eval("return document.querySelector('main .prose strong, main strong').textContent").await, "svimmelhet");
    browser.quit().await;
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations on the course editor pages:\n{}", report.join("\n"));
}
