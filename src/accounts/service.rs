//! What can be done with accounts, without HTTP: creating them (CLI, admin page,
//! self sign-up), signing in with a throttle, and changing roles. Every change is
//! written with its audit entry in one transaction.
use chrono::{DateTime, Duration, FixedOffset, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::password::{self, WeakPassword};
use super::{BadEmail, Email, Role, User, repo};
use crate::areas::{self, CENTRAL};
use crate::audit::{self, Actor};
use crate::entities::user as repo_user;

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
    #[error("navn mangler")]
    NameMissing,
    #[error("det finnes allerede en konto med e-postadressen {0}")]
    EmailTaken(String),
    #[error("en lokal redaktør må ha minst ett lokalt område (felles innhold er ikke et lokalt område)")]
    LocalEditorWithoutArea,
    #[error("bare lokale redaktører er knyttet til områder")]
    AreasForOtherRole,
    #[error("området «{0}» finnes ikke")]
    UnknownArea(String),
    #[error("fant ingen bruker med id {0}")]
    UnknownUser(i32),
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
async fn area_ids_for(db: &DatabaseConnection, role: Role, slugs: &[String]) -> Result<Vec<i32>, AccountError> {
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

pub async fn create_account(db: &DatabaseConnection, new: NewAccount<'_>, actor: &Actor) -> Result<User, AccountError> {
    let email = Email::parse(new.email)?;
    let name = new.name.trim();
    if name.is_empty() {
        return Err(AccountError::NameMissing);
    }
    password::check_new(new.password)?;
    let area_ids = area_ids_for(db, new.role, new.areas).await?;
    if repo::by_email(db, email.as_str()).await?.is_some() {
        return Err(AccountError::EmailTaken(email.to_string()));
    }
    let hash = password::hash(new.password)?;
    let txn = crate::db::begin_write(db).await?;
    let created = match repo::insert(&txn, email.as_str(), name, &hash, new.role).await {
        Ok(created) => created,
        // Two sign-ups with the same address at once: the unique index decides.
        Err(_) if repo::by_email(db, email.as_str()).await?.is_some() => {
            return Err(AccountError::EmailTaken(email.to_string()));
        }
        Err(error) => return Err(error.into()),
    };
    repo::set_role(&txn, created.id, new.role, &area_ids).await?;
    let detail = format!("rolle {}, områder {:?}", new.role, new.areas);
    audit::record(&txn, actor, audit::Action::UserCreated, email.as_str(), None, &detail).await?;
    txn.commit().await?;
    Ok(User { id: created.id, email: created.email, name: created.name, role: new.role, area_ids })
}

pub async fn change_role(
    db: &DatabaseConnection,
    user_id: i32,
    role: Role,
    areas: &[String],
    actor: &Actor,
) -> Result<(), AccountError> {
    let user = repo::by_id(db, user_id).await?.ok_or(AccountError::UnknownUser(user_id))?;
    let area_ids = area_ids_for(db, role, areas).await?;
    let txn = crate::db::begin_write(db).await?;
    if user.role == Role::Admin.as_str() && role != Role::Admin && !user.disabled && repo::lock_active_admins(&txn).await? <= 1 {
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

/// The user with this address, for the CLI.
pub async fn by_email(db: &DatabaseConnection, email: &str) -> Result<repo_user::Model, AccountError> {
    let email = Email::parse(email)?;
    repo::by_email(db, email.as_str()).await?.ok_or_else(|| AccountError::NoAccount(email.to_string()))
}

/// Sets a new password (an admin's repair from the command line): the account's
/// sessions end and its sign-in lock is lifted.
pub async fn reset_password(db: &DatabaseConnection, email: &str, new_password: &str, actor: &Actor) -> Result<(), AccountError> {
    let user = by_email(db, email).await?;
    password::check_new(new_password)?;
    let hash = password::hash(new_password)?;
    let txn = crate::db::begin_write(db).await?;
    repo::set_password_hash(&txn, user.id, &hash).await?;
    repo::delete_sessions_of(&txn, user.id).await?;
    repo::clear_throttle(&txn, &user.email).await?;
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
    if failures < FREE_ATTEMPTS {
        return None;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(10) as u32;
    Some((FIRST_LOCK * 2_i32.pow(doublings)).min(MAX_LOCK))
}

/// Checks an email and password. Failures count per typed address (whether or not it
/// has an account); past `FREE_ATTEMPTS` the address is locked for a doubling while,
/// and even the right password is refused until then.
pub async fn sign_in(db: &DatabaseConnection, email: &str, password: &str) -> Result<User, SignInError> {
    let key = email.trim().to_lowercase();
    let now = Utc::now().fixed_offset();
    let throttle = repo::throttle_of(db, &key).await?;
    if let Some(until) = throttle.as_ref().and_then(|t| t.locked_until).filter(|until| *until > now) {
        return Err(SignInError::LockedOut { until });
    }
    let model = repo::by_email(db, &key).await?;
    let matched = match &model {
        Some(model) => password::verify(password, &model.password_hash),
        None => {
            password::verify_nothing(password);
            false
        }
    };
    let user = match model {
        Some(model) if matched => repo::load(db, model).await?,
        _ => None,
    };
    match user {
        Some(user) => {
            if throttle.is_some() {
                repo::clear_throttle(db, &key).await?;
            }
            Ok(user)
        }
        None => {
            let failures = throttle.map_or(0, |t| t.failures) + 1;
            let locked_until = lock_for(failures).map(|lock| now + lock);
            repo::save_throttle(db, &key, failures, locked_until).await?;
            match locked_until {
                Some(until) => Err(SignInError::LockedOut { until }),
                None => Err(SignInError::WrongCredentials),
            }
        }
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
    }
}
