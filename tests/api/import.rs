//! Importing content files: idempotent, edits picked up, malformed files reported by
//! path and line while the rest still imports, translation groups kept together.
use fagbro::content::import::{Severity, import_content};

use crate::helpers::{Backend, content_folder, spawn_app_with_content, write_file};

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

crate::for_each_backend!(
    import_is_idempotent_and_picks_up_edits,
    malformed_files_are_reported_by_path_and_line_and_the_rest_imports,
    translations_share_a_group_and_drafts_stay_hidden,
);
