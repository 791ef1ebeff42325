//! Error pages that help: every 4xx and 5xx error response is replaced by a page in the
//! site's layout that says what went wrong, lists the areas and offers search. Pages a
//! handler rendered itself with an error status (a form with its problems) are kept.
use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpMessage, HttpResponse, web};
use serde::Serialize;

use super::Chrome;
use crate::state::AppState;
use crate::areas::{self, AreaView};
use crate::error::AppError;

pub fn error_pages<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(render_error_page)
}

#[derive(Serialize)]
struct ErrorPage {
    status: u16,
    /// Message keys of the heading and of the default text (`web::i18n`).
    heading: &'static str,
    default_message: &'static str,
    /// What the handler said went wrong (in bokmål), if anything.
    message: Option<String>,
    areas: Vec<AreaView>,
}

fn render_error_page<B: MessageBody + 'static>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let path = res.request().path();
    // Machine clients get JSON; static files keep their plain answers.
    if path.starts_with("/api/") {
        return Ok(ErrorHandlerResponse::Response(json_error(res)));
    }
    if path.starts_with("/assets/") || path == "/healthz" {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    // A page the handler rendered itself (a form shown again with its problems) stays.
    let form_again = res.response().error().and_then(|e| e.as_error::<AppError>()).is_some_and(|e| matches!(e, AppError::FormAgain { .. }));
    let rendered_page = form_again
        || res.response().error().is_none()
            && res.response().headers().get(header::CONTENT_TYPE).is_some_and(|ct| ct.as_bytes().starts_with(b"text/html"));
    if rendered_page {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let state = res.request().app_data::<web::Data<AppState>>().cloned();
    let status = res.status();
    let message = res
        .response()
        .error()
        .and_then(|error| error.as_error::<AppError>())
        .and_then(|error| error.public_message().map(str::to_owned));
    let visitor = res.request().extensions().get::<super::session::Visitor>().map(|v| v.ui).unwrap_or(super::i18n::UiLang::Bokmal);
    Ok(ErrorHandlerResponse::Future(Box::pin(async move {
        let (req, original) = res.into_parts();
        let html = match state {
            Some(state) => page_html(&state, status, message, visitor).await,
            None => None,
        };
        let Some(html) = html else {
            let res = ServiceResponse::new(req, original);
            return Ok(res.map_into_left_body());
        };
        let mut response = HttpResponse::build(status);
        for (name, value) in original.headers() {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                response.append_header((name.clone(), value.clone()));
            }
        }
        let response = response.content_type("text/html; charset=utf-8").body(html);
        Ok(ServiceResponse::new(req, response).map_into_right_body::<B>())
    })))
}

async fn page_html(state: &AppState, status: StatusCode, message: Option<String>, ui: super::i18n::UiLang) -> Option<String> {
    // The list of areas is a help, not a must: a broken database still gets a page.
    let areas = areas::repo::all(&state.db).await.map(|all| all.iter().map(AreaView::from).collect()).unwrap_or_default();
    let page = ErrorPage { status: status.as_u16(), heading: heading(status), default_message: default_message(status), message, areas };
    // The page is all interface: in the visitor's language.
    let chrome = Chrome::in_language("", None, &crate::lang::Lang::parse(ui.code()).unwrap_or_else(|_| crate::lang::Lang::bokmal()));
    let mut context = tera::Context::new();
    context.insert("chrome", &chrome);
    context.insert("ui", ui.code());
    context.insert("languages", &super::i18n::choices(ui));
    context.insert("page", &page);
    match state.templates.render("errors/error.html", &context) {
        Ok(html) => Some(html),
        Err(error) => {
            tracing::error!(error = %crate::telemetry::error_chain(&error), "error page could not be rendered");
            None
        }
    }
}

/// An API error as `{"error": ..., "parameter": ...}`, whatever answered it (a handler,
/// the router, the 405 check). Answers that are JSON already are kept.
fn json_error<B: MessageBody + 'static>(res: ServiceResponse<B>) -> ServiceResponse<actix_web::body::EitherBody<B>> {
    let is_json = res.response().headers().get(header::CONTENT_TYPE).is_some_and(|ct| ct.as_bytes().starts_with(b"application/json"));
    if is_json {
        return res.map_into_left_body();
    }
    let status = res.status();
    let message = match res.response().error().and_then(|error| error.as_error::<AppError>()) {
        // The API's own "not found" says what was not found, in English.
        Some(AppError::NotFound(message)) => message.clone(),
        _ => match status {
            StatusCode::NOT_FOUND => "no such address in this API; see /api/openapi.json".to_owned(),
            StatusCode::METHOD_NOT_ALLOWED => match res.response().headers().get(header::ALLOW).and_then(|allow| allow.to_str().ok()) {
                Some(allowed) => format!("this address answers {allowed} only"),
                None => "this address does not answer this method".to_owned(),
            },
            status if status.is_client_error() => format!("the request was refused ({status})"),
            _ => "something went wrong on our side; it is logged".to_owned(),
        },
    };
    let (req, original) = res.into_parts();
    let mut response = HttpResponse::build(status);
    for (name, value) in original.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            response.append_header((name.clone(), value.clone()));
        }
    }
    let response = response.json(serde_json::json!({ "error": message, "parameter": null }));
    ServiceResponse::new(req, response).map_into_right_body()
}

pub(crate) fn heading(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::METHOD_NOT_ALLOWED => "error-not-allowed",
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::TOO_MANY_REQUESTS => "error-too-many",
        status if status.is_client_error() => "error-bad-request",
        _ => "error-server",
    }
}

pub(crate) fn default_message(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "error-not-found-text",
        StatusCode::METHOD_NOT_ALLOWED => "error-not-allowed-text",
        StatusCode::FORBIDDEN => "error-forbidden-text",
        status if status.is_client_error() => "error-bad-request-text",
        _ => "error-server-text",
    }
}
