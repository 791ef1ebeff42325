//! SeaORM entities: one per table, written to match `migrations/`. Only the `repo`
//! modules of each capability use them; pages and templates get view-models.
pub mod area;
pub mod audit_entry;
pub mod certificate;
pub mod content_change;
pub mod content_item;
pub mod content_item_theme;
pub mod content_revision;
pub mod course_version;
pub mod enrolment;
pub mod feedback;
pub mod ids;
pub mod installation;
pub mod lesson_progress;
pub mod media;
pub mod proposal;
pub mod quiz_answer;
pub mod quiz_attempt;
pub mod session;
pub mod sign_in_throttle;
pub mod theme;
pub mod user;
pub mod user_area;
