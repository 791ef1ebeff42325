//! Starting the real application for a test: its own data folder, its own database
//! (a fresh SQLite file, or a fresh PostgreSQL database), a free port, real HTTP.
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use fagbro::{Application, Config};
use reqwest::redirect::Policy;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// With `FAGBRO_REQUIRE_ALL=1` (as in CI) a missing part fails instead of skipping.
pub fn require_all() -> bool {
    std::env::var("FAGBRO_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

/// The PostgreSQL server to create test databases on, or `None` (test skipped).
pub fn postgres_admin_url(test: &str) -> Option<String> {
    match std::env::var("FAGBRO_TEST_POSTGRES_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if require_all() => panic!("{test}: FAGBRO_TEST_POSTGRES_URL is not set, and FAGBRO_REQUIRE_ALL=1"),
        _ => {
            say_skipped_once(&POSTGRES_SKIP_SAID, "skipped the PostgreSQL runs of the integration tests: FAGBRO_TEST_POSTGRES_URL is not set");
            None
        }
    }
}

static POSTGRES_SKIP_SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Prints `line` once per test binary, past the test harness's output capture, so a
/// skipped part is seen in the output of a plain `cargo test`.
pub fn say_skipped_once(said: &std::sync::atomic::AtomicBool, line: &str) {
    use std::io::Write;
    if !said.swap(true, Ordering::SeqCst) {
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

static POPPLER_SKIP_SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// What a PDF reader finds in a PDF, by running poppler's `tool` (`pdftotext`,
/// `pdffonts`) on it; `None` (the check skipped) where poppler-utils is not installed.
pub fn pdf_tool(tool: &str, pdf: &[u8]) -> Option<String> {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let mut command = std::process::Command::new(tool);
    command.arg(file.path());
    if tool == "pdftotext" {
        command.arg("-");
    }
    match command.output() {
        Ok(output) => {
            assert!(output.status.success(), "{tool}: {}", String::from_utf8_lossy(&output.stderr));
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        Err(_) if require_all() => panic!("{tool} (poppler-utils) is needed, and FAGBRO_REQUIRE_ALL=1"),
        Err(_) => {
            say_skipped_once(&POPPLER_SKIP_SAID, "skipped reading certificate PDFs: poppler-utils (pdftotext) not found");
            None
        }
    }
}

static PYTHON_SKIP_SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// What a Python `script` prints for `input` on its standard input, using `module` (the
/// parser a feed reader or calendar app uses); `None` (the check skipped) where Python
/// or the module is not installed.
pub fn python_reads(module: &str, script: &str, input: &str) -> Option<String> {
    use std::io::Write;
    let present = std::process::Command::new("python3").args(["-c", &format!("import {module}")]).output().is_ok_and(|o| o.status.success());
    if !present {
        assert!(!require_all(), "Python's {module} is needed, and FAGBRO_REQUIRE_ALL=1 (.ci/run installs it)");
        say_skipped_once(&PYTHON_SKIP_SAID, &format!("skipped checks read by Python parsers: {module} not found (.ci/run installs them with pip)"));
        return None;
    }
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "python ({module}) failed: {}\non:\n{input}", String::from_utf8_lossy(&output.stderr));
    Some(String::from_utf8(output.stdout).unwrap())
}

/// A PostgreSQL database made for one test and dropped when it ends.
pub struct PostgresDatabase {
    pub url: String,
    admin_url: String,
    name: String,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl PostgresDatabase {
    pub async fn create(admin_url: &str) -> PostgresDatabase {
        let name = format!(
            "fagbro_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos()
        );
        let admin = Database::connect(admin_url).await.expect("connect to FAGBRO_TEST_POSTGRES_URL");
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
        admin.close().await.ok();
        PostgresDatabase { url: with_database(admin_url, &name), admin_url: admin_url.to_owned(), name }
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs inside the test's runtime; a thread with its own runtime may block.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                    admin.close().await.ok();
                }
            });
        })
        .join();
    }
}

/// `postgres://u@h:5432/test?x=y` with the database `test` replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

pub struct TestApp {
    pub address: String,
    /// Follows no redirects and keeps cookies, like a browser that shows each step.
    pub client: reqwest::Client,
    db: DatabaseConnection,
    _data_dir: tempfile::TempDir,
    _postgres: Option<PostgresDatabase>,
}

/// Starts the application with the shipped sample content.
pub async fn spawn_app(backend: Backend, test: &str) -> Option<TestApp> {
    spawn_app_with_content(backend, test, &Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).await
}

/// Starts the application on an empty database that imports `content_dir` at start.
pub async fn spawn_app_with_content(backend: Backend, test: &str, content_dir: &Path) -> Option<TestApp> {
    spawn_app_in(tempfile::tempdir().expect("temporary data folder"), backend, test, content_dir).await
}

/// Starts the application on the data folder given (which may hold a database already).
pub async fn spawn_app_in(data_dir: tempfile::TempDir, backend: Backend, test: &str, content_dir: &Path) -> Option<TestApp> {
    spawn_app_configured(data_dir, backend, test, content_dir, |_| {}).await
}

/// Starts the application with the sample content as it runs behind a reverse proxy on
/// this machine: requests name their client in `X-Forwarded-For` (see `Browser::from`).
pub async fn spawn_app_behind_proxy(backend: Backend, test: &str) -> Option<TestApp> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let trust_loopback = |config: &mut Config| config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    spawn_app_configured(tempfile::tempdir().expect("temporary data folder"), backend, test, &content, trust_loopback).await
}

pub async fn spawn_app_configured(
    data_dir: tempfile::TempDir,
    backend: Backend,
    test: &str,
    content_dir: &Path,
    configure: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    let mut config = Config::for_data_dir(data_dir.path());
    config.content_dir = content_dir.to_owned();
    configure(&mut config);
    let postgres = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(PostgresDatabase::create(&postgres_admin_url(test)?).await),
    };
    if let Some(postgres) = &postgres {
        config.database_url = postgres.url.clone();
    }
    let app = Application::build(config).await.expect("the application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().redirect(Policy::none()).cookie_store(true).build().unwrap();
    Some(TestApp {
        address,
        client,
        db,
        _data_dir: data_dir,
        _postgres: postgres,
    })
}

/// A page as the test sees it.
pub struct Page {
    pub status: u16,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Page {
    /// Fails with the page in the message when `text` is not on it.
    #[track_caller]
    pub fn assert_contains(&self, text: &str) -> &Page {
        assert!(self.body.contains(text), "expected {text:?} on the page, got:\n{}", self.body);
        self
    }

    /// As `assert_contains`, with the page's escapes read back (Tera writes `/` in an
    /// attribute as `&#x2F;`): for markup with addresses in it.
    #[track_caller]
    pub fn assert_markup(&self, markup: &str) -> &Page {
        assert!(unescape(&self.body).contains(markup), "expected {markup:?} on the page, got:\n{}", self.body);
        self
    }

    #[track_caller]
    pub fn assert_lacks(&self, text: &str) -> &Page {
        assert!(!self.body.contains(text), "did not expect {text:?} on the page, got:\n{}", self.body);
        self
    }

    /// Where `text` first stands on the page, for "this comes before that".
    #[track_caller]
    pub fn position_of(&self, text: &str) -> usize {
        self.body.find(text).unwrap_or_else(|| panic!("expected {text:?} on the page"))
    }
}

impl TestApp {
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The database this app runs on (a second instance may share it).
    pub fn database_url(&self) -> String {
        match &self._postgres {
            Some(postgres) => postgres.url.clone(),
            None => fagbro::config::sqlite_url_for(self._data_dir.path()),
        }
    }

    pub fn data_dir(&self) -> std::path::PathBuf {
        self._data_dir.path().to_owned()
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self.client.get(format!("{}{}", self.address, path)).send().await.expect("request");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.expect("body");
        Page { status, body, headers }
    }

    /// GET that must answer 200.
    pub async fn page(&self, path: &str) -> Page {
        let page = self.get(path).await;
        assert_eq!(page.status, 200, "GET {path} gave {}:\n{}", page.status, page.body);
        page
    }

    /// GET that must answer 404 with the helpful page.
    pub async fn not_found(&self, path: &str) -> Page {
        let page = self.get(path).await;
        assert_eq!(page.status, 404, "GET {path} should be 404, was {}:\n{}", page.status, page.body);
        page.assert_contains("<h1>Vi fant ikke siden</h1>").assert_contains("action=\"/sok\"");
        page
    }
}

/// Writes a small content folder: `files` are (relative path, text).
pub fn content_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("areas.toml"),
        "[[area]]\nslug = \"central\"\nname = \"Felles\"\n\n[[area]]\nslug = \"ahus\"\nname = \"Ahus\"\n\n[[area]]\nslug = \"vestfold\"\nname = \"Vestfold\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("themes.toml"),
        "[[theme]]\nslug = \"tolk\"\nname = \"Tolk\"\n\n[[theme]]\nslug = \"demens\"\nname = \"Demens\"\n",
    )
    .unwrap();
    for (path, text) in files {
        write_file(dir.path(), path, text);
    }
    dir
}

pub fn write_file(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs the story once on SQLite and once on PostgreSQL (skipped, with one line, when
/// no PostgreSQL URL is given). Each run has its own app and its own database.
#[macro_export]
macro_rules! on_both_backends {
    ($($story:ident),* $(,)?) => { $(
        mod $story {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite, stringify!($story)).await.unwrap();
                super::$story(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres, stringify!($story)).await {
                    super::$story(app).await;
                }
            }
        }
    )* };
}

/// Like `on_both_backends!`, for stories that start their own app (with their own
/// content): each gets the backend to start it on.
#[macro_export]
macro_rules! for_each_backend {
    ($($story:ident),* $(,)?) => { $(
        mod $story {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() { super::$story($crate::helpers::Backend::Sqlite).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() { super::$story($crate::helpers::Backend::Postgres).await }
        }
    )* };
}

/// A browser of its own: its own cookies (session, form token), no redirects followed.
pub struct Browser {
    pub address: String,
    pub client: reqwest::Client,
}

impl TestApp {
    pub fn browser(&self) -> Browser {
        let client = reqwest::Client::builder().redirect(Policy::none()).cookie_store(true).build().unwrap();
        Browser { address: self.address.clone(), client }
    }

    /// A browser on another machine: behind the proxy (`spawn_app_behind_proxy`) its
    /// requests come from `client`.
    pub fn browser_from(&self, client: &str) -> Browser {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-forwarded-for", client.parse().unwrap());
        let client = reqwest::Client::builder().redirect(Policy::none()).cookie_store(true).default_headers(headers).build().unwrap();
        Browser { address: self.address.clone(), client }
    }

    /// Creates an account straight in the database, as `fagbro user add` does.
    pub async fn create_user(&self, email: &str, role: fagbro::accounts::Role, areas: &[&str]) {
        let areas: Vec<String> = areas.iter().map(|a| a.to_string()).collect();
        let new = fagbro::accounts::service::NewAccount { email, name: &name_of(email), password: PASSWORD, role, areas: &areas };
        fagbro::accounts::service::create_account(&self.db, new, &fagbro::audit::Actor::system("test"))
            .await
            .expect("the test user is created");
    }

    /// A browser signed in as a new user with this role.
    pub async fn signed_in(&self, email: &str, role: fagbro::accounts::Role, areas: &[&str]) -> Browser {
        self.create_user(email, role, areas).await;
        let browser = self.browser();
        browser.sign_in(email, PASSWORD).await;
        browser
    }
}

pub const PASSWORD: &str = "riktig hest batteri stift";

/// "kari.vestfold@example.no" is called "Kari Vestfold".
pub fn name_of(email: &str) -> String {
    email
        .split('@')
        .next()
        .unwrap_or_default()
        .split('.')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Browser {
    async fn read(response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.expect("body");
        Page { status, body, headers }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::read(self.client.get(format!("{}{}", self.address, path)).send().await.expect("request")).await
    }

    pub async fn page(&self, path: &str) -> Page {
        let page = self.get(path).await;
        assert_eq!(page.status, 200, "GET {path} gave {}:\n{}", page.status, page.body);
        page
    }

    /// The form token this browser's pages carry (fetching a page first if needed).
    pub async fn csrf(&self) -> String {
        let mut page = self.get("/logg-inn").await;
        // 408: the server did not get the request's head within its 5 s (a starved test
        // machine running every suite at once); a browser would simply ask again.
        for _ in 0..3 {
            if page.status != 408 {
                break;
            }
            page = self.get("/logg-inn").await;
        }
        assert_eq!(page.status, 200, "the sign-in page, for a form token: {:?}\n{}", page.headers, page.body);
        csrf_on(&page.body)
    }

    /// POSTs a form the way the page's own form does, token included.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf().await;
        let mut form: Vec<(&str, &str)> = vec![("csrf", &token)];
        form.extend_from_slice(fields);
        self.post_raw(path, &form).await
    }

    /// POSTs exactly these fields (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let response = self.client.post(format!("{}{}", self.address, path)).form(fields).send().await.unwrap_or_else(|e| panic!("POST {path}: {e}"));
        Self::read(response).await
    }

    /// Saves an item from its edit page as an editor does: the form carries the revision
    /// the page was made from.
    pub async fn save_item(&self, id: impl std::fmt::Display, fields: &[(&str, &str)]) -> Page {
        let url = format!("/redaksjon/innhold/{id}");
        let revision = self.page(&url).await.revision_on_form();
        let mut sent: Vec<(&str, &str)> = vec![("revision", revision.as_str())];
        sent.extend_from_slice(fields);
        self.post(&url, &sent).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) {
        let page = self.post("/logg-inn", &[("email", email), ("password", password)]).await;
        assert_eq!(page.status, 303, "sign-in of {email} failed:\n{}", page.body);
    }
}

impl Browser {
    /// Uploads a file the way the edit page's image form does (token in the query).
    pub async fn upload(&self, path: &str, file: Vec<u8>, file_name: &str, alt: &str) -> Page {
        let token = self.csrf().await;
        let form = reqwest::multipart::Form::new()
            .part("image", reqwest::multipart::Part::bytes(file).file_name(file_name.to_owned()))
            .text("alt", alt.to_owned());
        let response = self
            .client
            .post(format!("{}{path}?csrf={token}", self.address))
            .multipart(form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("upload to {path}: {e}"));
        Self::read(response).await
    }
}

/// A small photo as a camera writes it: a JPEG with an EXIF segment carrying `secret`.
pub fn jpeg_with_exif(width: u32, height: u32, secret: &str) -> Vec<u8> {
    let image = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])));
    let mut jpeg = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg).unwrap();
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(secret.as_bytes());
    let length = (payload.len() + 2) as u16;
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&length.to_be_bytes());
    segment.extend_from_slice(&payload);
    jpeg.splice(2..2, segment);
    jpeg
}

pub fn csrf_on(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).unwrap_or_else(|| panic!("no form token on the page:\n{html}")) + marker.len();
    html[start..start + 64].to_owned()
}

/// The answer controls of a quiz form, read as a learner reads them: by question number
/// and the text of each option's label. Names and values are whatever the form says.
pub struct QuizForm {
    controls: Vec<QuizControl>,
}

#[derive(Debug)]
pub struct QuizControl {
    pub question: usize,
    pub label: String,
    pub name: String,
    pub value: String,
}

impl QuizForm {
    #[track_caller]
    fn control(&self, question: usize, label: &str) -> &QuizControl {
        self.controls
            .iter()
            .find(|c| c.question == question && c.label == label)
            .unwrap_or_else(|| panic!("question {question} has no option «{label}»: {:?}", self.controls))
    }

    /// The field a learner sends by ticking the option labelled `label`.
    pub fn choose(&self, question: usize, label: &str) -> (String, String) {
        let control = self.control(question, label);
        (control.name.clone(), control.value.clone())
    }

    /// The field a learner sends by giving the element labelled `label` a place.
    pub fn place(&self, question: usize, label: &str, place: usize) -> (String, String) {
        (self.control(question, label).name.clone(), place.to_string())
    }

    pub fn controls(&self) -> &[QuizControl] {
        &self.controls
    }
}

/// The text of an attribute or element as Tera escapes it, back to plain text.
pub fn unescape(html: &str) -> String {
    html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&#x2F;", "/").replace("&amp;", "&")
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    Some(unescape(&tag[start..start + tag[start..].find('"')?]))
}

impl Page {
    /// The quiz form on the page: every `<label for>` of an answer control (`q{n}-...` ids)
    /// with the name and value of the control it labels.
    pub fn quiz_form(&self) -> QuizForm {
        let mut controls = Vec::new();
        for rest in self.body.split("<label for=\"").skip(1) {
            let Some((id, after)) = rest.split_once("\">") else { continue };
            let Some((label, _)) = after.split_once("</label>") else { continue };
            let Some(question) = id.strip_prefix('q').and_then(|r| r.split_once('-')).and_then(|(n, _)| n.parse().ok()) else { continue };
            let tag_start = self.body.find(&format!("id=\"{id}\"")).expect("a labelled control");
            let open = self.body[..tag_start].rfind('<').unwrap();
            let tag = &self.body[open..open + self.body[open..].find('>').unwrap()];
            let name = attribute(tag, "name").expect("a named control");
            let value = attribute(tag, "value").unwrap_or_default();
            controls.push(QuizControl { question, label: unescape(label.trim()), name, value });
        }
        QuizForm { controls }
    }

    /// The revision an edit form was made from.
    #[track_caller]
    pub fn revision_on_form(&self) -> String {
        let marker = "name=\"revision\" value=\"";
        let start = self.body.find(marker).unwrap_or_else(|| panic!("no revision on the form:\n{}", self.body)) + marker.len();
        self.body[start..].split('"').next().unwrap().to_owned()
    }

    /// The ids in the links on the page that start with `prefix` ("/redaksjon/innhold/"),
    /// in order; templates write `/` in attributes as `&#x2F;`.
    pub fn linked_ids(&self, prefix: &str) -> Vec<String> {
        let body = self.body.replace("&#x2F;", "/");
        body.split(&format!("href=\"{prefix}"))
            .skip(1)
            .map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next().unwrap_or_default().to_owned())
            .filter(|id| !id.is_empty())
            .collect()
    }

    /// The `Location` of a redirect.
    #[track_caller]
    pub fn location(&self) -> String {
        assert_eq!(self.status, 303, "expected a redirect, got {}:\n{}", self.status, self.body);
        self.headers["location"].to_str().unwrap().to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn test_databases_replace_the_database_name_only() {
        assert_eq!(super::with_database("postgres://p@h:5432/test", "x"), "postgres://p@h:5432/x");
        assert_eq!(super::with_database("postgres://p@h/test?sslmode=disable", "x"), "postgres://p@h/x?sslmode=disable");
        assert_eq!(super::with_database("postgres://p@h", "x"), "postgres://p@h/x");
    }
}
