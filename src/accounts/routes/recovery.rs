//! Getting back in and proving an address: `/logg-inn/glemt` (a reset link by mail, the
//! same answer for every address), `/logg-inn/nytt-passord/{token}` (the page the link
//! opens), `/konto/bekreft/{token}` (a verification link).
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::CheckMailPage;
use crate::accounts::password::MIN_LENGTH;
use crate::accounts::recovery::{self, RecoveryError, Verified};
use crate::accounts::tokens::TokenError;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::forms::see_other;
use crate::web::routes::Routes;
use crate::web::session::Visitor;
use crate::web::{Chrome, form_page, render};

pub(super) fn routes(routes: &mut Routes) {
    routes.page("/logg-inn/glemt", forgot_page);
    routes.post("/logg-inn/glemt", forgot);
    routes.page("/logg-inn/nytt-passord/{token}", new_password_page);
    routes.post("/logg-inn/nytt-passord/{token}", set_new_password);
    routes.page("/konto/bekreft/{token}", verify);
}

#[derive(Serialize, Default)]
struct ForgotPage {
    email: String,
}

async fn forgot_page(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render(&state.templates, "accounts/forgot.html", &Chrome::new("Glemt passordet", None), &visitor, &ForgotPage::default())
}

#[derive(Deserialize)]
struct ForgotForm {
    email: String,
}

async fn forgot(visitor: Visitor, state: web::Data<AppState>, form: web::Form<ForgotForm>) -> Result<HttpResponse, AppError> {
    if !recovery::may_request_reset(&state.db, visitor.from.as_deref()).await? {
        return Err(AppError::TooManyRequests("Det er bedt om mange nye passord herfra på kort tid. Prøv igjen om en time.".into()));
    }
    let typed = form.into_inner().email;
    recovery::request_password_reset(&state.db, &typed).await?;
    let page = CheckMailPage { email: typed.trim().to_lowercase(), next: "/min-side".into(), after: "glemt" };
    render(&state.templates, "accounts/check_mail.html", &Chrome::new("Sjekk e-posten din", None), &visitor, &page)
}

#[derive(Serialize)]
struct NewPasswordPage {
    token: String,
    min_password: usize,
    error: Option<String>,
}

async fn new_password_page(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    if let Err(error) = recovery::check_reset_link(&state.db, &token).await? {
        return link_failed(&state, &visitor, error, "/logg-inn/glemt", "Be om en ny lenke");
    }
    let page = NewPasswordPage { token, min_password: MIN_LENGTH, error: None };
    render(&state.templates, "accounts/new_password.html", &Chrome::new("Velg nytt passord", None), &visitor, &page)
}

#[derive(Deserialize)]
struct NewPasswordForm {
    password: String,
    password_again: String,
}

async fn set_new_password(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>, form: web::Form<NewPasswordForm>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let form = form.into_inner();
    let again = |error: String| {
        let page = NewPasswordPage { token: token.clone(), min_password: MIN_LENGTH, error: Some(error) };
        form_page(&state.templates, "accounts/new_password.html", &Chrome::new("Velg nytt passord", None), &visitor, &page, true)
    };
    if form.password != form.password_again {
        return again("De to passordene er ikke like.".into());
    }
    match recovery::reset_with_link(&state.db, &token, &form.password, visitor.from.clone()).await {
        Ok(_) => Ok(see_other("/logg-inn?melding=nytt-passord")),
        Err(RecoveryError::Token(error)) => link_failed(&state, &visitor, error, "/logg-inn/glemt", "Be om en ny lenke"),
        Err(RecoveryError::Password(weak)) => again(format!("{weak}.")),
        Err(error) => Err(error.into()),
    }
}

#[derive(Serialize)]
struct VerifiedPage {
    email: String,
    moved: bool,
}

async fn verify(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    match recovery::verify(&state.db, &path.into_inner()).await {
        Ok((verified, user_id)) => {
            crate::courses::certificate_mail::mail_unsent(&state.db, user_id).await?;
            let (email, moved) = match verified {
                Verified::Address(email) => (email, false),
                Verified::NewAddress(email) => (email, true),
            };
            render(&state.templates, "accounts/verified.html", &Chrome::new("Adressen er bekreftet", None), &visitor, &VerifiedPage { email, moved })
        }
        Err(RecoveryError::Token(error)) => link_failed(&state, &visitor, error, "/min-side/konto", "Få en ny lenke fra Min konto"),
        Err(error) => Err(error.into()),
    }
}

#[derive(Serialize)]
struct LinkFailedPage {
    why: String,
    again_url: &'static str,
    again_label: &'static str,
}

/// A link that is used, expired or unknown: said plainly, with the way to a new one.
fn link_failed(state: &AppState, visitor: &Visitor, error: TokenError, again_url: &'static str, again_label: &'static str) -> Result<HttpResponse, AppError> {
    let why = match error {
        TokenError::Used => "Lenken er allerede brukt. Hver lenke virker bare én gang.",
        TokenError::Expired => "Lenken er for gammel.",
        TokenError::Unknown => "Lenken er ikke gyldig. Den kan være ufullstendig, eller en nyere lenke har erstattet den.",
    };
    let page = LinkFailedPage { why: why.into(), again_url, again_label };
    let mut response = render(&state.templates, "accounts/link_failed.html", &Chrome::new("Lenken virker ikke", None), visitor, &page)?;
    *response.status_mut() = StatusCode::GONE;
    Ok(response)
}
