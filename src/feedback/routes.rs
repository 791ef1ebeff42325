//! `POST /tilbakemelding` from every public page, and marking feedback handled.
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{Kind, MAX_MESSAGE_CHARS, repo};
use crate::entities::ids::{AreaId, ItemId};
use crate::web::routes::Routes;
use crate::web::access::Editor;
use crate::web::form_stamp::{FormStamp, StampProblem};
use crate::web::session::Visitor;
use crate::state::AppState;
use crate::areas::{self, CENTRAL};
use crate::audit;
use crate::authz::{Action, AreaRef};
use crate::content::{self, ContentKind};
use crate::error::AppError;
use crate::web::site_path::same_site_path;
use crate::web::{Chrome, form_again, render};

pub fn routes(routes: &mut Routes) {
    routes.post("/tilbakemelding", send_feedback);
    routes.post("/redaksjon/tilbakemelding/{id}/behandlet", mark_handled);
}

#[derive(Deserialize)]
struct FeedbackForm {
    page: String,
    /// The area the page was shown in: who answers a page that is not under an area (search).
    #[serde(default)]
    area: String,
    kind: Option<String>,
    #[serde(default)]
    message: String,
    /// The trap: hidden from people, filled in by bots.
    #[serde(default)]
    website: String,
    #[serde(default)]
    stamp: String,
}

/// The form again, with what the reader chose and typed, and why it was not sent.
#[derive(Serialize)]
struct AgainPage {
    feedback_form: TypedFeedback,
}

#[derive(Serialize)]
struct TypedFeedback {
    page: String,
    area: String,
    kind: String,
    message: String,
    error: String,
}

#[derive(Serialize)]
struct ThanksPage {
    area_name: String,
    back: String,
}

/// Where a page's feedback goes: the page's own item's area (central guidance seen in
/// Vestfold goes to the central editors), else the area the page belongs to.
async fn responsible(state: &AppState, page: &str, shown_in: &str) -> Result<(AreaId, Option<ItemId>, String), AppError> {
    let unknown = || AppError::BadRequest("Tilbakemeldingen gjelder en side vi ikke kjenner.".into());
    let mut segments = page.trim_start_matches('/').split('/');
    let area = match areas::repo::by_slug(&state.db, segments.next().unwrap_or_default()).await? {
        Some(area) => area,
        None => areas::repo::by_slug(&state.db, shown_in).await?.ok_or_else(unknown)?,
    };
    if let (Some(kind), Some(slug)) = (segments.next(), segments.next())
        && let Ok(kind) = kind.parse::<ContentKind>()
    {
        let mut searched = vec![area.clone()];
        if area.slug != CENTRAL
            && let Some(central) = areas::repo::by_slug(&state.db, CENTRAL).await?
        {
            searched.push(central);
        }
        for owner in searched {
            if let Some(item) = content::repo::published_versions(&state.db, owner.id, kind, slug).await?.first() {
                return Ok((owner.id, Some(item.id), owner.name));
            }
        }
    }
    Ok((area.id, None, area.name))
}

async fn send_feedback(
    visitor: Visitor,
    state: web::Data<AppState>,
    limiter: web::Data<super::RateLimiter>,
    form: web::Form<FeedbackForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    // Only a page of this site: the path is shown to editors as a link.
    let page = same_site_path(&form.page)
        .ok_or_else(|| AppError::BadRequest("Tilbakemeldingen gjelder en side vi ikke kjenner.".into()))?
        .to_owned();
    let (area_id, item_id, area_name) = responsible(&state, &page, &form.area).await?;
    let again = |error: &str| -> Result<HttpResponse, AppError> {
        let typed = TypedFeedback {
            page: page.clone(),
            area: form.area.clone(),
            kind: form.kind.clone().unwrap_or_default(),
            message: form.message.chars().take(MAX_MESSAGE_CHARS).collect(),
            error: error.to_owned(),
        };
        let page = AgainPage { feedback_form: typed };
        Err(form_again(&state.templates, "feedback/again.html", &Chrome::new("Tilbakemeldingen er ikke sendt", None), &visitor, &page))
    };
    let thanks = || -> Result<HttpResponse, AppError> {
        let page = ThanksPage { area_name: area_name.clone(), back: page.clone() };
        render(&state.templates, "feedback/thanks.html", &Chrome::new("Takk for tilbakemeldingen", None), &visitor, &page)
    };
    if !form.website.is_empty() {
        // A bot: it is thanked like anyone and nothing is kept.
        tracing::info!(page = %page, "feedback trap filled in: dropped");
        return thanks();
    }
    match FormStamp::verify(&visitor.stamp_key, &form.stamp, &visitor.csrf, chrono::Utc::now().timestamp()) {
        Ok(()) => {}
        Err(StampProblem::TooQuick) => return again("Skjemaet ble sendt bare sekunder etter at siden ble åpnet. Vent litt og send igjen."),
        Err(StampProblem::Stale | StampProblem::Forged) => return again("Skjemaet var utløpt. Send det igjen herfra."),
    }
    let Some(kind) = form.kind.as_deref().and_then(Kind::parse) else {
        return again("Velg om siden var nyttig, ikke nyttig, eller om du vil melde en feil.");
    };
    let message = form.message.trim();
    if message.chars().count() > MAX_MESSAGE_CHARS {
        return again(&format!("Meldingen kan ha høyst {MAX_MESSAGE_CHARS} tegn."));
    }
    if kind == Kind::Error && message.is_empty() {
        return again("Skriv kort hva som er feil eller utdatert, så redaksjonen kan rette det.");
    }
    let client = visitor.from.as_deref().and_then(|ip| ip.parse().ok()).unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
    if !limiter.allow(client, std::time::Instant::now()) {
        return Err(AppError::TooManyRequests("Du har sendt mange tilbakemeldinger på kort tid. Prøv igjen senere.".into()));
    }
    repo::insert(&state.db, area_id, item_id, &page, kind, message).await?;
    thanks()
}

async fn mark_handled(visitor: Editor, state: web::Data<AppState>, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let feedback = repo::by_id(&state.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Fant ingen tilbakemelding med nummer {id}.")))?;
    let area = areas::repo::by_id(&state.db, feedback.area_id)
        .await?
        .ok_or_else(|| AppError::NotFound("Området finnes ikke lenger.".into()))?;
    let user = visitor.may(Action::HandleFeedback(AreaRef::from(&area)))?;
    let txn = crate::db::begin_write(&state.db).await?;
    repo::mark_handled(&txn, id, user.id).await?;
    audit::record(&txn, &visitor.actor(), audit::Action::FeedbackHandled, &feedback.page_path, Some(area.id), &format!("tilbakemelding {id}")).await?;
    txn.commit().await?;
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, "/redaksjon#tilbakemeldinger")).finish())
}
