//! Patient material, languages first. `/{area}/pasient` asks "Velg språk" and lists every
//! language the area's leaflets are in, each in its own script with its number of
//! leaflets; `/{area}/pasient/{lang}` lists the leaflets in that language by theme, headed
//! in that language, each with its Norwegian title for the clinician beside the patient.
pub mod qr;
pub mod show;
pub mod words;

use std::collections::{BTreeMap, HashMap};

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use super::repo::{self, ItemFilter, ItemSummary};
use super::view::item_url;
use super::{ContentKind, Lang};
use crate::areas::AreaScope;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::Anyone;
use crate::web::session::Visitor;
use crate::web::routes::Routes;
use crate::web::{Chrome, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/pasient", patient_hub);
    routes.page("/{area}/pasient", languages);
    routes.page("/{area}/pasient/{lang}", leaflets_in);
    routes.page("/{area}/pasient/{lang}/{slug}", show::show_to_patient);
    routes.page("/{area}/pasient/{lang}/{slug}/qr.png", show::leaflet_qr);
}

/// Where an area's patient material starts.
pub fn languages_url(area: &str) -> String {
    format!("/{area}/pasient")
}

pub fn language_url(area: &str, lang: &str) -> String {
    format!("/{area}/pasient/{lang}")
}

/// `/pasient`: the patient material of the visitor's area (central for a visitor who has
/// not chosen one).
async fn patient_hub(_: Anyone, state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let area = crate::areas::remembered(&state.db, &req).await?.unwrap_or_else(|| crate::areas::CENTRAL.to_owned());
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, languages_url(&area))).finish())
}

/// The published leaflets an area's visitors see, every language.
async fn leaflets(state: &AppState, scope: &AreaScope) -> Result<Vec<ItemSummary>, AppError> {
    let filter = ItemFilter { kinds: vec![ContentKind::Patient], ..ItemFilter::default() };
    Ok(repo::published_summaries(&state.db, &scope.visible_ids(), &filter).await?)
}

/// How many published leaflets an area's visitors see in each language.
pub async fn leaflets_per_language(state: &AppState, scope: &AreaScope) -> Result<HashMap<String, usize>, AppError> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for leaflet in leaflets(state, scope).await? {
        *counts.entry(leaflet.lang).or_default() += 1;
    }
    Ok(counts)
}

#[derive(Serialize)]
struct LanguageChoice {
    code: String,
    native: String,
    name: String,
    dir: &'static str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct LanguagesPage {
    languages: Vec<LanguageChoice>,
}

async fn languages(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let mut languages: Vec<LanguageChoice> = leaflets_per_language(&state, &scope)
        .await?
        .into_iter()
        .filter_map(|(code, count)| Lang::parse(&code).ok().map(|lang| (lang, count)))
        .map(|(lang, count)| LanguageChoice {
            url: language_url(scope.slug(), lang.as_str()),
            code: lang.to_string(),
            native: lang.native_name().to_owned(),
            name: lang.name_in_bokmal().to_owned(),
            dir: lang.dir(),
            count,
        })
        .collect();
    languages.sort_by_key(|l| (Lang::parse(&l.code).map_or(usize::MAX, |l| l.preference_rank()), l.code.clone()));
    let chrome = Chrome::new("Pasientinformasjon – velg språk", Some(scope.view())).with_current(&languages_url(scope.slug()));
    render(&state.templates, "content/patient/languages.html", &chrome, &visitor, &LanguagesPage { languages })
}

#[derive(Serialize)]
struct LeafletLink {
    title: String,
    url: String,
    /// The Norwegian title, for the clinician; `None` on the Norwegian page itself.
    norwegian_title: Option<String>,
    /// The leaflet to show the patient, with its QR code.
    show_url: String,
}

#[derive(Serialize)]
struct ThemeGroup {
    /// The theme's (Norwegian) name; "Annet" for leaflets without one.
    name: String,
    leaflets: Vec<LeafletLink>,
}

#[derive(Serialize)]
struct LanguagePage {
    heading: &'static str,
    other_languages: &'static str,
    /// Whether the headings above are in the page's language (else they are Norwegian).
    words_in_language: bool,
    languages_url: String,
    themes: Vec<ThemeGroup>,
}

async fn leaflets_in(visitor: Visitor, state: web::Data<AppState>, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area, code) = path.into_inner();
    let scope = AreaScope::load(&state.db, &area).await?;
    let all = leaflets(&state, &scope).await?;
    let lang = Lang::parse(&code).ok().filter(|lang| all.iter().any(|l| l.lang == lang.as_str())).ok_or_else(|| {
        AppError::NotFound(format!("Vi har ingen pasientinformasjon på «{code}». Se hvilke språk vi har på {}.", languages_url(scope.slug())))
    })?;
    let norwegian: HashMap<(crate::entities::ids::AreaId, &str), &str> =
        all.iter().filter(|l| l.lang == "nb").map(|l| ((l.area_id, l.translation_group.as_str()), l.title.as_str())).collect();
    let chosen: Vec<&ItemSummary> = all.iter().filter(|l| l.lang == lang.as_str()).collect();
    let ids: Vec<_> = chosen.iter().map(|l| l.id).collect();
    let theme_slugs = repo::theme_slugs_of_items(&state.db, &ids).await?;
    let theme_names: HashMap<String, String> = repo::themes(&state.db).await?.into_iter().map(|t| (t.slug, t.name)).collect();
    let mut by_theme: BTreeMap<String, Vec<LeafletLink>> = BTreeMap::new();
    for leaflet in &chosen {
        let link = LeafletLink {
            title: leaflet.title.clone(),
            url: item_url(scope.slug(), ContentKind::Patient, &leaflet.slug, &leaflet.lang),
            show_url: show::show_url(scope.slug(), &leaflet.lang, &leaflet.slug),
            norwegian_title: (lang.as_str() != "nb")
                .then(|| norwegian.get(&(leaflet.area_id, leaflet.translation_group.as_str())).map(|t| (*t).to_owned()))
                .flatten(),
        };
        let slugs = theme_slugs.get(&leaflet.id).cloned().unwrap_or_default();
        let name = slugs.first().and_then(|slug| theme_names.get(slug)).cloned().unwrap_or_else(|| "Annet".to_owned());
        by_theme.entry(name).or_default().push(link);
    }
    let (words, words_in_language) = words::in_language(lang.as_str());
    let page = LanguagePage {
        heading: words.heading,
        other_languages: words.other_languages,
        words_in_language,
        languages_url: languages_url(scope.slug()),
        themes: by_theme.into_iter().map(|(name, leaflets)| ThemeGroup { name, leaflets }).collect(),
    };
    let title = format!("{} – {}", words.heading, lang.native_name());
    let chrome = Chrome::in_language(title, Some(scope.view()), &lang).with_current(&languages_url(scope.slug()));
    render(&state.templates, "content/patient/language.html", &chrome, &visitor, &page)
}
