//! `/api/translations`: which translations of each Norwegian original are current.
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, parameter, slug_of};
use crate::areas;
use crate::content::ContentKind;
use crate::content::translation::{self, Cell, OverviewFilter};
use crate::content::view::reading_url;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::Anyone;
use crate::web::routes::Routes;

pub fn routes(routes: &mut Routes) {
    routes.page("/api/translations", translations_api);
}

/// The filters of `/api/translations`; every one is optional.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TranslationsQuery {
    /// One area's originals (slug); all areas when absent.
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    area: Option<String>,
    /// The type of content; patient material when absent.
    #[serde(rename = "type")]
    #[param(rename = "type", value_type = Option<ContentKind>)]
    kind: Option<String>,
    /// Only originals in this theme (slug).
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    theme: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiOriginal {
    area: String,
    #[serde(rename = "type")]
    kind: ContentKind,
    slug: String,
    title: String,
    url: String,
    revision: i32,
    translations: Vec<ApiTranslation>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiTranslation {
    lang: String,
    status: CellState,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translated_from: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outdated_since: Option<chrono::NaiveDate>,
}

/// Where a language stands for one original.
#[derive(Serialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum CellState {
    /// Says what the original says now.
    Current,
    /// The original changed after the translation was made (`outdated_since`).
    Outdated,
    /// Not translated into this language.
    Missing,
    /// Translated, but it does not record from what.
    Unknown,
}

#[derive(Serialize, ToSchema)]
pub struct TranslationOverview {
    #[serde(rename = "type")]
    kind: ContentKind,
    /// Every language any of the originals is translated into.
    languages: Vec<String>,
    items: Vec<ApiOriginal>,
}

/// Each published Norwegian original and where every translation of it stands.
#[utoipa::path(
    get,
    path = "/api/translations",
    tag = "translations",
    params(TranslationsQuery),
    responses(
        (status = 200, description = "The originals and their translations", body = TranslationOverview),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 400, description = "A parameter is malformed; `parameter` names it", body = ApiError),
        (status = 404, description = "An area or theme that does not exist; `parameter` names it", body = ApiError),
        (status = 429, description = "Too many requests from this address", body = ApiError),
    )
)]
pub async fn translations_api(_: Anyone, state: web::Data<AppState>, req: HttpRequest, query: web::Query<TranslationsQuery>) -> Result<HttpResponse, AppError> {
    let all_areas = areas::repo::all(&state.db).await?;
    let chosen: Vec<_> = match parameter(&query.area) {
        Some(slug) => {
            let slug = slug_of("area", slug)?;
            vec![all_areas.iter().find(|a| a.slug == slug).ok_or_else(|| {
                ApiError::unknown("area", format!("no area {slug:?}; areas: {}", all_areas.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>().join(", ")))
            })?]
        }
        None => all_areas.iter().collect(),
    };
    let kind = match parameter(&query.kind) {
        Some(kind) => kind.parse().map_err(|e: crate::content::UnknownKind| ApiError::invalid("type", e.to_string()))?,
        None => ContentKind::Patient,
    };
    let theme = match parameter(&query.theme) {
        Some(slug) => {
            let slug = slug_of("theme", slug)?;
            Some(crate::content::repo::theme_by_slug(&state.db, slug).await?.ok_or_else(|| ApiError::unknown("theme", format!("no theme {slug:?}")))?.id)
        }
        None => None,
    };
    let filter = OverviewFilter { areas: chosen.iter().map(|a| a.id).collect(), kind, theme, published_only: true };
    let overview = translation::overview(&state.db, &filter).await?;
    let absolute = |path: &str| crate::web::absolute_url(&state.config, &req, path);
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
                        Cell::Missing => (CellState::Missing, None, None),
                        Cell::Unknown(item) => (CellState::Unknown, Some(item), None),
                        Cell::Current(item) => (CellState::Current, Some(item), None),
                        Cell::Outdated(item, since) => (CellState::Outdated, Some(item), Some(*since)),
                    };
                    ApiTranslation {
                        lang: lang.to_string(),
                        status,
                        title: item.map(|i| i.title.clone()),
                        url: item.map(|i| absolute(&reading_url(&area, i.kind, &i.slug, &i.lang))),
                        translated_from: item.and_then(|i| i.translated_from),
                        outdated_since: since,
                    }
                })
                .collect();
            ApiOriginal {
                url: absolute(&reading_url(&area, row.original.kind, &row.original.slug, &row.original.lang)),
                area,
                kind: row.original.kind,
                slug: row.original.slug.clone(),
                title: row.original.title.clone(),
                revision: row.latest_revision,
                translations,
            }
        })
        .collect();
    let languages = overview.langs.iter().map(|l| l.as_str().to_owned()).collect();
    super::json(&req, &TranslationOverview { kind, languages, items }, None)
}
