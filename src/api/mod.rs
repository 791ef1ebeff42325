//! The open API: read-only JSON about published content, areas, themes, courses and
//! translations, for other health communities' sites. The OpenAPI 3.1 document at
//! `/api/openapi.json` is generated from these handlers and types (utoipa), and `/api`
//! shows it as a page. Cross-origin reads and the per-client limit are `web::api_gate`'s.
pub mod catalogue;
pub mod items;
pub mod translations;

use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::{OpenApi, ToSchema};

use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::Anyone;
use crate::web::routes::Routes;
use crate::web::session::Visitor;
use crate::web::{Chrome, conditional, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/api", api_page);
    routes.page("/api/openapi.json", openapi_json);
    items::routes(routes);
    catalogue::routes(routes);
    translations::routes(routes);
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "fagbro open API",
        description = "Published content of a fagbro site (guides, news, events, patient material, courses), \
            for other health communities' sites and apps. Read-only, no account needed. Every answer has an \
            `ETag`: send it back in `If-None-Match` and an unchanged answer is 304 with no body. Cross-origin \
            reads are allowed (CORS). Each client address may make a limited number of requests a minute; \
            past it the answer is 429 with `Retry-After`. Errors are JSON: `error` says what is wrong, \
            `parameter` names the query parameter when one is.",
        license(name = "Content: see each page"),
    ),
    paths(items::list_items, items::one_item, catalogue::list_areas, catalogue::list_themes, catalogue::list_courses, translations::translations_api),
    components(schemas(ApiError)),
    tags(
        (name = "content", description = "Published items in every language"),
        (name = "catalogue", description = "Areas, themes and the course catalogue"),
        (name = "translations", description = "Which translations say what their Norwegian original says now"),
    )
)]
struct ApiDoc;

/// The OpenAPI document, with this site's address as its server.
pub fn document(base_url: &str) -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    document.servers = Some(vec![utoipa::openapi::server::Server::new(base_url.trim_end_matches('/'))]);
    document
}

/// An error answer of the API.
#[derive(Serialize, ToSchema)]
pub struct ApiError {
    /// What is wrong, in English.
    error: String,
    /// The query parameter that is wrong, when one is.
    parameter: Option<String>,
}

impl ApiError {
    /// A query parameter the API cannot read: 400 with the parameter named.
    pub fn invalid(parameter: &'static str, message: String) -> AppError {
        AppError::InvalidParameter { parameter, message }
    }

    /// A well-formed parameter that names nothing there is: 404 with the parameter named.
    pub fn unknown(parameter: &'static str, message: String) -> AppError {
        AppError::UnknownParameterValue { parameter, message }
    }
}

/// A parameter as given. An empty one is given, and refused where it does not fit:
/// `updated_since=` is not a time, and an API that read it as "any" would hide a bug.
fn parameter(value: &Option<String>) -> Option<&str> {
    value.as_deref()
}

/// What area and theme slugs look like (the documents' pattern `^[a-z0-9]+(-[a-z0-9]+)*$`);
/// one that fits and names nothing is a 404.
fn is_slug(text: &str) -> bool {
    !text.is_empty() && text.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// An area or theme slug: malformed is 400, unknown is 404.
fn slug_of<'a>(parameter: &'static str, text: &'a str) -> Result<&'a str, AppError> {
    if is_slug(text) { Ok(text) } else { Err(ApiError::invalid(parameter, format!("{text:?} is not a slug (lowercase letters, digits and hyphens)"))) }
}

/// How long a reader of the API may keep an answer without asking again.
const KEEP_FOR: Duration = Duration::from_secs(60);

/// `value` as JSON, with an `ETag` (and `Last-Modified` when known): 304 when unchanged.
fn json(req: &HttpRequest, value: &impl Serialize, last_modified: Option<DateTime<Utc>>) -> Result<HttpResponse, AppError> {
    let body = serde_json::to_string(value).map_err(|e| AppError::Internal(format!("API answer as JSON: {e}")))?;
    Ok(conditional::respond(req, "application/json", body, last_modified, KEEP_FOR))
}

/// The OpenAPI 3.1 document of this API.
async fn openapi_json(_: Anyone, state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let base = crate::web::absolute_url(&state.config, &req, "");
    json(&req, &document(&base), None)
}

/// `/api`: the document as a page a web team reads before writing a line of code.
#[derive(Serialize)]
struct ApiPage {
    description: String,
    document_url: String,
    base_url: String,
    operations: Vec<OperationView>,
}

#[derive(Serialize)]
struct OperationView {
    method: String,
    path: String,
    example: String,
    summary: String,
    description: String,
    parameters: Vec<ParameterView>,
    responses: Vec<(String, String)>,
}

#[derive(Serialize)]
struct ParameterView {
    name: String,
    place: String,
    description: String,
    required: bool,
}

async fn api_page(visitor: Visitor, state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let base_url = crate::web::absolute_url(&state.config, &req, "");
    let document = serde_json::to_value(document(&base_url)).map_err(|e| AppError::Internal(format!("OpenAPI document: {e}")))?;
    let page = ApiPage {
        description: text(&document["info"]["description"]),
        document_url: format!("{base_url}/api/openapi.json"),
        operations: operations(&document, &base_url),
        base_url,
    };
    render(&state.templates, "api/index.html", &Chrome::new("Åpent API", None), &visitor, &page)
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

/// Every operation of the document, in its order of paths.
fn operations(document: &Value, base_url: &str) -> Vec<OperationView> {
    let Some(paths) = document["paths"].as_object() else { return Vec::new() };
    let mut operations = Vec::new();
    for (path, item) in paths {
        let Some(methods) = item.as_object() else { continue };
        for (method, operation) in methods {
            let parameters = operation["parameters"].as_array().map(Vec::as_slice).unwrap_or_default();
            let example_path = path.replace("{id}", "1");
            operations.push(OperationView {
                method: method.to_uppercase(),
                path: path.clone(),
                example: format!("{base_url}{example_path}"),
                summary: text(&operation["summary"]),
                description: text(&operation["description"]),
                parameters: parameters
                    .iter()
                    .map(|p| ParameterView {
                        name: text(&p["name"]),
                        place: text(&p["in"]),
                        description: text(&p["description"]),
                        required: p["required"].as_bool().unwrap_or(false),
                    })
                    .collect(),
                responses: operation["responses"]
                    .as_object()
                    .map(|responses| responses.iter().map(|(code, r)| (code.clone(), text(&r["description"]))).collect())
                    .unwrap_or_default(),
            });
        }
    }
    operations
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_and_lists_every_read() {
        let document = serde_json::to_value(document("https://fagbro.example.no/")).unwrap();
        assert!(document["openapi"].as_str().unwrap().starts_with("3.1"), "{}", document["openapi"]);
        assert_eq!(document["servers"][0]["url"], "https://fagbro.example.no");
        let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
        for path in ["/api/items", "/api/items/{id}", "/api/areas", "/api/themes", "/api/courses", "/api/translations"] {
            assert!(paths.iter().any(|p| *p == path), "{path} in {paths:?}");
        }
        let page = operations(&document, "https://fagbro.example.no");
        let items = page.iter().find(|o| o.path == "/api/items").unwrap();
        assert!(items.parameters.iter().any(|p| p.name == "updated_since" && p.place == "query"));
        assert!(items.responses.iter().any(|(code, _)| code == "400"));
    }
}
