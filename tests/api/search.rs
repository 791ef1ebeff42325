//! Search as clinicians and integrators use it: the JSON API, the page, suggestions,
//! and an index that follows every publish, edit and unpublish within a second.
use std::time::{Duration, Instant};

use fagbro::import::import_content;
use fagbro::search::{SearchIndex, sync};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::Value;

use crate::helpers::{Backend, TestApp, content_folder, spawn_app_with_content, write_file};
use crate::on_both_backends;

impl TestApp {
    async fn search(&self, query: &str) -> Value {
        let response = self.client.get(format!("{}/api/search?{query}", self.address)).send().await.unwrap();
        assert_eq!(response.status(), 200, "/api/search?{query}");
        response.json().await.unwrap()
    }

    async fn search_error(&self, query: &str) -> Value {
        let response = self.client.get(format!("{}/api/search?{query}", self.address)).send().await.unwrap();
        assert_eq!(response.status(), 400, "/api/search?{query} should be refused");
        response.json().await.unwrap()
    }

    /// Polls the API until `check` holds; fails after a second.
    async fn eventually(&self, query: &str, what: &str, check: impl Fn(&Value) -> bool) -> Duration {
        let started = Instant::now();
        loop {
            let body = self.search(query).await;
            if check(&body) {
                return started.elapsed();
            }
            assert!(started.elapsed() < Duration::from_secs(1), "{what} did not show in search within a second: {body}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

fn titles(body: &Value) -> Vec<String> {
    body["hits"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap().to_owned()).collect()
}

on_both_backends!(
    the_search_api_answers_in_the_documented_shape,
    bad_parameters_get_a_json_error_naming_the_parameter,
    the_search_page_has_filters_counts_highlights_and_corrections,
    suggestions_complete_titles_as_you_type,
    pages_with_every_word_come_first_then_pages_with_some_of_them,
);

fn urls(body: &Value) -> Vec<String> {
    body["hits"].as_array().unwrap().iter().map(|h| h["url"].as_str().unwrap().to_owned()).collect()
}

/// "tolk demens": the few pages about both first, then every page about either, so the
/// query finds no fewer pages than either word alone; paging runs on across the seam.
async fn pages_with_every_word_come_first_then_pages_with_some_of_them(app: TestApp) {
    let tolk = app.search("q=tolk&limit=100").await;
    let demens = app.search("q=demens&limit=100").await;
    let both = app.search("q=tolk+demens&limit=100").await;
    let (tolk_urls, demens_urls) = (urls(&tolk), urls(&demens));
    let with_both: std::collections::BTreeSet<&String> = tolk_urls.iter().filter(|u| demens_urls.contains(u)).collect();
    let either: std::collections::BTreeSet<&String> = tolk_urls.iter().chain(demens_urls.iter()).collect();
    assert!(!with_both.is_empty() && with_both.len() < 10, "a query whose every word only a few pages have: {with_both:?}");
    let listed = urls(&both);
    assert_eq!(both["total"].as_u64().unwrap() as usize, either.len(), "every page with either word is counted");
    assert_eq!(listed.iter().collect::<std::collections::BTreeSet<_>>(), either, "and listed");
    let first: std::collections::BTreeSet<&String> = listed[..with_both.len()].iter().collect();
    assert_eq!(first, with_both, "the pages with both words come first");
    // The pages with one of the words follow in their own order of relevance; a page
    // straddling the seam is the same as in one long list.
    let seam = with_both.len();
    let page = app.search(&format!("q=tolk+demens&offset={}&limit=3", seam - 1)).await;
    assert_eq!(urls(&page), listed[seam - 1..seam + 2].to_vec());
    // Hopeless words change nothing: a page with every real word is still found first.
    let noisy = app.search("q=hvordan+bruke+tolker+i+konsultasjonen&limit=20").await;
    assert!(noisy["hits"].as_array().unwrap().len() >= 10, "more than the one page that has every word: {noisy}");
}

async fn the_search_api_answers_in_the_documented_shape(app: TestApp) {
    let body = app.search("q=tolk&limit=2").await;
    assert!(body["total"].as_u64().unwrap() > 10, "{body}");
    let hits = body["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    for key in ["slug", "lang", "type", "area", "title", "url", "snippet", "score"] {
        assert!(hits[0].get(key).is_some(), "hit has {key}: {}", hits[0]);
    }
    assert!(body["hits"].to_string().contains("<b>"), "snippets highlight the words: {body}");
    for facet in ["type", "theme", "area", "lang", "audience"] {
        assert!(body["facets"][facet].is_object(), "facet {facet}: {body}");
    }
    assert!(body["facets"]["type"]["interpreter"].as_u64().unwrap() >= 6, "{body}");
    assert_eq!(body["facets"]["type"]["patient"], 2, "the bokmål and nynorsk leaflets: {body}");
    assert!(body["facets"]["lang"].get("en").is_none(), "Norwegian 'tolk' is not in the English leaflet: {body}");
    assert!(body["facets"]["theme"]["tolk"].as_u64().unwrap() >= 10, "{body}");

    // Paging goes on where the first page stopped.
    let second = app.search("q=tolk&limit=2&offset=2").await;
    assert_ne!(titles(&body), titles(&second));

    // A filtered search counts only what it may show.
    let patient = app.search("q=interpreter&type=patient&lang=en").await;
    assert_eq!(patient["total"], 1, "{patient}");
    assert_eq!(patient["hits"][0]["url"], "/central/patient/rett-til-tolk/en");
    assert_eq!(patient["facets"]["type"], serde_json::json!({"patient": 1}));

    // The area filter means that area's own items and central items.
    let vestfold = app.search("q=tolk&area=vestfold&limit=100").await;
    let areas: Vec<&str> = vestfold["hits"].as_array().unwrap().iter().map(|h| h["area"].as_str().unwrap()).collect();
    assert!(areas.contains(&"vestfold") && areas.contains(&"central") && !areas.contains(&"ahus"), "{areas:?}");
    // ...and central items are linked within that area.
    assert!(vestfold["hits"].as_array().unwrap().iter().any(|h| h["url"].as_str().unwrap().starts_with("/vestfold/guide/")));

    // Empty and very long queries are answered, not crashed on.
    assert!(app.search("q=").await["total"].as_u64().unwrap() >= 90);
    app.search(&format!("q={}", "tolk+".repeat(2000))).await;
}

async fn bad_parameters_get_a_json_error_naming_the_parameter(app: TestApp) {
    for (query, parameter) in [
        ("q=tolk&limit=0", "limit"),
        ("q=tolk&limit=mange", "limit"),
        ("q=tolk&limit=1000", "limit"),
        ("q=tolk&offset=-1", "offset"),
        ("q=tolk&type=nyhet", "type"),
        ("q=tolk&lang=norsk", "lang"),
        ("q=tolk&area=bergen", "area"),
        ("q=tolk&theme=kirurgi", "theme"),
    ] {
        let error = app.search_error(query).await;
        assert_eq!(error["parameter"], parameter, "{query}: {error}");
        assert!(error["error"].as_str().unwrap().contains(parameter), "{query}: {error}");
    }
}

async fn the_search_page_has_filters_counts_highlights_and_corrections(app: TestApp) {
    let page = app.page("/sok?q=tolk").await;
    page.assert_contains("treff for «tolk»")
        .assert_contains("<b>")
        .assert_contains("Pasientinformasjon <span class=\"count\">(")
        .assert_contains("href=\"&#x2F;sok?q=tolk&amp;type=patient\"")
        .assert_contains("Neste side");
    let filtered = app.page("/sok?q=tolk&type=patient").await;
    filtered.assert_contains("Du har rett til tolk").assert_lacks("Bestille tolk ved Ahus").assert_contains("aria-current=\"true\"");
    app.page("/sok?q=demnes").await.assert_contains("Mente du").assert_contains(">demens</a>");
    // A word cut short is completed, not corrected into another word.
    app.page("/sok?q=delir").await.assert_contains("Mente du").assert_contains(">delirium</a>").assert_lacks(">deler</a>");
    app.page("/sok?q=%22kvalifisert+tolk%22").await.assert_contains("Når kreves kvalifisert tolk?");
    let refused = app.get("/sok?q=tolk&type=nyhet").await;
    assert_eq!(refused.status, 400);
    refused.assert_contains("Søket kan ikke utføres");
    // The visitor's own area ranks first.
    app.page("/innlandet").await;
    let local = app.page("/sok?q=bestille+tolk").await;
    assert!(local.position_of("Bestille tolk i Innlandet") < local.position_of("Bestille tolk i Vestfold"));
}

async fn suggestions_complete_titles_as_you_type(app: TestApp) {
    let response = app.client.get(format!("{}/api/suggest?q=bruk+av+to", app.address)).send().await.unwrap();
    let body: Value = response.json().await.unwrap();
    let found: Vec<&str> = body["suggestions"].as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert!(found.contains(&"Bruk av tolk i helsetjenesten"), "{body}");
    let empty: Value = app.client.get(format!("{}/api/suggest?q=", app.address)).send().await.unwrap().json().await.unwrap();
    assert_eq!(empty["suggestions"], serde_json::json!([]));
}

const EVENT: &str = "+++\ntitle = \"Fagdag om smertelindring\"\nstarts = 2027-03-01T09:00\nthemes = [\"tolk\"]\n+++\nEn dag om smertelindring.\n";

async fn publishing_editing_and_unpublishing_show_in_search_within_a_second(backend: Backend) {
    let content = content_folder(&[
        ("central/guide/synlig.nb.md", "+++\ntitle = \"Synlig veileder\"\n+++\nOm tolk.\n"),
        ("central/guide/kladd.nb.md", "+++\ntitle = \"Hemmelig kladd\"\nstatus = \"draft\"\n+++\nHemmeligord står her.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "search_sync", content.path()).await else { return };
    // Drafts are never searchable: not in hits, snippets, suggestions or counts.
    assert_eq!(app.search("q=hemmeligord").await["total"], 0);
    assert_eq!(app.search("q=").await["total"], 1);
    let suggest: Value = app.client.get(format!("{}/api/suggest?q=hemmelig", app.address)).send().await.unwrap().json().await.unwrap();
    assert_eq!(suggest["suggestions"], serde_json::json!([]));

    write_file(content.path(), "ahus/event/fagdag.nb.md", EVENT);
    import_content(app.db(), content.path()).await.unwrap();
    let took = app.eventually("q=smertelindring", "a new event", |b| titles(b).contains(&"Fagdag om smertelindring".to_owned())).await;
    println!("published item searchable after {took:?}");

    write_file(content.path(), "ahus/event/fagdag.nb.md", &EVENT.replace("Fagdag om smertelindring", "Fagdag om smerte hos eldre"));
    import_content(app.db(), content.path()).await.unwrap();
    app.eventually("q=smertelindring", "an edited title", |b| titles(b) == ["Fagdag om smerte hos eldre"]).await;

    write_file(content.path(), "ahus/event/fagdag.nb.md", &EVENT.replace("+++\ntitle", "+++\nstatus = \"draft\"\ntitle"));
    import_content(app.db(), content.path()).await.unwrap();
    app.eventually("q=smertelindring", "an unpublished item leaving", |b| b["total"] == 0).await;

    write_file(content.path(), "central/guide/kladd.nb.md", "+++\ntitle = \"Ferdig veileder\"\n+++\nHemmeligord står her.\n");
    import_content(app.db(), content.path()).await.unwrap();
    app.eventually("q=hemmeligord", "a published draft", |b| titles(b) == ["Ferdig veileder"]).await;

    app.page("/central/guide/kladd").await.assert_contains("Ferdig veileder");
    std::fs::remove_file(content.path().join("central/guide/kladd.nb.md")).unwrap();
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert_eq!(report.removed, 1, "{report}");
    app.eventually("q=hemmeligord", "a deleted item leaving", |b| b["total"] == 0).await;
    app.not_found("/central/guide/kladd").await;
}

/// On PostgreSQL a change-log id is taken when a transaction writes, not when it
/// commits: an editor's slow save can commit after a quicker one with a higher id has
/// been indexed. The slow save still reaches search.
/// PostgreSQL only: SQLite has one writer at a time, so its ids commit in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_committed_after_a_later_one_still_reaches_search() {
    let backend = Backend::Postgres;
    let content = content_folder(&[
        ("central/guide/treg.nb.md", "+++\ntitle = \"Treg lagring\"\n+++\nTekst.\n"),
        ("central/guide/rask.nb.md", "+++\ntitle = \"Rask lagring\"\n+++\nTekst.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "search_out_of_order", content.path()).await else { return };
    let slow = app.db().begin().await.unwrap();
    slow.execute_unprepared("UPDATE content_items SET title = 'Treg lagring om hofteprotese' WHERE slug = 'treg'").await.unwrap();
    slow.execute_unprepared(
        "INSERT INTO content_changes (content_item_id, changed_at) SELECT id, now() FROM content_items WHERE slug = 'treg'",
    )
    .await
    .unwrap();

    write_file(content.path(), "central/guide/rask.nb.md", "+++\ntitle = \"Rask lagring om hofteprotese\"\n+++\nTekst.\n");
    import_content(app.db(), content.path()).await.unwrap();
    app.eventually("q=hofteprotese", "the quick save", |b| titles(b) == ["Rask lagring om hofteprotese"]).await;

    slow.commit().await.unwrap();
    app.eventually("q=hofteprotese", "the slow save", |b| b["total"] == 2).await;
}

async fn a_restarted_index_catches_up_from_the_change_log_without_a_rebuild(backend: Backend) {
    let content = content_folder(&[
        ("central/guide/en.nb.md", "+++\ntitle = \"Første veileder\"\n+++\nTekst.\n"),
        ("central/guide/to.nb.md", "+++\ntitle = \"Andre veileder\"\n+++\nTekst.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "search_restart", content.path()).await else { return };
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(sync::catch_up(app.db(), &index).await.unwrap(), 2, "a new index is built from the database");
        assert_eq!(index.num_docs(), 2);
    } // The process "dies" here: the index keeps only what it committed.

    write_file(content.path(), "central/guide/to.nb.md", "+++\ntitle = \"Andre veileder, revidert\"\n+++\nTekst.\n");
    write_file(content.path(), "central/guide/tre.nb.md", "+++\ntitle = \"Tredje veileder\"\n+++\nTekst.\n");
    import_content(app.db(), content.path()).await.unwrap();

    let index = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(sync::catch_up(app.db(), &index).await.unwrap(), 2, "only the two changed items are applied");
    assert_eq!(index.num_docs(), 3);
    assert_eq!(sync::catch_up(app.db(), &index).await.unwrap(), 0, "nothing is applied twice");
    drop(index);

    // The same index folder put beside another database is rebuilt, not trusted, even
    // when that database has logged more changes than the index has applied.
    let other_files: Vec<(String, String)> = (1..=6)
        .map(|n| (format!("central/guide/annen-{n}.nb.md"), format!("+++\ntitle = \"Annen database {n}\"\n+++\nTekst.\n")))
        .collect();
    let other_refs: Vec<(&str, &str)> = other_files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let other = content_folder(&other_refs);
    let Some(fresh) = spawn_app_with_content(backend, "search_restart_other", other.path()).await else { return };
    let index = SearchIndex::open(dir.path()).unwrap();
    sync::catch_up(fresh.db(), &index).await.unwrap();
    assert_eq!(index.num_docs(), 6, "only the other database's pages");
}

/// One nurse writes nynorsk, a colleague bokmål: each finds the
/// other's page with the words of their own written standard.
async fn bokmal_and_nynorsk_find_each_others_pages(backend: Backend) {
    let content = content_folder(&[
        ("vestfold/guide/sarstell-heime.nn.md", "+++\ntitle = \"Sårstell i heimesjukepleia\"\nsummary = \"Korleis helsetenesta følgjer opp sår hos pasientar som bur heime.\"\n+++\nSjukepleiarane skiftar bandasje. Ikkje bruk sprit på såret.\n"),
        ("vestfold/guide/hjemmesykepleien.nb.md", "+++\ntitle = \"Hjemmesykepleien i kommunen\"\nsummary = \"Hvordan helsetjenesten følger opp pasienter som bor hjemme.\"\n+++\nSykepleierne kommer hjem til pasienten.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "nynorsk", content.path()).await else { return };
    for (query, both) in [("hjemmesykepleien", true), ("heimesjukepleia", true), ("helsetjenesten", true), ("helsetenesta", true), ("pasientar", true), ("pasienter", true), ("sykepleierne", true), ("sjukepleiar", true)] {
        let found = titles(&app.search(&format!("q={query}")).await);
        assert!(found.contains(&"Sårstell i heimesjukepleia".to_owned()), "{query}: {found:?}");
        assert_eq!(found.contains(&"Hjemmesykepleien i kommunen".to_owned()), both, "{query}: {found:?}");
    }
    // The page in the reader's own standard first, when it has the word as typed.
    assert_eq!(titles(&app.search("q=heimesjukepleia").await)[0], "Sårstell i heimesjukepleia");
    assert_eq!(titles(&app.search("q=hjemmesykepleien").await)[0], "Hjemmesykepleien i kommunen");
}

/// A nurse types the compound she has in mind, the acronym she knows, the plural, or the
/// editors' keyword: each finds the page that writes it otherwise, and guidance comes
/// before the news that mentions it.
async fn compounds_acronyms_keywords_and_plurals_find_pages_written_otherwise(backend: Backend) {
    let content = content_folder(&[
        ("central/guide/kateter.nb.md", "+++\ntitle = \"Stell av urinkateter\"\nsummary = \"Daglig stell.\"\ntags = [\"blære\"]\n+++\nVask rundt kateteret.\n"),
        ("central/guide/lar.nb.md", "+++\ntitle = \"Legemiddelassistert rehabilitering\"\nsummary = \"Om LAR i kommunen.\"\n+++\nTekst.\n"),
        ("central/guide/laar.nb.md", "+++\ntitle = \"Injeksjon i låret\"\nsummary = \"Ikke alle lar seg stikke.\"\n+++\nTekst.\n"),
        ("central/guide/lister.nb.md", "+++\ntitle = \"Samstemming av legemiddellister\"\nsummary = \"Før utskrivning.\"\n+++\nTekst.\n"),
        ("central/news/kateter-nytt.nb.md", "+++\ntitle = \"Nytt om stell av urinkateter\"\nsummary = \"Kurs.\"\npublished = 2026-11-01\n+++\nTekst.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "written_otherwise", content.path()).await else { return };
    let found = titles(&app.search("q=kateterstell").await);
    assert_eq!(found, ["Stell av urinkateter", "Nytt om stell av urinkateter"], "the compound in pieces, guidance first");
    assert_eq!(titles(&app.search("q=LAR").await), ["Legemiddelassistert rehabilitering"], "not lar, not lår");
    assert!(titles(&app.search("q=lar").await).len() >= 2, "typed small, it is the word");
    assert!(titles(&app.search("q=legemidler").await).contains(&"Samstemming av legemiddellister".to_owned()), "the plural of legemiddel");
    assert_eq!(titles(&app.search("q=bl%C3%A6re").await), ["Stell av urinkateter"], "the editors' keyword");
}

/// A clinician looks for the leaflet to hand a patient who reads Polish: the Norwegian
/// word with the language chosen finds the Polish leaflet, and still does after the
/// original is renamed. Without a language, the word finds the Norwegian page only.
async fn a_norwegian_word_with_a_language_finds_the_leaflet_in_that_language(backend: Backend) {
    const ORIGINAL: &str = "+++\ntitle = \"Slik bruker du antibiotika\"\nsummary = \"Ta hele kuren.\"\n+++\nTekst.\n";
    let content = content_folder(&[
        ("central/patient/antibiotika.nb.md", ORIGINAL),
        ("central/patient/antibiotika.pl.md", "+++\ntitle = \"Jak przyjmować antybiotyki\"\nsummary = \"Cała kuracja.\"\n+++\nTekst.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "found_by_original", content.path()).await else { return };
    assert_eq!(titles(&app.search("q=antibiotika&lang=pl").await), ["Jak przyjmować antybiotyki"]);
    assert_eq!(titles(&app.search("q=kuren&lang=pl").await), ["Jak przyjmować antybiotyki"], "the original's summary too");
    assert_eq!(titles(&app.search("q=antibiotika").await), ["Slik bruker du antibiotika"]);

    let renamed = ORIGINAL.replace("antibiotika\"", "penicillin\"").replace("kuren", "behandlingen");
    write_file(content.path(), "central/patient/antibiotika.nb.md", &renamed);
    import_content(app.db(), content.path()).await.unwrap();
    app.eventually("q=penicillin&lang=pl", "the translation by its renamed original", |b| titles(b) == ["Jak przyjmować antybiotyki"]).await;
    assert_eq!(app.search("q=kuren&lang=pl").await["total"], 0, "not by the old summary");
}

/// Pages the searcher wants that do not say the word as typed: a guide under the theme
/// "Sårbehandling" (and again after the theme is renamed), a course that writes
/// "trykksårforebygging", a page tagged "diabetes" found by "diabtes"; and a leaflet's
/// Norwegian original before its translation that says the same.
async fn pages_are_found_by_their_themes_longer_words_and_a_word_nearly_typed(backend: Backend) {
    const THEMES: &str = "[[theme]]\nslug = \"sar\"\nname = \"Sårbehandling\"\ndescription = \"Sår.\"\n";
    let content = content_folder(&[
        ("themes.toml", THEMES),
        ("central/guide/fotstell.nb.md", "+++\ntitle = \"Fotundersøkelse\"\nthemes = [\"sar\"]\n+++\nSe etter fotsår.\n"),
        ("central/guide/kurs.nb.md", "+++\ntitle = \"Kurs for hjemmetjenesten\"\n+++\nTemaet er trykksårforebygging.\n"),
        ("central/guide/insulin.nb.md", "+++\ntitle = \"Administrering av insulin\"\ntags = [\"diabetes\"]\n+++\nTekst.\n"),
        // The translation's title is shorter: on the text alone it would rank first.
        ("central/patient/kols.nb.md", "+++\ntitle = \"Når pusten blir tyngre ved KOLS: råd til deg og dine pårørende hjemme\"\n+++\nKOLS.\n"),
        ("central/patient/kols.en.md", "+++\ntitle = \"Breathing with KOLS\"\n+++\nKOLS.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "found_otherwise", content.path()).await else { return };
    assert_eq!(titles(&app.search("q=s%C3%A5rbehandling").await), ["Fotundersøkelse"], "by its theme's name");
    assert_eq!(titles(&app.search("q=trykks%C3%A5r").await), ["Kurs for hjemmetjenesten"], "the start of a longer word");
    assert_eq!(titles(&app.search("q=diabtes").await), ["Administrering av insulin"], "the nearest word, in the keywords too");
    assert_eq!(titles(&app.search("q=kols").await), ["Når pusten blir tyngre ved KOLS: råd til deg og dine pårørende hjemme", "Breathing with KOLS"], "the original first");

    write_file(content.path(), "themes.toml", &THEMES.replace("Sårbehandling", "Sårstell"));
    import_content(app.db(), content.path()).await.unwrap();
    app.eventually("q=s%C3%A5rstell", "a page by its theme's new name", |b| titles(b) == ["Fotundersøkelse"]).await;
    assert_eq!(app.search("q=s%C3%A5rbehandling").await["total"], 0, "not by the old name");
}

crate::for_each_backend!(
    pages_are_found_by_their_themes_longer_words_and_a_word_nearly_typed,
    a_norwegian_word_with_a_language_finds_the_leaflet_in_that_language,
    compounds_acronyms_keywords_and_plurals_find_pages_written_otherwise,
    publishing_editing_and_unpublishing_show_in_search_within_a_second,
    a_restarted_index_catches_up_from_the_change_log_without_a_rebuild,
    bokmal_and_nynorsk_find_each_others_pages,
);

/// A central editor adds "føling = hypoglykemi" and a search for either finds the pages
/// of both within seconds, on every instance; the sample groups come with the content;
/// a local editor cannot change them; the audit log keeps who did it.
async fn editors_keep_synonyms_and_search_uses_them_within_seconds(backend: Backend) {
    let content = content_folder(&[
        ("central/guide/lavt-sukker.nb.md", "+++\ntitle = \"Når sukkeret faller\"\nsummary = \"Hypoglykemi hos eldre med diabetes.\"\n+++\nTekst.\n"),
        ("central/guide/skjelving.nb.md", "+++\ntitle = \"Skjelving og svette\"\nsummary = \"Føling kjennes som skjelving.\"\n+++\nTekst.\n"),
        ("synonyms.toml", "groups = [\"UVI, urinveisinfeksjon\"]\n"),
        ("central/guide/uvi.nb.md", "+++\ntitle = \"Urinveisinfeksjon hos eldre\"\n+++\nTekst.\n"),
    ]);
    let Some(app) = spawn_app_with_content(backend, "synonyms", content.path()).await else { return };
    assert_eq!(titles(&app.search("q=UVI").await), ["Urinveisinfeksjon hos eldre"], "the shipped group works at once");
    assert_eq!(titles(&app.search("q=hypoglykemi").await), ["Når sukkeret faller"]);

    let central = app.signed_in("sentral.redaktor@example.no", fagbro::accounts::Role::CentralEditor, &[]).await;
    central.page("/redaksjon/synonymer").await.assert_contains("uvi, urinveisinfeksjon");
    let refused = central.post("/redaksjon/synonymer", &[("words", "føling")]).await;
    assert_eq!(refused.status, 422);
    refused.assert_contains("minst to ord").assert_contains("value=\"føling\"");
    assert_eq!(central.post("/redaksjon/synonymer", &[("words", "Føling = hypoglykemi")]).await.location(), "/redaksjon/synonymer?lagt=1");
    let started = Instant::now();
    app.eventually_within("q=hypoglykemi", Duration::from_secs(5), |b| titles(b).len() == 2).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    // The word typed ranks first; the synonym's page follows.
    assert_eq!(titles(&app.search("q=hypoglykemi").await), ["Når sukkeret faller", "Skjelving og svette"]);
    assert_eq!(titles(&app.search("q=foling").await), ["Skjelving og svette", "Når sukkeret faller"]);

    // Only central editors keep them.
    let local = app.signed_in("kari.vestfold@example.no", fagbro::accounts::Role::LocalEditor, &["vestfold"]).await;
    assert_eq!(local.get("/redaksjon/synonymer").await.status, 403);
    assert_eq!(local.post("/redaksjon/synonymer", &[("words", "a, b")]).await.status, 403);
    // Removed: gone from search again, and both changes are in the audit log.
    let page = central.page("/redaksjon/synonymer").await;
    let id = page.body.split("action=\"/redaksjon/synonymer/").nth(2).unwrap().split('/').next().unwrap().to_owned();
    central.post(&format!("/redaksjon/synonymer/{id}/slett"), &[]).await;
    app.eventually_within("q=hypoglykemi", Duration::from_secs(5), |b| titles(b).len() == 1).await;
    let admin = app.signed_in("ada.admin@example.no", fagbro::accounts::Role::Admin, &[]).await;
    admin.page("/redaksjon/logg").await.assert_contains("search.synonyms_added").assert_contains("search.synonyms_removed").assert_contains("føling, hypoglykemi");
}

impl TestApp {
    /// Polls the API until `check` holds; fails after `within`.
    async fn eventually_within(&self, query: &str, within: Duration, check: impl Fn(&Value) -> bool) {
        let started = Instant::now();
        loop {
            let body = self.search(query).await;
            if check(&body) {
                return;
            }
            assert!(started.elapsed() < within, "/api/search?{query} did not change within {within:?}: {body}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

crate::for_each_backend!(editors_keep_synonyms_and_search_uses_them_within_seconds);

/// Readers in Vestfold search; Vestfold's editor sees the day's queries: the most
/// searched, those that found nothing, those whose hits nobody opened; and from a query
/// that found nothing a central editor goes one step to a synonym group.
async fn editors_see_a_day_of_searches_per_area(backend: Backend) {
    let Some(app) = crate::helpers::spawn_app(backend, "insights").await else { return };
    let reader = app.browser();
    reader.page("/vestfold").await; // the site remembers the reader's area
    for query in ["tolk", "Tolk ", "qwzxqwzx vbnmvbnm", "demens"] {
        reader.page(&format!("/sok?q={}", query.replace(' ', "+"))).await;
    }
    // The reader opens a hit of "tolk" from the results.
    let results = reader.page("/sok?q=tolk&offset=20").await;
    let first = reader.page("/sok?q=tolk").await;
    let link = crate::helpers::unescape(first.body.split("class=\"card-title\"><a href=\"").nth(1).unwrap().split('"').next().unwrap());
    assert!(link.starts_with("/sok/apne?q=tolk&til=%2F"), "{link}");
    let opened = reader.get(&link).await;
    assert_eq!(opened.status, 303);
    assert!(opened.location().starts_with("/vestfold/"), "{}", opened.location());
    assert_eq!(reader.get("/sok/apne?q=tolk&til=https%3A%2F%2Fevil.example").await.status, 400, "only pages of this site");
    drop(results);

    let editor = app.signed_in("kari.vestfold@example.no", fagbro::accounts::Role::LocalEditor, &["vestfold"]).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    let page = loop {
        let page = editor.page("/redaksjon/sokeinnsikt?dager=1").await;
        if page.body.contains("<td>3</td>") || Instant::now() > deadline {
            break page;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let most = page.body.split("id=\"most-searched\"").nth(1).unwrap().split("</table>").next().unwrap();
    assert!(most.contains(">tolk</a></td><td>3</td><td>0</td><td>1</td>"), "tolk three times (the third on its own page 1), opened once:\n{most}");
    let none = page.body.split("id=\"no-hits\"").nth(1).unwrap().split("</table>").next().unwrap();
    assert!(none.contains("<td>qwzxqwzx vbnmvbnm</td><td>1</td>") && !none.contains("tolk"), "{none}");
    let unopened = page.body.split("id=\"not-opened\"").nth(1).unwrap().split("</table>").next().unwrap();
    assert!(unopened.contains(">demens</a>") && !unopened.contains(">tolk</a>"), "{unopened}");
    assert!(!page.body.contains("Lag synonymgruppe"), "only central editors keep synonyms");
    // Ahus's editor sees Ahus's searches only.
    let ahus = app.signed_in("ola.ahus@example.no", fagbro::accounts::Role::LocalEditor, &["ahus"]).await;
    ahus.page("/redaksjon/sokeinnsikt?dager=1").await.assert_contains("Ingen søk i perioden.");
    assert_eq!(ahus.get("/redaksjon/sokeinnsikt?omrade=vestfold").await.status, 403);
    // From a query that found nothing to a synonym group, in one step.
    let central = app.signed_in("sentral.redaktor@example.no", fagbro::accounts::Role::CentralEditor, &[]).await;
    let all = central.page("/redaksjon/sokeinnsikt?dager=7").await;
    let to_synonyms = crate::helpers::unescape(all.body.split("href=\"/redaksjon/synonymer?ord=").nth(1).unwrap().split('"').next().unwrap());
    central.page(&format!("/redaksjon/synonymer?ord={to_synonyms}")).await.assert_contains("value=\"qwzxqwzx vbnmvbnm, \"");
}

crate::for_each_backend!(editors_see_a_day_of_searches_per_area);
