//! Course pages: the catalogue, a course, its lessons and quizzes, attempts, "Mine kurs"
//! and certificates. Handlers read the request, ask `service`, and fill a view-model.
use std::collections::{BTreeMap, BTreeSet, HashMap};

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::grading::{self, AnswerError};
use super::service::{self, CourseError, Progress};
use super::versions::{self, CourseVersion};
use super::{CourseDefinition, QuestionKind, Quiz, Step, certificate as codes, publisher, repo};
use crate::accounts::User;
use crate::web::session::Visitor;
use crate::state::AppState;
use crate::areas;
use crate::authz::Action;
use crate::content::repo::{self as content_repo, ItemFilter};
use crate::content::{ContentKind, Lang};
use crate::entities::{area, certificate, content_item, quiz_attempt};
use crate::error::AppError;
use crate::web::forms::see_other;
use crate::web::{Chrome, format, page, render};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/kurs", page().to(catalogue))
        .route("/kurs/forsok/{id}", page().to(show_attempt))
        .route("/kurs/forsok/{id}", web::post().to(submit_attempt))
        .route("/kurs/{area}/{slug}", page().to(show_course))
        .route("/kurs/{area}/{slug}/start", web::post().to(start_course))
        .route("/kurs/{area}/{slug}/{step}", page().to(show_step))
        .route("/kurs/{area}/{slug}/{step}/fullfort", web::post().to(complete_lesson))
        .route("/kurs/{area}/{slug}/{step}/forsok", web::post().to(start_attempt))
        .route("/kursbevis", page().to(find_certificate))
        .route("/kursbevis/{code}", page().to(show_certificate))
        .route("/kursbevis/{code}/pdf", page().to(certificate_pdf))
        .route("/kursbevis/{code}/trekk-tilbake", web::post().to(revoke_certificate))
        .route("/min-side", page().to(my_courses))
        .route("/redaksjon/kurs/{id}/statistikk", page().to(statistics));
}

impl From<CourseError> for AppError {
    fn from(error: CourseError) -> Self {
        let message = error.to_string();
        match error {
            CourseError::NotPublished | CourseError::NoSuchStep | CourseError::NoSuchAttempt => AppError::NotFound(message),
            CourseError::NotYourAttempt => AppError::Forbidden(message),
            CourseError::NotEnrolled
            | CourseError::AlreadySubmitted
            | CourseError::NoAttemptsLeft { .. }
            | CourseError::AlreadyPassed
            | CourseError::AlreadyRevoked => AppError::Conflict(message),
            CourseError::Answers(_) => AppError::BadRequest(message),
            CourseError::Database(error) => AppError::Database(error),
        }
    }
}

/// The signed-in learner, or the sign-in page that comes back to `next`.
fn learner<'v>(visitor: &'v Visitor, next: &str) -> Result<&'v User, AppError> {
    match &visitor.user {
        Some(_) => visitor.may(Action::TakeCourses),
        None => Err(AppError::SignInRequired { next: next.to_owned() }),
    }
}

fn course_url(area: &str, slug: &str) -> String {
    format!("/kurs/{area}/{slug}")
}

fn duration_label(minutes: u32) -> String {
    match minutes {
        0..=59 => format!("{minutes} min"),
        _ if minutes.is_multiple_of(60) => format!("{} t", minutes / 60),
        _ => format!("{} t {} min", minutes / 60, minutes % 60),
    }
}

// ---------------------------------------------------------------- catalogue

#[derive(Deserialize)]
struct CatalogueQuery {
    tema: Option<String>,
    omrade: Option<String>,
    malgruppe: Option<String>,
    varighet: Option<String>,
}

/// Duration filter choices: (value, label, shortest, longest) in minutes.
const DURATIONS: [(&str, &str, u32, u32); 3] =
    [("kort", "Under 30 minutter", 0, 29), ("middels", "30–60 minutter", 30, 60), ("lang", "Over 1 time", 61, u32::MAX)];

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct CourseCard {
    url: String,
    title: String,
    summary: String,
    duration: String,
    publisher: String,
    themes: Vec<String>,
    audience: Vec<String>,
    has_exam: bool,
    /// For a signed-in learner: "Påbegynt" or "Fullført".
    learner_status: Option<&'static str>,
}

#[derive(Serialize)]
struct CataloguePage {
    courses: Vec<CourseCard>,
    themes: Vec<Choice>,
    areas: Vec<Choice>,
    audiences: Vec<Choice>,
    durations: Vec<Choice>,
    filtered: bool,
}

fn choices(options: impl IntoIterator<Item = (String, String)>, selected: Option<&str>) -> Vec<Choice> {
    options.into_iter().map(|(value, label)| Choice { selected: selected == Some(value.as_str()), value, label }).collect()
}

async fn catalogue(state: web::Data<AppState>, visitor: Visitor, query: web::Query<CatalogueQuery>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let empty_is_none = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let (theme, area_slug, audience, duration) =
        (empty_is_none(query.tema), empty_is_none(query.omrade), empty_is_none(query.malgruppe), empty_is_none(query.varighet));
    let all_areas = areas::repo::all(&state.db).await?;
    let all_themes = content_repo::themes(&state.db).await?;
    let area_ids: Vec<i32> = all_areas.iter().map(|a| a.id).collect();
    let filter = ItemFilter { kinds: vec![ContentKind::Course], ..Default::default() };
    let summaries = content_repo::published_summaries(&state.db, &area_ids, &filter).await?;
    let ids: Vec<i32> = summaries.iter().map(|s| s.id).collect();
    let items = content_repo::items_by_ids(&state.db, &ids).await?;
    // What learners get: the last published version, not edits waiting to be published.
    let published = versions::latest_of(&state.db, &ids).await?;
    let theme_slugs = content_repo::theme_slugs_of_items(&state.db, &ids).await?;
    let progress_of: HashMap<i32, bool> = match &visitor.user {
        Some(user) => repo::enrolments_of(&state.db, user.id)
            .await?
            .into_iter()
            .map(|e| (e.content_item_id, e.completed_at.is_some()))
            .collect(),
        None => HashMap::new(),
    };

    let mut audiences = BTreeSet::new();
    let mut courses = Vec::new();
    for item in &items {
        let Some(version) = published.get(&item.id) else { continue };
        let definition = version.definition();
        let Some(owner) = all_areas.iter().find(|a| a.id == item.area_id) else { continue };
        let item_audience = version.course.audience.clone();
        audiences.extend(item_audience.iter().cloned());
        let item_themes = theme_slugs.get(&item.id).cloned().unwrap_or_default();
        let wanted = theme.as_ref().is_none_or(|t| item_themes.contains(t))
            && area_slug.as_ref().is_none_or(|a| a == &owner.slug)
            && audience.as_ref().is_none_or(|a| item_audience.contains(a))
            && duration.as_ref().is_none_or(|d| {
                DURATIONS.iter().any(|(value, _, min, max)| value == d && (*min..=*max).contains(&definition.duration_minutes))
            });
        if !wanted {
            continue;
        }
        courses.push(CourseCard {
            url: course_url(&owner.slug, &item.slug),
            title: version.course.title.clone(),
            summary: version.course.summary.clone(),
            duration: duration_label(definition.duration_minutes),
            publisher: publisher(owner),
            themes: item_themes
                .iter()
                .filter_map(|slug| all_themes.iter().find(|t| &t.slug == slug).map(|t| t.name.clone()))
                .collect(),
            audience: item_audience,
            has_exam: definition.exam.is_some(),
            learner_status: progress_of.get(&item.id).map(|done| if *done { "Fullført" } else { "Påbegynt" }),
        });
    }
    courses.sort_by(|a, b| a.title.cmp(&b.title));
    let page = CataloguePage {
        courses,
        themes: choices(all_themes.iter().map(|t| (t.slug.clone(), t.name.clone())), theme.as_deref()),
        areas: choices(all_areas.iter().map(|a| (a.slug.clone(), publisher(a))), area_slug.as_deref()),
        audiences: choices(audiences.into_iter().map(|a| (a.clone(), a)), audience.as_deref()),
        durations: choices(DURATIONS.iter().map(|(v, l, ..)| (v.to_string(), l.to_string())), duration.as_deref()),
        filtered: theme.is_some() || area_slug.is_some() || audience.is_some() || duration.is_some(),
    };
    render(&state.templates, "courses/catalogue.html", &Chrome::new("E-kurs", None), &visitor, &page)
}

// ---------------------------------------------------------------- one course

/// A published course as one visitor sees it: the version they started, or the latest.
struct Seen {
    area: area::Model,
    item: content_item::Model,
    version: CourseVersion,
    progress: Option<Progress>,
    /// A newer version than the learner's exists.
    newer: Option<i32>,
}

impl Seen {
    async fn load(state: &AppState, visitor: &Visitor, area_slug: &str, slug: &str) -> Result<Seen, AppError> {
        let not_found = || AppError::NotFound(format!("Vi fant ikke kurset «{slug}». Se alle kurs på /kurs."));
        let area = areas::repo::by_slug(&state.db, area_slug).await?.ok_or_else(not_found)?;
        let mut items = content_repo::published_versions(&state.db, area.id, ContentKind::Course, slug).await?;
        items.sort_by_key(|item| Lang::parse(&item.lang).map_or(usize::MAX, |l| l.preference_rank()));
        let item = items.into_iter().next().ok_or_else(not_found)?;
        let latest = versions::latest(&state.db, item.id).await?.ok_or_else(not_found)?;
        let progress = match &visitor.user {
            Some(user) => service::progress(&state.db, user.id, item.id).await?,
            None => None,
        };
        let (version, newer) = match &progress {
            Some(progress) if progress.version.id != latest.id => (progress.version.clone(), Some(latest.number)),
            Some(progress) => (progress.version.clone(), None),
            None => (latest, None),
        };
        Ok(Seen { area, item, version, progress, newer })
    }

    fn definition(&self) -> &CourseDefinition {
        self.version.definition()
    }

    fn url(&self) -> String {
        course_url(&self.area.slug, &self.item.slug)
    }

    fn step_url(&self, key: &str) -> String {
        format!("{}/{key}", self.url())
    }

    fn header(&self) -> CourseHeader {
        CourseHeader { title: self.version.course.title.clone(), url: self.url(), lang: self.item.lang.clone() }
    }

    fn progress_view(&self) -> Option<ProgressView> {
        self.progress.as_ref().map(|progress| {
            let total = self.definition().steps().len();
            let done = progress.steps_done();
            ProgressView {
                done,
                total,
                percent: (done * 100).checked_div(total).unwrap_or(0),
                resume_url: progress.resume_step().map(|key| self.step_url(&key)),
                completed: progress.enrolment.completed_at.map(|at| format::date(at.date_naive())),
                certificate_url: progress.certificate.as_ref().map(|c| format!("/kursbevis/{}", c.code)),
            }
        })
    }

    fn chrome(&self, title: &str) -> Chrome {
        let lang = Lang::parse(&self.item.lang).unwrap_or_else(|_| Lang::bokmal());
        Chrome::in_language(title, None, &lang)
    }
}

#[derive(Serialize)]
struct CourseHeader {
    title: String,
    url: String,
    lang: String,
}

#[derive(Serialize)]
struct ProgressView {
    done: usize,
    total: usize,
    percent: usize,
    resume_url: Option<String>,
    completed: Option<String>,
    certificate_url: Option<String>,
}

#[derive(Serialize)]
struct StepLink {
    title: String,
    url: String,
    kind: &'static str,
    done: bool,
}

#[derive(Serialize)]
struct ModuleView {
    title: String,
    steps: Vec<StepLink>,
}

#[derive(Serialize)]
struct CoursePage {
    course: CourseHeader,
    summary: String,
    intro_html: String,
    publisher: String,
    version: i32,
    version_date: String,
    newer_version: Option<i32>,
    duration: String,
    audience: Vec<String>,
    outcomes: Vec<String>,
    pass_mark: u8,
    max_attempts: Option<u32>,
    exam_questions: Option<usize>,
    modules: Vec<ModuleView>,
    exam: Option<StepLink>,
    progress: Option<ProgressView>,
    signed_in: bool,
    start_url: String,
    sign_in_url: String,
    sign_up_url: String,
}

fn step_link(seen: &Seen, step: &Step<'_>) -> StepLink {
    let kind = match step {
        Step::Lesson { .. } => "Leksjon",
        Step::Quiz { exam: true, .. } => "Eksamen",
        Step::Quiz { .. } => "Kontrollspørsmål",
    };
    StepLink {
        title: step.title().to_owned(),
        url: seen.step_url(step.key()),
        kind,
        done: seen.progress.as_ref().is_some_and(|p| p.is_done(step)),
    }
}

async fn show_course(state: web::Data<AppState>, visitor: Visitor, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let definition = seen.definition();
    let steps = definition.steps();
    let modules = definition
        .modules
        .iter()
        .map(|module| ModuleView {
            title: module.title.clone(),
            steps: steps
                .iter()
                .filter(|step| matches!(step, Step::Lesson { module: m, .. } | Step::Quiz { module: Some(m), .. } if m.key == module.key))
                .map(|step| step_link(&seen, step))
                .collect(),
        })
        .collect();
    let exam = steps.iter().find(|step| matches!(step, Step::Quiz { exam: true, .. })).map(|step| step_link(&seen, step));
    let url = seen.url();
    let page = CoursePage {
        summary: seen.version.course.summary.clone(),
        intro_html: seen.version.course.intro_html.clone(),
        publisher: publisher(&seen.area),
        version: seen.version.number,
        version_date: format::date(seen.version.published_at.date_naive()),
        newer_version: seen.newer,
        duration: duration_label(definition.duration_minutes),
        audience: seen.version.course.audience.clone(),
        outcomes: definition.outcomes.clone(),
        pass_mark: definition.pass_mark,
        max_attempts: definition.max_attempts,
        exam_questions: definition.exam.as_ref().map(|e| e.questions.len()),
        modules,
        exam,
        progress: seen.progress_view(),
        signed_in: visitor.user.is_some(),
        start_url: format!("{url}/start"),
        sign_in_url: format!("/logg-inn?{}", serde_urlencoded::to_string([("neste", &url)]).unwrap_or_default()),
        sign_up_url: format!("/registrer?{}", serde_urlencoded::to_string([("neste", &url)]).unwrap_or_default()),
        course: seen.header(),
    };
    render(&state.templates, "courses/course.html", &seen.chrome(&page.course.title.clone()), &visitor, &page)
}

async fn start_course(state: web::Data<AppState>, visitor: Visitor, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let user = learner(&visitor, &seen.url())?;
    let progress = service::start(&state.db, user, seen.item.id).await?;
    let first = progress.resume_step().unwrap_or_default();
    Ok(see_other(seen.step_url(&first)))
}

// ---------------------------------------------------------------- lessons and quizzes

#[derive(Serialize)]
struct Neighbour {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct LessonPage {
    course: CourseHeader,
    module_title: String,
    title: String,
    body_html: String,
    position: usize,
    step_count: usize,
    previous: Option<Neighbour>,
    next: Option<Neighbour>,
    done: bool,
    enrolled: bool,
    complete_url: String,
    progress: Option<ProgressView>,
    start_url: String,
    signed_in: bool,
}

#[derive(Serialize)]
struct AttemptRow {
    number: i32,
    date: String,
    score: String,
    passed: bool,
    url: String,
}

#[derive(Serialize)]
struct QuizPage {
    course: CourseHeader,
    module_title: Option<String>,
    title: String,
    exam: bool,
    question_count: usize,
    pass_mark: u8,
    max_attempts: Option<u32>,
    attempts_left: Option<u32>,
    attempts: Vec<AttemptRow>,
    passed: bool,
    open_attempt_url: Option<String>,
    /// Why no new attempt can be started, when none can.
    blocked: Option<String>,
    enrolled: bool,
    signed_in: bool,
    start_attempt_url: String,
    start_url: String,
    previous: Option<Neighbour>,
    next: Option<Neighbour>,
    progress: Option<ProgressView>,
}

fn neighbours(seen: &Seen, index: usize) -> (Option<Neighbour>, Option<Neighbour>) {
    let steps = seen.definition().steps();
    let link = |step: &Step<'_>| Neighbour { title: step.title().to_owned(), url: seen.step_url(step.key()) };
    (index.checked_sub(1).and_then(|i| steps.get(i)).map(link), steps.get(index + 1).map(link))
}

async fn show_step(state: web::Data<AppState>, visitor: Visitor, path: web::Path<(String, String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug, key) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let (index, step) = seen.definition().step(&key).ok_or(CourseError::NoSuchStep)?;
    if let Some(progress) = &seen.progress {
        service::visit(&state.db, progress, &key).await?;
    }
    let (previous, next) = neighbours(&seen, index);
    let enrolled = seen.progress.is_some();
    match step {
        Step::Lesson { module, lesson } => {
            let page = LessonPage {
                course: seen.header(),
                module_title: module.title.clone(),
                title: lesson.title.clone(),
                body_html: lesson.body_html.clone(),
                position: index + 1,
                step_count: seen.definition().steps().len(),
                previous,
                next,
                done: seen.progress.as_ref().is_some_and(|p| p.is_done(&step)),
                enrolled,
                complete_url: format!("{}/fullfort", seen.step_url(&key)),
                progress: seen.progress_view(),
                start_url: format!("{}/start", seen.url()),
                signed_in: visitor.user.is_some(),
            };
            render(&state.templates, "courses/lesson.html", &seen.chrome(&lesson.title), &visitor, &page)
        }
        Step::Quiz { module, quiz, exam } => {
            let definition = seen.definition();
            let progress = seen.progress.as_ref();
            let attempts: Vec<AttemptRow> = progress
                .map(|p| p.attempts_at(&quiz.key).filter(|a| a.submitted_at.is_some()).map(attempt_row).collect())
                .unwrap_or_default();
            let passed = progress.is_some_and(|p| p.passed(&quiz.key));
            let attempts_left = progress.and_then(|p| p.attempts_left(&quiz.key));
            let blocked = match (exam, passed, attempts_left) {
                (true, true, _) => Some("Du har bestått eksamen.".to_owned()),
                (_, _, Some(0)) => Some(format!("Du har brukt alle {} forsøkene.", definition.max_attempts.unwrap_or(0))),
                _ => None,
            };
            let page = QuizPage {
                course: seen.header(),
                module_title: module.map(|m| m.title.clone()),
                title: quiz.title.clone(),
                exam,
                question_count: quiz.questions.len(),
                pass_mark: definition.pass_mark,
                max_attempts: definition.max_attempts.filter(|_| exam),
                attempts_left,
                attempts,
                passed,
                open_attempt_url: progress.and_then(|p| p.open_attempt(&quiz.key)).map(|a| format!("/kurs/forsok/{}", a.id)),
                blocked,
                enrolled,
                signed_in: visitor.user.is_some(),
                start_attempt_url: format!("{}/forsok", seen.step_url(&key)),
                start_url: format!("{}/start", seen.url()),
                previous,
                next,
                progress: seen.progress_view(),
            };
            render(&state.templates, "courses/quiz.html", &seen.chrome(&quiz.title), &visitor, &page)
        }
    }
}

fn attempt_row(attempt: &quiz_attempt::Model) -> AttemptRow {
    AttemptRow {
        number: attempt.number,
        date: attempt.submitted_at.map(|at| format::date(at.date_naive())).unwrap_or_default(),
        score: format!("{} av {}", attempt.correct.unwrap_or(0), attempt.total),
        passed: attempt.passed == Some(true),
        url: format!("/kurs/forsok/{}", attempt.id),
    }
}

async fn complete_lesson(state: web::Data<AppState>, visitor: Visitor, path: web::Path<(String, String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug, key) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let user = learner(&visitor, &seen.step_url(&key))?;
    let progress = service::complete_lesson(&state.db, user, seen.item.id, &key).await?;
    let steps = progress.definition().steps();
    let index = steps.iter().position(|s| s.key() == key).unwrap_or(0);
    let next = match steps.get(index + 1) {
        Some(step) => seen.step_url(step.key()),
        None => seen.url(),
    };
    Ok(see_other(&next))
}

async fn start_attempt(state: web::Data<AppState>, visitor: Visitor, path: web::Path<(String, String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug, key) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let user = learner(&visitor, &seen.step_url(&key))?;
    let attempt = service::start_attempt(&state.db, user, seen.item.id, &key).await?;
    Ok(see_other(format!("/kurs/forsok/{}", attempt.id)))
}

// ---------------------------------------------------------------- attempts

#[derive(Serialize)]
struct OptionView {
    /// The option's value in this attempt's form (choice questions).
    value: String,
    /// The field of this element (ordering questions).
    field: String,
    text: String,
    input_id: String,
    chosen: bool,
    /// Ordering: the place the learner gave it.
    place: Option<usize>,
    /// Only with the answers shown: whether this option is a right one (ordering: its right place).
    right: Option<bool>,
    right_place: Option<usize>,
    explanation: String,
}

#[derive(Serialize)]
struct QuestionView {
    number: usize,
    text: String,
    kind: &'static str,
    hint: String,
    field: String,
    options: Vec<OptionView>,
    places: Vec<usize>,
    /// Only after submitting.
    answered_right: Option<bool>,
    explanation: String,
    error: Option<String>,
}

#[derive(Serialize)]
struct ResultView {
    correct: usize,
    total: usize,
    percent: usize,
    passed: bool,
    /// Right answers and explanations are shown (see `service::reveals_answers`).
    answers_shown: bool,
}

#[derive(Serialize)]
struct AttemptPage {
    course: CourseHeader,
    quiz_title: String,
    quiz_url: String,
    exam: bool,
    number: i32,
    pass_mark: u8,
    action_url: String,
    questions: Vec<QuestionView>,
    result: Option<ResultView>,
    error: Option<String>,
    certificate_url: Option<String>,
    next_url: Option<String>,
    progress: Option<ProgressView>,
}

/// What one attempt's page shows of each question.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// The form to answer.
    Form,
    /// After submitting: the learner's own answers, each question marked right or wrong.
    Marks,
    /// After submitting, when allowed: the right answers and the explanations too.
    Answers,
}

/// What the learner chose, by question, as the course's option keys: from the stored
/// answers or a refused form. Ordering answers are the places the learner gave.
type Chosen = BTreeMap<String, ChosenAnswer>;

#[derive(Default)]
struct ChosenAnswer {
    options: Vec<String>,
    places: BTreeMap<String, usize>,
}

fn chosen_from_form(quiz: &Quiz, form: grading::AttemptForm<'_>, fields: &[(String, String)]) -> Chosen {
    let option_key = |question: &str, value: &str| {
        let question = quiz.questions.iter().find(|q| q.key == question)?;
        form.option_of(question, value).map(|o| o.key.clone())
    };
    let mut chosen = Chosen::new();
    for (name, value) in fields {
        if let Some(key) = name.strip_prefix("q.") {
            if let Some(option) = option_key(key, value) {
                chosen.entry(key.to_owned()).or_default().options.push(option);
            }
        } else if let Some((key, option)) = name.strip_prefix("o.").and_then(|rest| rest.split_once('.'))
            && let (Some(option), Ok(place)) = (option_key(key, option), value.trim().parse())
        {
            chosen.entry(key.to_owned()).or_default().places.insert(option, place);
        }
    }
    chosen
}

fn chosen_from_answers(quiz: &Quiz, answers: &grading::Answers) -> Chosen {
    quiz.questions
        .iter()
        .filter_map(|q| {
            let answer = answers.get(&q.key)?;
            let chosen = match q.kind {
                QuestionKind::Ordering => ChosenAnswer {
                    options: Vec::new(),
                    places: answer.iter().enumerate().map(|(place, option)| (option.clone(), place + 1)).collect(),
                },
                _ => ChosenAnswer { options: answer.clone(), places: BTreeMap::new() },
            };
            Some((q.key.clone(), chosen))
        })
        .collect()
}

/// One question as the learner sees it. Nothing in the form names an option by its
/// key (values come from the attempt's form key, ids by the place shown).
fn question_view(
    quiz: &Quiz,
    index: usize,
    attempt: &quiz_attempt::Model,
    chosen: &Chosen,
    shown: Shown,
    error: Option<&AnswerError>,
) -> QuestionView {
    let question = &quiz.questions[index];
    let form = service::attempt_form(attempt);
    let empty = ChosenAnswer::default();
    let given = chosen.get(&question.key).unwrap_or(&empty);
    let order: Vec<usize> = match question.kind {
        QuestionKind::Ordering => grading::display_order(question, attempt.id as u64 * 31 + index as u64),
        _ => (0..question.options.len()).collect(),
    };
    let field = match question.kind {
        QuestionKind::Ordering => String::new(),
        _ => form.choice_field(&question.key),
    };
    let answers_shown = shown == Shown::Answers;
    let options = order
        .into_iter()
        .enumerate()
        .map(|(position, i)| {
            let option = &question.options[i];
            let (right, right_place) = match (answers_shown, question.kind) {
                (false, _) => (None, None),
                (true, QuestionKind::Ordering) => (None, Some(i + 1)),
                (true, _) => (Some(option.correct), None),
            };
            OptionView {
                chosen: given.options.contains(&option.key),
                place: given.places.get(&option.key).copied(),
                value: form.option_value(&question.key, &option.key),
                field: form.place_field(&question.key, &option.key),
                text: option.text.clone(),
                input_id: format!("q{}-{}", index + 1, position + 1),
                right,
                right_place,
                explanation: if answers_shown { option.explanation.clone() } else { String::new() },
            }
        })
        .collect();
    let hint = match question.kind {
        QuestionKind::Single => "Velg ett svar.".to_owned(),
        QuestionKind::Multiple => format!("Velg {} riktige.", question.correct_count()),
        QuestionKind::TrueFalse => "Sant eller usant?".to_owned(),
        QuestionKind::Ordering => format!("Gi hvert element en plass fra 1 til {}.", question.options.len()),
    };
    let answered = if question.kind == QuestionKind::Ordering {
        let mut order: Vec<(usize, &String)> = given.places.iter().map(|(option, place)| (*place, option)).collect();
        order.sort();
        order.into_iter().map(|(_, o)| o.clone()).collect()
    } else {
        given.options.clone()
    };
    QuestionView {
        number: index + 1,
        text: question.text.clone(),
        kind: question.kind.as_str(),
        hint,
        field,
        options,
        places: (1..=question.options.len()).collect(),
        answered_right: (shown != Shown::Form).then(|| grading::is_correct(question, Some(&answered))),
        explanation: if answers_shown { question.explanation.clone() } else { String::new() },
        error: error.filter(|e| e.question_number() == Some(index + 1)).map(ToString::to_string),
    }
}

async fn attempt_context(state: &AppState, visitor: &Visitor, id: i32) -> Result<(quiz_attempt::Model, Progress, area::Model, content_item::Model), AppError> {
    let user = learner(visitor, &format!("/kurs/forsok/{id}"))?;
    let (attempt, progress) = service::own_attempt(&state.db, user, id).await?;
    let item = content_repo::item_by_id(&state.db, progress.enrolment.content_item_id)
        .await?
        .ok_or_else(|| AppError::NotFound("Kurset finnes ikke lenger.".into()))?;
    let area = areas::repo::by_id(&state.db, item.area_id).await?.ok_or_else(|| AppError::NotFound("Området finnes ikke.".into()))?;
    Ok((attempt, progress, area, item))
}

fn attempt_page(
    attempt: &quiz_attempt::Model,
    progress: Progress,
    area: area::Model,
    item: content_item::Model,
    chosen: &Chosen,
    error: Option<&AnswerError>,
) -> Result<AttemptPage, AppError> {
    let seen = Seen { area, item, version: progress.version.clone(), progress: Some(progress), newer: None };
    let definition = seen.definition();
    let (quiz, exam) = definition.quiz(&attempt.quiz_key).ok_or(CourseError::NoSuchStep)?;
    let shown = match &seen.progress {
        _ if attempt.submitted_at.is_none() => Shown::Form,
        Some(progress) if service::reveals_answers(progress, attempt) => Shown::Answers,
        _ => Shown::Marks,
    };
    let questions = (0..quiz.questions.len()).map(|i| question_view(quiz, i, attempt, chosen, shown, error)).collect();
    let result = attempt.correct.filter(|_| shown != Shown::Form).map(|correct| {
        let correct = correct as usize;
        let total = attempt.total as usize;
        ResultView {
            correct,
            total,
            percent: (correct * 100).checked_div(total).unwrap_or(0),
            passed: attempt.passed == Some(true),
            answers_shown: shown == Shown::Answers,
        }
    });
    let index = definition.steps().iter().position(|s| s.key() == quiz.key).unwrap_or(0);
    let (_, next) = neighbours(&seen, index);
    Ok(AttemptPage {
        quiz_title: quiz.title.clone(),
        quiz_url: seen.step_url(&quiz.key),
        exam,
        number: attempt.number,
        pass_mark: definition.pass_mark,
        action_url: format!("/kurs/forsok/{}", attempt.id),
        questions,
        result,
        error: error.map(ToString::to_string),
        certificate_url: seen.progress.as_ref().and_then(|p| p.certificate.as_ref()).map(|c| format!("/kursbevis/{}", c.code)),
        next_url: next.map(|n| n.url),
        progress: seen.progress_view(),
        course: seen.header(),
    })
}

async fn show_attempt(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    let (attempt, progress, area, item) = attempt_context(&state, &visitor, path.into_inner()).await?;
    let chosen = match &attempt.answers {
        Some(json) => {
            let answers: grading::Answers = serde_json::from_str(json).map_err(|e| AppError::Internal(format!("stored answers: {e}")))?;
            let quiz = progress.definition().quiz(&attempt.quiz_key).map(|(q, _)| q.clone()).ok_or(CourseError::NoSuchStep)?;
            chosen_from_answers(&quiz, &answers)
        }
        None => Chosen::new(),
    };
    let page = attempt_page(&attempt, progress, area, item, &chosen, None)?;
    let title = format!("{} – forsøk {}", page.quiz_title, page.number);
    render(&state.templates, "courses/attempt.html", &Chrome::new(title, None), &visitor, &page)
}

async fn submit_attempt(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<i32>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let fields = form.into_inner();
    let user = learner(&visitor, &format!("/kurs/forsok/{id}"))?;
    match service::submit(&state.db, user, id, &fields).await {
        Ok(_) => Ok(see_other(format!("/kurs/forsok/{id}"))),
        // A mistake the learner can mend (two elements in one place): the form again,
        // with what they chose, and the question marked.
        Err(CourseError::Answers(error)) if error.question_number().is_some() => {
            let (attempt, progress, area, item) = attempt_context(&state, &visitor, id).await?;
            let quiz = progress.definition().quiz(&attempt.quiz_key).map(|(q, _)| q.clone()).ok_or(CourseError::NoSuchStep)?;
            let chosen = chosen_from_form(&quiz, service::attempt_form(&attempt), &fields);
            let page = attempt_page(&attempt, progress, area, item, &chosen, Some(&error))?;
            let title = format!("{} – forsøk {}", page.quiz_title, page.number);
            let mut response = render(&state.templates, "courses/attempt.html", &Chrome::new(title, None), &visitor, &page)?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(error) => Err(error.into()),
    }
}

// ---------------------------------------------------------------- my courses

#[derive(Serialize)]
struct MyCourse {
    title: String,
    url: String,
    progress: ProgressView,
    version: i32,
}

#[derive(Serialize)]
struct MyCertificate {
    code: String,
    url: String,
    course_title: String,
    issued: String,
    revoked: bool,
}

#[derive(Serialize)]
struct MyPage {
    in_progress: Vec<MyCourse>,
    completed: Vec<MyCourse>,
    certificates: Vec<MyCertificate>,
    email: String,
}

async fn my_courses(state: web::Data<AppState>, visitor: Visitor) -> Result<HttpResponse, AppError> {
    let user = learner(&visitor, "/min-side")?;
    let all = service::learner_progress(&state.db, user.id).await?;
    let item_ids: Vec<i32> = all.iter().map(|p| p.enrolment.content_item_id).collect();
    let items: HashMap<i32, content_item::Model> =
        content_repo::items_by_ids(&state.db, &item_ids).await?.into_iter().map(|i| (i.id, i)).collect();
    let areas: HashMap<i32, area::Model> = areas::repo::all(&state.db).await?.into_iter().map(|a| (a.id, a)).collect();
    let (mut in_progress, mut completed) = (Vec::new(), Vec::new());
    for progress in all {
        let Some(item) = items.get(&progress.enrolment.content_item_id) else { continue };
        let Some(area) = areas.get(&item.area_id) else { continue };
        let seen = Seen { area: area.clone(), item: item.clone(), version: progress.version.clone(), progress: Some(progress), newer: None };
        let Some(view) = seen.progress_view() else { continue };
        let course = MyCourse { title: seen.version.course.title.clone(), url: seen.url(), version: seen.version.number, progress: view };
        if course.progress.completed.is_some() { completed.push(course) } else { in_progress.push(course) }
    }
    let certificates = repo::certificates_of(&state.db, user.id)
        .await?
        .into_iter()
        .map(|c| MyCertificate {
            url: format!("/kursbevis/{}", c.code),
            course_title: c.course_title,
            issued: format::date(c.issued_at.date_naive()),
            revoked: c.revoked_at.is_some(),
            code: c.code,
        })
        .collect();
    let page = MyPage { in_progress, completed, certificates, email: user.email.to_string() };
    render(&state.templates, "courses/mine.html", &Chrome::new("Mine kurs", None), &visitor, &page)
}

// ---------------------------------------------------------------- certificates

#[derive(Deserialize)]
struct CodeQuery {
    kode: Option<String>,
}

#[derive(Serialize)]
struct FindPage {
    typed: String,
    not_found: bool,
}

/// `/kursbevis?kode=...`: an employer types the code from the paper.
async fn find_certificate(state: web::Data<AppState>, visitor: Visitor, query: web::Query<CodeQuery>) -> Result<HttpResponse, AppError> {
    let typed = query.into_inner().kode.unwrap_or_default();
    if typed.trim().is_empty() {
        let page = FindPage { typed, not_found: false };
        return render(&state.templates, "courses/find_certificate.html", &Chrome::new("Sjekk et kursbevis", None), &visitor, &page);
    }
    match codes::normalise(&typed) {
        Some(code) if repo::certificate_by_code(&state.db, &code).await?.is_some() => Ok(see_other(format!("/kursbevis/{code}"))),
        _ => {
            let page = FindPage { typed, not_found: true };
            let mut response =
                render(&state.templates, "courses/find_certificate.html", &Chrome::new("Sjekk et kursbevis", None), &visitor, &page)?;
            *response.status_mut() = StatusCode::NOT_FOUND;
            Ok(response)
        }
    }
}

async fn certificate_of(state: &AppState, typed: &str) -> Result<certificate::Model, AppError> {
    let not_found = || AppError::NotFound(format!("Det finnes ikke noe kursbevis med koden «{typed}». Sjekk at koden er skrevet riktig."));
    let code = codes::normalise(typed).ok_or_else(not_found)?;
    repo::certificate_by_code(&state.db, &code).await?.ok_or_else(not_found)
}

#[derive(Serialize)]
struct CertificatePage {
    code: String,
    learner_name: String,
    course_title: String,
    course_url: Option<String>,
    version: i32,
    issued: String,
    issuer: String,
    revoked: Option<String>,
    revoked_reason: String,
    pdf_url: String,
    verify_url: String,
    can_revoke: bool,
    revoke_url: String,
}

/// Where an employer checks a certificate: the full address with `FAGBRO_PUBLIC_URL`,
/// else the path on this site.
fn verification_address(state: &AppState, code: &str) -> String {
    format!("{}/kursbevis/{code}", state.config.public_url.as_deref().unwrap_or_default())
}

async fn show_certificate(state: web::Data<AppState>, visitor: Visitor, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let typed = path.into_inner();
    let certificate = certificate_of(&state, &typed).await?;
    if certificate.code != typed {
        return Ok(see_other(format!("/kursbevis/{}", certificate.code)));
    }
    let course_url = match content_repo::item_by_id(&state.db, certificate.content_item_id).await? {
        Some(item) => areas::repo::by_id(&state.db, item.area_id).await?.map(|area| course_url(&area.slug, &item.slug)),
        None => None,
    };
    let page = CertificatePage {
        learner_name: certificate.learner_name.clone(),
        course_title: certificate.course_title.clone(),
        course_url,
        version: certificate.course_version,
        issued: format::date(certificate.issued_at.date_naive()),
        issuer: certificate.issuer.clone(),
        revoked: certificate.revoked_at.map(|at| format::date(at.date_naive())),
        revoked_reason: certificate.revoked_reason.clone().unwrap_or_default(),
        pdf_url: format!("/kursbevis/{}/pdf", certificate.code),
        verify_url: verification_address(&state, &certificate.code),
        can_revoke: visitor.user.is_some() && visitor.may(Action::RevokeCertificates).is_ok(),
        revoke_url: format!("/kursbevis/{}/trekk-tilbake", certificate.code),
        code: certificate.code,
    };
    let mut response =
        render(&state.templates, "courses/certificate.html", &Chrome::new(format!("Kursbevis {}", page.code), None), &visitor, &page)?;
    // A certificate page is looked up, not found by crawling: keep it out of search engines.
    response.headers_mut().insert(header::HeaderName::from_static("x-robots-tag"), header::HeaderValue::from_static("noindex"));
    Ok(response)
}

async fn certificate_pdf(state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let certificate = certificate_of(&state, &path.into_inner()).await?;
    let pdf = super::pdf::certificate(&certificate, &verification_address(&state, &certificate.code));
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"kursbevis-{}.pdf\"", certificate.code)))
        .insert_header((header::HeaderName::from_static("x-robots-tag"), header::HeaderValue::from_static("noindex")))
        .body(pdf))
}

#[derive(Deserialize)]
struct RevokeForm {
    #[serde(default)]
    reason: String,
}

async fn revoke_certificate(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<String>,
    form: web::Form<RevokeForm>,
) -> Result<HttpResponse, AppError> {
    visitor.may(Action::RevokeCertificates)?;
    let certificate = certificate_of(&state, &path.into_inner()).await?;
    let reason = form.into_inner().reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AppError::BadRequest("Skriv en kort begrunnelse (høyst 500 tegn) for å trekke tilbake kursbeviset.".into()));
    }
    super::service::revoke(&state.db, &visitor.actor(), &certificate, &reason).await?;
    Ok(see_other(format!("/kursbevis/{}", certificate.code)))
}

// ---------------------------------------------------------------- statistics

#[derive(Deserialize)]
struct VersionQuery {
    versjon: Option<i32>,
}

#[derive(Serialize)]
struct QuestionRow {
    quiz_title: String,
    number: usize,
    text: String,
    answered: i64,
    wrong: i64,
    wrong_percent: Option<i64>,
    flagged: bool,
}

#[derive(Serialize)]
struct StatisticsPage {
    id: i32,
    title: String,
    version: i32,
    versions: Vec<i32>,
    started: usize,
    completed: usize,
    pass_rate: Option<i64>,
    median: Option<String>,
    questions: Vec<QuestionRow>,
    flagged: usize,
    flag_percent: i64,
}

fn percent(share: f64) -> i64 {
    (share * 100.0).round() as i64
}

/// The course's numbers, for the editors of its area.
async fn statistics(state: web::Data<AppState>, visitor: Visitor, path: web::Path<i32>, query: web::Query<VersionQuery>) -> Result<HttpResponse, AppError> {
    let not_found = || AppError::NotFound("Fant ikke kurset.".into());
    let item = content_repo::item_by_id(&state.db, path.into_inner()).await?.ok_or_else(not_found)?;
    if item.kind != ContentKind::Course.as_str() {
        return Err(not_found());
    }
    let area = areas::repo::by_id(&state.db, item.area_id).await?.ok_or_else(not_found)?;
    visitor.may(Action::ReadCourseStatistics((&area).into()))?;
    let numbers = versions::numbers(&state.db, item.id).await?;
    let number = query.versjon.or(numbers.last().copied()).ok_or_else(|| AppError::NotFound("Kurset er ikke publisert ennå, så det har ingen statistikk.".into()))?;
    let version = versions::by_number(&state.db, item.id, number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Kurset har ingen versjon {number}.")))?;
    let stats = super::stats::of_version(&state.db, &version).await?;
    let questions: Vec<QuestionRow> = stats
        .questions
        .iter()
        .map(|q| QuestionRow {
            quiz_title: q.quiz_title.clone(),
            number: q.number,
            text: q.text.clone(),
            answered: q.answered,
            wrong: q.wrong,
            wrong_percent: q.wrong_share().map(percent),
            flagged: q.flagged(),
        })
        .collect();
    let page = StatisticsPage {
        id: item.id,
        title: version.course.title.clone(),
        version: version.number,
        versions: numbers,
        started: stats.started,
        completed: stats.completed,
        pass_rate: stats.pass_rate.map(percent),
        median: stats.median_minutes.map(|m| duration_label(m.max(0) as u32)),
        flagged: questions.iter().filter(|q| q.flagged).count(),
        flag_percent: percent(super::stats::FLAG_WRONG_SHARE),
        questions,
    };
    render(&state.templates, "courses/statistics.html", &Chrome::new(format!("Statistikk: {}", page.title), None), &visitor, &page)
}
