//! `/sok` (the search page, works without JavaScript), `/api/search` (JSON) and
//! `/api/suggest` (titles as you type).
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use serde_json::json;

use super::SearchIndex;
use super::query::{self, Hit, SearchRequest, SearchResults};
use crate::web::routes::Routes;
use crate::web::access::Anyone;
use crate::state::AppState;
use crate::areas::{self, AreaScope};
use crate::content::view::item_url;
use crate::content::{ContentKind, Lang, repo};
use crate::web::session::Visitor;
use crate::error::AppError;
use crate::web::{Chrome, render};

/// The search index failing is our fault, not the visitor's: a 500 with its cause logged.
impl From<super::query::SearchError> for AppError {
    fn from(error: super::query::SearchError) -> Self {
        AppError::Unexpected { what: "search", source: Box::new(error) }
    }
}

pub fn routes(routes: &mut Routes) {
    routes.page("/sok", search_page);
    routes.page("/api/search", search_api);
    routes.page("/api/suggest", suggest_api);
}

/// Longer queries are cut here: nobody types more, and it bounds the work.
pub const MAX_QUERY_CHARS: usize = 300;
const MAX_LIMIT: usize = 100;
const MAX_OFFSET: usize = 10_000;

/// A request parameter that is wrong, and why (in bokmål for the page, shown to people).
#[derive(Debug)]
pub struct BadParameter {
    pub parameter: &'static str,
    pub message: String,
}

fn bad(parameter: &'static str, message: impl Into<String>) -> Refused {
    Refused::Parameter(BadParameter { parameter, message: message.into() })
}

/// Why a search request is not run: a parameter of the visitor's, or our database
/// (which is not the visitor's fault and is not answered as if it were).
enum Refused {
    Parameter(BadParameter),
    Database(sea_orm::DbErr),
}

impl From<sea_orm::DbErr> for Refused {
    fn from(error: sea_orm::DbErr) -> Self {
        Refused::Database(error)
    }
}

impl Refused {
    /// An `AppError`, with a wrong parameter answered the way the caller answers it.
    fn or(self, parameter_error: impl FnOnce(BadParameter) -> AppError) -> AppError {
        match self {
            Refused::Parameter(bad) => parameter_error(bad),
            Refused::Database(error) => AppError::Database(error),
        }
    }
}

/// Checks the query parameters shared by the page and the API.
async fn parse_request(state: &AppState, params: &HashMap<String, String>, default_limit: usize) -> Result<SearchRequest, Refused> {
    let value = |name: &str| params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let number = |name: &'static str, min: usize, max: usize, default: usize| -> Result<usize, Refused> {
        match value(name) {
            None => Ok(default),
            Some(text) => match text.parse::<usize>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(bad(name, format!("{name} must be a whole number from {min} to {max}"))),
            },
        }
    };
    let kind = match value("type") {
        None => None,
        Some(text) => Some(text.parse::<ContentKind>().map_err(|e| bad("type", e.to_string()))?.as_str().to_owned()),
    };
    let lang = match value("lang") {
        None => None,
        Some(text) => Some(Lang::parse(text).map_err(|e| bad("lang", e.to_string()))?.to_string()),
    };
    let area = match value("area") {
        None => None,
        Some(slug) => match areas::repo::by_slug(&state.db, slug).await? {
            Some(_) => Some(slug.to_owned()),
            None => {
                let known: Vec<String> = areas::repo::all(&state.db).await?.into_iter().map(|a| a.slug).collect();
                return Err(bad("area", format!("unknown area {slug:?} (known: {})", known.join(", "))));
            }
        },
    };
    let theme = match value("theme") {
        None => None,
        Some(slug) => match repo::theme_by_slug(&state.db, slug).await? {
            Some(_) => Some(slug.to_owned()),
            None => return Err(bad("theme", format!("unknown theme {slug:?}"))),
        },
    };
    Ok(SearchRequest {
        text: value("q").unwrap_or_default().chars().take(MAX_QUERY_CHARS).collect(),
        kind,
        theme,
        area,
        lang,
        audience: value("audience").map(str::to_owned),
        limit: number("limit", 1, MAX_LIMIT, default_limit)?,
        offset: number("offset", 0, MAX_OFFSET, 0)?,
        visitor_area: None,
        today_days: super::days_since_epoch(crate::oslo::now().date_naive()),
    })
}


/// The answer kept from the same search asked before, else the search run in a search
/// slot (scoring is CPU work): a repeated search never waits behind new ones.
async fn run(index: Arc<SearchIndex>, request: SearchRequest) -> Result<Arc<SearchResults>, AppError> {
    if let Some(kept) = super::answers::kept_answer(&index, &request) {
        return Ok(kept);
    }
    crate::cpu::SEARCHES.run(move || super::answers::search_and_keep(&index, &request)).await.map_err(AppError::from)
}

/// Where a hit is read: central items within the visitor's area, local ones in their own.
fn hit_url(hit: &Hit, visitor_area: Option<&str>) -> String {
    // A course is taken under its own area; a lesson hit opens that lesson in the course.
    if hit.kind == ContentKind::Course {
        return match hit.step.as_str() {
            "" => format!("/kurs/{}/{}", hit.area, hit.slug),
            step => format!("/kurs/{}/{}/{step}", hit.area, hit.slug),
        };
    }
    let area = match visitor_area {
        Some(visitor) if hit.area == areas::CENTRAL => visitor,
        _ => hit.area.as_str(),
    };
    item_url(area, hit.kind, &hit.slug, &hit.lang)
}

#[derive(Serialize)]
struct ApiHit {
    slug: String,
    lang: String,
    #[serde(rename = "type")]
    kind: ContentKind,
    area: String,
    title: String,
    url: String,
    snippet: String,
    score: f32,
}

async fn search_api(
    _: Anyone,
    state: web::Data<AppState>,
    index: web::Data<SearchIndex>,
    params: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let request = parse_request(&state, &params, 10)
        .await
        .map_err(|refused| refused.or(|b| AppError::InvalidParameter { parameter: b.parameter, message: b.message }))?;
    let mut request = request;
    // Asking for an area's content is asking as a visitor of that area.
    request.visitor_area = request.area.clone();
    let visitor = request.area.clone();
    let results = run(index.into_inner(), request.clone()).await?;
    let hits: Vec<ApiHit> = results
        .hits
        .iter()
        .map(|hit| ApiHit {
            url: hit_url(hit, visitor.as_deref()),
            slug: hit.slug.clone(),
            lang: hit.lang.clone(),
            kind: hit.kind,
            area: hit.area.clone(),
            title: hit.title.clone(),
            snippet: hit.snippet_html.clone(),
            score: hit.score,
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "query": request.text,
        "total": results.total,
        "offset": request.offset,
        "limit": request.limit,
        "hits": hits,
        "facets": results.facets,
        "did_you_mean": results.did_you_mean,
    })))
}

async fn suggest_api(_: Anyone, index: web::Data<SearchIndex>, params: web::Query<HashMap<String, String>>) -> Result<HttpResponse, AppError> {
    let text: String = params.get("q").map(|q| q.chars().take(100).collect()).unwrap_or_default();
    let index = index.into_inner();
    let hits = crate::cpu::SEARCHES.run(move || query::suggest(&index, &text, 8)).await?;
    let suggestions: Vec<_> = hits.iter().map(|h| json!({"title": h.title, "url": hit_url(h, None)})).collect();
    Ok(HttpResponse::Ok().json(json!({"suggestions": suggestions})))
}

#[derive(Serialize)]
struct PageHit {
    title: String,
    url: String,
    kind_label: &'static str,
    local_area: Option<String>,
    lang: String,
    dir: &'static str,
    snippet_html: String,
}

#[derive(Serialize)]
struct FacetLink {
    label: String,
    count: u64,
    url: String,
    selected: bool,
}

#[derive(Serialize)]
struct FacetGroup {
    heading: &'static str,
    links: Vec<FacetLink>,
}

#[derive(Serialize)]
struct SearchPage {
    query: String,
    searched: bool,
    total: usize,
    hits: Vec<PageHit>,
    facets: Vec<FacetGroup>,
    did_you_mean: Option<(String, String)>,
    previous_url: Option<String>,
    next_url: Option<String>,
    first: usize,
    last: usize,
}

const PAGE_SIZE: usize = 20;

/// The search page: the visitor's remembered area ranks first; filters are links.
async fn search_page(
    visitor: Visitor,
    state: web::Data<AppState>,
    index: web::Data<SearchIndex>,
    req: HttpRequest,
    params: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let params = params.into_inner();
    let mut request = parse_request(&state, &params, PAGE_SIZE)
        .await
        .map_err(|refused| refused.or(|b| AppError::BadRequest(format!("Søket kan ikke utføres: {}.", b.message))))?;
    let remembered = areas::remembered(&state.db, &req).await?.unwrap_or_else(|| areas::CENTRAL.to_owned());
    let scope = AreaScope::load(&state.db, &remembered).await?;
    request.visitor_area = Some(remembered.clone());
    request.limit = PAGE_SIZE;
    let searched = !request.text.trim().is_empty() || params.keys().any(|k| k != "q");
    let results = if searched { run(index.into_inner(), request.clone()).await? } else { Arc::default() };
    let counted = super::insights::normalise(&request.text);
    if let Some(query) = counted.clone().filter(|_| request.offset == 0) {
        // Counted beside the answer, not before it: a search never waits for its count.
        let (db, area, found) = (state.db.clone(), remembered.clone(), results.total > 0);
        tokio::spawn(async move {
            let event = super::insights::Event::Searched { found };
            if let Err(error) = super::insights::count(&db, crate::oslo::now().date_naive(), &area, &query, event).await {
                tracing::warn!(error = %crate::telemetry::error_chain(&error), "a search was not counted");
            }
        });
    }

    let themes: HashMap<String, String> = repo::themes(&state.db).await?.into_iter().map(|t| (t.slug, t.name)).collect();
    let area_names: HashMap<String, String> = scope.by_id.values().map(|a| (a.slug.clone(), a.name.clone())).collect();
    let hits = results
        .hits
        .iter()
        .map(|hit| {
            let lang = Lang::parse(&hit.lang).unwrap_or_else(|_| Lang::bokmal());
            let url = hit_url(hit, Some(&remembered));
            PageHit {
                title: hit.title.clone(),
                // Through `/sok/apne`, which counts that a hit of the query was opened.
                url: match &counted {
                    Some(query) => format!("/sok/apne?q={}&til={}", encode(query), encode(&url)),
                    None => url,
                },
                kind_label: match hit.kind {
                    ContentKind::Course if !hit.step.is_empty() => "Leksjon i e-kurs",
                    kind => kind.label(),
                },
                local_area: (hit.area != areas::CENTRAL).then(|| area_names.get(&hit.area).cloned().unwrap_or_default()),
                dir: lang.dir(),
                lang: lang.to_string(),
                snippet_html: hit.snippet_html.clone(),
            }
        })
        .collect();
    let label = |facet: &str, key: &str| -> String {
        match facet {
            "type" => key.parse::<ContentKind>().map_or(key.to_owned(), |k| k.plural_label().to_owned()),
            "theme" => themes.get(key).cloned().unwrap_or_else(|| key.to_owned()),
            "area" => area_names.get(key).cloned().unwrap_or_else(|| key.to_owned()),
            "lang" => Lang::parse(key).map_or(key.to_owned(), |l| l.native_name().to_owned()),
            _ => key.to_owned(),
        }
    };
    let facets = [("type", "Type"), ("theme", "Fagtema"), ("area", "Område"), ("lang", "Språk")]
        .into_iter()
        .filter_map(|(facet, heading)| {
            let counts: &BTreeMap<String, u64> = results.facets.get(facet)?;
            let selected = params.get(facet).map(String::as_str);
            let mut links: Vec<FacetLink> = counts
                .iter()
                .map(|(key, count)| FacetLink {
                    label: label(facet, key),
                    count: *count,
                    url: with_params(&params, &[(facet, (selected != Some(key.as_str())).then_some(key.as_str())), ("offset", None)]),
                    selected: selected == Some(key.as_str()),
                })
                .collect();
            links.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
            (!links.is_empty()).then_some(FacetGroup { heading, links })
        })
        .collect();
    let offset = request.offset;
    let page = SearchPage {
        query: request.text.clone(),
        searched,
        total: results.total,
        first: offset + 1,
        last: offset + results.hits.len(),
        hits,
        facets,
        did_you_mean: results.did_you_mean.clone().map(|better| (with_params(&params, &[("q", Some(&better)), ("offset", None)]), better)),
        previous_url: (offset > 0).then(|| {
            let previous = offset.saturating_sub(PAGE_SIZE).to_string();
            with_params(&params, &[("offset", Some(&previous))])
        }),
        next_url: (offset + PAGE_SIZE < results.total.min(MAX_OFFSET)).then(|| {
            let next = (offset + PAGE_SIZE).to_string();
            with_params(&params, &[("offset", Some(&next))])
        }),
    };
    let chrome = Chrome::new("Søk", Some(scope.view()));
    render(&state.templates, "search/search.html", &chrome, &visitor, &page)
}

/// `/sok?...` with some parameters set (`Some`) or removed (`None`).
fn with_params(params: &HashMap<String, String>, changes: &[(&str, Option<&str>)]) -> String {
    let mut merged: BTreeMap<&str, &str> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for (key, value) in changes {
        match value {
            Some(value) => merged.insert(key, value),
            None => merged.remove(key),
        };
    }
    let query: Vec<String> = merged.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    if query.is_empty() { "/sok".to_owned() } else { format!("/sok?{}", query.join("&")) }
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_links_keep_the_other_parameters() {
        let params: HashMap<String, String> = [("q".to_owned(), "sår behandling".to_owned()), ("type".to_owned(), "guide".to_owned())].into();
        assert_eq!(with_params(&params, &[("type", None)]), "/sok?q=s%C3%A5r+behandling");
        assert_eq!(with_params(&params, &[("lang", Some("ar"))]), "/sok?lang=ar&q=s%C3%A5r+behandling&type=guide");
    }
}
