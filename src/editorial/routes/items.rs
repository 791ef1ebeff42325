//! Items: the list, writing a new one, the edit page with its live preview, saving, and workflow steps.
use super::*;

#[derive(Deserialize)]
pub(super) struct ListQuery {
    pub(super) omrade: Option<String>,
    #[serde(rename = "type")]
    pub(super) kind: Option<String>,
    pub(super) status: Option<String>,
    pub(super) q: Option<String>,
    /// A new page's address and language (a translation started from the overview).
    pub(super) slug: Option<String>,
    pub(super) sprak: Option<String>,
}

pub(super) fn kind_choices(selected: Option<&str>) -> Vec<Choice> {
    ContentKind::ALL
        .into_iter()
        .map(|k| Choice { value: k.as_str().into(), label: k.label().into(), selected: selected == Some(k.as_str()) })
        .collect()
}

pub(super) async fn list_items(visitor: Editor, state: web::Data<AppState>, query: web::Query<ListQuery>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let query = query.into_inner();
    let readable = desk.readable_ids();
    let area_ids = match query.omrade.as_deref().filter(|s| !s.is_empty()).and_then(|s| desk.area_by_slug(s)) {
        Some(area) if readable.contains(&area.id) => vec![area.id],
        Some(_) => return Err(AppError::Forbidden("Du har ikke redaktørtilgang til dette området.".into())),
        None => readable.clone(),
    };
    let status = query.status.as_deref().filter(|s| !s.is_empty()).and_then(|s| s.parse::<Status>().ok());
    let kind = query.kind.as_deref().and_then(|k| k.parse::<ContentKind>().ok());
    let items = repo::items(&state.db, &repo::ItemQuery { area_ids, status, kind, title: query.q.clone(), limit: 300 }).await?;
    let page = ItemsPage {
        rows: items.iter().map(|i| row(&desk, i, String::new())).collect(),
        areas: desk
            .areas
            .iter()
            .filter(|a| readable.contains(&a.id))
            .map(|a| Choice { value: a.slug.clone(), label: a.name.clone(), selected: query.omrade.as_deref() == Some(a.slug.as_str()) })
            .collect(),
        kinds: kind_choices(kind.map(ContentKind::as_str)),
        statuses: Status::ALL
            .into_iter()
            .map(|s| Choice { value: s.as_str().into(), label: s.label().into(), selected: status == Some(s) })
            .collect(),
        q: query.q.unwrap_or_default(),
    };
    render(&state.templates, "editorial/items.html", &chrome("Innhold"), &visitor, &page)
}

/// What an edit page shows besides the item: what the editor typed, and why it came back.
#[derive(Default)]
pub(super) struct Typed {
    pub(super) fields: Option<ItemForm>,
    pub(super) errors: Vec<String>,
    pub(super) preview: Option<String>,
    /// The revision the editor's form was made from (default: the latest).
    pub(super) revision: Option<i32>,
}

pub(super) fn lang_choices(selected: &str) -> Vec<Choice> {
    Lang::known()
        .filter(|l| l.as_str() != "no")
        .map(|l| Choice { value: l.to_string(), label: format!("{} ({})", l.name_in_bokmal(), l), selected: l.as_str() == selected })
        .collect()
}

pub(super) fn theme_choices(themes: &[theme::Model], checked: &[String]) -> Vec<ThemeChoice> {
    themes.iter().map(|t| ThemeChoice { slug: t.slug.clone(), name: t.name.clone(), checked: checked.contains(&t.slug) }).collect()
}

/// The workflow buttons for an item in this status; `course_changes` is whether a
/// published course has edits waiting to be published.
pub(crate) fn steps_from(status: Status, course_changes: bool) -> Vec<Step> {
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
pub(super) fn editor_url(item: &content_item::Model) -> String {
    if item.kind == ContentKind::Course {
        format!("/redaksjon/kurs/{}", item.id)
    } else {
        format!("/redaksjon/innhold/{}", item.id)
    }
}

pub(super) async fn new_item_form(visitor: Editor, state: web::Data<AppState>, query: web::Query<ListQuery>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let themes = content_repo::themes(&state.db).await?;
    let new = NewItemForm {
        area: query.omrade.clone().unwrap_or_else(|| desk.editable().first().map(|a| a.slug.clone()).unwrap_or_default()),
        kind: query.kind.clone().unwrap_or_else(|| "guide".into()),
        slug: query.slug.clone().unwrap_or_default(),
        lang: query.sprak.clone().unwrap_or_else(|| "nb".into()),
    };
    let page = new_page(&desk, new, ItemForm::default(), &themes, Vec::new(), None);
    render(&state.templates, "editorial/edit.html", &chrome("Ny side"), &visitor, &page)
}

pub(super) fn new_page(desk: &Desk, new: NewItemForm, fields: ItemForm, themes: &[theme::Model], errors: Vec<String>, preview: Option<String>) -> EditPage {
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

pub(super) async fn create_item(visitor: Editor, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let data = form(&body)?;
    let (new, fields) = (NewItemForm::from_form(&data), ItemForm::from_form(&data));
    let area = desk
        .area_by_slug(&new.area)
        .ok_or_else(|| AppError::BadRequest(format!("Området «{}» finnes ikke.", new.area)))?
        .clone();
    visitor.may(Action::Edit(AreaRef::from(&area)))?;
    let themes = content_repo::themes(&state.db).await?;
    let again = |errors: Vec<String>, preview: Option<String>| -> Result<HttpResponse, AppError> {
        let refused = !errors.is_empty();
        let page = new_page(&desk, new.clone(), fields.clone(), &themes, errors, preview);
        form_page(&state.templates, "editorial/edit.html", &chrome("Ny side"), &visitor, &page, refused)
    };
    if data.get("action") == "preview" {
        return again(Vec::new(), Some(markdown::render_off_thread(fields.body.clone()).await));
    }
    let base = match new.base_or_every_problem(area.id, &area.slug, &fields, &themes) {
        Ok(base) => base,
        Err(errors) => return again(errors, None),
    };
    match service::create(&state.db, &desk.signature, base, &fields, &themes).await {
        Ok(created) => Ok(see_other(editor_url(&created))),
        Err(EditError::Invalid(errors)) => again(errors, None),
        Err(error) => Err(error.into()),
    }
}

/// The live preview: Markdown rendered by the same code as the public page.
pub(super) async fn preview(_: Editor, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let data = form(&body)?;
    let html = markdown::render_off_thread(data.get("body")).await;
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html))
}

pub(super) async fn edit_page(state: &AppState, desk: &Desk, item: &content_item::Model, area: &area::Model, typed: Typed) -> Result<EditPage, AppError> {
    let Typed { fields, errors, preview, revision } = typed;
    let themes = content_repo::themes(&state.db).await?;
    let current = content_repo::as_write(&state.db, item).await?;
    let fields = fields.unwrap_or_else(|| ItemForm::of(&current, &themes));
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
    let adapt_into = if here.central && item.status == Status::Published {
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
            status: item.status,
            status_label: item.status.label(),
            area: area.name.clone(),
            kind_label: item.kind.label(),
            kind: item.kind,
            lang: item.lang.clone(),
            public_url: (item.status == Status::Published).then(|| item_url(&area.slug, item.kind, &item.slug, &item.lang)),
            adapts: item.adapts.clone(),
            original_url,
            publish_at: item.publish_at.map(local_time),
        }),
        themes: theme_choices(&themes, &fields.themes),
        fields,
        errors,
        preview_html: preview,
        steps: if editable { steps_from(item.status, crate::courses::versions::has_unpublished_changes(&state.db, item).await?) } else { Vec::new() },
        can_schedule: editable && Transition::Publish.allowed_from(item.status),
        adapt_into,
        revision,
        translation: translation_panel(&state.db, item).await?,
        ..Default::default()
    })
}

async fn translation_panel(db: &sea_orm::DatabaseConnection, item: &content_item::Model) -> Result<Option<TranslationPanel>, AppError> {
    use crate::content::translation::{self, OriginalHistory, TranslationStatus};
    let Some(original) = translation::original_of(db, item).await? else { return Ok(None) };
    let history = OriginalHistory::load(db, original.id).await?;
    let outdated_since = match item.translated_from.map(|from| history.status_of(from)) {
        Some(TranslationStatus::Outdated { since }) => Some(crate::web::format::date(since)),
        _ => None,
    };
    Ok(Some(TranslationPanel {
        original_title: original.title.clone(),
        original_url: format!("/redaksjon/innhold/{}", original.id),
        original_revisions_url: format!("/redaksjon/innhold/{}/versjoner", original.id),
        original_revision: history.latest(),
        translated_from: item.translated_from,
        made_from: item.translated_from.map(|from| match from {
            0 => "Oversatt fra en norsk tekst som er eldre enn versjon 1 her.".to_owned(),
            from => format!("Oversatt fra norsk versjon {from}."),
        }),
        outdated_since,
    }))
}

pub(super) async fn edit_item_form(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::ReadUnpublished).await?;
    let page = edit_page(&state, &desk, &item, &area, Typed::default()).await?;
    render(&state.templates, "editorial/edit.html", &chrome(&format!("Rediger «{}»", item.title)), &visitor, &page)
}

pub(super) async fn save_item(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::Edit).await?;
    let data = form(&body)?;
    let fields = ItemForm::from_form(&data);
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
            Err(form_again(&state.templates, "editorial/edit.html", &chrome(&title), &visitor, &page))
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
pub(super) struct StatusForm {
    pub(super) to: String,
    #[serde(default)]
    pub(super) publish_at: String,
}

pub(super) async fn change_status(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>, form: web::Form<StatusForm>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::Edit).await?;
    let step = match form.to.as_str() {
        "review" => Transition::SubmitForReview,
        "publish" => Transition::Publish,
        "draft" => Transition::ReturnToDraft,
        "archive" => Transition::Archive,
        "publish_changes" => Transition::PublishChanges,
        "schedule" => {
            let at = crate::editorial::fields::parse_time(form.publish_at.trim())
                .and_then(|t| crate::oslo::ZONE.from_local_datetime(&t).single())
                .ok_or_else(|| AppError::BadRequest("Skriv tidspunktet for publisering som dato og klokkeslett.".into()))?;
            Transition::Schedule(at.fixed_offset())
        }
        other => return Err(AppError::BadRequest(format!("Ukjent steg «{other}».")) ),
    };
    match service::transition(&state.db, &desk.signature, item.clone(), step).await {
        Ok(_) => Ok(see_other(editor_url(&item))),
        Err(EditError::Invalid(errors)) => {
            let page = edit_page(&state, &desk, &item, &area, Typed { errors, ..Default::default() }).await?;
            Err(form_again(&state.templates, "editorial/edit.html", &chrome(&item.title), &visitor, &page))
        }
        Err(error) => Err(error.into()),
    }
}
