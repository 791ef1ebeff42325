//! `/api/areas`, `/api/themes` and `/api/courses`: what the content is filed under, and
//! the course catalogue (what a course covers and takes, never its answers).
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, json, parameter, slug_of};
use crate::areas;
use crate::content::repo;
use crate::courses::catalogue::{self, Filter};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::Anyone;
use crate::web::routes::Routes;

pub fn routes(routes: &mut Routes) {
    routes.page("/api/areas", list_areas);
    routes.page("/api/themes", list_themes);
    routes.page("/api/courses", list_courses);
}

#[derive(Serialize, ToSchema)]
pub struct ApiArea {
    /// What `area` filters take.
    slug: String,
    name: String,
    description: String,
    /// The area's front page.
    url: String,
    /// Its news and events as an Atom feed.
    feed: String,
    /// Its events as an iCalendar file to subscribe to.
    calendar: String,
}

#[derive(Serialize, ToSchema)]
pub struct AreaList {
    areas: Vec<ApiArea>,
}

/// Every area: the central editorial team's (`central`) and each local one's.
#[utoipa::path(
    get,
    path = "/api/areas",
    tag = "catalogue",
    responses(
        (status = 200, description = "The areas, in the site's order", body = AreaList),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 429, description = "Too many requests from this address", body = ApiError),
    )
)]
pub async fn list_areas(_: Anyone, state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let absolute = |path: &str| crate::web::absolute_url(&state.config, &req, path);
    let areas = areas::repo::all(&state.db)
        .await?
        .into_iter()
        .map(|area| ApiArea {
            url: absolute(&format!("/{}", area.slug)),
            feed: absolute(&format!("/feed/{}.atom", area.slug)),
            calendar: absolute(&format!("/{}/kalender.ics", area.slug)),
            slug: area.slug,
            name: area.name,
            description: area.description,
        })
        .collect();
    json(&req, &AreaList { areas }, None)
}

#[derive(Serialize, ToSchema)]
pub struct ApiThemeEntry {
    /// What `theme` filters take.
    slug: String,
    name: String,
    description: String,
}

#[derive(Serialize, ToSchema)]
pub struct ThemeList {
    themes: Vec<ApiThemeEntry>,
}

/// Every theme (fagtema) content is filed under.
#[utoipa::path(
    get,
    path = "/api/themes",
    tag = "catalogue",
    responses(
        (status = 200, description = "The themes, in the site's order", body = ThemeList),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 429, description = "Too many requests from this address", body = ApiError),
    )
)]
pub async fn list_themes(_: Anyone, state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let themes = repo::themes(&state.db).await?.into_iter().map(|t| ApiThemeEntry { slug: t.slug, name: t.name, description: t.description }).collect();
    json(&req, &ThemeList { themes }, None)
}

/// The filters of `/api/courses`; every one is optional.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoursesQuery {
    /// Courses of this area (slug).
    #[param(example = "central", pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    area: Option<String>,
    /// Courses in this theme (slug).
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    theme: Option<String>,
    /// Courses for this audience, as the catalogue names it.
    audience: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiCourse {
    /// The course's item id (see `/api/items/{id}`).
    id: i32,
    area: String,
    slug: String,
    title: String,
    summary: String,
    /// Where learners take it and earn the certificate.
    url: String,
    /// Who publishes it (the editorial team).
    publisher: String,
    /// About how long it takes.
    duration_minutes: u32,
    themes: Vec<String>,
    audience: Vec<String>,
    /// What a learner can do afterwards.
    outcomes: Vec<String>,
    modules: Vec<ApiModule>,
    /// Whether it ends with an exam that gives a course certificate.
    has_exam: bool,
    /// The share of right answers, in percent, that passes.
    pass_mark: u8,
    /// The published version learners get.
    version: i32,
}

#[derive(Serialize, ToSchema)]
pub struct ApiModule {
    title: String,
    lessons: Vec<String>,
    /// Whether the module ends with a practice quiz.
    has_quiz: bool,
}

#[derive(Serialize, ToSchema)]
pub struct CourseList {
    courses: Vec<ApiCourse>,
}

/// The course catalogue: every published course, by title.
#[utoipa::path(
    get,
    path = "/api/courses",
    tag = "catalogue",
    params(CoursesQuery),
    responses(
        (status = 200, description = "The courses the filters admit", body = CourseList),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 400, description = "A parameter is malformed; `parameter` names it", body = ApiError),
        (status = 404, description = "An area or theme that does not exist; `parameter` names it", body = ApiError),
        (status = 429, description = "Too many requests from this address", body = ApiError),
    )
)]
pub async fn list_courses(_: Anyone, state: web::Data<AppState>, req: HttpRequest, query: web::Query<CoursesQuery>) -> Result<HttpResponse, AppError> {
    let all_areas = areas::repo::all(&state.db).await?;
    let area = parameter(&query.area).map(|slug| slug_of("area", slug)).transpose()?.map(str::to_owned);
    if let Some(slug) = &area
        && !all_areas.iter().any(|a| &a.slug == slug)
    {
        return Err(ApiError::unknown("area", format!("no area {slug:?}; see /api/areas")));
    }
    let theme = parameter(&query.theme).map(|slug| slug_of("theme", slug)).transpose()?.map(str::to_owned);
    if let Some(slug) = &theme
        && repo::theme_by_slug(&state.db, slug).await?.is_none()
    {
        return Err(ApiError::unknown("theme", format!("no theme {slug:?}; see /api/themes")));
    }
    let filter = Filter { area, theme, audience: parameter(&query.audience).map(str::to_owned), duration: None };
    let found = catalogue::catalogue(&state.db, &all_areas, &filter).await?;
    let courses = found
        .courses
        .into_iter()
        .map(|entry| {
            let definition = entry.version.definition();
            ApiCourse {
                id: entry.item.id.0,
                url: crate::web::absolute_url(&state.config, &req, &format!("/kurs/{}/{}", entry.area.slug, entry.item.slug)),
                publisher: crate::courses::publisher(&entry.area),
                area: entry.area.slug.clone(),
                slug: entry.item.slug.clone(),
                title: entry.version.course.title.clone(),
                summary: entry.version.course.summary.clone(),
                duration_minutes: definition.duration_minutes,
                themes: entry.themes.clone(),
                audience: entry.version.course.audience.clone(),
                outcomes: definition.outcomes.clone(),
                modules: definition
                    .modules
                    .iter()
                    .map(|module| ApiModule {
                        title: module.title.clone(),
                        lessons: module.lessons.iter().map(|lesson| lesson.title.clone()).collect(),
                        has_quiz: module.quiz.is_some(),
                    })
                    .collect(),
                has_exam: definition.exam.is_some(),
                pass_mark: definition.pass_mark,
                version: entry.version.number,
            }
        })
        .collect();
    json(&req, &CourseList { courses }, None)
}
