//! `/feed/{area}.atom` (an area's news and events, central ones included), the same per
//! theme and per type, `/{area}/kalender.ics` (its events for calendar apps), an event's
//! own `.ics` ("Legg til i kalender"), `/sitemap.xml` and `/robots.txt`.
use std::collections::HashMap;
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, NaiveDate, Utc};

use super::{atom, ical, sitemap};
use crate::areas::{self, AreaScope};
use crate::content::repo::{self, ItemFilter, ItemOrder, ItemSummary};
use crate::content::view::{group_translations, item_url, reading_url};
use crate::content::ContentKind;
use crate::error::AppError;
use crate::oslo;
use crate::state::AppState;
use crate::web::access::Anyone;
use crate::web::conditional;
use crate::web::routes::Routes;

pub fn routes(routes: &mut Routes) {
    routes.page("/feed/{area}.atom", area_feed);
    routes.page("/feed/{area}/tema/{theme}.atom", theme_feed);
    routes.page("/feed/{area}/{kind}.atom", kind_feed);
    routes.page("/{area}/kalender.ics", area_calendar);
    routes.page("/{area}/event/{slug}/kalender.ics", event_calendar);
    routes.page("/sitemap.xml", sitemap_or_index);
    routes.page("/sitemap-{number}.xml", numbered_sitemap);
    routes.page("/robots.txt", robots);
}

/// Entries in a feed: a reader's app shows the newest; older ones are on the site.
const FEED_ENTRIES: usize = 50;
/// How long a feed reader or calendar app may keep an answer before asking again.
const KEEP_FOR: Duration = Duration::from_secs(300);
const ATOM: &str = "application/atom+xml; charset=utf-8";
const CALENDAR: &str = "text/calendar; charset=utf-8";

async fn area_feed(_: Anyone, state: web::Data<AppState>, req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let title = format!("{} – nyheter og arrangementer", scope.area.name);
    let page = format!("/{}", scope.slug());
    feed(&state, &req, &scope, vec![ContentKind::News, ContentKind::Event], None, title, &page).await
}

async fn theme_feed(_: Anyone, state: web::Data<AppState>, req: HttpRequest, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area, theme) = path.into_inner();
    let scope = AreaScope::load(&state.db, &area).await?;
    let theme = repo::theme_by_slug(&state.db, &theme)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Det finnes ikke noe fagtema som heter «{theme}».")))?;
    let title = format!("{} – {}", theme.name, scope.area.name);
    let page = format!("/{}/tema/{}", scope.slug(), theme.slug);
    feed(&state, &req, &scope, Vec::new(), Some(theme.id), title, &page).await
}

async fn kind_feed(_: Anyone, state: web::Data<AppState>, req: HttpRequest, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area, kind) = path.into_inner();
    let scope = AreaScope::load(&state.db, &area).await?;
    let kind: ContentKind = kind.parse().map_err(|_| AppError::NotFound(format!("Det finnes ingen sider av typen «{kind}».")))?;
    let title = format!("{} – {}", kind.plural_label(), scope.area.name);
    let page = format!("/{}/{kind}", scope.slug());
    feed(&state, &req, &scope, vec![kind], None, title, &page).await
}

/// The newest published items of `kinds` (or all) in `theme` (or any) that readers of
/// the area see, one entry per item in its Norwegian version.
async fn feed(
    state: &AppState,
    req: &HttpRequest,
    scope: &AreaScope,
    kinds: Vec<ContentKind>,
    theme_id: Option<i32>,
    title: String,
    page: &str,
) -> Result<HttpResponse, AppError> {
    let filter = ItemFilter {
        kinds,
        theme_id,
        order: ItemOrder::NewestFirst,
        // Language versions count one each: enough rows for FEED_ENTRIES items.
        limit: Some((FEED_ENTRIES * 4) as u64),
        ..ItemFilter::default()
    };
    let items: Vec<ItemSummary> =
        group_translations(repo::published_summaries(&state.db, &scope.visible_ids(), &filter).await?).into_iter().take(FEED_ENTRIES).map(|g| g.preferred).collect();
    let ids: Vec<_> = items.iter().map(|item| item.id).collect();
    let themes = repo::themes_of_items(&state.db, &ids).await?;
    let absolute = |path: &str| crate::web::absolute_url(&state.config, req, path);
    let entries: Vec<atom::Entry> = items
        .iter()
        .map(|item| {
            let updated = item.modified_at.with_timezone(&Utc);
            let mut categories = vec![item.kind.as_str().to_owned()];
            categories.extend(themes.get(&item.id).into_iter().flatten().map(|theme| theme.name.clone()));
            atom::Entry {
                url: absolute(&reading_url(scope.slug(), item.kind, &item.slug, &item.lang)),
                title: item.title.clone(),
                summary: item.summary.clone(),
                lang: item.lang.clone(),
                published: item.published_on.map_or(updated, start_of_day).min(updated),
                updated,
                categories,
            }
        })
        .collect();
    let feed = atom::Feed {
        self_url: absolute(req.path()),
        page_url: absolute(page),
        title,
        subtitle: scope.area.description.clone(),
        author: format!("Redaksjonen i {}", scope.area.name),
        updated: entries.iter().map(|e| e.updated).max().unwrap_or(DateTime::UNIX_EPOCH),
        entries,
    };
    let last_modified = (!feed.entries.is_empty()).then_some(feed.updated);
    Ok(conditional::respond(req, ATOM, feed.to_xml(), last_modified, KEEP_FOR))
}

fn start_of_day(date: NaiveDate) -> DateTime<Utc> {
    oslo::instant(date.and_time(chrono::NaiveTime::MIN))
}

/// Past events stay in a subscribed calendar this long.
const PAST_EVENTS_KEPT: chrono::Days = chrono::Days::new(90);
/// A calendar holds at most this many events.
const CALENDAR_EVENTS: u64 = 500;

async fn area_calendar(_: Anyone, state: web::Data<AppState>, req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let filter = ItemFilter {
        kinds: vec![ContentKind::Event],
        starts_from: oslo::start_of_today().checked_sub_days(PAST_EVENTS_KEPT),
        order: ItemOrder::SoonestFirst,
        limit: Some(CALENDAR_EVENTS),
        ..ItemFilter::default()
    };
    let items: Vec<ItemSummary> =
        group_translations(repo::published_summaries(&state.db, &scope.visible_ids(), &filter).await?).into_iter().map(|g| g.preferred).collect();
    let calendar = ical::Calendar {
        name: format!("{} – arrangementer", scope.area.name),
        description: format!("Fagdager, kurs og møter fra fagbro for {}.", scope.area.name),
        events: items.iter().filter_map(|item| calendar_event(&state, &req, scope.slug(), item)).collect(),
    };
    respond_calendar(&req, &calendar, None)
}

/// One event as a calendar file: what "Legg til i kalender" on the event's page opens.
async fn event_calendar(_: Anyone, state: web::Data<AppState>, req: HttpRequest, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area, slug) = path.into_inner();
    let scope = AreaScope::load(&state.db, &area).await?;
    // The area's own event, else a central one (shown in every area).
    let mut found = None;
    for owner in [scope.area.id, scope.central.id] {
        let versions = repo::published_versions(&state.db, owner, ContentKind::Event, &slug).await?;
        found = group_translations(versions.iter().map(ItemSummary::of).collect()).into_iter().next().map(|g| g.preferred);
        if found.is_some() {
            break;
        }
    }
    let item = found.ok_or_else(|| AppError::NotFound(format!("Vi fant ikke arrangementet «{slug}».")))?;
    let event = calendar_event(&state, &req, scope.slug(), &item).ok_or_else(|| AppError::NotFound("Arrangementet har ikke noe tidspunkt.".into()))?;
    let calendar = ical::Calendar { name: item.title.clone(), description: item.summary.clone(), events: vec![event] };
    respond_calendar(&req, &calendar, Some(&slug))
}

fn calendar_event(state: &AppState, req: &HttpRequest, area: &str, item: &ItemSummary) -> Option<ical::Event> {
    let url = crate::web::absolute_url(&state.config, req, &item_url(area, item.kind, &item.slug, &item.lang));
    Some(ical::Event {
        uid: format!("item-{}@{}", item.id.0, uid_host(state, req)),
        title: item.title.clone(),
        description: if item.summary.is_empty() { url.clone() } else { format!("{}\n\n{url}", item.summary) },
        place: item.event_place.clone(),
        url,
        starts: item.event_starts?,
        ends: item.event_ends,
        modified: item.modified_at.with_timezone(&Utc),
    })
}

/// The host in event UIDs: the public address's, so every instance gives the same UID.
fn uid_host(state: &AppState, req: &HttpRequest) -> String {
    let base = crate::web::absolute_url(&state.config, req, "");
    base.split("://").nth(1).unwrap_or("fagbro").trim_end_matches('/').to_owned()
}

fn respond_calendar(req: &HttpRequest, calendar: &ical::Calendar, download_as: Option<&str>) -> Result<HttpResponse, AppError> {
    let last_modified = calendar.events.iter().map(|e| e.modified).max();
    // DTSTAMP is when the calendar was made; it is taken from the content, so the bytes
    // (and the ETag) change only when an event does.
    let stamp = last_modified.unwrap_or(DateTime::UNIX_EPOCH);
    let mut response = conditional::respond(req, CALENDAR, calendar.to_ics(stamp), last_modified, KEEP_FOR);
    if let Some(slug) = download_as
        && let Ok(value) = format!("attachment; filename=\"{slug}.ics\"").parse()
    {
        response.headers_mut().insert(actix_web::http::header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// Every public page once, at its own address; past `sitemap::MOST_PER_FILE`, an index
/// of numbered files (`/sitemap-1.xml`, ...).
async fn sitemap_or_index(_: Anyone, state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    sitemap_file(&state, &req, None).await
}

async fn numbered_sitemap(_: Anyone, state: web::Data<AppState>, req: HttpRequest, number: web::Path<String>) -> Result<HttpResponse, AppError> {
    match number.parse::<usize>() {
        Ok(number) => sitemap_file(&state, &req, Some(number)).await,
        Err(_) => Err(no_such_sitemap()),
    }
}

fn no_such_sitemap() -> AppError {
    AppError::NotFound("Det finnes ikke noe slikt nettstedskart.".into())
}

async fn sitemap_file(state: &AppState, req: &HttpRequest, number: Option<usize>) -> Result<HttpResponse, AppError> {
    let pages = public_pages(state, req).await?;
    let file_url = |n: usize| crate::web::absolute_url(&state.config, req, &format!("/sitemap-{n}.xml"));
    let body = sitemap::file(&pages, number, sitemap::MOST_PER_FILE, file_url).ok_or_else(no_such_sitemap)?;
    Ok(conditional::respond(req, "application/xml; charset=utf-8", body, None, KEEP_FOR))
}

/// The site's public pages: the front pages, each area's pages and lists, and every
/// published item at its own area's address in each of its languages.
async fn public_pages(state: &AppState, req: &HttpRequest) -> Result<Vec<sitemap::Page>, AppError> {
    let absolute = |path: &str| crate::web::absolute_url(&state.config, req, path);
    let page = |path: &str, lastmod| sitemap::Page { loc: absolute(path), lastmod, alternates: Vec::new() };
    let mut pages: Vec<sitemap::Page> = ["/", "/kurs", "/pasient", "/tolk"].iter().map(|path| page(path, None)).collect();
    let all_areas = areas::repo::all(&state.db).await?;
    let themes = repo::themes(&state.db).await?;
    for area in &all_areas {
        let slug = &area.slug;
        pages.push(page(&format!("/{slug}"), None));
        pages.push(page(&format!("/{slug}/tema"), None));
        pages.extend(themes.iter().map(|theme| page(&format!("/{slug}/tema/{}", theme.slug), None)));
        for kind in [ContentKind::News, ContentKind::Event, ContentKind::Guide, ContentKind::Article, ContentKind::Interpreter] {
            pages.push(page(&format!("/{slug}/{kind}"), None));
        }
        pages.push(page(&format!("/{slug}/pasient"), None));
    }
    let area_slugs: HashMap<_, _> = all_areas.iter().map(|area| (area.id, area.slug.as_str())).collect();
    let items = repo::published_addresses(&state.db).await?;
    let mut groups: HashMap<(&str, &str), Vec<(String, String)>> = HashMap::new();
    for item in &items {
        let Some(area) = area_slugs.get(&item.area_id) else { continue };
        let url = absolute(&reading_url(area, item.kind, &item.slug, &item.lang));
        groups.entry((area, item.translation_group.as_str())).or_default().push((item.lang.clone(), url));
    }
    // A course is read at one address whatever its languages: listed once.
    let mut listed = std::collections::HashSet::new();
    for item in &items {
        let Some(area) = area_slugs.get(&item.area_id) else { continue };
        let loc = absolute(&reading_url(area, item.kind, &item.slug, &item.lang));
        if !listed.insert(loc.clone()) {
            continue;
        }
        let mut alternates = groups.get(&(*area, item.translation_group.as_str())).cloned().unwrap_or_default();
        alternates.dedup_by(|a, b| a.1 == b.1);
        if alternates.len() < 2 {
            alternates.clear();
        }
        pages.push(sitemap::Page { loc, lastmod: Some(oslo::wall_clock(item.modified_at.with_timezone(&Utc)).date()), alternates });
    }
    Ok(pages)
}

/// Search engines may read the public site; not the editors' pages, a learner's own
/// pages, search results (endless, and each a copy of other pages) or sign-in forms.
async fn robots(_: Anyone, state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let sitemap = crate::web::absolute_url(&state.config, &req, "/sitemap.xml");
    let body = format!(
        "User-agent: *\nDisallow: /redaksjon\nDisallow: /min-side\nDisallow: /sok\nDisallow: /api/search\nDisallow: /api/suggest\nDisallow: /logg-inn\nDisallow: /registrer\nDisallow: /kurs/forsok/\n\nSitemap: {sitemap}\n"
    );
    Ok(conditional::respond(&req, "text/plain; charset=utf-8", body, None, Duration::from_secs(86_400)))
}
