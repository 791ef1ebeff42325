//! Opening the database (SQLite or PostgreSQL, chosen by the URL) and migrating it.
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};

#[derive(Debug, thiserror::Error)]
pub enum DbOpenError {
    #[error("cannot open database {url}: {cause}")]
    Connect { url: String, cause: String },
    #[error("cannot migrate database {url}: {cause}")]
    Migrate { url: String, cause: String },
}

/// Connects to `url`; for SQLite the file is created when missing.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbOpenError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 16 })
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // A writer waits for another to finish rather than failing at once.
        .map_sqlx_sqlite_opts(|sqlite| sqlite.busy_timeout(SQLITE_BUSY_TIMEOUT));
    Database::connect(options).await.map_err(|error| DbOpenError::Connect {
        url: redact_password(url),
        cause: cause_of(&error),
    })
}

/// How long an SQLite writer waits for the write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so it waits its turn (the busy timeout) instead of reading
/// first and failing with "database is locked" when it then tries to write while
/// another writer holds the lock; PostgreSQL ignores the mode.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbOpenError> {
    let db = connect(url).await?;
    Migrator::up(&db, None).await.map_err(|error| DbOpenError::Migrate {
        url: redact_password(url),
        cause: cause_of(&error),
    })?;
    Ok(db)
}

/// The identity of this database, made when it was first migrated (see the
/// `installation` migration): what a search index checks it follows.
pub async fn identity(db: &impl sea_orm::ConnectionTrait) -> Result<String, DbErr> {
    use sea_orm::EntityTrait;
    let row = crate::entities::installation::Entity::find_by_id(1).one(db).await?;
    row.map(|r| r.identity).ok_or_else(|| DbErr::RecordNotFound("the installation row (run the migrations)".to_owned()))
}

fn cause_of(error: &DbErr) -> String {
    crate::telemetry::error_chain(error)
}

/// `postgres://user:secret@host/db` becomes `postgres://user:***@host/db`, so a URL
/// can be printed in an error without leaking the password into logs.
pub fn redact_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else { return url.to_owned() };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match (authority.rfind('@'), authority.find(':')) {
        (Some(at), Some(colon)) if colon < at => format!(
            "{}{}:***{}",
            &url[..scheme_end + 3],
            &authority[..colon],
            &rest[at..]
        ),
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_password;

    #[test]
    fn passwords_never_reach_an_error_message() {
        assert_eq!(
            redact_password("postgres://fagbro:hemmelig@db:5432/fagbro"),
            "postgres://fagbro:***@db:5432/fagbro"
        );
        assert_eq!(redact_password("postgres://fagbro@db/fagbro"), "postgres://fagbro@db/fagbro");
        assert_eq!(redact_password("sqlite://data/fagbro.db?mode=rwc"), "sqlite://data/fagbro.db?mode=rwc");
    }
}
