//! Public content pages: one item, lists by type and by theme, and the simple search.
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::repo::{self, ItemFilter, ItemOrder};
use super::view::{self, ItemCard, LangLink, ThemeLink, card, group_translations, theme_link};
use super::{ContentKind, ItemRef, Lang, Slug};
use crate::web::routes::Routes;
use crate::state::AppState;
use crate::areas::{AreaScope, AreaView};
use crate::entities::content_item;
use crate::web::session::Visitor;
use crate::error::AppError;
use crate::web::{Chrome, format, render};

pub fn routes(routes: &mut Routes) {
    for (address, _) in STANDING_PAGES {
        routes.page(address, standing_page);
    }
    routes.page("/{area}/tema", list_themes);
    routes.page("/{area}/tema/{theme}", show_theme);
    routes.page("/{area}/{kind}", list_kind);
    routes.page("/{area}/{kind}/{slug}", show_item);
    routes.page("/{area}/{kind}/{slug}/{lang}", show_item_in_language);
}

/// The pages the law and readers ask for, at the short addresses every footer links:
/// central articles, kept by the editors like any other page.
pub const STANDING_PAGES: [(&str, &str); 3] = [("/tilgjengelighet", "tilgjengelighet"), ("/personvern", "personvern"), ("/om", "om-fagbro")];

async fn standing_page(visitor: Visitor, state: web::Data<AppState>, req: actix_web::HttpRequest) -> Result<HttpResponse, AppError> {
    let slug = STANDING_PAGES.iter().find(|(address, _)| *address == req.path()).map(|(_, slug)| *slug).ok_or_else(|| AppError::NotFound("Siden finnes ikke.".into()))?;
    render_item(&state, &visitor, crate::areas::CENTRAL, "article", slug, None).await
}

fn moved(url: &str) -> HttpResponse {
    HttpResponse::MovedPermanently().insert_header((header::LOCATION, url.to_owned())).finish()
}

fn parse_kind(kind: &str) -> Result<ContentKind, AppError> {
    kind.parse().map_err(|_| AppError::NotFound(format!("Vi har ingen sider av typen «{kind}».")))
}

#[derive(Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

#[derive(Serialize)]
struct ItemPage {
    title: String,
    summary: String,
    body_html: String,
    lang: String,
    dir: &'static str,
    kind: &'static str,
    /// The kind's message key, for the interface around the item.
    kind_key: String,
    kind_list_url: String,
    /// The area the item belongs to (central or local).
    owner: AreaView,
    translations: Vec<LangLink>,
    themes: Vec<ThemeLink>,
    audience: Vec<String>,
    tags: Vec<String>,
    last_reviewed: Option<String>,
    review_by: Option<String>,
    event_when: Option<String>,
    event_place: Option<String>,
    /// An event as a calendar file ("Legg til i kalender").
    calendar_url: Option<String>,
    /// For a local adaptation: the central original.
    original: Option<ItemCard>,
    /// For central content seen from an area: that area's own version of it.
    local_versions: Vec<ItemCard>,
    /// For a translation whose Norwegian original changed after it was made.
    outdated: Option<view::OutdatedNotice>,
    /// Patient material: the view to show the patient, with its QR code and print layout.
    show_url: Option<String>,
    /// An area's own interpreter routine page: the area's booking routine, as its editors keep it.
    booking: Option<crate::interpreter_booking::view::RoutineView>,
}

async fn show_item(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let (area, kind, slug) = path.into_inner();
    render_item(&state, &visitor, &area, &kind, &slug, query.into_inner().lang).await
}

async fn show_item_in_language(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (area, kind, slug, lang) = path.into_inner();
    render_item(&state, &visitor, &area, &kind, &slug, Some(lang)).await
}

/// Every published language version of the item an area's visitors see at this address:
/// the area's own, else central's (other areas' items are not found from here).
pub(super) async fn versions_seen_from(state: &AppState, scope: &AreaScope, kind: ContentKind, slug: &str) -> Result<Vec<content_item::Model>, AppError> {
    for area_id in scope.visible_ids() {
        let versions = repo::published_versions(&state.db, area_id, kind, slug).await?;
        if !versions.is_empty() {
            return Ok(versions);
        }
    }
    Ok(Vec::new())
}

/// An item seen from an area: its own items and central items are found there, other
/// areas' items are not.
async fn render_item(
    state: &AppState,
    visitor: &Visitor,
    area_slug: &str,
    kind: &str,
    slug: &str,
    lang: Option<String>,
) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, area_slug).await?;
    let kind = parse_kind(kind)?;
    let not_found = || AppError::NotFound(format!("Vi fant ingen {} med adressen «{slug}» i {}.", kind.label().to_lowercase(), scope.area.name));
    let versions = versions_seen_from(state, &scope, kind, slug).await?;
    if versions.is_empty() {
        return Err(not_found());
    }
    // Courses live under /kurs, where learners take them (search hits link here).
    if kind == ContentKind::Course {
        let owner = scope.by_id.get(&versions[0].area_id).unwrap_or(&scope.area);
        return Ok(moved(&format!("/kurs/{}/{slug}", owner.slug)));
    }
    let langs: Vec<Lang> = {
        let mut langs: Vec<Lang> = versions.iter().filter_map(|v| Lang::parse(&v.lang).ok()).collect();
        langs.sort_by_key(|l| (l.preference_rank(), l.to_string()));
        langs
    };
    let chosen = match lang {
        Some(code) => versions.iter().find(|v| v.lang == code).ok_or_else(|| {
            let available: Vec<String> = langs.iter().map(|l| format!("{} ({})", l.name_in_bokmal(), l)).collect();
            AppError::NotFound(format!("Denne siden finnes ikke på språket «{code}». Den finnes på: {}.", available.join(", ")))
        })?,
        None => {
            let first = langs.first().ok_or_else(not_found)?;
            versions.iter().find(|v| v.lang == first.as_str()).ok_or_else(not_found)?
        }
    };
    let page = item_page(state, &scope, kind, chosen, &langs).await?;
    let lang = Lang::parse(&chosen.lang).unwrap_or_else(|_| Lang::bokmal());
    let chrome = Chrome::in_language(page.title.clone(), Some(scope.view()), &lang)
        .with_current(&format!("/{}/{}", scope.slug(), kind));
    render(&state.templates, "content/item.html", &chrome, visitor, &page)
}

async fn item_page(
    state: &AppState,
    scope: &AreaScope,
    kind: ContentKind,
    item: &content_item::Model,
    langs: &[Lang],
) -> Result<ItemPage, AppError> {
    let viewing = scope.slug();
    let owner = scope.by_id.get(&item.area_id).unwrap_or(&scope.area);
    let original = match item.adapts.as_deref().and_then(|target| target.parse::<ItemRef>().ok()) {
        Some(target) => {
            let versions = repo::published_versions(&state.db, scope.central.id, target.kind, target.slug.as_str()).await?;
            let summaries = versions.iter().map(repo::ItemSummary::of).collect();
            // An adaptation with the original's own slug would link to itself from the
            // area: then the original is linked under central.
            let via = if target.slug.as_str() == item.slug { scope.central.slug.as_str() } else { viewing };
            group_translations(summaries).first().map(|g| card(via, &scope.by_id, g))
        }
        None => None,
    };
    let local_versions = match Slug::parse(&item.slug) {
        Ok(slug) if item.area_id == scope.central.id && !scope.is_central() => {
            let adaptations = repo::published_adaptations(&state.db, scope.area.id, &ItemRef { kind, slug }).await?;
            group_translations(adaptations).iter().map(|g| card(viewing, &scope.by_id, g)).collect()
        }
        _ => Vec::new(),
    };
    let lang = Lang::parse(&item.lang).unwrap_or_else(|_| Lang::bokmal());
    Ok(ItemPage {
        title: item.title.clone(),
        summary: item.summary.clone(),
        body_html: view::links_in_area(&item.body_html, viewing),
        dir: lang.dir(),
        lang: lang.to_string(),
        kind: kind.as_str(),
        kind_key: view::kind_key(kind),
        kind_list_url: match kind {
            ContentKind::Patient => super::patient::language_url(viewing, &item.lang),
            _ => format!("/{viewing}/{kind}"),
        },
        owner: AreaView::from(owner),
        translations: langs
            .iter()
            .map(|l| view::lang_link(viewing, kind, &item.slug, l, l.as_str() == item.lang))
            .collect(),
        themes: repo::themes_of(&state.db, item.id).await?.iter().map(|t| theme_link(viewing, t)).collect(),
        audience: repo::split_list(&item.audience),
        tags: repo::split_list(&item.tags),
        last_reviewed: Some(format::date(
            item.updated_on.or(item.published_on).unwrap_or_else(|| item.modified_at.date_naive()),
        )),
        review_by: item.review_by.map(format::date),
        event_when: item.event_starts.map(|s| format::event_span(s, item.event_ends)),
        event_place: item.event_place.clone(),
        calendar_url: (kind == ContentKind::Event && item.event_starts.is_some()).then(|| format!("/{viewing}/event/{}/kalender.ics", item.slug)),
        original,
        local_versions,
        outdated: outdated_notice(state, viewing, item, &lang).await?,
        show_url: (kind == ContentKind::Patient).then(|| super::patient::show::show_url(viewing, &item.lang, &item.slug)),
        booking: match kind == ContentKind::Interpreter && item.area_id != scope.central.id {
            true => crate::interpreter_booking::repo::of_area(&state.db, item.area_id).await?.as_ref().map(crate::interpreter_booking::view::routine_view),
            false => None,
        },
    })
}

/// The notice on a translation whose published Norwegian original changed after it was made.
async fn outdated_notice(state: &AppState, viewing: &str, item: &content_item::Model, lang: &Lang) -> Result<Option<view::OutdatedNotice>, AppError> {
    use super::translation::{self, TranslationStatus};
    match translation::status(&state.db, item).await? {
        Some((original, TranslationStatus::Outdated { since })) if original.status == super::Status::Published => {
            let original_url = view::item_url(viewing, item.kind, &original.slug, &original.lang);
            Ok(Some(view::OutdatedNotice::new(lang, since, original_url)))
        }
        _ => Ok(None),
    }
}

#[derive(Serialize)]
struct ListPage {
    /// The heading's message key (a kind in the plural).
    heading_key: String,
    kind: &'static str,
    local: Vec<ItemCard>,
    shared: Vec<ItemCard>,
    /// Events only: those that have already taken place.
    past: Vec<ItemCard>,
}

/// All published items of one type seen from an area: the area's own first.
async fn list_kind(visitor: Visitor, state: web::Data<AppState>, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area, kind) = path.into_inner();
    let scope = AreaScope::load(&state.db, &area).await?;
    let kind = parse_kind(&kind)?;
    if kind == ContentKind::Course {
        return Ok(moved(&format!("/kurs?omrade={}", scope.slug())));
    }
    let today = crate::oslo::now().date_naive().and_time(NaiveTime::MIN);
    let (order, starts_from) = match kind {
        ContentKind::Event => (ItemOrder::SoonestFirst, Some(today)),
        ContentKind::News => (ItemOrder::NewestFirst, None),
        _ => (ItemOrder::Title, None),
    };
    let filter = ItemFilter { kinds: vec![kind], order, starts_from, ..ItemFilter::default() };
    let items = repo::published_summaries(&state.db, &scope.visible_ids(), &filter).await?;
    let (local, shared): (Vec<_>, Vec<_>) =
        group_translations(items).into_iter().partition(|g| g.preferred.area_id == scope.area.id && !scope.is_central());
    let past = if kind == ContentKind::Event {
        let filter = ItemFilter {
            kinds: vec![kind],
            starts_before: Some(today),
            order: ItemOrder::LatestStartFirst,
            limit: Some(20),
            ..ItemFilter::default()
        };
        let items = repo::published_summaries(&state.db, &scope.visible_ids(), &filter).await?;
        group_translations(items).iter().map(|g| card(scope.slug(), &scope.by_id, g)).collect()
    } else {
        Vec::new()
    };
    let page = ListPage {
        heading_key: view::kinds_key(kind),
        kind: kind.as_str(),
        local: local.iter().map(|g| card(scope.slug(), &scope.by_id, g)).collect(),
        shared: shared.iter().map(|g| card(scope.slug(), &scope.by_id, g)).collect(),
        past,
    };
    let url = format!("/{}/{}", scope.slug(), kind);
    let chrome = Chrome::new(format!("{} – {}", kind.plural_label(), scope.area.name), Some(scope.view())).with_current(&url).following_interface();
    render(&state.templates, "content/list.html", &chrome, &visitor, &page)
}

#[derive(Serialize)]
struct ThemesPage {
    themes: Vec<ThemeLink>,
}

async fn list_themes(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let themes = repo::themes(&state.db).await?.iter().map(|t| theme_link(scope.slug(), t)).collect();
    let chrome = Chrome::new(format!("Fagtema – {}", scope.area.name), Some(scope.view()))
        .with_current(&format!("/{}/tema", scope.slug()))
        .following_interface();
    render(&state.templates, "content/themes.html", &chrome, &visitor, &ThemesPage { themes })
}

#[derive(Serialize)]
struct ThemePage {
    theme: ThemeLink,
    sections: Vec<ThemeSection>,
}

#[derive(Serialize)]
struct ThemeSection {
    /// The message key of the section's heading (a kind, in the plural).
    heading_key: String,
    items: Vec<ItemCard>,
}

/// A theme seen from an area: the area's own items and central items, by type.
async fn show_theme(visitor: Visitor, state: web::Data<AppState>, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area, theme) = path.into_inner();
    let scope = AreaScope::load(&state.db, &area).await?;
    let theme = repo::theme_by_slug(&state.db, &theme)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Vi har ikke noe fagtema som heter «{theme}».")))?;
    let filter = ItemFilter { theme_id: Some(theme.id), ..ItemFilter::default() };
    let mut groups = group_translations(repo::published_summaries(&state.db, &scope.visible_ids(), &filter).await?);
    // The area's own items before shared ones, within each type.
    groups.sort_by_key(|g| g.preferred.area_id != scope.area.id);
    let sections = ContentKind::ALL
        .into_iter()
        .map(|kind| ThemeSection {
            heading_key: view::kinds_key(kind),
            items: groups
                .iter()
                .filter(|g| g.preferred.kind == kind)
                .map(|g| card(scope.slug(), &scope.by_id, g))
                .collect(),
        })
        .filter(|section| !section.items.is_empty())
        .collect();
    let page = ThemePage { theme: theme_link(scope.slug(), &theme), sections };
    let chrome = Chrome::new(format!("{} – {}", theme.name, scope.area.name), Some(scope.view()))
        .with_feed(format!("{} – {}", theme.name, scope.area.name), format!("/feed/{}/tema/{}.atom", scope.slug(), theme.slug))
        .with_current(&format!("/{}/tema", scope.slug()))
        .following_interface();
    render(&state.templates, "content/theme.html", &chrome, &visitor, &page)
}

