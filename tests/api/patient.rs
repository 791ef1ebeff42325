//! Patient material, languages first: a clinician picks the patient's language, sees every
//! leaflet in it by theme with its Norwegian title, and each leaflet links its other
//! languages. On SQLite and PostgreSQL.
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends!(a_clinician_picks_the_patients_language_and_finds_the_leaflet);

async fn a_clinician_picks_the_patients_language_and_finds_the_leaflet(app: TestApp) {
    let area_home = app.page("/vestfold").await;
    area_home.assert_contains("href=\"&#x2F;vestfold&#x2F;pasient\"");
    let languages = app.page("/vestfold/pasient").await;
    languages.assert_contains("<h2 id=\"choose-language\">Velg språk</h2>");
    for (code, native, dir) in [("nb", "Norsk bokmål", "ltr"), ("so", "Soomaali", "ltr"), ("ar", "العربية", "rtl"), ("ur", "اردو", "rtl"), ("uk", "Українська", "ltr")] {
        languages.assert_contains(&format!("href=\"&#x2F;vestfold&#x2F;pasient&#x2F;{code}\" lang=\"{code}\" hreflang=\"{code}\" dir=\"{dir}\">{native}</a>"));
    }
    languages.assert_contains("somali · 5 tekster");
    assert!(languages.position_of(">Norsk bokmål<") < languages.position_of(">Soomaali<"), "Norwegian first");

    let somali = app.page("/vestfold/pasient/so").await;
    somali
        .assert_contains("<html lang=\"so\" dir=\"ltr\">")
        .assert_contains("<h1>Macluumaad loogu talagalay bukaanka</h1>")
        .assert_contains("<h2 id=\"theme-4\" lang=\"nb\" dir=\"ltr\">Pasientforløp og samhandling</h2>")
        .assert_contains("href=\"&#x2F;vestfold&#x2F;patient&#x2F;etter-operasjonen&#x2F;so\">Qalliinka kadib</a>")
        .assert_contains("<span class=\"hint\" lang=\"nb\" dir=\"ltr\">Etter operasjonen</span>")
        .assert_contains("href=\"&#x2F;vestfold&#x2F;pasient\">Dooro luqad kale</a>");
    assert_eq!(somali.body.matches("<li><a href=\"&#x2F;vestfold&#x2F;patient&#x2F;").count(), 5, "every Somali leaflet once");
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
    let missing = app.not_found("/vestfold/pasient/ti").await;
    missing.assert_contains("Vi har ingen pasientinformasjon på «ti»").assert_contains("&#x2F;vestfold&#x2F;pasient");
    app.not_found("/vestfold/pasient/<script>").await.assert_lacks("<script>");
    app.not_found("/finnes-ikke/pasient").await;
}
