//! A visitor reads the interface in bokmål, nynorsk or English: the browser's language
//! first, then the visitor's own choice, remembered. Content stays in the language it is
//! written in, and the page says which language each part is in.
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends!(a_visitor_switches_the_interface_to_nynorsk_or_english_and_every_string_follows);

async fn a_visitor_switches_the_interface_to_nynorsk_or_english_and_every_string_follows(app: TestApp) {
    // A browser set to nynorsk gets the interface in nynorsk, the news in bokmål as written.
    let page = app.client.get(format!("{}/vestfold", app.address)).header("accept-language", "nn-NO,nn;q=0.9,nb;q=0.7").send().await.unwrap();
    let html = page.text().await.unwrap();
    for nynorsk in ["Hopp til hovudinnhaldet", ">Framside<", ">Rettleiarar<", "Var denne sida nyttig?", "Tilgjengeerklæring", "Byt område", "Komande arrangement"] {
        assert!(html.contains(nynorsk), "{nynorsk} in:\n{html}");
    }
    assert!(html.contains("<html lang=\"nn\""), "the page is in nynorsk");
    // A guide is read in the language it is written in; the interface around it says nynorsk.
    let guide = app.client.get(format!("{}/vestfold/guide/bruk-av-tolk", app.address)).header("accept-language", "nn").send().await.unwrap().text().await.unwrap();
    assert!(guide.contains("<html lang=\"nb\"") && guide.contains("<header class=\"site-header\" lang=\"nn\""), "{guide}");

    // The visitor chooses English in the footer: remembered, and back on the same page.
    let browser = app.browser();
    let home = browser.page("/vestfold").await;
    assert!(crate::helpers::unescape(&home.body).contains("href=\"/sprak/en?neste=%2Fvestfold\""), "the switcher links back here");
    let chosen = browser.get("/sprak/en?neste=%2Fvestfold").await;
    assert_eq!(chosen.status, 303);
    assert_eq!(chosen.location(), "/vestfold");
    let english = browser.page("/vestfold").await;
    for text in ["Skip to main content", ">Home<", ">Guides<", "Was this page useful?", "Accessibility statement", "Change area", "Search fagbro"] {
        english.assert_contains(text);
    }
    english.assert_lacks("Hopp til hovedinnhold").assert_lacks("Var denne siden nyttig?");
    english.assert_contains("aria-current=\"true\">English</a>");
    // The area home is written in the interface language; what editors wrote is marked
    // as bokmål, and every item keeps its own language.
    english.assert_contains("<html lang=\"en\"").assert_contains("<h1 lang=\"nb\">Vestfold</h1>");
    for text in ["News in Vestfold", "Upcoming events", "Local routines and guides in Vestfold", "Shared guides and articles", ">Guide<"] {
        english.assert_contains(text);
    }
    english.assert_lacks("Kommende arrangementer").assert_lacks("Felles veiledere og fagartikler").assert_lacks("Finnes på:");
    let chooser = browser.page("/?velg=omrade").await;
    chooser.assert_contains("Choose your area").assert_contains("Without a local area").assert_lacks("Velg ditt område");
    // Lists and theme pages too.
    let list = browser.page("/vestfold/guide").await;
    list.assert_contains("<html lang=\"en\"").assert_contains("<h1>Guides and procedures</h1>").assert_contains("Shared by all areas");
    browser.page("/vestfold/patient").await.assert_contains("Available in:").assert_lacks("Finnes på:");
    browser.page("/vestfold/tema/tolk").await.assert_contains("<html lang=\"en\"").assert_contains(">Topics</a>");
    // A page not yet written in the catalogues stays in bokmål and says so; the
    // interface around it follows the visitor and says so too.
    let catalogue = browser.page("/kurs").await;
    catalogue.assert_contains("<html lang=\"nb\"").assert_contains("<header class=\"site-header\" lang=\"en\" dir=\"ltr\">");
    // A guide keeps its language; the labels around it are English and say so.
    let guide = browser.page("/vestfold/guide/bruk-av-tolk").await;
    guide.assert_contains("<html lang=\"nb\"").assert_contains("<dt>Last reviewed</dt>").assert_contains("<dt>Responsible editors</dt>");
    guide.assert_contains("<footer class=\"item-meta\" lang=\"en\" dir=\"ltr\">").assert_lacks("Sist faglig oppdatert");
    // The choice outweighs the browser's language.
    let again = browser.client.get(format!("{}/vestfold", app.address)).header("accept-language", "nn").send().await.unwrap();
    assert!(again.text().await.unwrap().contains("Skip to main content"));

    // An error page is all interface: in English, and says so.
    let missing = browser.get("/finnes/ikke/her").await;
    assert_eq!(missing.status, 404);
    missing.assert_contains("<html lang=\"en\"").assert_contains("We could not find the page").assert_contains("Error code 404");

    // Back to bokmål; an unknown language is not found; the way back stays on this site.
    browser.get("/sprak/nb?neste=%2F").await;
    browser.page("/vestfold").await.assert_contains("Hopp til hovedinnhold").assert_contains("<header class=\"site-header\">");
    assert_eq!(browser.get("/sprak/de").await.status, 404);
    assert_eq!(browser.get("/sprak/nn?neste=https%3A%2F%2Fevil.example%2F").await.location(), "/");
}

/// Every message a template asks for is in the catalogues (and a unit test checks that
/// the three catalogues have the same keys): a missing one would show its key.
#[test]
fn every_message_a_template_asks_for_is_in_the_catalogues() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let catalogue = std::fs::read_to_string(root.join("locales/nb.ftl")).unwrap();
    let keys: Vec<&str> = catalogue.lines().filter_map(|line| line.split_once(" = ").map(|(key, _)| key.trim())).collect();
    let mut asked = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html" || e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                for call in text.split("t(key=\"").skip(1) {
                    let key = call.split('"').next().unwrap();
                    asked.push((path.display().to_string(), key.to_owned()));
                }
            }
        }
    }
    assert!(asked.len() > 30, "{asked:?}");
    let missing: Vec<_> = asked.iter().filter(|(_, key)| !keys.contains(&key.as_str())).collect();
    assert!(missing.is_empty(), "messages no catalogue has: {missing:?}");
}
