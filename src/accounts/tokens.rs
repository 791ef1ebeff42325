//! Single-use links sent by mail: verifying an address, a new address, a password reset.
//! Only the token's hash is stored; a token is good once, until it expires, and a newer
//! token of the same kind for the same account replaces the older ones.
use chrono::{DateTime, Duration, FixedOffset};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::UserId;
pub use crate::entities::account_token::{Model as Token, TokenPurpose};
use crate::entities::account_token;
use crate::tokens::{random_token, token_hash};

impl TokenPurpose {
    /// How long a link of this kind works.
    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::VerifyAddress | TokenPurpose::NewAddress => Duration::hours(48),
            TokenPurpose::PasswordReset => Duration::minutes(60),
        }
    }
}

/// Why a link does not work.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("lenken er ikke gyldig")]
    Unknown,
    #[error("lenken er brukt")]
    Used,
    #[error("lenken er utløpt")]
    Expired,
}

/// Makes a token for `user_id` proving `email`; earlier ones of the same kind cease to
/// exist. Gives the token itself, to go into the mail (and nowhere else).
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: UserId,
    purpose: TokenPurpose,
    email: &str,
    now: DateTime<FixedOffset>,
) -> Result<String, DbErr> {
    let token = random_token();
    store(db, user_id, purpose, email, &token, now).await?;
    Ok(token)
}

/// Keeps `token` (made by the caller, already in a message) in place of earlier ones.
pub async fn store(
    db: &impl ConnectionTrait,
    user_id: UserId,
    purpose: TokenPurpose,
    email: &str,
    token: &str,
    now: DateTime<FixedOffset>,
) -> Result<(), DbErr> {
    // Replaced ones go: a link that has been replaced is not valid at all.
    account_token::Entity::delete_many()
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.eq(purpose))
        .exec(db)
        .await?;
    account_token::ActiveModel {
        token_hash: Set(token_hash(token)),
        user_id: Set(user_id),
        purpose: Set(purpose),
        email: Set(email.to_owned()),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The token as it stands, without using it (the page a link opens).
pub async fn check(db: &impl ConnectionTrait, token: &str, purposes: &[TokenPurpose], now: DateTime<FixedOffset>) -> Result<Result<Token, TokenError>, DbErr> {
    let found = account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(token_hash(token)))
        .filter(account_token::Column::Purpose.is_in(purposes.iter().copied()))
        .one(db)
        .await?;
    Ok(match found {
        None => Err(TokenError::Unknown),
        Some(token) if token.used_at.is_some() => Err(TokenError::Used),
        Some(token) if token.expires_at <= now => Err(TokenError::Expired),
        Some(token) => Ok(token),
    })
}

/// Uses the token, if it is of one of the `purposes`: one statement, so of two requests
/// with one link only one gets through.
pub async fn redeem(db: &impl ConnectionTrait, token: &str, purposes: &[TokenPurpose], now: DateTime<FixedOffset>) -> Result<Result<Token, TokenError>, DbErr> {
    let hash = token_hash(token);
    let taken = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::TokenHash.eq(hash.as_str()))
        .filter(account_token::Column::Purpose.is_in(purposes.iter().copied()))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    let found = account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(hash))
        .filter(account_token::Column::Purpose.is_in(purposes.iter().copied()))
        .one(db)
        .await?;
    Ok(match found {
        Some(token) if taken.rows_affected == 1 => Ok(token),
        None => Err(TokenError::Unknown),
        Some(token) if token.expires_at <= now && token.used_at.is_none() => Err(TokenError::Expired),
        Some(_) => Err(TokenError::Used),
    })
}

/// An account's tokens go with it (and with an address it no longer has).
pub async fn delete_of(db: &impl ConnectionTrait, user_id: UserId) -> Result<(), DbErr> {
    account_token::Entity::delete_many().filter(account_token::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}
