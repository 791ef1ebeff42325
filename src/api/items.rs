//! `/api/items`: published content, filtered and paged with a cursor, and
//! `/api/items/{id}`: one item with its rendered text, themes and language versions.
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, json, parameter, slug_of};
use crate::areas;
use crate::content::repo::{self, ItemFilter, ItemOrder, ItemSummary};
use crate::content::translation::{self, OriginalHistory, TranslationStatus};
use crate::content::view::reading_url;
use crate::content::{ContentKind, Status};
use crate::entities::ids::{AreaId, ItemId};
use crate::entities::{area, content_item};
use crate::error::AppError;
use crate::lang::Lang;
use crate::oslo;
use crate::state::AppState;
use crate::web::access::Anyone;
use crate::web::routes::Routes;

pub fn routes(routes: &mut Routes) {
    routes.page("/api/items", list_items);
    routes.page("/api/items/{id}", one_item);
}

/// Items per page unless `limit` says otherwise, and the most `limit` may ask for.
const DEFAULT_LIMIT: u64 = 20;
const MOST_LIMIT: u64 = 100;

/// The filters of `/api/items`; every one is optional.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemsQuery {
    /// The areas whose own items are listed, by slug, separated by commas
    /// (`vestfold,central`; see `/api/areas`). Shared guides belong to `central`.
    #[param(example = "vestfold,central", pattern = "^[a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*$")]
    area: Option<String>,
    /// Types of content, separated by commas (`news,event`).
    #[serde(rename = "type")]
    #[param(
        rename = "type",
        example = "news",
        pattern = "^(guide|article|news|event|interpreter|patient|course)(,(guide|article|news|event|interpreter|patient|course))*$"
    )]
    kind: Option<String>,
    /// A theme, by slug (see `/api/themes`).
    #[param(example = "tolk", pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    theme: Option<String>,
    /// One language version only, by code (`nb`, `nn`, `en`, `ar`, ...).
    #[param(example = "nb", pattern = "^[a-z]{2,3}$")]
    lang: Option<String>,
    /// Only items changed at or after this time (RFC 3339), for keeping a copy in step.
    #[param(value_type = Option<String>, format = DateTime, example = "2026-11-01T00:00:00Z")]
    updated_since: Option<String>,
    /// Items per page, 1 to 100 (20 unless given).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    limit: Option<String>,
    /// Where the next page starts: `next_cursor` of the page before.
    #[param(pattern = "^[1-9][0-9]{0,8}$")]
    cursor: Option<String>,
}

/// One published language version of an item.
#[derive(Serialize, ToSchema)]
pub struct ApiItem {
    id: i32,
    /// The area the item belongs to (its slug).
    area: String,
    #[serde(rename = "type")]
    kind: ContentKind,
    slug: String,
    /// The language of this version.
    lang: String,
    title: String,
    summary: String,
    /// Where readers read it.
    url: String,
    published_on: Option<NaiveDate>,
    updated_on: Option<NaiveDate>,
    /// When anything about the item last changed.
    changed_at: DateTime<Utc>,
    /// Theme slugs.
    themes: Vec<String>,
    /// Events only: when and where.
    event: Option<ApiEvent>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiEvent {
    /// In Europe/Oslo time, with its offset.
    starts: DateTime<FixedOffset>,
    ends: Option<DateTime<FixedOffset>>,
    place: Option<String>,
}

/// A page of items, the last added first.
#[derive(Serialize, ToSchema)]
pub struct ItemPage {
    items: Vec<ApiItem>,
    /// The `cursor` for the next page; null on the last page.
    next_cursor: Option<String>,
    /// The next page's full address; null on the last page.
    next: Option<String>,
}

/// One item in full.
#[derive(Serialize, ToSchema)]
pub struct ApiItemInFull {
    #[serde(flatten)]
    item: ApiItem,
    /// The text as the site shows it: sanitised HTML, links absolute.
    html: String,
    theme_names: Vec<ApiTheme>,
    /// Every published language version of the item, this one included.
    languages: Vec<ApiLanguageVersion>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiTheme {
    slug: String,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApiLanguageVersion {
    id: i32,
    lang: String,
    title: String,
    url: String,
    status: TranslationState,
    /// Outdated translations: the day the Norwegian original changed.
    outdated_since: Option<NaiveDate>,
}

/// How a language version stands against the Norwegian original.
#[derive(Serialize, ToSchema, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum TranslationState {
    /// The Norwegian original itself.
    Original,
    /// Says what the original says now.
    Current,
    /// The original changed after this translation was made.
    Outdated,
    /// Does not record what it was translated from.
    Unknown,
}

/// Published items, the last added first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/items",
    tag = "content",
    params(ItemsQuery),
    responses(
        (status = 200, description = "A page of items", body = ItemPage),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 400, description = "A parameter is malformed; `parameter` names it", body = ApiError),
        (status = 404, description = "An area or theme that does not exist; `parameter` names it", body = ApiError),
        (status = 429, description = "Too many requests from this address", body = ApiError),
    )
)]
pub async fn list_items(_: Anyone, state: web::Data<AppState>, req: HttpRequest, query: web::Query<ItemsQuery>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let all_areas = areas::repo::all(&state.db).await?;
    let (area_ids, filter, limit) = read_query(&state, &all_areas, &query).await?;
    let mut found = repo::published_summaries(&state.db, &area_ids, &filter).await?;
    let more = found.len() as u64 > limit;
    found.truncate(limit as usize);
    let ids: Vec<ItemId> = found.iter().map(|item| item.id).collect();
    let mut theme_slugs = repo::theme_slugs_of_items(&state.db, &ids).await?;
    let absolute = |path: &str| crate::web::absolute_url(&state.config, &req, path);
    let next_cursor = found.last().filter(|_| more).map(|item| item.id.0.to_string());
    let next = next_cursor.as_ref().map(|cursor| {
        let mut pairs: Vec<(&str, &str)> = [("area", &query.area), ("type", &query.kind), ("theme", &query.theme), ("lang", &query.lang), ("updated_since", &query.updated_since), ("limit", &query.limit)]
            .into_iter()
            .filter_map(|(name, value)| parameter(value).map(|value| (name, value)))
            .collect();
        pairs.push(("cursor", cursor));
        absolute(&format!("/api/items?{}", serde_urlencoded::to_string(&pairs).unwrap_or_default()))
    });
    let items = found.iter().map(|item| api_item(&all_areas, item, theme_slugs.remove(&item.id).unwrap_or_default(), &absolute)).collect();
    json(&req, &ItemPage { items, next_cursor, next }, None)
}

/// The areas and the filter `query` asks for, and the page size; every parameter
/// checked, and a wrong one named (400 malformed, 404 naming nothing there is).
async fn read_query(state: &AppState, all_areas: &[area::Model], query: &ItemsQuery) -> Result<(Vec<AreaId>, ItemFilter, u64), AppError> {
    let area_ids: Vec<AreaId> = match parameter(&query.area) {
        None => all_areas.iter().map(|a| a.id).collect(),
        Some(list) => list
            .split(',')
            .map(|slug| {
                let slug = slug_of("area", slug)?;
                all_areas.iter().find(|a| a.slug == slug).map(|a| a.id).ok_or_else(|| ApiError::unknown("area", format!("no area {slug:?}; see /api/areas")))
            })
            .collect::<Result<_, _>>()?,
    };
    let kinds = match parameter(&query.kind) {
        None => Vec::new(),
        Some(list) => list.split(',').map(|kind| kind.parse().map_err(|e: crate::content::UnknownKind| ApiError::invalid("type", e.to_string()))).collect::<Result<_, _>>()?,
    };
    let theme_id = match parameter(&query.theme) {
        None => None,
        Some(slug) => {
            let slug = slug_of("theme", slug)?;
            Some(repo::theme_by_slug(&state.db, slug).await?.ok_or_else(|| ApiError::unknown("theme", format!("no theme {slug:?}; see /api/themes")))?.id)
        }
    };
    let lang = match parameter(&query.lang) {
        None => None,
        Some(code) => Some(Lang::parse(code).map_err(|e| ApiError::invalid("lang", e.to_string()))?.as_str().to_owned()),
    };
    let changed_since = match parameter(&query.updated_since) {
        None => None,
        Some(text) => Some(
            DateTime::parse_from_rfc3339(text)
                .map_err(|_| ApiError::invalid("updated_since", "expected a time such as 2026-11-01T00:00:00Z".into()))?
                .with_timezone(&Utc),
        ),
    };
    let limit = match parameter(&query.limit) {
        None => DEFAULT_LIMIT,
        Some(text) => text.parse().ok().filter(|n| (1..=MOST_LIMIT).contains(n)).ok_or_else(|| ApiError::invalid("limit", format!("expected a whole number from 1 to {MOST_LIMIT}")))?,
    };
    let ids_below = match parameter(&query.cursor) {
        None => None,
        Some(text) => {
            let cursor = text.bytes().all(|b| b.is_ascii_digit()).then(|| text.parse::<i32>().ok()).flatten().filter(|id| *id > 0);
            Some(ItemId(cursor.ok_or_else(|| ApiError::invalid("cursor", "not a cursor this API gave".into()))?))
        }
    };
    // One more than asked for says whether there is a next page.
    let filter = ItemFilter { kinds, theme_id, lang, changed_since, ids_below, order: ItemOrder::LatestAddedFirst, limit: Some(limit + 1), ..ItemFilter::default() };
    Ok((area_ids, filter, limit))
}

fn area_slug(areas: &[area::Model], id: AreaId) -> String {
    areas.iter().find(|a| a.id == id).map(|a| a.slug.clone()).unwrap_or_default()
}

fn api_item(areas: &[area::Model], item: &ItemSummary, themes: Vec<String>, absolute: &impl Fn(&str) -> String) -> ApiItem {
    let area = area_slug(areas, item.area_id);
    let in_oslo = |at| oslo::instant(at).with_timezone(&oslo::ZONE).fixed_offset();
    ApiItem {
        id: item.id.0,
        url: absolute(&reading_url(&area, item.kind, &item.slug, &item.lang)),
        area,
        kind: item.kind,
        slug: item.slug.clone(),
        lang: item.lang.clone(),
        title: item.title.clone(),
        summary: item.summary.clone(),
        published_on: item.published_on,
        updated_on: item.updated_on,
        changed_at: item.modified_at.with_timezone(&Utc),
        themes,
        event: item.event_starts.map(|starts| ApiEvent { starts: in_oslo(starts), ends: item.event_ends.map(in_oslo), place: item.event_place.clone() }),
    }
}

/// One published item, with its text and every language version.
#[utoipa::path(
    get,
    path = "/api/items/{id}",
    tag = "content",
    params(("id" = i32, Path, description = "The item's `id`, as `/api/items` gives it", minimum = 1)),
    responses(
        (status = 200, description = "The item", body = ApiItemInFull),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 404, description = "No published item has that id", body = ApiError),
        (status = 429, description = "Too many requests from this address", body = ApiError),
    )
)]
pub async fn one_item(_: Anyone, state: web::Data<AppState>, req: HttpRequest, id: web::Path<String>) -> Result<HttpResponse, AppError> {
    let not_found = || AppError::NotFound("no published item has that id".into());
    let id = id.parse::<i32>().map(ItemId).map_err(|_| not_found())?;
    let item = repo::item_by_id(&state.db, id).await?.filter(|item| item.status == Status::Published).ok_or_else(not_found)?;
    let all_areas = areas::repo::all(&state.db).await?;
    let area = area_slug(&all_areas, item.area_id);
    let absolute = |path: &str| crate::web::absolute_url(&state.config, &req, path);
    let themes = repo::themes_of(&state.db, item.id).await?;
    let languages = language_versions(&state, &item, &area, &absolute).await?;
    let summary = ItemSummary::of(&item);
    let in_full = ApiItemInFull {
        item: api_item(&all_areas, &summary, themes.iter().map(|t| t.slug.clone()).collect(), &absolute),
        html: absolute_links(&item.body_html, &absolute("")),
        theme_names: themes.into_iter().map(|t| ApiTheme { slug: t.slug, name: t.name }).collect(),
        languages,
    };
    json(&req, &in_full, Some(item.modified_at.with_timezone(&Utc)))
}

/// The published versions of the item's translation group in its area, the original
/// first, each with its standing against the original.
async fn language_versions(state: &AppState, item: &content_item::Model, area: &str, absolute: &impl Fn(&str) -> String) -> Result<Vec<ApiLanguageVersion>, AppError> {
    let mut versions: Vec<content_item::Model> =
        translation::published_in_groups(&state.db, std::slice::from_ref(&item.translation_group)).await?.into_iter().filter(|v| v.area_id == item.area_id && v.kind == item.kind).collect();
    versions.sort_by_key(|v| (translation::is_translation(&v.lang), v.lang.clone()));
    let original = versions.iter().find(|v| !translation::is_translation(&v.lang)).map(|v| v.id);
    let history = match original {
        Some(id) => OriginalHistory::load(&state.db, id).await?,
        None => OriginalHistory::default(),
    };
    Ok(versions
        .iter()
        .map(|version| {
            let (status, since) = match (translation::is_translation(&version.lang), version.translated_from, original) {
                (false, _, _) => (TranslationState::Original, None),
                (true, Some(from), Some(_)) => match history.status_of(from) {
                    TranslationStatus::Current => (TranslationState::Current, None),
                    TranslationStatus::Outdated { since } => (TranslationState::Outdated, Some(since)),
                },
                (true, _, _) => (TranslationState::Unknown, None),
            };
            ApiLanguageVersion {
                id: version.id.0,
                lang: version.lang.clone(),
                title: version.title.clone(),
                url: absolute(&reading_url(area, version.kind, &version.slug, &version.lang)),
                status,
                outdated_since: since,
            }
        })
        .collect())
}

/// Links and images in the text point at this site from another one: `href="/x"` and
/// `src="/x"` become `https://fagbro.example.no/x`.
fn absolute_links(html: &str, base: &str) -> String {
    let base = base.trim_end_matches('/');
    html.replace("href=\"/", &format!("href=\"{base}/")).replace("src=\"/", &format!("src=\"{base}/"))
}
