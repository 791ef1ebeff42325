//! Storage of users, their areas, sessions and the sign-in throttle.
use chrono::{DateTime, FixedOffset, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::{Role, User};
use crate::entities::outbox::MailKind;
use crate::entities::ids::{AreaId, UserId};
use crate::entities::{mail_opt_out, session, sign_in_throttle, user, user_area};

pub async fn by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await
}

pub async fn area_ids_of(db: &impl ConnectionTrait, user_id: UserId) -> Result<Vec<AreaId>, DbErr> {
    let mut ids: Vec<AreaId> = user_area::Entity::find()
        .filter(user_area::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.area_id)
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

/// The areas of every user who has any, in one query (the users page).
pub async fn area_ids_by_user(db: &impl ConnectionTrait) -> Result<std::collections::HashMap<UserId, Vec<AreaId>>, DbErr> {
    let mut by_user: std::collections::HashMap<UserId, Vec<AreaId>> = std::collections::HashMap::new();
    for row in user_area::Entity::find().order_by_asc(user_area::Column::AreaId).all(db).await? {
        by_user.entry(row.user_id).or_default().push(row.area_id);
    }
    Ok(by_user)
}

/// The user as requests see them; `None` for an unknown or disabled account.
pub async fn load(db: &impl ConnectionTrait, model: user::Model) -> Result<Option<User>, DbErr> {
    if model.disabled {
        return Ok(None);
    }
    // A role the code no longer knows signs nobody in.
    let role = model.role;
    let area_ids = area_ids_of(db, model.id).await?;
    let email_verified = model.email_verified_at.is_some();
    Ok(Some(User { id: model.id, email: model.email, name: model.name, role, area_ids, email_verified }))
}

pub async fn by_id(db: &impl ConnectionTrait, id: UserId) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(db).await
}

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find().order_by_asc(user::Column::Email).all(db).await
}

pub async fn insert(
    db: &impl ConnectionTrait,
    email: &str,
    name: &str,
    password_hash: &str,
    role: Role,
) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        email: Set(email.to_owned()),
        name: Set(name.to_owned()),
        password_hash: Set(password_hash.to_owned()),
        role: Set(role),
        disabled: Set(false),
        created_at: Set(Utc::now().fixed_offset()),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn set_role(db: &impl ConnectionTrait, user_id: UserId, role: Role, area_ids: &[AreaId]) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::Role, sea_orm::sea_query::Expr::value(role.as_str()))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    user_area::Entity::delete_many().filter(user_area::Column::UserId.eq(user_id)).exec(db).await?;
    if !area_ids.is_empty() {
        let rows = area_ids.iter().map(|&area_id| user_area::ActiveModel { user_id: Set(user_id), area_id: Set(area_id) });
        user_area::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// Locks the rows of the active admins until the transaction ends, and counts them.
/// Written as an update that changes nothing so that it takes the write lock on SQLite
/// and row locks on PostgreSQL: of two admins demoting each other at the same moment,
/// the second one counts after the first has committed.
pub async fn lock_active_admins(txn: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let locked = user::Entity::update_many()
        .col_expr(user::Column::Role, sea_orm::sea_query::Expr::col(user::Column::Role))
        .filter(user::Column::Role.eq(Role::Admin))
        .filter(user::Column::Disabled.eq(false))
        .exec(txn)
        .await?;
    Ok(locked.rows_affected)
}

pub async fn set_password_hash(db: &impl ConnectionTrait, user_id: UserId, hash: &str) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, sea_orm::sea_query::Expr::value(hash))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn create_session(
    db: &impl ConnectionTrait,
    token_hash: &str,
    user_id: UserId,
    expires_at: DateTime<FixedOffset>,
) -> Result<(), DbErr> {
    session::ActiveModel {
        token_hash: Set(token_hash.to_owned()),
        user_id: Set(user_id),
        created_at: Set(Utc::now().fixed_offset()),
        expires_at: Set(expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The user of a live session.
pub async fn session_user(db: &impl ConnectionTrait, token_hash: &str) -> Result<Option<User>, DbErr> {
    let Some(found) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash))
        .filter(session::Column::ExpiresAt.gt(Utc::now().fixed_offset()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    match by_id(db, found.user_id).await? {
        Some(model) => load(db, model).await,
        None => Ok(None),
    }
}

pub async fn delete_session(db: &impl ConnectionTrait, token_hash: &str) -> Result<(), DbErr> {
    session::Entity::delete_many().filter(session::Column::TokenHash.eq(token_hash)).exec(db).await?;
    Ok(())
}

/// Signs a user out everywhere: after a role change their sessions start afresh.
pub async fn delete_sessions_of(db: &impl ConnectionTrait, user_id: UserId) -> Result<(), DbErr> {
    session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?;
    // Expired sessions of anyone go at the same time; nothing else needs them.
    session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lt(Utc::now().fixed_offset()))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn throttle_of(db: &impl ConnectionTrait, key: &str) -> Result<Option<sign_in_throttle::Model>, DbErr> {
    sign_in_throttle::Entity::find_by_id(key.to_owned()).one(db).await
}

/// Counts one more attempt (a failed sign-in, a sign-up) under `key` and gives the
/// count. A count whose last attempt is older than `quiet` (and that is not locked)
/// starts again from one. The count is one statement, so attempts sent at the same
/// moment are all counted.
pub async fn count_attempt(db: &impl ConnectionTrait, key: &str, now: DateTime<FixedOffset>, quiet: chrono::Duration) -> Result<i32, DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
    sign_in_throttle::Entity::delete_many()
        .filter(sign_in_throttle::Column::Email.eq(key))
        .filter(sign_in_throttle::Column::LastFailureAt.lt(now - quiet))
        .filter(sign_in_throttle::Column::LockedUntil.is_null().or(sign_in_throttle::Column::LockedUntil.lt(now)))
        .exec(db)
        .await?;
    let row = sign_in_throttle::ActiveModel {
        email: Set(key.to_owned()),
        failures: Set(1),
        locked_until: Set(None),
        last_failure_at: Set(now),
    };
    let on_conflict = OnConflict::column(sign_in_throttle::Column::Email)
        .value(sign_in_throttle::Column::Failures, Expr::col((sign_in_throttle::Entity, sign_in_throttle::Column::Failures)).add(1))
        .value(sign_in_throttle::Column::LastFailureAt, Expr::value(now))
        .to_owned();
    sign_in_throttle::Entity::insert(row).on_conflict(on_conflict).exec_without_returning(db).await?;
    Ok(throttle_of(db, key).await?.map_or(1, |t| t.failures))
}

pub async fn lock(db: &impl ConnectionTrait, key: &str, until: DateTime<FixedOffset>) -> Result<(), DbErr> {
    sign_in_throttle::Entity::update_many()
        .col_expr(sign_in_throttle::Column::LockedUntil, sea_orm::sea_query::Expr::value(until))
        .filter(sign_in_throttle::Column::Email.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn clear_throttle(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    sign_in_throttle::Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}

/// Clears every throttle whose key starts with `prefix` (all clients of one address).
pub async fn clear_throttles_starting(db: &impl ConnectionTrait, prefix: &str) -> Result<(), DbErr> {
    sign_in_throttle::Entity::delete_many().filter(sign_in_throttle::Column::Email.starts_with(prefix)).exec(db).await?;
    Ok(())
}

/// Deletes an account with its sessions and areas (what refers to it elsewhere is
/// cleared by its owners first: see `privacy::delete_account`).
pub async fn delete_user(db: &impl ConnectionTrait, user_id: UserId) -> Result<(), DbErr> {
    super::tokens::delete_of(db, user_id).await?;
    mail_opt_out::Entity::delete_many().filter(mail_opt_out::Column::UserId.eq(user_id)).exec(db).await?;
    session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?;
    user_area::Entity::delete_many().filter(user_area::Column::UserId.eq(user_id)).exec(db).await?;
    user::Entity::delete_by_id(user_id).exec(db).await?;
    Ok(())
}

/// The account's address is its owner's, from `at`.
pub async fn set_verified(db: &impl ConnectionTrait, user_id: UserId, at: DateTime<FixedOffset>) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, sea_orm::sea_query::Expr::value(at))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Moves the account to a verified new address.
pub async fn set_email(db: &impl ConnectionTrait, user_id: UserId, email: &str, verified_at: DateTime<FixedOffset>) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::Email, sea_orm::sea_query::Expr::value(email))
        .col_expr(user::Column::EmailVerifiedAt, sea_orm::sea_query::Expr::value(verified_at))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The kinds of notice a user has turned off.
pub async fn opt_outs_of(db: &impl ConnectionTrait, user_id: UserId) -> Result<Vec<MailKind>, DbErr> {
    Ok(mail_opt_out::Entity::find().filter(mail_opt_out::Column::UserId.eq(user_id)).all(db).await?.into_iter().map(|o| o.kind).collect())
}

/// Replaces the kinds of notice a user has turned off.
pub async fn set_opt_outs(db: &impl ConnectionTrait, user_id: UserId, off: &[MailKind]) -> Result<(), DbErr> {
    mail_opt_out::Entity::delete_many().filter(mail_opt_out::Column::UserId.eq(user_id)).exec(db).await?;
    if !off.is_empty() {
        let rows = off.iter().map(|&kind| mail_opt_out::ActiveModel { user_id: Set(user_id), kind: Set(kind) });
        mail_opt_out::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// Active users of these roles who have not turned `kind` off, with their areas.
pub async fn wanting(db: &impl ConnectionTrait, kind: MailKind, roles: &[Role]) -> Result<Vec<User>, DbErr> {
    let off: std::collections::HashSet<UserId> =
        mail_opt_out::Entity::find().filter(mail_opt_out::Column::Kind.eq(kind)).all(db).await?.into_iter().map(|o| o.user_id).collect();
    let areas = area_ids_by_user(db).await?;
    let rows = user::Entity::find()
        .filter(user::Column::Role.is_in(roles.iter().copied()))
        .filter(user::Column::Disabled.eq(false))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|u| !off.contains(&u.id))
        .map(|u| User {
            area_ids: areas.get(&u.id).cloned().unwrap_or_default(),
            email_verified: u.email_verified_at.is_some(),
            id: u.id,
            email: u.email,
            name: u.name,
            role: u.role,
        })
        .collect())
}

/// Active accounts made in `from..until` whose address is not verified.
pub async fn unverified_made_between(db: &impl ConnectionTrait, from: DateTime<FixedOffset>, until: DateTime<FixedOffset>) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::EmailVerifiedAt.is_null())
        .filter(user::Column::Disabled.eq(false))
        .filter(user::Column::CreatedAt.gte(from))
        .filter(user::Column::CreatedAt.lt(until))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await
}
