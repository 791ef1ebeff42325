//! `/tolk`: the interpreter hub of an area, the decision helper, the language list, and
//! the editors' form for the area's booking routine.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use super::advice::{self, Need, Offered, Situation, Urgency};
use crate::interpreter_booking::view::{RoutineView, routine_view};
use crate::interpreter_booking::{Mode, RoutineFields, repo};
use crate::areas::{self, AreaScope};
use crate::audit;
use crate::authz::{Action, AreaRef};
use crate::content::ContentKind;
use crate::content::repo::{self as content_repo, ItemFilter};
use crate::content::view::{ItemCard, card, group_translations};
use crate::error::AppError;
use crate::lang::Lang;
use crate::state::AppState;
use crate::web::access::Editor;
use crate::web::forms::{FormData, form, see_other};
use crate::web::routes::Routes;
use crate::web::session::Visitor;
use crate::web::{Chrome, form_page, format, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/tolk", choose_area);
    routes.page("/{area}/tolk", hub);
    routes.page("/{area}/tolk/hjelp", helper);
    routes.page("/{area}/tolk/sprak", language_list);
    routes.page("/redaksjon/tolkebestilling/{area}", routine_form);
    routes.post("/redaksjon/tolkebestilling/{area}", save_routine);
}

fn hub_url(area: &str) -> String {
    format!("/{area}/tolk")
}

#[derive(Serialize)]
struct AreaChoice {
    name: String,
    url: String,
}

/// `/tolk`: the hub of the visitor's area; a visitor who has not chosen one is asked,
/// since booking differs from area to area.
async fn choose_area(visitor: Visitor, state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    if let Some(area) = areas::remembered(&state.db, &req).await?.filter(|area| area != areas::CENTRAL) {
        return Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, hub_url(&area))).finish());
    }
    let choices: Vec<AreaChoice> = areas::repo::all(&state.db)
        .await?
        .into_iter()
        .filter(|a| a.slug != areas::CENTRAL)
        .map(|a| AreaChoice { url: hub_url(&a.slug), name: a.name })
        .collect();
    render(&state.templates, "interpreting/choose_area.html", &Chrome::new("Tolk – velg område", None), &visitor, &choices)
}

fn may_edit(visitor: &Visitor, scope: &AreaScope) -> bool {
    crate::authz::decide(visitor.user.as_ref(), Action::Edit(AreaRef::from(&scope.area))).is_ok()
}

#[derive(Serialize)]
struct HubPage {
    area_name: String,
    routine: Option<RoutineView>,
    guidance: Vec<ItemCard>,
    helper_url: String,
    languages_url: String,
    edit_url: Option<String>,
}

async fn hub(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let routine = repo::of_area(&state.db, scope.area.id).await?;
    let filter = ItemFilter { kinds: vec![ContentKind::Interpreter], ..ItemFilter::default() };
    let items = content_repo::published_summaries(&state.db, &scope.visible_ids(), &filter).await?;
    let guidance = group_translations(items).iter().map(|g| card(scope.slug(), &scope.by_id, g)).collect();
    let page = HubPage {
        area_name: scope.area.name.clone(),
        routine: routine.as_ref().map(routine_view),
        guidance,
        helper_url: format!("{}/hjelp", hub_url(scope.slug())),
        languages_url: format!("{}/sprak", hub_url(scope.slug())),
        edit_url: may_edit(&visitor, &scope).then(|| format!("/redaksjon/tolkebestilling/{}", scope.slug())),
    };
    let chrome = Chrome::new(format!("Tolk i {}", scope.area.name), Some(scope.view())).with_current(&hub_url(scope.slug()));
    render(&state.templates, "interpreting/hub.html", &chrome, &visitor, &page)
}

/// The languages a clinician may need an interpreter for: every language we know, and
/// any other the area's leaflets are in; Norwegian left out.
fn interpreter_languages(extra: impl Iterator<Item = String>) -> Vec<Lang> {
    let mut langs: Vec<Lang> = Lang::known().collect();
    for code in extra {
        if let Ok(lang) = Lang::parse(&code)
            && !langs.contains(&lang)
        {
            langs.push(lang);
        }
    }
    langs.retain(|l| !matches!(l.as_str(), "nb" | "nn" | "no"));
    langs
}

#[derive(Serialize)]
struct LanguageRow {
    code: String,
    name: String,
    native: String,
    dir: &'static str,
    leaflets: usize,
    leaflets_url: String,
    /// Per mode, in `Mode::ALL` order: "Ja", "Nei", or "–" without a routine.
    modes: Vec<&'static str>,
}

async fn language_list(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let routine = repo::of_area(&state.db, scope.area.id).await?;
    let counts = crate::content::patient::leaflets_per_language(&state, &scope).await?;
    let rows: Vec<LanguageRow> = interpreter_languages(counts.keys().cloned())
        .into_iter()
        .map(|lang| LanguageRow {
            leaflets: counts.get(lang.as_str()).copied().unwrap_or(0),
            leaflets_url: crate::content::patient::language_url(scope.slug(), lang.as_str()),
            modes: Mode::ALL
                .into_iter()
                .map(|m| match routine.as_ref().map(|r| r.routine.offers(m, &lang)) {
                    None => "–",
                    Some(true) => "Ja",
                    Some(false) => "Nei",
                })
                .collect(),
            code: lang.to_string(),
            name: lang.name_in_bokmal().to_owned(),
            native: lang.native_name().to_owned(),
            dir: lang.dir(),
        })
        .collect();
    let chrome = Chrome::new(format!("Språk og tolking i {}", scope.area.name), Some(scope.view())).with_current(&hub_url(scope.slug()));
    let page = serde_json::json!({ "area_name": scope.area.name, "rows": rows, "has_routine": routine.is_some(), "hub_url": hub_url(scope.slug()), "modes": Mode::ALL.map(Mode::label) });
    render(&state.templates, "interpreting/languages.html", &chrome, &visitor, &page)
}

#[derive(Serialize, Default)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct HelperPage {
    area_name: String,
    hub_url: String,
    languages: Vec<Choice>,
    urgency: String,
    modes: Vec<Choice>,
    offered: Vec<Choice>,
    errors: Vec<String>,
    advice: Option<advice::Advice>,
    mode_label: Option<&'static str>,
    routine: Option<RoutineView>,
    urgent: bool,
    leaflets: usize,
    leaflets_url: Option<String>,
    language_name: String,
}

const OFFERED: [(&str, &str, Offered); 4] = [
    ("ingen", "Ingen", Offered::Nobody),
    ("barn", "Et barn (under 18 år)", Offered::Child),
    ("parorende", "En voksen pårørende eller venn", Offered::Relative),
    ("kollega", "En kollega som snakker språket", Offered::BilingualStaff),
];
const SIGN: &str = "tegnsprak";
const TACTILE: &str = "taktil";

/// The helper's answers as read from its form, with what does not fit.
struct Answers {
    need: Option<Need>,
    urgency: Urgency,
    possible: Vec<Mode>,
    offered: Offered,
    errors: Vec<String>,
}

impl Answers {
    /// Reads `sprak` (one of `listed`, or sign language), `hast`, `mate` (any number) and
    /// `tilbudt`; an empty form is no answer yet, not an error.
    fn read(form: &FormData, listed: &[Lang]) -> Answers {
        let mut errors = Vec::new();
        let need = match form.get("sprak").as_str() {
            SIGN => Some(Need::SignLanguage { tactile: false }),
            TACTILE => Some(Need::SignLanguage { tactile: true }),
            "" => None,
            code => match listed.iter().find(|l| l.as_str() == code) {
                Some(lang) => Some(Need::Spoken(lang.clone())),
                None => {
                    errors.push(format!("Språket «{code}» finnes ikke i listen. Velg pasientens språk."));
                    None
                }
            },
        };
        if !form.0.is_empty() && need.is_none() && errors.is_empty() {
            errors.push("Velg pasientens språk.".to_owned());
        }
        let urgency = match form.get("hast").as_str() {
            "akutt" => Urgency::Urgent,
            "planlagt" | "" => Urgency::Planned,
            other => {
                errors.push(format!("«{other}» er verken planlagt eller akutt."));
                Urgency::Planned
            }
        };
        let mut possible = Vec::new();
        for (_, typed) in form.0.iter().filter(|(key, _)| key == "mate") {
            match Mode::parse(typed) {
                Some(mode) if !possible.contains(&mode) => possible.push(mode),
                Some(_) => {}
                None => errors.push(format!("«{typed}» er ikke en måte å tolke på.")),
            }
        }
        let typed_offered = form.get("tilbudt");
        let offered = match OFFERED.iter().find(|(value, ..)| *value == typed_offered) {
            Some((.., offered)) => *offered,
            None if typed_offered.is_empty() => Offered::Nobody,
            None => {
                errors.push(format!("«{typed_offered}» er ikke et av svarene om hvem som tilbyr seg."));
                Offered::Nobody
            }
        };
        Answers { need, urgency, possible, offered, errors }
    }
}

/// `/{area}/tolk/hjelp?sprak=so&hast=planlagt&mate=oppmote&mate=video&tilbudt=ingen`:
/// a form that works without a script; with answers, the recommendation below it.
async fn helper(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>, query: web::Query<Vec<(String, String)>>) -> Result<HttpResponse, AppError> {
    let scope = AreaScope::load(&state.db, &path.into_inner()).await?;
    let answers = FormData(query.into_inner());
    let typed_lang = answers.get("sprak");
    let routine = repo::of_area(&state.db, scope.area.id).await?;
    let counts = crate::content::patient::leaflets_per_language(&state, &scope).await?;
    let listed = interpreter_languages(counts.keys().cloned());
    let Answers { need, urgency, possible, offered, errors } = Answers::read(&answers, &listed);
    let mut languages: Vec<Choice> = vec![Choice { value: String::new(), label: "Velg språk".into(), selected: typed_lang.is_empty() }];
    languages.extend(listed.into_iter().map(|l| Choice {
        selected: typed_lang == l.as_str(),
        label: format!("{} ({})", l.name_in_bokmal(), l.native_name()),
        value: l.to_string(),
    }));
    languages.push(Choice { value: SIGN.into(), label: "norsk tegnspråk".into(), selected: typed_lang == SIGN });
    languages.push(Choice { value: TACTILE.into(), label: "taktilt tegnspråk (døvblind)".into(), selected: typed_lang == TACTILE });
    let advice = match (&need, errors.is_empty()) {
        (Some(need), true) => {
            Some(advice::advise(&Situation { need: need.clone(), urgency, possible: possible.clone(), offered }, routine.as_ref().map(|r| &r.routine)))
        }
        _ => None,
    };
    let spoken = match &need {
        Some(Need::Spoken(lang)) => Some(lang.clone()),
        _ => None,
    };
    let leaflets = spoken.as_ref().map_or(0, |l| counts.get(l.as_str()).copied().unwrap_or(0));
    let page = HelperPage {
        area_name: scope.area.name.clone(),
        hub_url: hub_url(scope.slug()),
        languages,
        urgency: if urgency == Urgency::Urgent { "akutt".into() } else { "planlagt".into() },
        modes: Mode::ALL.into_iter().map(|m| Choice { value: m.as_str().into(), label: m.label().into(), selected: possible.contains(&m) }).collect(),
        offered: OFFERED.iter().map(|(value, label, o)| Choice { value: (*value).into(), label: (*label).into(), selected: *o == offered }).collect(),
        mode_label: advice.as_ref().and_then(|a| a.mode).map(Mode::label),
        routine: routine.as_ref().filter(|_| advice.as_ref().is_some_and(|a| !a.sign_language)).map(routine_view),
        urgent: urgency == Urgency::Urgent,
        leaflets,
        leaflets_url: spoken.as_ref().filter(|_| leaflets > 0).map(|l| crate::content::patient::language_url(scope.slug(), l.as_str())),
        language_name: spoken.as_ref().map(|l| l.name_in_bokmal().to_owned()).unwrap_or_default(),
        advice,
        errors,
    };
    let chrome = Chrome::new(format!("Finn riktig tolk – {}", scope.area.name), Some(scope.view())).with_current(&hub_url(scope.slug()));
    // Answers that do not fit: the form again with what was chosen and what is wrong (422).
    form_page(&state.templates, "interpreting/helper.html", &chrome, &visitor, &page, !page.errors.is_empty())
}

#[derive(Serialize)]
struct RoutinePage {
    area_name: String,
    area_slug: String,
    form: RoutineFields,
    errors: Vec<String>,
    saved: Option<String>,
}

async fn editable_area(visitor: &Editor, state: &AppState, slug: &str) -> Result<AreaScope, AppError> {
    let scope = AreaScope::load(&state.db, slug).await?;
    visitor.may(Action::Edit(AreaRef::from(&scope.area)))?;
    if scope.is_central() {
        return Err(AppError::NotFound("Bestillingsrutiner for tolk hører til et lokalt område, ikke det sentrale.".into()));
    }
    Ok(scope)
}

async fn routine_form(visitor: Editor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let scope = editable_area(&visitor, &state, &path.into_inner()).await?;
    let stored = repo::of_area(&state.db, scope.area.id).await?;
    let page = RoutinePage {
        area_name: scope.area.name.clone(),
        area_slug: scope.slug().to_owned(),
        form: stored.as_ref().map(|s| RoutineFields::of(&s.routine)).unwrap_or_default(),
        errors: Vec::new(),
        saved: stored.map(|s| format!("{} av {}", format::date(s.updated_on), s.updated_by)),
    };
    render(&state.templates, "interpreting/routine_form.html", &Chrome::new(format!("Tolkebestilling i {}", scope.area.name), None), &visitor, &page)
}

async fn save_routine(visitor: Editor, state: web::Data<AppState>, path: web::Path<String>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let scope = editable_area(&visitor, &state, &path.into_inner()).await?;
    let typed = RoutineFields::from_form(&form(&body)?);
    let routine = match typed.routine() {
        Ok(routine) => routine,
        Err(errors) => {
            let page = RoutinePage { area_name: scope.area.name.clone(), area_slug: scope.slug().to_owned(), form: typed, errors, saved: None };
            let chrome = Chrome::new(format!("Tolkebestilling i {}", scope.area.name), None);
            return Err(crate::web::form_again(&state.templates, "interpreting/routine_form.html", &chrome, &visitor, &page));
        }
    };
    let editor = visitor.user.name.clone();
    let txn = crate::db::begin_write(&state.db).await?;
    repo::save(&txn, scope.area.id, &routine, &editor).await?;
    audit::record(&txn, &visitor.actor(), audit::Action::InterpreterRoutineSaved, &format!("tolkebestilling/{}", scope.slug()), Some(scope.area.id), "").await?;
    txn.commit().await?;
    Ok(see_other(hub_url(scope.slug())))
}
