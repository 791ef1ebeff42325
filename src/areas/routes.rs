//! The area chooser (`/`) and the area home pages (`/{area}`).
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{AREA_COOKIE, AreaScope, AreaView, repo};
use crate::web::routes::Routes;
use crate::state::AppState;
use crate::content::repo::{ItemFilter, ItemOrder, published_summaries, themes};
use crate::content::view::{ItemCard, ThemeLink, card, group_translations, theme_link};
use crate::content::ContentKind;
use crate::web::session::Visitor;
use crate::error::AppError;
use crate::web::{Chrome, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/", choose_area);
    routes.page("/{area}", show_area_home);
}

#[derive(Deserialize)]
pub struct ChooserQuery {
    /// `/?velg=omrade` shows the chooser even to a visitor who has chosen before.
    velg: Option<String>,
}

#[derive(Serialize)]
struct ChooserPage {
    local_areas: Vec<AreaView>,
    central: Option<AreaView>,
    remembered: Option<String>,
}

/// The area chooser; a visitor who has chosen an area before is taken straight there.
async fn choose_area(
    visitor: Visitor,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<ChooserQuery>,
) -> Result<HttpResponse, AppError> {
    let areas = repo::all(&state.db).await?;
    let remembered = req
        .cookie(AREA_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|slug| areas.iter().any(|a| &a.slug == slug));
    if let (Some(slug), None) = (&remembered, &query.velg) {
        return Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, format!("/{slug}"))).finish());
    }
    let page = ChooserPage {
        local_areas: areas.iter().filter(|a| a.slug != super::CENTRAL).map(AreaView::from).collect(),
        central: areas.iter().find(|a| a.slug == super::CENTRAL).map(AreaView::from),
        remembered,
    };
    render(&state.templates, "areas/chooser.html", &Chrome::new("Velg område", None).following_interface(), &visitor, &page)
}

#[derive(Serialize)]
struct AreaHomePage {
    area: AreaView,
    is_central: bool,
    local_news: Vec<ItemCard>,
    events: Vec<ItemCard>,
    routines: Vec<ItemCard>,
    themes: Vec<ThemeLink>,
    shared_guidance: Vec<ItemCard>,
    shared_news: Vec<ItemCard>,
}

/// An area's home page: its own news, events and routines first, then shared content.
/// Visiting it remembers the area for the next visit to `/`.
async fn show_area_home(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let own = [scope.area.id];
    let shared = [scope.central.id];
    let cards = |items| -> Vec<ItemCard> {
        group_translations(items).iter().map(|g| card(scope.slug(), &scope.by_id, g)).collect()
    };
    let newest = |kinds: Vec<ContentKind>, limit| ItemFilter {
        kinds,
        order: ItemOrder::NewestFirst,
        limit: Some(limit),
        ..ItemFilter::default()
    };
    let local_news = cards(published_summaries(&state.db, &own, &newest(vec![ContentKind::News], 6)).await?);
    let upcoming = ItemFilter {
        kinds: vec![ContentKind::Event],
        starts_from: Some(crate::oslo::now().date_naive().and_time(chrono::NaiveTime::MIN)),
        order: ItemOrder::SoonestFirst,
        limit: Some(6),
        ..ItemFilter::default()
    };
    let events = cards(published_summaries(&state.db, &scope.visible_ids(), &upcoming).await?);
    let (routines, shared_news) = if scope.is_central() {
        (Vec::new(), Vec::new())
    } else {
        let local_guidance = ItemFilter {
            kinds: vec![ContentKind::Guide, ContentKind::Interpreter, ContentKind::Article],
            ..ItemFilter::default()
        };
        (
            cards(published_summaries(&state.db, &own, &local_guidance).await?),
            cards(published_summaries(&state.db, &shared, &newest(vec![ContentKind::News], 3)).await?),
        )
    };
    let shared_guidance = cards(
        published_summaries(&state.db, &shared, &newest(vec![ContentKind::Guide, ContentKind::Article], 8)).await?,
    );
    let page = AreaHomePage {
        area: scope.view(),
        is_central: scope.is_central(),
        local_news,
        events,
        routines,
        themes: themes(&state.db).await?.iter().map(|t| theme_link(scope.slug(), t)).collect(),
        shared_guidance,
        shared_news,
    };
    let chrome = Chrome::new(scope.area.name.clone(), Some(scope.view())).with_current(&format!("/{}", scope.slug())).following_interface();
    let mut response = render(&state.templates, "areas/home.html", &chrome, &visitor, &page)?;
    let remember = Cookie::build(AREA_COOKIE, scope.area.slug.clone())
        .path("/")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(state.config.secure_cookies)
        .finish();
    // Area slugs are checked on import, so the cookie is always a valid header; if it
    // were not, the page is still worth showing without remembering the choice.
    if let Err(error) = response.add_cookie(&remember) {
        tracing::warn!(area = %scope.area.slug, %error, "could not remember the chosen area");
    }
    Ok(response)
}
