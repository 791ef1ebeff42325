//! What every page shares: rendering, the page chrome, dates in Norwegian, request
//! logging, security headers and error pages.
pub mod access;
pub mod api_gate;
pub mod client;
pub mod conditional;
pub mod errors;
pub mod form_stamp;
pub mod format;
pub mod forms;
pub mod i18n;
pub mod markup;
pub mod routes;
pub mod session;
pub mod site_path;

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{HttpResponse, http::header};
use serde::Serialize;

use crate::areas::AreaView;
use crate::lang::Lang;
use crate::web::session::Visitor;
use crate::error::AppError;

/// What the page chrome shows of the visitor: who is signed in, and the form token.
#[derive(Serialize)]
pub struct VisitorView<'a> {
    pub name: Option<&'a str>,
    pub is_editor: bool,
    pub is_admin: bool,
    /// A central editor or an admin: the pages that concern every area.
    pub is_central: bool,
    pub csrf: &'a str,
    /// The page being shown, for the feedback form and the way back after sign-in.
    pub path: &'a str,
    /// When the feedback form was shown, vouched for (see `form_stamp::FormStamp`).
    pub feedback_stamp: String,
}

impl<'a> VisitorView<'a> {
    pub fn of(visitor: &'a Visitor) -> VisitorView<'a> {
        let role = visitor.user.as_ref().map(|u| u.role);
        VisitorView {
            name: visitor.user.as_ref().map(|u| u.name.as_str()),
            is_editor: role.is_some_and(|r| r.is_editor()),
            is_admin: role == Some(crate::accounts::Role::Admin),
            is_central: matches!(role, Some(crate::accounts::Role::Admin | crate::accounts::Role::CentralEditor)),
            csrf: &visitor.csrf,
            path: &visitor.path,
            feedback_stamp: form_stamp::FormStamp::now(&visitor.stamp_key, &visitor.csrf).to_string(),
        }
    }
}

/// The parts of every page around its content: title, language and direction, the
/// area the visitor is in, and the navigation of that area.
#[derive(Clone, Debug, Serialize)]
pub struct Chrome {
    pub title: String,
    /// The language of the page's main content; the interface itself is bokmål.
    pub lang: String,
    pub dir: &'static str,
    /// True when the main content is not in bokmål: the interface parts then carry
    /// `lang="nb"` of their own.
    pub foreign_content: bool,
    pub area: Option<AreaView>,
    pub nav: Vec<NavLink>,
    /// The page's own text comes from the message catalogues (`web::i18n`): it is in the
    /// visitor's interface language, and `render` says so in `lang`. Pages whose text is
    /// not yet in the catalogues stay in bokmål.
    #[serde(skip)]
    pub follows_interface: bool,
    /// Feeds that follow this page, linked as `<link rel="alternate">` for feed readers.
    pub feeds: Vec<FeedLink>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct NavLink {
    /// The label's message key (`web::i18n`).
    pub key: &'static str,
    pub url: String,
    pub current: bool,
}

impl Chrome {
    pub fn new(title: impl Into<String>, area: Option<AreaView>) -> Chrome {
        Chrome::in_language(title, area, &Lang::bokmal())
    }

    pub fn in_language(title: impl Into<String>, area: Option<AreaView>, lang: &Lang) -> Chrome {
        let nav = area.as_ref().map(|area| area_nav(&area.slug)).unwrap_or_default();
        // Every page of an area offers the area's news and events.
        let feeds = area
            .iter()
            .map(|area| FeedLink { title: format!("{} – nyheter og arrangementer", area.name), url: format!("/feed/{}.atom", area.slug) })
            .collect();
        Chrome {
            feeds,
            title: title.into(),
            lang: lang.to_string(),
            dir: lang.dir(),
            foreign_content: lang.as_str() != "nb",
            area,
            nav,
            follows_interface: false,
        }
    }

    /// Adds a feed that follows this page (a theme's), before the area's.
    pub fn with_feed(mut self, title: String, url: String) -> Chrome {
        self.feeds.insert(0, FeedLink { title, url });
        self
    }

    /// A page written in the interface language (its strings are in the catalogues).
    pub fn following_interface(mut self) -> Chrome {
        self.follows_interface = true;
        self
    }

    /// Marks the navigation entry whose URL is `url` as the current page.
    pub fn with_current(mut self, url: &str) -> Chrome {
        for link in &mut self.nav {
            link.current = link.url == url;
        }
        self
    }
}

fn area_nav(area: &str) -> Vec<NavLink> {
    let link = |key, url: String| NavLink { key, url, current: false };
    vec![
        link("nav-home", format!("/{area}")),
        link("nav-themes", format!("/{area}/tema")),
        link("nav-news", format!("/{area}/news")),
        link("nav-events", format!("/{area}/event")),
        link("nav-guides", format!("/{area}/guide")),
        link("nav-articles", format!("/{area}/article")),
        link("nav-interpreter", format!("/{area}/interpreter")),
        link("nav-patient", format!("/{area}/pasient")),
    ]
}

/// `path` as an absolute address: under `FAGBRO_PUBLIC_URL`, else under the address this
/// request came to (set `FAGBRO_PUBLIC_URL` behind a proxy).
pub fn absolute_url(config: &crate::config::Config, req: &actix_web::HttpRequest, path: &str) -> String {
    match config.public_url.as_deref() {
        Some(base) => format!("{base}{path}"),
        None => {
            let info = req.connection_info();
            format!("{}://{}{path}", info.scheme(), info.host())
        }
    }
}

/// Renders a template with the chrome and a page-specific view-model.
pub fn render(
    templates: &tera::Tera,
    template: &str,
    chrome: &Chrome,
    visitor: &Visitor,
    page: &impl Serialize,
) -> Result<HttpResponse, AppError> {
    form_page(templates, template, chrome, visitor, page, false)
}

/// A page with a form: a 200, or when what was sent is `refused`, the same page with
/// what was typed and what is wrong, answered as `AppError::FormAgain` (422).
pub fn form_page(
    templates: &tera::Tera,
    template: &str,
    chrome: &Chrome,
    visitor: &Visitor,
    page: &impl Serialize,
    refused: bool,
) -> Result<HttpResponse, AppError> {
    let mut context = tera::Context::new();
    if chrome.follows_interface {
        let mut chrome = chrome.clone();
        chrome.lang = visitor.ui.code().to_owned();
        chrome.dir = "ltr";
        chrome.foreign_content = visitor.ui != i18n::UiLang::Bokmal;
        context.insert("chrome", &chrome);
    } else {
        context.insert("chrome", chrome);
    }
    context.insert("visitor", &VisitorView::of(visitor));
    context.insert("ui", visitor.ui.code());
    context.insert("languages", &i18n::choices(visitor.ui));
    context.insert("page", page);
    let html = templates.render(template, &context)?;
    if refused {
        return Err(AppError::FormAgain { html });
    }
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html))
}

/// The page of a form shown again with what was typed and what is wrong with it (422).
pub fn form_again(templates: &tera::Tera, template: &str, chrome: &Chrome, visitor: &Visitor, page: &impl Serialize) -> AppError {
    match form_page(templates, template, chrome, visitor, page, true) {
        Err(error) => error,
        Ok(_) => AppError::Internal("a refused form was answered as accepted".into()),
    }
}

/// One log line per request: method, path, status and duration.
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.path().to_owned();
    let response = next.call(req).await;
    let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    match &response {
        Ok(res) => tracing::info!(%method, %path, status = res.status().as_u16(), duration_ms, "request"),
        Err(error) => tracing::warn!(%method, %path, status = error.as_response_error().status_code().as_u16(), duration_ms, "request"),
    }
    response
}

/// Headers on every response: a strict content security policy (no inline script, no
/// framing), no MIME sniffing, no referrer leaks to other sites.
/// Headers on every response. Over HTTPS (`FAGBRO_SECURE_COOKIES=1`) browsers are also
/// told to use nothing else for a year (HSTS).
pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = if https { DefaultHeaders::new().add((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000")) } else { DefaultHeaders::new() };
    headers
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        ))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
}

/// The largest form a page may send. The longest text field takes 300,000 characters
/// (`editorial::fields::MAX_BODY`); in the worst case each is four bytes of UTF-8, each
/// byte sent as `%XX`: 3.6 MB, with room for the other fields. Every reader of a form
/// body (the CSRF check, form extractors, raw bodies) uses this one limit.
pub const MAX_FORM_BYTES: usize = 4 * 1024 * 1024;

/// A form that cannot be read (a missing or malformed field) is the sender's mistake:
/// a 400 that names the field, never a 500.
pub fn form_error(error: actix_web::error::UrlencodedError, _: &actix_web::HttpRequest) -> actix_web::Error {
    let message = match &error {
        actix_web::error::UrlencodedError::Overflow { .. } => "Skjemaet er for stort.".to_owned(),
        other => format!("Skjemaet kunne ikke leses: {other}. Gå tilbake og prøv igjen."),
    };
    AppError::BadRequest(message).into()
}

/// The route of a page: answers GET, and HEAD for uptime monitors and link checkers.
pub fn page() -> actix_web::Route {
    use actix_web::guard;
    actix_web::web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}
