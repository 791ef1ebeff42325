//! What can be done with accounts, without HTTP: creating them (CLI, admin page,
//! self sign-up), signing in with a throttle, and changing roles. Every change is
//! written with its audit entry in one transaction.
use chrono::{DateTime, Duration, FixedOffset, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::password::{self, WeakPassword};
use super::{BadEmail, BadName, DisplayName, Email, Role, User, repo};
use crate::entities::ids::{AreaId, UserId};
use crate::areas::{self, CENTRAL};
use crate::audit::{self, Actor};
use crate::entities::user::Model as UserRow;

/// Failed sign-ins allowed before the account (or the typed address) is locked.
pub const FREE_ATTEMPTS: i32 = 5;
/// The first lock-out; each further failure doubles it, up to `MAX_LOCK`.
const FIRST_LOCK: Duration = Duration::minutes(1);
const MAX_LOCK: Duration = Duration::hours(1);

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    Email(#[from] BadEmail),
    #[error("{0}")]
    Password(#[from] WeakPassword),
    #[error(transparent)]
    Name(#[from] BadName),
    #[error("det finnes allerede en konto med e-postadressen {0}")]
    EmailTaken(String),
    #[error("en lokal redaktør må ha minst ett lokalt område (felles innhold er ikke et lokalt område)")]
    LocalEditorWithoutArea,
    #[error("bare lokale redaktører er knyttet til områder")]
    AreasForOtherRole,
    #[error("området «{0}» finnes ikke")]
    UnknownArea(String),
    #[error("fant ingen bruker med id {0}")]
    UnknownUser(UserId),
    #[error("fant ingen bruker med e-postadressen {0}")]
    NoAccount(String),
    #[error("{0} er den siste administratoren: gi en annen bruker rollen Administrator først")]
    LastAdmin(String),
    #[error("database")]
    Database(#[from] DbErr),
    #[error(transparent)]
    Hash(#[from] password::HashError),
}

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password: &'a str,
    pub role: Role,
    /// Area slugs; only for local editors.
    pub areas: &'a [String],
}

/// Checks the area list against the role and turns slugs into ids.
async fn area_ids_for(db: &DatabaseConnection, role: Role, slugs: &[String]) -> Result<Vec<AreaId>, AccountError> {
    match role {
        Role::LocalEditor if slugs.is_empty() => return Err(AccountError::LocalEditorWithoutArea),
        Role::LocalEditor => {}
        _ if slugs.is_empty() => return Ok(Vec::new()),
        _ => return Err(AccountError::AreasForOtherRole),
    }
    let mut ids = Vec::with_capacity(slugs.len());
    for slug in slugs {
        if slug == CENTRAL {
            return Err(AccountError::LocalEditorWithoutArea);
        }
        let area = areas::repo::by_slug(db, slug).await?.ok_or_else(|| AccountError::UnknownArea(slug.clone()))?;
        ids.push(area.id);
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

#[tracing::instrument(skip_all, fields(role = %new.role))]
pub async fn create_account(db: &DatabaseConnection, new: NewAccount<'_>, actor: &Actor) -> Result<User, AccountError> {
    let checked = check_new_account(db, &new).await?;
    if repo::by_email(db, checked.email.as_str()).await?.is_some() {
        return Err(AccountError::EmailTaken(checked.email.to_string()));
    }
    let hash = password::hash_off_thread(new.password).await?;
    let txn = crate::db::begin_write(db).await?;
    let user = insert_account(db, &txn, &checked, &hash, actor).await?;
    txn.commit().await?;
    Ok(user)
}

/// A new account's fields, checked.
pub(super) struct CheckedAccount {
    pub(super) email: Email,
    pub(super) name: DisplayName,
    pub(super) role: Role,
    pub(super) area_ids: Vec<AreaId>,
    pub(super) area_slugs: Vec<String>,
}

pub(super) async fn check_new_account(db: &DatabaseConnection, new: &NewAccount<'_>) -> Result<CheckedAccount, AccountError> {
    let email = Email::parse(new.email)?;
    let name = DisplayName::parse(new.name)?;
    password::check_new(new.password)?;
    let area_ids = area_ids_for(db, new.role, new.areas).await?;
    Ok(CheckedAccount { email, name, role: new.role, area_ids, area_slugs: new.areas.to_vec() })
}

/// Writes the account in `txn`, with its audit entry.
pub(super) async fn insert_account(
    db: &DatabaseConnection,
    txn: &sea_orm::DatabaseTransaction,
    account: &CheckedAccount,
    hash: &str,
    actor: &Actor,
) -> Result<User, AccountError> {
    let email = account.email.as_str();
    let created = match repo::insert(txn, email, account.name.as_str(), hash, account.role).await {
        Ok(created) => created,
        // Two sign-ups with the same address at once: the unique index decides.
        Err(_) if repo::by_email(db, email).await?.is_some() => {
            return Err(AccountError::EmailTaken(email.to_owned()));
        }
        Err(error) => return Err(error.into()),
    };
    repo::set_role(txn, created.id, account.role, &account.area_ids).await?;
    let detail = format!("rolle {}, områder {:?}", account.role, account.area_slugs);
    audit::record(txn, actor, audit::Action::UserCreated, email, None, &detail).await?;
    Ok(User {
        id: created.id,
        email: created.email,
        name: created.name,
        role: account.role,
        area_ids: account.area_ids.clone(),
        email_verified: false,
    })
}

#[tracing::instrument(skip(db, areas, actor))]
pub async fn change_role(
    db: &DatabaseConnection,
    user_id: UserId,
    role: Role,
    areas: &[String],
    actor: &Actor,
) -> Result<(), AccountError> {
    let user = repo::by_id(db, user_id).await?.ok_or(AccountError::UnknownUser(user_id))?;
    let area_ids = area_ids_for(db, role, areas).await?;
    let txn = crate::db::begin_write(db).await?;
    if user.role == Role::Admin && role != Role::Admin && !user.disabled && repo::lock_active_admins(&txn).await? <= 1 {
        return Err(AccountError::LastAdmin(user.email));
    }
    repo::set_role(&txn, user_id, role, &area_ids).await?;
    // The old role's sessions end: nobody keeps rights they no longer have.
    repo::delete_sessions_of(&txn, user_id).await?;
    let detail = format!("fra {} til {role}, områder {areas:?}", user.role);
    audit::record(&txn, actor, audit::Action::RoleChanged, &user.email, None, &detail).await?;
    txn.commit().await?;
    Ok(())
}

/// Sign-ups one client may try before an hour without any (each attempt counts; a
/// class of new staff behind one hospital address fits under it).
pub const SIGN_UPS_PER_HOUR: i32 = 50;

/// Counts a sign-up from `client` and says whether it may go ahead.
pub async fn may_sign_up(db: &DatabaseConnection, client: Option<&str>) -> Result<bool, DbErr> {
    let key = format!("s:{}", client.unwrap_or("unknown"));
    let count = repo::count_attempt(db, &key, Utc::now().fixed_offset(), Duration::hours(1)).await?;
    Ok(count <= SIGN_UPS_PER_HOUR)
}

/// The user with this address, for the CLI.
pub async fn by_email(db: &DatabaseConnection, email: &str) -> Result<UserRow, AccountError> {
    let email = Email::parse(email)?;
    repo::by_email(db, email.as_str()).await?.ok_or_else(|| AccountError::NoAccount(email.to_string()))
}

/// Sets a new password (an admin's repair from the command line): the account's
/// sessions end and its sign-in lock is lifted.
#[tracing::instrument(skip_all)]
pub async fn reset_password(db: &DatabaseConnection, email: &str, new_password: &str, actor: &Actor) -> Result<(), AccountError> {
    let user = by_email(db, email).await?;
    password::check_new(new_password)?;
    let hash = password::hash_off_thread(new_password).await?;
    let txn = crate::db::begin_write(db).await?;
    repo::set_password_hash(&txn, user.id, &hash).await?;
    repo::delete_sessions_of(&txn, user.id).await?;
    repo::clear_throttles_starting(&txn, &address_prefix(&user.email)).await?;
    audit::record(&txn, actor, audit::Action::PasswordReset, &user.email, None, "").await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Said the same way for an unknown address and a wrong password.
    #[error("feil e-postadresse eller passord")]
    WrongCredentials,
    #[error("for mange mislykkede forsøk")]
    LockedOut { until: DateTime<FixedOffset> },
    #[error("database")]
    Database(#[from] DbErr),
}

/// How long an address stays locked after `failures` failed attempts in a row.
pub fn lock_for(failures: i32) -> Option<Duration> {
    doubling_lock(failures, FREE_ATTEMPTS)
}

/// Failed sign-ins one client may make, over all the addresses it types, before it is
/// locked out itself. Generous: a hospital's staff may share one address.
pub const FREE_CLIENT_FAILURES: i32 = 30;

/// How long a client stays locked after `failures` failed attempts.
pub fn client_lock_for(failures: i32) -> Option<Duration> {
    doubling_lock(failures, FREE_CLIENT_FAILURES)
}

fn doubling_lock(failures: i32, free: i32) -> Option<Duration> {
    if failures < free {
        return None;
    }
    let doublings = (failures - free).min(10) as u32;
    Some((FIRST_LOCK * 2_i32.pow(doublings)).min(MAX_LOCK))
}

/// A quiet hour without failures forgives the ones before it.
const FORGIVEN_AFTER: Duration = Duration::hours(1);

/// What a failed sign-in is counted under.
enum ThrottleKey {
    /// One typed address from one client: the lock-out an attacker earns for themselves,
    /// which does not shut the owner out when they sign in from elsewhere. The address
    /// is kept as a hash.
    AddressFromClient { email: String, client: String },
    /// One client, whatever it types: guessing across many addresses.
    Client(String),
}

impl ThrottleKey {
    fn as_key(&self) -> String {
        match self {
            ThrottleKey::AddressFromClient { email, client } => format!("{}{client}", address_prefix(email)),
            ThrottleKey::Client(client) => format!("c:{client}"),
        }
    }
}

pub(super) fn address_prefix(email: &str) -> String {
    format!("a:{}:", crate::tokens::token_hash(email))
}

/// Checks an email and password from a client. Failures count per typed address from
/// that client and per client; past `FREE_ATTEMPTS` (or `FREE_CLIENT_FAILURES`) it is
/// locked for a doubling while, and even the right password is refused from there
/// until then. Another client is not locked out by them.
#[tracing::instrument(skip_all)]
pub async fn sign_in(db: &DatabaseConnection, email: &str, password: &str, client: Option<&str>) -> Result<User, SignInError> {
    let email = email.trim().to_lowercase();
    let client = client.unwrap_or("unknown").to_owned();
    let now = Utc::now().fixed_offset();
    let pair = ThrottleKey::AddressFromClient { email: email.clone(), client: client.clone() }.as_key();
    let from_client = ThrottleKey::Client(client).as_key();
    for key in [&from_client, &pair] {
        let throttle = repo::throttle_of(db, key).await?;
        if let Some(until) = throttle.and_then(|t| t.locked_until).filter(|until| *until > now) {
            return Err(SignInError::LockedOut { until });
        }
    }
    let model = repo::by_email(db, &email).await?;
    let matched = match &model {
        Some(model) => password::verify_off_thread(password, &model.password_hash).await,
        None => {
            password::verify_nothing_off_thread(password).await;
            false
        }
    };
    let user = match model {
        Some(model) if matched => repo::load(db, model).await?,
        _ => None,
    };
    if let Some(user) = user {
        repo::clear_throttle(db, &pair).await?;
        return Ok(user);
    }
    let mut locked_until = None;
    for (key, lock) in [(&pair, lock_for as fn(i32) -> Option<Duration>), (&from_client, client_lock_for)] {
        let failures = repo::count_attempt(db, key, now, FORGIVEN_AFTER).await?;
        if let Some(lock) = lock(failures) {
            repo::lock(db, key, now + lock).await?;
            locked_until = locked_until.max(Some(now + lock));
        }
    }
    match locked_until {
        Some(until) => Err(SignInError::LockedOut { until }),
        None => Err(SignInError::WrongCredentials),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_out_doubles_after_five_failures_up_to_an_hour() {
        assert_eq!(lock_for(4), None);
        assert_eq!(lock_for(5), Some(Duration::minutes(1)));
        assert_eq!(lock_for(6), Some(Duration::minutes(2)));
        assert_eq!(lock_for(8), Some(Duration::minutes(8)));
        assert_eq!(lock_for(20), Some(Duration::hours(1)));
        assert_eq!(client_lock_for(29), None);
        assert_eq!(client_lock_for(30), Some(Duration::minutes(1)));
    }
}
