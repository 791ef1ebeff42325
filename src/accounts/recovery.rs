//! Accounts and their mail: signing up with a verified address, getting back in with a
//! password reset, and changing the password or the address. Every message is written
//! with the change that causes it, in one transaction; a reset or sign-up answers the
//! same whether the address has an account or not.
use chrono::{DateTime, FixedOffset, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use crate::error::AppError;

use super::password::{self, WeakPassword};
use super::service::{AccountError, NewAccount, address_prefix, check_new_account, insert_account};
use super::tokens::{self, TokenError, TokenPurpose};
use super::{BadEmail, Email, User, UserId, messages, repo};
use crate::audit::{self, Actor};
use crate::outbox;

/// What a sign-up did; the visitor is told the same either way.
#[derive(Debug)]
pub enum SignUp {
    Created(User),
    /// The address has an account: its owner is told by mail instead.
    AlreadyThere,
}

/// A learner's own sign-up: the account and the mail that verifies its address, in one
/// transaction. For an address that has an account nothing is created, the owner gets a
/// mail saying so, and the answer (and its time: the password is hashed all the same)
/// is that of a new account.
#[tracing::instrument(skip_all)]
pub async fn sign_up(db: &DatabaseConnection, new: NewAccount<'_>, actor: &Actor) -> Result<SignUp, AccountError> {
    let account = check_new_account(db, &new).await?;
    let hash = password::hash_off_thread(new.password).await?;
    let now = Utc::now().fixed_offset();
    if repo::by_email(db, account.email.as_str()).await?.is_some() {
        tell_owner_of_second_sign_up(db, &account.email, now).await?;
        return Ok(SignUp::AlreadyThere);
    }
    let txn = crate::db::begin_write(db).await?;
    let user = match insert_account(db, &txn, &account, &hash, actor).await {
        Ok(user) => user,
        Err(AccountError::EmailTaken(_)) => {
            drop(txn);
            tell_owner_of_second_sign_up(db, &account.email, now).await?;
            return Ok(SignUp::AlreadyThere);
        }
        Err(error) => return Err(error),
    };
    let token = tokens::issue(&txn, user.id, TokenPurpose::VerifyAddress, &user.email, now).await?;
    outbox::enqueue(&txn, messages::verify_address(&user.email, &user.name, &token)).await?;
    txn.commit().await?;
    Ok(SignUp::Created(user))
}

async fn tell_owner_of_second_sign_up(db: &DatabaseConnection, email: &Email, now: DateTime<FixedOffset>) -> Result<(), DbErr> {
    outbox::enqueue(db, messages::sign_up_again(email.as_str(), &now.format("%Y-%m-%dT%H").to_string())).await?;
    Ok(())
}

/// A fresh verification link for a signed-in account whose address is not verified yet.
pub async fn resend_verification(db: &DatabaseConnection, user: &User) -> Result<bool, DbErr> {
    if user.email_verified || !within_limit(db, &format!("v:{}", user.id), VERIFICATIONS_PER_HOUR).await? {
        return Ok(false);
    }
    let txn = crate::db::begin_write(db).await?;
    let token = tokens::issue(&txn, user.id, TokenPurpose::VerifyAddress, &user.email, Utc::now().fixed_offset()).await?;
    outbox::enqueue(&txn, messages::verify_address(&user.email, &user.name, &token)).await?;
    txn.commit().await?;
    Ok(true)
}

/// An account still unverified this long after sign-up gets one reminder...
const REMIND_AFTER: chrono::Duration = chrono::Duration::days(3);
/// ... unless it is older than this (the reminder went, or the account was made before).
const REMIND_UNTIL: chrono::Duration = chrono::Duration::days(10);

/// Reminds each account that has not verified its address, once, with a fresh link. The
/// message is written first with its once-key, and the link is kept only if it went in,
/// so a second look (or instance) neither sends twice nor spoils the link sent.
pub async fn remind_unverified(db: &DatabaseConnection, now: DateTime<FixedOffset>) -> Result<usize, DbErr> {
    let mut reminded = 0;
    for user in repo::unverified_made_between(db, now - REMIND_UNTIL, now - REMIND_AFTER).await? {
        let txn = crate::db::begin_write(db).await?;
        let token = crate::tokens::random_token();
        if outbox::enqueue(&txn, messages::verify_address_reminder(&user.email, &user.name, &token, user.id)).await?.is_some() {
            tokens::store(&txn, user.id, TokenPurpose::VerifyAddress, &user.email, &token, now).await?;
            reminded += 1;
        }
        txn.commit().await?;
    }
    Ok(reminded)
}

const VERIFICATIONS_PER_HOUR: i32 = 5;
/// Reset mails one address gets in an hour, however often it is typed.
const RESETS_PER_ADDRESS_PER_HOUR: i32 = 3;
/// Reset requests one client may make in an hour (a ward's shared address fits under it).
pub const RESET_REQUESTS_PER_CLIENT_PER_HOUR: i32 = 30;

async fn within_limit(db: &DatabaseConnection, key: &str, limit: i32) -> Result<bool, DbErr> {
    let count = repo::count_attempt(db, key, Utc::now().fixed_offset(), chrono::Duration::hours(1)).await?;
    Ok(count <= limit)
}

/// Counts a reset request from `client` and says whether it may go ahead.
pub async fn may_request_reset(db: &DatabaseConnection, client: Option<&str>) -> Result<bool, DbErr> {
    within_limit(db, &format!("r:{}", client.unwrap_or("unknown")), RESET_REQUESTS_PER_CLIENT_PER_HOUR).await
}

/// "Glemt passordet?": a reset link to the address if it has an active account (and has
/// not had too many in the last hour). Nothing tells the asker which it was.
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(db: &DatabaseConnection, typed: &str) -> Result<(), DbErr> {
    let Ok(email) = Email::parse(typed) else { return Ok(()) };
    // Counted for every address, known or not: the same work either way until the lookup.
    if !within_limit(db, &format!("ra:{}", crate::tokens::token_hash(email.as_str())), RESETS_PER_ADDRESS_PER_HOUR).await? {
        return Ok(());
    }
    let Some(user) = repo::by_email(db, email.as_str()).await? else { return Ok(()) };
    if user.disabled {
        return Ok(());
    }
    send_reset(db, user.id, &user.email, &user.name).await
}

/// An admin sends a user a reset link (the users page).
#[tracing::instrument(skip(db, actor))]
pub async fn send_reset_link(db: &DatabaseConnection, user_id: UserId, actor: &Actor) -> Result<String, AccountError> {
    let user = repo::by_id(db, user_id).await?.ok_or(AccountError::UnknownUser(user_id))?;
    send_reset(db, user.id, &user.email, &user.name).await?;
    audit::record(db, actor, audit::Action::ResetLinkSent, &user.email, None, "").await?;
    Ok(user.email)
}

async fn send_reset(db: &DatabaseConnection, user_id: UserId, email: &str, name: &str) -> Result<(), DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let token = tokens::issue(&txn, user_id, TokenPurpose::PasswordReset, email, Utc::now().fixed_offset()).await?;
    outbox::enqueue(&txn, messages::password_reset(email, name, &token)).await?;
    txn.commit().await
}

#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    #[error("{0}")]
    Token(#[from] TokenError),
    #[error("{0}")]
    Password(#[from] WeakPassword),
    #[error("feil passord")]
    WrongPassword,
    #[error(transparent)]
    Email(#[from] BadEmail),
    #[error("det er allerede adressen til kontoen")]
    SameAddress,
    #[error("database")]
    Database(#[from] DbErr),
    #[error(transparent)]
    Hash(#[from] password::HashError),
}

/// What a handler has not answered itself: a database failure, or a bug.
impl From<RecoveryError> for AppError {
    fn from(error: RecoveryError) -> AppError {
        match error {
            RecoveryError::Database(error) => error.into(),
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// Whether a reset link still works (the page it opens).
pub async fn check_reset_link(db: &DatabaseConnection, token: &str) -> Result<Result<(), TokenError>, DbErr> {
    Ok(tokens::check(db, token, &[TokenPurpose::PasswordReset], Utc::now().fixed_offset()).await?.map(|_| ()))
}

/// Sets the password chosen from a reset link: the link is used up, every session ends,
/// sign-in locks are lifted, the address counts as verified (the link reached it), and
/// the owner is told.
#[tracing::instrument(skip_all)]
pub async fn reset_with_link(db: &DatabaseConnection, token: &str, new_password: &str, actor_from: Option<String>) -> Result<String, RecoveryError> {
    password::check_new(new_password)?;
    let hash = password::hash_off_thread(new_password).await?;
    let now = Utc::now().fixed_offset();
    let txn = crate::db::begin_write(db).await?;
    let token = tokens::redeem(&txn, token, &[TokenPurpose::PasswordReset], now).await??;
    let user = repo::by_id(&txn, token.user_id).await?.ok_or(TokenError::Unknown)?;
    if user.email != token.email {
        // The account moved to another address since: this link was for the old one.
        return Err(TokenError::Unknown.into());
    }
    repo::set_password_hash(&txn, user.id, &hash).await?;
    repo::delete_sessions_of(&txn, user.id).await?;
    repo::clear_throttles_starting(&txn, &address_prefix(&user.email)).await?;
    if user.email_verified_at.is_none() {
        repo::set_verified(&txn, user.id, now).await?;
    }
    let actor = Actor { id: Some(user.id), name: user.email.clone(), from: actor_from };
    audit::record(&txn, &actor, audit::Action::PasswordReset, &user.email, None, "med lenke fra e-post").await?;
    outbox::enqueue(&txn, messages::password_changed(&user.email, &user.name, &when(now))).await?;
    txn.commit().await?;
    Ok(user.email)
}

/// What following a verification link did.
#[derive(Debug, PartialEq, Eq)]
pub enum Verified {
    Address(String),
    /// The account moved to this address.
    NewAddress(String),
}

/// Follows a link that verifies an address: the account's own, or a new one it moves to
/// (the old address is told).
#[tracing::instrument(skip_all)]
pub async fn verify(db: &DatabaseConnection, token: &str) -> Result<(Verified, UserId), RecoveryError> {
    let now = Utc::now().fixed_offset();
    let txn = crate::db::begin_write(db).await?;
    let token = tokens::redeem(&txn, token, &[TokenPurpose::VerifyAddress, TokenPurpose::NewAddress], now).await??;
    let user = repo::by_id(&txn, token.user_id).await?.ok_or(TokenError::Unknown)?;
    let verified = match token.purpose {
        TokenPurpose::NewAddress => {
            if repo::by_email(&txn, &token.email).await?.is_some() {
                // Taken by another account since the link was sent.
                return Err(TokenError::Unknown.into());
            }
            repo::set_email(&txn, user.id, &token.email, now).await?;
            let actor = Actor { id: Some(user.id), name: token.email.clone(), from: None };
            audit::record(&txn, &actor, audit::Action::AddressChanged, &token.email, None, &format!("fra {}", user.email)).await?;
            outbox::enqueue(&txn, messages::address_changed(&user.email, &user.name, &token.email)).await?;
            Verified::NewAddress(token.email)
        }
        _ if user.email != token.email => return Err(TokenError::Unknown.into()),
        _ => {
            repo::set_verified(&txn, user.id, now).await?;
            Verified::Address(token.email)
        }
    };
    txn.commit().await?;
    Ok((verified, user.id))
}

/// A signed-in user changes the password, typing the current one: every session ends
/// (the caller starts a new one for this browser) and the address is told.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub async fn change_password(db: &DatabaseConnection, user: &User, current: &str, new_password: &str, actor: &Actor) -> Result<(), RecoveryError> {
    confirm_password(db, user, current).await?;
    password::check_new(new_password)?;
    let hash = password::hash_off_thread(new_password).await?;
    let txn = crate::db::begin_write(db).await?;
    repo::set_password_hash(&txn, user.id, &hash).await?;
    repo::delete_sessions_of(&txn, user.id).await?;
    audit::record(&txn, actor, audit::Action::PasswordChanged, &user.email, None, "").await?;
    outbox::enqueue(&txn, messages::password_changed(&user.email, &user.name, &when(Utc::now().fixed_offset()))).await?;
    txn.commit().await?;
    Ok(())
}

/// A signed-in user asks to move the account to another address: a link goes to the new
/// address, and nothing changes until it is followed. An address that has an account
/// gets no link, and the answer is the same.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub async fn request_new_address(db: &DatabaseConnection, user: &User, current_password: &str, typed: &str) -> Result<Email, RecoveryError> {
    let email = Email::parse(typed)?;
    if email.as_str() == user.email {
        return Err(RecoveryError::SameAddress);
    }
    confirm_password(db, user, current_password).await?;
    if repo::by_email(db, email.as_str()).await?.is_none() {
        let txn = crate::db::begin_write(db).await?;
        let token = tokens::issue(&txn, user.id, TokenPurpose::NewAddress, email.as_str(), Utc::now().fixed_offset()).await?;
        outbox::enqueue(&txn, messages::new_address(email.as_str(), &user.name, &token)).await?;
        txn.commit().await?;
    }
    Ok(email)
}

async fn confirm_password(db: &DatabaseConnection, user: &User, typed: &str) -> Result<(), RecoveryError> {
    let stored = repo::by_id(db, user.id).await?.map(|u| u.password_hash).unwrap_or_default();
    if password::verify_off_thread(typed, &stored).await { Ok(()) } else { Err(RecoveryError::WrongPassword) }
}

/// "05.12.2026 kl. 14.03", in the server's time zone.
fn when(at: DateTime<FixedOffset>) -> String {
    at.with_timezone(&crate::oslo::ZONE).format("%d.%m.%Y kl. %H.%M").to_string()
}
