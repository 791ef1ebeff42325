//! The editorial workflow (DESIGN.md sections 3 and 6): editors write items as drafts,
//! send them for review, publish them now or at a set time, archive them; every save
//! is a revision; local editors adapt central items and propose changes to them.
//!
//! `fields` checks what an editor typed, `service` does each step in one transaction
//! with its revision and audit entry, `schedule` publishes what is due, `diff` shows
//! revisions side by side, `routes` are the `/redaksjon` pages. Who may do what is
//! decided by `crate::authz`, asked by the handlers before they call the service.
pub mod course_editor;
pub mod diff;
pub mod fields;
pub mod repo;
pub mod routes;
pub mod schedule;
pub mod service;
pub mod translations;

use chrono::{DateTime, FixedOffset};

use crate::content::Status;

/// A step in the workflow an editor asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    SubmitForReview,
    Publish,
    /// Publish by itself at this time (a background task does it, also after a restart).
    Schedule(DateTime<FixedOffset>),
    /// Back to draft: unpublished, or withdrawn from review, or taken out of the archive.
    ReturnToDraft,
    Archive,
    /// A published course's waiting edits become its next version.
    PublishChanges,
}

impl Transition {
    pub fn allowed_from(self, from: Status) -> bool {
        use Status::*;
        match self {
            Transition::SubmitForReview => from == Draft,
            Transition::Publish | Transition::Schedule(_) => matches!(from, Draft | InReview),
            Transition::ReturnToDraft => matches!(from, InReview | Published | Archived),
            Transition::Archive | Transition::PublishChanges => from == Published,
        }
    }

    /// The status after the step (a scheduled item keeps its status until it is due).
    pub fn target(self, from: Status) -> Status {
        match self {
            Transition::SubmitForReview => Status::InReview,
            Transition::Publish => Status::Published,
            Transition::Schedule(_) => from,
            Transition::ReturnToDraft => Status::Draft,
            Transition::Archive => Status::Archived,
            Transition::PublishChanges => Status::Published,
        }
    }

    /// How the revision list names the step.
    pub fn note(self) -> &'static str {
        match self {
            Transition::SubmitForReview => "Sendt til gjennomgang",
            Transition::Publish => "Publisert",
            Transition::Schedule(_) => "Planlagt publisert",
            Transition::ReturnToDraft => "Satt tilbake til utkast",
            Transition::Archive => "Arkivert",
            Transition::PublishChanges => "Kursendringer publisert",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Transition::SubmitForReview => "sendt til gjennomgang",
            Transition::Publish => "publisert",
            Transition::Schedule(_) => "planlagt publisert",
            Transition::ReturnToDraft => "satt tilbake til utkast",
            Transition::Archive => "arkivert",
            Transition::PublishChanges => "publisert på nytt",
        }
    }
}

/// A revision as lines to compare: its fields and text, and for a course its modules,
/// lessons and questions, so structure changes compare and restore like text.
pub fn revision_text(snapshot: &crate::content::write::ItemFields, theme_names: &dyn Fn(i32) -> String) -> String {
    let mut text = snapshot.as_text(theme_names);
    if let Some(course) = snapshot.course_definition.as_deref().and_then(|json| crate::courses::CourseDefinition::from_json(json).ok()) {
        text.push_str("\n--- Kursinnhold ---\n");
        text.push_str(&crate::courses::outline::outline(&course));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_moves_only_along_its_arrows() {
        assert!(Transition::SubmitForReview.allowed_from(Status::Draft));
        assert!(!Transition::SubmitForReview.allowed_from(Status::Published));
        assert!(Transition::Publish.allowed_from(Status::InReview));
        assert!(!Transition::Publish.allowed_from(Status::Archived), "an archived item goes back to draft first");
        assert!(Transition::Archive.allowed_from(Status::Published));
        assert!(!Transition::Archive.allowed_from(Status::Draft));
        assert!(Transition::ReturnToDraft.allowed_from(Status::Archived));
        assert!(!Transition::ReturnToDraft.allowed_from(Status::Draft));
        assert_eq!(Transition::Publish.target(Status::Draft), Status::Published);
    }
}

