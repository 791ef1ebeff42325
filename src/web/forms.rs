//! Reading forms and answering them: the body as name/value pairs, a redirect after a
//! write (303). A page shown again with what was typed is `web::form_again` (422).
use actix_web::HttpResponse;
use actix_web::http::header;

use crate::error::AppError;

/// A form body as name/value pairs, in order (a name may come more than once).
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &[u8]) -> Result<FormData, String> {
        serde_urlencoded::from_bytes(body).map(FormData).map_err(|e| e.to_string())
    }

    /// The first value of `name`, or empty.
    pub fn get(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}

/// One option of a select, a radio group or a set of checkboxes, as a template shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A form body read whole (the middleware has already checked its token); one that
/// cannot be read is the sender's mistake, a 400.
pub fn form(body: &[u8]) -> Result<FormData, AppError> {
    FormData::parse(body).map_err(|e| AppError::BadRequest(format!("Skjemaet kunne ikke leses: {e}.")))
}

/// After a write: the page to look at next.
pub fn see_other(location: impl Into<String>) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, location.into())).finish()
}

