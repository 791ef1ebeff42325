//! What every handler can reach: the database, the templates, the configuration and the
//! cookie keys. A capability's own parts (the search index, the feedback limiter) are
//! registered beside it by `app.rs` and taken by the handlers that need them.
use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::web::session::CookieKeys;

pub struct AppState {
    pub db: DatabaseConnection,
    pub templates: tera::Tera,
    pub config: Config,
    pub cookie_keys: CookieKeys,
}
