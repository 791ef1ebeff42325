//! `/redaksjon`: the editor pages. Each handler asks `authz` (through `Visitor::may`)
//! about the area it touches, then calls one `service` step. One file per page group
//! (dashboard, items, history, proposals, adaptations, images, users, audit log), sharing
//! the helpers here; what the pages show (their view-models) is in `view.rs`.
mod dashboard;
mod items;
mod history;
mod images;
mod adaptations;
mod proposals;
mod users;
mod audit_log;
mod translations;
mod view;

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::{FixedOffset, TimeZone};
use serde::{Deserialize, Serialize};

use super::fields::{ItemForm, NewItemForm};
use super::service::{self, EditError, Signature};
use super::{Transition, diff, repo};
use crate::entities::ids::{AreaId, ItemId};
use crate::web::routes::Routes;
use crate::web::access::{Admin, Editor};
use crate::web::session::{Visitor, refusal};
use crate::accounts::{Role, User, UserId, repo as accounts_repo, service as accounts};
use crate::state::AppState;
use crate::areas::{self, CENTRAL};
use crate::audit;
use crate::authz::{Action, AreaRef};
use crate::content::revisions::{self, Author};
use crate::content::{ContentKind, Lang, Status, markdown, repo as content_repo, view::item_url};
use crate::entities::{area, content_item, theme};
use crate::entities::proposal::ProposalState;
use crate::error::AppError;
use crate::feedback;
use crate::media::{self, MediaError};
use futures_util::StreamExt;
use crate::web::forms::{Choice, FormData, form, see_other};
use crate::web::{Chrome, form_again, form_page, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/redaksjon", dashboard);
    routes.page("/redaksjon/innhold", list_items);
    routes.post("/redaksjon/innhold", create_item);
    routes.page("/redaksjon/ny", new_item_form);
    routes.post("/redaksjon/forhandsvisning", preview);
    routes.page("/redaksjon/innhold/{id}", edit_item_form);
    routes.post("/redaksjon/innhold/{id}", save_item);
    routes.post("/redaksjon/innhold/{id}/status", change_status);
    routes.page("/redaksjon/innhold/{id}/versjoner", list_revisions);
    routes.post("/redaksjon/innhold/{id}/versjoner/{number}/gjenopprett", restore_revision);
    routes.post("/redaksjon/innhold/{id}/forslag", propose_change);
    routes.post("/redaksjon/innhold/{id}/tilpass", adapt_item);
    routes.post("/redaksjon/innhold/{id}/bilder", upload_image);
    routes.post("/redaksjon/innhold/{id}/sett", acknowledge_central_change);
    routes.post("/redaksjon/innhold/{id}/oversatt-fra", bring_translation_up_to_date);
    routes.page("/redaksjon/oversettelser", translation_overview);
    routes.page("/redaksjon/forslag/{id}", show_proposal);
    routes.post("/redaksjon/forslag/{id}/godta", accept_proposal);
    routes.post("/redaksjon/forslag/{id}/avvis", reject_proposal);
    routes.page("/redaksjon/brukere", list_users);
    routes.post("/redaksjon/brukere", create_user);
    routes.post("/redaksjon/brukere/{id}/rolle", change_role);
    routes.post("/redaksjon/brukere/{id}/nytt-passord", send_reset_link);
    routes.page("/redaksjon/logg", audit_log);
}

impl From<EditError> for AppError {
    fn from(error: EditError) -> Self {
        match error {
            EditError::Invalid(problems) => AppError::BadRequest(problems.join(" ")),
            EditError::NotFound(message) => AppError::NotFound(message),
            EditError::Conflict(message) => AppError::Conflict(message),
            EditError::Database(error) => AppError::Database(error),
        }
    }
}

/// The editor, the areas of the site, and which of them they may edit.
pub(super) struct Desk {
    user: User,
    areas: Vec<area::Model>,
    central: area::Model,
    signature: Signature,
    return_to: String,
}

impl Desk {
    async fn of(state: &AppState, visitor: &Editor) -> Result<Desk, AppError> {
        let user = visitor.user.clone();
        let areas = areas::repo::all(&state.db).await?;
        let central = areas
            .iter()
            .find(|a| a.slug == CENTRAL)
            .cloned()
            .ok_or_else(|| AppError::Internal("the central area is missing".into()))?;
        let signature = signature_of(visitor, &user);
        Ok(Desk { user, areas, central, signature, return_to: visitor.return_to.clone() })
    }

    fn may(&self, action: Action) -> bool {
        crate::authz::decide(Some(&self.user), action).is_ok()
    }

    fn editable(&self) -> Vec<&area::Model> {
        self.areas.iter().filter(|a| self.may(Action::Edit(AreaRef::from(*a)))).collect()
    }

    fn readable_ids(&self) -> Vec<AreaId> {
        self.areas.iter().filter(|a| self.may(Action::ReadUnpublished(AreaRef::from(*a)))).map(|a| a.id).collect()
    }

    /// The areas whose dashboard this editor keeps: the ones they edit.
    fn own_ids(&self) -> Vec<AreaId> {
        self.editable().iter().map(|a| a.id).collect()
    }

    fn area(&self, id: AreaId) -> Result<&area::Model, AppError> {
        self.areas.iter().find(|a| a.id == id).ok_or_else(|| AppError::Internal(format!("area {id} is missing")))
    }

    fn area_by_slug(&self, slug: &str) -> Option<&area::Model> {
        self.areas.iter().find(|a| a.slug == slug)
    }
}

/// The editor as the audit log and the revision list name them.
pub(crate) fn signature_of(visitor: &Visitor, user: &User) -> Signature {
    Signature { actor: visitor.actor(), author: Author { id: Some(user.id), name: user.name.clone() } }
}

pub(super) fn chrome(title: &str) -> Chrome {
    Chrome::new(title.to_owned(), None)
}

pub(super) async fn load_item(state: &AppState, desk: &Desk, id: ItemId, action: fn(AreaRef) -> Action) -> Result<(content_item::Model, area::Model), AppError> {
    let item = content_repo::item_by_id(&state.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Fant ingen side med nummer {id}.")))?;
    let area = desk.area(item.area_id)?.clone();
    crate::authz::decide(Some(&desk.user), action(AreaRef::from(&area))).map_err(|denied| refusal(denied, &desk.return_to))?;
    Ok((item, area))
}

use dashboard::*;
use items::*;
use history::*;
use images::*;
use adaptations::*;
use proposals::*;
use users::*;
use audit_log::*;
use translations::*;
use view::*;
pub(crate) use items::steps_from;
pub(crate) use view::Step;

