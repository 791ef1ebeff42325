//! `/min-side/konto`: the account's own page: the address (verified or not, and a new
//! link), a new password, a new address, and for editors which notices they get.
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::start_session;
use crate::accounts::messages::EDITOR_NOTICES;
use crate::accounts::password::MIN_LENGTH;
use crate::accounts::recovery::{self, RecoveryError};
use crate::accounts::repo;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::SignedIn;
use crate::web::forms::{Choice, form, see_other};
use crate::web::routes::Routes;
use crate::web::{Chrome, form_page};

pub(super) fn routes(routes: &mut Routes) {
    routes.page("/min-side/konto", account_page);
    routes.post("/min-side/konto/bekreft-pa-nytt", resend_verification);
    routes.post("/min-side/konto/passord", change_password);
    routes.post("/min-side/konto/adresse", change_address);
    routes.post("/min-side/konto/varsler", save_notices);
}

#[derive(Serialize, Default)]
struct AccountPage {
    name: String,
    email: String,
    verified: bool,
    min_password: usize,
    notices: Vec<Choice>,
    /// What was just done.
    done: Option<String>,
    password_error: Option<String>,
    address_error: Option<String>,
    new_address: String,
}

#[derive(Deserialize)]
struct Done {
    endret: Option<String>,
}

async fn account_page(visitor: SignedIn, state: web::Data<AppState>, query: web::Query<Done>) -> Result<HttpResponse, AppError> {
    let done = query.into_inner().endret.and_then(|what| match what.as_str() {
        "passord" => Some("Passordet er endret. Du er logget ut på andre enheter.".to_owned()),
        "varsler" => Some("Valgene for varsler er lagret.".to_owned()),
        "bekreftelse" => Some(format!("Vi har sendt en ny lenke til {}.", visitor.user.email)),
        _ => None,
    });
    show(&state, &visitor, AccountPage { done, ..Default::default() }).await
}

async fn show(state: &AppState, visitor: &SignedIn, mut page: AccountPage) -> Result<HttpResponse, AppError> {
    let user = &visitor.user;
    let off = repo::opt_outs_of(&state.db, user.id).await?;
    page.name = user.name.clone();
    page.email = user.email.clone();
    page.verified = user.email_verified;
    page.min_password = MIN_LENGTH;
    if user.role.is_editor() {
        page.notices = EDITOR_NOTICES
            .iter()
            .map(|(kind, label)| Choice { value: kind.template().into(), label: (*label).into(), selected: !off.contains(kind) })
            .collect();
    }
    let refused = page.password_error.is_some() || page.address_error.is_some();
    form_page(&state.templates, "accounts/my_account.html", &Chrome::new("Min konto", None), visitor, &page, refused)
}

async fn resend_verification(visitor: SignedIn, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if !recovery::resend_verification(&state.db, &visitor.user).await? && !visitor.user.email_verified {
        return Err(AppError::TooManyRequests("Du har bedt om mange lenker den siste timen. Se etter dem i e-posten, eller prøv igjen senere.".into()));
    }
    Ok(see_other("/min-side/konto?endret=bekreftelse"))
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    password: String,
    password_again: String,
}

async fn change_password(visitor: SignedIn, state: web::Data<AppState>, form: web::Form<PasswordForm>) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let refuse = |error: String| AccountPage { password_error: Some(error), ..Default::default() };
    if form.password != form.password_again {
        return show(&state, &visitor, refuse("De to nye passordene er ikke like.".into())).await;
    }
    match recovery::change_password(&state.db, &visitor.user, &form.current, &form.password, &visitor.actor()).await {
        // Every session ended; this browser goes on in a new one.
        Ok(()) => start_session(&state, &visitor, &visitor.user, "/min-side/konto?endret=passord").await,
        Err(RecoveryError::WrongPassword) => show(&state, &visitor, refuse("Det nåværende passordet er feil.".into())).await,
        Err(RecoveryError::Password(weak)) => show(&state, &visitor, refuse(format!("{weak}."))).await,
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct AddressForm {
    current: String,
    email: String,
}

async fn change_address(visitor: SignedIn, state: web::Data<AppState>, form: web::Form<AddressForm>) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let refuse = |error: String| AccountPage { address_error: Some(error), new_address: form.email.clone(), ..Default::default() };
    match recovery::request_new_address(&state.db, &visitor.user, &form.current, &form.email).await {
        Ok(email) => {
            let done = format!("Vi har sendt en lenke til {email}. Kontoen bruker den nye adressen når du har fulgt lenken; til da brukes {}.", visitor.user.email);
            show(&state, &visitor, AccountPage { done: Some(done), ..Default::default() }).await
        }
        Err(RecoveryError::WrongPassword) => show(&state, &visitor, refuse("Passordet er feil.".into())).await,
        Err(RecoveryError::Email(_)) => show(&state, &visitor, refuse(format!("«{}» er ikke en e-postadresse.", form.email))).await,
        Err(RecoveryError::SameAddress) => show(&state, &visitor, refuse("Det er allerede adressen til kontoen.".into())).await,
        Err(error) => Err(error.into()),
    }
}

/// Editors tick the notices they want; the unticked ones are turned off.
async fn save_notices(visitor: SignedIn, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let data = form(&body)?;
    let wanted = data.all("varsel");
    let off: Vec<_> = EDITOR_NOTICES.iter().map(|(kind, _)| *kind).filter(|kind| !wanted.iter().any(|w| w == kind.template())).collect();
    repo::set_opt_outs(&state.db, visitor.user.id, &off).await?;
    Ok(see_other("/min-side/konto?endret=varsler"))
}
