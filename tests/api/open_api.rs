//! Another health community's web team shows fagbro's content on its own site, reading
//! the open API from its OpenAPI document alone: Vestfold's news and the central guides,
//! page after page, kept in step with `updated_since`, from a browser on another origin.
use std::path::Path;

use serde_json::Value;

use crate::helpers::{Backend, TestApp, content_folder, python_reads, require_all, say_skipped_once, spawn_app_configured};

const PUBLIC: &str = "https://fagbro.example.no";

fn a_community_with_news_and_guides() -> tempfile::TempDir {
    let mut files = vec![
        ("areas.toml".to_owned(), "[[area]]\nslug = \"central\"\nname = \"Felles\"\ndescription = \"Felles innhold\"\n\n[[area]]\nslug = \"vestfold\"\nname = \"Vestfold\"\ndescription = \"Helsefellesskapet i Vestfold\"\n\n[[area]]\nslug = \"ahus\"\nname = \"Ahus\"\ndescription = \"Akershus\"\n".to_owned()),
        ("themes.toml".to_owned(), "[[theme]]\nslug = \"tolk\"\nname = \"Tolk\"\ndescription = \"Tolk og kommunikasjon\"\n".to_owned()),
        ("vestfold/news/kladd.nb.md".to_owned(), "+++\ntitle = \"Hemmelig kladd\"\nstatus = \"draft\"\n+++\nTekst.\n".to_owned()),
        ("ahus/news/bare-ahus.nb.md".to_owned(), "+++\ntitle = \"Bare for Ahus\"\npublished = 2026-11-25\n+++\nTekst.\n".to_owned()),
        ("central/guide/isbar.nb.md".to_owned(), "+++\ntitle = \"ISBAR\"\nthemes = [\"tolk\"]\nupdated = 2026-10-01\n+++\nSe [tolk](/central/interpreter) og ![figur](/media/x.png \"figur\").\n".to_owned()),
        ("central/guide/isbar.en.md".to_owned(), "+++\ntitle = \"ISBAR in English\"\ntranslated_from = 2026-10-01\n+++\nText.\n".to_owned()),
        ("vestfold/event/fagdag.nb.md".to_owned(), "+++\ntitle = \"Fagdag\"\nstarts = 2027-03-01T09:00\nends = 2027-03-01T15:30\nplace = \"Tønsberg\"\n+++\nProgram.\n".to_owned()),
    ];
    for n in 1..=7 {
        files.push((format!("vestfold/news/nyhet-{n}.nb.md"), format!("+++\ntitle = \"Vestfoldnyhet {n}\"\npublished = 2026-11-{:02}\nthemes = [\"tolk\"]\n+++\nTekst {n}.\n", n + 1)));
    }
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(path, text)| (path.as_str(), text.as_str())).collect();
    content_folder(&borrowed)
}

async fn start(backend: Backend, test: &str, content: &Path, per_minute: u32) -> Option<TestApp> {
    let configure = |config: &mut fagbro::Config| {
        config.public_url = Some(PUBLIC.to_owned());
        config.api_per_minute = per_minute;
    };
    spawn_app_configured(tempfile::tempdir().unwrap(), backend, test, content, configure).await
}

async fn get_json(app: &TestApp, path: &str) -> (u16, Value) {
    let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
    let status = response.status().as_u16();
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"), "{path}: {:?}", response.headers());
    (status, response.json().await.unwrap())
}

fn titles(page: &Value) -> Vec<String> {
    let mut titles: Vec<String> = page["items"].as_array().unwrap().iter().map(|item| item["title"].as_str().unwrap().to_owned()).collect();
    titles.sort();
    titles
}

/// The document says what there is; the team follows it to Vestfold's news and the
/// central guides, pages through with the cursor, keeps in step with `updated_since`,
/// and reads one guide in full with its translations.
async fn another_communitys_site_shows_vestfolds_news_and_the_central_guides(backend: Backend) {
    let content = a_community_with_news_and_guides();
    let Some(app) = start(backend, "open_api", content.path(), fagbro::config::DEFAULT_API_PER_MINUTE).await else { return };

    let (status, document) = get_json(&app, "/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(document["servers"][0]["url"], PUBLIC);
    let listing = &document["paths"]["/api/items"]["get"];
    let parameters: Vec<&str> = listing["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for wanted in ["area", "type", "theme", "lang", "updated_since", "limit", "cursor"] {
        assert!(parameters.contains(&wanted), "{wanted} in {parameters:?}");
    }
    if let Some(verdict) = python_reads(
        "openapi_spec_validator",
        "import sys, json\nfrom openapi_spec_validator import validate\nvalidate(json.load(sys.stdin))\nprint('valid')",
        &document.to_string(),
    ) {
        assert_eq!(verdict.trim(), "valid");
    }

    // Vestfold's news: its own published news only, with absolute addresses.
    let (status, news) = get_json(&app, "/api/items?area=vestfold&type=news&limit=100").await;
    assert_eq!(status, 200);
    let expected: Vec<String> = (1..=7).map(|n| format!("Vestfoldnyhet {n}")).collect();
    assert_eq!(titles(&news), expected);
    let first = &news["items"][0];
    assert_eq!(first["area"], "vestfold");
    assert_eq!(first["type"], "news");
    assert!(first["url"].as_str().unwrap().starts_with(&format!("{PUBLIC}/vestfold/news/nyhet-")), "{first}");
    assert_eq!(first["themes"], serde_json::json!(["tolk"]));
    assert!(news["next_cursor"].is_null() && news["next"].is_null());

    // Page by page: every item once, none twice.
    let mut seen = Vec::new();
    let mut next = Some("/api/items?area=vestfold&type=news&limit=3".to_owned());
    while let Some(path) = next {
        let (status, page) = get_json(&app, &path).await;
        assert_eq!(status, 200, "{page}");
        assert!(page["items"].as_array().unwrap().len() <= 3);
        seen.extend(titles(&page));
        next = page["next"].as_str().map(|url| url.strip_prefix(PUBLIC).unwrap().to_owned());
        if next.is_some() {
            assert!(page["next_cursor"].is_string());
        }
    }
    seen.sort();
    assert_eq!(seen, expected);

    // The central guides, and an event with its time in Oslo time.
    let (_, guides) = get_json(&app, "/api/items?area=central&type=guide&lang=nb").await;
    assert_eq!(titles(&guides), ["ISBAR"]);
    let (_, events) = get_json(&app, "/api/items?area=vestfold&type=event").await;
    assert_eq!(events["items"][0]["event"]["starts"], "2027-03-01T09:00:00+01:00");
    assert_eq!(events["items"][0]["event"]["place"], "Tønsberg");

    // Kept in step: nothing changed since a moment from now; everything since long ago.
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let (_, none) = get_json(&app, &format!("/api/items?updated_since={later}")).await;
    assert_eq!(none["items"], serde_json::json!([]));
    let (_, all) = get_json(&app, "/api/items?updated_since=2020-01-01T00:00:00Z&limit=100").await;
    let all_titles = titles(&all);
    assert!(all_titles.contains(&"Bare for Ahus".to_owned()) && all_titles.contains(&"ISBAR in English".to_owned()));
    assert!(!all_titles.contains(&"Hemmelig kladd".to_owned()), "no drafts");

    // One guide in full: its text with absolute links, its themes, its languages.
    let id = guides["items"][0]["id"].as_i64().unwrap();
    let response = app.client.get(format!("{}/api/items/{id}", app.address)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let tag = response.headers()["etag"].clone();
    assert!(response.headers().contains_key("last-modified"));
    let guide: Value = response.json().await.unwrap();
    assert!(guide["html"].as_str().unwrap().contains(&format!("href=\"{PUBLIC}/central/interpreter\"")), "{guide}");
    assert_eq!(guide["theme_names"], serde_json::json!([{"slug": "tolk", "name": "Tolk"}]));
    let languages = guide["languages"].as_array().unwrap();
    assert_eq!(languages.len(), 2, "{guide}");
    assert_eq!(languages[0]["lang"], "nb");
    assert_eq!(languages[0]["status"], "original");
    assert_eq!(languages[1]["lang"], "en");
    assert_eq!(languages[1]["status"], "current");
    assert_eq!(languages[1]["url"], format!("{PUBLIC}/central/guide/isbar/en"));

    // Asked again with its ETag: nothing sent.
    let again = app.client.get(format!("{}/api/items/{id}", app.address)).header("if-none-match", tag).send().await.unwrap();
    assert_eq!(again.status(), 304);

    // A draft and an unknown id are not there; the answer is JSON that says so.
    let (_, drafts) = get_json(&app, "/api/items?area=vestfold&type=news&limit=100").await;
    let draft_id = fagbro::content::repo::by_key(app.db(), vestfold(&app).await, "kladd", "nb").await.unwrap().unwrap().id.0;
    assert!(!drafts["items"].as_array().unwrap().iter().any(|item| item["id"] == draft_id));
    for path in [format!("/api/items/{draft_id}"), "/api/items/999999".to_owned(), "/api/items/ikke-et-tall".to_owned(), "/api/finnes-ikke".to_owned()] {
        let (status, error) = get_json(&app, &path).await;
        assert_eq!(status, 404, "{path}");
        assert!(error["error"].is_string(), "{path}: {error}");
    }
}

async fn vestfold(app: &TestApp) -> fagbro::entities::ids::AreaId {
    fagbro::areas::repo::by_slug(app.db(), "vestfold").await.unwrap().unwrap().id
}

/// A wrong parameter is answered with the parameter named (400 when malformed, 404 when
/// it names nothing there is), never ignored and never a server error.
async fn a_wrong_parameter_is_named_in_the_answer(backend: Backend) {
    let content = a_community_with_news_and_guides();
    let Some(app) = start(backend, "open_api_refusals", content.path(), fagbro::config::DEFAULT_API_PER_MINUTE).await else { return };
    // Malformed: 400. Well formed, but nothing by that name: 404.
    for (query, parameter, status) in [
        ("limit=0", "limit", 400),
        ("limit=101", "limit", 400),
        ("limit=mange", "limit", 400),
        ("limit=", "limit", 400),
        ("type=blogg", "type", 400),
        ("type=news,blogg", "type", 400),
        ("area=Bergen!", "area", 400),
        ("area=bergen", "area", 404),
        ("area=vestfold,bergen", "area", 404),
        ("theme=finnes-ikke", "theme", 404),
        ("lang=norsk!", "lang", 400),
        ("updated_since=i%20g%C3%A5r", "updated_since", 400),
        ("updated_since=2026-11-01", "updated_since", 400),
        ("updated_since=", "updated_since", 400),
        ("cursor=abc", "cursor", 400),
        ("cursor=-4", "cursor", 400),
        ("cursor=99999999999", "cursor", 400),
    ] {
        let (got, error) = get_json(&app, &format!("/api/items?{query}")).await;
        assert_eq!(got, status, "{query}: {error}");
        assert_eq!(error["parameter"], parameter, "{query}: {error}");
        assert!(!error["error"].as_str().unwrap().is_empty());
    }
    let (status, error) = get_json(&app, "/api/courses?area=bergen").await;
    assert_eq!((status, error["parameter"].as_str()), (404, Some("area")));
    // Only reads: anything else is 405 with what the address takes.
    let post = app.client.post(format!("{}/api/items", app.address)).send().await.unwrap();
    assert_eq!(post.status(), 405);
    assert_eq!(post.headers()["allow"], "GET, HEAD");
}

/// A page on another site reads the API from the visitor's browser: the browser asks
/// first (a preflight, for `If-None-Match`), then reads, and may see the `ETag`.
async fn a_page_on_another_site_reads_the_api_from_the_browser(backend: Backend) {
    let content = a_community_with_news_and_guides();
    let Some(app) = start(backend, "open_api_cors", content.path(), fagbro::config::DEFAULT_API_PER_MINUTE).await else { return };
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/api/items", app.address))
        .header("origin", "https://www.helse-innlandet.example.no")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "if-none-match")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 204);
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    assert!(preflight.headers()["access-control-allow-methods"].to_str().unwrap().contains("GET"));
    assert!(preflight.headers()["access-control-allow-headers"].to_str().unwrap().to_lowercase().contains("if-none-match"));
    let read = app.client.get(format!("{}/api/areas", app.address)).header("origin", "https://www.helse-innlandet.example.no").send().await.unwrap();
    assert_eq!(read.status(), 200);
    assert_eq!(read.headers()["access-control-allow-origin"], "*");
    assert!(read.headers()["access-control-expose-headers"].to_str().unwrap().contains("ETag"));
    assert!(!read.headers().contains_key("set-cookie"), "the API sets no cookies");
    let areas: Value = read.json().await.unwrap();
    let vestfold = areas["areas"].as_array().unwrap().iter().find(|a| a["slug"] == "vestfold").unwrap().clone();
    assert_eq!(vestfold["feed"], format!("{PUBLIC}/feed/vestfold.atom"));
    assert_eq!(vestfold["calendar"], format!("{PUBLIC}/vestfold/kalender.ics"));
    let (_, themes) = get_json(&app, "/api/themes").await;
    assert_eq!(themes["themes"][0]["slug"], "tolk");
    // The site's own pages are not opened to other origins.
    let page = app.client.get(format!("{}/vestfold", app.address)).header("origin", "https://evil.example").send().await.unwrap();
    assert!(!page.headers().contains_key("access-control-allow-origin"));
}

/// A harvester asking without pause is slowed down per address and told when to come
/// back; the site's own search box is not counted.
async fn a_client_that_asks_too_often_is_told_when_to_come_back(backend: Backend) {
    let content = a_community_with_news_and_guides();
    let Some(app) = start(backend, "open_api_limit", content.path(), 5).await else { return };
    for _ in 0..5 {
        assert_eq!(app.get("/api/themes").await.status, 200);
    }
    let refused = app.client.get(format!("{}/api/items", app.address)).send().await.unwrap();
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=13).contains(&wait), "{wait}");
    let error: Value = refused.json().await.unwrap();
    assert!(error["error"].as_str().unwrap().contains("too many"));
    assert_eq!(app.get("/api/suggest?q=tolk").await.status, 200, "the search box is not counted");
    assert_eq!(app.get("/vestfold").await.status, 200, "pages are not counted");
}

/// The course catalogue through the API: what each course covers and takes, never the
/// answers to its questions.
async fn the_course_catalogue_is_read_without_its_answers(app: TestApp) {
    let (status, catalogue) = get_json(&app, "/api/courses").await;
    assert_eq!(status, 200);
    let courses = catalogue["courses"].as_array().unwrap();
    assert!(!courses.is_empty());
    let course = &courses[0];
    for field in ["id", "title", "url", "duration_minutes", "modules", "has_exam", "pass_mark", "version", "publisher"] {
        assert!(!course[field].is_null(), "{field} in {course}");
    }
    assert!(course["url"].as_str().unwrap().contains("/kurs/"));
    let text = catalogue.to_string();
    assert!(!text.contains("\"correct\"") && !text.contains("\"options\""), "no answers in the catalogue");
    let (_, central) = get_json(&app, "/api/courses?area=central").await;
    assert!(central["courses"].as_array().unwrap().iter().all(|c| c["area"] == "central"));
}

/// Schemathesis generates requests from the OpenAPI document, valid and invalid, and
/// checks every answer: no server error, every status and body as the document says.
async fn generated_requests_find_no_server_error_and_no_answer_outside_the_document(backend: Backend) {
    static SKIP_SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if std::process::Command::new("st").arg("--version").output().is_err() {
        assert!(!require_all(), "schemathesis (st) is needed, and FAGBRO_REQUIRE_ALL=1 (.ci/run installs it)");
        say_skipped_once(&SKIP_SAID, "skipped the generated API run: schemathesis (st) not found (pip install schemathesis)");
        return;
    }
    // The sample site, with no limit a generated run would reach.
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let Some(app) = start(backend, "open_api_generated", &content, 1_000_000).await else { return };
    let (schema, base) = (format!("{}/api/openapi.json", app.address), app.address.clone());
    let args = ["run", &schema, "--url", &base, "--checks", "all", "--max-examples", "40", "--workers", "2", "--generation-deterministic", "--request-timeout", "10"]
        .map(str::to_owned);
    // Schemathesis keeps its own files where it runs: not in the repository.
    let scratch = tempfile::tempdir().unwrap();
    let folder = scratch.path().to_owned();
    let run = tokio::task::spawn_blocking(move || std::process::Command::new("st").args(args).current_dir(folder).output()).await.unwrap().unwrap();
    let printed = format!("{}\n{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "schemathesis found problems:\n{printed}");
}

crate::for_each_backend!(
    another_communitys_site_shows_vestfolds_news_and_the_central_guides,
    a_wrong_parameter_is_named_in_the_answer,
    a_page_on_another_site_reads_the_api_from_the_browser,
    a_client_that_asks_too_often_is_told_when_to_come_back,
    generated_requests_find_no_server_error_and_no_answer_outside_the_document,
);
crate::on_both_backends!(the_course_catalogue_is_read_without_its_answers);
