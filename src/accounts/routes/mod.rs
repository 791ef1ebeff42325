//! `/logg-inn`, `/registrer`, `/logg-ut`: thin handlers over `service`; getting back in
//! and verifying addresses (`recovery`); the account's own page (`my_account`).
mod my_account;
mod recovery;

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};

use super::recovery::{self as recovery_service, SignUp};
use super::service::{self, AccountError, NewAccount, SignInError};
use crate::web::routes::Routes;
use crate::web::session::{CSRF_COOKIE, SESSION_COOKIE, SESSION_HOURS, Visitor};
use crate::tokens::{random_token, token_hash};
use super::{Role, User, repo};
use crate::state::AppState;
use crate::audit::Actor;
use crate::error::AppError;
use crate::web::site_path::same_site_path;
use crate::web::{Chrome, form_again, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/logg-inn", sign_in_page);
    routes.post("/logg-inn", sign_in);
    routes.page("/registrer", sign_up_page);
    routes.post("/registrer", sign_up);
    routes.post("/logg-ut", sign_out);
    recovery::routes(routes);
    my_account::routes(routes);
}

#[derive(Deserialize)]
struct NextQuery {
    neste: Option<String>,
    /// What just happened, for the notice on the sign-in page.
    #[serde(default)]
    melding: Option<String>,
}

/// Only a path on this site is a place to come back to (see `web::site_path`).
fn safe_next(next: Option<&str>) -> String {
    next.and_then(same_site_path).unwrap_or("/redaksjon").to_owned()
}

#[derive(Serialize, Default)]
struct SignInPage {
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<&'static str>,
}

async fn sign_in_page(visitor: Visitor, state: web::Data<AppState>, query: web::Query<NextQuery>) -> Result<HttpResponse, AppError> {
    let notice = match query.melding.as_deref() {
        Some("nytt-passord") => Some("Passordet er endret. Logg inn med det nye passordet."),
        _ => None,
    };
    let page = SignInPage { next: safe_next(query.neste.as_deref()), notice, ..Default::default() };
    render(&state.templates, "accounts/sign_in.html", &Chrome::new("Logg inn", None), &visitor, &page)
}

#[derive(Deserialize)]
struct SignInForm {
    email: String,
    password: String,
    neste: Option<String>,
}

async fn sign_in(visitor: Visitor, state: web::Data<AppState>, form: web::Form<SignInForm>) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = safe_next(form.neste.as_deref());
    match service::sign_in(&state.db, &form.email, &form.password, visitor.from.as_deref()).await {
        Ok(user) => start_session(&state, &visitor, &user, &next).await,
        Err(SignInError::Database(error)) => Err(error.into()),
        Err(error) => {
            let (status, message) = match &error {
                SignInError::LockedOut { until } => {
                    let minutes = (*until - Utc::now().fixed_offset()).num_minutes().max(0) + 1;
                    (
                        actix_web::http::StatusCode::TOO_MANY_REQUESTS,
                        format!("For mange mislykkede forsøk. Prøv igjen om {}.", crate::web::format::minutes(minutes)),
                    )
                }
                _ => (actix_web::http::StatusCode::UNAUTHORIZED, "Feil e-postadresse eller passord.".to_owned()),
            };
            tracing::info!(email = %form.email.trim().to_lowercase(), reason = %error, "sign-in refused");
            let page = SignInPage { email: form.email, next, error: Some(message), notice: None };
            let mut response = render(&state.templates, "accounts/sign_in.html", &Chrome::new("Logg inn", None), &visitor, &page)?;
            *response.status_mut() = status;
            Ok(response)
        }
    }
}

/// A new session, and a new CSRF token with it (nothing from before sign-in carries over).
/// A session this browser had (another account on a shared computer) ends on the server.
pub(super) async fn start_session(state: &AppState, visitor: &Visitor, user: &User, next: &str) -> Result<HttpResponse, AppError> {
    if let Some(previous) = &visitor.session {
        repo::delete_session(&state.db, previous).await?;
    }
    let token = random_token();
    let expires = Utc::now().fixed_offset() + Duration::hours(SESSION_HOURS);
    repo::create_session(&state.db, &token_hash(&token), user.id, expires).await?;
    tracing::info!(user = %user.id, role = %user.role, "signed in");
    let mut session = state.cookie_keys.signed(SESSION_COOKIE, token);
    session.set_max_age(CookieDuration::hours(SESSION_HOURS));
    let csrf = state.cookie_keys.signed(CSRF_COOKIE, random_token());
    let next = if user.role.is_editor() || !next.starts_with("/redaksjon") { next } else { "/min-side" };
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, next)).cookie(session).cookie(csrf).finish())
}

#[derive(Serialize, Default)]
struct SignUpPage {
    email: String,
    name: String,
    errors: Vec<String>,
    min_password: usize,
    /// Where the new learner goes next (the course they came from).
    next: String,
}

/// After signing up: back where the learner came from, else their courses.
fn after_sign_up(next: Option<&str>) -> String {
    next.and_then(same_site_path).unwrap_or("/min-side").to_owned()
}

async fn sign_up_page(visitor: Visitor, state: web::Data<AppState>, query: web::Query<NextQuery>) -> Result<HttpResponse, AppError> {
    let page = SignUpPage { min_password: super::password::MIN_LENGTH, next: after_sign_up(query.neste.as_deref()), ..Default::default() };
    render(&state.templates, "accounts/sign_up.html", &Chrome::new("Opprett konto", None), &visitor, &page)
}

#[derive(Deserialize)]
struct SignUpForm {
    email: String,
    name: String,
    password: String,
    password_again: String,
    #[serde(default)]
    neste: Option<String>,
}

/// Anyone may sign up, as a learner; editor roles are given by an admin.
async fn sign_up(visitor: Visitor, state: web::Data<AppState>, form: web::Form<SignUpForm>) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = after_sign_up(form.neste.as_deref());
    let refuse = |errors: Vec<String>| -> Result<HttpResponse, AppError> {
        let page = SignUpPage {
            email: form.email.clone(),
            name: form.name.chars().take(super::MAX_NAME_CHARS * 2).collect(),
            errors,
            min_password: super::password::MIN_LENGTH,
            next: next.clone(),
        };
        Err(form_again(&state.templates, "accounts/sign_up.html", &Chrome::new("Opprett konto", None), &visitor, &page))
    };
    if !service::may_sign_up(&state.db, visitor.from.as_deref()).await? {
        return Err(AppError::TooManyRequests(
            "Det er opprettet mange kontoer herfra på kort tid. Prøv igjen om en time, eller spør en kollega som har konto.".into(),
        ));
    }
    if form.password != form.password_again {
        return refuse(vec!["De to passordene er ikke like.".into()]);
    }
    let new = NewAccount { email: &form.email, name: &form.name, password: &form.password, role: Role::Learner, areas: &[] };
    let actor = Actor { id: None, name: form.email.trim().to_lowercase(), from: visitor.from.clone() };
    // A new address and one that has an account get the same answer: the owner of an
    // existing account hears of it by mail, and nobody learns here who has an account.
    match recovery_service::sign_up(&state.db, new, &actor).await {
        Ok(SignUp::Created(_) | SignUp::AlreadyThere) => {
            let page = CheckMailPage { email: form.email.trim().to_lowercase(), next, after: "registrert" };
            render(&state.templates, "accounts/check_mail.html", &Chrome::new("Sjekk e-posten din", None), &visitor, &page)
        }
        Err(AccountError::Database(error)) => Err(error.into()),
        Err(AccountError::Hash(error)) => Err(AppError::Internal(error.to_string())),
        Err(error) => refuse(vec![capitalised(&error.to_string())]),
    }
}

/// "We have sent you a mail": after a sign-up or a reset request, the same whatever the
/// address.
#[derive(Serialize)]
pub(super) struct CheckMailPage {
    pub(super) email: String,
    pub(super) next: String,
    /// `registrert` or `glemt`: which words the page uses.
    pub(super) after: &'static str,
}

fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

async fn sign_out(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if let Some(session) = &visitor.session {
        repo::delete_session(&state.db, session).await?;
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/"))
        .cookie(state.cookie_keys.removal(SESSION_COOKIE))
        .finish())
}
