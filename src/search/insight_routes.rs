//! `/sok/apne`: a hit opened from the search page is counted, then shown; and
//! `/redaksjon/sokeinnsikt`: what the counts say, per area and period, for editors.
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Days;
use serde::{Deserialize, Serialize};

use super::insights::{self, Event, Insights};
use crate::areas;
use crate::authz::{Action, decide};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::{Anyone, Editor};
use crate::web::forms::{Choice, see_other};
use crate::web::routes::Routes;
use crate::web::site_path::same_site_path;
use crate::web::{Chrome, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/sok/apne", open_hit);
    routes.page("/redaksjon/sokeinnsikt", insights_page);
}

#[derive(Deserialize)]
struct OpenHit {
    q: Option<String>,
    til: Option<String>,
}

/// Counts the opening for the query and the searcher's area, then goes to the page
/// (only ever a page of this site).
async fn open_hit(_: Anyone, state: web::Data<AppState>, req: HttpRequest, query: web::Query<OpenHit>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let Some(target) = query.til.as_deref().and_then(same_site_path).map(str::to_owned) else {
        return Err(AppError::BadRequest("Lenken fra søket mangler siden den skal til.".into()));
    };
    if let Some(counted) = query.q.as_deref().and_then(insights::normalise) {
        let area = areas::remembered(&state.db, &req).await?.unwrap_or_else(|| areas::CENTRAL.to_owned());
        insights::count(&state.db, crate::oslo::now().date_naive(), &area, &counted, Event::Opened).await?;
    }
    Ok(see_other(target))
}

#[derive(Deserialize)]
struct Shown {
    omrade: Option<String>,
    dager: Option<u64>,
}

#[derive(Serialize)]
struct InsightsPage {
    insights: Insights,
    areas: Vec<Choice>,
    periods: Vec<Choice>,
    /// Central editors go from a query that found nothing to a synonym group.
    may_add_synonyms: bool,
}

const PERIODS: [(u64, &str); 3] = [(1, "I dag"), (7, "Siste 7 dager"), (30, "Siste 30 dager")];

async fn insights_page(visitor: Editor, state: web::Data<AppState>, query: web::Query<Shown>) -> Result<HttpResponse, AppError> {
    let shown = query.into_inner();
    // A local editor sees the searches made in their own areas; others see every area.
    let everything = visitor.user.role != crate::accounts::Role::LocalEditor;
    let visible: Vec<_> = areas::repo::all(&state.db).await?.into_iter().filter(|a| everything || visitor.user.area_ids.contains(&a.id)).collect();
    let chosen: Vec<String> = match shown.omrade.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => {
            let area = visible.iter().find(|a| a.slug == slug).ok_or_else(|| AppError::Forbidden("Du kan se søkeinnsikt for dine egne områder.".into()))?;
            vec![area.slug.clone()]
        }
        None => visible.iter().map(|a| a.slug.clone()).collect(),
    };
    let days = shown.dager.filter(|d| PERIODS.iter().any(|(p, _)| p == d)).unwrap_or(7);
    let until = crate::oslo::now().date_naive();
    let from = until.checked_sub_days(Days::new(days - 1)).unwrap_or(until);
    let scope = if everything && shown.omrade.as_deref().is_none_or(str::is_empty) { None } else { Some(chosen.as_slice()) };
    let insights = insights::insights(&state.db, scope, from, until).await?;
    let mut area_choices = Vec::new();
    if everything {
        area_choices.push(Choice { value: String::new(), label: "Alle områder".into(), selected: scope.is_none() });
    }
    area_choices.extend(visible.iter().map(|a| Choice { value: a.slug.clone(), label: a.name.clone(), selected: shown.omrade.as_deref() == Some(a.slug.as_str()) }));
    let page = InsightsPage {
        insights,
        areas: area_choices,
        periods: PERIODS.iter().map(|(d, label)| Choice { value: d.to_string(), label: (*label).into(), selected: *d == days }).collect(),
        may_add_synonyms: decide(Some(&visitor.user), Action::KeepSynonyms).is_ok(),
    };
    render(&state.templates, "search/insights.html", &Chrome::new("Søkeinnsikt", None), &visitor, &page)
}
