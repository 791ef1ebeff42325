//! The course editor's stories: a central editor builds a new course in `/redaksjon`,
//! cannot publish it until it is complete, publishes it, and learners take it; later
//! edits wait for "Publiser kursendringene" and become a new version while learners
//! who started keep theirs; the revision list shows what changed in the structure; bad
//! input and stale pages are refused with nothing written. On SQLite and PostgreSQL.
use fagbro::accounts::Role;
use fagbro::courses::versions;

use crate::helpers::{Browser, Page, TestApp};
use crate::on_both_backends;

on_both_backends!(
    an_editor_builds_a_course_in_the_browser_publishes_it_and_a_learner_takes_it,
    edits_to_a_published_course_wait_for_publishing_and_learners_keep_their_version,
    course_editing_refuses_bad_input_and_stale_pages_and_writes_nothing,
);

/// The revision number a page's course forms send back.
fn revision_on(page: &Page) -> String {
    let marker = "name=\"revision\" value=\"";
    let start = page.body.find(marker).unwrap_or_else(|| panic!("no revision on the page:\n{}", page.body)) + marker.len();
    page.body[start..].split('"').next().unwrap().to_owned()
}

/// Sends one of the course editor's forms from the page at `from`, as the page would.
async fn send(editor: &Browser, from: &str, to: &str, fields: &[(&str, &str)]) -> Page {
    let revision = revision_on(&editor.page(from).await);
    let mut form = vec![("revision", revision.as_str())];
    form.extend_from_slice(fields);
    editor.post(to, &form).await
}

/// Creates a course the way the "Ny side" form does; its outline page.
async fn new_course(editor: &Browser, title: &str) -> String {
    let created = editor.post("/redaksjon/innhold", &[("area", "central"), ("kind", "course"), ("lang", "nb"), ("slug", ""), ("title", title), ("summary", "Kjenne igjen og forebygge delirium.")]).await;
    let outline = created.location();
    assert!(outline.starts_with("/redaksjon/kurs/"), "a new course opens in the course editor: {outline}");
    outline
}

/// Builds a one-module course with one lesson and an exam of one question.
async fn build_small_course(editor: &Browser, outline: &str) {
    send(editor, outline, outline, &[("handling", "ny-modul"), ("tittel", "Kjenne igjen delirium")]).await.location();
    let lesson = send(editor, outline, outline, &[("handling", "ny-leksjon"), ("modul", "modul-1"), ("tittel", "Hva er delirium?")]).await.location();
    assert_eq!(lesson, format!("{outline}/steg/01-hva-er-delirium"), "a new lesson opens for writing");
    let body = "Delirium er en **akutt** forvirringstilstand.\n\n- Oppstår raskt\n- Svinger gjennom døgnet\n";
    let saved = send(editor, &lesson, &lesson, &[("handling", "lagre-leksjon"), ("tittel", "Hva er delirium?"), ("body", body)]).await;
    assert_eq!(saved.location(), outline);
    send(editor, outline, outline, &[("handling", "ny-prove")]).await.location();
    let exam = format!("{outline}/steg/eksamen");
    let question = [
        ("kind", "single"),
        ("text", "Hva kjennetegner delirium?"),
        ("alternativ.0", "Det kommer brått og svinger"),
        ("riktig", "0"),
        ("forklaring.0", "Riktig: akutt debut og svingninger."),
        ("alternativ.1", "Det utvikler seg over år"),
        ("forklaring.1", "Det er typisk for demens."),
        ("explanation", "Delirium kommer raskt, demens sakte."),
    ];
    let added = send(editor, &format!("{exam}/sporsmal/ny?type=single"), &format!("{exam}/sporsmal/ny"), &question).await;
    assert_eq!(added.location(), exam);
}

async fn item_id(outline: &str) -> fagbro::entities::ids::ItemId {
    fagbro::entities::ids::ItemId(outline.trim_start_matches("/redaksjon/kurs/").parse().unwrap())
}

async fn an_editor_builds_a_course_in_the_browser_publishes_it_and_a_learner_takes_it(app: TestApp) {
    let editor = app.signed_in("kari.sentral@example.no", Role::CentralEditor, &[]).await;
    let outline = new_course(&editor, "Delirium på sykehjem").await;
    let page = editor.page(&outline).await;
    page.assert_contains("Før kurset kan publiseres").assert_contains("kurset trenger minst én modul");

    // Publishing an incomplete course is refused, naming what is missing.
    send(&editor, &outline, &outline, &[("handling", "ny-modul"), ("tittel", "Kjenne igjen delirium")]).await.location();
    let status = format!("/redaksjon/innhold/{}/status", item_id(&outline).await);
    let refused = editor.post(&status, &[("to", "publish")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    refused.assert_contains("Kurset kan ikke publiseres ennå: modul 1: modulen trenger minst én leksjon.");
    send(&editor, &outline, &outline, &[("handling", "slett-modul"), ("modul", "modul-1")]).await.location();

    build_small_course(&editor, &outline).await;
    let page = editor.page(&outline).await;
    page.assert_lacks("Før kurset kan publiseres").assert_contains("Hva er delirium?").assert_contains("(1 spørsmål)");
    send(&editor, &outline, &outline, &[("handling", "innstillinger"), ("varighet", "20"), ("bestatt", "100"), ("forsok", "2"), ("laeringsmal", "Kjenne igjen delirium\r\nVite hva du gjør")]).await.location();
    assert_eq!(editor.post(&status, &[("to", "publish")]).await.location(), outline);

    // The course is in the catalogue, and a learner takes it to a certificate.
    app.page("/kurs").await.assert_contains("Delirium på sykehjem");
    let course = "/kurs/central/delirium-pa-sykehjem";
    app.page(course).await.assert_contains("Kjenne igjen delirium").assert_contains("20 min").assert_contains("Vite hva du gjør").assert_contains("2 forsøk");
    let learner = app.signed_in("ola.laerer@example.no", Role::Learner, &[]).await;
    learner.post(&format!("{course}/start"), &[]).await.location();
    learner.page(&format!("{course}/01-hva-er-delirium")).await.assert_contains("<strong>akutt</strong>");
    learner.post(&format!("{course}/01-hva-er-delirium/fullfort"), &[]).await.location();
    let attempt = learner.post(&format!("{course}/eksamen/forsok"), &[]).await.location();
    let (name, value) = learner.page(&attempt).await.quiz_form().choose(1, "Det kommer brått og svinger");
    learner.post(&attempt, &[(&name, &value)]).await.location();
    learner.page(&attempt).await.assert_contains("Bestått").assert_contains("Delirium kommer raskt, demens sakte.");
    learner.page("/min-side").await.assert_contains("Delirium på sykehjem").assert_lacks("Du har ingen kursbevis ennå.");

    // Every change is a revision by the editor, and the audit log names the course edits.
    let revisions = editor.page(&format!("/redaksjon/innhold/{}/versjoner", item_id(&outline).await)).await;
    revisions.assert_contains("Leksjon lagt til: Hva er delirium?").assert_contains("Spørsmål 1 lagt til i Avsluttende prøve").assert_contains("Publisert (kursversjon 1)");
    let admin = app.signed_in("admin.sjef@example.no", Role::Admin, &[]).await;
    admin.page("/redaksjon/logg").await.assert_contains("item.course_edited");
}

async fn edits_to_a_published_course_wait_for_publishing_and_learners_keep_their_version(app: TestApp) {
    let editor = app.signed_in("kari.sentral@example.no", Role::CentralEditor, &[]).await;
    let outline = new_course(&editor, "Delirium på sykehjem").await;
    build_small_course(&editor, &outline).await;
    let id = item_id(&outline).await;
    let status = format!("/redaksjon/innhold/{id}/status");
    editor.post(&status, &[("to", "publish")]).await.location();
    let course = "/kurs/central/delirium-pa-sykehjem";
    let early = app.signed_in("tidlig.start@example.no", Role::Learner, &[]).await;
    early.post(&format!("{course}/start"), &[]).await.location();

    // The editor rewrites the lesson and adds a second lesson: learners see nothing yet.
    let lesson = format!("{outline}/steg/01-hva-er-delirium");
    let rewritten = "Delirium er en akutt forvirringstilstand som krever rask utredning.\n";
    send(&editor, &lesson, &lesson, &[("handling", "lagre-leksjon"), ("tittel", "Hva er delirium?"), ("body", rewritten)]).await.location();
    let second = send(&editor, &outline, &outline, &[("handling", "ny-leksjon"), ("modul", "modul-1"), ("tittel", "Forebygging")]).await.location();
    send(&editor, &second, &second, &[("handling", "lagre-leksjon"), ("tittel", "Forebygging"), ("body", "Søvn, mat og drikke, briller og høreapparat.")]).await.location();
    app.page(&format!("{course}/01-hva-er-delirium")).await.assert_lacks("rask utredning");
    app.not_found(&format!("{course}/02-forebygging")).await;
    let page = editor.page(&outline).await;
    page.assert_contains("Publiser kursendringene").assert_contains("endringer som deltakerne ikke ser ennå");

    // The revision list shows the structure change line by line.
    let all = editor.page(&format!("/redaksjon/innhold/{id}/versjoner")).await;
    all.assert_contains("Leksjon lagt til: Forebygging");
    let latest: i32 = revision_on(&editor.page(&outline).await).parse().unwrap();
    let diff = editor.page(&format!("/redaksjon/innhold/{id}/versjoner?fra={}&til={latest}", latest - 3)).await;
    diff.assert_contains("Lagt til: </span>  Delirium er en akutt forvirringstilstand som krever rask utredning.")
        .assert_contains("Lagt til: </span>Leksjon: Forebygging");

    // Published, the changes are version 2: a new learner gets it, the early one keeps 1.
    assert_eq!(editor.post(&status, &[("to", "publish_changes")]).await.location(), outline);
    assert_eq!(versions::latest(app.db(), id).await.unwrap().unwrap().number, 2);
    let again = editor.post(&status, &[("to", "publish_changes")]).await;
    assert_eq!(again.status, 409, "nothing waits to be published");
    app.page(&format!("{course}/02-forebygging")).await.assert_contains("briller og høreapparat");
    early.page(course).await.assert_contains("<dt>Versjon</dt><dd>1,");
    early.page(&format!("{course}/01-hva-er-delirium")).await.assert_lacks("rask utredning");
    let late = app.signed_in("sen.start@example.no", Role::Learner, &[]).await;
    late.post(&format!("{course}/start"), &[]).await.location();
    late.page(course).await.assert_contains("<dt>Versjon</dt><dd>2,");
    late.page(&format!("{course}/01-hva-er-delirium")).await.assert_contains("rask utredning");
}

async fn course_editing_refuses_bad_input_and_stale_pages_and_writes_nothing(app: TestApp) {
    let editor = app.signed_in("kari.sentral@example.no", Role::CentralEditor, &[]).await;
    let central = fagbro::areas::repo::by_slug(app.db(), "central").await.unwrap().unwrap();
    let item = fagbro::content::repo::by_key(app.db(), central.id, "kommunikasjon-via-tolk", "nb").await.unwrap().unwrap();
    let outline = format!("/redaksjon/kurs/{}", item.id);
    let exam = format!("{outline}/steg/avsluttende-test");
    let revisions = || async { fagbro::content::revisions::latest_number(app.db(), item.id).await.unwrap() };
    let before = revisions().await;

    // A question with no right answer is shown again with what was typed, and the problem named.
    let question = format!("{exam}/sporsmal/q1");
    let refused = send(&editor, &question, &question, &[("kind", "single"), ("text", "Hvem kan tolke?"), ("alternativ.0", "Et barn"), ("alternativ.1", "En kvalifisert tolk")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    refused.assert_contains("Et spørsmål med ett riktig svar må ha nøyaktig ett riktig alternativ.").assert_contains("value=\"En kvalifisert tolk\"");
    let refused = send(&editor, &question, &question, &[("kind", "true_false"), ("text", "Tolken skal oversette alt.")]).await;
    assert_eq!(refused.status, 422);
    refused.assert_contains("Velg om påstanden er sann eller usann.");
    let refused = send(&editor, &outline, &outline, &[("handling", "innstillinger"), ("varighet", "30"), ("bestatt", "0"), ("forsok", "")]).await;
    assert_eq!(refused.status, 422);
    refused.assert_contains("Bestått-grense: «0» er ikke en prosent fra 1 til 100.").assert_contains("value=\"0\"");
    let refused = send(&editor, &outline, &outline, &[("handling", "ny-modul"), ("tittel", "  ")]).await;
    assert_eq!(refused.status, 422);
    refused.assert_contains("Modulen trenger en tittel.");

    // What is not there, what is not a course, and forms that make no sense.
    assert_eq!(send(&editor, &outline, &outline, &[("handling", "slett-modul"), ("modul", "modul-99")]).await.status, 404);
    assert_eq!(editor.get(&format!("{outline}/steg/finnes-ikke")).await.status, 404);
    assert_eq!(editor.get(&format!("{exam}/sporsmal/q99")).await.status, 404);
    let guides = editor.page("/redaksjon/innhold?type=guide").await.linked_ids("/redaksjon/innhold/");
    assert_eq!(editor.get(&format!("/redaksjon/kurs/{}", guides[0])).await.status, 404, "a guide is not a course");
    assert_eq!(send(&editor, &outline, &outline, &[("handling", "slipp-alt")]).await.status, 400);
    assert_eq!(send(&editor, &outline, &outline, &[("handling", "flytt-modul"), ("modul", "modul-1"), ("retning", "sidelengs")]).await.status, 400);
    let missing = editor.post(&outline, &[("handling", "ny-prove")]).await;
    assert_eq!(missing.status, 400, "a form without the revision it was made from");
    assert_eq!(revisions().await, before, "nothing was written");

    // Two editors on one page: the second save from a stale page is refused.
    let page = editor.page(&outline).await;
    let stale = revision_on(&page);
    let colleague = app.signed_in("per.sentral@example.no", Role::CentralEditor, &[]).await;
    send(&colleague, &outline, &outline, &[("handling", "ny-modul"), ("tittel", "Etter samtalen")]).await.location();
    let clash = editor.post(&outline, &[("revision", &stale), ("handling", "gi-modul-navn"), ("modul", "modul-1"), ("tittel", "Nytt navn")]).await;
    assert_eq!(clash.status, 409, "{}", clash.body);
    clash.assert_contains("endret av noen andre");
    assert_eq!(revisions().await, before + 1, "only the colleague's change");
    editor.page(&outline).await.assert_contains("Etter samtalen").assert_lacks("Nytt navn");

    // The same form sent four times at once (a double click, two tabs): one is saved.
    let seen = revision_on(&editor.page(&outline).await);
    let token = editor.csrf().await;
    let send_once = |title: String| {
        let (editor, outline, seen, token) = (&editor, &outline, &seen, &token);
        async move { editor.post_raw(outline, &[("csrf", token), ("revision", seen), ("handling", "ny-modul"), ("tittel", &title)]).await.status }
    };
    let statuses = futures_util::future::join_all((1..=4).map(|n| send_once(format!("Samtidig modul {n}")))).await;
    let mut sorted = statuses.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [303, 409, 409, 409], "{statuses:?}");
    assert_eq!(revisions().await, before + 2);
}
