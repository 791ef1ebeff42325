//! Building the application: state, middleware, and every module's routes.
use std::net::TcpListener;
use std::sync::Arc;

use actix_files::Files;
use actix_web::dev::Server;
use actix_web::middleware::{Compress, DefaultHeaders, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use sea_orm::DatabaseConnection;
use serde_json::json;

use crate::authz::Endpoint;
use crate::config::Config;
use crate::import::{ImportError, import_content};
use crate::db::{self, DbOpenError};
use crate::state::AppState;
use crate::error::AppError;
use crate::search::{self, SearchIndex};
use crate::telemetry::error_chain;
use crate::web::routes::{KnownAddresses, Routes};
use crate::web::session::{CookieKeys, KeyError};
use crate::feedback::RateLimiter;
use crate::mail::Mailer;
use crate::{accounts, areas, content, editorial, feedback, web as site};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot create data folder {path}: {cause}")]
    DataDir { path: std::path::PathBuf, cause: std::io::Error },
    #[error(transparent)]
    Database(#[from] DbOpenError),
    #[error("templates in {dir}: {cause}")]
    Templates { dir: std::path::PathBuf, cause: String },
    #[error("cannot listen on {addr}: {cause}")]
    Bind { addr: String, cause: std::io::Error },
    #[error(transparent)]
    SearchIndex(#[from] search::index::IndexError),
    #[error("search index: {0}")]
    SearchSync(#[from] search::sync::SyncError),
    #[error(transparent)]
    SecretKey(#[from] KeyError),
    #[error("first import of {dir}: {cause}")]
    Import { dir: std::path::PathBuf, cause: ImportError },
    #[error(transparent)]
    Mail(#[from] crate::mail::MailSetupError),
}

/// A built, listening application; `run_until_stopped` serves it.
pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
}

impl Application {
    /// Opens and migrates the database, imports the content folder into an empty
    /// database, loads the templates and binds the listener (port 0 picks a free one).
    pub async fn build(config: Config) -> Result<Application, StartError> {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|cause| StartError::DataDir { path: config.data_dir.clone(), cause })?;
        let cookie_keys = CookieKeys::load(&config)?;
        std::fs::create_dir_all(config.media_dir())
            .map_err(|cause| StartError::DataDir { path: config.media_dir(), cause })?;
        let db = db::connect_and_migrate(&config.database_url).await?;
        import_if_empty(&db, &config).await?;
        let templates = load_templates(&config.templates_dir)?;
        // Brought in line with the database before serving, then kept there.
        let search = Arc::new(SearchIndex::open(&config.search_index_dir())?.keeping_answers(config.search_answers_kept));
        let brought_up = search::sync::catch_up(&db, &search).await?;
        tracing::info!(items = brought_up, documents = search.num_docs(), "search index is up to date");
        search::sync::spawn_follower(db.clone(), search.clone());
        search.synonyms.load(&db).await.map_err(|e| StartError::SearchSync(e.into()))?;
        search::synonyms::spawn_reloader(db.clone(), search.synonyms.clone());
        search::insights::spawn_pruner(db.clone());
        editorial::schedule::spawn_publisher(db.clone());
        let listener =
            TcpListener::bind(&config.addr).map_err(|cause| StartError::Bind { addr: config.addr.clone(), cause })?;
        let port = listener.local_addr().map_err(|cause| StartError::Bind { addr: config.addr.clone(), cause })?.port();
        let workers = config.workers;
        let feedback_limiter = RateLimiter::new(config.feedback_per_hour);
        let mailer = Arc::new(Mailer::new(&config, templates.clone(), &links_base(&config, port))?);
        match &mailer.server {
            Some(server) => tracing::info!(%server, "mail goes out through SMTP"),
            None => tracing::warn!("no SMTP server configured (FAGBRO_SMTP_URL): mail waits in the outbox, see /redaksjon/e-post"),
        }
        crate::mail::spawn_sender(db.clone(), mailer.clone());
        crate::notices::daily::spawn_daily(db.clone());
        crate::newsletter::schedule::spawn_weekly(db.clone(), cookie_keys.unsubscribe_key.clone());
        let mailer = web::Data::from(mailer);
        let state = web::Data::new(AppState { db: db.clone(), templates, config, cookie_keys });
        let search = web::Data::from(search);
        let feedback_limiter = web::Data::new(feedback_limiter);
        let known_addresses = web::Data::new(known_addresses());
        let api_limiter = web::Data::new(site::api_gate::ApiLimiter::new(state.config.api_per_minute));
        let mut server = HttpServer::new(move || {
            let assets_dir = state.config.assets_dir.clone();
            let media_dir = state.config.media_dir();
            App::new()
                .app_data(state.clone())
                .app_data(search.clone())
                .app_data(feedback_limiter.clone())
                .app_data(mailer.clone())
                .app_data(known_addresses.clone())
                .app_data(api_limiter.clone())
                .app_data(web::FormConfig::default().limit(site::MAX_FORM_BYTES).error_handler(site::form_error))
                .app_data(web::PayloadConfig::default().limit(site::MAX_FORM_BYTES))
                .wrap(from_fn(site::session::visitor_middleware))
                .wrap(site::errors::error_pages())
                .wrap(from_fn(site::api_gate::api_gate))
                .wrap(site::security_headers(state.config.secure_cookies))
                .wrap(Compress::default())
                .wrap(from_fn(site::log_request))
                .route("/healthz", site::page().to(health))
                .service(
                    web::scope("/assets")
                        .wrap(DefaultHeaders::new().add(("Cache-Control", "public, max-age=86400")))
                        .service(Files::new("", assets_dir)),
                )
                .service(
                    web::scope("/media")
                        // Renditions never change: a new upload gets a new key.
                        .wrap(DefaultHeaders::new().add(("Cache-Control", "public, max-age=31536000, immutable")))
                        .service(Files::new("", media_dir.clone())),
                )
                .configure(|cfg| route_table().install(cfg))
                .default_service(web::to(not_routed))
        });
        if let Some(workers) = workers {
            server = server.workers(workers);
        }
        let server = server
            .listen(listener)
            .map_err(|cause| StartError::Bind { addr: format!("127.0.0.1:{port}"), cause })?
            .run();
        Ok(Application { port, server, db })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The application's database connection, for tests and the CLI.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Every page and action of the site, in the order they are matched (fixed paths such
/// as `/redaksjon/innhold` before the patterns `/{area}/{kind}` that would take them).
fn route_table() -> Routes {
    let mut routes = Routes::new();
    // Before the content pages: `/{area}/kalender.ics` is not a kind of content.
    crate::feeds::routes::routes(&mut routes);
    accounts::routes::routes(&mut routes);
    feedback::routes::routes(&mut routes);
    editorial::routes::routes(&mut routes);
    search::routes::routes(&mut routes);
    search::synonym_routes::routes(&mut routes);
    search::insight_routes::routes(&mut routes);
    crate::api::routes(&mut routes);
    site::i18n::routes(&mut routes);
    crate::courses::routes::routes(&mut routes);
    editorial::course_editor::routes(&mut routes);
    crate::privacy::routes(&mut routes);
    crate::interpreting::routes::routes(&mut routes);
    crate::mail::routes::routes(&mut routes);
    // Before the content pages: `/{area}/nyhetsbrev` is not a kind of content.
    crate::newsletter::routes::routes(&mut routes);
    content::patient::routes(&mut routes);
    content::routes::routes(&mut routes);
    areas::routes::routes(&mut routes);
    routes
}

/// Where links in mail point: `FAGBRO_PUBLIC_URL`, else this server as it listens
/// (right on one machine; set the public address for anything else).
fn links_base(config: &Config, port: u16) -> String {
    match &config.public_url {
        Some(url) => url.clone(),
        None => {
            let host = config.addr.rsplit_once(':').map_or(config.addr.as_str(), |(host, _)| host);
            let host = if host == "0.0.0.0" || host == "[::]" { "localhost" } else { host };
            tracing::warn!("FAGBRO_PUBLIC_URL is not set: links in mail point to http://{host}:{port}");
            format!("http://{host}:{port}")
        }
    }
}

/// Every endpoint with who may call it, read from the handlers' signatures: the table
/// the authorisation matrix test walks.
pub fn endpoints() -> Vec<Endpoint> {
    route_table().endpoints()
}

/// A fresh install shows the sample site: the content folder is imported when the
/// database has no areas and no content yet.
pub async fn import_if_empty(db: &DatabaseConnection, config: &Config) -> Result<(), StartError> {
    let empty = areas::repo::all(db).await.map_err(|e| import_error(config, e.into()))?.is_empty()
        && content::repo::count_items(db).await.map_err(|e| import_error(config, e.into()))? == 0;
    if !empty {
        return Ok(());
    }
    if !config.content_dir.is_dir() {
        tracing::warn!(dir = %config.content_dir.display(), "empty database and no content folder: the site starts empty");
        return Ok(());
    }
    let report = import_content(db, &config.content_dir).await.map_err(|e| import_error(config, e))?;
    for problem in &report.problems {
        tracing::warn!("{problem}");
    }
    tracing::info!(dir = %config.content_dir.display(), "imported content into the empty database: {report}");
    Ok(())
}

fn import_error(config: &Config, cause: ImportError) -> StartError {
    StartError::Import { dir: config.content_dir.clone(), cause }
}

/// Parses every template at start-up, so a broken template stops the start, not a page.
pub fn load_templates(dir: &std::path::Path) -> Result<tera::Tera, StartError> {
    // Pages are HTML; mail has plain-text parts and subjects beside its HTML.
    let pattern = format!("{}/**/*.{{html,txt}}", dir.display());
    let templates = tera::Tera::new(&pattern)
        .map_err(|error| StartError::Templates { dir: dir.to_owned(), cause: error_chain(&error) })?;
    if templates.get_template_names().next().is_none() {
        return Err(StartError::Templates { dir: dir.to_owned(), cause: "no templates found".into() });
    }
    let catalogues = site::i18n::Catalogues::load(&dir.join("locales"))
        .map_err(|error| StartError::Templates { dir: dir.to_owned(), cause: error_chain(&error) })?;
    let mut templates = templates;
    templates.register_function("t", site::i18n::Translate(Arc::new(catalogues)));
    Ok(templates)
}

/// `/healthz`: 200 when the database answers, 503 when it does not.
async fn health(state: web::Data<AppState>) -> HttpResponse {
    match state.db.ping().await {
        Ok(()) => HttpResponse::Ok().json(json!({"status": "ok", "database": "ok"})),
        Err(error) => {
            tracing::error!(error = %error_chain(&error), "health check: database does not answer");
            HttpResponse::ServiceUnavailable().json(json!({"status": "unavailable", "database": "unavailable"}))
        }
    }
}

/// Every address served, with its methods: the route table's and the health check's.
fn known_addresses() -> KnownAddresses {
    let routed = endpoints().into_iter().map(|e| (e.pattern, e.method));
    KnownAddresses::of(routed.chain([("/healthz", "GET")]))
}

/// A request no route took: a known address asked with another method (405, saying
/// which methods it takes), else an address that does not exist (404).
async fn not_routed(req: HttpRequest, known: web::Data<KnownAddresses>) -> Result<HttpResponse, AppError> {
    let allowed = known.allowed(req.path());
    if allowed.is_empty() {
        return Err(AppError::NotFound("Adressen finnes ikke, eller siden er flyttet.".into()));
    }
    Err(AppError::MethodNotAllowed { allowed: allowed.join(", ") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::Access;

    #[test]
    fn every_route_is_registered_once_and_editor_pages_are_for_editors_only() {
        let endpoints = endpoints();
        for (i, a) in endpoints.iter().enumerate() {
            let twice = endpoints[i + 1..].iter().any(|b| (a.method, a.pattern) == (b.method, b.pattern));
            assert!(!twice, "{} {} is registered twice", a.method, a.pattern);
            if a.pattern == "/redaksjon" || a.pattern.starts_with("/redaksjon/") {
                assert!(matches!(a.access, Access::Editor | Access::Admin), "{} {} is open to {:?}", a.method, a.pattern, a.access);
            }
        }
        let find = |method, pattern| endpoints.iter().find(|e| e.method == method && e.pattern == pattern).map(|e| e.access);
        // Read from the handlers' first argument.
        assert_eq!(find("GET", "/redaksjon/brukere"), Some(Access::Admin));
        assert_eq!(find("POST", "/kurs/forsok/{id}"), Some(Access::SignedIn));
        assert_eq!(find("GET", "/kurs"), Some(Access::Public));
    }
}
