//! Patient material, languages first: a clinician picks the patient's language, sees every
//! leaflet in it by theme with its Norwegian title, and each leaflet links its other
//! languages. On SQLite and PostgreSQL.
use crate::helpers::{Backend, TestApp};
use crate::{for_each_backend, on_both_backends};

on_both_backends!(
    a_clinician_picks_the_patients_language_and_finds_the_leaflet,
    a_clinician_shows_the_leaflet_and_the_patient_scans_it_home,
);
for_each_backend!(the_code_holds_the_sites_public_address_when_one_is_set);

/// The text a phone's camera reads from the QR code at `path`.
async fn scan(app: &TestApp, path: &str) -> String {
    let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], "image/png");
    let png = response.bytes().await.unwrap();
    let image = image::load_from_memory(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(image.width() as usize, image.height() as usize, |x, y| {
        image.get_pixel(x as u32, y as u32).0[0]
    });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one code in the image");
    grids[0].decode().unwrap().1
}

async fn a_clinician_shows_the_leaflet_and_the_patient_scans_it_home(app: TestApp) {
    let show = "/vestfold/pasient/so/etter-operasjonen";
    // From the language index and from the leaflet, one tap each.
    app.page("/vestfold/pasient/so").await.assert_contains(&format!("href=\"{}\"", show.replace('/', "&#x2F;")));
    app.page("/vestfold/patient/etter-operasjonen/so").await.assert_contains(&format!("href=\"{}\"", show.replace('/', "&#x2F;")));

    let page = app.page(show).await;
    page.assert_contains("<html lang=\"so\" dir=\"ltr\">")
        .assert_contains("<article class=\"leaflet-text\" data-role=\"patient\" lang=\"so\" dir=\"ltr\">\n      <h1>Qalliinka kadib</h1>")
        .assert_contains("data-role=\"norwegian\" lang=\"nb\" dir=\"ltr\"")
        .assert_contains("38,0 °C")
        .assert_contains("Turjumaaddan way ka da&#x27; weyn tahay")
        .assert_contains("Ku sawir koodhka taleefankaaga")
        .assert_contains("Skann koden med mobilen for å ta med teksten hjem.")
        .assert_contains(&format!("<bdi>{}&#x2F;vestfold&#x2F;patient&#x2F;etter-operasjonen&#x2F;so</bdi>", app.address.replace('/', "&#x2F;")))
        .assert_contains("Kilde: fagbro – felles innhold for helsefellesskapet. Sist faglig oppdatert 10. mars 2026. Norsk tittel: «Etter operasjonen».")
        .assert_contains("src=\"&#x2F;vestfold&#x2F;pasient&#x2F;so&#x2F;etter-operasjonen&#x2F;qr.png\"");
    // The leaflet alone: none of the site's header, menus or feedback form.
    page.assert_lacks("class=\"site-header\"").assert_lacks("main-nav").assert_lacks("Var denne siden nyttig?");
    assert!(page.position_of("data-role=\"patient\"") < page.position_of("data-role=\"norwegian\""));
    // The switch puts the Norwegian first (what a phone shows), and back.
    let norwegian_first = app.page(&format!("{show}?vis=nb")).await;
    norwegian_first.assert_contains("<html lang=\"nb\" dir=\"ltr\">").assert_contains("<h1>Etter operasjonen</h1>").assert_contains("Vis Soomaali først");
    assert!(norwegian_first.position_of("data-role=\"norwegian\"") < norwegian_first.position_of("data-role=\"patient\""));
    app.page(&format!("{show}?vis=<b>")).await.assert_contains("<h1>Qalliinka kadib</h1>");

    // The code is the leaflet's own address, absolute, for the patient's phone.
    assert_eq!(scan(&app, &format!("{show}/qr.png")).await, format!("{}/vestfold/patient/etter-operasjonen/so", app.address));
    let arabic = app.page("/vestfold/pasient/ar/etter-operasjonen").await;
    arabic.assert_contains("<html lang=\"ar\" dir=\"rtl\">").assert_contains("<p class=\"address\"><bdi>");
    assert_eq!(scan(&app, "/vestfold/pasient/ar/etter-operasjonen/qr.png").await, format!("{}/vestfold/patient/etter-operasjonen/ar", app.address));

    // The Norwegian leaflet is shown alone, without a switch.
    let nb = app.page("/vestfold/pasient/nb/etter-operasjonen").await;
    nb.assert_contains("<h1>Etter operasjonen</h1>").assert_lacks("data-role=\"norwegian\"").assert_lacks("class=\"switch\"").assert_lacks("Norsk tittel");
    // What is not there is a helpful 404, the code too.
    app.not_found("/vestfold/pasient/ps/etter-operasjonen").await.assert_contains("«etter-operasjonen» på «ps»");
    app.not_found("/vestfold/pasient/so/finnes-ikke").await;
    assert_eq!(app.get("/vestfold/pasient/so/finnes-ikke/qr.png").await.status, 404);
}

async fn the_code_holds_the_sites_public_address_when_one_is_set(backend: Backend) {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let public = |config: &mut fagbro::Config| config.public_url = Some("https://fagbro.example.no".into());
    let Some(app) = crate::helpers::spawn_app_configured(tempfile::tempdir().unwrap(), backend, "qr_public_url", &content, public).await else { return };
    let show = "/innlandet/pasient/uk/foling-ved-diabetes";
    assert_eq!(scan(&app, &format!("{show}/qr.png")).await, "https://fagbro.example.no/innlandet/patient/foling-ved-diabetes/uk");
    app.page(show).await.assert_contains("<bdi>https:&#x2F;&#x2F;fagbro.example.no&#x2F;innlandet&#x2F;patient&#x2F;foling-ved-diabetes&#x2F;uk</bdi>");
}

async fn a_clinician_picks_the_patients_language_and_finds_the_leaflet(app: TestApp) {
    let area_home = app.page("/vestfold").await;
    area_home.assert_contains("href=\"&#x2F;vestfold&#x2F;pasient\"");
    let languages = app.page("/vestfold/pasient").await;
    languages.assert_contains("<h2 id=\"choose-language\">Velg språk</h2>");
    for (code, native, dir) in [("nb", "Norsk bokmål", "ltr"), ("so", "Soomaali", "ltr"), ("ar", "العربية", "rtl"), ("ur", "اردو", "rtl"), ("uk", "Українська", "ltr")] {
        languages.assert_contains(&format!("href=\"&#x2F;vestfold&#x2F;pasient&#x2F;{code}\" lang=\"{code}\" hreflang=\"{code}\" dir=\"{dir}\">{native}</a>"));
    }
    languages.assert_contains("somali · 10 tekster").assert_contains("pashto · 4 tekster");
    assert!(languages.position_of(">Norsk bokmål<") < languages.position_of(">Soomaali<"), "Norwegian first");

    let somali = app.page("/vestfold/pasient/so").await;
    somali
        .assert_contains("<html lang=\"so\" dir=\"ltr\">")
        .assert_contains("<h1>Macluumaad loogu talagalay bukaanka</h1>")
        .assert_contains("lang=\"nb\" dir=\"ltr\">Pasientforløp og samhandling</h2>")
        .assert_contains("href=\"&#x2F;vestfold&#x2F;patient&#x2F;etter-operasjonen&#x2F;so\">Qalliinka kadib</a>")
        .assert_contains("<span class=\"hint\" lang=\"nb\" dir=\"ltr\">Etter operasjonen</span>")
        .assert_contains("href=\"&#x2F;vestfold&#x2F;pasient\">Dooro luqad kale</a>");
    assert_eq!(somali.body.matches("<li><a href=\"&#x2F;vestfold&#x2F;patient&#x2F;").count(), 10, "every Somali leaflet once");
    let arabic = app.page("/vestfold/pasient/ar").await;
    arabic.assert_contains("<html lang=\"ar\" dir=\"rtl\">").assert_contains("<h1>معلومات للمرضى</h1>");
    // The Norwegian index has no Norwegian titles beside the titles.
    app.page("/vestfold/pasient/nb").await.assert_contains("<h1>Pasientinformasjon</h1>").assert_lacks("<span class=\"hint\" lang=\"nb\"");

    // The leaflet leads back to its language's index and links its other languages.
    let leaflet = app.page("/vestfold/patient/etter-operasjonen/so").await;
    leaflet
        .assert_contains("<a href=\"&#x2F;vestfold&#x2F;pasient&#x2F;so\">Pasientinformasjon</a>")
        .assert_contains("lang=\"ar\" hreflang=\"ar\" dir=\"rtl\">العربية</a>");

    // A language with no leaflets, or no language at all: a helpful 404.
    let missing = app.not_found("/vestfold/pasient/lt").await;
    missing.assert_contains("Vi har ingen pasientinformasjon på «lt»").assert_contains("&#x2F;vestfold&#x2F;pasient");
    app.not_found("/vestfold/pasient/<script>").await.assert_lacks("<script>");
    app.not_found("/finnes-ikke/pasient").await;
}
