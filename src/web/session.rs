//! Who is asking: the signed session and CSRF cookies, read once per request by
//! `visitor_middleware`, which also refuses forged writes before any handler runs.
//!
//! The session cookie carries a random token (the database keeps only its SHA-256);
//! the CSRF cookie carries a random token that every form repeats in a hidden `csrf`
//! field (or the `X-CSRF-Token` header, or for file uploads the `csrf` query
//! parameter). Both cookies are signed, HttpOnly and SameSite=Lax.
use std::io::Write;
use std::path::Path;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{Cookie, CookieJar, Key, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, web};
use futures_util::StreamExt;

use crate::accounts::{User, repo};
use crate::state::AppState;
use crate::audit::Actor;
use crate::authz::{self, Action, Denied};
use crate::config::Config;
use crate::error::AppError;
use crate::tokens::{SigningKey, decode_hex, random_token, token_hash};
use crate::web::routes::KnownAddresses;


pub const SESSION_COOKIE: &str = "fagbro_session";
pub const CSRF_COOKIE: &str = "fagbro_csrf";
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// A session lasts a working day; after that the editor signs in again.
pub const SESSION_HOURS: i64 = 12;
use super::MAX_FORM_BYTES;

/// The cookie-signing key and cookie flags.
pub struct CookieKeys {
    key: Key,
    secure: bool,
    stamp_key: SigningKey,
    /// Signs the unsubscribe links in newsletters (`newsletter`).
    pub unsubscribe_key: SigningKey,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("FAGBRO_SECRET_KEY must be at least 128 hex digits (64 bytes)")]
    BadKey,
    #[error("secret key file {path}: {cause}")]
    File { path: std::path::PathBuf, cause: std::io::Error },
}

impl CookieKeys {
    /// The key from `FAGBRO_SECRET_KEY`, else from `secret.key` in the data folder,
    /// made (readable by the owner only) on first start. Kept, so a restart signs
    /// nobody out.
    pub fn load(config: &Config) -> Result<CookieKeys, KeyError> {
        let bytes = match &config.secret_key {
            Some(secret) => decode_hex(secret.0.trim()).filter(|b| b.len() >= 64).ok_or(KeyError::BadKey)?,
            None => key_file(&config.data_dir.join("secret.key"))?,
        };
        let stamp_key = SigningKey::derive(&bytes, "fagbro feedback form stamp");
        let unsubscribe_key = SigningKey::derive(&bytes, "fagbro newsletter unsubscribe");
        Ok(CookieKeys { key: Key::from(&bytes), secure: config.secure_cookies, stamp_key, unsubscribe_key })
    }

    fn cookie(&self, name: &'static str, value: String) -> Cookie<'static> {
        let mut cookie = Cookie::new(name, value);
        cookie.set_path("/");
        cookie.set_http_only(true);
        cookie.set_same_site(SameSite::Lax);
        cookie.set_secure(self.secure);
        cookie
    }

    /// The value of a cookie whose signature is right; `None` for a missing or forged one.
    fn verified(&self, req: &ServiceRequest, name: &str) -> Option<String> {
        let cookie = req.cookie(name)?;
        let mut jar = CookieJar::new();
        jar.add_original(cookie);
        jar.signed(&self.key).get(name).map(|c| c.value().to_owned())
    }

    /// A `Set-Cookie` for `value`, signed.
    pub fn signed(&self, name: &'static str, value: String) -> Cookie<'static> {
        let mut jar = CookieJar::new();
        jar.signed_mut(&self.key).add(self.cookie(name, value));
        jar.get(name).cloned().unwrap_or_else(|| Cookie::new(name, ""))
    }

    pub fn removal(&self, name: &'static str) -> Cookie<'static> {
        let mut cookie = self.cookie(name, String::new());
        cookie.make_removal();
        cookie
    }
}

fn key_file(path: &Path) -> Result<Vec<u8>, KeyError> {
    let file_error = |cause| KeyError::File { path: path.to_owned(), cause };
    match std::fs::read(path) {
        Ok(bytes) if bytes.len() >= 64 => return Ok(bytes),
        Ok(_) => return Err(file_error(std::io::Error::other("shorter than 64 bytes"))),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(file_error(error)),
    }
    let bytes: Vec<u8> = (0..2).flat_map(|_| rand::random::<[u8; 32]>()).collect();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(&bytes).and_then(|()| file.sync_all()).map_err(file_error)?;
            Ok(bytes)
        }
        // Another instance made it first: use theirs.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => key_file(path),
        Err(error) => Err(file_error(error)),
    }
}


/// Compares without stopping at the first difference.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The visitor of this request: the signed-in user, if any, and the CSRF token their
/// forms carry. Every handler that renders a page or writes takes one.
#[derive(Clone, Debug)]
pub struct Visitor {
    pub user: Option<User>,
    pub csrf: String,
    /// The client's address, for the audit log.
    pub from: Option<String>,
    /// The path of this request.
    pub path: String,
    /// The stored hash of this visitor's session token, when signed in.
    pub session: Option<String>,
    /// Signs the feedback form's time stamp with the server's secret.
    pub stamp_key: SigningKey,
    /// Where to come back to after signing in: this page, or for a form the page it
    /// was sent from.
    pub return_to: String,
    /// The language of the interface this visitor reads (`web::i18n`).
    pub ui: crate::web::i18n::UiLang,
}

impl Visitor {
    /// The signed-in user if `action` is theirs to do.
    pub fn may(&self, action: Action) -> Result<&User, AppError> {
        authz::decide(self.user.as_ref(), action).map_err(|denied| refusal(denied, &self.return_to))?;
        self.user.as_ref().ok_or_else(|| AppError::SignInRequired { next: self.return_to.clone() })
    }

    /// The user as the audit log names them; call after `may`.
    pub fn actor(&self) -> Actor {
        match &self.user {
            Some(user) => Actor::user(user, self.from.clone()),
            None => Actor { id: None, name: "anonym".into(), from: self.from.clone() },
        }
    }
}

/// What a refusal means for a request: sign in and come back to `return_to`, or a 403
/// page saying why.
pub fn refusal(denied: Denied, return_to: &str) -> AppError {
    match denied {
        Denied::SignInRequired => AppError::SignInRequired { next: return_to.to_owned() },
        Denied::Forbidden(why) => AppError::Forbidden(why.into()),
    }
}

/// Where a visitor asked to sign in comes back to: the page asked for, or for a form
/// (sent after the session ended, say) the page the form was on.
fn return_to(req: &ServiceRequest) -> String {
    if matches!(*req.method(), Method::GET | Method::HEAD) { req.path().to_owned() } else { referring_path(req) }
}

/// The path of the same-site page a request came from (the Origin check has passed
/// before this is asked), or the front page.
fn referring_path(req: &ServiceRequest) -> String {
    req.headers()
        .get(actix_web::http::header::REFERER)
        .and_then(|value| value.to_str().ok())
        .and_then(|referer| referer.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|slash| rest[slash..].to_owned()))
        .filter(|path| crate::web::site_path::same_site_path(path).is_some())
        .unwrap_or_else(|| "/".to_owned())
}

impl FromRequest for Visitor {
    type Error = AppError;
    type Future = std::future::Ready<Result<Visitor, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(
            req.extensions()
                .get::<Visitor>()
                .cloned()
                .ok_or_else(|| AppError::Internal("the visitor middleware is not installed".into())),
        )
    }
}

/// Reads the cookies, checks CSRF on every write, and leaves a `Visitor` for the
/// handlers (whose first argument then decides who may go on: `web::access`).
pub async fn visitor_middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    // Reading static files needs no visitor: no cookie is read, no session looked up.
    // (Anything else sent there still goes through the checks below.)
    let reads = matches!(*req.method(), Method::GET | Method::HEAD);
    if reads && (req.path().starts_with("/assets/") || req.path().starts_with("/media/")) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(refuse(req, AppError::Internal("no application state".into())));
    };
    let keys = &state.cookie_keys;
    let (csrf, new_csrf) = match keys.verified(&req, CSRF_COOKIE) {
        Some(token) if token.len() == 64 => (token, false),
        _ => (random_token(), true),
    };
    let session = keys.verified(&req, SESSION_COOKIE).map(|token| token_hash(&token));
    let user = match &session {
        Some(hash) => match repo::session_user(&state.db, hash).await {
            Ok(user) => user,
            Err(error) => return Ok(refuse(req, error.into())),
        },
        None => None,
    };
    let stale_session = req.cookie(SESSION_COOKIE).is_some() && user.is_none();
    let from = crate::web::client::client_of(req.request(), &state.config).map(|client| client.to_string());

    // A method no route takes at this address is answered 405 (or 404) by the router;
    // with no handler to reach, there is nothing for a forged form to do.
    let routed = req.app_data::<web::Data<KnownAddresses>>().is_none_or(|known| known.takes(req.path(), req.method().as_str()));
    if !reads
        && routed
        && !carries_its_own_authority(req.path())
        && let Err(error) = check_csrf(&mut req, &csrf, new_csrf).await
    {
        return Ok(refuse(req, error));
    }
    let path = req.path().to_owned();
    let return_to = return_to(&req);
    let signed_in = user.is_some();
    let stamp_key = keys.stamp_key.clone();
    let ui = crate::web::i18n::UiLang::of_request(
        req.cookie(crate::web::i18n::UI_COOKIE).as_ref().map(|c| c.value()),
        req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
    );
    req.extensions_mut().insert(Visitor { user, csrf: csrf.clone(), from, path, session, stamp_key, return_to, ui });
    let mut response = next.call(req).await?.map_into_left_body();
    // A fresh token for pages (which may carry forms), unless the handler set one
    // itself (sign-in rotates it); assets and JSON stay cookie-free and cacheable.
    let is_page = response
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|ct| ct.as_bytes().starts_with(b"text/html"));
    if new_csrf && is_page && !response.response().cookies().any(|c| c.name() == CSRF_COOKIE) {
        let cookie = keys.signed(CSRF_COOKIE, csrf);
        response.response_mut().add_cookie(&cookie).map_err(actix_web::error::ErrorInternalServerError)?;
    }
    // What a signed-in person sees (drafts, their courses, their answers) is never kept
    // by the browser or a proxy: ward computers are shared.
    if signed_in {
        let headers = response.response_mut().headers_mut();
        headers.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("private, no-store"));
    }
    // A session that ended is forgotten by the browser too, unless this very response
    // starts a new one (signing in again after a role change or expiry).
    if stale_session && !response.response().cookies().any(|c| c.name() == SESSION_COOKIE) {
        let removal = keys.removal(SESSION_COOKIE);
        response.response_mut().add_cookie(&removal).map_err(actix_web::error::ErrorInternalServerError)?;
    }
    Ok(response)
}

/// Writes whose address is the authority, not a cookie: a newsletter's signed unsubscribe
/// link, which a mail client posts to without any cookie of ours (RFC 8058 one-click).
/// Forging a request there gains nothing the link itself does not give.
fn carries_its_own_authority(path: &str) -> bool {
    path.starts_with("/nyhetsbrev/avmeld/")
}

fn refuse<B>(req: ServiceRequest, error: AppError) -> ServiceResponse<EitherBody<B>> {
    let (req, _) = req.into_parts();
    let response = HttpResponse::from_error(error);
    ServiceResponse::new(req, response).map_into_right_body()
}

/// A write must come from this site (Origin, when sent) and repeat the visitor's
/// token: in the header, in a form field, or for uploads in the query string.
async fn check_csrf(req: &mut ServiceRequest, expected: &str, new_visitor: bool) -> Result<(), AppError> {
    let forged = || AppError::Forbidden("Skjemaet kunne ikke sendes: sikkerhetsnøkkelen mangler eller er utløpt. Last siden på nytt og prøv igjen.".into());
    if new_visitor {
        return Err(forged());
    }
    if let Some(origin) = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        let host = req.connection_info().host().to_owned();
        let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
        if origin != "null" && origin_host != host {
            return Err(forged());
        }
    }
    if let Some(token) = req.headers().get(CSRF_HEADER).and_then(|t| t.to_str().ok()) {
        return if same_token(token, expected) { Ok(()) } else { Err(forged()) };
    }
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|c| c.to_str().ok()).unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        let query: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
        let token = query.iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v.as_str());
        return if token.is_some_and(|t| same_token(t, expected)) { Ok(()) } else { Err(forged()) };
    }
    // A form: read the body, find the field, and put the body back for the handler.
    let mut payload = req.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest("Skjemaet kom ikke fram helt.".into()))?;
        if body.len() + chunk.len() > MAX_FORM_BYTES {
            return Err(AppError::TooLarge("Skjemaet er for stort.".into()));
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let matches = fields.iter().any(|(k, v)| k == CSRF_FIELD && same_token(v, expected));
    req.set_payload(Payload::from(body));
    if matches { Ok(()) } else { Err(forged()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex_and_hashed_for_storage() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(decode_hex(&a).map(|bytes| bytes.len()), Some(32));
        assert!(same_token(&a, &a.clone()) && !same_token(&a, &b));
    }
}
