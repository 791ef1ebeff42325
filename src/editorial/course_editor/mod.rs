//! `/redaksjon/kurs/{id}`: the course editor. A course's outline (settings, modules,
//! lessons, quizzes, exam), a lesson's text with live preview, a quiz's questions and
//! one question's options. Every form is one `authoring::Change`, saved by
//! `editorial::service::save_course` as a revision; the course's area decides who may.
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::web::routes::Routes;
use crate::web::access::Editor;
use crate::courses::authoring::{self, Change, ChangeError, Direction, OptionDraft, QuestionDraft, Settings};
use crate::courses::{CourseDefinition, QuestionKind, Quiz, Step, versions};
use crate::web::session::Visitor;
use crate::state::AppState;
use crate::areas;
use crate::authz::Action;
use crate::content::revisions;
use crate::content::{Status, markdown, view::item_url};
use crate::editorial::routes::{Step as WorkflowStep, signature_of, steps_from};
use crate::web::forms::{FormData, form, see_other};
use crate::editorial::service::{self as editorial, EditError, Signature};
use crate::entities::ids::ItemId;
use crate::entities::{area, content_item};
use crate::error::AppError;
use crate::web::{Chrome, form_page};

mod view;
use view::*;

pub fn routes(routes: &mut Routes) {
    routes.page("/redaksjon/kurs/{id}", outline_page);
    routes.post("/redaksjon/kurs/{id}", change_outline);
    routes.page("/redaksjon/kurs/{id}/steg/{key}", step_page);
    routes.post("/redaksjon/kurs/{id}/steg/{key}", change_step);
    routes.page("/redaksjon/kurs/{id}/steg/{key}/sporsmal/{question}", question_page);
    routes.post("/redaksjon/kurs/{id}/steg/{key}/sporsmal/{question}", save_question);
}

/// The key in a question address that asks for a new question.
const NEW_QUESTION: &str = "ny";

/// A course being edited, loaded once its editor is known to be allowed.
struct Editing {
    signature: Signature,
    item: content_item::Model,
    area: area::Model,
    course: CourseDefinition,
    revision: i32,
}

impl Editing {
    async fn load(state: &AppState, visitor: &Visitor, id: ItemId) -> Result<Editing, AppError> {
        let not_found = || AppError::NotFound(format!("Fant ikke noe e-kurs med nummer {id}."));
        let item = crate::courses::repo::course_item(&state.db, id).await?.ok_or_else(not_found)?;
        let area = areas::repo::by_id(&state.db, item.area_id).await?.ok_or_else(not_found)?;
        let signature = signature_of(visitor, visitor.may(Action::Edit((&area).into()))?);
        let course = versions::definition_of(&item)?.unwrap_or_else(authoring::starter);
        let revision = revisions::latest_number(&state.db, item.id).await?;
        Ok(Editing { signature, item, area, course, revision })
    }

    /// Applies one change and saves it, giving the course as saved; `Ok(Err(problems))`
    /// when the change was refused for what the editor typed (nothing is written then).
    async fn save(&self, state: &AppState, data: &FormData, change: Change) -> Result<Result<CourseDefinition, Vec<String>>, AppError> {
        let seen = data
            .get("revision")
            .parse::<i32>()
            .map_err(|_| AppError::BadRequest("Skjemaet mangler kursets versjonsnummer. Åpne siden på nytt.".into()))?;
        let (course, note) = match authoring::apply(&self.course, change) {
            Ok(changed) => changed,
            Err(ChangeError::Invalid(problems)) => return Ok(Err(problems)),
            Err(ChangeError::NotFound(message)) => return Err(AppError::NotFound(message)),
        };
        match editorial::save_course(&state.db, &self.signature, self.item.clone(), &course, seen, &note).await {
            Ok(_) => Ok(Ok(course)),
            Err(EditError::Invalid(problems)) => Ok(Err(problems)),
            Err(error) => Err(error.into()),
        }
    }

    fn url(&self) -> String {
        format!("/redaksjon/kurs/{}", self.item.id)
    }

    fn step_url(&self, key: &str) -> String {
        format!("/redaksjon/kurs/{}/steg/{key}", self.item.id)
    }

    async fn header(&self, state: &AppState) -> Result<CourseHeader, AppError> {
        let pending = versions::has_unpublished_changes(&state.db, &self.item).await?;
        let published = self.item.status == Status::Published;
        Ok(CourseHeader {
            id: self.item.id,
            title: self.item.title.clone(),
            area: self.area.name.clone(),
            status: self.item.status,
            status_label: self.item.status.label(),
            public_url: published.then(|| item_url(&self.area.slug, self.item.kind, &self.item.slug, &self.item.lang)),
            pending,
            revision: self.revision,
            url: self.url(),
        })
    }
}

fn chrome(title: &str) -> Chrome {
    Chrome::new(title.to_owned(), None)
}

fn direction(data: &FormData) -> Result<Direction, AppError> {
    Direction::parse(&data.get("retning")).ok_or_else(|| AppError::BadRequest("Velg om det skal flyttes opp eller ned.".into()))
}

// ---- The outline ----

impl From<Settings> for SettingsView {
    fn from(s: Settings) -> Self {
        SettingsView { duration_minutes: s.duration_minutes, pass_mark: s.pass_mark, max_attempts: s.max_attempts, outcomes: s.outcomes }
    }
}

fn quiz_row(editing: &Editing, quiz: &Quiz) -> QuizRow {
    QuizRow { key: quiz.key.clone(), title: quiz.title.clone(), questions: quiz.questions.len(), edit_url: editing.step_url(&quiz.key) }
}

async fn render_outline(state: &AppState, visitor: &Visitor, editing: &Editing, settings: Option<Settings>, errors: Vec<String>) -> Result<HttpResponse, AppError> {
    let course = &editing.course;
    let header = editing.header(state).await?;
    let page = OutlinePage {
        steps: steps_from(editing.item.status, header.pending),
        course: header,
        settings: settings.unwrap_or_else(|| Settings::of(course)).into(),
        modules: course
            .modules
            .iter()
            .enumerate()
            .map(|(m, module)| ModuleRow {
                key: module.key.clone(),
                number: m + 1,
                title: module.title.clone(),
                lessons: module
                    .lessons
                    .iter()
                    .map(|l| LessonRow {
                        key: l.key.clone(),
                        title: l.title.clone(),
                        edit_url: editing.step_url(&l.key),
                        empty: l.body_markdown.trim().is_empty(),
                    })
                    .collect(),
                quiz: module.quiz.as_ref().map(|q| quiz_row(editing, q)),
            })
            .collect(),
        exam: course.exam.as_ref().map(|q| quiz_row(editing, q)),
        problems: course.problems().iter().map(ToString::to_string).collect(),
        errors,
        versions: versions::numbers(&state.db, editing.item.id).await?,
    };
    let refused = !page.errors.is_empty();
    form_page(&state.templates, "editorial/course/outline.html", &chrome(&format!("Kursinnhold: {}", editing.item.title)), visitor, &page, refused)
}

async fn outline_page(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>) -> Result<HttpResponse, AppError> {
    let editing = Editing::load(&state, &visitor, path.into_inner()).await?;
    render_outline(&state, &visitor, &editing, None, Vec::new()).await
}

/// The outline's forms: settings, and adding, renaming, moving and deleting modules,
/// lessons, quizzes and the exam.
async fn change_outline(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let editing = Editing::load(&state, &visitor, path.into_inner()).await?;
    let data = form(&body)?;
    let (module, lesson, title) = (data.get("modul"), data.get("leksjon"), data.get("tittel"));
    let settings = Settings {
        duration_minutes: data.get("varighet"),
        pass_mark: data.get("bestatt"),
        max_attempts: data.get("forsok"),
        outcomes: data.get("laeringsmal"),
    };
    let change = match data.get("handling").as_str() {
        "innstillinger" => Change::Settings(settings.clone()),
        "ny-modul" => Change::AddModule { title },
        "gi-modul-navn" => Change::RenameModule { module, title },
        "flytt-modul" => Change::MoveModule { module, direction: direction(&data)? },
        "slett-modul" => Change::DeleteModule { module },
        "ny-leksjon" => Change::AddLesson { module, title },
        "flytt-leksjon" => Change::MoveLesson { lesson, direction: direction(&data)? },
        "slett-leksjon" => Change::DeleteLesson { lesson },
        "ny-quiz" => Change::AddQuiz { module },
        "ny-prove" => Change::AddExam,
        "slett-quiz" => Change::DeleteQuiz { quiz: data.get("quiz") },
        other => return Err(AppError::BadRequest(format!("Ukjent handling «{other}» i kursredigeringen."))),
    };
    let typed_settings = matches!(change, Change::Settings(_)).then_some(settings);
    let adds_lesson = matches!(change, Change::AddLesson { .. });
    match editing.save(&state, &data, change).await? {
        Ok(saved) if adds_lesson => {
            // A new lesson opens for writing at once.
            let before = editing.course.lesson_keys();
            let added = saved.lesson_keys().into_iter().find(|k| !before.contains(k)).map(|k| editing.step_url(k));
            Ok(see_other(added.unwrap_or_else(|| editing.url())))
        }
        Ok(_) => Ok(see_other(editing.url())),
        Err(problems) => render_outline(&state, &visitor, &editing, typed_settings, problems).await,
    }
}

// ---- A lesson or a quiz ----

fn kind_choices(selected: &str) -> Vec<KindChoice> {
    [QuestionKind::Single, QuestionKind::Multiple, QuestionKind::TrueFalse, QuestionKind::Ordering]
        .into_iter()
        .map(|k| KindChoice { value: k.as_str(), label: k.label(), selected: k.as_str() == selected })
        .collect()
}

/// A lesson as typed, for showing again.
struct TypedLesson {
    title: String,
    body: String,
}

async fn render_step(
    state: &AppState,
    visitor: &Visitor,
    editing: &Editing,
    key: &str,
    typed: Option<TypedLesson>,
    preview_html: Option<String>,
    errors: Vec<String>,
) -> Result<HttpResponse, AppError> {
    let course = &editing.course;
    let mut page = StepPage { course: editing.header(state).await?, lesson: None, quiz: None, kinds: kind_choices("single"), preview_html, errors };
    let title = match course.step(key) {
        Some((_, Step::Lesson { module, lesson })) => {
            let typed = typed.unwrap_or(TypedLesson { title: lesson.title.clone(), body: lesson.body_markdown.clone() });
            page.lesson = Some(LessonView {
                key: lesson.key.clone(),
                title: typed.title,
                body: typed.body,
                module_title: module.title.clone(),
                public_url: page.course.public_url.as_ref().map(|url| format!("{url}/{}", lesson.key)),
            });
            format!("Leksjon: {}", lesson.title)
        }
        Some((_, Step::Quiz { quiz, exam, .. })) => {
            page.quiz = Some(QuizView {
                key: quiz.key.clone(),
                title: quiz.title.clone(),
                exam,
                questions: quiz
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(i, q)| QuestionRow {
                        key: q.key.clone(),
                        number: i + 1,
                        kind_label: q.kind.label(),
                        text: q.text.clone(),
                        options: q.options.len(),
                        edit_url: format!("{}/sporsmal/{}", editing.step_url(&quiz.key), q.key),
                    })
                    .collect(),
                new_url: format!("{}/sporsmal/{NEW_QUESTION}", editing.step_url(&quiz.key)),
            });
            format!("{}: {}", if exam { "Avsluttende prøve" } else { "Quiz" }, quiz.title)
        }
        None => return Err(AppError::NotFound(format!("Kurset har ingen leksjon eller quiz som heter «{key}»."))),
    };
    let refused = !page.errors.is_empty();
    form_page(&state.templates, "editorial/course/step.html", &chrome(&title), visitor, &page, refused)
}

async fn step_page(visitor: Editor, state: web::Data<AppState>, path: web::Path<(ItemId, String)>) -> Result<HttpResponse, AppError> {
    let (id, key) = path.into_inner();
    let editing = Editing::load(&state, &visitor, id).await?;
    render_step(&state, &visitor, &editing, &key, None, None, Vec::new()).await
}

/// A lesson's title and text (or its preview); a quiz's title, and moving and deleting
/// its questions.
async fn change_step(visitor: Editor, state: web::Data<AppState>, path: web::Path<(ItemId, String)>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let (id, key) = path.into_inner();
    let editing = Editing::load(&state, &visitor, id).await?;
    let data = form(&body)?;
    let typed = TypedLesson { title: data.get("tittel"), body: data.get("body") };
    let change = match data.get("handling").as_str() {
        "forhandsvis" => {
            let preview = Some(markdown::render_off_thread(typed.body.clone()).await);
            return render_step(&state, &visitor, &editing, &key, Some(typed), preview, Vec::new()).await;
        }
        "lagre-leksjon" => Change::SaveLesson { lesson: key.clone(), title: typed.title.clone(), body_markdown: typed.body.clone() },
        "gi-quiz-navn" => Change::RenameQuiz { quiz: key.clone(), title: data.get("tittel") },
        "flytt-sporsmal" => Change::MoveQuestion { quiz: key.clone(), question: data.get("sporsmal"), direction: direction(&data)? },
        "slett-sporsmal" => Change::DeleteQuestion { quiz: key.clone(), question: data.get("sporsmal") },
        other => return Err(AppError::BadRequest(format!("Ukjent handling «{other}» i kursredigeringen."))),
    };
    let is_lesson = matches!(change, Change::SaveLesson { .. });
    match editing.save(&state, &data, change).await? {
        Ok(_) if is_lesson => Ok(see_other(editing.url())),
        Ok(_) => Ok(see_other(editing.step_url(&key))),
        Err(problems) => {
            let typed = is_lesson.then_some(typed);
            render_step(&state, &visitor, &editing, &key, typed, None, problems).await
        }
    }
}

// ---- One question ----

#[derive(Deserialize)]
struct NewQuestionQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// How many empty option rows the form offers beyond the filled ones.
const SPARE_ROWS: usize = 2;

async fn render_question(
    state: &AppState,
    visitor: &Visitor,
    editing: &Editing,
    quiz_key: &str,
    question_key: &str,
    draft: QuestionDraft,
    errors: Vec<String>,
) -> Result<HttpResponse, AppError> {
    let (quiz, _) = editing.course.quiz(quiz_key)
        .ok_or_else(|| AppError::NotFound(format!("Kurset har ingen quiz som heter «{quiz_key}».")))?;
    let heading = match quiz.questions.iter().position(|q| q.key == question_key) {
        Some(index) => format!("Spørsmål {}", index + 1),
        None if question_key == NEW_QUESTION => "Nytt spørsmål".to_owned(),
        None => return Err(AppError::NotFound(format!("Quizen har ikke noe spørsmål «{question_key}»."))),
    };
    let is_true_false = draft.kind == QuestionKind::TrueFalse.as_str();
    let filled: Vec<&OptionDraft> = draft.options.iter().filter(|o| !is_true_false && !o.is_blank()).collect();
    let rows_wanted = if is_true_false { 4 } else { (filled.len() + SPARE_ROWS).clamp(4, authoring::MAX_OPTIONS) };
    let mut rows: Vec<OptionRow> = filled
        .into_iter()
        .enumerate()
        .map(|(index, o)| OptionRow { index, text: o.text.clone(), correct: o.correct, explanation: o.explanation.clone() })
        .collect();
    while rows.len() < rows_wanted {
        rows.push(OptionRow { index: rows.len(), text: String::new(), correct: false, explanation: String::new() });
    }
    let tf = |i: usize| draft.options.get(i).filter(|_| is_true_false);
    let page = QuestionPage {
        course: editing.header(state).await?,
        quiz_title: quiz.title.clone(),
        quiz_url: editing.step_url(&quiz.key),
        action: format!("{}/sporsmal/{question_key}", editing.step_url(&quiz.key)),
        kinds: kind_choices(&draft.kind),
        true_false: match (tf(0).map(|o| o.correct), tf(1).map(|o| o.correct)) {
            (Some(true), _) => "true".into(),
            (_, Some(true)) => "false".into(),
            _ => String::new(),
        },
        true_explanation: tf(0).map(|o| o.explanation.clone()).unwrap_or_default(),
        false_explanation: tf(1).map(|o| o.explanation.clone()).unwrap_or_default(),
        heading: heading.clone(),
        kind: draft.kind,
        text: draft.text,
        explanation: draft.explanation,
        rows,
        errors,
    };
    let refused = !page.errors.is_empty();
    form_page(&state.templates, "editorial/course/question.html", &chrome(&format!("{heading} i {}", quiz.title)), visitor, &page, refused)
}

async fn question_page(
    visitor: Editor,
    state: web::Data<AppState>,
    path: web::Path<(ItemId, String, String)>,
    query: web::Query<NewQuestionQuery>,
) -> Result<HttpResponse, AppError> {
    let (id, quiz_key, question_key) = path.into_inner();
    let editing = Editing::load(&state, &visitor, id).await?;
    let existing = editing.course.quiz(&quiz_key).and_then(|(quiz, _)| quiz.questions.iter().find(|q| q.key == question_key));
    let draft = match existing {
        Some(question) => QuestionDraft::of(question),
        None => {
            let kind = query.kind.as_deref().and_then(QuestionKind::parse).unwrap_or(QuestionKind::Single);
            QuestionDraft { kind: kind.as_str().to_owned(), ..QuestionDraft::default() }
        }
    };
    render_question(&state, &visitor, &editing, &quiz_key, &question_key, draft, Vec::new()).await
}

/// The question editor's fields: `alternativ.N`, `forklaring.N` and `riktig` (the
/// numbers of the right rows); for true/false `sant` with the two explanations.
fn question_draft(data: &FormData) -> QuestionDraft {
    let kind = data.get("kind");
    let options = if kind == QuestionKind::TrueFalse.as_str() {
        let answer = data.get("sant");
        vec![
            OptionDraft { text: "Sant".into(), correct: answer == "true", explanation: data.get("sant-forklaring") },
            OptionDraft { text: "Usant".into(), correct: answer == "false", explanation: data.get("usant-forklaring") },
        ]
    } else {
        let right = data.all("riktig");
        (0..authoring::MAX_OPTIONS + SPARE_ROWS)
            .map(|i| OptionDraft {
                text: data.get(&format!("alternativ.{i}")),
                correct: right.contains(&i.to_string()),
                explanation: data.get(&format!("forklaring.{i}")),
            })
            .collect()
    };
    QuestionDraft { kind, text: data.get("text"), explanation: data.get("explanation"), options }
}

async fn save_question(visitor: Editor, state: web::Data<AppState>, path: web::Path<(ItemId, String, String)>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let (id, quiz_key, question_key) = path.into_inner();
    let editing = Editing::load(&state, &visitor, id).await?;
    let data = form(&body)?;
    let draft = question_draft(&data);
    let question = (question_key != NEW_QUESTION).then(|| question_key.clone());
    let change = Change::SaveQuestion { quiz: quiz_key.clone(), question, draft: draft.clone() };
    match editing.save(&state, &data, change).await? {
        Ok(_) => Ok(see_other(editing.step_url(&quiz_key))),
        Err(problems) => render_question(&state, &visitor, &editing, &quiz_key, &question_key, draft, problems).await,
    }
}
