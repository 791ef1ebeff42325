//! Importing content files: idempotent, edits picked up, malformed files reported by
//! path and line while the rest still imports, translation groups kept together.
use fagbro::accounts::Role;
use fagbro::import::{ImportOptions, Severity, import_content, import_content_with};

use crate::helpers::{Backend, TestApp, content_folder, spawn_app_with_content, write_file};

const GUIDE: &str = "+++\ntitle = \"Bruk av tolk\"\nsummary = \"Når du trenger tolk\"\nthemes = [\"tolk\"]\nupdated = 2026-09-01\n+++\n\n## Når\n\nAlltid ved samtykke.\n";

async fn import_is_idempotent_and_picks_up_edits(backend: Backend) {
    let content = content_folder(&[
        ("central/guide/bruk-av-tolk.nb.md", GUIDE),
        ("ahus/news/nytt.nb.md", "+++\ntitle = \"Nytt fra Ahus\"\npublished = 2026-11-01\n+++\nTekst.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "import_is_idempotent", content.path()).await else { return };
    app.page("/ahus/guide/bruk-av-tolk").await.assert_contains("<h1>Bruk av tolk</h1>");

    let again = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((again.created, again.updated, again.unchanged, again.failed), (0, 0, 2, 0), "{:?}", again.problems);

    write_file(content.path(), "central/guide/bruk-av-tolk.nb.md", &GUIDE.replace("Bruk av tolk\"", "Bruk av kvalifisert tolk\""));
    let edited = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((edited.created, edited.updated, edited.unchanged), (0, 1, 1));
    app.page("/ahus/guide/bruk-av-tolk").await.assert_contains("<h1>Bruk av kvalifisert tolk</h1>");

    // Themes are part of the item: changing them is an update too.
    write_file(content.path(), "central/guide/bruk-av-tolk.nb.md", &GUIDE.replace("[\"tolk\"]", "[\"tolk\", \"demens\"]"));
    assert_eq!(import_content(app.db(), content.path()).await.unwrap().updated, 1);
    app.page("/ahus/tema/demens").await.assert_contains("Bruk av tolk");
}

async fn malformed_files_are_reported_by_path_and_line_and_the_rest_imports(backend: Backend) {
    let content = content_folder(&[
        ("central/guide/god.nb.md", GUIDE),
        ("central/guide/ugyldig-toml.nb.md", "+++\ntitle = \"x\"\nsummary = \"uten slutt\n+++\n"),
        ("central/guide/uten-tittel.nb.md", "+++\nsummary = \"Mangler tittel\"\n+++\nTekst\n"),
        ("central/guide/ukjent-tema.nb.md", "+++\ntitle = \"Tema\"\n\nthemes = [\"kirurgi\"]\n+++\n"),
        ("central/guide/uten-front-matter.nb.md", "# Bare tekst\n"),
        ("central/news/god.nb.md", "+++\ntitle = \"Samme slug\"\n+++\n"),
        ("central/event/uten-tid.nb.md", "+++\ntitle = \"Fagdag\"\n+++\n"),
        ("central/nyheter/feil-type.nb.md", GUIDE),
        ("central/guide/Store Bokstaver.nb.md", GUIDE),
        ("ahus/guide/lokal.nb.md", "+++\ntitle = \"Lokal\"\nforfatter = \"Kari\"\nadapts = \"guide/god\"\n+++\n"),
        ("ahus/guide/feil-adapts.nb.md", "+++\ntitle = \"Lokal\"\nadapts = \"bruk-av-tolk\"\n+++\n"),
        ("bergen/news/x.nb.md", GUIDE),
    ]);
    let Some(app) = spawn_app_with_content(backend, "malformed_files", content.path()).await else { return };
    let report = import_content(app.db(), content.path()).await.unwrap();
    let root = content.path().display().to_string();
    let errors: Vec<String> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string().replace(&root, "content"))
        .collect();
    let expect = |prefix: &str, needle: &str| {
        assert!(
            errors.iter().any(|e| e.starts_with(prefix) && e.contains(needle)),
            "expected an error starting {prefix:?} containing {needle:?} in:\n{}",
            errors.join("\n")
        );
    };
    expect("content/central/guide/ugyldig-toml.nb.md:3: ", "not valid TOML");
    expect("content/central/guide/uten-tittel.nb.md:1: ", "missing title");
    expect("content/central/guide/uten-front-matter.nb.md:1: ", "front matter");
    expect("content/central/news/god.nb.md:1: ", "duplicate slug \"god\" in area central and language nb");
    expect("content/central/event/uten-tid.nb.md:1: ", "an event needs starts");
    expect("content/central/nyheter: ", "unknown content type \"nyheter\"");
    expect("content/central/guide/Store Bokstaver.nb.md:1: ", "may only use a-z");
    expect("content/bergen: ", "unknown area \"bergen\"");
    expect("content/ahus/guide/feil-adapts.nb.md:3: ", "adapts = \"bruk-av-tolk\": expected \"type/slug\"");
    assert!(report.has_errors());
    assert_eq!(report.failed, 7, "{errors:#?}");
    let warnings: Vec<String> = report.problems.iter().filter(|p| p.severity == Severity::Warning).map(|p| p.to_string()).collect();
    assert!(warnings.iter().any(|w| w.ends_with("ahus/guide/lokal.nb.md:3: warning: unknown front matter key \"forfatter\" is ignored")), "{warnings:#?}");
    assert!(warnings.iter().any(|w| w.contains("ukjent-tema.nb.md:4: warning: unknown theme \"kirurgi\" is ignored")), "{warnings:#?}");

    // The good files are there, the broken ones are not, and nothing else broke.
    app.page("/central/guide/god").await.assert_contains("<h1>Bruk av tolk</h1>");
    app.page("/ahus/guide/lokal").await.assert_contains("Dette er den lokale versjonen for Ahus");
    app.page("/central/guide/ukjent-tema").await.assert_contains("<h1>Tema</h1>");
    app.not_found("/central/news/god").await;
}

async fn translations_share_a_group_and_drafts_stay_hidden(backend: Backend) {
    let leaflet = |title: &str| format!("+++\ntitle = \"{title}\"\nthemes = [\"tolk\"]\n+++\nTekst.\n");
    let content = content_folder(&[
        ("central/patient/rett-til-tolk.nb.md", &leaflet("Du har rett til tolk")),
        ("central/patient/rett-til-tolk.ar.md", &leaflet("لديك الحق في مترجم")),
        ("central/patient/rett-til-tolk.ti.md", &leaflet("ናይ ተርጓሚ መሰል ኣለካ")),
        ("central/patient/kladd.nb.md", "+++\ntitle = \"Hemmelig kladd\"\nstatus = \"draft\"\n+++\nIkke ferdig.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "translations", content.path()).await else { return };
    let page = app.page("/vestfold/patient/rett-til-tolk/ti").await;
    page.assert_contains("<html lang=\"ti\" dir=\"ltr\">").assert_contains(">العربية</a>").assert_contains(">Norsk bokmål</a>");
    let list = app.page("/vestfold/patient").await;
    assert_eq!(list.body.matches("<li class=\"card\">").count(), 1, "one card for the three versions:\n{}", list.body);
    list.assert_lacks("Hemmelig kladd");
    app.not_found("/vestfold/patient/kladd").await;
    app.page("/sok?q=kladd").await.assert_contains("0 treff");
}

/// The id of the bokmål item `slug` in `area`.
async fn item_id(app: &TestApp, area: &str, slug: &str) -> fagbro::entities::ids::ItemId {
    let area = fagbro::areas::repo::by_slug(app.db(), area).await.unwrap().unwrap();
    fagbro::content::repo::by_key(app.db(), area.id, slug, "nb").await.unwrap().expect("the item").id
}

async fn an_import_never_undoes_an_editors_work_and_a_double_change_is_a_conflict(backend: Backend) {
    let content = content_folder(&[("central/guide/bruk-av-tolk.nb.md", GUIDE)]);
    let Some(app) = spawn_app_with_content(backend, "import_keeps_web_edits", content.path()).await else { return };
    let id = item_id(&app, "central", "bruk-av-tolk").await;
    let editor = app.signed_in("kari.sentral@example.no", Role::CentralEditor, &[]).await;
    let edit = format!("/redaksjon/innhold/{id}");
    editor.save_item(id, &[("title", "Bruk av tolk"), ("body", "Bestill tolk **minst to dager** før timen.")]).await.location();

    // The file did not change: the editor's text stays, and the report says so.
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((report.updated, report.unchanged, report.kept_web_edits, report.conflicts), (0, 0, 1, 0), "{report}");
    assert!(!report.has_errors(), "{:?}", report.problems);
    app.page("/central/guide/bruk-av-tolk").await.assert_contains("minst to dager");

    // The file changes too: a conflict naming the file, the page and what to do; nothing written.
    write_file(content.path(), "central/guide/bruk-av-tolk.nb.md", &GUIDE.replace("Alltid ved samtykke.", "Alltid ved samtykke og utskrivning."));
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((report.updated, report.conflicts), (0, 1), "{report}");
    assert!(report.has_errors());
    let conflict = report.problems.iter().find(|p| p.severity == Severity::Conflict).expect("a conflict").to_string();
    assert!(conflict.ends_with(&format!(
        "central/guide/bruk-av-tolk.nb.md: conflict: the file changed since the last import, and its page (guide/bruk-av-tolk, nb, id {id}) \
         was edited on the website since then (or made there); nothing was changed. Compare the two at /redaksjon/innhold/{id}/versjoner. \
         To keep the website's text, copy it into the file; to let the file win, run `fagbro import --overwrite central/guide/bruk-av-tolk.nb.md`."
    )), "{conflict}");
    app.page("/central/guide/bruk-av-tolk").await.assert_contains("minst to dager").assert_lacks("utskrivning");

    // The operator lets the file win: a revision and an audit entry name the import.
    // Named as the report prints it (folder and path); the path alone works too (below).
    let printed = conflict.split(": conflict:").next().unwrap().to_owned();
    let options = ImportOptions { overwrite: vec![printed], ..Default::default() };
    let report = import_content_with(app.db(), content.path(), &options).await.unwrap();
    assert_eq!((report.updated, report.conflicts), (1, 0), "{report}");
    app.page("/central/guide/bruk-av-tolk").await.assert_contains("utskrivning").assert_lacks("minst to dager");
    let versions = editor.page(&format!("{edit}/versjoner")).await;
    versions.assert_contains("bruk-av-tolk.nb.md: Oppdatert; endringene på nettsiden er overskrevet");
    let admin = app.signed_in("ada.admin@example.no", Role::Admin, &[]).await;
    admin.page("/redaksjon/logg").await.assert_contains("item.imported").assert_contains("bruk-av-tolk (nb, id");

    // From here on the file and the page agree: a file change alone is an update.
    write_file(content.path(), "central/guide/bruk-av-tolk.nb.md", &GUIDE.replace("Alltid ved samtykke.", "Alltid."));
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((report.updated, report.conflicts), (1, 0), "{report}");
    app.page("/central/guide/bruk-av-tolk").await.assert_contains("Alltid.");
    editor.page(&format!("{edit}/versjoner")).await.assert_contains("bruk-av-tolk.nb.md: Oppdatert<");

    // An editor copies their change into the file as well: no conflict, nothing to write.
    editor.save_item(id, &[("title", "Bruk av tolk"), ("body", "Ny tekst fra nettsiden.")]).await.location();
    let published = app.page("/central/guide/bruk-av-tolk").await;
    published.assert_contains("Ny tekst fra nettsiden.");
    let stored = fagbro::content::repo::item_by_id(app.db(), id).await.unwrap().unwrap();
    let themes: Vec<String> = fagbro::content::repo::themes_of(app.db(), id).await.unwrap().into_iter().map(|t| t.slug).collect();
    let updated = stored.updated_on.map(|d| format!("updated = {d}\n")).unwrap_or_default();
    let same = format!("+++\ntitle = {:?}\nsummary = {:?}\nthemes = {themes:?}\n{updated}+++\n{}", stored.title, stored.summary, stored.body_markdown);
    write_file(content.path(), "central/guide/bruk-av-tolk.nb.md", &same);
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((report.updated, report.conflicts, report.unchanged), (0, 0, 1), "{report}");
    // ... and from then on a change to the file alone is an update again.
    write_file(content.path(), "central/guide/bruk-av-tolk.nb.md", &same.replace("Ny tekst fra nettsiden.", "Ny tekst fra filen."));
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((report.updated, report.conflicts), (1, 0), "{report}");
}

async fn an_accepted_proposal_survives_the_next_import(backend: Backend) {
    let content = content_folder(&[("central/guide/bruk-av-tolk.nb.md", GUIDE)]);
    let Some(app) = spawn_app_with_content(backend, "import_keeps_proposals", content.path()).await else { return };
    let id = item_id(&app, "central", "bruk-av-tolk").await;
    let local = app.signed_in("lokal.ahus@example.no", Role::LocalEditor, &["ahus"]).await;
    let proposal = local
        .post(&format!("/redaksjon/innhold/{id}/forslag"), &[("title", "Bruk av tolk"), ("body", "Bruk tolketjenesten ved Ahus."), ("note", "Lokalt nummer")])
        .await
        .location();
    let central = app.signed_in("kari.sentral@example.no", Role::CentralEditor, &[]).await;
    central.post(&format!("{proposal}/godta"), &[]).await.location();
    app.page("/central/guide/bruk-av-tolk").await.assert_contains("tolketjenesten ved Ahus");
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((report.updated, report.kept_web_edits), (0, 1), "{report}");
    app.page("/central/guide/bruk-av-tolk").await.assert_contains("tolketjenesten ved Ahus");
}

async fn importing_another_content_folder_deletes_nothing(backend: Backend) {
    let guides: Vec<(String, String)> =
        (1..=8).map(|n| (format!("central/guide/veileder-{n}.nb.md"), format!("+++\ntitle = \"Veileder {n}\"\n+++\nTekst {n}.\n"))).collect();
    let files: Vec<(&str, &str)> = guides.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let content = content_folder(&files);
    let Some(app) = spawn_app_with_content(backend, "import_other_folder", content.path()).await else { return };
    let other = content_folder(&[("ahus/news/annen.nb.md", "+++\ntitle = \"Fra en annen mappe\"\n+++\nTekst.\n")]);
    let report = import_content(app.db(), other.path()).await.unwrap();
    assert_eq!(report.removed, 0, "{report}");
    let refusal = report.problems.iter().find(|p| p.severity == Severity::Error).expect("a refusal").to_string();
    assert!(refusal.contains("8 of the 9 pages imported from files have no file in this folder: is it the right content folder? Nothing was deleted."), "{refusal}");
    for n in 1..=8 {
        app.page(&format!("/central/guide/veileder-{n}")).await;
    }

    // A file removed on purpose deletes its page, with an audit entry; one edited on the
    // website since is kept and reported. (The other folder's page goes too: its file is
    // not in this folder.)
    std::fs::remove_file(content.path().join("central/guide/veileder-1.nb.md")).unwrap();
    std::fs::remove_file(content.path().join("central/guide/veileder-2.nb.md")).unwrap();
    let editor = app.signed_in("kari.sentral@example.no", Role::CentralEditor, &[]).await;
    let edited = item_id(&app, "central", "veileder-2").await;
    editor.save_item(&edited, &[("title", "Veileder 2"), ("body", "Redigert på nettsiden.")]).await.location();
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!((report.removed, report.conflicts), (2, 1), "{report} {:?}", report.problems);
    app.not_found("/central/guide/veileder-1").await;
    app.page("/central/guide/veileder-2").await.assert_contains("Redigert på nettsiden.");
    let admin = app.signed_in("ada.admin@example.no", Role::Admin, &[]).await;
    admin.page("/redaksjon/logg").await.assert_contains("item.deleted_by_import").assert_contains("veileder-1 (nb");

    // The operator confirms: --delete-missing deletes the pages of the missing files.
    let options = ImportOptions { delete_missing: true, overwrite: vec!["central/guide/veileder-2.nb.md".into()] };
    let report = import_content_with(app.db(), other.path(), &options).await.unwrap();
    assert_eq!(report.removed, 7, "{report} {:?}", report.problems);
    app.not_found("/central/guide/veileder-2").await;
}

crate::for_each_backend!(
    an_import_never_undoes_an_editors_work_and_a_double_change_is_a_conflict,
    an_accepted_proposal_survives_the_next_import,
    importing_another_content_folder_deletes_nothing,
    import_is_idempotent_and_picks_up_edits,
    malformed_files_are_reported_by_path_and_line_and_the_rest_imports,
    translations_share_a_group_and_drafts_stay_hidden,
);
