//! The judged set: 150+ queries a clinician, editor or patient would type, over the
//! sample content plus a generated corpus, each with every relevant page graded
//! 2 (what the searcher wants), 1 (useful) or 0. The judgements for sample pages were
//! made by reading the pages that any of three rankings put in its top ten — fagbro's,
//! a plain BM25 over æøå-folded character n-grams, and PostgreSQL full-text search — so
//! that the set does not only know the pages fagbro already finds (`tests/judged/pool.txt`
//! lists that pool; `pool::pool_the_judged_set` makes it again). Generated pages are
//! judged by rule (`corpus::grade`).
//!
//! The test prints nDCG@10, recall@10 and mean reciprocal rank per kind of query, and
//! fails below the goal: nDCG@10 ≥ 0.95 overall and no kind below 0.90.
mod corpus;
mod metrics;
mod pool;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde::Deserialize;
use serde_json::Value;

use crate::helpers::{Backend, TestApp, spawn_app_with_content};
use metrics::Scores;

#[derive(Deserialize)]
struct JudgedSet {
    query: Vec<Judged>,
}

#[derive(Deserialize)]
struct Judged {
    kind: String,
    q: String,
    /// Search filters as in the address: `type=patient&area=vestfold`.
    #[serde(default)]
    filters: String,
    /// For a query about a generated subject: that subject's key.
    subject: Option<String>,
    /// Pages graded 2 and 1, as their address.
    #[serde(default)]
    high: Vec<String>,
    #[serde(default)]
    partial: Vec<String>,
}

impl Judged {
    fn query_string(&self) -> String {
        let q: String = serde_urlencoded::to_string([("q", &self.q)]).unwrap();
        if self.filters.is_empty() { q } else { format!("{q}&{}", self.filters) }
    }

    /// The key of this query in the pool file.
    fn key(&self) -> String {
        format!("{}\t{}", self.q, self.filters)
    }

    fn grade(&self, url: &str) -> u8 {
        if self.high.iter().any(|u| u == url) {
            2
        } else if self.partial.iter().any(|u| u == url) {
            1
        } else {
            corpus::grade(url, self.subject.as_deref()).unwrap_or(0)
        }
    }

    fn filter(&self, name: &str) -> Option<&str> {
        self.filters.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
    }

    /// The grades of every relevant page the query can find: a course's lessons, which
    /// are not pages of their own, are found under their course's filters.
    fn relevant_grades(&self, pages: &[Page]) -> Vec<u8> {
        let mut grades: Vec<u8> = pages.iter().filter(|p| self.admits(p)).map(|p| self.grade(&p.url)).filter(|g| *g > 0).collect();
        let lessons = self.high.iter().chain(&self.partial).filter(|url| url.starts_with("/kurs/") && url.matches('/').count() == 4);
        for lesson in lessons {
            let course = &lesson[..lesson.rfind('/').unwrap()];
            let page = pages.iter().find(|p| p.url == course).unwrap_or_else(|| panic!("{}: no course {course}", self.key()));
            if self.admits(page) {
                grades.push(self.grade(lesson));
            }
        }
        grades
    }

    /// Whether a page can be a hit at all under this query's filters.
    fn admits(&self, page: &Page) -> bool {
        self.filter("type").is_none_or(|kind| page.kind == kind)
            && self.filter("area").is_none_or(|area| page.area == area || page.area == "central")
            && self.filter("lang").is_none_or(|lang| page.lang == lang)
            && self.filter("theme").is_none_or(|theme| page.themes.iter().any(|t| t == theme))
    }
}

fn judged_set() -> Vec<Judged> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/judged/queries.toml");
    let set: JudgedSet = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    set.query
}

/// The pool of judged pages per query, as `pool::pool_the_judged_set` wrote it.
fn pooled() -> HashMap<String, HashSet<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/judged/pool.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (q, rest) = line.split_once('\t')?;
            let (filters, urls) = rest.split_once('\t')?;
            Some((format!("{q}\t{filters}"), urls.split_whitespace().map(str::to_owned).collect()))
        })
        .collect()
}

/// A published page of the judged corpus, from the database.
pub struct Page {
    pub url: String,
    area: String,
    kind: String,
    lang: String,
    themes: Vec<String>,
    pub title: String,
    /// Title, summary and body, for the other rankings.
    pub text: String,
}

async fn pages(db: &DatabaseConnection) -> Vec<Page> {
    let backend = db.get_database_backend();
    let themes = db
        .query_all_raw(Statement::from_string(backend, "SELECT l.content_item_id AS id, t.slug FROM content_item_themes l JOIN themes t ON t.id = l.theme_id"))
        .await
        .unwrap();
    let mut themes_of: HashMap<i32, Vec<String>> = HashMap::new();
    for row in themes {
        themes_of.entry(row.try_get("", "id").unwrap()).or_default().push(row.try_get("", "slug").unwrap());
    }
    let sql = "SELECT c.id, a.slug AS area, c.kind, c.slug, c.lang, c.title, c.summary, c.body_markdown \
               FROM content_items c JOIN areas a ON a.id = c.area_id WHERE c.status = 'published'";
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await.unwrap();
    rows.into_iter()
        .map(|row| {
            let get = |column: &str| row.try_get::<String>("", column).unwrap();
            let (area, kind, slug, lang) = (get("area"), get("kind"), get("slug"), get("lang"));
            let url = match (kind.as_str(), lang.as_str()) {
                ("course", _) => format!("/kurs/{area}/{slug}"),
                (_, "nb") => format!("/{area}/{kind}/{slug}"),
                _ => format!("/{area}/{kind}/{slug}/{lang}"),
            };
            Page {
                url,
                themes: themes_of.remove(&row.try_get::<i32>("", "id").unwrap()).unwrap_or_default(),
                text: format!("{}\n{}\n{}", get("title"), get("summary"), get("body_markdown")),
                title: get("title"),
                area,
                kind,
                lang,
            }
        })
        .collect()
}

/// The sample content and the generated pages, in one content folder.
fn judged_content() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    copy_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), folder.path());
    corpus::write(folder.path());
    folder
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// fagbro's first ten hits, as addresses.
async fn fagbro_top_ten(app: &TestApp, query: &Judged) -> Vec<String> {
    let response = app.client.get(format!("{}/api/search?limit=10&{}", app.address, query.query_string())).send().await.unwrap();
    assert_eq!(response.status(), 200, "{}", query.query_string());
    let body: Value = response.json().await.unwrap();
    // The page's own address: a central page found with an area filter is shown under
    // that area, and is still the one page.
    let own_url = |hit: &Value| match (hit["type"].as_str().unwrap(), hit["lang"].as_str().unwrap()) {
        ("course", _) => hit["url"].as_str().unwrap().to_owned(),
        (kind, "nb") => format!("/{}/{kind}/{}", hit["area"].as_str().unwrap(), hit["slug"].as_str().unwrap()),
        (kind, lang) => format!("/{}/{kind}/{}/{lang}", hit["area"].as_str().unwrap(), hit["slug"].as_str().unwrap()),
    };
    body["hits"].as_array().unwrap().iter().map(own_url).collect()
}

async fn the_judged_set_is_found_well_enough(backend: Backend) {
    let content = judged_content();
    let Some(app) = spawn_app_with_content(backend, "judged_set", content.path()).await else { return };
    let set = judged_set();
    let pages = pages(app.db()).await;
    let pool = pooled();
    let mut per_kind: BTreeMap<String, Scores> = BTreeMap::new();
    let mut overall = Scores::default();
    let (mut slots, mut unjudged) = (0, Vec::new());
    for query in &set {
        let ranked = fagbro_top_ten(&app, query).await;
        let grades: Vec<u8> = ranked.iter().map(|url| query.grade(url)).collect();
        let ideal = query.relevant_grades(&pages);
        assert!(!ideal.is_empty(), "{}: no relevant page is judged", query.key());
        let score = metrics::score(&grades, &ideal);
        if score.ndcg < 0.9 {
            println!("  [{}] {} {}: nDCG {:.2}, recall {:.2}; hits {:?}", query.kind, query.q, query.filters, score.ndcg, score.recall, ranked.iter().zip(&grades).map(|(u, g)| format!("{g} {u}")).collect::<Vec<_>>());
        }
        per_kind.entry(query.kind.clone()).or_default().add(&score);
        overall.add(&score);
        let judged = pool.get(&query.key());
        for url in &ranked {
            slots += 1;
            if corpus::grade(url, None).is_none() && judged.is_none_or(|pool| !pool.contains(url)) && query.grade(url) == 0 {
                unjudged.push(format!("{}: {url}", query.key()));
            }
        }
    }
    println!("judged set on {backend:?}: {} queries, {} pages", set.len(), pages.len());
    println!("| kind | queries | nDCG@10 | recall@10 | MRR |\n| --- | --- | --- | --- | --- |");
    for (kind, scores) in &per_kind {
        println!("{}", scores.row(kind));
    }
    println!("{}", overall.row("all"));
    println!("{} of {slots} top-ten hits outside the judged pool (counted as not relevant)", unjudged.len());
    for hit in &unjudged {
        println!("  unjudged: {hit}");
    }
    assert!(set.len() >= 150, "the judged set has {} queries", set.len());
    assert!(unjudged.len() * 20 <= slots, "the ranking has moved past the judged pool: pool again (pool::pool_the_judged_set)\n{}", unjudged.join("\n"));
    println!("goal: nDCG@10 ≥ {GOAL_OVERALL} overall and ≥ {GOAL_EACH_KIND} for every kind");
    for (kind, scores) in &per_kind {
        assert!(scores.ndcg() >= GOAL_EACH_KIND, "{kind}: nDCG@10 {:.3} fell below {GOAL_EACH_KIND}", scores.ndcg());
    }
    assert!(overall.ndcg() >= GOAL_OVERALL, "nDCG@10 {:.3} fell below {GOAL_OVERALL}", overall.ndcg());
}

/// The goal of issue 16 (reached on 2026-12-05: 0.950 overall, weakest kind compound
/// 0.922): a change that makes search worse fails here.
const GOAL_OVERALL: f64 = 0.95;
const GOAL_EACH_KIND: f64 = 0.90;

crate::for_each_backend!(the_judged_set_is_found_well_enough);
