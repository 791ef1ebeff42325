//! Translations: the overview of languages by original (current, outdated since, missing),
//! and bringing a translation up to date against the Norwegian revision the editor saw.
use super::*;
use crate::content::translation::{self, Cell, OverviewFilter};
use crate::editorial::translations;
use crate::web::format;

#[derive(Deserialize)]
pub(super) struct OverviewQuery {
    pub(super) omrade: Option<String>,
    pub(super) tema: Option<String>,
    #[serde(rename = "type")]
    pub(super) kind: Option<String>,
}

pub(super) async fn translation_overview(visitor: Editor, state: web::Data<AppState>, query: web::Query<OverviewQuery>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let readable = desk.readable_ids();
    let chosen_area = query.omrade.as_deref().filter(|s| !s.is_empty());
    let areas = match chosen_area {
        Some(slug) => match desk.area_by_slug(slug).filter(|a| readable.contains(&a.id)) {
            Some(area) => vec![area.id],
            None => return Err(AppError::BadRequest(format!("Området «{slug}» finnes ikke."))),
        },
        None => readable,
    };
    let themes = content_repo::themes(&state.db).await?;
    let chosen_theme = query.tema.as_deref().filter(|s| !s.is_empty());
    let theme = match chosen_theme {
        Some(slug) => Some(themes.iter().find(|t| t.slug == slug).ok_or_else(|| AppError::BadRequest(format!("Fagtemaet «{slug}» finnes ikke.")))?.id),
        None => None,
    };
    let kind = match query.kind.as_deref().filter(|s| !s.is_empty()) {
        Some(kind) => kind.parse::<ContentKind>().map_err(|e| AppError::BadRequest(e.to_string()))?,
        None => ContentKind::Patient,
    };
    let overview = translation::overview(&state.db, &OverviewFilter { areas, kind, theme, published_only: false }).await?;
    let rows = overview
        .rows
        .iter()
        .map(|row| TranslationRow {
            title: row.original.title.clone(),
            area: desk.area(row.original.area_id).map(|a| a.name.clone()).unwrap_or_default(),
            edit_url: format!("/redaksjon/innhold/{}", row.original.id),
            cells: row.cells.iter().zip(&overview.langs).map(|(cell, lang)| translation_cell(&desk, &row.original, cell, lang)).collect(),
        })
        .collect();
    let page = TranslationsPage {
        langs: overview.langs.iter().map(|l| LangHeading { code: l.to_string(), name: l.name_in_bokmal().to_owned(), native: l.native_name().to_owned(), dir: l.dir() }).collect(),
        rows,
        areas: desk.areas.iter().filter(|a| desk.readable_ids().contains(&a.id)).map(|a| Choice { value: a.slug.clone(), label: a.name.clone(), selected: Some(a.slug.as_str()) == chosen_area }).collect(),
        themes: themes.iter().map(|t| Choice { value: t.slug.clone(), label: t.name.clone(), selected: Some(t.slug.as_str()) == chosen_theme }).collect(),
        kinds: kind_choices(Some(kind.as_str())),
    };
    render(&state.templates, "editorial/translations.html", &chrome("Oversettelser"), &visitor, &page)
}

fn translation_cell(desk: &Desk, original: &content_item::Model, cell: &Cell, lang: &Lang) -> TranslationCell {
    let edit = |item: &content_item::Model| format!("/redaksjon/innhold/{}", item.id);
    match cell {
        Cell::Missing => TranslationCell {
            state: "missing",
            label: "Mangler".into(),
            // A link to start the translation, for those who may write in the area.
            url: desk.area(original.area_id).ok().filter(|area| desk.may(Action::Edit(AreaRef::from(*area)))).map(|area| {
                format!("/redaksjon/ny?omrade={}&type={}&slug={}&sprak={lang}", area.slug, original.kind, original.slug)
            }),
        },
        Cell::Unknown(item) => TranslationCell { state: "unknown", label: "Ukjent grunnlag".into(), url: Some(edit(item)) },
        Cell::Current(item) => TranslationCell { state: "current", label: "Oppdatert".into(), url: Some(edit(item)) },
        Cell::Outdated(item, since) => {
            TranslationCell { state: "outdated", label: format!("Utdatert siden {}", format::date(*since)), url: Some(edit(item)) }
        }
    }
}

/// The form carries `original_revision`: the original's revision the editor's page showed.
pub(super) async fn bring_translation_up_to_date(
    visitor: Editor,
    state: web::Data<AppState>,
    path: web::Path<ItemId>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, _) = load_item(&state, &desk, path.into_inner(), Action::Edit).await?;
    let typed = form(&body)?.get("original_revision");
    let revision = typed.trim().parse::<i32>().map_err(|_| {
        AppError::BadRequest(format!("Versjonen av den norske teksten må være et tall, ikke «{typed}». Åpne siden på nytt."))
    })?;
    let id = item.id;
    translations::bring_up_to_date(&state.db, &desk.signature, item, revision).await?;
    Ok(see_other(format!("/redaksjon/innhold/{id}")))
}
