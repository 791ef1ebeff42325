//! Read-only JSON about published content for other health communities' sites:
//! `/api/translations`, which translations of each Norwegian original are current.
use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::ContentKind;
use super::translation::{self, Cell, OverviewFilter};
use super::view::item_url;
use crate::areas;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::Anyone;
use crate::web::routes::Routes;

pub fn routes(routes: &mut Routes) {
    routes.page("/api/translations", translations_api);
}

#[derive(Serialize)]
struct ApiOriginal {
    area: String,
    #[serde(rename = "type")]
    kind: ContentKind,
    slug: String,
    title: String,
    url: String,
    revision: i32,
    translations: Vec<ApiTranslation>,
}

#[derive(Serialize)]
struct ApiTranslation {
    lang: String,
    /// "current", "outdated" or "missing"; "unknown" when it records no source.
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translated_from: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outdated_since: Option<chrono::NaiveDate>,
}

/// `?area=central&type=patient&theme=tolk`, each optional (type defaults to patient material).
async fn translations_api(_: Anyone, state: web::Data<AppState>, params: web::Query<HashMap<String, String>>) -> Result<HttpResponse, AppError> {
    let all_areas = areas::repo::all(&state.db).await?;
    let param = |name: &str| params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let chosen: Vec<_> = match param("area") {
        Some(slug) => vec![all_areas.iter().find(|a| a.slug == slug).ok_or_else(|| AppError::InvalidParameter {
            parameter: "area",
            message: format!("no area {slug:?}; areas: {}", all_areas.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>().join(", ")),
        })?],
        None => all_areas.iter().collect(),
    };
    let kind = match param("type") {
        Some(kind) => kind.parse().map_err(|e: super::UnknownKind| AppError::InvalidParameter { parameter: "type", message: e.to_string() })?,
        None => ContentKind::Patient,
    };
    let theme = match param("theme") {
        Some(slug) => Some(
            super::repo::themes(&state.db)
                .await?
                .into_iter()
                .find(|t| t.slug == slug)
                .ok_or_else(|| AppError::InvalidParameter { parameter: "theme", message: format!("no theme {slug:?}") })?
                .id,
        ),
        None => None,
    };
    let filter = OverviewFilter { areas: chosen.iter().map(|a| a.id).collect(), kind, theme, published_only: true };
    let overview = translation::overview(&state.db, &filter).await?;
    let area_slug = |id| all_areas.iter().find(|a| a.id == id).map(|a| a.slug.clone()).unwrap_or_default();
    let items: Vec<ApiOriginal> = overview
        .rows
        .iter()
        .map(|row| {
            let area = area_slug(row.original.area_id);
            let translations = row
                .cells
                .iter()
                .zip(&overview.langs)
                .map(|(cell, lang)| {
                    let (status, item, since) = match cell {
                        Cell::Missing => ("missing", None, None),
                        Cell::Unknown(item) => ("unknown", Some(item), None),
                        Cell::Current(item) => ("current", Some(item), None),
                        Cell::Outdated(item, since) => ("outdated", Some(item), Some(*since)),
                    };
                    ApiTranslation {
                        lang: lang.to_string(),
                        status,
                        title: item.map(|i| i.title.clone()),
                        url: item.map(|i| item_url(&area, i.kind, &i.slug, &i.lang)),
                        translated_from: item.and_then(|i| i.translated_from),
                        outdated_since: since,
                    }
                })
                .collect();
            ApiOriginal {
                url: item_url(&area, row.original.kind, &row.original.slug, &row.original.lang),
                area,
                kind: row.original.kind,
                slug: row.original.slug.clone(),
                title: row.original.title.clone(),
                revision: row.latest_revision,
                translations,
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "type": kind, "languages": overview.langs.iter().map(|l| l.as_str()).collect::<Vec<_>>(), "items": items })))
}
