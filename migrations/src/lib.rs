//! Database migrations for fagbro. The same migrations run on SQLite (the embedded
//! default) and PostgreSQL (the scale-out path); they are run by `fagbro migrate`, by
//! `fagbro serve` at start-up and by the tests, never by hand.
pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_areas_and_themes;
mod m20261123_000002_create_content_items;
mod m20261123_000003_create_content_changes;
mod m20261123_000004_create_installation;
mod m20261123_000005_create_accounts;
mod m20261123_000006_create_editorial;
mod m20261123_000007_create_media;
mod m20261123_000008_create_courses;
mod m20261128_000009_attempt_form_key;
mod m20261128_000010_translated_from;
mod m20261128_000011_interpreter_routines;
mod m20261205_000012_mail;
mod m20261205_000013_synonyms;
mod m20261205_000014_search_stats;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_areas_and_themes::Migration),
            Box::new(m20261123_000002_create_content_items::Migration),
            Box::new(m20261123_000003_create_content_changes::Migration),
            Box::new(m20261123_000004_create_installation::Migration),
            Box::new(m20261123_000005_create_accounts::Migration),
            Box::new(m20261123_000006_create_editorial::Migration),
            Box::new(m20261123_000007_create_media::Migration),
            Box::new(m20261123_000008_create_courses::Migration),
            Box::new(m20261128_000009_attempt_form_key::Migration),
            Box::new(m20261128_000010_translated_from::Migration),
            Box::new(m20261128_000011_interpreter_routines::Migration),
            Box::new(m20261205_000012_mail::Migration),
            Box::new(m20261205_000013_synonyms::Migration),
            Box::new(m20261205_000014_search_stats::Migration),
        ]
    }
}
