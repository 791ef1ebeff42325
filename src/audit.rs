//! The audit log: who created, edited, published, archived or changed a role, when,
//! and from where. Written in the same transaction as the change it records.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entities::ids::{AreaId, UserId};
use crate::accounts::User;
use crate::entities::audit_entry;

/// Who did something: a signed-in user, or the system itself (import, scheduler, CLI).
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Option<UserId>,
    pub name: String,
    /// The client address of the request, when there was one.
    pub from: Option<String>,
}

impl Actor {
    pub fn user(user: &User, from: Option<String>) -> Actor {
        Actor { id: Some(user.id), name: user.email.clone(), from }
    }

    pub fn system(name: &str) -> Actor {
        Actor { id: None, name: name.to_owned(), from: None }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    UserCreated,
    RoleChanged,
    PasswordReset,
    ResetLinkSent,
    PasswordChanged,
    AddressChanged,
    ItemCreated,
    ItemEdited,
    ItemImported,
    ItemDeletedByImport,
    CourseEdited,
    ItemSubmitted,
    ItemScheduled,
    ItemPublished,
    ItemReturnedToDraft,
    ItemArchived,
    RevisionRestored,
    ItemAdapted,
    TranslationBroughtUpToDate,
    InterpreterRoutineSaved,
    ProposalMade,
    ProposalAccepted,
    ProposalRejected,
    FeedbackHandled,
    ImageUploaded,
    CertificateRevoked,
    AccountDeleted,
    SynonymsAdded,
    SynonymsRemoved,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::UserCreated => "user.created",
            Action::RoleChanged => "user.role_changed",
            Action::PasswordReset => "user.password_reset",
            Action::SynonymsAdded => "search.synonyms_added",
            Action::SynonymsRemoved => "search.synonyms_removed",
            Action::ResetLinkSent => "user.reset_link_sent",
            Action::PasswordChanged => "user.password_changed",
            Action::AddressChanged => "user.address_changed",
            Action::ItemCreated => "item.created",
            Action::ItemEdited => "item.edited",
            Action::ItemImported => "item.imported",
            Action::ItemDeletedByImport => "item.deleted_by_import",
            Action::CourseEdited => "item.course_edited",
            Action::ItemSubmitted => "item.submitted_for_review",
            Action::ItemScheduled => "item.scheduled",
            Action::ItemPublished => "item.published",
            Action::ItemReturnedToDraft => "item.returned_to_draft",
            Action::ItemArchived => "item.archived",
            Action::RevisionRestored => "item.revision_restored",
            Action::ItemAdapted => "item.adapted",
            Action::TranslationBroughtUpToDate => "item.translation_up_to_date",
            Action::InterpreterRoutineSaved => "interpreter_routine.saved",
            Action::ProposalMade => "proposal.made",
            Action::ProposalAccepted => "proposal.accepted",
            Action::ProposalRejected => "proposal.rejected",
            Action::FeedbackHandled => "feedback.handled",
            Action::CertificateRevoked => "certificate.revoked",
            Action::AccountDeleted => "user.deleted",
            Action::ImageUploaded => "item.image_uploaded",
        }
    }
}

pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: Action,
    target: &str,
    area_id: Option<AreaId>,
    detail: &str,
) -> Result<(), DbErr> {
    audit_entry::ActiveModel {
        at: Set(Utc::now().fixed_offset()),
        actor_id: Set(actor.id),
        actor: Set(actor.name.clone()),
        action: Set(action.as_str().to_owned()),
        target: Set(target.chars().take(500).collect()),
        area_id: Set(area_id),
        from_address: Set(actor.from.clone()),
        detail: Set(detail.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The newest entries first.
pub async fn latest(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<audit_entry::Model>, DbErr> {
    audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id).limit(limit).all(db).await
}

/// A deleted account's address is replaced in the log by "slettet bruker {id}": the
/// log keeps what was done, not who the person was.
pub async fn forget_address(db: &impl ConnectionTrait, user_id: UserId, email: &str) -> Result<(), DbErr> {
    let pseudonym = format!("slettet bruker {user_id}");
    let mentioning = audit_entry::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(audit_entry::Column::ActorId.eq(user_id))
                .add(audit_entry::Column::Actor.eq(email))
                .add(audit_entry::Column::Target.contains(email))
                .add(audit_entry::Column::Detail.contains(email)),
        )
        .all(db)
        .await?;
    for entry in mentioning {
        let mut active: audit_entry::ActiveModel = entry.clone().into();
        active.actor = Set(entry.actor.replace(email, &pseudonym));
        active.target = Set(entry.target.replace(email, &pseudonym));
        active.detail = Set(entry.detail.replace(email, &pseudonym));
        active.update(db).await?;
    }
    Ok(())
}
