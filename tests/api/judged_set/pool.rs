//! Makes the pool the judgements are made from: for every query, the first ten pages of
//! three rankings — fagbro's, BM25 over æøå-folded character 3- and 4-grams (tantivy),
//! and PostgreSQL's Norwegian full-text search with any of the words — written to
//! `tests/judged/pool.txt` beside the pages pooled before, and the pooled sample pages that have no grade yet printed
//! with their titles for a person to judge. Run by hand after the queries or the ranking
//! change (the judged-set test says when):
//! `FAGBRO_TEST_POSTGRES_URL=… cargo test --test api judged_set::pool -- --ignored --nocapture`
use std::collections::BTreeSet;
use std::path::Path;

use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, NgramTokenizer, TextAnalyzer};
use tantivy::{Index, TantivyDocument, Term, doc};

use super::{Judged, Page, corpus, fagbro_top_ten, judged_content, judged_set, pages, pooled};
use crate::helpers::{Backend, postgres_admin_url, spawn_app_with_content};

/// BM25 over folded character n-grams of each page's title, summary and body.
struct Grams {
    index: Index,
    text: tantivy::schema::Field,
    position: tantivy::schema::Field,
}

impl Grams {
    fn new(pages: &[Page]) -> Grams {
        let mut schema = Schema::builder();
        let indexing = TextFieldIndexing::default().set_tokenizer("grams").set_index_option(IndexRecordOption::WithFreqs);
        let text = schema.add_text_field("text", TextOptions::default().set_indexing_options(indexing));
        let position = schema.add_u64_field("position", STORED);
        let index = Index::create_in_ram(schema.build());
        let analyzer = TextAnalyzer::builder(NgramTokenizer::new(3, 4, false).unwrap()).filter(LowerCaser).filter(AsciiFoldingFilter).build();
        index.tokenizers().register("grams", analyzer);
        let mut writer = index.writer(50_000_000).unwrap();
        for (i, page) in pages.iter().enumerate() {
            writer.add_document(doc!(text => page.text.clone(), position => i as u64)).unwrap();
        }
        writer.commit().unwrap();
        Grams { index, text, position }
    }

    fn top(&self, query: &Judged, pages: &[Page]) -> Vec<String> {
        let mut analyzer = self.index.tokenizers().get("grams").unwrap();
        let mut stream = analyzer.token_stream(&query.q);
        let mut terms = BTreeSet::new();
        while stream.advance() {
            terms.insert(stream.token().text.clone());
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .map(|t| (Occur::Should, Box::new(TermQuery::new(Term::from_field_text(self.text, &t), IndexRecordOption::WithFreqs)) as Box<dyn Query>))
            .collect();
        let searcher = self.index.reader().unwrap().searcher();
        let top = searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(400).order_by_score()).unwrap();
        top.into_iter()
            .map(|(_, address)| {
                let document: TantivyDocument = searcher.doc(address).unwrap();
                &pages[document.get_first(self.position).unwrap().as_u64().unwrap() as usize]
            })
            .filter(|page| query.admits(page))
            .take(10)
            .map(|page| page.url.clone())
            .collect()
    }
}

/// PostgreSQL's Norwegian full-text search, any of the query's words, title weighted.
async fn postgres_top(db: &sea_orm::DatabaseConnection, query: &Judged, pages: &[Page]) -> Vec<String> {
    let words: Vec<String> = query.q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let sql = "SELECT id FROM docs, to_tsquery('norwegian', $1) q WHERE document @@ q ORDER BY ts_rank(document, q) DESC LIMIT 400";
    let rows = db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [words.join(" | ").into()])).await.unwrap();
    rows.into_iter()
        .map(|row| &pages[row.try_get::<i32>("", "id").unwrap() as usize])
        .filter(|page| query.admits(page))
        .take(10)
        .map(|page| page.url.clone())
        .collect()
}

async fn postgres_docs(admin_url: &str, pages: &[Page]) -> sea_orm::DatabaseConnection {
    let name = format!("fagbro_pool_{}", std::process::id());
    let admin = Database::connect(admin_url).await.unwrap();
    admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\"")).await.unwrap();
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
    let base = admin_url.rsplit_once('/').map_or(admin_url, |(b, _)| b);
    let db = Database::connect(format!("{base}/{name}")).await.unwrap();
    db.execute_unprepared("CREATE TABLE docs (id int PRIMARY KEY, document tsvector)").await.unwrap();
    for (i, page) in pages.iter().enumerate() {
        let sql = "INSERT INTO docs VALUES ($1, setweight(to_tsvector('norwegian', $2), 'A') || to_tsvector('norwegian', $3))";
        db.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [(i as i32).into(), page.title.clone().into(), page.text.clone().into()]))
            .await
            .unwrap();
    }
    db
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "makes tests/judged/pool.txt and lists pages to judge; run by hand"]
async fn pool_the_judged_set() {
    let content = judged_content();
    let app = spawn_app_with_content(Backend::Sqlite, "judged_pool", content.path()).await.unwrap();
    let pages = pages(app.db()).await;
    let grams = Grams::new(&pages);
    let postgres = match postgres_admin_url("judged_pool") {
        Some(url) => Some(postgres_docs(&url, &pages).await),
        None => None,
    };
    // Pages pooled before stay judged: a ranking that moves on does not unjudge them.
    let before = pooled();
    let mut lines = Vec::new();
    let mut to_judge = 0;
    for query in judged_set() {
        let mut pool: BTreeSet<String> = before.get(&query.key()).into_iter().flatten().cloned().collect();
        pool.extend(fagbro_top_ten(&app, &query).await);
        pool.extend(grams.top(&query, &pages));
        if let Some(db) = &postgres {
            pool.extend(postgres_top(db, &query, &pages).await);
        }
        let unknown: Vec<&String> = pool.iter().filter(|url| corpus::grade(url, None).is_none() && query.grade(url) == 0).collect();
        if !unknown.is_empty() {
            println!("\n[{}] {} {}  (2: {:?} 1: {:?})", query.kind, query.q, query.filters, query.high, query.partial);
            for url in &unknown {
                let title = pages.iter().find(|p| &&p.url == url).map_or("(lesson)", |p| p.title.as_str());
                println!("    {url}  — {title}");
                to_judge += 1;
            }
        }
        let sample: Vec<&String> = pool.iter().filter(|url| corpus::grade(url, None).is_none()).collect();
        lines.push(format!("{}\t{}", query.key(), sample.iter().map(|s| String::as_str(s)).collect::<Vec<&str>>().join(" ")));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/judged/pool.txt");
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
    println!("\n{to_judge} pooled pages graded 0 (not listed as 2 or 1): check each above");
}
