//! SeaORM entities: one per table, written to match `migrations/`. Only the `repo`
//! modules of each capability use them; pages and templates get view-models.
pub mod area;
pub mod content_change;
pub mod content_item;
pub mod content_item_theme;
pub mod installation;
pub mod theme;
