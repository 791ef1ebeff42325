//! The public site as health personnel and patients meet it.
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends!(
    the_chooser_lists_the_areas_and_remembers_the_choice,
    an_area_home_shows_its_own_news_events_and_routines_before_shared_content,
    a_local_item_is_only_found_in_its_own_area,
    central_content_is_reachable_from_every_area,
    a_guide_page_is_complete_and_accessible,
    patient_material_in_arabic_and_urdu_is_shown_right_to_left,
    every_language_version_lists_the_others,
    every_kind_of_page_renders,
    a_local_routine_links_its_central_original_and_back,
    theme_pages_gather_shared_and_local_content,
    unknown_addresses_get_a_helpful_404,
    an_address_asked_with_a_method_it_does_not_take_says_which_it_takes,
    health_and_security_headers,
    every_page_links_the_accessibility_and_privacy_statements_which_editors_keep,
);

async fn the_chooser_lists_the_areas_and_remembers_the_choice(app: TestApp) {
    let chooser = app.page("/").await;
    chooser.assert_contains("Velg ditt område");
    for area in ["href=\"&#x2F;ahus\"", ">Ahus<", ">Vestfold<", ">Innlandet<", ">Felles innhold<"] {
        chooser.assert_contains(area);
    }

    let vestfold = app.page("/vestfold").await;
    let cookie = vestfold.headers.get("set-cookie").expect("the area is remembered").to_str().unwrap();
    assert!(cookie.starts_with("fagbro_area=vestfold"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");

    let back = app.get("/").await;
    assert_eq!(back.status, 303);
    assert_eq!(back.headers["location"], "/vestfold");

    // "Bytt område" always reaches the chooser.
    app.page("/?velg=omrade").await.assert_contains("Velg ditt område").assert_contains("Sist valgt");
}

async fn an_area_home_shows_its_own_news_events_and_routines_before_shared_content(app: TestApp) {
    let ahus = app.page("/ahus").await;
    ahus.assert_contains("<h1>Ahus</h1>")
        .assert_contains("Ny tolketjeneste med skjermtolk døgnet rundt")
        .assert_contains("Fagdag: kommunikasjon med tolk")
        .assert_contains("11. februar 2027 kl. 09.00–15.00")
        .assert_contains("Bestille tolk ved Ahus og i kommunene rundt")
        .assert_contains("Felles veiledere og fagartikler")
        .assert_contains("Demens</a>");
    assert!(ahus.position_of("Aktuelt i Ahus") < ahus.position_of("Felles veiledere og fagartikler"));
    assert!(ahus.position_of("Lokale rutiner og veiledere i Ahus") < ahus.position_of("id=\"themes-heading\""));
    // Newest news first.
    assert!(ahus.position_of("Ny tolketjeneste") < ahus.position_of("Sårpoliklinikken utvider"));
    // Another area's news, events and routines are not here.
    ahus.assert_lacks("Hukommelsesklinikken på SiV").assert_lacks("Demenskonferansen i Vestfold").assert_lacks("Bestille tolk i Vestfold");
}

async fn a_local_item_is_only_found_in_its_own_area(app: TestApp) {
    app.page("/vestfold/news/ny-hukommelsesklinikk").await.assert_contains("Hukommelsesklinikken på SiV får nye lokaler");
    app.not_found("/ahus/news/ny-hukommelsesklinikk").await;
    app.not_found("/central/news/ny-hukommelsesklinikk").await;

    // The same slug in two areas is two different routines.
    app.page("/ahus/interpreter/bestille-tolk").await.assert_contains("Bestille tolk ved Ahus").assert_lacks("Vestfold-kommunene");
    app.page("/vestfold/interpreter/bestille-tolk").await.assert_contains("Bestille tolk i Vestfold");

    let ahus_news = app.page("/ahus/news").await;
    ahus_news.assert_contains("Nytt felles demensteam i Lillestrøm").assert_lacks("KOLS-teamet i Larvik");
    let innlandet_events = app.page("/innlandet/event").await;
    innlandet_events.assert_contains("Samhandlingskonferansen i Innlandet").assert_lacks("Fagdag: kommunikasjon med tolk");
}

async fn central_content_is_reachable_from_every_area(app: TestApp) {
    for area in ["central", "ahus", "vestfold", "innlandet"] {
        let page = app.page(&format!("/{area}/guide/news2-observasjon")).await;
        page.assert_contains("<h1>NEWS2: tidlig oppdagelse av forverret tilstand</h1>")
            .assert_contains("Felles innhold")
            .assert_contains(&format!("href=\"&#x2F;{area}&#x2F;guide\""));
    }
    // Shown within the visiting area's navigation and with links that stay there.
    app.page("/innlandet/guide/news2-observasjon").await.assert_contains("Område: <strong>Innlandet</strong>").assert_contains("href=\"&#x2F;innlandet&#x2F;tema&#x2F;akutt\"");
    // Links inside shared text lead on within the reader's area too.
    let guide = app.page("/vestfold/guide/bruk-av-tolk").await;
    guide.assert_contains("href=\"/vestfold/interpreter\"").assert_lacks("href=\"/central/interpreter\"");
    app.page("/central/guide/bruk-av-tolk").await.assert_contains("href=\"/central/interpreter\"");
}

async fn a_guide_page_is_complete_and_accessible(app: TestApp) {
    let guide = app.page("/ahus/guide/bruk-av-tolk").await;
    guide
        .assert_contains("<html lang=\"nb\" dir=\"ltr\">")
        .assert_contains("<title>Bruk av tolk i helsetjenesten – fagbro</title>")
        .assert_contains("href=\"#main\"")
        .assert_contains("<main id=\"main\"")
        .assert_contains("<nav class=\"main-nav\" aria-label=\"Hovedmeny\">")
        .assert_contains("<footer class=\"site-footer\"")
        .assert_contains("name=\"viewport\"")
        .assert_contains("Sist faglig oppdatert</dt><dd>1. september 2026</dd>")
        .assert_contains("Neste faglige gjennomgang</dt><dd>1. september 2027</dd>")
        .assert_contains("Sentral redaksjon")
        .assert_contains("<h2>Når skal du bestille tolk?</h2>")
        .assert_contains("<strong>barn skal\naldri tolke</strong>")
        .assert_contains(">Tolk og kommunikasjon</a>");
}

async fn patient_material_in_arabic_and_urdu_is_shown_right_to_left(app: TestApp) {
    let arabic = app.page("/ahus/patient/etter-operasjonen/ar").await;
    arabic
        .assert_contains("<html lang=\"ar\" dir=\"rtl\">")
        .assert_contains("<h1>بعد العملية الجراحية</h1>")
        // The Norwegian interface around it keeps its own language and direction.
        .assert_contains("<header class=\"site-header\" lang=\"nb\" dir=\"ltr\">")
        .assert_contains("class=\"item-meta\" lang=\"nb\" dir=\"ltr\"");
    app.page("/ahus/patient/etter-operasjonen?lang=ur").await.assert_contains("<html lang=\"ur\" dir=\"rtl\">");
    app.page("/ahus/patient/etter-operasjonen/so").await.assert_contains("<html lang=\"so\" dir=\"ltr\">").assert_contains("Qalliinka kadib");
    app.page("/ahus/patient/etter-operasjonen/uk").await.assert_contains("<html lang=\"uk\" dir=\"ltr\">");
    // Bokmål is the plain address.
    app.page("/ahus/patient/etter-operasjonen").await.assert_contains("<html lang=\"nb\" dir=\"ltr\">").assert_contains("<h1>Etter operasjonen</h1>");
}

async fn every_language_version_lists_the_others(app: TestApp) {
    let polish = app.page("/vestfold/patient/rett-til-tolk/pl").await;
    polish.assert_contains("<h1>Masz prawo do tłumacza</h1>");
    for (code, name, dir) in [
        ("nb", "Norsk bokmål", "ltr"),
        ("en", "English", "ltr"),
        ("ar", "العربية", "rtl"),
        ("so", "Soomaali", "ltr"),
        ("pl", "Polski", "ltr"),
        ("uk", "Українська", "ltr"),
        ("ur", "اردو", "rtl"),
    ] {
        polish.assert_contains(&format!("lang=\"{code}\" hreflang=\"{code}\" dir=\"{dir}\""));
        polish.assert_contains(&format!(">{name}</a>"));
    }
    polish.assert_contains("hreflang=\"pl\" dir=\"ltr\" aria-current=\"page\"");

    let missing = app.not_found("/vestfold/patient/rett-til-tolk/ps").await;
    missing.assert_contains("finnes ikke på språket «ps»").assert_contains("arabisk (ar)");

    // The list of patient material shows each leaflet once, with its languages.
    let list = app.page("/vestfold/patient").await;
    assert_eq!(list.body.matches("<li class=\"card\">").count(), 10, "{}", list.body);
    list.assert_contains("Finnes på:").assert_contains("href=\"&#x2F;vestfold&#x2F;patient&#x2F;foling-ved-diabetes&#x2F;so\"");
}

async fn every_kind_of_page_renders(app: TestApp) {
    app.page("/ahus/article/demensomsorg-i-hjemmet").await.assert_contains("Fagartikkel").assert_contains("Personsentrert omsorg");
    app.page("/ahus/news/ny-tolketjeneste").await.assert_contains("Lokalt innhold fra Ahus");
    app.page("/innlandet/event/kurs-sarbehandling-gjovik").await
        .assert_contains("<dt>Tid</dt><dd>3. februar 2027 kl. 09.00–15.00</dd>")
        .assert_contains("<dt>Sted</dt><dd>Sykehuset Innlandet Gjøvik, undervisningsrommet</dd>");
    app.page("/central/interpreter/ikke-bruk-barn-som-tolk").await.assert_contains("barn under 18 år ikke skal brukes som tolk");
    app.page("/vestfold/patient/blodfortynnende-medisin/en").await.assert_contains("Blood-thinning medicine");
    for list in ["guide", "article", "news", "event", "interpreter", "patient", "tema"] {
        app.page(&format!("/innlandet/{list}")).await;
    }
    // `/tolk` and `/pasient` take the visitor to their area's pages.
    // Booking differs by area: a visitor who has not chosen one is asked.
    app.page("/tolk").await.assert_contains("Velg ditt område").assert_contains("href=\"&#x2F;vestfold&#x2F;tolk\"");
    app.page("/innlandet").await;
    let tolk = app.get("/tolk").await;
    assert_eq!((tolk.status, tolk.headers["location"].to_str().unwrap()), (303, "/innlandet/tolk"));
    let pasient = app.get("/pasient").await;
    assert_eq!(pasient.headers["location"], "/innlandet/pasient", "patient material starts with the choice of language");
}

async fn a_local_routine_links_its_central_original_and_back(app: TestApp) {
    let local = app.page("/ahus/interpreter/bestille-tolk").await;
    local.assert_contains("Dette er den lokale versjonen for Ahus").assert_contains("href=\"&#x2F;ahus&#x2F;guide&#x2F;bruk-av-tolk\"");
    let central = app.page("/ahus/guide/bruk-av-tolk").await;
    central.assert_contains("Ahus har en lokal rutine for dette").assert_contains("href=\"&#x2F;ahus&#x2F;interpreter&#x2F;bestille-tolk\"");
    // Another area sees its own routine, not Ahus'.
    app.page("/vestfold/guide/bruk-av-tolk").await.assert_contains("href=\"&#x2F;vestfold&#x2F;interpreter&#x2F;bestille-tolk\"").assert_lacks("Bestille tolk ved Ahus");
    app.page("/central/guide/bruk-av-tolk").await.assert_lacks("har en lokal rutine");
}

async fn theme_pages_gather_shared_and_local_content(app: TestApp) {
    let tolk = app.page("/ahus/tema/tolk").await;
    tolk.assert_contains("<h1>Tolk og kommunikasjon</h1>")
        .assert_contains("Bruk av tolk i helsetjenesten")
        .assert_contains("Bestille tolk ved Ahus")
        .assert_contains("Du har rett til tolk")
        .assert_lacks("Bestille tolk i Vestfold")
        .assert_lacks("Skjermtolk på legevakten i Tønsberg");
    // Local first within a type.
    assert!(tolk.position_of("Ny tolketjeneste med skjermtolk") < tolk.position_of("Tolkeveiledningen er oppdatert"));
    app.page("/vestfold/tema/demens").await.assert_contains("Hukommelsesklinikken på SiV").assert_contains("Utredning av demens i kommunen");
}

async fn unknown_addresses_get_a_helpful_404(app: TestApp) {
    let unknown_area = app.not_found("/bergen").await;
    unknown_area.assert_contains("Vi har ikke noe område som heter «bergen»").assert_contains(">Ahus</a>").assert_contains(">Innlandet</a>");
    app.not_found("/ahus/nyheter/ny-tolketjeneste").await.assert_contains("ingen sider av typen «nyheter»");
    app.not_found("/ahus/guide/finnes-ikke").await;
    app.not_found("/ahus/tema/kirurgi").await.assert_contains("fagtema som heter «kirurgi»");
    app.not_found("/ahus/guide/bruk-av-tolk/nb/ekstra").await;
    app.not_found("/ahus/guide/%3Cscript%3E").await.assert_lacks("<script>");
}

/// A link checker, a cache or an integrator asking a real address with the wrong method
/// learns that the address exists and which methods it takes (405 with `Allow`), not
/// that it is missing; people get the site's error page; unknown addresses stay 404.
async fn an_address_asked_with_a_method_it_does_not_take_says_which_it_takes(app: TestApp) {
    let ask = |method: &str, path: &str| {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        app.client.request(method, format!("{}{path}", app.address)).send()
    };
    for (method, path, allowed) in [
        ("DELETE", "/ahus/guide/bruk-av-tolk", "GET, HEAD"),
        ("PUT", "/ahus", "GET, HEAD"),
        ("POST", "/ahus", "GET, HEAD"),
        ("PATCH", "/sok", "GET, HEAD"),
        ("DELETE", "/logg-inn", "GET, HEAD, POST"),
        ("DELETE", "/api/search", "GET, HEAD"),
        ("POST", "/healthz", "GET, HEAD"),
    ] {
        let response = ask(method, path).await.unwrap();
        assert_eq!(response.status(), 405, "{method} {path}");
        assert_eq!(response.headers()["allow"], allowed, "{method} {path}");
        let html = response.headers()["content-type"].to_str().unwrap().starts_with("text/html");
        let body = response.text().await.unwrap();
        if path.starts_with("/api/") || path == "/healthz" {
            assert!(!html && body.contains(allowed), "{method} {path}: {body}");
        } else {
            assert!(html && body.contains("Det går ikke an her") && body.contains("lang=\"nb\""), "{method} {path}: {body}");
        }
    }
    assert_eq!(ask("DELETE", "/finnes/ikke/her/i/det/hele/tatt").await.unwrap().status(), 404);
    assert_eq!(ask("POST", "/finnes/ikke/her/i/det/hele/tatt").await.unwrap().status(), 404);
    // A method a route does take is still checked for its form token.
    assert_eq!(ask("POST", "/logg-ut").await.unwrap().status(), 403);
}

async fn health_and_security_headers(app: TestApp) {
    let health = app.page("/healthz").await;
    assert_eq!(health.body, r#"{"database":"ok","status":"ok"}"#);
    let page = app.page("/ahus").await;
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(page.headers["referrer-policy"], "strict-origin-when-cross-origin");
    let head = app.client.head(format!("{}/ahus/guide/bruk-av-tolk", app.address)).send().await.unwrap();
    assert_eq!(head.status(), 200, "uptime monitors and link checkers use HEAD");
    let css = app.page("/assets/css/site.css").await;
    assert!(css.headers["cache-control"].to_str().unwrap().contains("max-age"));
}

/// The law asks public sites for an accessibility statement with a way to give feedback
/// and to complain, and readers for a privacy statement: every page's footer links them,
/// and the central editors keep them like any other page.
async fn every_page_links_the_accessibility_and_privacy_statements_which_editors_keep(app: TestApp) {
    for path in ["/", "/vestfold", "/vestfold/guide/isbar", "/kurs", "/sok?q=tolk", "/vestfold/pasient", "/api", "/finnes-ikke/her"] {
        let page = app.get(path).await;
        for link in ["/tilgjengelighet\">Tilgjengelighetserklæring</a>", "/personvern\">Personvern</a>", "/om\">Om fagbro og kontakt</a>"] {
            assert!(crate::helpers::unescape(&page.body).contains(link), "{path} links {link}:\n{}", page.body);
        }
    }
    let accessibility = app.page("/tilgjengelighet").await;
    accessibility.assert_contains("<h1").assert_contains("Tilgjengelighetserklæring for fagbro");
    for part in ["WCAG 2.1", "Slik tester vi", "Kjente avvik", "Meld fra om feil", "Uutilsynet", "https://www.uutilsynet.no/"] {
        accessibility.assert_contains(part);
    }
    // The feedback form on the statement reaches the editors.
    accessibility.assert_contains("action=\"/tilbakemelding\"");
    let privacy = app.page("/personvern").await;
    for part in ["Kursdeltakere", "Redaktører", "Abonnenter på nyhetsbrev", "30", "180 dager", "Min side", "slette kontoen"] {
        privacy.assert_contains(part);
    }
    app.page("/om").await.assert_contains("Kontakt redaksjonen");

    // A central editor changes the statement; the footer's address shows the change.
    let editor = app.signed_in("sentral.redaktor@example.no", fagbro::accounts::Role::CentralEditor, &[]).await;
    let central = fagbro::areas::repo::by_slug(app.db(), "central").await.unwrap().unwrap();
    let item = fagbro::content::repo::by_key(app.db(), central.id, "tilgjengelighet", "nb").await.unwrap().unwrap();
    let body = format!("{}\n\nNytt avvik: kartet på kontaktsiden mangler tekstalternativ.", item.body_markdown);
    let saved = editor.save_item(item.id, &[("title", &item.title), ("body", &body)]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    app.page("/tilgjengelighet").await.assert_contains("kartet på kontaktsiden mangler tekstalternativ");
}
