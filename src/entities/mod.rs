//! SeaORM entities: one per table, written to match `migrations/`. Only the `repo`
//! modules of each capability use them; pages and templates get view-models.
pub mod account_token;
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
pub mod interpreter_routine;
pub mod lesson_progress;
pub mod mail_opt_out;
pub mod media;
pub mod newsletter_issue;
pub mod newsletter_schedule;
pub mod newsletter_subscriber;
pub mod outbox;
pub mod proposal;
pub mod quiz_answer;
pub mod quiz_attempt;
pub mod search_stat;
pub mod session;
pub mod sign_in_throttle;
pub mod synonym_group;
pub mod theme;
pub mod user;
pub mod user_area;

#[cfg(test)]
mod tests {
    use sea_orm::{ActiveEnum, Iterable};

    /// Every value reads back as itself; a value no version wrote is an error, never a default.
    fn stored_values_read_back_and_unknown_ones_are_errors<E: ActiveEnum<Value = String> + Iterable + PartialEq + std::fmt::Debug>() {
        for value in E::iter() {
            assert_eq!(E::try_from_value(&value.to_value()).ok(), Some(value));
        }
        assert!(E::try_from_value(&"webinar".to_owned()).is_err());
        assert!(E::try_from_value(&String::new()).is_err());
    }

    #[test]
    fn an_unknown_stored_kind_status_role_state_or_feedback_kind_is_a_read_error() {
        stored_values_read_back_and_unknown_ones_are_errors::<super::content_item::ContentKind>();
        stored_values_read_back_and_unknown_ones_are_errors::<super::content_item::Status>();
        stored_values_read_back_and_unknown_ones_are_errors::<super::user::Role>();
        stored_values_read_back_and_unknown_ones_are_errors::<super::proposal::ProposalState>();
        stored_values_read_back_and_unknown_ones_are_errors::<super::feedback::FeedbackKind>();
        stored_values_read_back_and_unknown_ones_are_errors::<super::outbox::MailKind>();
        stored_values_read_back_and_unknown_ones_are_errors::<super::outbox::MailStatus>();
        stored_values_read_back_and_unknown_ones_are_errors::<super::account_token::TokenPurpose>();
    }
}
