//! `/redaksjon`: the editor pages. Each handler asks `authz` (through `Visitor::may`)
//! about the area it touches, then calls one `service` step.
use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::{FixedOffset, Local, NaiveDateTime, TimeZone};
use serde::{Deserialize, Serialize};

use super::fields::{ItemFields, NewItemFields};
use super::service::{self, EditError, Signature};
use super::{Transition, diff, repo, status_label};
use crate::web::session::{Visitor, refusal};
use crate::accounts::{Role, User, repo as accounts_repo, service as accounts};
use crate::state::AppState;
use crate::areas::{self, CENTRAL};
use crate::audit;
use crate::authz::{Action, AreaRef};
use crate::content::revisions::{self, Author};
use crate::content::{ContentKind, Lang, Status, markdown, repo as content_repo, view::item_url};
use crate::entities::{area, content_item, theme};
use crate::error::AppError;
use crate::feedback;
use crate::media::{self, MediaError};
use futures_util::StreamExt;
use crate::web::forms::{FormData, form, see_other, unprocessable};
use crate::web::{Chrome, page, render};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/redaksjon", page().to(dashboard))
        .route("/redaksjon/innhold", page().to(list_items))
        .route("/redaksjon/innhold", web::post().to(create_item))
        .route("/redaksjon/ny", page().to(new_item_form))
        .route("/redaksjon/forhandsvisning", web::post().to(preview))
        .route("/redaksjon/innhold/{id}", page().to(edit_item_form))
        .route("/redaksjon/innhold/{id}", web::post().to(save_item))
        .route("/redaksjon/innhold/{id}/status", web::post().to(change_status))
        .route("/redaksjon/innhold/{id}/versjoner", page().to(list_revisions))
        .route("/redaksjon/innhold/{id}/versjoner/{number}/gjenopprett", web::post().to(restore_revision))
        .route("/redaksjon/innhold/{id}/forslag", web::post().to(propose_change))
        .route("/redaksjon/innhold/{id}/tilpass", web::post().to(adapt_item))
        .route("/redaksjon/innhold/{id}/bilder", web::post().to(upload_image))
        .route("/redaksjon/innhold/{id}/sett", web::post().to(acknowledge_central_change))
        .route("/redaksjon/forslag/{id}", page().to(show_proposal))
        .route("/redaksjon/forslag/{id}/godta", web::post().to(accept_proposal))
        .route("/redaksjon/forslag/{id}/avvis", web::post().to(reject_proposal))
        .route("/redaksjon/brukere", page().to(list_users))
        .route("/redaksjon/brukere", web::post().to(create_user))
        .route("/redaksjon/brukere/{id}/rolle", web::post().to(change_role))
        .route("/redaksjon/logg", page().to(audit_log));
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
struct Desk {
    user: User,
    areas: Vec<area::Model>,
    central: area::Model,
    signature: Signature,
    return_to: String,
}

impl Desk {
    async fn of(state: &AppState, visitor: &Visitor) -> Result<Desk, AppError> {
        let user = visitor.may(Action::UseEditorPages)?.clone();
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

    fn readable_ids(&self) -> Vec<i32> {
        self.areas.iter().filter(|a| self.may(Action::ReadUnpublished(AreaRef::from(*a)))).map(|a| a.id).collect()
    }

    /// The areas whose dashboard this editor keeps: the ones they edit.
    fn own_ids(&self) -> Vec<i32> {
        self.editable().iter().map(|a| a.id).collect()
    }

    fn area(&self, id: i32) -> Result<&area::Model, AppError> {
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

fn chrome(title: &str) -> Chrome {
    Chrome::new(title.to_owned(), None)
}

async fn load_item(state: &AppState, desk: &Desk, id: i32, action: fn(AreaRef) -> Action) -> Result<(content_item::Model, area::Model), AppError> {
    let item = content_repo::item_by_id(&state.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Fant ingen side med nummer {id}.")))?;
    let area = desk.area(item.area_id)?.clone();
    crate::authz::decide(Some(&desk.user), action(AreaRef::from(&area))).map_err(|denied| refusal(denied, &desk.return_to))?;
    Ok((item, area))
}

/// A row in an editor list.
#[derive(Serialize)]
struct ItemRow {
    id: i32,
    title: String,
    kind: &'static str,
    area: String,
    lang: String,
    status: &'static str,
    edit_url: String,
    note: String,
}

fn row(desk: &Desk, item: &content_item::Model, note: String) -> ItemRow {
    ItemRow {
        id: item.id,
        title: item.title.clone(),
        kind: item.kind.parse::<ContentKind>().map_or("", |k| k.label()),
        area: desk.area(item.area_id).map(|a| a.name.clone()).unwrap_or_default(),
        lang: item.lang.clone(),
        status: status_label(&item.status),
        edit_url: format!("/redaksjon/innhold/{}", item.id),
        note,
    }
}

#[derive(Serialize)]
struct FeedbackRow {
    id: i32,
    kind: &'static str,
    message: String,
    page: String,
    area: String,
    received: String,
}

#[derive(Serialize)]
struct ProposalRow {
    id: i32,
    item_title: String,
    proposer: String,
    url: String,
}

#[derive(Serialize)]
struct DashboardPage {
    name: String,
    role: &'static str,
    areas: Vec<String>,
    my_drafts: Vec<ItemRow>,
    other_drafts: Vec<ItemRow>,
    in_review: Vec<ItemRow>,
    scheduled: Vec<ItemRow>,
    review_passed: Vec<ItemRow>,
    central_changed: Vec<ItemRow>,
    proposals: Vec<ProposalRow>,
    feedback: Vec<FeedbackRow>,
    is_admin: bool,
}

fn local_time(at: chrono::DateTime<FixedOffset>) -> String {
    at.with_timezone(&Local).format("%d.%m.%Y %H:%M").to_string()
}

async fn dashboard(state: web::Data<AppState>, visitor: Visitor) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let own = desk.own_ids();
    let query = |status| repo::ItemQuery { area_ids: own.clone(), status: Some(status), limit: 200, ..Default::default() };
    let drafts = repo::items(&state.db, &query(Status::Draft)).await?;
    let ids: Vec<i32> = drafts.iter().map(|d| d.id).collect();
    let authors = revisions::last_authors(&state.db, &ids).await?;
    let (mine, others): (Vec<_>, Vec<_>) =
        drafts.iter().partition(|d| authors.get(&d.id).copied().flatten() == Some(desk.user.id));
    let in_review = repo::items(&state.db, &query(Status::InReview)).await?;
    let scheduled = repo::scheduled(&state.db, &own).await?;
    let passed = repo::review_passed(&state.db, &own, Local::now().date_naive()).await?;
    let local_ids: Vec<i32> = own.iter().copied().filter(|id| *id != desk.central.id).collect();
    let behind = service::adaptations_behind(&state.db, &local_ids, desk.central.id).await?;
    let proposals = if desk.may(Action::DecideProposal) {
        repo::open_proposals(&state.db, None).await?
    } else {
        repo::open_proposals(&state.db, Some(desk.user.id)).await?
    };
    let item_ids: Vec<i32> = proposals.iter().map(|p| p.content_item_id).collect();
    let titles: HashMap<i32, String> =
        content_repo::items_by_ids(&state.db, &item_ids).await?.into_iter().map(|i| (i.id, i.title)).collect();
    let proposal_rows = proposals
        .into_iter()
        .map(|proposal| ProposalRow {
            id: proposal.id,
            item_title: titles.get(&proposal.content_item_id).cloned().unwrap_or_default(),
            proposer: proposal.proposer_name,
            url: format!("/redaksjon/forslag/{}", proposal.id),
        })
        .collect();
    let feedback_ids: Vec<i32> =
        desk.areas.iter().filter(|a| desk.may(Action::HandleFeedback(AreaRef::from(*a)))).map(|a| a.id).collect();
    let feedback = feedback::repo::open_in(&state.db, &feedback_ids, 50)
        .await?
        .into_iter()
        .map(|f| FeedbackRow {
            id: f.id,
            kind: feedback::Kind::label(&f.kind),
            message: f.message,
            page: f.page_path,
            area: desk.area(f.area_id).map(|a| a.name.clone()).unwrap_or_default(),
            received: local_time(f.created_at),
        })
        .collect();
    let page = DashboardPage {
        name: desk.user.name.clone(),
        role: desk.user.role.label(),
        areas: desk.editable().iter().map(|a| a.name.clone()).collect(),
        my_drafts: mine.iter().map(|i| row(&desk, i, String::new())).collect(),
        other_drafts: others.iter().map(|i| row(&desk, i, String::new())).collect(),
        in_review: in_review.iter().map(|i| row(&desk, i, String::new())).collect(),
        scheduled: scheduled
            .iter()
            .map(|i| row(&desk, i, i.publish_at.map(|at| format!("publiseres {}", local_time(at))).unwrap_or_default()))
            .collect(),
        review_passed: passed
            .iter()
            .map(|i| row(&desk, i, i.review_by.map(|d| format!("skulle vært gjennomgått {}", d.format("%d.%m.%Y"))).unwrap_or_default()))
            .collect(),
        central_changed: behind
            .iter()
            .map(|b| row(&desk, &b.local, format!("«{}» er endret sentralt", b.original.title)))
            .collect(),
        proposals: proposal_rows,
        feedback,
        is_admin: desk.user.role == Role::Admin,
    };
    render(&state.templates, "editorial/dashboard.html", &chrome("Redaksjon"), &visitor, &page)
}

#[derive(Deserialize)]
struct ListQuery {
    omrade: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    status: Option<String>,
    q: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct ItemsPage {
    rows: Vec<ItemRow>,
    areas: Vec<Choice>,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    q: String,
}

fn kind_choices(selected: Option<&str>) -> Vec<Choice> {
    ContentKind::ALL
        .into_iter()
        .map(|k| Choice { value: k.as_str().into(), label: k.label().into(), selected: selected == Some(k.as_str()) })
        .collect()
}

async fn list_items(state: web::Data<AppState>, visitor: Visitor, query: web::Query<ListQuery>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let query = query.into_inner();
    let readable = desk.readable_ids();
    let area_ids = match query.omrade.as_deref().filter(|s| !s.is_empty()).and_then(|s| desk.area_by_slug(s)) {
        Some(area) if readable.contains(&area.id) => vec![area.id],
        Some(_) => return Err(AppError::Forbidden("Du har ikke redaktørtilgang til dette området.".into())),
        None => readable.clone(),
    };
    let status = query.status.as_deref().filter(|s| !s.is_empty()).and_then(revisions::parse_status);
    let kind = query.kind.clone().filter(|k| k.parse::<ContentKind>().is_ok());
    let items = repo::items(&state.db, &repo::ItemQuery { area_ids, status, kind: kind.clone(), title: query.q.clone(), limit: 300 }).await?;
    let page = ItemsPage {
        rows: items.iter().map(|i| row(&desk, i, String::new())).collect(),
        areas: desk
            .areas
            .iter()
            .filter(|a| readable.contains(&a.id))
            .map(|a| Choice { value: a.slug.clone(), label: a.name.clone(), selected: query.omrade.as_deref() == Some(a.slug.as_str()) })
            .collect(),
        kinds: kind_choices(kind.as_deref()),
        statuses: ["draft", "in_review", "published", "archived"]
            .into_iter()
            .map(|s| Choice { value: s.into(), label: status_label(s).into(), selected: query.status.as_deref() == Some(s) })
            .collect(),
        q: query.q.unwrap_or_default(),
    };
    render(&state.templates, "editorial/items.html", &chrome("Innhold"), &visitor, &page)
}

#[derive(Serialize)]
struct ThemeChoice {
    slug: String,
    name: String,
    checked: bool,
}

#[derive(Serialize)]
struct ItemInfo {
    id: i32,
    title: String,
    status: String,
    status_label: &'static str,
    area: String,
    kind_label: &'static str,
    kind: String,
    lang: String,
    public_url: Option<String>,
    adapts: Option<String>,
    original_url: Option<String>,
    publish_at: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct Step {
    value: &'static str,
    label: &'static str,
}

#[derive(Serialize, Default)]
struct EditPage {
    /// "new", "edit" or "propose" (a central item seen by a local editor).
    mode: &'static str,
    action: String,
    item: Option<ItemInfo>,
    new: NewItemFields,
    area_choices: Vec<Choice>,
    kind_choices: Vec<Choice>,
    lang_choices: Vec<Choice>,
    fields: ItemFields,
    themes: Vec<ThemeChoice>,
    errors: Vec<String>,
    preview_html: Option<String>,
    steps: Vec<Step>,
    can_schedule: bool,
    adapt_into: Vec<Choice>,
    /// The revision the form was made from; a save names it, so a colleague's save in
    /// between is not silently overwritten.
    revision: i32,
}

/// What an edit page shows besides the item: what the editor typed, and why it came back.
#[derive(Default)]
struct Typed {
    fields: Option<ItemFields>,
    errors: Vec<String>,
    preview: Option<String>,
    /// The revision the editor's form was made from (default: the latest).
    revision: Option<i32>,
}

const LANGS: [&str; 10] = ["nb", "nn", "en", "ar", "so", "pl", "uk", "ur", "ti", "se"];

fn lang_choices(selected: &str) -> Vec<Choice> {
    LANGS
        .iter()
        .filter_map(|code| Lang::parse(code).ok())
        .map(|l| Choice { value: l.to_string(), label: format!("{} ({})", l.name_in_bokmal(), l), selected: l.as_str() == selected })
        .collect()
}

fn theme_choices(themes: &[theme::Model], checked: &[String]) -> Vec<ThemeChoice> {
    themes.iter().map(|t| ThemeChoice { slug: t.slug.clone(), name: t.name.clone(), checked: checked.contains(&t.slug) }).collect()
}

/// The workflow buttons for an item in this status; `course_changes` is whether a
/// published course has edits waiting to be published.
pub(crate) fn steps_from(status: &str, course_changes: bool) -> Vec<Step> {
    let status = revisions::parse_status(status).unwrap_or(Status::Draft);
    [
        (Transition::PublishChanges, "publish_changes", "Publiser kursendringene"),
        (Transition::SubmitForReview, "review", "Send til gjennomgang"),
        (Transition::Publish, "publish", "Publiser nå"),
        (Transition::ReturnToDraft, "draft", "Sett tilbake til utkast"),
        (Transition::Archive, "archive", "Arkiver"),
    ]
    .into_iter()
    .filter(|(step, _, _)| step.allowed_from(status) && (*step != Transition::PublishChanges || course_changes))
    .map(|(_, value, label)| Step { value, label })
    .collect()
}

/// Where an item's editors work on it: a course's structure editor, or its edit page.
fn editor_url(item: &content_item::Model) -> String {
    if item.kind == ContentKind::Course.as_str() {
        format!("/redaksjon/kurs/{}", item.id)
    } else {
        format!("/redaksjon/innhold/{}", item.id)
    }
}

async fn new_item_form(state: web::Data<AppState>, visitor: Visitor, query: web::Query<ListQuery>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let themes = content_repo::themes(&state.db).await?;
    let new = NewItemFields {
        area: query.omrade.clone().unwrap_or_else(|| desk.editable().first().map(|a| a.slug.clone()).unwrap_or_default()),
        kind: query.kind.clone().unwrap_or_else(|| "guide".into()),
        slug: String::new(),
        lang: "nb".into(),
    };
    let page = new_page(&desk, new, ItemFields::default(), &themes, Vec::new(), None);
    render(&state.templates, "editorial/edit.html", &chrome("Ny side"), &visitor, &page)
}

fn new_page(desk: &Desk, new: NewItemFields, fields: ItemFields, themes: &[theme::Model], errors: Vec<String>, preview: Option<String>) -> EditPage {
    EditPage {
        mode: "new",
        action: "/redaksjon/innhold".into(),
        area_choices: desk
            .editable()
            .iter()
            .map(|a| Choice { value: a.slug.clone(), label: a.name.clone(), selected: a.slug == new.area })
            .collect(),
        kind_choices: kind_choices(Some(&new.kind)),
        lang_choices: lang_choices(&new.lang),
        themes: theme_choices(themes, &fields.themes),
        new,
        fields,
        errors,
        preview_html: preview,
        ..Default::default()
    }
}

async fn create_item(state: web::Data<AppState>, visitor: Visitor, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let data = form(&body)?;
    let (new, fields) = (NewItemFields::from_form(&data), ItemFields::from_form(&data));
    let area = desk
        .area_by_slug(&new.area)
        .ok_or_else(|| AppError::BadRequest(format!("Området «{}» finnes ikke.", new.area)))?
        .clone();
    visitor.may(Action::Edit(AreaRef::from(&area)))?;
    let themes = content_repo::themes(&state.db).await?;
    let again = |errors: Vec<String>, preview: Option<String>| -> Result<HttpResponse, AppError> {
        let page = new_page(&desk, new.clone(), fields.clone(), &themes, errors, preview);
        render(&state.templates, "editorial/edit.html", &chrome("Ny side"), &visitor, &page)
    };
    if data.get("action") == "preview" {
        return again(Vec::new(), Some(markdown::render_off_thread(fields.body.clone()).await));
    }
    let base = match new.base(area.id, &area.slug, &fields.title) {
        Ok(base) => base,
        Err(mut errors) => {
            // Name the problems of the other fields too, checked against a stand-in.
            let stand_in = NewItemFields { slug: "utkast".into(), kind: "news".into(), lang: "nb".into(), ..new.clone() };
            if let Ok(stand_in) = stand_in.base(area.id, &area.slug, "") {
                errors.extend(fields.apply_to(&stand_in, &themes).err().unwrap_or_default());
            }
            return Ok(unprocessable(again(errors, None)?));
        }
    };
    match service::create(&state.db, &desk.signature, base, &fields, &themes).await {
        Ok(created) => Ok(see_other(editor_url(&created))),
        Err(EditError::Invalid(errors)) => Ok(unprocessable(again(errors, None)?)),
        Err(error) => Err(error.into()),
    }
}

/// The live preview: Markdown rendered by the same code as the public page.
async fn preview(body: web::Bytes) -> Result<HttpResponse, AppError> {
    let data = form(&body)?;
    let html = markdown::render_off_thread(data.get("body")).await;
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html))
}

async fn edit_page(state: &AppState, desk: &Desk, item: &content_item::Model, area: &area::Model, typed: Typed) -> Result<EditPage, AppError> {
    let Typed { fields, errors, preview, revision } = typed;
    let themes = content_repo::themes(&state.db).await?;
    let current = content_repo::as_write(&state.db, item).await?;
    let fields = fields.unwrap_or_else(|| ItemFields::of(&current, &themes));
    let revision = match revision {
        Some(revision) => revision,
        None => revisions::latest_number(&state.db, item.id).await?,
    };
    let here = AreaRef::from(area);
    let editable = desk.may(Action::Edit(here));
    let mode = if editable { "edit" } else { "propose" };
    let original_url = match &item.adapts {
        Some(adapts) => repo::central_original(&state.db, desk.central.id, adapts)
            .await?
            .map(|o| format!("/redaksjon/innhold/{}", o.id)),
        None => None,
    };
    let adapt_into = if here.central && item.status == Status::Published.as_str() {
        desk.editable()
            .into_iter()
            .filter(|a| a.slug != CENTRAL)
            .map(|a| Choice { value: a.slug.clone(), label: a.name.clone(), selected: false })
            .collect()
    } else {
        Vec::new()
    };
    Ok(EditPage {
        mode,
        action: if editable { format!("/redaksjon/innhold/{}", item.id) } else { format!("/redaksjon/innhold/{}/forslag", item.id) },
        item: Some(ItemInfo {
            id: item.id,
            title: item.title.clone(),
            status: item.status.clone(),
            status_label: status_label(&item.status),
            area: area.name.clone(),
            kind_label: item.kind.parse::<ContentKind>().map_or("", |k| k.label()),
            kind: item.kind.clone(),
            lang: item.lang.clone(),
            public_url: (item.status == Status::Published.as_str()).then(|| item_url(&area.slug, &item.kind, &item.slug, &item.lang)),
            adapts: item.adapts.clone(),
            original_url,
            publish_at: item.publish_at.map(local_time),
        }),
        themes: theme_choices(&themes, &fields.themes),
        fields,
        errors,
        preview_html: preview,
        steps: if editable { steps_from(&item.status, crate::courses::versions::has_unpublished_changes(&state.db, item).await?) } else { Vec::new() },
        can_schedule: editable && Transition::Publish.allowed_from(revisions::parse_status(&item.status).unwrap_or(Status::Draft)),
        adapt_into,
        revision,
        ..Default::default()
    })
}

async fn edit_item_form(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::ReadUnpublished).await?;
    let page = edit_page(&state, &desk, &item, &area, Typed::default()).await?;
    render(&state.templates, "editorial/edit.html", &chrome(&format!("Rediger «{}»", item.title)), &visitor, &page)
}

async fn save_item(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::Edit).await?;
    let data = form(&body)?;
    let fields = ItemFields::from_form(&data);
    let title = format!("Rediger «{}»", item.title);
    let seen = data
        .get("revision")
        .parse::<i32>()
        .map_err(|_| AppError::BadRequest("Skjemaet mangler sidens versjonsnummer. Åpne siden på nytt.".into()))?;
    if data.get("action") == "preview" {
        let preview = Some(markdown::render_off_thread(fields.body.clone()).await);
        let typed = Typed { preview, fields: Some(fields), revision: Some(seen), ..Default::default() };
        let page = edit_page(&state, &desk, &item, &area, typed).await?;
        return render(&state.templates, "editorial/edit.html", &chrome(&title), &visitor, &page);
    }
    let themes = content_repo::themes(&state.db).await?;
    match service::save(&state.db, &desk.signature, item.clone(), &fields, &themes, seen).await {
        Ok(saved) => Ok(see_other(format!("/redaksjon/innhold/{}?lagret=1", saved.id))),
        Err(EditError::Invalid(errors)) => {
            let typed = Typed { fields: Some(fields), errors, revision: Some(seen), ..Default::default() };
            let page = edit_page(&state, &desk, &item, &area, typed).await?;
            Ok(unprocessable(render(&state.templates, "editorial/edit.html", &chrome(&title), &visitor, &page)?))
        }
        // A colleague saved first: the form again with what this editor typed, now made
        // from the latest revision, so saving again is a choice made knowingly.
        Err(EditError::Conflict(message)) => {
            let item = content_repo::item_by_id(&state.db, item.id).await?.unwrap_or(item);
            let typed = Typed { fields: Some(fields), errors: vec![message], ..Default::default() };
            let page = edit_page(&state, &desk, &item, &area, typed).await?;
            let mut response = render(&state.templates, "editorial/edit.html", &chrome(&title), &visitor, &page)?;
            *response.status_mut() = StatusCode::CONFLICT;
            Ok(response)
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct StatusForm {
    to: String,
    #[serde(default)]
    publish_at: String,
}

async fn change_status(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>, form: web::Form<StatusForm>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::Edit).await?;
    let step = match form.to.as_str() {
        "review" => Transition::SubmitForReview,
        "publish" => Transition::Publish,
        "draft" => Transition::ReturnToDraft,
        "archive" => Transition::Archive,
        "publish_changes" => Transition::PublishChanges,
        "schedule" => {
            let at = NaiveDateTime::parse_from_str(form.publish_at.trim(), "%Y-%m-%dT%H:%M")
                .or_else(|_| NaiveDateTime::parse_from_str(form.publish_at.trim(), "%Y-%m-%dT%H:%M:%S"))
                .ok()
                .and_then(|t| Local.from_local_datetime(&t).single())
                .ok_or_else(|| AppError::BadRequest("Skriv tidspunktet for publisering som dato og klokkeslett.".into()))?;
            Transition::Schedule(at.fixed_offset())
        }
        other => return Err(AppError::BadRequest(format!("Ukjent steg «{other}».")) ),
    };
    match service::transition(&state.db, &desk.signature, item.clone(), step).await {
        Ok(_) => Ok(see_other(editor_url(&item))),
        Err(EditError::Invalid(errors)) => {
            let page = edit_page(&state, &desk, &item, &area, Typed { errors, ..Default::default() }).await?;
            Ok(unprocessable(render(&state.templates, "editorial/edit.html", &chrome(&item.title), &visitor, &page)?))
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct CompareQuery {
    fra: Option<i32>,
    til: Option<i32>,
}

#[derive(Serialize)]
struct RevisionRow {
    number: i32,
    author: String,
    at: String,
    note: String,
}

#[derive(Serialize)]
struct RevisionsPage {
    item_id: i32,
    title: String,
    can_restore: bool,
    revisions: Vec<RevisionRow>,
    from: i32,
    to: i32,
    diff: Vec<diff::DiffLine>,
}

async fn theme_names(state: &AppState) -> Result<HashMap<i32, String>, AppError> {
    Ok(content_repo::themes(&state.db).await?.into_iter().map(|t| (t.id, t.name)).collect())
}

async fn list_revisions(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>, query: web::Query<CompareQuery>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::ReadUnpublished).await?;
    let all = revisions::list(&state.db, item.id).await?;
    let latest = all.first().map_or(0, |r| r.number);
    let to = query.til.unwrap_or(latest);
    let from = query.fra.unwrap_or(to - 1).max(0);
    let names = theme_names(&state).await?;
    let name_of = |id: i32| names.get(&id).cloned().unwrap_or_else(|| id.to_string());
    let text_of = |number: i32| {
        let state = &state;
        async move {
            if number == 0 {
                return Ok::<String, AppError>(String::new());
            }
            let (_, snapshot) = revisions::get(&state.db, item.id, number)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("Siden har ingen versjon {number}.")))?;
            Ok(super::revision_text(&snapshot, &name_of))
        }
    };
    let (old, new) = (text_of(from).await?, text_of(to).await?);
    let page = RevisionsPage {
        item_id: item.id,
        title: item.title.clone(),
        can_restore: desk.may(Action::Edit(AreaRef::from(&area))),
        revisions: all
            .iter()
            .map(|r| RevisionRow { number: r.number, author: r.author_name.clone(), at: local_time(r.created_at), note: r.note.clone() })
            .collect(),
        from,
        to,
        diff: diff::lines(&old, &new),
    };
    render(&state.templates, "editorial/revisions.html", &chrome(&format!("Versjoner av «{}»", item.title)), &visitor, &page)
}

async fn restore_revision(state: web::Data<AppState>, visitor: Visitor, path: web::Path<(i32, i32)>) -> Result<HttpResponse, AppError> {
    let (id, number) = path.into_inner();
    let desk = Desk::of(&state, &visitor).await?;
    let (item, _) = load_item(&state, &desk, id, Action::Edit).await?;
    let latest = service::restore(&state.db, &desk.signature, item, number).await?;
    Ok(see_other(format!("/redaksjon/innhold/{id}/versjoner?fra={number}&til={latest}")))
}

async fn propose_change(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::Propose).await?;
    let data = form(&body)?;
    let fields = ItemFields::from_form(&data);
    let themes = content_repo::themes(&state.db).await?;
    match service::propose(&state.db, &desk.signature, &item, &fields, &data.get("note"), &themes).await {
        Ok(id) => Ok(see_other(format!("/redaksjon/forslag/{id}"))),
        Err(EditError::Invalid(errors)) => {
            let page = edit_page(&state, &desk, &item, &area, Typed { fields: Some(fields), errors, ..Default::default() }).await?;
            Ok(unprocessable(render(&state.templates, "editorial/edit.html", &chrome(&item.title), &visitor, &page)?))
        }
        Err(error) => Err(error.into()),
    }
}

impl From<MediaError> for AppError {
    fn from(error: MediaError) -> Self {
        let message = error.to_string();
        match error {
            MediaError::NotAnImage => AppError::UnsupportedMedia(message),
            MediaError::TooManyBytes | MediaError::TooLargeDimensions { .. } => AppError::TooLarge(message),
            MediaError::Corrupt(_) => AppError::BadRequest(message),
            MediaError::Storage { .. } => AppError::Internal(message),
        }
    }
}

/// Reads one multipart field whole, refusing it past `limit` bytes.
async fn read_field(field: &mut actix_multipart::Field, limit: usize) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(format!("Opplastingen kom ikke fram helt: {e}.")))?;
        if bytes.len() + chunk.len() > limit {
            return Err(MediaError::TooManyBytes.into());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// An image uploaded on the edit page: checked, stored as renditions and put into the
/// text with its alt text; a refused upload writes nothing.
async fn upload_image(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<i32>,
    mut upload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, _) = load_item(&state, &desk, path.into_inner(), Action::Edit).await?;
    let (mut image, mut alt) = (Vec::new(), String::new());
    while let Some(field) = upload.next().await {
        let mut field = field.map_err(|e| AppError::BadRequest(format!("Opplastingen kunne ikke leses: {e}.")))?;
        match field.name().unwrap_or_default() {
            "image" => image = read_field(&mut field, media::MAX_BYTES).await?,
            "alt" => alt = String::from_utf8_lossy(&read_field(&mut field, 2_000).await?).into_owned(),
            _ => drop(read_field(&mut field, 10_000).await?),
        }
    }
    if image.is_empty() {
        return Err(AppError::BadRequest("Velg en bildefil å laste opp.".into()));
    }
    if alt.trim().is_empty() {
        return Err(AppError::BadRequest("Skriv hva bildet viser (alternativ tekst) før du laster det opp.".into()));
    }
    let media_dir = state.config.media_dir();
    let stored = media::store_within_budget(media_dir, image).await?;
    let id = item.id;
    if let Err(error) = service::attach_image(&state.db, &desk.signature, item, &stored, &alt).await {
        media::remove(&state.config.media_dir(), &stored.key);
        return Err(error.into());
    }
    Ok(see_other(format!("/redaksjon/innhold/{id}?bilde={}", stored.key)))
}

#[derive(Deserialize)]
struct AdaptForm {
    area: String,
}

async fn adapt_item(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>, form: web::Form<AdaptForm>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (original, from) = load_item(&state, &desk, path.into_inner(), Action::ReadUnpublished).await?;
    let target = desk
        .area_by_slug(&form.area)
        .ok_or_else(|| AppError::BadRequest(format!("Området «{}» finnes ikke.", form.area)))?
        .clone();
    visitor.may(Action::Edit(AreaRef::from(&target)))?;
    if from.slug != CENTRAL || target.slug == CENTRAL {
        return Err(AppError::Conflict("Bare sentralt innhold kan tilpasses lokalt, og bare til et lokalt område.".into()));
    }
    let id = service::adapt(&state.db, &desk.signature, &original, &target).await?;
    Ok(see_other(format!("/redaksjon/innhold/{id}")))
}

async fn acknowledge_central_change(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, _) = load_item(&state, &desk, path.into_inner(), Action::Edit).await?;
    service::acknowledge_central_change(&state.db, &item, desk.central.id).await?;
    Ok(see_other("/redaksjon"))
}

#[derive(Serialize)]
struct ProposalPage {
    id: i32,
    item_id: i32,
    item_title: String,
    proposer: String,
    note: String,
    state: String,
    created: String,
    changed_since: bool,
    can_decide: bool,
    diff: Vec<diff::DiffLine>,
}

async fn show_proposal(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let id = path.into_inner();
    let proposal = repo::proposal(&state.db, id).await?.ok_or_else(|| AppError::NotFound(format!("Fant ikke endringsforslag {id}.")))?;
    let (item, _) = load_item(&state, &desk, proposal.content_item_id, Action::ReadUnpublished).await?;
    let can_decide = desk.may(Action::DecideProposal);
    if !can_decide && proposal.proposer_id != Some(desk.user.id) {
        return Err(AppError::Forbidden("Forslaget er sendt av en annen redaktør.".into()));
    }
    let names = theme_names(&state).await?;
    let name_of = |id: i32| names.get(&id).cloned().unwrap_or_else(|| id.to_string());
    let current = revisions::Snapshot::of_write(&content_repo::as_write(&state.db, &item).await?);
    let proposed: revisions::Snapshot = serde_json::from_str(&proposal.snapshot).map_err(|e| AppError::Internal(e.to_string()))?;
    let page = ProposalPage {
        id,
        item_id: item.id,
        item_title: item.title.clone(),
        proposer: proposal.proposer_name.clone(),
        note: proposal.note.clone(),
        state: proposal.state.clone(),
        created: local_time(proposal.created_at),
        changed_since: revisions::latest_number(&state.db, item.id).await? > proposal.base_revision,
        can_decide: can_decide && proposal.state == "open",
        diff: diff::lines(&super::revision_text(&current, &name_of), &super::revision_text(&proposed, &name_of)),
    };
    render(&state.templates, "editorial/proposal.html", &chrome("Endringsforslag"), &visitor, &page)
}

async fn decide(state: &AppState, visitor: &Visitor, id: i32, accept: bool) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(state, visitor).await?;
    visitor.may(Action::DecideProposal)?;
    let item_id = service::decide_proposal(&state.db, &desk.signature, id, accept).await?;
    Ok(see_other(format!("/redaksjon/innhold/{item_id}")))
}

async fn accept_proposal(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    decide(&state, &visitor, path.into_inner(), true).await
}

async fn reject_proposal(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    decide(&state, &visitor, path.into_inner(), false).await
}

#[derive(Serialize)]
struct UserRow {
    id: i32,
    email: String,
    name: String,
    role: String,
    role_label: &'static str,
    /// Area slugs (for the form) and names (to read).
    area_slugs: Vec<String>,
    areas: String,
}

/// What was typed into "Ny bruker", shown again when it is refused (never the password).
#[derive(Serialize, Default)]
struct NewUserTyped {
    name: String,
    email: String,
    role: String,
    areas: Vec<String>,
}

/// A role change to admin waiting for the admin's confirmation.
#[derive(Serialize)]
struct AdminToConfirm {
    user_id: i32,
    name: String,
}

#[derive(Serialize)]
struct UsersPage {
    users: Vec<UserRow>,
    /// Least privilege first: a new user is a learner unless the admin picks otherwise.
    roles: Vec<Choice>,
    areas: Vec<Choice>,
    errors: Vec<String>,
    typed: NewUserTyped,
    confirm: Option<AdminToConfirm>,
}

/// Roles from the least to the most privileged, for the forms.
const ROLES_BY_PRIVILEGE: [Role; 4] = [Role::Learner, Role::LocalEditor, Role::CentralEditor, Role::Admin];

/// The field an admin ticks to say "yes, this user is to be an administrator".
const CONFIRM_ADMIN: &str = "bekreft_admin";

/// Granting the admin role needs the confirmation field.
fn admin_unconfirmed(role: Role, data: &FormData) -> bool {
    role == Role::Admin && data.get(CONFIRM_ADMIN) != "ja"
}

struct UsersPageState {
    errors: Vec<String>,
    typed: NewUserTyped,
    confirm: Option<AdminToConfirm>,
}

impl UsersPageState {
    fn fresh() -> Self {
        UsersPageState { errors: Vec::new(), typed: NewUserTyped { role: Role::Learner.as_str().into(), ..Default::default() }, confirm: None }
    }

    fn refused(error: String) -> Self {
        UsersPageState { errors: vec![error], ..Self::fresh() }
    }
}

async fn users_page(state: &AppState, visitor: &Visitor, shown: UsersPageState) -> Result<HttpResponse, AppError> {
    visitor.may(Action::ManageUsers)?;
    let all_areas = areas::repo::all(&state.db).await?;
    let areas_of = accounts_repo::area_ids_by_user(&state.db).await?;
    let mut users = Vec::new();
    for user in accounts_repo::all(&state.db).await? {
        let area_ids = areas_of.get(&user.id).map(Vec::as_slice).unwrap_or_default();
        let theirs: Vec<&area::Model> = all_areas.iter().filter(|a| area_ids.contains(&a.id)).collect();
        users.push(UserRow {
            id: user.id,
            role_label: user.role.parse::<Role>().map_or("Ukjent", |r| r.label()),
            role: user.role,
            email: user.email,
            name: user.name,
            area_slugs: theirs.iter().map(|a| a.slug.clone()).collect(),
            areas: theirs.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "),
        });
    }
    let refused = !shown.errors.is_empty();
    let page = UsersPage {
        users,
        roles: ROLES_BY_PRIVILEGE
            .into_iter()
            .map(|r| Choice { value: r.as_str().into(), label: r.label().into(), selected: r.as_str() == shown.typed.role })
            .collect(),
        areas: all_areas
            .iter()
            .filter(|a| a.slug != CENTRAL)
            .map(|a| Choice { value: a.slug.clone(), label: a.name.clone(), selected: shown.typed.areas.contains(&a.slug) })
            .collect(),
        errors: shown.errors,
        typed: shown.typed,
        confirm: shown.confirm,
    };
    let response = render(&state.templates, "editorial/users.html", &chrome("Brukere og roller"), visitor, &page)?;
    Ok(if refused { unprocessable(response) } else { response })
}

async fn list_users(state: web::Data<AppState>, visitor: Visitor) -> Result<HttpResponse, AppError> {
    users_page(&state, &visitor, UsersPageState::fresh()).await
}

async fn create_user(state: web::Data<AppState>, visitor: Visitor, body: web::Bytes) -> Result<HttpResponse, AppError> {
    visitor.may(Action::ManageUsers)?;
    let data = form(&body)?;
    let areas = data.all("area");
    let typed = NewUserTyped { name: data.get("name"), email: data.get("email"), role: data.get("role"), areas: areas.clone() };
    let refuse = |error: String, typed: NewUserTyped| UsersPageState { errors: vec![error], typed, confirm: None };
    let role = match data.get("role").parse::<Role>() {
        Ok(role) => role,
        Err(error) => return users_page(&state, &visitor, refuse(error.to_string(), typed)).await,
    };
    if admin_unconfirmed(role, &data) {
        let error = "Kryss av for at den nye brukeren skal være administrator: en administrator kan endre alt, også roller.".to_owned();
        return users_page(&state, &visitor, refuse(error, typed)).await;
    }
    let new = accounts::NewAccount { email: &data.get("email"), name: &data.get("name"), password: &data.get("password"), role, areas: &areas };
    match accounts::create_account(&state.db, new, &visitor.actor()).await {
        Ok(_) => Ok(see_other("/redaksjon/brukere")),
        Err(accounts::AccountError::Database(error)) => Err(error.into()),
        Err(error) => users_page(&state, &visitor, refuse(error.to_string(), typed)).await,
    }
}

async fn change_role(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    visitor.may(Action::ManageUsers)?;
    let data = form(&body)?;
    let user_id = path.into_inner();
    let role = match data.get("role").parse::<Role>() {
        Ok(role) => role,
        Err(error) => return users_page(&state, &visitor, UsersPageState::refused(error.to_string())).await,
    };
    let user = accounts_repo::by_id(&state.db, user_id).await?.ok_or_else(|| AppError::NotFound(format!("Fant ingen bruker med nummer {user_id}.")))?;
    if admin_unconfirmed(role, &data) && user.role != Role::Admin.as_str() {
        let error = format!("Vil du gjøre {} til administrator? En administrator kan endre alt, også roller.", user.name);
        let confirm = Some(AdminToConfirm { user_id, name: user.name });
        return users_page(&state, &visitor, UsersPageState { confirm, ..UsersPageState::refused(error) }).await;
    }
    match accounts::change_role(&state.db, user_id, role, &data.all("area"), &visitor.actor()).await {
        Ok(()) => Ok(see_other("/redaksjon/brukere")),
        Err(accounts::AccountError::Database(error)) => Err(error.into()),
        Err(accounts::AccountError::UnknownUser(id)) => Err(AppError::NotFound(format!("Fant ingen bruker med nummer {id}."))),
        Err(error) => users_page(&state, &visitor, UsersPageState::refused(error.to_string())).await,
    }
}

#[derive(Serialize)]
struct AuditRow {
    at: String,
    actor: String,
    action: String,
    target: String,
    from: String,
    detail: String,
}

async fn audit_log(state: web::Data<AppState>, visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.may(Action::ReadAuditLog)?;
    let rows: Vec<AuditRow> = audit::latest(&state.db, 500)
        .await?
        .into_iter()
        .map(|e| AuditRow {
            at: local_time(e.at),
            actor: e.actor,
            action: e.action,
            target: e.target,
            from: e.from_address.unwrap_or_default(),
            detail: e.detail,
        })
        .collect();
    #[derive(Serialize)]
    struct AuditPage {
        rows: Vec<AuditRow>,
    }
    render(&state.templates, "editorial/audit.html", &chrome("Revisjonslogg"), &visitor, &AuditPage { rows })
}
