//! The one place where errors become HTTP responses. Handlers return `AppError`; the
//! error-page middleware (`web::errors`) turns its status into a helpful HTML page.
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::telemetry::error_chain;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The visitor asked for something that is not there; the text says what, in bokmål.
    #[error("{0}")]
    NotFound(String),
    /// The request itself is wrong; the text says what to change, in bokmål.
    #[error("{0}")]
    BadRequest(String),
    /// A JSON API parameter is wrong: answered as JSON naming the parameter.
    #[error("{parameter}: {message}")]
    InvalidParameter { parameter: &'static str, message: String },
    /// A JSON API parameter is well formed but names nothing there is (an unknown area):
    /// answered 404 as JSON naming the parameter.
    #[error("{parameter}: {message}")]
    UnknownParameterValue { parameter: &'static str, message: String },
    /// Signed in, but this role or area may not: the text says why, in bokmål.
    #[error("{0}")]
    Forbidden(String),
    /// Nobody is signed in: answered with the sign-in page, coming back to `next`.
    #[error("sign-in required")]
    SignInRequired { next: String },
    /// The request is right but clashes with the current state (a decided proposal, say).
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    UnsupportedMedia(String),
    /// The address exists, but not for this method: answered 405 with `Allow`.
    #[error("this address takes {allowed}")]
    MethodNotAllowed { allowed: String },
    /// Too many requests from one client (feedback, sign-in).
    #[error("{0}")]
    TooManyRequests(String),
    /// A bug of ours, not the visitor's: logged, never shown.
    #[error("{0}")]
    Internal(String),
    #[error("database error")]
    Database(#[source] sea_orm::DbErr),
    #[error("template error")]
    Template(#[source] tera::Error),
    /// A capability's own failure (the search index, say), with its cause chain:
    /// converted at the capability's edge, so this module knows none of them.
    #[error("{what} failed")]
    Unexpected { what: &'static str, source: Box<dyn std::error::Error + Send + Sync> },
    /// A form shown again, as the handler rendered it, with what was typed and what is
    /// wrong with it (`web::form_again`).
    #[error("the form was refused and shown again")]
    FormAgain { html: String },
}

impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        AppError::Database(error)
    }
}

impl From<tera::Error> for AppError {
    fn from(error: tera::Error) -> Self {
        AppError::Template(error)
    }
}

impl AppError {
    /// What may be shown to the visitor: never internals of a server error.
    pub fn public_message(&self) -> Option<&str> {
        match self {
            AppError::NotFound(message)
            | AppError::BadRequest(message)
            | AppError::Forbidden(message)
            | AppError::Conflict(message)
            | AppError::TooLarge(message)
            | AppError::UnsupportedMedia(message)
            | AppError::TooManyRequests(message) => Some(message),
            AppError::InvalidParameter { message, .. } | AppError::UnknownParameterValue { message, .. } => Some(message),
            AppError::SignInRequired { .. } => Some("Logg inn for å fortsette."),
            AppError::MethodNotAllowed { .. } => Some("Denne adressen tar ikke imot slike forespørsler."),
            AppError::FormAgain { .. } => Some("Skjemaet har feil; se merknadene."),
            AppError::Database(_)
            | AppError::Template(_)
            | AppError::Unexpected { .. }
            | AppError::Internal(_) => None,
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) | AppError::UnknownParameterValue { .. } => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) | AppError::InvalidParameter { .. } => StatusCode::BAD_REQUEST,
            AppError::FormAgain { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::SignInRequired { .. } => StatusCode::SEE_OTHER,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMedia(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Database(_) | AppError::Template(_) | AppError::Unexpected { .. } | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            // Logged once, here, with the whole cause chain.
            tracing::error!(error = %error_chain(self), "request failed");
        }
        if let AppError::SignInRequired { next } = self {
            let query = serde_urlencoded::to_string([("neste", next)]).unwrap_or_default();
            return HttpResponse::SeeOther()
                .insert_header((actix_web::http::header::LOCATION, format!("/logg-inn?{query}")))
                .finish();
        }
        if let AppError::MethodNotAllowed { allowed } = self {
            return HttpResponse::build(status)
                .insert_header((actix_web::http::header::ALLOW, allowed.clone()))
                .content_type("text/plain; charset=utf-8")
                .body(format!("Denne adressen tar imot {allowed}."));
        }
        if let AppError::FormAgain { html } = self {
            return HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html.clone());
        }
        if let AppError::InvalidParameter { parameter, message } | AppError::UnknownParameterValue { parameter, message } = self {
            return HttpResponse::build(status).json(serde_json::json!({"error": message, "parameter": parameter}));
        }
        HttpResponse::build(status)
            .content_type("text/plain; charset=utf-8")
            .body(self.public_message().unwrap_or("Noe gikk galt hos oss.").to_owned())
    }
}
