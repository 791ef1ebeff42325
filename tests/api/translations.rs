//! Translations that are never silently out of date: a translation records which revision
//! of its Norwegian original it was made from, from a file or on the web; when the original's
//! text changes after that, the public page says so in both languages, the editors' table
//! shows it, and `/api/translations` tells other sites. On SQLite and PostgreSQL.
use fagbro::accounts::Role;
use fagbro::import::{Severity, import_content};
use serde_json::Value;

use crate::helpers::{Backend, TestApp, content_folder, spawn_app_with_content, write_file};
use crate::{for_each_backend, on_both_backends};

on_both_backends!(
    a_clinician_sees_that_the_somali_leaflet_is_older_than_the_norwegian_one,
    a_web_edit_of_the_original_outdates_its_translations_until_each_is_brought_up_to_date,
    bringing_a_translation_up_to_date_refuses_what_does_not_fit,
);
for_each_backend!(a_translation_file_says_which_norwegian_text_it_was_made_from);

async fn id_of(app: &TestApp, area: &str, slug: &str, lang: &str) -> String {
    let area = fagbro::areas::repo::by_slug(app.db(), area).await.unwrap().unwrap();
    fagbro::content::repo::by_key(app.db(), area.id, slug, lang).await.unwrap().expect("the item").id.to_string()
}

fn translation<'a>(api: &'a Value, slug: &str, lang: &str) -> &'a Value {
    let item = api["items"].as_array().unwrap().iter().find(|i| i["slug"] == slug).unwrap_or_else(|| panic!("{slug} in {api}"));
    item["translations"].as_array().unwrap().iter().find(|t| t["lang"] == lang).unwrap_or_else(|| panic!("{lang} of {slug} in {api}"))
}

async fn api(app: &TestApp, query: &str) -> Value {
    let page = app.page(&format!("/api/translations{query}")).await;
    serde_json::from_str(&page.body).unwrap()
}

/// The sample site: the Norwegian leaflet "Etter operasjonen" lowered its fever limit from
/// 38,5 to 38,0 on 1 October 2026; the English one followed, the Somali one did not.
async fn a_clinician_sees_that_the_somali_leaflet_is_older_than_the_norwegian_one(app: TestApp) {
    let somali = app.page("/vestfold/patient/etter-operasjonen/so").await;
    somali
        .assert_contains("<p lang=\"so\" dir=\"ltr\">Turjumaaddan way ka da&#x27; weyn tahay qoraalka Noorwiijiga")
        .assert_contains("<time datetime=\"2026-10-01\">01.10.2026</time>")
        .assert_contains("Denne oversettelsen er eldre enn den norske teksten, som ble endret <time datetime=\"2026-10-01\">1. oktober 2026</time>")
        .assert_contains("href=\"&#x2F;vestfold&#x2F;patient&#x2F;etter-operasjonen\" hreflang=\"nb\">Les den gjeldende norske teksten</a>")
        .assert_contains("38,5");
    // The notice comes before the text a clinician would hand over.
    assert!(somali.position_of("outdated-translation") < somali.position_of("38,5"));
    let arabic = app.page("/vestfold/patient/etter-operasjonen/ar").await;
    arabic.assert_contains("<p lang=\"ar\" dir=\"rtl\">هذه الترجمة أقدم من النص النرويجي").assert_contains("<bdi><time datetime=\"2026-10-01\">");
    app.page("/vestfold/patient/etter-operasjonen/en").await.assert_contains("38.0").assert_lacks("outdated-translation");
    app.page("/vestfold/patient/etter-operasjonen").await.assert_contains("38,0").assert_lacks("outdated-translation");
    app.page("/central/patient/rett-til-tolk/so").await.assert_lacks("outdated-translation");

    let editor = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    editor.page("/redaksjon").await.assert_contains("3 oversettelser av pasientinformasjon er eldre enn den norske teksten.");
    let local = app.signed_in("lokal.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    local.page("/redaksjon").await.assert_contains("Alle oversettelsene av pasientinformasjon i dine områder er oppdatert.");
    let table = editor.page("/redaksjon/oversettelser").await;
    table.assert_contains("<caption id=\"translations-caption\">Oversettelsenes status</caption>").assert_contains("Soomaali");
    let row = table.body.split("<tr>").find(|row| row.contains(">Etter operasjonen<")).expect("a row for the leaflet");
    assert_eq!(row.matches("Utdatert siden 1. oktober 2026").count(), 3, "Somali, Arabic and Urdu: {row}");
    assert!(row.contains(">Oppdatert<"), "{row}");
    let so_id = id_of(&app, "central", "etter-operasjonen", "so").await;
    assert!(row.contains(&format!("&#x2F;redaksjon&#x2F;innhold&#x2F;{so_id}\">Utdatert")), "each cell links its edit page: {row}");
    // Filtered by area and theme.
    editor.page("/redaksjon/oversettelser?omrade=vestfold").await.assert_lacks(">Etter operasjonen<");
    editor.page("/redaksjon/oversettelser?tema=diabetes").await.assert_lacks(">Etter operasjonen<").assert_contains(">Føling: lavt blodsukker ved diabetes<");
    editor.page("/redaksjon/oversettelser?omrade=central&tema=pasientforlop").await.assert_contains(">Etter operasjonen<");
    assert_eq!(editor.get("/redaksjon/oversettelser?tema=finnes-ikke").await.status, 400);
    // The Somali edit page says what changed and offers to record it as up to date.
    let edit = editor.page(&format!("/redaksjon/innhold/{so_id}")).await;
    edit.assert_contains("Oversettelse av «").assert_contains("Den norske teksten er endret 1. oktober 2026").assert_contains("se hva som er endret");

    let json = api(&app, "?area=central").await;
    assert_eq!(translation(&json, "etter-operasjonen", "so")["status"], "outdated");
    assert_eq!(translation(&json, "etter-operasjonen", "so")["outdated_since"], "2026-10-01");
    assert_eq!(translation(&json, "etter-operasjonen", "en")["status"], "current");
    assert_eq!(translation(&json, "etter-operasjonen", "en")["url"], format!("{}/central/patient/etter-operasjonen/en", app.address));
    assert_eq!(translation(&json, "rett-til-tolk", "ur")["status"], "current");
    let bad = app.get("/api/translations?type=leaflet").await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("\"type\""), "the error names the parameter: {}", bad.body);
}

async fn a_web_edit_of_the_original_outdates_its_translations_until_each_is_brought_up_to_date(app: TestApp) {
    let editor = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    let original = id_of(&app, "central", "rett-til-tolk", "nb").await;
    let polish = id_of(&app, "central", "rett-til-tolk", "pl").await;
    let edit_page = editor.page(&format!("/redaksjon/innhold/{original}")).await;
    let textarea = |name: &str| {
        let start = format!("name=\"{name}\"");
        let rest = edit_page.body.split(&start).nth(1).unwrap();
        crate::helpers::unescape(rest.split_once('>').unwrap().1.split("</textarea>").next().unwrap())
    };
    let (summary, body) = (textarea("summary"), textarea("body"));
    let title = "Du har rett til tolk";

    // Tags are not the text: the translations stay current.
    editor.save_item(&original, &[("title", title), ("summary", &summary), ("body", &body), ("tags", "tolk, rettigheter")]).await.location();
    app.page("/central/patient/rett-til-tolk/pl").await.assert_lacks("outdated-translation");

    // The text changes: every translation says so, dated today.
    let changed = format!("{body}\n\nDu kan be om tolk også på telefon.");
    editor.save_item(&original, &[("title", title), ("summary", &summary), ("body", &changed), ("tags", "tolk, rettigheter")]).await.location();
    let today = fagbro::oslo::now().date_naive();
    let pl = app.page("/central/patient/rett-til-tolk/pl").await;
    pl.assert_contains("To tłumaczenie jest starsze niż tekst norweski").assert_contains(&format!("<time datetime=\"{today}\">"));
    app.page("/central/patient/rett-til-tolk/so").await.assert_contains("outdated-translation");
    assert_eq!(translation(&api(&app, "").await, "rett-til-tolk", "pl")["outdated_since"], today.to_string());

    // The Polish translator checks the text and records it as up to date with the
    // Norwegian revision the page showed.
    let edit = editor.page(&format!("/redaksjon/innhold/{polish}")).await;
    let shown = edit.body.split("name=\"original_revision\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    edit.assert_contains(&format!("Oversettelsen er oppdatert mot norsk versjon {shown}"));
    let done = editor.post(&format!("/redaksjon/innhold/{polish}/oversatt-fra"), &[("original_revision", &shown)]).await;
    assert_eq!(done.location(), format!("/redaksjon/innhold/{polish}"));
    app.page("/central/patient/rett-til-tolk/pl").await.assert_lacks("outdated-translation");
    app.page("/central/patient/rett-til-tolk/so").await.assert_contains("outdated-translation");
    editor.page(&format!("/redaksjon/innhold/{polish}")).await.assert_contains("Den er oppdatert mot den norske teksten").assert_lacks("name=\"original_revision\"");
    editor
        .page(&format!("/redaksjon/innhold/{polish}/versjoner"))
        .await
        .assert_contains(&format!("Oversettelsen er gjennomgått mot norsk versjon {shown}"));
    let admin = app.signed_in("ada.admin@example.no", Role::Admin, &[]).await;
    admin.page("/redaksjon/logg").await.assert_contains("item.translation_up_to_date");
    assert_eq!(translation(&api(&app, "").await, "rett-til-tolk", "pl")["status"], "current");

    // The Somali page was opened before another change to the Norwegian text: what it
    // records is the revision it showed, so it stays outdated, from the newer change.
    let somali = id_of(&app, "central", "rett-til-tolk", "so").await;
    let seen = editor.page(&format!("/redaksjon/innhold/{somali}")).await;
    let seen_revision = seen.body.split("name=\"original_revision\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    editor.save_item(&original, &[("title", title), ("summary", &summary), ("body", &format!("{changed}\n\nTolken har taushetsplikt."))]).await.location();
    editor.post(&format!("/redaksjon/innhold/{somali}/oversatt-fra"), &[("original_revision", &seen_revision)]).await.location();
    app.page("/central/patient/rett-til-tolk/so").await.assert_contains("outdated-translation");

    // A translation made on the web starts from the Norwegian text as it is then.
    let created = editor
        .post("/redaksjon/innhold", &[("area", "central"), ("kind", "patient"), ("slug", "rett-til-tolk"), ("lang", "ps"), ("title", "د ژباړونکي حق"), ("body", "متن")])
        .await;
    let pashto = created.location();
    editor.page(&pashto).await.assert_contains("Den er oppdatert mot den norske teksten");
    let from_new_page = editor.page("/redaksjon/ny?omrade=central&type=patient&slug=rett-til-tolk&sprak=ckb").await;
    from_new_page.assert_contains("value=\"rett-til-tolk\"").assert_contains("<option value=\"ckb\" selected");
}

async fn bringing_a_translation_up_to_date_refuses_what_does_not_fit(app: TestApp) {
    let editor = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    let somali = id_of(&app, "central", "etter-operasjonen", "so").await;
    let original = id_of(&app, "central", "etter-operasjonen", "nb").await;
    let mark = |id: String, revision: &'static str| {
        let editor = &editor;
        async move { editor.post(&format!("/redaksjon/innhold/{id}/oversatt-fra"), &[("original_revision", revision)]).await }
    };
    let not_a_number = mark(somali.clone(), "siste").await;
    assert_eq!(not_a_number.status, 400);
    not_a_number.assert_contains("Versjonen av den norske teksten må være et tall, ikke «siste»");
    let no_such = mark(somali.clone(), "999").await;
    assert_eq!(no_such.status, 400);
    no_such.assert_contains("versjon 999 finnes ikke");
    let zero = mark(somali.clone(), "0").await;
    assert_eq!(zero.status, 400);
    let not_a_translation = mark(original.clone(), "1").await;
    assert_eq!(not_a_translation.status, 409);
    not_a_translation.assert_contains("ikke en oversettelse");
    // None of that changed anything.
    app.page("/central/patient/etter-operasjonen/so").await.assert_contains("outdated-translation");

    // A local editor cannot record central material, nor can a visitor.
    let local = app.signed_in("lokal.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    assert_eq!(local.post(&format!("/redaksjon/innhold/{somali}/oversatt-fra"), &[("original_revision", "1")]).await.status, 403);
    let visitor = app.browser();
    let refused = visitor.post(&format!("/redaksjon/innhold/{somali}/oversatt-fra"), &[("original_revision", "1")]).await;
    assert_eq!(refused.status, 303, "sent to sign in");
    app.page("/central/patient/etter-operasjonen/so").await.assert_contains("outdated-translation");
}

const NB: &str = "+++\ntitle = \"Etter fødselen\"\nthemes = [\"pasientforlop\"]\npublished = 2026-03-01\nupdated = 2026-10-01\n+++\nRing jordmor ved feber over 38,0.\n";

fn translated(title: &str, from: Option<&str>) -> String {
    let from = from.map(|f| format!("translated_from = {f}\n")).unwrap_or_default();
    format!("+++\ntitle = \"{title}\"\nthemes = [\"pasientforlop\"]\n{from}+++\nTekst.\n")
}

async fn a_translation_file_says_which_norwegian_text_it_was_made_from(backend: Backend) {
    let content = content_folder(&[
        ("central/patient/etter-fodselen.nb.md", NB),
        ("central/patient/etter-fodselen.so.md", &translated("Dhalmada kadib", Some("2026-03-01"))),
        ("central/patient/etter-fodselen.en.md", &translated("After giving birth", Some("2026-10-01"))),
        ("central/patient/etter-fodselen.ar.md", &translated("بعد الولادة", None)),
        ("central/patient/amming.nb.md", "+++\ntitle = \"Amming\"\n+++\nTekst.\n"),
        ("central/patient/amming.ur.md", &translated("دودھ پلانا", None)),
    ]);
    let Some(app) = spawn_app_with_content(backend, "translated_from_files", content.path()).await else { return };
    let status = |json: &Value, lang: &str| translation(json, "etter-fodselen", lang)["status"].as_str().unwrap().to_owned();
    let json = api(&app, "").await;
    assert_eq!(status(&json, "so"), "outdated", "made from the text of March");
    assert_eq!(translation(&json, "etter-fodselen", "so")["outdated_since"], "2026-10-01");
    assert_eq!(status(&json, "en"), "current");
    assert_eq!(status(&json, "ar"), "current", "without a date: made from the text as it was imported");
    assert_eq!(status(&json, "ur"), "missing", "no Urdu file; Urdu is a column because another leaflet has it");
    app.page("/central/patient/etter-fodselen/so").await.assert_contains("outdated-translation");

    // The Norwegian file changes: every translation that did not follow is outdated,
    // and an unchanged translation file does not pretend it followed.
    write_file(content.path(), "central/patient/etter-fodselen.nb.md", &NB.replace("2026-10-01", "2026-11-20").replace("38,0", "38,0 eller frysninger"));
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert!(!report.has_errors(), "{report}");
    let json = api(&app, "").await;
    assert_eq!(translation(&json, "etter-fodselen", "en")["outdated_since"], "2026-11-20");
    assert_eq!(status(&json, "ar"), "outdated");
    // The English translator updates the file and its date.
    write_file(content.path(), "central/patient/etter-fodselen.en.md", &translated("After giving birth", Some("2026-11-20")));
    import_content(app.db(), content.path()).await.unwrap();
    assert_eq!(status(&api(&app, "").await, "en"), "current");

    // An editor brings the Arabic one up to date on the web; the next import keeps that.
    let editor = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    let arabic = id_of(&app, "central", "etter-fodselen", "ar").await;
    let shown = editor.page(&format!("/redaksjon/innhold/{arabic}")).await;
    let revision = shown.body.split("name=\"original_revision\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    editor.post(&format!("/redaksjon/innhold/{arabic}/oversatt-fra"), &[("original_revision", &revision)]).await.location();
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((report.conflicts, report.kept_web_edits), (0, 1), "{report}");
    assert_eq!(status(&api(&app, "").await, "ar"), "current");

    // Bad keys are refused with the file and the line; the rest imports.
    write_file(content.path(), "central/patient/etter-fodselen.pl.md", &translated("Po porodzie", Some("\"forrige uke\"")));
    write_file(content.path(), "central/patient/etter-fodselen.uk.md", &translated("Після пологів", Some("9")));
    write_file(content.path(), "central/patient/annen.nb.md", &translated("Annen", Some("2026-01-01")));
    let report = import_content(app.db(), content.path()).await.unwrap();
    let errors: Vec<String> = report.problems.iter().filter(|p| p.severity == Severity::Error).map(|p| p.to_string()).collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("etter-fodselen.pl.md:4: translated_from: expected the date of the Norwegian text translated")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("etter-fodselen.uk.md:4: translated_from: the Norwegian text has 2 revisions, so it has no revision 9")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("annen.nb.md:4: translated_from is for a translation of a Norwegian text")), "{errors:?}");
    assert_eq!(app.get("/central/patient/etter-fodselen/pl").await.status, 404);
}
