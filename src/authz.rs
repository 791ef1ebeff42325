//! Authorisation: the one place that decides who may do what (DESIGN.md section 6).
//!
//! Two layers, both decided here. `Access` is who may reach an endpoint at all; a handler
//! states it by its first argument (`web::access`), and the route table lists it from
//! there. Inside, handlers ask `decide` about the area they touch.
use serde::Serialize;

use crate::entities::ids::AreaId;
use crate::accounts::{Role, User};

/// The area an action touches, as authorisation needs to know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AreaRef {
    pub id: AreaId,
    pub central: bool,
}

impl From<&crate::entities::area::Model> for AreaRef {
    fn from(area: &crate::entities::area::Model) -> AreaRef {
        AreaRef { id: area.id, central: area.slug == crate::areas::CENTRAL }
    }
}

/// Something a user wants to do, with the area it touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Dashboard, item lists, preview: the editor pages themselves.
    UseEditorPages,
    /// See unpublished content, revisions and proposals of an area.
    ReadUnpublished(AreaRef),
    /// Create, edit, publish, schedule, archive, restore, adapt into, upload for.
    Edit(AreaRef),
    /// Propose a change to a central item for the central editors to decide.
    Propose(AreaRef),
    /// Accept or reject a proposal to central content.
    DecideProposal,
    /// Read and mark reader feedback of an area.
    HandleFeedback(AreaRef),
    ManageUsers,
    ReadAuditLog,
    /// Enrol in courses, keep progress, take quizzes, get certificates; export or delete
    /// one's own data. Every signed-in role may.
    TakeCourses,
    /// See who takes an area's courses and how they answer, as numbers.
    ReadCourseStatistics(AreaRef),
    /// Mark an issued course certificate as revoked.
    RevokeCertificates,
    /// Keep the synonym groups search uses, for every area.
    KeepSynonyms,
}

/// Why not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is signed in: the answer is the sign-in page.
    SignInRequired,
    /// Signed in, but this role or area may not: a 403 page saying why.
    Forbidden(&'static str),
}

/// The decision. `None` is an anonymous visitor.
pub fn decide(user: Option<&User>, action: Action) -> Result<(), Denied> {
    let Some(user) = user else { return Err(Denied::SignInRequired) };
    let works_in = |area: AreaRef| user.area_ids.contains(&area.id);
    let allowed = match (user.role, action) {
        // A proposal is to central content, whoever makes it; one's own area is edited directly.
        (_, Action::Propose(area)) if !area.central => false,
        (_, Action::TakeCourses) => true,
        (Role::Admin, _) => true,
        (_, Action::RevokeCertificates) => false,
        (Role::Learner, _) => false,
        (_, Action::ManageUsers | Action::ReadAuditLog) => false,
        (Role::CentralEditor, _) => true,
        (Role::LocalEditor, Action::UseEditorPages) => true,
        // Local editors see central drafts: they adapt and propose changes to them.
        (Role::LocalEditor, Action::ReadUnpublished(area)) => area.central || works_in(area),
        (Role::LocalEditor, Action::Edit(area) | Action::HandleFeedback(area) | Action::ReadCourseStatistics(area)) => {
            !area.central && works_in(area)
        }
        (Role::LocalEditor, Action::Propose(area)) => area.central,
        (Role::LocalEditor, Action::DecideProposal | Action::KeepSynonyms) => false,
    };
    if allowed {
        return Ok(());
    }
    Err(Denied::Forbidden(match action {
        Action::UseEditorPages => "Redaksjonssidene er for redaktører.",
        Action::ReadUnpublished(_) | Action::Edit(_) | Action::HandleFeedback(_) | Action::ReadCourseStatistics(_)
            if user.role == Role::LocalEditor =>
        {
            "Du er redaktør for et annet område. Sentralt innhold kan du foreslå endringer i."
        }
        Action::ReadUnpublished(_) | Action::Edit(_) | Action::HandleFeedback(_) | Action::ReadCourseStatistics(_) => {
            "Du har ikke redaktørtilgang til dette området."
        }
        Action::Propose(_) => "Endringsforslag gjelder sentralt innhold; eget område redigerer du direkte.",
        Action::DecideProposal => "Bare sentral redaksjon kan godta eller avvise endringsforslag.",
        Action::KeepSynonyms => "Synonymene gjelder søket i alle områder: sentral redaksjon holder dem ved like.",
        Action::ManageUsers | Action::ReadAuditLog | Action::RevokeCertificates => "Bare administratorer har tilgang til dette.",
        Action::TakeCourses => "Logg inn for å ta kurs.",
    }))
}

/// Who may reach an endpoint at all; finer, per-area decisions follow in the handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Access {
    /// Anyone, signed in or not (sign-in, sign-up, reader feedback).
    Public,
    /// Anyone signed in, whatever the role: a learner's own courses and data.
    SignedIn,
    /// Admins, central and local editors.
    Editor,
    Admin,
}

impl Access {
    pub fn check(self, user: Option<&User>) -> Result<(), Denied> {
        match self {
            Access::Public => Ok(()),
            Access::SignedIn => decide(user, Action::TakeCourses),
            Access::Editor => decide(user, Action::UseEditorPages),
            Access::Admin => decide(user, Action::ManageUsers),
        }
    }
}

/// A route and who may reach it, as `web::routes` registers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    pub method: &'static str,
    /// The route pattern exactly as registered.
    pub pattern: &'static str,
    pub access: Access,
}

#[cfg(test)]
mod tests {
    use super::*;

    const CENTRAL: AreaRef = AreaRef { id: AreaId(1), central: true };
    const VESTFOLD: AreaRef = AreaRef { id: AreaId(2), central: false };
    const AHUS: AreaRef = AreaRef { id: AreaId(3), central: false };

    fn user(role: Role, area_ids: &[AreaId]) -> User {
        User { id: crate::accounts::UserId(7), email: "x@y.no".into(), name: "X".into(), role, area_ids: area_ids.to_vec(), email_verified: true }
    }

    #[test]
    fn a_local_editor_edits_only_their_own_area_and_proposes_to_central() {
        let vestfold_editor = user(Role::LocalEditor, &[VESTFOLD.id]);
        let me = Some(&vestfold_editor);
        assert_eq!(decide(me, Action::Edit(VESTFOLD)), Ok(()));
        assert!(matches!(decide(me, Action::Edit(AHUS)), Err(Denied::Forbidden(_))));
        assert!(matches!(decide(me, Action::Edit(CENTRAL)), Err(Denied::Forbidden(_))));
        assert_eq!(decide(me, Action::Propose(CENTRAL)), Ok(()));
        assert!(decide(me, Action::Propose(VESTFOLD)).is_err());
        assert_eq!(decide(me, Action::ReadUnpublished(CENTRAL)), Ok(()));
        assert!(decide(me, Action::ReadUnpublished(AHUS)).is_err());
        assert!(decide(me, Action::HandleFeedback(AHUS)).is_err());
        assert!(decide(me, Action::DecideProposal).is_err());
        assert!(decide(me, Action::ManageUsers).is_err());
    }

    #[test]
    fn central_editors_run_every_area_but_not_users() {
        let central = user(Role::CentralEditor, &[]);
        for area in [CENTRAL, VESTFOLD, AHUS] {
            assert_eq!(decide(Some(&central), Action::Edit(area)), Ok(()));
        }
        assert_eq!(decide(Some(&central), Action::DecideProposal), Ok(()));
        assert!(decide(Some(&central), Action::ManageUsers).is_err());
        assert!(decide(Some(&central), Action::ReadAuditLog).is_err());
        assert_eq!(decide(Some(&user(Role::Admin, &[])), Action::ReadAuditLog), Ok(()));
    }

    #[test]
    fn learners_and_visitors_write_nothing() {
        let learner = user(Role::Learner, &[]);
        assert!(matches!(decide(Some(&learner), Action::UseEditorPages), Err(Denied::Forbidden(_))));
        assert_eq!(decide(None, Action::Edit(VESTFOLD)), Err(Denied::SignInRequired));
    }

    #[test]
    fn every_signed_in_role_takes_courses_and_only_admins_revoke_certificates() {
        for role in [Role::Learner, Role::LocalEditor, Role::CentralEditor, Role::Admin] {
            assert_eq!(decide(Some(&user(role, &[VESTFOLD.id])), Action::TakeCourses), Ok(()), "{role:?}");
            let revoking = decide(Some(&user(role, &[VESTFOLD.id])), Action::RevokeCertificates);
            assert_eq!(revoking.is_ok(), role == Role::Admin, "{role:?}");
        }
        assert_eq!(decide(None, Action::TakeCourses), Err(Denied::SignInRequired));
        let vestfold_editor = user(Role::LocalEditor, &[VESTFOLD.id]);
        assert_eq!(decide(Some(&vestfold_editor), Action::ReadCourseStatistics(VESTFOLD)), Ok(()));
        assert!(decide(Some(&vestfold_editor), Action::ReadCourseStatistics(CENTRAL)).is_err());
        assert!(decide(Some(&user(Role::Learner, &[])), Action::ReadCourseStatistics(VESTFOLD)).is_err());
    }
}
