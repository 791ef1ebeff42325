//! Mail for editors: a proposal to central content arrives (to the central editors), a
//! proposal is decided (to the local editor who made it), an item's review date is near
//! or has come (to the editors of its area, 30 days before and on the day, each once),
//! and a daily digest of reader feedback (to the editors of the area). Each editor can
//! turn each kind off on Min konto (`accounts::messages::EDITOR_NOTICES`).
pub mod daily;

use sea_orm::{ConnectionTrait, DbErr};
use serde_json::json;

use crate::accounts::{Role, User, UserId, repo as accounts_repo};
use crate::entities::area;
use crate::outbox::{self, MailKind, Outgoing};

/// The editors who want `kind`, read once for a round of notices (`editors_of` picks an
/// area's among them).
pub async fn editors_wanting(db: &impl ConnectionTrait, kind: MailKind) -> Result<Vec<User>, DbErr> {
    accounts_repo::wanting(db, kind, &[Role::CentralEditor, Role::LocalEditor]).await
}

/// The editors of an area: the central editors for the central area, the local editors
/// of the area for a local one.
pub fn editors_of<'a>(editors: &'a [User], area: &area::Model, central: bool) -> impl Iterator<Item = &'a User> {
    let area_id = area.id;
    editors.iter().filter(move |u| if central { u.role == Role::CentralEditor } else { u.role == Role::LocalEditor && u.area_ids.contains(&area_id) })
}

/// A local editor proposed a change to a central item: every central editor who wants
/// it hears, in the transaction that stores the proposal.
pub async fn proposal_arrived(txn: &impl ConnectionTrait, item_title: &str, proposer: &str, proposal_id: i32) -> Result<(), DbErr> {
    for editor in accounts_repo::wanting(txn, MailKind::ProposalArrived, &[Role::CentralEditor]).await? {
        let data = json!({ "name": editor.name, "item_title": item_title, "proposer": proposer, "proposal_path": format!("/redaksjon/forslag/{proposal_id}") });
        outbox::enqueue(txn, Outgoing::new(MailKind::ProposalArrived, &editor.email, data)).await?;
    }
    Ok(())
}

/// A proposal was accepted or rejected: its author hears, unless they turned it off.
pub async fn proposal_decided(
    txn: &impl ConnectionTrait,
    proposer: Option<UserId>,
    item_title: &str,
    proposal_id: i32,
    accepted: bool,
    decided_by: &str,
) -> Result<(), DbErr> {
    let Some(proposer) = proposer else { return Ok(()) };
    let Some(editor) = accounts_repo::by_id(txn, proposer).await? else { return Ok(()) };
    if editor.disabled || accounts_repo::opt_outs_of(txn, proposer).await?.contains(&MailKind::ProposalDecided) {
        return Ok(());
    }
    let data = json!({
        "name": editor.name, "item_title": item_title, "accepted": accepted, "decided_by": decided_by,
        "proposal_path": format!("/redaksjon/forslag/{proposal_id}"),
    });
    outbox::enqueue(txn, Outgoing::new(MailKind::ProposalDecided, &editor.email, data)).await?;
    Ok(())
}
