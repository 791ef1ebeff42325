//! Interpreter guidance that ends in a booking: the area's routine kept by its editors as
//! data, the hub at `/tolk`, the decision helper (every path, without a script), and the
//! language list. On SQLite and PostgreSQL.
use fagbro::accounts::Role;
use fagbro::import::import_content;

use crate::helpers::{Backend, TestApp, content_folder, spawn_app_with_content, write_file};
use crate::{for_each_backend, on_both_backends};

on_both_backends!(
    a_clinician_finds_how_to_book_a_video_interpreter_in_vestfold,
    the_decision_helper_recommends_for_every_kind_of_conversation,
    answers_that_do_not_fit_show_the_form_again_with_what_was_chosen,
    a_local_editor_keeps_the_areas_booking_routine,
);
for_each_backend!(a_routine_file_fills_in_an_area_and_never_undoes_its_editors);

fn helper(query: &str) -> String {
    format!("/vestfold/tolk/hjelp?{query}")
}

async fn a_clinician_finds_how_to_book_a_video_interpreter_in_vestfold(app: TestApp) {
    // From /tolk: one tap to Vestfold, and the number is there.
    let choose = app.page("/tolk").await;
    choose.assert_contains("href=\"&#x2F;vestfold&#x2F;tolk\">Vestfold</a>");
    let hub = app.page("/vestfold/tolk").await;
    hub.assert_contains("<h2 id=\"booking-heading\">Bestill tolk i Vestfold</h2>")
        .assert_contains("Ring <a href=\"tel:33342000\">33 34 20 00</a> (Hverdager 08.00–15.30)")
        .assert_contains("<li>Skjermtolking (video): alle språk</li>")
        .assert_contains("<li>Tolk til stede (oppmøte): arabisk, somali, polsk, ukrainsk, tigrinja</li>")
        .assert_contains("<a href=\"tel:33342099\">33 34 20 99</a>")
        .assert_contains("href=\"https://www.tolkeregisteret.no/\"")
        .assert_contains("Barn skal ikke brukes som tolk");
    hub.assert_lacks("Endre bestillingsrutinen");
    // The area's own routine page shows it too; a central guide and another area's page do not.
    let routine_page = app.page("/vestfold/interpreter/bestille-tolk").await;
    assert!(routine_page.position_of("class=\"prose\"") < routine_page.position_of("Bestill tolk i Vestfold"), "after the routine's text");
    routine_page.assert_contains("<a href=\"tel:33342000\">33 34 20 00</a>");
    app.page("/vestfold/guide/bruk-av-tolk").await.assert_lacks("booking-heading");
    app.page("/ahus/interpreter/bestille-tolk").await.assert_contains("tel:67960000").assert_lacks("33 34 20 00");
    // Each area its own routine.
    app.page("/innlandet/tolk").await.assert_contains("tel:61157000").assert_lacks("33 34 20 00");
    app.page("/central/tolk").await.assert_contains("har ikke lagt inn sin bestillingsrutine");

    let languages = app.page("/vestfold/tolk/sprak").await;
    let somali = languages.body.split("<tr>").find(|row| row.contains("somali <span lang=\"so\"")).expect("a row for Somali");
    assert!(somali.contains(">10 tekster</a>") && somali.contains("&#x2F;vestfold&#x2F;pasient&#x2F;so"), "{somali}");
    assert_eq!(somali.matches("<td>Ja</td>").count(), 3, "{somali}");
    let lithuanian = languages.body.split("<tr>").find(|row| row.contains("litauisk <span lang=\"lt\"")).expect("a row for Lithuanian");
    assert!(lithuanian.contains("<td>Ingen</td>") && lithuanian.contains("<td>Nei</td><td>Ja</td><td>Ja</td>"), "{lithuanian}");
}

async fn the_decision_helper_recommends_for_every_kind_of_conversation(app: TestApp) {
    let form = app.page(&helper("")).await;
    form.assert_contains("<select id=\"sprak\" name=\"sprak\">").assert_contains("value=\"tegnsprak\"").assert_lacks("advice-heading");

    // Planned, Somali, on site possible: on site, with the routine and the leaflets.
    let planned = app.page(&helper("sprak=so&hast=planlagt&mate=oppmote&mate=video&tilbudt=ingen")).await;
    planned
        .assert_contains("Bestill: <strong>Tolk til stede (oppmøte)</strong> i somali.")
        .assert_contains("Bruk kvalifisert tolk i somali")
        .assert_contains("tel:33342000")
        .assert_contains("Pasientinformasjon på somali: <a href=\"&#x2F;vestfold&#x2F;pasient&#x2F;so\">10 tekster</a>")
        .assert_contains("<option value=\"so\" selected>")
        .assert_contains("id=\"mate-video\" name=\"mate\" value=\"video\" checked");
    // Urdu is not offered on site in Vestfold: video.
    app.page(&helper("sprak=ur&hast=planlagt&mate=oppmote&mate=video")).await.assert_contains("Bestill: <strong>Skjermtolking (video)</strong> i urdu.");
    // Urgent: the quickest, and the urgent route.
    app.page(&helper("sprak=ar&hast=akutt&mate=oppmote&mate=video&mate=telefon")).await
        .assert_contains("Bestill: <strong>Telefontolking</strong> i arabisk.")
        .assert_contains("Bruk områdets akuttrute");
    // A child offers: never.
    app.page(&helper("sprak=ar&hast=akutt&mate=telefon&tilbudt=barn")).await
        .assert_contains("<strong>Må: </strong>Barn skal aldri brukes som tolk");
    // A relative: not for a planned conversation; in an emergency only, with the reason recorded.
    app.page(&helper("sprak=pl&hast=planlagt&mate=video&tilbudt=parorende")).await.assert_contains("Pårørende skal ikke tolke en planlagt samtale.");
    app.page(&helper("sprak=pl&hast=akutt&mate=video&tilbudt=parorende")).await
        .assert_contains("<strong>Obs: </strong>Pårørende kan bare tolke i en nødsituasjon")
        .assert_contains("Skriv i journalen hvorfor");
    app.page(&helper("sprak=pl&hast=planlagt&mate=video&tilbudt=kollega")).await.assert_contains("En kollega som snakker språket er ikke tolk");
    // Sign language, deafblind: the national service, never by telephone.
    let tactile = app.page(&helper("sprak=taktil&hast=planlagt&mate=telefon&mate=video")).await;
    tactile.assert_contains("Bestill: <strong>Skjermtolking (video)</strong>").assert_contains("NAV Tolketjenesten").assert_contains("taktil tolking").assert_lacks("tel:33342000");
    // Nothing ticked fits the routine: what the routine offers for the language instead.
    app.page(&helper("sprak=prs&hast=planlagt&mate=oppmote")).await
        .assert_contains("Områdets rutine tilbyr dari slik: skjermtolking (video), telefontolking.")
        .assert_lacks("advice-mode");
    app.page(&helper("sprak=prs&hast=planlagt")).await.assert_contains("Kryss av for hvilke måter samtalen kan tolkes på");
    // No leaflets in the language: said so.
    app.page(&helper("sprak=lt&hast=planlagt&mate=video")).await.assert_contains("Vi har ingen pasientinformasjon på litauisk ennå.");
}

async fn answers_that_do_not_fit_show_the_form_again_with_what_was_chosen(app: TestApp) {
    for (query, message) in [
        ("sprak=xx&hast=planlagt", "Språket «xx» finnes ikke i listen."),
        ("sprak=nb", "Språket «nb» finnes ikke i listen."),
        ("hast=planlagt&mate=video", "Velg pasientens språk."),
        ("sprak=so&hast=snart", "«snart» er verken planlagt eller akutt."),
        ("sprak=so&mate=brev", "«brev» er ikke en måte å tolke på."),
        ("sprak=so&tilbudt=nabo", "«nabo» er ikke et av svarene om hvem som tilbyr seg."),
        ("sprak=%3Cscript%3E", "Språket «&lt;script&gt;» finnes ikke i listen."),
    ] {
        let page = app.get(&helper(query)).await;
        assert_eq!(page.status, 422, "{query}");
        page.assert_contains(message).assert_contains("<form class=\"stacked-form no-print\"").assert_lacks("advice-heading").assert_lacks("<script>");
    }
    // What was chosen stays chosen.
    app.get(&helper("sprak=so&hast=akutt&mate=brev&mate=video")).await.assert_contains("<option value=\"so\" selected>").assert_contains("value=\"akutt\" checked");
    app.not_found("/finnes-ikke/tolk/hjelp").await;
}

async fn a_local_editor_keeps_the_areas_booking_routine(app: TestApp) {
    let local = app.signed_in("lokal.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let form = local.page("/redaksjon/tolkebestilling/vestfold").await;
    form.assert_contains("value=\"33 34 20 00\"").assert_contains("value=\"ar, so, pl, uk, ti\"").assert_contains("value=\"alle\"");
    local.page("/vestfold/tolk").await.assert_contains("href=\"&#x2F;redaksjon&#x2F;tolkebestilling&#x2F;vestfold\"");

    let routine = |phone: &'static str, on_site: &'static str, url: &'static str| {
        vec![("phone", phone), ("hours", "Hverdager 08–16"), ("booking_url", url), ("on_site", on_site), ("video", "alle"), ("telephone", ""), ("urgent", "Ring legevakten."), ("urgent_phone", "116 117")]
    };
    // Bad input: every problem named, what was typed kept, nothing saved.
    let refused = local.post("/redaksjon/tolkebestilling/vestfold", &routine("ring oss", "ar, somali", "tolk.example.no")).await;
    assert_eq!(refused.status, 422);
    refused
        .assert_contains("Telefon for bestilling: skriv et telefonnummer med sifre")
        .assert_contains("Oppmøte: «somali» er ikke en språkkode")
        .assert_contains("Bestillingsportalen: skriv hele adressen, som begynner med https:&#x2F;&#x2F;")
        .assert_contains("value=\"ring oss\"")
        .assert_contains("value=\"ar, somali\"");
    app.page("/vestfold/tolk").await.assert_contains("33 34 20 00");

    let saved = local.post("/redaksjon/tolkebestilling/vestfold", &routine("33 00 11 22", "ar, so", "https://tolk.example.no/ny")).await;
    assert_eq!(saved.location(), "/vestfold/tolk");
    let hub = app.page("/vestfold/tolk").await;
    hub.assert_contains("tel:33001122").assert_contains("<li>Telefontolking: tilbys ikke</li>").assert_contains("<li>Tolk til stede (oppmøte): arabisk, somali</li>");
    hub.assert_contains(&format!("av {}", crate::helpers::name_of("lokal.vestfold@example.no")));
    // The helper follows the routine at once: Polish is no longer on site.
    app.page(&helper("sprak=pl&hast=planlagt&mate=oppmote&mate=telefon")).await.assert_contains("Områdets rutine tilbyr polsk slik: skjermtolking (video).");
    let admin = app.signed_in("ada.admin@example.no", Role::Admin, &[]).await;
    admin.page("/redaksjon/logg").await.assert_contains("interpreter_routine.saved").assert_contains("tolkebestilling&#x2F;vestfold");

    // Never another area's, and not without signing in; central has none to keep.
    assert_eq!(local.get("/redaksjon/tolkebestilling/ahus").await.status, 403);
    assert_eq!(local.post("/redaksjon/tolkebestilling/ahus", &routine("33 00 11 22", "", "")).await.status, 403);
    app.page("/ahus/tolk").await.assert_contains("tel:67960000");
    assert_eq!(app.browser().post("/redaksjon/tolkebestilling/vestfold", &routine("1 2 3", "", "")).await.status, 303);
    let central = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    assert_eq!(central.get("/redaksjon/tolkebestilling/central").await.status, 404);
}

const AREAS: &str = "[[area]]\nslug = \"vestfold\"\nname = \"Vestfold\"\n";
const ROUTINE: &str = "[vestfold]\nphone = \"33 34 20 00\"\nhours = \"Hverdager\"\nvideo = \"alle\"\nurgent = \"Ring legevakten.\"\nurgent_phone = \"116 117\"\n";

async fn a_routine_file_fills_in_an_area_and_never_undoes_its_editors(backend: Backend) {
    let content = content_folder(&[("areas.toml", AREAS), ("interpreter_routines.toml", ROUTINE)]);
    let Some(app) = spawn_app_with_content(backend, "routine_file", content.path()).await else { return };
    app.page("/vestfold/tolk").await.assert_contains("tel:33342000");
    let local = app.signed_in("lokal.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let fields = [("phone", "33 00 00 01"), ("hours", "Alltid"), ("video", "alle"), ("urgent", "Ring."), ("urgent_phone", "113")];
    local.post("/redaksjon/tolkebestilling/vestfold", &fields).await.location();
    write_file(content.path(), "interpreter_routines.toml", &ROUTINE.replace("33 34 20 00", "33 34 20 01"));
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert!(!report.has_errors(), "{report}");
    app.page("/vestfold/tolk").await.assert_contains("tel:33000001");

    // A bad file names the file, the line and what is wrong; the rest imports.
    write_file(content.path(), "interpreter_routines.toml", "[vestfold]\nphone = \"x\"\nhours = \"H\"\nurgent = \"U\"\nurgent_phone = \"113\"\n\n[finnes-ikke]\nphone = \"1 2 3\"\n");
    let report = import_content(app.db(), content.path()).await.unwrap();
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.iter().any(|p| p.contains("interpreter_routines.toml:1: [vestfold]: Telefon for bestilling")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("interpreter_routines.toml:7: unknown area \"finnes-ikke\"")), "{problems:?}");
    write_file(content.path(), "interpreter_routines.toml", "[vestfold]\nfax = \"1\"\n");
    let report = import_content(app.db(), content.path()).await.unwrap();
    assert!(report.problems.iter().any(|p| p.to_string().contains("interpreter_routines.toml:2: not a valid routine file")), "{report}");
}
