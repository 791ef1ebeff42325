//! "Vis til pasienten": a leaflet alone in large type, in the patient's language with the
//! Norwegian beside it (two columns on a wide screen; on a phone one at a time, with a
//! switch), and a QR code of the leaflet's address so the patient can take it home.
//! Printed, it is one A4 page: the leaflet, the code, the address, the source, the date it
//! was last checked and the Norwegian title; nothing of the site around it.
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{qr, words};
use crate::areas::AreaScope;
use crate::content::routes::versions_seen_from;
use crate::content::translation::{self, TranslationStatus};
use crate::content::view::{OutdatedNotice, item_url, links_in_area};
use crate::content::{ContentKind, Lang};
use crate::entities::content_item;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::Anyone;
use crate::web::session::Visitor;
use crate::web::{Chrome, format, render};

/// `/{area}/pasient/{lang}/{slug}`: the leaflet `slug` in language `lang`, to show.
pub fn show_url(area: &str, lang: &str, slug: &str) -> String {
    format!("/{area}/pasient/{lang}/{slug}")
}

#[derive(Deserialize)]
pub struct ShowQuery {
    /// `nb`: the Norwegian first (what a phone shows), for the clinician.
    vis: Option<String>,
}

#[derive(Serialize)]
struct LeafletText {
    /// "patient" or "norwegian": print keeps the patient's text.
    role: &'static str,
    lang: String,
    dir: &'static str,
    language_name: String,
    title: String,
    summary: String,
    body_html: String,
}

#[derive(Serialize)]
struct ShowPage {
    first: LeafletText,
    second: Option<LeafletText>,
    /// The switch: the address that puts the other text first.
    switch_url: Option<String>,
    switch_label: String,
    leaflet_url: String,
    /// The leaflet's absolute address, which the QR code holds.
    address: String,
    qr_url: String,
    scan_in_language: Option<&'static str>,
    scan_in_norwegian: &'static str,
    source: String,
    last_reviewed: String,
    norwegian_title: Option<String>,
    outdated: Option<OutdatedNotice>,
}

/// The leaflet an area's visitors see at this address in this language, and its Norwegian original.
async fn leaflet(state: &AppState, scope: &AreaScope, lang: &str, slug: &str) -> Result<(content_item::Model, Option<content_item::Model>), AppError> {
    let versions = versions_seen_from(state, scope, ContentKind::Patient, slug).await?;
    let not_found = || AppError::NotFound(format!("Vi fant ingen pasientinformasjon «{slug}» på «{lang}» i {}.", scope.area.name));
    let chosen = versions.iter().find(|v| v.lang == lang).cloned().ok_or_else(not_found)?;
    let norwegian = versions.into_iter().find(|v| v.lang == translation::ORIGINAL_LANG && v.lang != lang);
    Ok((chosen, norwegian))
}

fn text_of(item: &content_item::Model, role: &'static str, area: &str) -> LeafletText {
    let lang = Lang::parse(&item.lang).unwrap_or_else(|_| Lang::bokmal());
    LeafletText {
        role,
        dir: lang.dir(),
        language_name: lang.native_name().to_owned(),
        lang: lang.to_string(),
        title: item.title.clone(),
        summary: item.summary.clone(),
        body_html: links_in_area(&item.body_html, area),
    }
}

pub async fn show_to_patient(
    visitor: Visitor,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let (area, lang, slug) = path.into_inner();
    let scope = AreaScope::load(&state.db, &area).await?;
    let (item, norwegian) = leaflet(&state, &scope, &lang, &slug).await?;
    let viewing = scope.slug();
    let leaflet_path = item_url(viewing, ContentKind::Patient, &item.slug, &item.lang);
    let patient = text_of(&item, "patient", viewing);
    let norwegian_text = norwegian.as_ref().map(|n| text_of(n, "norwegian", viewing));
    let norwegian_first = query.vis.as_deref() == Some("nb") && norwegian_text.is_some();
    let (switch_url, switch_label) = match (&norwegian_text, norwegian_first) {
        (None, _) => (None, String::new()),
        (Some(_), false) => (Some(format!("{}?vis=nb", show_url(viewing, &lang, &slug))), "Vis norsk tekst først".to_owned()),
        (Some(_), true) => (Some(show_url(viewing, &lang, &slug)), format!("Vis {} først", patient.language_name)),
    };
    let (first, second) = match norwegian_text {
        Some(norwegian) if norwegian_first => (norwegian, Some(patient)),
        other => (patient, other),
    };
    let item_lang = Lang::parse(&item.lang).unwrap_or_else(|_| Lang::bokmal());
    let (in_language, has_words) = words::in_language(item_lang.as_str());
    let outdated = match translation::status(&state.db, &item).await? {
        Some((_, TranslationStatus::Outdated { since })) => {
            Some(OutdatedNotice::new(&item_lang, since, item_url(viewing, ContentKind::Patient, &item.slug, "nb")))
        }
        _ => None,
    };
    let owner = scope.by_id.get(&item.area_id).unwrap_or(&scope.area);
    let page = ShowPage {
        switch_url,
        switch_label,
        address: crate::web::absolute_url(&state.config, &req, &leaflet_path),
        qr_url: format!("{}/qr.png", show_url(viewing, &lang, &slug)),
        leaflet_url: leaflet_path,
        scan_in_language: (has_words && item_lang.as_str() != "nb").then_some(in_language.scan_to_take_home),
        scan_in_norwegian: words::in_language("nb").0.scan_to_take_home,
        source: format!("fagbro – {}", if owner.slug == crate::areas::CENTRAL { "felles innhold for helsefellesskapet".to_owned() } else { owner.name.clone() }),
        last_reviewed: format::date(item.updated_on.or(item.published_on).unwrap_or_else(|| item.modified_at.date_naive())),
        norwegian_title: norwegian.map(|n| n.title),
        outdated,
        first,
        second,
    };
    let chrome = Chrome::in_language(page.first.title.clone(), Some(scope.view()), &Lang::parse(&page.first.lang).unwrap_or_else(|_| Lang::bokmal()));
    render(&state.templates, "content/patient/show.html", &chrome, &visitor, &page)
}

/// The QR code of the leaflet's address, as a PNG.
pub async fn leaflet_qr(_: Anyone, state: web::Data<AppState>, req: HttpRequest, path: web::Path<(String, String, String)>) -> Result<HttpResponse, AppError> {
    let (area, lang, slug) = path.into_inner();
    let scope = AreaScope::load(&state.db, &area).await?;
    let (item, _) = leaflet(&state, &scope, &lang, &slug).await?;
    let address = crate::web::absolute_url(&state.config, &req, &item_url(scope.slug(), ContentKind::Patient, &item.slug, &item.lang));
    let png = qr::png(&address).map_err(|e| AppError::BadRequest(format!("Adressen {address} passer ikke i en QR-kode: {e}.")))?;
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        // The address depends on the host asked when no public address is set.
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(png))
}
