//! Signing up, in and out, and what guards each form: the token, the throttle, the
//! session cookie, and harmless HTML however hostile the editor's text.
use fagbro::accounts::Role;

use crate::helpers::{PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_learner_signs_up_and_is_signed_in_with_a_safe_cookie,
    repeated_wrong_passwords_lock_the_address_for_a_while,
    signing_out_ends_the_session_on_the_server,
    a_form_without_its_token_or_from_another_site_is_refused,
    visitors_are_sent_to_sign_in_and_back_only_to_this_site,
    xss_payloads_in_an_editors_text_come_out_harmless,
    reader_feedback_lands_on_the_responsible_areas_dashboard,
    the_last_admin_keeps_the_role_and_granting_admin_is_confirmed,
    signed_in_pages_are_never_cached,
);
crate::for_each_backend!(
    a_guesser_is_locked_out_per_client_and_the_owner_still_signs_in,
    over_https_every_cookie_is_secure_and_browsers_are_told_to_stay,
);

/// Pages for a signed-in person are never stored (ward computers are shared); public
/// pages for anyone may be.
async fn signed_in_pages_are_never_cached(app: TestApp) {
    let learner = app.signed_in("lise.laerer@example.no", Role::Learner, &[]).await;
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    for (browser, path) in [(&learner, "/min-side"), (&learner, "/min-side/data.json"), (&learner, "/vestfold"), (&editor, "/redaksjon"), (&editor, "/redaksjon/innhold")] {
        let page = browser.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert_eq!(page.headers.get("cache-control").map(|v| v.to_str().unwrap()), Some("private, no-store"), "{path}");
    }
    let public = app.get("/vestfold").await;
    assert_ne!(public.headers.get("cache-control").map(|v| v.to_str().unwrap()), Some("private, no-store"));
}

async fn over_https_every_cookie_is_secure_and_browsers_are_told_to_stay(backend: crate::helpers::Backend) {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let https = |config: &mut fagbro::Config| config.secure_cookies = true;
    let Some(app) = crate::helpers::spawn_app_configured(tempfile::tempdir().unwrap(), backend, "https_headers", &content, https).await else { return };
    let page = app.get("/vestfold").await;
    assert_eq!(page.headers["strict-transport-security"], "max-age=31536000");
    let cookies: Vec<&str> = page.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("fagbro_area=")), "{cookies:?}");
    assert!(cookies.iter().all(|c| c.contains("; Secure")), "{cookies:?}");
    // Without HTTPS, no HSTS (it would lock a plain-HTTP test install out of itself).
    assert!(!app_without_https_sends_hsts().await);
}

async fn app_without_https_sends_hsts() -> bool {
    let Some(app) = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite, "no_https").await else { return false };
    app.get("/vestfold").await.headers.contains_key("strict-transport-security")
}

async fn role_of(app: &TestApp, email: &str) -> String {
    fagbro::accounts::repo::by_email(app.db(), email).await.unwrap().expect("the account").role.to_string()
}

/// The id in the role form of the user with this address on `/redaksjon/brukere`.
fn user_id_on(users: &crate::helpers::Page, email: &str) -> String {
    let row = users.body.split("<tr>").find(|row| row.contains(&format!("<td>{email}</td>"))).expect("the user's row");
    row.split("action=\"/redaksjon/brukere/").nth(1).unwrap().split('/').next().unwrap().to_owned()
}

async fn the_last_admin_keeps_the_role_and_granting_admin_is_confirmed(app: TestApp) {
    let ada = app.signed_in("ada.admin@example.no", Role::Admin, &[]).await;
    let users = ada.page("/redaksjon/brukere").await;
    // A new user is a learner unless the admin picks otherwise.
    let new_role = users.body.split("id=\"new-role\"").nth(1).unwrap().split("</select>").next().unwrap().to_owned();
    assert!(new_role.contains("<option value=\"learner\" selected>"), "{new_role}");
    assert!(!new_role.contains("value=\"admin\" selected"), "{new_role}");

    // The only admin cannot give the role away.
    let me = user_id_on(&users, "ada.admin@example.no");
    let alone = ada.post(&format!("/redaksjon/brukere/{me}/rolle"), &[("role", "central_editor")]).await;
    assert_eq!(alone.status, 422, "{}", alone.body);
    alone.assert_contains("ada.admin@example.no er den siste administratoren");
    assert_eq!(role_of(&app, "ada.admin@example.no").await, "admin");
    // Nor delete the account.
    let gone = ada.post("/min-side/slett", &[("password", PASSWORD)]).await;
    assert_eq!(gone.status, 400, "{}", gone.body);
    gone.assert_contains("Du er den siste administratoren");

    // Granting admin is confirmed: without the tick the form comes back as typed.
    let fields = [("name", "Berit Sjef"), ("email", "berit@example.no"), ("password", "et langt passord"), ("role", "admin")];
    let unconfirmed = ada.post("/redaksjon/brukere", &fields).await;
    assert_eq!(unconfirmed.status, 422, "{}", unconfirmed.body);
    unconfirmed.assert_contains("Kryss av for at den nye brukeren skal være administrator").assert_contains("value=\"Berit Sjef\"").assert_contains("value=\"berit@example.no\"");
    assert!(fagbro::accounts::repo::by_email(app.db(), "berit@example.no").await.unwrap().is_none(), "nothing written");
    let confirmed: Vec<(&str, &str)> = fields.iter().copied().chain([("bekreft_admin", "ja")]).collect();
    ada.post("/redaksjon/brukere", &confirmed).await.location();
    assert_eq!(role_of(&app, "berit@example.no").await, "admin");

    // Promoting an existing user asks first, and the confirmation form does it.
    app.create_user("kari.kurs@example.no", Role::Learner, &[]).await;
    let kari = user_id_on(&ada.page("/redaksjon/brukere").await, "kari.kurs@example.no");
    let asked = ada.post(&format!("/redaksjon/brukere/{kari}/rolle"), &[("role", "admin")]).await;
    assert_eq!(asked.status, 422);
    asked.assert_contains("Vil du gjøre Kari Kurs til administrator?").assert_contains("Ja, gjør Kari Kurs til administrator");
    assert_eq!(role_of(&app, "kari.kurs@example.no").await, "learner");
    ada.post(&format!("/redaksjon/brukere/{kari}/rolle"), &[("role", "admin"), ("bekreft_admin", "ja")]).await.location();
    assert_eq!(role_of(&app, "kari.kurs@example.no").await, "admin");
    ada.post(&format!("/redaksjon/brukere/{kari}/rolle"), &[("role", "learner")]).await.location();

    // Two admins demote each other at the same moment: one of them stays admin.
    let berit = app.browser();
    berit.sign_in("berit@example.no", "et langt passord").await;
    let users = ada.page("/redaksjon/brukere").await;
    let (ada_id, berit_id) = (user_id_on(&users, "ada.admin@example.no"), user_id_on(&users, "berit@example.no"));
    let ada_url = format!("/redaksjon/brukere/{berit_id}/rolle");
    let berit_url = format!("/redaksjon/brukere/{ada_id}/rolle");
    let (by_ada, by_berit) = futures_util::join!(ada.post(&ada_url, &[("role", "learner")]), berit.post(&berit_url, &[("role", "learner")]));
    let admins = [role_of(&app, "ada.admin@example.no").await, role_of(&app, "berit@example.no").await];
    assert_eq!(admins.iter().filter(|r| *r == "admin").count(), 1, "{admins:?}");
    // The other request was refused as the last admin's, or found its session ended.
    let done = |page: &crate::helpers::Page| page.status == 303 && page.headers["location"] == "/redaksjon/brukere";
    assert_eq!(done(&by_ada) as u8 + done(&by_berit) as u8, 1, "{} {}", by_ada.status, by_berit.status);
}

async fn a_learner_signs_up_and_is_signed_in_with_a_safe_cookie(app: TestApp) {
    let browser = app.browser();
    browser.page("/registrer").await.assert_contains("Opprett konto");
    let fields = |password: &'static str, again: &'static str| {
        vec![("name", "Lise Lærling"), ("email", "Lise@Example.no"), ("password", password), ("password_again", again)]
    };
    let mismatch = browser.post("/registrer", &fields("et langt passord her", "et annet passord her")).await;
    assert_eq!(mismatch.status, 422);
    mismatch.assert_contains("ikke like").assert_contains("value=\"Lise Lærling\"");
    let short = browser.post("/registrer", &fields("kort", "kort")).await;
    assert_eq!(short.status, 422);
    short.assert_contains("minst 10 tegn");
    // The most used passwords and one character ten times are guessed first.
    for weak in ["1234567890", "          ", "qwertyuiop", "Passord123"] {
        let refused = browser.post("/registrer", &fields(weak, weak)).await;
        assert_eq!(refused.status, 422, "{weak:?}");
        refused.assert_contains("velg et annet");
    }
    // A name is printed on certificates: of a sensible length and without marks that
    // turn text around.
    let named = |name: &str| vec![("name", name.to_owned()), ("email", "lise@example.no".into()), ("password", "et langt passord her".into()), ("password_again", "et langt passord her".into())];
    for (name, complaint) in [("x".repeat(3_000_000), "høyst 100 tegn"), ("Lise\u{202e}gninrøL".to_owned(), "usynlige tegn"), ("Lise\u{0007}".to_owned(), "usynlige tegn")] {
        let fields = named(&name);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = browser.post("/registrer", &fields).await;
        assert_eq!(refused.status, 422, "{}", &name[..name.len().min(20)]);
        refused.assert_contains(complaint);
    }
    assert!(fagbro::accounts::repo::by_email(app.db(), "lise@example.no").await.unwrap().is_none());

    // Signed up: told to look for the verification mail, and signed in from the answer.
    let made = browser.post("/registrer", &fields("et langt passord her", "et langt passord her")).await;
    assert_eq!(made.status, 200);
    made.assert_contains("Sjekk e-posten din").assert_contains("value=\"lise@example.no\"");
    let signed = browser.post("/logg-inn", &[("email", "lise@example.no"), ("password", "et langt passord her")]).await;
    assert_eq!(signed.location(), "/min-side");
    let cookies: Vec<&str> = signed.headers.get_all("set-cookie").iter().map(|c| c.to_str().unwrap()).collect();
    let session = cookies.iter().find(|c| c.starts_with("fagbro_session=")).expect("a session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Path=/"), "{session}");
    assert!(cookies.iter().any(|c| c.starts_with("fagbro_csrf=")), "the form token is renewed at sign-in: {cookies:?}");
    browser.page("/vestfold").await.assert_contains("Innlogget: Lise Lærling").assert_lacks("href=\"/redaksjon\"");
    // A learner is not an editor.
    assert_eq!(browser.get("/redaksjon").await.status, 403);

    // The same address again: the same answer, and no second account (the owner is told by mail).
    let again = app.browser().post("/registrer", &fields("et langt passord her", "et langt passord her")).await;
    assert_eq!(again.status, 200);
    again.assert_contains("Sjekk e-posten din").assert_lacks("finnes allerede");

    // From a course page, the new learner comes back to the course.
    let course = "/kurs/central/legemiddelhandtering";
    let link = app.page(course).await.body.split("Har du ikke bruker? <a href=\"").nth(1).unwrap().split('"').next().unwrap().replace("&#x2F;", "/").replace("&amp;", "&");
    assert_eq!(link, "/registrer?neste=%2Fkurs%2Fcentral%2Flegemiddelhandtering");
    let form = app.browser();
    form.page(&link).await.assert_contains("name=\"neste\" value=\"&#x2F;kurs&#x2F;central&#x2F;legemiddelhandtering\"");
    let fields = [("name", "Nils Ny"), ("email", "nils@example.no"), ("password", "et langt passord her"), ("password_again", "et langt passord her"), ("neste", course)];
    let answer = form.post("/registrer", &fields).await;
    answer.assert_contains("name=\"neste\" value=\"&#x2F;kurs&#x2F;central&#x2F;legemiddelhandtering\"");
    let signed = form.post("/logg-inn", &[("email", "nils@example.no"), ("password", "et langt passord her"), ("neste", course)]).await;
    assert_eq!(signed.location(), course);

    // A second account signing in on the same browser ends the first one's session.
    let lise = fagbro::accounts::repo::by_email(app.db(), "lise@example.no").await.unwrap().unwrap().id;
    let shared = app.browser();
    shared.sign_in("lise@example.no", "et langt passord her").await;
    let before = sessions_of(&app, lise).await;
    shared.sign_in("nils@example.no", "et langt passord her").await;
    assert_eq!(sessions_of(&app, lise).await, before - 1, "Lise's session on the shared computer ended");
    browser.page("/vestfold").await.assert_contains("Innlogget: Lise Lærling");
}

async fn sessions_of(app: &TestApp, user_id: fagbro::accounts::UserId) -> u64 {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    fagbro::entities::session::Entity::find().filter(fagbro::entities::session::Column::UserId.eq(user_id)).count(app.db()).await.unwrap()
}

async fn repeated_wrong_passwords_lock_the_address_for_a_while(app: TestApp) {
    app.create_user("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let browser = app.browser();
    for attempt in 1..=4 {
        let wrong = browser.post("/logg-inn", &[("email", "kari.vestfold@example.no"), ("password", "feil passord")]).await;
        assert_eq!(wrong.status, 401, "attempt {attempt}");
        wrong.assert_contains("Feil e-postadresse eller passord").assert_contains("value=\"kari.vestfold@example.no\"");
    }
    let fifth = browser.post("/logg-inn", &[("email", "KARI.vestfold@example.no"), ("password", "feil passord")]).await;
    assert_eq!(fifth.status, 429);
    fifth.assert_contains("For mange mislykkede forsøk");
    // Locked: even the right password waits.
    let right = browser.post("/logg-inn", &[("email", "kari.vestfold@example.no"), ("password", PASSWORD)]).await;
    assert_eq!(right.status, 429);
    // An address without an account answers the same way, so it tells nothing.
    let unknown = browser.post("/logg-inn", &[("email", "ingen@example.no"), ("password", "feil passord")]).await;
    assert_eq!(unknown.status, 401);
    unknown.assert_contains("Feil e-postadresse eller passord");
}

async fn signing_out_ends_the_session_on_the_server(app: TestApp) {
    app.create_user("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let editor = app.browser();
    let token = editor.csrf().await;
    let signed_in = editor
        .client
        .post(format!("{}/logg-inn", app.address))
        .form(&[("csrf", token.as_str()), ("email", "kari.vestfold@example.no"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    // Someone copies the cookies while the session lives.
    let copied = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("; ");
    let with_copy = || async {
        app.browser().client.get(format!("{}/redaksjon", app.address)).header("cookie", &copied).send().await.unwrap().status()
    };
    assert_eq!(with_copy().await, 200);
    editor.page("/redaksjon").await;

    assert_eq!(editor.post("/logg-ut", &[]).await.location(), "/");
    assert_eq!(editor.get("/redaksjon").await.status, 303);
    assert_eq!(with_copy().await, 303, "after sign-out the copied cookie signs nobody in");
}

async fn a_form_without_its_token_or_from_another_site_is_refused(app: TestApp) {
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let fields = [("area", "vestfold"), ("kind", "news"), ("title", "Forfalsket")];
    let without = editor.post_raw("/redaksjon/innhold", &fields).await;
    assert_eq!(without.status, 403);
    without.assert_contains("sikkerhetsnøkkelen mangler");
    let mut wrong = vec![("csrf", "0".repeat(64))];
    wrong.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(editor.post_raw("/redaksjon/innhold", &wrong).await.status, 403);
    // The right token, but sent from another site's page.
    let token = editor.csrf().await;
    let cross = editor
        .client
        .post(format!("{}/redaksjon/innhold", editor.address))
        .header("origin", "https://evil.example")
        .form(&[("csrf", token.as_str()), ("area", "vestfold"), ("kind", "news"), ("title", "Forfalsket")])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), 403);
    // Sign-in needs the token too (no login CSRF).
    assert_eq!(app.browser().post_raw("/logg-inn", &[("email", "kari.vestfold@example.no"), ("password", PASSWORD)]).await.status, 403);
    editor.page("/redaksjon/innhold?omrade=vestfold").await.assert_lacks("Forfalsket");
}

async fn visitors_are_sent_to_sign_in_and_back_only_to_this_site(app: TestApp) {
    let visitor = app.browser();
    let sent = visitor.get("/redaksjon/innhold").await;
    assert_eq!(sent.location(), "/logg-inn?neste=%2Fredaksjon%2Finnhold");
    app.create_user("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let form = visitor.page("/logg-inn?neste=%2Fredaksjon%2Finnhold").await;
    form.assert_contains("name=\"neste\" value=\"&#x2F;redaksjon&#x2F;innhold\"");
    let back = visitor.post("/logg-inn", &[("email", "kari.vestfold@example.no"), ("password", PASSWORD), ("neste", "/redaksjon/innhold")]).await;
    assert_eq!(back.location(), "/redaksjon/innhold");
    let other = app.browser();
    let evil = other.post("/logg-inn", &[("email", "kari.vestfold@example.no"), ("password", PASSWORD), ("neste", "//evil.example/")]).await;
    assert_eq!(evil.location(), "/redaksjon");
    // Control characters (browsers drop a tab: `/\t/evil.example` is `//evil.example`),
    // backslashes and other schemes never become a redirect, and never a server error.
    for hostile in ["/\t/evil.example", "/\n/x", "/\r/x", "/\0", "/\\evil.example", "https://evil.example", "javascript:alert(1)"] {
        let signed = app.browser().post("/logg-inn", &[("email", "kari.vestfold@example.no"), ("password", PASSWORD), ("neste", hostile)]).await;
        assert_eq!(signed.location(), "/redaksjon", "{hostile:?}");
        let form = app.browser().get(&format!("/logg-inn?neste={}", hostile.replace('\t', "%09").replace('\n', "%0A").replace('\r', "%0D").replace('\0', "%00"))).await;
        assert_eq!(form.status, 200, "{hostile:?}");
        form.assert_contains("name=\"neste\" value=\"&#x2F;redaksjon\"");
    }
}

const XSS: [&str; 10] = [
    "<script>alert('xss-1')</script>",
    "<img src=x onerror=alert('xss-2')>",
    "[klikk](javascript:alert('xss-3'))",
    "<a href=\"javascript:alert('xss-4')\">lenke</a>",
    "<svg onload=alert('xss-5')></svg>",
    "<iframe src=\"https://evil.example/xss-6\"></iframe>",
    "<div style=\"background:url(javascript:alert('xss-7'))\">x</div>",
    "<p onclick=\"alert('xss-8')\">trykk</p>",
    "![bilde](javascript:alert('xss-9'))",
    "<form action=\"https://evil.example/xss-10\"><input name=p></form>",
];

async fn xss_payloads_in_an_editors_text_come_out_harmless(app: TestApp) {
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let body = XSS.join("\n\n");
    let created = editor
        .post("/redaksjon/innhold", &[("area", "vestfold"), ("kind", "news"), ("title", "Sikkerhetstest <script>alert('tittel')</script>"), ("slug", "sikkerhetstest"), ("body", &body)])
        .await;
    let id = created.location().trim_start_matches("/redaksjon/innhold/").to_owned();
    editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "publish")]).await.location();
    let page = app.page("/vestfold/news/sikkerhetstest").await;
    let main = page.body.split("<main").nth(1).unwrap().split("</main>").next().unwrap();
    assert_no_live_payload(main, "the public page");
    assert!(main.contains("&lt;img src=x onerror="), "the payload is shown as text");
    page.assert_contains("Sikkerhetstest &lt;script&gt;");
    // The preview uses the same renderer.
    let token = editor.csrf().await;
    let preview = editor
        .client
        .post(format!("{}/redaksjon/forhandsvisning", editor.address))
        .header("x-csrf-token", token)
        .form(&[("body", body.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_no_live_payload(&preview, "the preview");
}

/// Escaped text is harmless; what must not survive is a tag or attribute that runs
/// script or loads another site.
fn assert_no_live_payload(html: &str, what: &str) {
    let tags: Vec<String> = html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or_default().to_lowercase()).collect();
    for forbidden in ["script", " on", "javascript:", "iframe", "svg", "style=", "evil.example"] {
        let bad: Vec<&String> = tags.iter().filter(|t| t.starts_with(forbidden.trim()) || t.contains(forbidden)).collect();
        assert!(bad.is_empty(), "{forbidden:?} survived on {what} in {bad:?}");
    }
}

async fn reader_feedback_lands_on_the_responsible_areas_dashboard(app: TestApp) {
    let reader = app.browser();
    let page = reader.page("/vestfold/guide/kols-forverring").await;
    page.assert_contains("Var denne siden nyttig?");
    let stamp = page.body.split("name=\"stamp\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let send = |kind: &'static str, message: &'static str, trap: &'static str, stamp: String, page: &'static str| {
        let reader = &reader;
        async move {
            reader.post("/tilbakemelding", &[("page", page), ("kind", kind), ("message", message), ("website", trap), ("stamp", &stamp)]).await
        }
    };
    // Sent within a second of the page: a bot, or a slip; asked to wait.
    let hasty = send("error", "For rask", "", stamp.clone(), "/vestfold/guide/kols-forverring").await;
    assert_eq!(hasty.status, 422);
    hasty.assert_contains("Vent litt").assert_contains(">For rask</textarea>");
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;

    // "Meld feil" without a message: the form again, the reader's choice kept.
    let missing = send("error", "", "", stamp.clone(), "/vestfold/guide/kols-forverring").await;
    assert_eq!(missing.status, 422);
    missing.assert_contains("Skriv kort hva som er feil").assert_contains("value=\"error\" checked");
    let resent_page = missing.body.split("name=\"page\" value=\"").nth(1).unwrap().split('"').next().unwrap().replace("&#x2F;", "/");
    assert_eq!(resent_page, "/vestfold/guide/kols-forverring", "the form is still about the page read");
    // Only pages of this site: a link elsewhere is never stored to be shown to editors.
    for foreign in ["https://evil.example/login", "//evil.example", "javascript:alert(1)", "/\t/evil.example", "/\\evil.example"] {
        let refused = send("error", "Se her", "", stamp.clone(), foreign).await;
        assert_eq!(refused.status, 400, "{foreign}");
    }
    let sent = send("error", "Doseringen av prednisolon er utdatert.", "", stamp.clone(), "/vestfold/guide/kols-forverring").await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    sent.assert_contains("Takk for tilbakemeldingen").assert_contains("Felles innhold");
    let local = send("useful", "Fin oversikt over lokale tilbud.", "", stamp.clone(), "/vestfold").await;
    local.assert_contains("Vestfold");
    // A page outside any area (search) goes to the area it was shown in.
    let search = reader.post("/tilbakemelding", &[("page", "/sok"), ("area", "vestfold"), ("kind", "not_useful"), ("message", "Fant ikke skjemaet for hjelpemidler."), ("stamp", &stamp)]).await;
    search.assert_contains("Vestfold");
    // The trap: thanked, not kept.
    send("error", "Kjøp billige klokker", "https://spam.example", stamp.clone(), "/vestfold").await.assert_contains("Takk");
    let forged = send("useful", "x", "", "1.abc".into(), "/vestfold").await;
    assert_eq!(forged.status, 422);

    // Central guidance goes to the central editors; the area page to Vestfold's.
    let central = app.signed_in("sentral.redaktor@example.no", Role::CentralEditor, &[]).await;
    let vestfold = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let ahus = app.signed_in("ola.ahus@example.no", Role::LocalEditor, &["ahus"]).await;
    central.page("/redaksjon").await.assert_contains("Doseringen av prednisolon er utdatert.");
    let theirs = vestfold.page("/redaksjon").await;
    theirs.assert_contains("Fin oversikt over lokale tilbud.").assert_lacks("prednisolon").assert_lacks("billige klokker");
    ahus.page("/redaksjon").await.assert_lacks("Fin oversikt").assert_lacks("prednisolon");
    for editor in [&central, &vestfold] {
        editor.page("/redaksjon").await.assert_lacks("evil.example").assert_lacks("javascript:");
    }

    // Handling it is the responsible area's business only.
    let row = theirs.body.split("Fin oversikt over lokale tilbud.").nth(1).unwrap();
    let id = row.split("action=\"/redaksjon/tilbakemelding/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    assert_eq!(ahus.post(&format!("/redaksjon/tilbakemelding/{id}/behandlet"), &[]).await.status, 403);
    vestfold.post(&format!("/redaksjon/tilbakemelding/{id}/behandlet"), &[]).await.location();
    vestfold.page("/redaksjon").await.assert_lacks("Fin oversikt over lokale tilbud.");

    // Ten an hour from one address, then a polite refusal.
    let mut last = 0;
    for _ in 0..10 {
        last = send("useful", "", "", stamp.clone(), "/vestfold").await.status;
    }
    assert_eq!(last, 429);
}

async fn a_guesser_is_locked_out_per_client_and_the_owner_still_signs_in(backend: crate::helpers::Backend) {
    let Some(app) = crate::helpers::spawn_app_behind_proxy(backend, "sign_in_per_client").await else { return };
    app.create_user("ada.admin@example.no", Role::Admin, &[]).await;
    let attacker = app.browser_from("203.0.113.66");
    let wrong = |email: &'static str| [("email", email), ("password", "feil passord igjen")];
    // Five wrong passwords for the admin's address lock that address from that client ...
    for _ in 0..4 {
        assert_eq!(attacker.post("/logg-inn", &wrong("ada.admin@example.no")).await.status, 401);
    }
    let locked = attacker.post("/logg-inn", &wrong("ada.admin@example.no")).await;
    assert_eq!(locked.status, 429);
    locked.assert_contains("Prøv igjen om 1 minutt.");
    let right = [("email", "ada.admin@example.no"), ("password", PASSWORD)];
    assert_eq!(attacker.post("/logg-inn", &right).await.status, 429, "not even the right password from there");
    // ... and the owner, at her own desk, signs in as usual.
    let owner = app.browser_from("198.51.100.7");
    assert_eq!(owner.post("/logg-inn", &right).await.location(), "/redaksjon");

    // Guessing across many addresses from one client locks the client, whatever it types.
    let sprayer = app.browser_from("203.0.113.99");
    let mut statuses = Vec::new();
    for n in 0..fagbro::accounts::service::FREE_CLIENT_FAILURES {
        let email = format!("gjett{n}@example.no");
        statuses.push(sprayer.post("/logg-inn", &[("email", &email), ("password", "feil passord")]).await.status);
    }
    assert_eq!(statuses.iter().filter(|s| **s == 401).count() as i32, fagbro::accounts::service::FREE_CLIENT_FAILURES - 1, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&429));
    assert_eq!(sprayer.post("/logg-inn", &[("email", "ny@example.no"), ("password", "feil passord")]).await.status, 429);
    // Another client, and the owner, are not affected.
    assert_eq!(app.browser_from("198.51.100.8").post("/logg-inn", &right).await.location(), "/redaksjon");

    // An address written by the client itself, not by the proxy, is not believed: a
    // direct request is counted under its own address.
    let direct = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = direct.get(format!("{}/logg-inn", app.address)).header("x-forwarded-for", "203.0.113.66").send().await.unwrap();
    assert_eq!(page.status(), 200, "a read is never throttled");

    // Sign-ups are limited per client too: an address list cannot be tried at speed.
    let signer = app.browser_from("203.0.113.120");
    let fields = [("name", "Ny"), ("email", "ny@example.no"), ("password", "et langt passord"), ("password_again", "ikke likt")];
    for _ in 0..fagbro::accounts::service::SIGN_UPS_PER_HOUR {
        assert_eq!(signer.post("/registrer", &fields).await.status, 422);
    }
    assert_eq!(signer.post("/registrer", &fields).await.status, 429);
    assert_eq!(app.browser_from("198.51.100.9").post("/registrer", &fields).await.status, 422, "another client may");

    // The feedback limit counts each reader behind the proxy, not the proxy.
    let reader = app.browser_from("203.0.113.130");
    let stamp_of = |page: &crate::helpers::Page| page.body.split("name=\"stamp\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let stamp = stamp_of(&reader.page("/vestfold").await);
    let other = app.browser_from("198.51.100.131");
    let other_stamp = stamp_of(&other.page("/vestfold").await);
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let useful = |stamp: &str| [("page", "/vestfold".to_owned()), ("kind", "useful".to_owned()), ("stamp", stamp.to_owned())];
    let send = |browser: &'static str, stamp: &str| {
        let fields = useful(stamp);
        let browser = if browser == "reader" { &reader } else { &other };
        async move { browser.post("/tilbakemelding", &fields.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await.status }
    };
    for _ in 0..10 {
        assert_eq!(send("reader", &stamp).await, 200);
    }
    assert_eq!(send("reader", &stamp).await, 429, "the eleventh in an hour");
    assert_eq!(send("other", &other_stamp).await, 200, "another reader behind the same proxy");
}
