//! The authorisation matrix: every endpoint that writes or is an editor page, as the
//! route table registers it (`fagbro::app::endpoints`, read from the handlers'
//! signatures) × every role × own area / another area / central, each cell with the
//! exact status it must answer. A new endpoint fails this test until its row is written here.
use fagbro::accounts::Role;
use fagbro::authz::Endpoint;

use crate::helpers::{Browser, TestApp};
use crate::on_both_backends;

on_both_backends!(every_endpoint_answers_every_role_in_every_area_as_designed, an_editor_address_that_does_not_exist_is_not_found);

/// An address under /redaksjon that no page answers is "not found" for everyone, not a
/// refusal: there is nothing there to protect.
async fn an_editor_address_that_does_not_exist_is_not_found(app: TestApp) {
    let editor = app.signed_in("kari.vestfold@example.no", fagbro::accounts::Role::LocalEditor, &["vestfold"]).await;
    for path in ["/redaksjon/finnes-ikke", "/redaksjon/innhold/1/finnes-ikke"] {
        assert_eq!(app.get(path).await.status, 404, "{path}");
        assert_eq!(editor.get(path).await.status, 404, "{path}");
    }
}

/// The endpoints the matrix walks: anything but a read, and every editor page.
fn needs_rule(method: &str, path: &str) -> bool {
    !matches!(method, "GET" | "HEAD") || path == "/redaksjon" || path.starts_with("/redaksjon/")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Learner,
    /// A local editor of Vestfold.
    LocalEditor,
    CentralEditor,
    Admin,
}

/// The area the request touches, seen from the Vestfold editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Where {
    Own,
    Other,
    Central,
}

impl Where {
    fn area(self) -> &'static str {
        match self {
            Where::Own => "vestfold",
            Where::Other => "ahus",
            Where::Central => "central",
        }
    }
}

const SIGN_IN: u16 = 303;
const DONE: u16 = 303;
const OK: u16 = 200;
const FORBIDDEN: u16 = 403;

/// What each cell must answer. Public endpoints answer their own validation (the
/// forms here are deliberately incomplete), which shows nobody was stopped at the door.
fn expected(method: &str, pattern: &str, who: Who, place: Where) -> u16 {
    use Where::*;
    use Who::*;
    let editor_page = |who| match who {
        Anonymous => SIGN_IN,
        Learner => FORBIDDEN,
        _ => OK,
    };
    // Reading drafts: local editors read their own area and central, not another area.
    let read = |who, place, answer| match (who, place) {
        (Anonymous, _) => SIGN_IN,
        (Learner, _) | (LocalEditor, Other) => FORBIDDEN,
        _ => answer,
    };
    // Writing: local editors write their own area only.
    let write = |who, place, answer| match (who, place) {
        (Anonymous, _) => SIGN_IN,
        (Learner, _) | (LocalEditor, Other | Central) => FORBIDDEN,
        _ => answer,
    };
    let central_only = |who, answer| match who {
        Anonymous => SIGN_IN,
        Learner | LocalEditor => FORBIDDEN,
        _ => answer,
    };
    let signed_in = |who, answer| match who {
        Anonymous => SIGN_IN,
        _ => answer,
    };
    let admin_only = |who, answer| match who {
        Anonymous => SIGN_IN,
        Admin => answer,
        _ => FORBIDDEN,
    };
    match (method, pattern) {
        ("POST", "/logg-inn") => 401,
        ("POST", "/logg-ut") => DONE,
        ("POST", "/registrer") => 422,
        // Anyone may ask; the answer is the same for every address.
        ("POST", "/logg-inn/glemt") => OK,
        // A made-up link: refused once the door is passed.
        ("POST", "/logg-inn/nytt-passord/{token}") => 410,
        ("POST", "/min-side/konto/bekreft-pa-nytt") | ("POST", "/min-side/konto/varsler") => signed_in(who, DONE),
        // The current password is wrong: refused as input, not as a right.
        ("POST", "/min-side/konto/passord") | ("POST", "/min-side/konto/adresse") => signed_in(who, 422),
        ("POST", "/redaksjon/brukere/{id}/nytt-passord") => admin_only(who, OK),
        // The newsletter: anyone subscribes (a bad address: refused as input); the signed
        // link is the authority to unsubscribe (an unknown subscriber: already gone).
        ("POST", "/{area}/nyhetsbrev") => 422,
        ("POST", "/nyhetsbrev/bekreft/{token}") => 410,
        ("POST", "/nyhetsbrev/avmeld/{id}/{signature}") => OK,
        ("GET", "/redaksjon/nyhetsbrev") => editor_page(who),
        ("GET", "/redaksjon/synonymer") => central_only(who, OK),
        ("GET", "/redaksjon/sokeinnsikt") => editor_page(who),
        // Sent empty: refused as input once the door is passed.
        ("POST", "/redaksjon/synonymer") => central_only(who, 422),
        ("POST", "/redaksjon/synonymer/{id}/slett") => central_only(who, 404),
        ("GET", "/redaksjon/nyhetsbrev/{area}") => write(who, place, OK),
        // Sent after another issue than the one the preview followed: refused as stale.
        ("POST", "/redaksjon/nyhetsbrev/{area}/send") => write(who, place, 409),
        ("POST", "/redaksjon/nyhetsbrev/{area}/plan") => write(who, place, DONE),
        // Sent without a form stamp: the form is shown again to send (anyone may).
        ("POST", "/tilbakemelding") => 422,
        ("GET", "/redaksjon") | ("GET", "/redaksjon/ny") | ("POST", "/redaksjon/forhandsvisning") | ("GET", "/redaksjon/oversettelser") => {
            editor_page(who)
        }
        // Sent without the Norwegian revision: refused as input once the door is passed.
        ("POST", "/redaksjon/innhold/{id}/oversatt-fra") => write(who, place, 400),
        ("GET", "/redaksjon/innhold") => read(who, place, OK),
        ("POST", "/redaksjon/innhold") => write(who, place, DONE),
        ("GET", "/redaksjon/innhold/{id}") | ("GET", "/redaksjon/innhold/{id}/versjoner") => read(who, place, OK),
        ("POST", "/redaksjon/innhold/{id}")
        | ("POST", "/redaksjon/innhold/{id}/status")
        | ("POST", "/redaksjon/innhold/{id}/versjoner/{number}/gjenopprett") => write(who, place, DONE),
        // A proposal is to central content; one's own area is edited directly.
        ("POST", "/redaksjon/innhold/{id}/forslag") => match (who, place) {
            (Anonymous, _) => SIGN_IN,
            (Learner, _) => FORBIDDEN,
            (_, Central) => DONE,
            _ => FORBIDDEN,
        },
        // Adapting the central guide into the area: central cannot adapt central (409).
        ("POST", "/redaksjon/innhold/{id}/tilpass") | ("POST", "/redaksjon/innhold/{id}/sett") => {
            write(who, place, if place == Central { 409 } else { DONE })
        }
        ("GET", "/redaksjon/forslag/{id}") => central_only(who, OK),
        ("POST", "/redaksjon/forslag/{id}/godta") | ("POST", "/redaksjon/forslag/{id}/avvis") => central_only(who, DONE),
        ("POST", "/redaksjon/tilbakemelding/{id}/behandlet") => write(who, place, DONE),
        ("POST", "/redaksjon/innhold/{id}/bilder") => write(who, place, DONE),
        ("GET", "/redaksjon/brukere") | ("GET", "/redaksjon/logg") | ("GET", "/redaksjon/e-post") => admin_only(who, OK),
        ("POST", "/redaksjon/e-post/test") => admin_only(who, DONE),
        // No failed message has that number: refused once the door is passed.
        ("POST", "/redaksjon/e-post/{id}/send-igjen") => admin_only(who, 404),
        ("POST", "/redaksjon/brukere") | ("POST", "/redaksjon/brukere/{id}/rolle") => admin_only(who, DONE),
        ("GET", "/redaksjon/kurs/{id}/statistikk")
        | ("GET", "/redaksjon/kurs/{id}")
        | ("GET", "/redaksjon/kurs/{id}/steg/{key}")
        | ("GET", "/redaksjon/kurs/{id}/steg/{key}/sporsmal/{question}") => write(who, place, OK),
        ("POST", "/redaksjon/kurs/{id}")
        | ("POST", "/redaksjon/kurs/{id}/steg/{key}")
        | ("POST", "/redaksjon/kurs/{id}/steg/{key}/sporsmal/{question}") => write(who, place, DONE),
        // Every role takes courses (the same course in every cell: started, then read on).
        ("POST", "/kurs/{area}/{slug}/start")
        | ("POST", "/kurs/{area}/{slug}/{step}/fullfort")
        | ("POST", "/kurs/{area}/{slug}/{step}/forsok") => signed_in(who, DONE),
        // The attempt is another learner's: nobody answers for someone else, not even an admin.
        ("POST", "/kurs/forsok/{id}") => signed_in(who, FORBIDDEN),
        ("POST", "/kursbevis/{code}/trekk-tilbake") => admin_only(who, DONE),
        // An area's booking routine; central has none (404 once the door is passed).
        ("GET", "/redaksjon/tolkebestilling/{area}") => write(who, place, if place == Central { 404 } else { OK }),
        ("POST", "/redaksjon/tolkebestilling/{area}") => write(who, place, if place == Central { 404 } else { 422 }),
        // Deleting one's own account, with a wrong password: refused as input, not as a right.
        ("POST", "/min-side/slett") => signed_in(who, 400),
        _ => panic!("{method} {pattern} has no row in the authorisation matrix: add one"),
    }
}

struct Fixtures<'a> {
    app: &'a TestApp,
    admin: Browser,
    proposer: Browser,
    counter: std::cell::Cell<u32>,
}

impl Fixtures<'_> {
    fn next(&self) -> u32 {
        self.counter.set(self.counter.get() + 1);
        self.counter.get()
    }

    /// A fresh draft in the area, made by the admin.
    async fn draft(&self, area: &str) -> String {
        let n = self.next();
        let title = format!("Matrisesak {n}");
        let created = self.admin.post("/redaksjon/innhold", &[("area", area), ("kind", "news"), ("title", &title), ("body", "Tekst.")]).await;
        created.location().trim_start_matches("/redaksjon/innhold/").to_owned()
    }

    async fn central_guide(&self) -> String {
        let listing = self.admin.page("/redaksjon/innhold?omrade=central&type=guide&q=ISBAR").await;
        listing.linked_ids("/redaksjon/innhold/").first().cloned().expect("the ISBAR guide is listed")
    }

    /// The area's adaptation of the central guide (made once), or a central item.
    async fn adaptation(&self, place: Where) -> String {
        let guide = self.central_guide().await;
        if place == Where::Central {
            return guide;
        }
        let made = self.admin.post(&format!("/redaksjon/innhold/{guide}/tilpass"), &[("area", place.area())]).await;
        made.location().trim_start_matches("/redaksjon/innhold/").to_owned()
    }

    async fn proposal(&self) -> String {
        let guide = self.central_guide().await;
        let n = self.next();
        let body = format!("Forslag nummer {n}.");
        let made = self.proposer.post(&format!("/redaksjon/innhold/{guide}/forslag"), &[("title", "ISBAR"), ("body", &body)]).await;
        made.location().trim_start_matches("/redaksjon/forslag/").to_owned()
    }

    async fn feedback(&self, place: Where) -> String {
        let area = fagbro::areas::repo::by_slug(self.app.db(), place.area()).await.unwrap().unwrap();
        let row = fagbro::feedback::repo::insert(self.app.db(), area.id, None, "/x", fagbro::feedback::Kind::Error, "Feil").await.unwrap();
        row.id.to_string()
    }

    /// A published course in the area, written straight to the database.
    async fn course(&self, place: Where) -> String {
        let area = fagbro::areas::repo::by_slug(self.app.db(), place.area()).await.unwrap().unwrap();
        let slug = format!("matrisekurs-{}", self.next());
        let definition = r#"{"duration_minutes":5,"pass_mark":50,"modules":[{"key":"modul-1","title":"Modul","lessons":[{"key":"l1","title":"Leksjon","body_markdown":"Tekst."}]}],"exam":{"key":"eksamen","title":"Prøve","questions":[{"key":"q1","kind":"true_false","text":"Sant?","options":[{"key":"true","text":"Sant","correct":true},{"key":"false","text":"Usant"}]}]}}"#;
        let mut write = fagbro::content::repo::ItemWrite::blank(area.id, &area.slug, fagbro::content::ContentKind::Course, &slug, "nb");
        write.fields.title = "Matrisekurs".into();
        write.fields.status = fagbro::content::Status::Published;
        write.fields.course_definition = Some(definition.into());
        fagbro::import::item::import_item(self.app.db(), &write, fagbro::import::item::ImportRule::KeepWebEdits).await.unwrap();
        let item = fagbro::content::repo::by_key(self.app.db(), area.id, &write.fields.slug, "nb").await.unwrap().unwrap();
        item.id.to_string()
    }

    /// An open exam attempt of the fixture admin's.
    async fn attempt(&self) -> String {
        let course = "/kurs/central/kommunikasjon-via-tolk";
        self.admin.post(&format!("{course}/start"), &[]).await;
        let opened = self.admin.post(&format!("{course}/avsluttende-test/forsok"), &[]).await;
        opened.location().trim_start_matches("/kurs/forsok/").to_owned()
    }

    /// A fresh certificate, issued straight in the database.
    async fn certificate(&self) -> String {
        let code = fagbro::courses::certificate::new_code();
        let row = fagbro::entities::certificate::ActiveModel {
            code: sea_orm::Set(code.clone()),
            content_item_id: sea_orm::Set(fagbro::entities::ids::ItemId(1)),
            learner_name: sea_orm::Set("Matrise Lærer".into()),
            course_title: sea_orm::Set("Matrisekurs".into()),
            issuer: sea_orm::Set("Felles".into()),
            course_version: sea_orm::Set(1),
            issued_at: sea_orm::Set(chrono::Utc::now().fixed_offset()),
            ..Default::default()
        };
        fagbro::courses::repo::insert_certificate(self.app.db(), row).await.unwrap();
        code
    }

    async fn user_id(&self, email: &str) -> String {
        let users = self.admin.page("/redaksjon/brukere").await;
        let row = users.body.split(email).nth(1).unwrap();
        row.split("action=\"/redaksjon/brukere/").nth(1).unwrap().split('/').next().unwrap().to_owned()
    }

    /// The request for one cell: the path with its ids, and the form fields.
    async fn request(&self, pattern: &str, place: Where) -> (String, Vec<(String, String)>) {
        let area = place.area().to_owned();
        let fields = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        let n = self.next();
        match pattern {
            "/logg-inn" => (pattern.into(), fields(&[("email", &format!("ingen{n}@example.no")), ("password", "feil passord")])),
            "/registrer" => (pattern.into(), fields(&[("email", "x@example.no"), ("name", "X"), ("password", "a"), ("password_again", "b")])),
            "/tilbakemelding" => (pattern.into(), fields(&[("page", &format!("/{area}")), ("kind", "useful")])),
            "/redaksjon/innhold" => (format!("{pattern}?omrade={area}"), vec![]),
            "POST /redaksjon/innhold" => {
                ("/redaksjon/innhold".into(), fields(&[("area", &area), ("kind", "news"), ("title", &format!("Ny sak {n}")), ("body", "Tekst.")]))
            }
            "/redaksjon/forhandsvisning" => (pattern.into(), fields(&[("body", "**fet**")])),
            "/redaksjon/innhold/{id}" | "/redaksjon/innhold/{id}/versjoner" => {
                (pattern.replace("{id}", &self.draft(&area).await), vec![])
            }
            "POST /redaksjon/innhold/{id}" => {
                let id = self.draft(&area).await;
                // A fresh draft: its one revision is the one an edit page would show.
                (format!("/redaksjon/innhold/{id}"), fields(&[("revision", "1"), ("title", &format!("Endret {n}")), ("body", "Ny tekst.")]))
            }
            "/redaksjon/innhold/{id}/status" => (pattern.replace("{id}", &self.draft(&area).await), fields(&[("to", "review")])),
            "/redaksjon/innhold/{id}/versjoner/{number}/gjenopprett" => {
                (pattern.replace("{id}", &self.draft(&area).await).replace("{number}", "1"), vec![])
            }
            "/redaksjon/innhold/{id}/forslag" => {
                let id = if place == Where::Central { self.central_guide().await } else { self.draft(&area).await };
                (pattern.replace("{id}", &id), fields(&[("title", "ISBAR"), ("body", &format!("Forslag {n}."))]))
            }
            "/redaksjon/innhold/{id}/tilpass" => (pattern.replace("{id}", &self.central_guide().await), fields(&[("area", &area)])),
            "/redaksjon/innhold/{id}/sett" => (pattern.replace("{id}", &self.adaptation(place).await), vec![]),
            "/redaksjon/forslag/{id}" | "/redaksjon/forslag/{id}/godta" | "/redaksjon/forslag/{id}/avvis" => {
                (pattern.replace("{id}", &self.proposal().await), vec![])
            }
            "/redaksjon/innhold/{id}/bilder" | "/redaksjon/innhold/{id}/oversatt-fra" => (pattern.replace("{id}", &self.draft(&area).await), vec![]),
            "/redaksjon/tilbakemelding/{id}/behandlet" => (pattern.replace("{id}", &self.feedback(place).await), vec![]),
            "POST /redaksjon/brukere" => (
                "/redaksjon/brukere".into(),
                fields(&[("email", &format!("ny{n}@example.no")), ("name", "Ny"), ("password", "et langt passord"), ("role", "learner")]),
            ),
            "/redaksjon/brukere/{id}/rolle" => {
                (pattern.replace("{id}", &self.user_id("rolle.maal@example.no").await), fields(&[("role", "learner")]))
            }
            "/redaksjon/kurs/{id}/statistikk" => (pattern.replace("{id}", &self.course(place).await), vec![]),
            // Each course is new, so its one revision is the one the editor's page showed
            // (a GET sends no fields).
            "/redaksjon/kurs/{id}" => (
                pattern.replace("{id}", &self.course(place).await),
                fields(&[("revision", "1"), ("handling", "ny-modul"), ("tittel", "Matrisemodul")]),
            ),
            "/redaksjon/kurs/{id}/steg/{key}" => (
                pattern.replace("{id}", &self.course(place).await).replace("{key}", "l1"),
                fields(&[("revision", "1"), ("handling", "lagre-leksjon"), ("tittel", "Leksjon"), ("body", "Ny tekst.")]),
            ),
            "/redaksjon/kurs/{id}/steg/{key}/sporsmal/{question}" => (
                pattern.replace("{id}", &self.course(place).await).replace("{key}", "eksamen").replace("{question}", "q1"),
                fields(&[("revision", "1"), ("kind", "true_false"), ("text", "Stemmer det?"), ("sant", "false")]),
            ),
            "/kurs/{area}/{slug}/start" => ("/kurs/central/legemiddelhandtering/start".into(), vec![]),
            "/kurs/{area}/{slug}/{step}/fullfort" => ("/kurs/central/legemiddelhandtering/01-ansvar-og-delegering/fullfort".into(), vec![]),
            "/kurs/{area}/{slug}/{step}/forsok" => ("/kurs/central/legemiddelhandtering/quiz-ansvar/forsok".into(), vec![]),
            // Nothing answered: a valid, failing submission.
            "/kurs/forsok/{id}" => (format!("/kurs/forsok/{}", self.attempt().await), fields(&[])),
            "/kursbevis/{code}/trekk-tilbake" => {
                (format!("/kursbevis/{}/trekk-tilbake", self.certificate().await), fields(&[("reason", "Matrisetest")]))
            }
            "/min-side/slett" => (pattern.into(), fields(&[("password", "feil passord")])),
            "/logg-inn/glemt" => (pattern.into(), fields(&[("email", &format!("hvem{n}@example.no"))])),
            "/logg-inn/nytt-passord/{token}" => ("/logg-inn/nytt-passord/0000".into(), fields(&[("password", "et langt passord"), ("password_again", "et langt passord")])),
            "/min-side/konto/passord" => (pattern.into(), fields(&[("current", "feil"), ("password", "et langt passord"), ("password_again", "et langt passord")])),
            "/min-side/konto/adresse" => (pattern.into(), fields(&[("current", "feil"), ("email", &format!("ny{n}@example.no"))])),
            "/redaksjon/brukere/{id}/nytt-passord" => (pattern.replace("{id}", &self.user_id("rolle.maal@example.no").await), vec![])
            ,
            "/{area}/nyhetsbrev" => (format!("/{area}/nyhetsbrev"), fields(&[("email", "ikke en adresse")])),
            "/nyhetsbrev/bekreft/{token}" => ("/nyhetsbrev/bekreft/0000".into(), vec![]),
            "/nyhetsbrev/avmeld/{id}/{signature}" => ("/nyhetsbrev/avmeld/999999/00".into(), vec![]),
            "/redaksjon/nyhetsbrev/{area}" => (format!("/redaksjon/nyhetsbrev/{area}"), vec![]),
            "/redaksjon/nyhetsbrev/{area}/send" => (format!("/redaksjon/nyhetsbrev/{area}/send"), fields(&[("after_issue", "999999")])),
            "/redaksjon/nyhetsbrev/{area}/plan" => (format!("/redaksjon/nyhetsbrev/{area}/plan"), vec![]),
            "/redaksjon/synonymer" => (pattern.into(), fields(&[("words", "")])),
            "/redaksjon/synonymer/{id}/slett" => (pattern.replace("{id}", "999999"), vec![]),
            "/redaksjon/e-post/test" => (pattern.into(), fields(&[("to", "drift@example.no")])),
            "/redaksjon/e-post/{id}/send-igjen" => (pattern.replace("{id}", "999999"), vec![]),
            // Sent empty: refused as input once the door is passed.
            "/redaksjon/tolkebestilling/{area}" => (format!("/redaksjon/tolkebestilling/{area}"), vec![]),
            other => (other.into(), vec![]),
        }
    }
}

async fn every_endpoint_answers_every_role_in_every_area_as_designed(app: TestApp) {
    let browsers = [
        (Who::Anonymous, app.browser()),
        (Who::Learner, app.signed_in("lise.learner@example.no", Role::Learner, &[]).await),
        (Who::LocalEditor, app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await),
        (Who::CentralEditor, app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await),
        (Who::Admin, app.signed_in("ada.admin@example.no", Role::Admin, &[]).await),
    ];
    let fixtures = Fixtures {
        app: &app,
        admin: app.signed_in("matrise.admin@example.no", Role::Admin, &[]).await,
        proposer: app.signed_in("ola.ahus@example.no", Role::LocalEditor, &["ahus"]).await,
        counter: std::cell::Cell::new(0),
    };
    // Whose role the admin cells change (a role change signs that user out).
    app.create_user("rolle.maal@example.no", Role::Learner, &[]).await;
    let mut wrong = Vec::new();
    let mut cells = 0;
    let endpoints: Vec<Endpoint> = fagbro::app::endpoints().into_iter().filter(|e| needs_rule(e.method, e.pattern)).collect();
    for endpoint in &endpoints {
        for (who, browser) in &browsers {
            for place in [Where::Own, Where::Other, Where::Central] {
                let want = expected(endpoint.method, endpoint.pattern, *who, place);
                let key = if endpoint.method == "POST"
                    && matches!(endpoint.pattern, "/redaksjon/innhold" | "/redaksjon/innhold/{id}" | "/redaksjon/brukere")
                {
                    format!("POST {}", endpoint.pattern)
                } else {
                    endpoint.pattern.to_owned()
                };
                let (path, fields) = fixtures.request(&key, place).await;
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let got = match endpoint.method {
                    "GET" => browser.get(&path).await,
                    _ if endpoint.pattern.ends_with("/bilder") => {
                        browser.upload(&path, crate::helpers::jpeg_with_exif(40, 30, "matrise"), "bilde.jpg", "Et testbilde").await
                    }
                    _ => browser.post(&path, &fields).await,
                };
                cells += 1;
                if got.status != want {
                    wrong.push(format!("{} {path} as {who:?} in {place:?}: {} (expected {want})", endpoint.method, got.status));
                }
                // Sign-out is a cell too: sign the browser back in.
                if endpoint.pattern == "/logg-ut" && *who != Who::Anonymous {
                    let email = match who {
                        Who::Learner => "lise.learner@example.no",
                        Who::LocalEditor => "kari.vestfold@example.no",
                        Who::CentralEditor => "sentral.redaktor@example.no",
                        _ => "ada.admin@example.no",
                    };
                    browser.sign_in(email, crate::helpers::PASSWORD).await;
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {cells} cells answered wrong:\n{}", wrong.len(), wrong.join("\n"));
    assert_eq!(cells, endpoints.len() * 15);
}
