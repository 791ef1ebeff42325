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
    #[error("database error")]
    Database(#[source] sea_orm::DbErr),
    #[error("template error")]
    Template(#[source] tera::Error),
    #[error("search error")]
    Search(#[source] crate::search::query::SearchError),
    /// The worker pool could not take the job (shutting down or overloaded).
    #[error("busy: {0}")]
    Busy(String),
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

impl From<crate::search::query::SearchError> for AppError {
    fn from(error: crate::search::query::SearchError) -> Self {
        AppError::Search(error)
    }
}

impl AppError {
    /// What may be shown to the visitor: never internals of a server error.
    pub fn public_message(&self) -> Option<&str> {
        match self {
            AppError::NotFound(message) | AppError::BadRequest(message) => Some(message),
            AppError::InvalidParameter { message, .. } => Some(message),
            AppError::Database(_) | AppError::Template(_) | AppError::Search(_) | AppError::Busy(_) => None,
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) | AppError::InvalidParameter { .. } => StatusCode::BAD_REQUEST,
            AppError::Database(_) | AppError::Template(_) | AppError::Search(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            // Logged once, here, with the whole cause chain.
            tracing::error!(error = %error_chain(self), "request failed");
        }
        if let AppError::InvalidParameter { parameter, message } = self {
            return HttpResponse::build(status).json(serde_json::json!({"error": message, "parameter": parameter}));
        }
        HttpResponse::build(status)
            .content_type("text/plain; charset=utf-8")
            .body(self.public_message().unwrap_or("Noe gikk galt hos oss.").to_owned())
    }
}
