//! Search benchmark: a generated corpus of realistic documents in the content format,
//! imported and indexed, then a fixed mix of queries through fagbro's search (in the
//! library and over HTTP), SQLite FTS5 and PostgreSQL full-text search ('norwegian').
//!
//!     cargo bench --bench search                      # 100,000 documents, 1,000 queries
//!     FAGBRO_BENCH_DOCS=20000 cargo bench --bench search
//!     FAGBRO_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo bench --bench search
//!
//! For tuning, FAGBRO_BENCH_DIR=/some/folder keeps the corpus and database between runs
//! (the index is always rebuilt) and FAGBRO_BENCH_LIBRARY_ONLY=1 stops after the library.
//!
//! It prints figures, not verdicts: p50/p95/p99 latency, index build rate and size, the
//! server's peak memory, fagbro's speed-up over each alternative, and a run of 64 clients
//! at once (throughput, p50/p99, errors, the server's resident memory meanwhile;
//! FAGBRO_BENCH_SECONDS sets its length, default 20): once with every search computed
//! (no answers kept), then with answers kept for searches half of which are new, and for
//! the mix repeated.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test fails by panicking")]
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fagbro::import::import_content;
use fagbro::search::query::{self, SearchRequest};
use fagbro::search::{SearchIndex, sync};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};

/// A small deterministic generator, so every run sees the same corpus and queries.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SUBJECTS: &[&str] = &[
    "tolk", "demens", "trykksår", "leggsår", "insulin", "diabetes", "KOLS", "delirium", "legemiddelliste",
    "smertelindring", "ernæring", "fallforebygging", "utskrivning", "innleggelse", "epikrise", "hjertesvikt",
    "hjerneslag", "infeksjon", "antibiotika", "blodfortynnende", "oksygenbehandling", "inhalasjon",
    "munnstell", "kateter", "sondeernæring", "palliasjon", "rusmidler", "selvmordsrisiko", "angst", "depresjon",
    "barselomsorg", "vaksinasjon", "hygiene", "håndhygiene", "isolasjon", "sepsis", "NEWS2", "ISBAR",
    "tegnspråk", "skjermtolk", "pårørende", "samvalg", "velferdsteknologi", "hukommelse", "blodsukker",
];
const PREFIXES: &[&str] = &["", "", "", "demens", "sår", "tolke", "legemiddel", "pasient", "hjemme", "sykehjems"];
const SUFFIXES: &[&str] = &["", "", "", "omsorg", "behandling", "rutine", "veiledning", "tjeneste", "team", "plan"];
const VERBS: &[&str] = &[
    "vurderer", "observerer", "dokumenterer", "bestiller", "følger opp", "kartlegger", "forebygger", "behandler",
    "informerer om", "samstemmer", "melder", "avklarer",
];
const ACTORS: &[&str] = &[
    "Sykepleieren", "Fastlegen", "Hjemmetjenesten", "Legevakten", "Helsefagarbeideren", "Kommunen",
    "Sykehuset", "Pårørende", "Tolken", "Farmasøyten",
];
const CONTEXTS: &[&str] = &[
    "ved innkomst", "før utskrivning", "i sykehjem", "hjemme hos pasienten", "på legevakten", "om natten",
    "etter operasjonen", "ved forverring", "i samarbeid med kommunen", "med kvalifisert tolk",
];
const AREAS: &[&str] = &["central", "central", "ahus", "vestfold", "innlandet"];
const KINDS: &[&str] = &["guide", "guide", "article", "news", "interpreter", "patient", "event"];
const THEMES: &[&str] = &["tolk", "demens", "legemidler", "kols", "sar", "diabetes", "psykisk-helse", "akutt", "barn-og-unge", "pasientforlop"];

fn compound(rng: &mut Rng) -> String {
    format!("{}{}{}", rng.pick(PREFIXES), rng.pick(SUBJECTS).to_lowercase(), rng.pick(SUFFIXES))
}

fn sentence(rng: &mut Rng) -> String {
    format!("{} {} {} {}.", rng.pick(ACTORS), rng.pick(VERBS), compound(rng), rng.pick(CONTEXTS))
}

/// Writes `count` documents under `dir` in the content format of DESIGN.md section 4.
fn generate_corpus(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/areas.toml"), dir.join("areas.toml")).unwrap();
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/themes.toml"), dir.join("themes.toml")).unwrap();
    let mut rng = Rng(0x5eed_f00d);
    for n in 0..count {
        let (area, kind) = (*rng.pick(AREAS), *rng.pick(KINDS));
        let subject = *rng.pick(SUBJECTS);
        let title = format!("{} {} {}", capitalise(&compound(&mut rng)), rng.pick(CONTEXTS), subject);
        let summary = sentence(&mut rng);
        let body: Vec<String> = (0..(6 + rng.below(20))).map(|_| sentence(&mut rng)).collect();
        let themes = format!("\"{}\", \"{}\"", rng.pick(THEMES), rng.pick(THEMES));
        let extra = if kind == "event" { "starts = 2027-03-01T09:00\n" } else { "" };
        let folder = dir.join(area).join(kind);
        std::fs::create_dir_all(&folder).unwrap();
        let text = format!(
            "+++\ntitle = \"{title}\"\nsummary = \"{summary}\"\nthemes = [{themes}]\npublished = 2026-{:02}-{:02}\n{extra}+++\n\n## {}\n\n{}\n",
            1 + rng.below(12),
            1 + rng.below(28),
            capitalise(subject),
            body.join(" ")
        );
        std::fs::write(folder.join(format!("dokument-{n}.nb.md")), text).unwrap();
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The fixed query mix: words, inflections, compound parts, typos, folded letters,
/// phrases, acronyms, and filtered queries.
fn queries(count: usize) -> Vec<(String, Option<&'static str>)> {
    let mut rng = Rng(0xbad_c0ffee);
    (0..count)
        .map(|n| {
            let subject = rng.pick(SUBJECTS).to_lowercase();
            let text = match n % 8 {
                0 => subject.clone(),
                1 => format!("{subject}en"),
                2 => format!("{} {}", subject, rng.pick(SUBJECTS).to_lowercase()),
                3 => subject.chars().take(subject.chars().count().saturating_sub(1).max(3)).collect(),
                4 => subject.replace('å', "a").replace('ø', "o").replace('æ', "ae"),
                5 => format!("\"{}\"", rng.pick(CONTEXTS)),
                6 => (*rng.pick(&["KOLS", "ISBAR", "NEWS2"])).to_owned(),
                _ => format!("{} {}", compound(&mut rng), rng.pick(VERBS)),
            };
            let filter = (n % 5 == 0).then_some(*rng.pick(&["guide", "article", "news"]));
            (text, filter)
        })
        .collect()
}

struct Latencies(Vec<Duration>);

impl Latencies {
    fn percentile(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let mut sorted = self.0.clone();
        sorted.sort();
        let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted[index].as_secs_f64() * 1000.0
    }
    fn line(&self, name: &str) -> String {
        format!("{name:<34} p50 {:>8.2} ms   p95 {:>8.2} ms   p99 {:>8.2} ms", self.percentile(0.5), self.percentile(0.95), self.percentile(0.99))
    }
}

fn fts5_match(text: &str) -> String {
    // Each word quoted: FTS5 syntax characters in a user's query are not operators.
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" ")
}

async fn sqlite_fts5(source: &DatabaseConnection, dir: &Path, queries: &[(String, Option<&'static str>)]) -> Latencies {
    let _ = std::fs::remove_file(dir.join("fts5.db"));
    let url = format!("sqlite://{}?mode=rwc", dir.join("fts5.db").display());
    let db = Database::connect(&url).await.unwrap();
    db.execute_unprepared("CREATE VIRTUAL TABLE docs USING fts5(kind UNINDEXED, title, summary, body, tokenize = 'unicode61 remove_diacritics 2')").await.unwrap();
    let rows = source.query_all_raw(Statement::from_string(DbBackend::Sqlite, "SELECT id, kind, title, summary, body_markdown FROM content_items")).await.unwrap();
    db.execute_unprepared("BEGIN").await.unwrap();
    for row in rows {
        let values: Vec<sea_orm::Value> = vec![
            row.try_get::<i32>("", "id").unwrap().into(),
            row.try_get::<String>("", "kind").unwrap().into(),
            row.try_get::<String>("", "title").unwrap().into(),
            row.try_get::<String>("", "summary").unwrap().into(),
            row.try_get::<String>("", "body_markdown").unwrap().into(),
        ];
        db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "INSERT INTO docs(rowid, kind, title, summary, body) VALUES (?, ?, ?, ?, ?)", values)).await.unwrap();
    }
    db.execute_unprepared("COMMIT").await.unwrap();
    let mut latencies = Vec::new();
    for (text, kind) in queries {
        let fts = fts5_match(text);
        let started = Instant::now();
        if !fts.is_empty() {
            let (sql, values): (&str, Vec<sea_orm::Value>) = match kind {
                Some(kind) => ("SELECT rowid FROM docs WHERE docs MATCH ? AND kind = ? ORDER BY bm25(docs, 0, 3.0, 2.0, 1.0) LIMIT 10", vec![fts.into(), (*kind).into()]),
                None => ("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 3.0, 2.0, 1.0) LIMIT 10", vec![fts.into()]),
            };
            db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)).await.unwrap();
        }
        latencies.push(started.elapsed());
    }
    Latencies(latencies)
}

async fn postgres_fts(admin_url: &str, source: &DatabaseConnection, queries: &[(String, Option<&'static str>)]) -> Latencies {
    let name = format!("fagbro_bench_{}", std::process::id());
    let admin = Database::connect(admin_url).await.unwrap();
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
    let base = admin_url.rsplit_once('/').map_or(admin_url, |(b, _)| b);
    let db = Database::connect(format!("{base}/{name}")).await.unwrap();
    db.execute_unprepared("CREATE TABLE docs (id int PRIMARY KEY, kind text, document tsvector)").await.unwrap();
    let rows = source.query_all_raw(Statement::from_string(DbBackend::Sqlite, "SELECT id, kind, title, summary, body_markdown FROM content_items")).await.unwrap();
    for chunk in rows.chunks(500) {
        let mut sql = String::from("INSERT INTO docs (id, kind, document) VALUES ");
        let mut values: Vec<sea_orm::Value> = Vec::new();
        for (i, row) in chunk.iter().enumerate() {
            let p = i * 5;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, setweight(to_tsvector('norwegian', ${}), 'A') || setweight(to_tsvector('norwegian', ${}), 'B') || to_tsvector('norwegian', ${}))",
                p + 1, p + 2, p + 3, p + 4, p + 5
            ));
            values.push(row.try_get::<i32>("", "id").unwrap().into());
            for column in ["kind", "title", "summary", "body_markdown"] {
                values.push(row.try_get::<String>("", column).unwrap().into());
            }
        }
        db.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await.unwrap();
    }
    db.execute_unprepared("CREATE INDEX docs_document ON docs USING gin (document); ANALYZE docs").await.unwrap();
    let mut latencies = Vec::new();
    for (text, kind) in queries {
        let started = Instant::now();
        let (sql, values): (&str, Vec<sea_orm::Value>) = match kind {
            Some(kind) => ("SELECT id FROM docs, websearch_to_tsquery('norwegian', $1) q WHERE document @@ q AND kind = $2 ORDER BY ts_rank(document, q) DESC LIMIT 10", vec![text.clone().into(), (*kind).into()]),
            None => ("SELECT id FROM docs, websearch_to_tsquery('norwegian', $1) q WHERE document @@ q ORDER BY ts_rank(document, q) DESC LIMIT 10", vec![text.clone().into()]),
        };
        db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await.unwrap();
        latencies.push(started.elapsed());
    }
    db.close().await.ok();
    admin.execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)")).await.ok();
    Latencies(latencies)
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries.flatten().map(|e| if e.path().is_dir() { folder_size(&e.path()) } else { e.metadata().map_or(0, |m| m.len()) }).sum()
    })
}

fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Clients searching at the same time, each one request after another, the load generator
/// on the same machine (and cores) as the server, as in the figures of the README.
const CLIENTS: usize = 64;

/// Which searches the clients ask.
#[derive(Clone, Copy, PartialEq)]
enum Mix {
    /// The query mix over and over: with answers kept, nearly every search was asked before.
    Repeated,
    /// Every second search is two queries of the mix together (a long query nobody asked
    /// before), the others from the mix: closer to a real site's searches.
    HalfNew,
}

struct Concurrent {
    latencies: Latencies,
    seconds: f64,
    errors: usize,
    resident_kib: u64,
}

impl Concurrent {
    fn print(&self, name: &str) {
        println!("{}", self.latencies.line(name));
        println!(
            "  {CLIENTS} clients: {} requests in {:.1} s, {:.0} requests per second, {} errors; server memory during the run {:.0} MiB (resident, most seen)",
            self.latencies.0.len(),
            self.seconds,
            self.latencies.0.len() as f64 / self.seconds,
            self.errors,
            self.resident_kib as f64 / 1024.0
        );
    }
}

fn search_url(base: &str, text: &str, kind: Option<&str>) -> reqwest::Url {
    let mut url = reqwest::Url::parse(&format!("{base}/api/search")).unwrap();
    url.query_pairs_mut().append_pair("q", text);
    if let Some(kind) = kind {
        url.query_pairs_mut().append_pair("type", kind);
    }
    url
}

/// `CLIENTS` clients for `FAGBRO_BENCH_SECONDS` (default 20) seconds, each going through
/// the queries from its own starting point; the server's resident memory read as it runs.
async fn concurrent_load(client: &reqwest::Client, server: &Server, queries: &[(String, Option<&'static str>)], mix: Mix) -> Concurrent {
    let seconds: u64 = std::env::var("FAGBRO_BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let queries = std::sync::Arc::new(queries.to_vec());
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|n| {
            let (client, queries, base) = (client.clone(), queries.clone(), server.base.clone());
            tokio::spawn(async move {
                let (mut latencies, mut errors, mut next) = (Vec::new(), 0usize, n * queries.len() / CLIENTS);
                let mut rng = Rng(0x5eed + n as u64);
                while Instant::now() < until {
                    let (text, kind) = &queries[next % queries.len()];
                    let url = if mix == Mix::HalfNew && next % 2 == 1 {
                        let other = &queries[rng.below(queries.len() as u64) as usize].0;
                        search_url(&base, &format!("{text} {other}"), *kind)
                    } else {
                        search_url(&base, text, *kind)
                    };
                    let asked = Instant::now();
                    let answered = match client.get(url).send().await {
                        Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
                        Err(_) => false,
                    };
                    if answered {
                        latencies.push(asked.elapsed());
                    } else {
                        errors += 1;
                    }
                    next += 1;
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut resident = 0;
    while Instant::now() < until {
        resident = resident.max(resident_kib(server.process.id()).unwrap_or(0));
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let (mut latencies, mut errors) = (Vec::new(), 0);
    for task in tasks {
        let (done, failed) = task.await.unwrap();
        latencies.extend(done);
        errors += failed;
    }
    Concurrent { latencies: Latencies(latencies), seconds: started.elapsed().as_secs_f64(), errors, resident_kib: resident }
}

/// The real server, as a separate process, so its memory can be read.
struct Server {
    process: std::process::Child,
    base: String,
}

impl Server {
    async fn start(client: &reqwest::Client, data: &Path, content: &Path, answers_kept: usize) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let process = Command::new(env!("CARGO_BIN_EXE_fagbro"))
            .env("FAGBRO_DATA_DIR", data)
            .env("FAGBRO_ADDR", format!("127.0.0.1:{port}"))
            .env("FAGBRO_CONTENT_DIR", content)
            .env("FAGBRO_SEARCH_ANSWERS_KEPT", answers_kept.to_string())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        while client.get(format!("{base}/healthz")).send().await.is_err() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Server { process, base }
    }

    /// Stops the server; its peak memory, when the system tells.
    fn stop(mut self) -> Option<u64> {
        let memory = peak_memory_kib(self.process.id());
        let _ = self.process.kill();
        let _ = self.process.wait();
        memory
    }
}

fn request(text: &str, kind: Option<&'static str>) -> SearchRequest {
    SearchRequest { text: text.to_owned(), kind: kind.map(str::to_owned), limit: 10, today_days: 20_780, ..SearchRequest::default() }
}

#[tokio::main]
async fn main() {
    let docs: usize = std::env::var("FAGBRO_BENCH_DOCS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let query_count: usize = std::env::var("FAGBRO_BENCH_QUERIES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000);
    // FAGBRO_BENCH_DIR keeps the corpus and database between runs (for tuning); by
    // default everything lives in a temporary folder.
    let temporary = tempfile::tempdir().unwrap();
    let work = std::env::var_os("FAGBRO_BENCH_DIR").map_or_else(|| temporary.path().to_owned(), std::path::PathBuf::from);
    let (content, data) = (work.join("content"), work.join("data"));
    let reuse = data.join("fagbro.db").exists();
    std::fs::create_dir_all(&data).unwrap();

    if !reuse {
        let started = Instant::now();
        generate_corpus(&content, docs);
        println!("corpus: {docs} documents written in {:.1} s", started.elapsed().as_secs_f64());
    }
    let db = fagbro::db::connect_and_migrate(&fagbro::config::sqlite_url_for(&data)).await.unwrap();
    if reuse {
        println!("corpus and database reused from {}", work.display());
    } else {
        let started = Instant::now();
        let report = import_content(&db, &content).await.unwrap();
        let seconds = started.elapsed().as_secs_f64();
        println!("import: {report} in {seconds:.1} s ({:.0} documents per second)", docs as f64 / seconds);
    }

    let index_dir = data.join("search-index");
    let index = SearchIndex::open(&index_dir).unwrap();
    let started = Instant::now();
    let indexed = sync::rebuild(&db, &index, |_, _| {}).await.unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let build_rate = indexed as f64 / seconds;
    println!(
        "index build: {indexed} documents in {seconds:.1} s ({build_rate:.0} documents per second), {:.1} MiB on disk, {} segment(s)",
        folder_size(&index_dir) as f64 / 1048576.0,
        index.segment_count()
    );

    let queries = queries(query_count);
    let mut library = Vec::new();
    let mut hits = 0;
    for (text, kind) in &queries {
        let started = Instant::now();
        let results = query::search(&index, &request(text, *kind)).unwrap();
        library.push(started.elapsed());
        hits += usize::from(results.total > 0);
    }
    let library = Latencies(library);
    println!("queries: {} ({hits} with hits)", queries.len());
    drop(index);
    if std::env::var_os("FAGBRO_BENCH_LIBRARY_ONLY").is_some() {
        println!("{}", library.line("fagbro search (library)"));
        return;
    }

    // First with no answers kept: every search computed, one at a time and then at once.
    let client = reqwest::Client::new();
    let server = Server::start(&client, &data, &content, 0).await;
    let mut http = Vec::new();
    for (text, kind) in &queries {
        let started = Instant::now();
        let response = client.get(search_url(&server.base, text, *kind)).send().await.unwrap();
        assert!(response.status().is_success());
        response.bytes().await.unwrap();
        http.push(started.elapsed());
    }
    let http = Latencies(http);
    let computed = concurrent_load(&client, &server, &queries, Mix::Repeated).await;
    let memory = server.stop();
    // Then as configured by default, answers to repeated searches kept.
    let server = Server::start(&client, &data, &content, fagbro::config::DEFAULT_SEARCH_ANSWERS_KEPT).await;
    let half_new = concurrent_load(&client, &server, &queries, Mix::HalfNew).await;
    let repeated = concurrent_load(&client, &server, &queries, Mix::Repeated).await;
    let memory_kept = server.stop();

    let fts5 = sqlite_fts5(&db, &work, &queries).await;
    let postgres = match std::env::var("FAGBRO_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(postgres_fts(&url, &db, &queries).await),
        _ => {
            println!("skipped PostgreSQL full-text search: FAGBRO_TEST_POSTGRES_URL is not set");
            None
        }
    };

    println!();
    println!("{}", library.line("fagbro search (library)"));
    println!("{}", http.line("fagbro /api/search (HTTP)"));
    println!("{}", fts5.line("SQLite FTS5 (bm25)"));
    if let Some(postgres) = &postgres {
        println!("{}", postgres.line("PostgreSQL FTS ('norwegian')"));
    }
    computed.print(&format!("{CLIENTS} clients, every search computed"));
    half_new.print(&format!("{CLIENTS} clients, half new, answers kept"));
    repeated.print(&format!("{CLIENTS} clients, repeated, answers kept"));
    for (kib, run) in [(memory, "every search computed"), (memory_kept, "answers kept")] {
        if let Some(kib) = kib {
            println!("server peak memory (VmHWM), {run}: {:.0} MiB", kib as f64 / 1024.0);
        }
    }
    let ratio = |other: &Latencies, p: f64| other.percentile(p) / library.percentile(p);
    let ratios = |other: &Latencies| format!("p50 {:.1}x, p95 {:.1}x, p99 {:.1}x", ratio(other, 0.5), ratio(other, 0.95), ratio(other, 0.99));
    println!("speed-up of fagbro (library) over SQLite FTS5: {}", ratios(&fts5));
    if let Some(postgres) = &postgres {
        println!("speed-up of fagbro (library) over PostgreSQL FTS: {}", ratios(postgres));
    }
}
