//! The editorial stories: a local editor runs their section, a central editor runs the
//! core, and neither can break the other's. On SQLite and PostgreSQL.
use std::time::{Duration, Instant};

use fagbro::accounts::Role;
use serde_json::Value;

use crate::helpers::{Browser, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_local_editor_takes_a_news_item_from_draft_to_published,
    a_scheduled_item_publishes_itself,
    revisions_show_who_changed_what_and_restoring_is_a_new_revision,
    a_local_adaptation_shows_in_its_area_and_hears_of_central_changes,
    a_local_proposal_to_central_content_is_decided_by_a_central_editor,
    bad_edits_are_refused_with_every_problem_named_and_nothing_written,
    images_without_alt_text_cannot_be_published,
    the_audit_log_records_who_did_what_from_where,
    editors_saving_at_the_same_moment_never_get_a_server_error_nor_lose_a_save,
    deeply_nested_text_is_rendered_only_so_deep,
    only_published_central_content_can_be_adapted,
    the_longest_text_the_form_promises_is_saved_in_any_script,
);

/// The item id in `/redaksjon/innhold/{id}...`.
fn item_id(location: &str) -> String {
    location.trim_start_matches("/redaksjon/innhold/").split(['/', '?']).next().unwrap().to_owned()
}

async fn search_total(app: &TestApp, words: &str) -> u64 {
    let page = app.get(&format!("/api/search?q={}", words.replace(' ', "+"))).await;
    assert_eq!(page.status, 200, "{}", page.body);
    serde_json::from_str::<Value>(&page.body).unwrap()["total"].as_u64().unwrap()
}

/// Waits (up to two seconds) until search finds `words` exactly `expected` times.
async fn search_reaches(app: &TestApp, words: &str, expected: u64) {
    let started = Instant::now();
    loop {
        let total = search_total(app, words).await;
        if total == expected {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(2), "search for {words:?} gave {total}, expected {expected}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn write_news(editor: &Browser, area: &str, title: &str, body: &str) -> String {
    let created = editor
        .post(
            "/redaksjon/innhold",
            &[("area", area), ("kind", "news"), ("lang", "nb"), ("slug", ""), ("title", title), ("summary", "Kort ingress."), ("body", body), ("theme", "demens")],
        )
        .await;
    item_id(&created.location())
}

async fn a_local_editor_takes_a_news_item_from_draft_to_published(app: TestApp) {
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    editor.page("/redaksjon").await.assert_contains("Mine utkast").assert_contains("Kari Vestfold");
    let new_form = editor.page("/redaksjon/ny?type=news").await;
    new_form.assert_contains("<option value=\"vestfold\"").assert_lacks("<option value=\"ahus\"").assert_lacks("<option value=\"central\"");

    let id = write_news(&editor, "vestfold", "Ny demenskoordinator i Tønsberg", "Koordinatoren **Sigrunsolvei** svarer på spørsmål.").await;
    let edit = editor.page(&format!("/redaksjon/innhold/{id}")).await;
    edit.assert_contains("Utkast").assert_contains("**Sigrunsolvei**").assert_lacks("Se den publiserte siden");
    // The preview shows the text as readers will see it, and saves nothing.
    let preview = editor
        .post(&format!("/redaksjon/innhold/{id}"), &[("revision", "1"), ("action", "preview"), ("title", "Ny demenskoordinator i Tønsberg"), ("body", "Koordinatoren **Sigrunsolvei** svarer nå.")])
        .await;
    assert_eq!(preview.status, 200);
    preview.assert_contains("<strong>Sigrunsolvei</strong> svarer nå.");
    editor.page(&format!("/redaksjon/innhold/{id}")).await.assert_lacks("svarer nå.");
    editor.page("/redaksjon").await.assert_contains("Ny demenskoordinator i Tønsberg");

    // A draft is nobody's business but the editors'.
    let public = "/vestfold/news/ny-demenskoordinator-i-tonsberg";
    app.not_found(public).await;
    assert_eq!(search_total(&app, "Sigrunsolvei").await, 0);

    let sent = editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "review")]).await;
    assert_eq!(sent.location(), format!("/redaksjon/innhold/{id}"));
    editor.page("/redaksjon").await.assert_contains("Til gjennomgang");
    app.not_found(public).await;

    editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "publish")]).await.location();
    app.page(public).await.assert_contains("Ny demenskoordinator i Tønsberg").assert_contains("<strong>Sigrunsolvei</strong>");
    search_reaches(&app, "Sigrunsolvei", 1).await;
    // Central visitors and other areas do not see a local item.
    app.not_found("/ahus/news/ny-demenskoordinator-i-tonsberg").await;

    // Archived: gone from the site and from search.
    editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "archive")]).await.location();
    app.not_found(public).await;
    search_reaches(&app, "Sigrunsolvei", 0).await;

    // A step that does not fit the status is a conflict, not a silent success.
    let again = editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "archive")]).await;
    assert_eq!(again.status, 409, "{}", again.body);
    again.assert_contains("kan ikke bli arkivert");
}

async fn a_scheduled_item_publishes_itself(app: TestApp) {
    let editor = app.signed_in("central.editor@example.no", Role::CentralEditor, &[]).await;
    let id = write_news(&editor, "central", "Planlagt nyhet om Trondrikstad", "Teksten om Trondrikstad.").await;
    let at = (fagbro::oslo::now() + chrono::Duration::seconds(3)).format("%Y-%m-%dT%H:%M:%S").to_string();
    editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "schedule"), ("publish_at", &at)]).await.location();
    editor.page(&format!("/redaksjon/innhold/{id}")).await.assert_contains("publiseres");
    editor.page("/redaksjon").await.assert_contains("Planlagt publisering");
    let public = "/central/news/planlagt-nyhet-om-trondrikstad";
    app.not_found(public).await;

    let started = Instant::now();
    while app.get(public).await.status != 200 {
        assert!(started.elapsed() < Duration::from_secs(10), "the scheduled item was not published");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    search_reaches(&app, "Trondrikstad", 1).await;
    let versions = editor.page(&format!("/redaksjon/innhold/{id}/versjoner")).await;
    versions.assert_contains("Publisert etter plan").assert_contains("planlegger");

    // A time in the past is refused, with the reason.
    let other = write_news(&editor, "central", "For sent planlagt", "Tekst.").await;
    let past = editor.post(&format!("/redaksjon/innhold/{other}/status"), &[("to", "schedule"), ("publish_at", "2020-01-01T10:00")]).await;
    assert_eq!(past.status, 422);
    past.assert_contains("fram i tid");
}

async fn revisions_show_who_changed_what_and_restoring_is_a_new_revision(app: TestApp) {
    let editor = app.signed_in("per.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let id = write_news(&editor, "vestfold", "Vaksinering på sykehjem", "Vaksinen gis i oktober.\n").await;
    let fields = |title: &'static str, body: &'static str| vec![("title", title), ("summary", "Kort ingress."), ("body", body), ("theme", "demens")];
    editor.save_item(&id, &fields("Vaksinering på sykehjem 2026", "Vaksinen gis i november.\n")).await.location();

    let versions = editor.page(&format!("/redaksjon/innhold/{id}/versjoner")).await;
    versions.assert_contains("Per Vestfold").assert_contains("Opprettet").assert_contains("Lagret");
    versions.assert_contains("<del><span class=\"visually-hidden\">Fjernet: </span>Vaksinen gis i oktober.</del>");
    versions.assert_contains("<ins><span class=\"visually-hidden\">Lagt til: </span>Vaksinen gis i november.</ins>");
    versions.assert_contains("Tittel: Vaksinering på sykehjem 2026");

    // Restoring version 1 makes version 3, with version 1's text.
    let restored = editor.post(&format!("/redaksjon/innhold/{id}/versjoner/1/gjenopprett"), &[]).await;
    assert_eq!(restored.location(), format!("/redaksjon/innhold/{id}/versjoner?fra=1&til=3"));
    let after = editor.page(&format!("/redaksjon/innhold/{id}/versjoner?fra=2&til=3")).await;
    after.assert_contains("Gjenopprettet fra versjon 1");
    after.assert_contains("<ins><span class=\"visually-hidden\">Lagt til: </span>Vaksinen gis i oktober.</ins>");
    editor.page(&format!("/redaksjon/innhold/{id}")).await.assert_contains("Vaksinen gis i oktober.");

    let missing = editor.post(&format!("/redaksjon/innhold/{id}/versjoner/99/gjenopprett"), &[]).await;
    assert_eq!(missing.status, 404);
}

async fn a_local_adaptation_shows_in_its_area_and_hears_of_central_changes(app: TestApp) {
    let central = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    let local = app.signed_in("lokal.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let listing = central.page("/redaksjon/innhold?omrade=central&type=guide&q=KOLS").await;
    let original = listing.linked_ids("/redaksjon/innhold/").first().cloned().expect("the central KOLS guide is listed");

    // The local editor may read the central guide, but not save over it.
    local.page(&format!("/redaksjon/innhold/{original}")).await.assert_contains("Send endringsforslag");
    let overwrite = local.post(&format!("/redaksjon/innhold/{original}"), &[("revision", "1"), ("title", "Kapret")]).await;
    assert_eq!(overwrite.status, 403);

    let adapted = local.post(&format!("/redaksjon/innhold/{original}/tilpass"), &[("area", "vestfold")]).await;
    let local_id = item_id(&adapted.location());
    assert_ne!(local_id, original);
    let edit = local.page(&format!("/redaksjon/innhold/{local_id}")).await;
    edit.assert_contains("lokal tilpasning av sentralt innhold");
    let title = "KOLS-forverring – rutine i Vestfold";
    local
        .save_item(&local_id, &[("title", title), ("body", "Ring lungesykepleier Vestmarka på lokalnummer 4455.")])
        .await
        .location();
    local.post(&format!("/redaksjon/innhold/{local_id}/status"), &[("to", "publish")]).await.location();
    let page = app.page("/vestfold/guide/kols-forverring").await;
    page.assert_contains(title).assert_contains("Vestmarka").assert_contains("href=\"&#x2F;central&#x2F;guide&#x2F;kols-forverring\"");
    // Other areas still see the central guide.
    app.page("/ahus/guide/kols-forverring").await.assert_lacks("Vestmarka");
    local.page("/redaksjon").await.assert_lacks("Sentralt innhold er endret");

    // The central guide changes: the Vestfold editor hears of it, and marks it seen.
    let central_edit = central.page(&format!("/redaksjon/innhold/{original}")).await;
    let old_body = central_edit.body.split("data-preview=\"preview\">").nth(1).unwrap().split("</textarea>").next().unwrap().to_owned();
    let new_body = format!("{}\n\nNytt avsnitt om oksygenbehandling.", html_unescape(&old_body));
    central.save_item(&original, &[("title", "KOLS-forverring"), ("body", &new_body)]).await.location();
    let dashboard = local.page("/redaksjon").await;
    dashboard.assert_contains("Sentralt innhold er endret").assert_contains(title);
    local.post(&format!("/redaksjon/innhold/{local_id}/sett"), &[]).await.location();
    local.page("/redaksjon").await.assert_lacks("Sentralt innhold er endret");
}

fn html_unescape(html: &str) -> String {
    html.replace("&#x2F;", "/").replace("&quot;", "\"").replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

async fn a_local_proposal_to_central_content_is_decided_by_a_central_editor(app: TestApp) {
    let central = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    let local = app.signed_in("lokal.ahus@example.no", Role::LocalEditor, &["ahus"]).await;
    let listing = central.page("/redaksjon/innhold?omrade=central&q=ISBAR").await;
    let id = listing.linked_ids("/redaksjon/innhold/").first().cloned().expect("ISBAR is listed");

    let proposed = local
        .post(&format!("/redaksjon/innhold/{id}/forslag"), &[("title", "ISBAR – strukturert kommunikasjon"), ("body", "Bruk ISBAR også ved telefonsamtaler med legevakt."), ("note", "Legevakten ba om dette.")])
        .await;
    let proposal_url = proposed.location();
    local.page(&proposal_url).await.assert_contains("Legevakten ba om dette.").assert_lacks("Godta forslaget");
    // The proposal changes nothing yet.
    app.page("/central/guide/isbar-kommunikasjon").await.assert_lacks("telefonsamtaler med legevakt");
    // Only central editors decide.
    let self_accept = local.post(&format!("{proposal_url}/godta"), &[]).await;
    assert_eq!(self_accept.status, 403);

    central.page("/redaksjon").await.assert_contains("Endringsforslag").assert_contains("Lokal Ahus");
    let view = central.page(&proposal_url).await;
    view.assert_contains("Godta forslaget").assert_contains("Lagt til: </span>Bruk ISBAR også ved telefonsamtaler med legevakt.");
    central.post(&format!("{proposal_url}/godta"), &[]).await.location();
    app.page("/central/guide/isbar-kommunikasjon").await.assert_contains("telefonsamtaler med legevakt");
    central.page(&format!("/redaksjon/innhold/{id}/versjoner")).await.assert_contains("Endringsforslag fra Lokal Ahus godtatt");
    let twice = central.post(&format!("{proposal_url}/avvis"), &[]).await;
    assert_eq!(twice.status, 409);
}

async fn bad_edits_are_refused_with_every_problem_named_and_nothing_written(app: TestApp) {
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let refused = editor
        .post("/redaksjon/innhold", &[("area", "vestfold"), ("kind", "event"), ("lang", "nb"), ("slug", "Fagdag 2027!"), ("title", "Fagdag"), ("body", "x")])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    refused.assert_contains("Adressen (slug)").assert_contains("value=\"Fagdag\"");
    let refused = editor
        .post("/redaksjon/innhold", &[("area", "vestfold"), ("kind", "event"), ("lang", "nb"), ("title", ""), ("body", "x"), ("starts", "2027-02-03T12:00"), ("ends", "2027-02-03T09:00"), ("review_by", "i morgen")])
        .await;
    assert_eq!(refused.status, 422);
    refused.assert_contains("Tittel mangler").assert_contains("slutte før det starter").assert_contains("«i morgen»");
    // The same address twice in one area and language.
    write_news(&editor, "vestfold", "Unik nyhet", "Tekst.").await;
    let duplicate = editor.post("/redaksjon/innhold", &[("area", "vestfold"), ("kind", "news"), ("title", "Unik nyhet"), ("body", "Annen tekst.")]).await;
    assert_eq!(duplicate.status, 422);
    duplicate.assert_contains("finnes allerede en side med adressen");
    // An area that does not exist, a form that cannot be read.
    assert_eq!(editor.post("/redaksjon/innhold", &[("area", "atlantis"), ("kind", "news"), ("title", "X")]).await.status, 400);
    let listing = editor.page("/redaksjon/innhold?omrade=vestfold").await;
    listing.assert_lacks(">Fagdag<");
    assert_eq!(listing.body.matches(">Unik nyhet<").count(), 1);
}

async fn images_without_alt_text_cannot_be_published(app: TestApp) {
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let id = write_news(&editor, "vestfold", "Slik bruker du heisen", "Se bildet:\n\n![](/media/heis/full.webp)\n").await;
    let refused = editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "publish")]).await;
    assert_eq!(refused.status, 422);
    refused.assert_contains("mangler alternativ tekst");
    app.not_found("/vestfold/news/slik-bruker-du-heisen").await;
    editor
        .save_item(&id, &[("title", "Slik bruker du heisen"), ("body", "Se bildet:\n\n![Heisknappene ved inngang B](/media/heis/full.webp)\n")])
        .await
        .location();
    editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "publish")]).await.location();
    app.page("/vestfold/news/slik-bruker-du-heisen").await.assert_contains("alt=\"Heisknappene ved inngang B\"");
}

async fn the_audit_log_records_who_did_what_from_where(app: TestApp) {
    let admin = app.signed_in("ada.admin@example.no", Role::Admin, &[]).await;
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let id = write_news(&editor, "vestfold", "Loggført nyhet", "Tekst.").await;
    editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "publish")]).await.location();
    let users = admin.page("/redaksjon/brukere").await;
    users.assert_contains("kari.vestfold@example.no");
    let kari = users.body.split("kari.vestfold@example.no").nth(1).unwrap().split("action=\"/redaksjon/brukere/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    let open_form_token = editor.csrf().await;
    admin.post(&format!("/redaksjon/brukere/{kari}/rolle"), &[("role", "local_editor"), ("area", "vestfold"), ("area", "innlandet")]).await.location();
    // The users list names the areas as people call them.
    admin.page("/redaksjon/brukere").await.assert_contains("<td>Vestfold, Innlandet</td>").assert_lacks("<td>vestfold, innlandet</td>");

    let log = admin.page("/redaksjon/logg").await;
    for entry in ["item.created", "item.published", "user.role_changed", "kari.vestfold@example.no", "ada.admin@example.no", "127.0.0.1", "loggfort-nyhet"] {
        log.assert_contains(entry);
    }
    // Only admins read it; a changed role signs the user out everywhere.
    assert_eq!(editor.get("/redaksjon/logg").await.status, 303, "Kari's session ended with the role change");
    // She signs in again from the form she had open, the ended session's cookie still in
    // her browser: the new session must win over the forgetting of the old one.
    let again = editor.post_raw("/logg-inn", &[("csrf", &open_form_token), ("email", "kari.vestfold@example.no"), ("password", crate::helpers::PASSWORD)]).await;
    assert_eq!(again.location(), "/redaksjon");
    editor.page("/redaksjon").await.assert_contains("Innlandet");
    let central = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    assert_eq!(central.get("/redaksjon/logg").await.status, 403);
}

/// The schedule is in the database: an item that fell due while no server ran is
/// published by the first round after the server starts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_that_fell_due_while_the_server_was_down_is_published_at_start() {
    use sea_orm::ConnectionTrait;
    let data_dir = tempfile::tempdir().unwrap();
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let database_url = fagbro::config::sqlite_url_for(data_dir.path());
    // Before any server: the database made and filled, and one draft scheduled for a
    // time that has passed (as if the server had been down then).
    {
        let db = fagbro::db::connect_and_migrate(&database_url).await.unwrap();
        fagbro::import::import_content(&db, &content).await.unwrap();
        let schedule = "UPDATE content_items SET status = 'draft', publish_at = '2026-01-01 08:00:00+00:00' \
                        WHERE slug = 'kols-forverring' AND area_id = (SELECT id FROM areas WHERE slug = 'central')";
        assert_eq!(db.execute_unprepared(schedule).await.unwrap().rows_affected(), 1);
        db.close().await.unwrap();
    }
    let app = crate::helpers::spawn_app_in(data_dir, crate::helpers::Backend::Sqlite, "restart", &content).await.unwrap();
    let started = Instant::now();
    while app.get("/central/guide/kols-forverring").await.status != 200 {
        assert!(started.elapsed() < Duration::from_secs(5), "the overdue item was not published at start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn editors_saving_at_the_same_moment_never_get_a_server_error_nor_lose_a_save(app: TestApp) {
    // Four editors, each saving their own news item over and over, all at once.
    let mut desks = Vec::new();
    for (n, area) in ["vestfold", "innlandet", "ahus", "vestfold"].iter().enumerate() {
        let editor = app.signed_in(&format!("redaktor.{n}@example.no"), Role::LocalEditor, &[area]).await;
        let id = write_news(&editor, area, &format!("Samtidig {n}"), "Første tekst.").await;
        desks.push((editor, id));
    }
    let saves = desks.iter().map(|(editor, id)| async move {
        let mut statuses = Vec::new();
        for round in 0..12 {
            let body = format!("Tekst nummer {round}.");
            statuses.push(editor.save_item(id, &[("title", "Samtidig"), ("body", &body)]).await.status);
        }
        statuses
    });
    let statuses: Vec<u16> = futures_util::future::join_all(saves).await.into_iter().flatten().collect();
    assert_eq!(statuses.len(), 48);
    assert!(statuses.iter().all(|s| *s == 303), "every save went through: {statuses:?}");
    for (editor, id) in &desks {
        editor.page(&format!("/redaksjon/innhold/{id}")).await.assert_contains("Tekst nummer 11.");
        let versions = editor.page(&format!("/redaksjon/innhold/{id}/versjoner")).await;
        assert_eq!(versions.body.matches("<td>Lagret</td>").count(), 12, "one revision per save");
    }

    // Four tabs send the same form of one item at the same moment: one save lands, the
    // others are told a colleague saved first, and get what they typed back.
    let (editor, id) = &desks[0];
    let revision = editor.page(&format!("/redaksjon/innhold/{id}")).await.revision_on_form();
    let url = format!("/redaksjon/innhold/{id}");
    let tabs = (0..4).map(|tab| {
        let body = format!("Fane {tab} skrev dette.");
        let url = url.clone();
        let revision = revision.clone();
        async move { editor.post(&url, &[("revision", revision.as_str()), ("title", "Samtidig"), ("body", &body)]).await }
    });
    let pages = futures_util::future::join_all(tabs).await;
    let mut statuses: Vec<u16> = pages.iter().map(|p| p.status).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409, 409, 409], "{statuses:?}");
    for refused in pages.iter().filter(|p| p.status == 409) {
        refused.assert_contains("Siden er lagret av noen andre mens du hadde den åpen").assert_contains("skrev dette.");
    }
    let versions = editor.page(&format!("/redaksjon/innhold/{id}/versjoner")).await;
    assert_eq!(versions.body.matches("<td>Lagret</td>").count(), 13, "one more revision, not four");
    // An old form is refused as well, and nothing is written.
    let stale = editor.post(&url, &[("revision", revision.as_str()), ("title", "Samtidig"), ("body", "For sent.")]).await;
    assert_eq!(stale.status, 409);
    editor.page(&url).await.assert_lacks("For sent.");
    // A form without the revision is a bad request.
    assert_eq!(editor.post(&url, &[("title", "Samtidig"), ("body", "Uten versjon.")]).await.status, 400);
}

async fn deeply_nested_text_is_rendered_only_so_deep(app: TestApp) {
    // Text built to make the Markdown parser work for minutes: previewed, saved and shown
    // with its nesting cut at the limit, the rest as text.
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let hostile = "- ".repeat(50_000);
    let fields = [("body", hostile.as_str())];
    let previews = futures_util::future::join_all((0..2).map(|_| editor.post("/redaksjon/forhandsvisning", &fields))).await;
    for preview in &previews {
        assert_eq!(preview.status, 200);
        let lists = preview.body.matches("<ul>").count();
        assert!(lists <= fagbro::content::markdown::MAX_NESTING, "{lists} nested lists");
    }
    let id = write_news(&editor, "vestfold", "Dypt nestet", &"> ".repeat(60_000)).await;
    let page = editor.page(&format!("/redaksjon/innhold/{id}")).await;
    assert!(page.body.matches("<blockquote>").count() <= fagbro::content::markdown::MAX_NESTING);
    // Meanwhile anonymous readers are served.
    app.page("/vestfold").await;
}

async fn only_published_central_content_can_be_adapted(app: TestApp) {
    let central = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    let draft = write_news(&central, "central", "Hemmelig sentralt utkast", "Ikke klart ennå.").await;
    let local = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    local.page(&format!("/redaksjon/innhold/{draft}")).await.assert_lacks(&format!("/redaksjon/innhold/{draft}/tilpass"));
    let refused = local.post(&format!("/redaksjon/innhold/{draft}/tilpass"), &[("area", "vestfold")]).await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    refused.assert_contains("Bare publisert sentralt innhold kan tilpasses");
    let listing = local.page("/redaksjon/innhold?omrade=vestfold").await;
    listing.assert_lacks("Hemmelig sentralt utkast");
    // Once published, it can.
    central.post(&format!("/redaksjon/innhold/{draft}/status"), &[("to", "publish")]).await.location();
    let adapted = local.post(&format!("/redaksjon/innhold/{draft}/tilpass"), &[("area", "vestfold")]).await;
    assert!(adapted.location().starts_with("/redaksjon/innhold/"), "{}", adapted.location());
}

async fn the_longest_text_the_form_promises_is_saved_in_any_script(app: TestApp) {
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let id = write_news(&editor, "vestfold", "Lang tekst", "Kort.").await;
    let max = fagbro::editorial::fields::MAX_BODY;
    // 300,000 characters is the limit the page names, whether a character takes one byte
    // or four (and each byte three when the form is sent).
    for one in ["a", "ø", "😀"] {
        let body = one.repeat(max);
        let saved = editor.save_item(&id, &[("title", "Lang tekst"), ("body", &body)]).await;
        assert_eq!(saved.status, 303, "{max} × {one}: {}", &saved.body[..saved.body.len().min(300)]);
    }
    let over = editor.save_item(&id, &[("title", "Lang tekst"), ("body", &"a".repeat(max + 1))]).await;
    assert_eq!(over.status, 422);
    over.assert_contains(&format!("Teksten kan ha høyst {max} tegn."));
    // Far beyond any form: refused before it is read, with a page that says so.
    let huge = editor.save_item(&id, &[("title", "Lang tekst"), ("body", &"a".repeat(5 * 1024 * 1024))]).await;
    assert_eq!(huge.status, 413);
}
