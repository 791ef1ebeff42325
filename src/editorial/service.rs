//! Each editorial step in one transaction: the item, its change-log entry (search
//! follows), its revision and its audit entry are written together or not at all.
//! Authorisation is decided before these are called (see `routes`).
use chrono::{DateTime, FixedOffset, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, SqlErr};

use super::{Transition, repo};
use crate::entities::ids::{AreaId, ItemId};
use crate::areas::CENTRAL;
use crate::audit::{self, Actor};
use crate::content::repo::{self as content_repo, ItemWrite, target_of};
use crate::content::revisions::{self, Author};
use crate::content::write::ItemFields;
use crate::content::{ContentKind, ItemRef, Slug, Status, markdown};
use crate::courses::{CourseDefinition, versions};
use crate::editorial::fields::ItemForm;
use crate::entities::proposal::ProposalState;
use crate::entities::{area, content_item, theme};

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// What the editor typed has problems; each is named.
    #[error("{}", .0.join(" "))]
    Invalid(Vec<String>),
    #[error("{0}")]
    NotFound(String),
    /// The step does not fit the item's current state.
    #[error("{0}")]
    Conflict(String),
    #[error("database")]
    Database(#[from] DbErr),
}

/// Who does a step: as the audit log names them, and as the revision list shows them.
#[derive(Clone, Debug)]
pub struct Signature {
    pub actor: Actor,
    pub author: Author,
}

impl Signature {
    pub fn system(name: &str) -> Signature {
        Signature { actor: Actor::system(name), author: Author { id: None, name: name.to_owned() } }
    }
}

/// Revision 1 of an item that had none: its state before the first edit.
async fn record_baseline(txn: &impl ConnectionTrait, item_id: ItemId, current: &ItemWrite) -> Result<(), DbErr> {
    let system = Author { id: None, name: "fagbro".into() };
    revisions::record_numbered(txn, item_id, 1, &current.fields, &system, "Slik det var før første redigering").await
}

/// What an edit changes: the item as it was read, at revision `seen`, and as it is to be.
pub(super) struct Edit<'a> {
    pub(super) current: &'a ItemWrite,
    pub(super) write: &'a ItemWrite,
    pub(super) seen: i32,
}

/// Writes the edit over `item` with a revision and an audit entry, in one transaction.
pub(super) async fn write_with_history(
    db: &DatabaseConnection,
    by: &Signature,
    item: content_item::Model,
    edit: Edit<'_>,
    note: &str,
    action: audit::Action,
) -> Result<content_item::Model, EditError> {
    let Edit { current, write, seen } = edit;
    let txn = crate::db::begin_write(db).await?;
    let number = record_on(&txn, &item, current, write, seen, &by.author, note).await?;
    let target = target_of(&item);
    let written = content_repo::write_item(&txn, Some(item), write).await?;
    audit::record(&txn, &by.actor, action, &target, Some(written.area_id), &format!("versjon {number}: {note}")).await?;
    txn.commit().await?;
    Ok(written)
}

/// The item as a write and the revision it is at: what a step builds on.
pub(super) async fn current_of(db: &DatabaseConnection, item: &content_item::Model) -> Result<(ItemWrite, i32), DbErr> {
    Ok((content_repo::as_write(db, item).await?, revisions::latest_number(db, item.id).await?))
}

/// Records the revision of `write`, built on revision `seen` (the one the editor's form,
/// or the step, read `current` at), first thing in the write's transaction and numbered
/// `seen + 1`. If another revision was saved since, or is saved at the same moment (the
/// number is unique), nothing is written: a conflict, never a lost update or a 500.
async fn record_on(
    txn: &impl ConnectionTrait,
    item: &content_item::Model,
    current: &ItemWrite,
    write: &ItemWrite,
    seen: i32,
    author: &Author,
    note: &str,
) -> Result<i32, EditError> {
    let stale = || EditError::Conflict(stale_message(item));
    if revisions::latest_number(txn, item.id).await? != seen {
        return Err(stale());
    }
    let mut number = seen + 1;
    if seen == 0 {
        // An item that predates revisions: its state before this step becomes revision 1.
        record_baseline(txn, item.id, current).await.map_err(|e| if is_unique_violation(&e) { stale() } else { e.into() })?;
        number = 2;
    }
    let recorded = revisions::record_numbered(txn, item.id, number, &write.fields, author, note).await;
    recorded.map_err(|e| if is_unique_violation(&e) { stale() } else { e.into() })?;
    Ok(number)
}

fn stale_message(item: &content_item::Model) -> String {
    if item.kind == ContentKind::Course {
        "Kurset er endret av noen andre mens du hadde siden åpen. Åpne kurset på nytt og gjør endringen igjen.".into()
    } else {
        "Siden er lagret av noen andre mens du hadde den åpen, så endringene dine er ikke lagret. \
         Det du skrev står i skjemaet: se «Versjoner» for hva som ble endret, og lagre igjen når du har sjekket."
            .into()
    }
}

#[tracing::instrument(skip_all, fields(area = %base.area_id, kind = %base.fields.kind, editor = ?by.author.id))]
pub async fn create(
    db: &DatabaseConnection,
    by: &Signature,
    base: ItemWrite,
    fields: &ItemForm,
    themes: &[theme::Model],
) -> Result<content_item::Model, EditError> {
    let mut write = fields.apply_to(&base, themes).map_err(EditError::Invalid)?;
    write.body_html = markdown::render_off_thread(write.fields.body_markdown.clone()).await;
    // A new translation is made from the Norwegian text as it is now.
    write.fields.translated_from = super::translations::source_of_new(db, &write).await?;
    if content_repo::by_key(db, write.area_id, &write.fields.slug, &write.fields.lang).await?.is_some() {
        return Err(EditError::Invalid(vec![format!(
            "Det finnes allerede en side med adressen «{}» på dette språket i området. Velg en annen adresse (slug).",
            write.fields.slug
        )]));
    }
    let txn = crate::db::begin_write(db).await?;
    let created = content_repo::write_item(&txn, None, &write).await?;
    revisions::record(&txn, created.id, &write.fields, &by.author, "Opprettet").await?;
    audit::record(&txn, &by.actor, audit::Action::ItemCreated, &target_of(&created), Some(created.area_id), "").await?;
    txn.commit().await?;
    Ok(created)
}

#[tracing::instrument(skip_all, fields(item = %item.id, editor = ?by.author.id, seen_revision))]
pub async fn save(
    db: &DatabaseConnection,
    by: &Signature,
    item: content_item::Model,
    fields: &ItemForm,
    themes: &[theme::Model],
    seen_revision: i32,
) -> Result<content_item::Model, EditError> {
    let current = content_repo::as_write(db, &item).await?;
    let mut write = fields.apply_to(&current, themes).map_err(EditError::Invalid)?;
    write.body_html = markdown::render_off_thread(write.fields.body_markdown.clone()).await;
    if write == current {
        return Ok(item);
    }
    if goes_live_on_save(&write) {
        // A published item that is edited is live at once: it must stay publishable.
        check_publishable(&write)?;
        write.fields.updated_on = Some(crate::oslo::now().date_naive());
    }
    let edit = Edit { current: &current, write: &write, seen: seen_revision };
    write_with_history(db, by, item, edit, "Lagret", audit::Action::ItemEdited).await
}

/// A published item is live as saved, except a course: learners are served its frozen
/// versions, and its edits wait until they are published as the next one.
fn goes_live_on_save(write: &ItemWrite) -> bool {
    write.fields.status == Status::Published && write.fields.kind != ContentKind::Course
}

/// Saves a course's structure after one change by an editor, as the next revision.
/// `seen_revision` is the revision the editor's page showed: if someone else saved in
/// between, nothing is written and the editor is told to look again.
#[tracing::instrument(skip_all, fields(item = %item.id, editor = ?by.author.id, seen_revision))]
pub async fn save_course(
    db: &DatabaseConnection,
    by: &Signature,
    item: content_item::Model,
    course: &CourseDefinition,
    seen_revision: i32,
    note: &str,
) -> Result<content_item::Model, EditError> {
    if item.kind != ContentKind::Course {
        return Err(EditError::Conflict("Siden er ikke et e-kurs.".into()));
    }
    let current = content_repo::as_write(db, &item).await?;
    let write = ItemWrite { fields: ItemFields { course_definition: Some(course.to_json()), ..current.fields.clone() }, ..current.clone() };
    if write == current {
        return Ok(item);
    }
    let edit = Edit { current: &current, write: &write, seen: seen_revision };
    write_with_history(db, by, item, edit, note, audit::Action::CourseEdited).await
}

fn is_unique_violation(error: &DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// What must hold before anyone can read an item: a title, alt text on every image, and
/// for a course a complete structure.
fn check_publishable(write: &ItemWrite) -> Result<(), EditError> {
    let mut problems = Vec::new();
    if write.fields.kind == ContentKind::Course {
        let course = write.fields.course_definition.as_deref().map(CourseDefinition::from_json);
        match course {
            Some(Ok(course)) => {
                problems.extend(course.problems().iter().map(|p| format!("Kurset kan ikke publiseres ennå: {p}.")));
                for lesson in course.modules.iter().flat_map(|m| &m.lessons) {
                    for image in markdown::images_without_alt(&lesson.body_markdown) {
                        problems.push(format!("Leksjonen «{}»: bildet {image} mangler alternativ tekst.", lesson.title));
                    }
                }
            }
            _ => problems.push("Kurset har ikke noe innhold ennå.".to_owned()),
        }
    }
    if write.fields.title.trim().is_empty() {
        problems.push("En side uten tittel kan ikke publiseres.".to_owned());
    }
    for image in markdown::images_without_alt(&write.fields.body_markdown) {
        problems.push(format!(
            "Bildet {image} mangler alternativ tekst. Skriv hva bildet viser mellom hakeparentesene: ![Slik ser det ut]({image})."
        ));
    }
    if problems.is_empty() { Ok(()) } else { Err(EditError::Invalid(problems)) }
}

#[tracing::instrument(skip_all, fields(item = %item.id, editor = ?by.author.id, ?step))]
pub async fn transition(
    db: &DatabaseConnection,
    by: &Signature,
    item: content_item::Model,
    step: Transition,
) -> Result<Status, EditError> {
    let (current, seen) = current_of(db, &item).await?;
    if !step.allowed_from(current.fields.status) {
        return Err(EditError::Conflict(format!(
            "Siden kan ikke bli {} når den er «{}».",
            step.label(),
            current.fields.status.label().to_lowercase()
        )));
    }
    if step == Transition::PublishChanges && !versions::has_unpublished_changes(db, &item).await? {
        return Err(EditError::Conflict("Det er ingen kursendringer som venter på å bli publisert.".into()));
    }
    let mut write = current.clone();
    write.fields.status = step.target(current.fields.status);
    if matches!(step, Transition::Publish | Transition::Schedule(_) | Transition::PublishChanges) {
        check_publishable(&write)?;
    }
    if let Transition::Schedule(at) = step
        && at <= Utc::now().fixed_offset()
    {
        return Err(EditError::Invalid(vec!["Tidspunktet for publisering må være fram i tid.".into()]));
    }
    if step == Transition::Publish && write.fields.published_on.is_none() {
        write.fields.published_on = Some(crate::oslo::now().date_naive());
    }
    if step == Transition::PublishChanges {
        write.fields.updated_on = Some(crate::oslo::now().date_naive());
    }
    let action = match step {
        Transition::SubmitForReview => audit::Action::ItemSubmitted,
        Transition::Publish | Transition::PublishChanges => audit::Action::ItemPublished,
        Transition::Schedule(_) => audit::Action::ItemScheduled,
        Transition::ReturnToDraft => audit::Action::ItemReturnedToDraft,
        Transition::Archive => audit::Action::ItemArchived,
    };
    let mut note = match step {
        Transition::Schedule(at) => format!("Planlagt publisert {}", at.with_timezone(&crate::oslo::ZONE).format("%d.%m.%Y %H:%M")),
        other => other.note().to_owned(),
    };
    let txn = crate::db::begin_write(db).await?;
    // The version a course is frozen as is only known once it is frozen, so the note is
    // written after: the revision's number is claimed first with the plain note.
    let number = record_on(&txn, &item, &current, &write, seen, &by.author, &note).await?;
    let target = target_of(&item);
    let written = content_repo::write_item(&txn, Some(item), &write).await?;
    if matches!(step, Transition::Publish | Transition::PublishChanges)
        && let Some(version) = versions::freeze_if_changed(&txn, &written).await?
    {
        note = format!("{note} (kursversjon {version})");
        revisions::set_note(&txn, written.id, number, &note).await?;
    }
    repo::set_publish_at(&txn, written.id, if let Transition::Schedule(at) = step { Some(at) } else { None }).await?;
    audit::record(&txn, &by.actor, action, &target, Some(written.area_id), &format!("versjon {number}: {note}")).await?;
    txn.commit().await?;
    Ok(write.fields.status)
}

/// Publishes every scheduled item whose time has come; returns how many. Each item is
/// claimed first, so two instances never publish the same item twice.
#[tracing::instrument(skip(db))]
pub async fn publish_due(db: &DatabaseConnection, now: DateTime<FixedOffset>) -> Result<usize, DbErr> {
    let scheduler = Signature::system("planlegger");
    let mut published = 0;
    for item in repo::due(db, now).await? {
        let mut write = content_repo::as_write(db, &item).await?;
        let txn = crate::db::begin_write(db).await?;
        if !repo::claim_due(&txn, item.id, now).await? {
            continue;
        }
        write.fields.status = Status::Published;
        write.fields.published_on.get_or_insert(crate::oslo::now().date_naive());
        let target = target_of(&item);
        let written = content_repo::write_item(&txn, Some(item), &write).await?;
        versions::freeze_if_changed(&txn, &written).await?;
        revisions::record(&txn, written.id, &write.fields, &scheduler.author, "Publisert etter plan").await?;
        audit::record(&txn, &scheduler.actor, audit::Action::ItemPublished, &target, Some(written.area_id), "etter plan").await?;
        txn.commit().await?;
        published += 1;
    }
    Ok(published)
}

#[tracing::instrument(skip_all, fields(item = %item.id, editor = ?by.author.id, number))]
pub async fn restore(db: &DatabaseConnection, by: &Signature, item: content_item::Model, number: i32) -> Result<i32, EditError> {
    let (_, snapshot) = revisions::get(db, item.id, number)
        .await?
        .ok_or_else(|| EditError::NotFound(format!("Siden har ingen versjon {number}.")))?;
    let (current, seen) = current_of(db, &item).await?;
    let write = snapshot.restored_onto(&current);
    if goes_live_on_save(&write) {
        check_publishable(&write)?;
    }
    let note = format!("Gjenopprettet fra versjon {number}");
    let edit = Edit { current: &current, write: &write, seen };
    let written = write_with_history(db, by, item, edit, &note, audit::Action::RevisionRestored).await?;
    Ok(revisions::latest_number(db, written.id).await?)
}

/// A local editor's proposed change to a central item, kept for the central editors.
#[tracing::instrument(skip_all, fields(item = %item.id, editor = ?by.author.id))]
pub async fn propose(
    db: &DatabaseConnection,
    by: &Signature,
    item: &content_item::Model,
    fields: &ItemForm,
    note: &str,
    themes: &[theme::Model],
) -> Result<i32, EditError> {
    let current = content_repo::as_write(db, item).await?;
    let proposed = fields.apply_to(&current, themes).map_err(EditError::Invalid)?;
    if proposed.fields == current.fields {
        return Err(EditError::Invalid(vec!["Forslaget endrer ingenting. Gjør endringene i skjemaet først.".into()]));
    }
    let snapshot = serde_json::to_string(&proposed.fields).map_err(|e| DbErr::Custom(e.to_string()))?;
    let txn = crate::db::begin_write(db).await?;
    let base = revisions::latest_number(&txn, item.id).await?;
    let created = repo::insert_proposal(&txn, item.id, (by.author.id, &by.author.name), note.trim(), &snapshot, base).await?;
    audit::record(&txn, &by.actor, audit::Action::ProposalMade, &target_of(item), Some(item.area_id), &format!("forslag {}", created.id)).await?;
    crate::notices::proposal_arrived(&txn, &item.title, &by.author.name, created.id).await?;
    txn.commit().await?;
    Ok(created.id)
}

#[tracing::instrument(skip(db, by), fields(editor = ?by.author.id))]
pub async fn decide_proposal(db: &DatabaseConnection, by: &Signature, proposal_id: i32, accept: bool) -> Result<ItemId, EditError> {
    let proposal = repo::proposal(db, proposal_id)
        .await?
        .ok_or_else(|| EditError::NotFound(format!("Fant ikke endringsforslag {proposal_id}.")))?;
    if proposal.state != ProposalState::Open {
        return Err(EditError::Conflict("Forslaget er allerede behandlet.".into()));
    }
    let item = content_repo::item_by_id(db, proposal.content_item_id)
        .await?
        .ok_or_else(|| EditError::NotFound("Siden forslaget gjelder, finnes ikke lenger.".into()))?;
    let decided_by = by.author.id;
    if !accept {
        let txn = crate::db::begin_write(db).await?;
        if !repo::decide_proposal(&txn, proposal_id, false, decided_by).await? {
            return Err(EditError::Conflict("Forslaget er allerede behandlet.".into()));
        }
        let detail = format!("forslag {proposal_id} fra {}", proposal.proposer_name);
        audit::record(&txn, &by.actor, audit::Action::ProposalRejected, &target_of(&item), Some(item.area_id), &detail).await?;
        crate::notices::proposal_decided(&txn, proposal.proposer_id, &item.title, proposal_id, false, &by.author.name).await?;
        txn.commit().await?;
        return Ok(item.id);
    }
    let snapshot = repo::proposed(&proposal)?;
    let (current, seen) = current_of(db, &item).await?;
    // A proposal changes the item's fields; a course's structure stays as it is now,
    // even if the editors changed it after the proposal was made.
    let mut write = snapshot.restored_onto(&current);
    write.fields.course_definition = current.fields.course_definition.clone();
    if goes_live_on_save(&write) {
        check_publishable(&write)?;
    }
    let txn = crate::db::begin_write(db).await?;
    if !repo::decide_proposal(&txn, proposal_id, true, decided_by).await? {
        return Err(EditError::Conflict("Forslaget er allerede behandlet.".into()));
    }
    let note = format!("Endringsforslag fra {} godtatt", proposal.proposer_name);
    let number = record_on(&txn, &item, &current, &write, seen, &by.author, &note).await?;
    let target = target_of(&item);
    let written = content_repo::write_item(&txn, Some(item), &write).await?;
    audit::record(&txn, &by.actor, audit::Action::ProposalAccepted, &target, Some(written.area_id), &format!("versjon {number}: {note}")).await?;
    crate::notices::proposal_decided(&txn, proposal.proposer_id, &written.title, proposal_id, true, &by.author.name).await?;
    txn.commit().await?;
    Ok(written.id)
}

/// Records an uploaded image and puts it at the end of the item's text, in one
/// transaction with its revision; the editor moves it where it belongs.
#[tracing::instrument(skip_all, fields(item = %item.id, editor = ?by.author.id))]
pub async fn attach_image(
    db: &DatabaseConnection,
    by: &Signature,
    item: content_item::Model,
    stored: &crate::media::Stored,
    alt: &str,
) -> Result<content_item::Model, EditError> {
    let alt = alt.replace(['[', ']', '\r', '\n'], " ").trim().to_owned();
    if alt.is_empty() {
        return Err(EditError::Invalid(vec!["Skriv hva bildet viser (alternativ tekst) før du laster det opp.".into()]));
    }
    let (current, seen) = current_of(db, &item).await?;
    let mut write = current.clone();
    let url = crate::media::content_url(&stored.key);
    write.fields.body_markdown = format!("{}\n\n![{alt}]({url})\n", current.fields.body_markdown.trim_end());
    write.body_html = markdown::render(&write.fields.body_markdown);
    let txn = crate::db::begin_write(db).await?;
    let image = crate::media::repo::NewImage {
        key: &stored.key,
        area_id: item.area_id,
        content_item_id: Some(item.id),
        uploaded_by: by.author.id,
        alt: &alt,
        width: stored.width,
        height: stored.height,
    };
    let note = format!("Bilde lastet opp: {alt}");
    let number = record_on(&txn, &item, &current, &write, seen, &by.author, &note).await?;
    crate::media::repo::insert(&txn, image).await?;
    let target = target_of(&item);
    let written = content_repo::write_item(&txn, Some(item), &write).await?;
    let detail = format!("versjon {number}: {url} ({} × {})", stored.width, stored.height);
    audit::record(&txn, &by.actor, audit::Action::ImageUploaded, &target, Some(written.area_id), &detail).await?;
    txn.commit().await?;
    Ok(written)
}

/// A local draft in `area` adapting the central `original`; an existing adaptation is
/// returned as it is.
#[tracing::instrument(skip_all, fields(original = %original.id, area = %area.id, editor = ?by.author.id))]
pub async fn adapt(
    db: &DatabaseConnection,
    by: &Signature,
    original: &content_item::Model,
    from: &area::Model,
    area: &area::Model,
) -> Result<ItemId, EditError> {
    if from.slug != CENTRAL || area.slug == CENTRAL {
        return Err(EditError::Conflict("Bare sentralt innhold kan tilpasses lokalt, og bare til et lokalt område.".into()));
    }
    // An adaptation is published by its local editors: made from a draft, it would
    // publish central text the central editors have not published.
    if original.status != Status::Published {
        return Err(EditError::Conflict(
            "Bare publisert sentralt innhold kan tilpasses lokalt. Denne siden er ikke publisert ennå.".into(),
        ));
    }
    let adapts = ItemRef {
        kind: original.kind,
        slug: Slug::parse(&original.slug).map_err(|_| EditError::Conflict("Ugyldig adresse.".into()))?,
    };
    if let Some(existing) = content_repo::by_key(db, area.id, &original.slug, &original.lang).await? {
        return if existing.adapts.as_deref() == Some(adapts.to_string().as_str()) {
            Ok(existing.id)
        } else {
            Err(EditError::Conflict(format!(
                "{} har allerede en egen side med adressen «{}». Gi den et annet navn først.",
                area.name, original.slug
            )))
        };
    }
    let central = content_repo::as_write(db, original).await?;
    let fields = ItemFields {
        translation_group: format!("{}/{}/{}", area.slug, adapts.kind, adapts.slug),
        status: Status::Draft,
        published_on: None,
        updated_on: None,
        adapts: Some(adapts),
        // Its source is the central original's; the local copy keeps no translation record.
        translated_from: None,
        ..central.fields.clone()
    };
    let write = ItemWrite { area_id: area.id, source_path: None, fields, ..central };
    let txn = crate::db::begin_write(db).await?;
    let created = content_repo::write_item(&txn, None, &write).await?;
    let seen = revisions::latest_number(&txn, original.id).await?;
    repo::set_adapts_revision(&txn, created.id, seen).await?;
    revisions::record(&txn, created.id, &write.fields, &by.author, "Lokal tilpasning av sentralt innhold").await?;
    audit::record(&txn, &by.actor, audit::Action::ItemAdapted, &target_of(&created), Some(area.id), &format!("fra {}", target_of(original))).await?;
    txn.commit().await?;
    Ok(created.id)
}

/// The local editor has seen the central original's latest change.
#[tracing::instrument(skip_all, fields(item = %item.id))]
pub async fn acknowledge_central_change(db: &DatabaseConnection, item: &content_item::Model, central_id: AreaId) -> Result<(), EditError> {
    let adapts = item.adapts.as_deref().ok_or_else(|| EditError::Conflict("Siden er ikke en lokal tilpasning.".into()))?;
    let original = repo::central_original(db, central_id, adapts)
        .await?
        .ok_or_else(|| EditError::NotFound("Det sentrale originalet finnes ikke lenger.".into()))?;
    let latest = revisions::latest_number(db, original.id).await?;
    repo::set_adapts_revision(db, item.id, latest).await?;
    Ok(())
}

/// A local adaptation whose central original changed after the local editor last looked.
pub struct BehindCentral {
    pub local: content_item::Model,
    pub original: content_item::Model,
}

pub async fn adaptations_behind(db: &DatabaseConnection, area_ids: &[AreaId], central_id: AreaId) -> Result<Vec<BehindCentral>, DbErr> {
    let locals = repo::adaptations_in(db, area_ids).await?;
    let originals = repo::central_originals(db, central_id, &locals).await?;
    let ids: Vec<ItemId> = originals.values().map(|o| o.id).collect();
    let latest = revisions::latest_numbers(db, &ids).await?;
    let mut behind = Vec::new();
    for local in locals {
        let Some(original) = local.adapts.as_deref().and_then(|adapts| originals.get(adapts)) else { continue };
        if latest.get(&original.id).copied().unwrap_or(0) > local.adapts_revision.unwrap_or(0) {
            behind.push(BehindCentral { original: original.clone(), local });
        }
    }
    Ok(behind)
}
