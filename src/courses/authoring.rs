//! Course authoring: each change an editor makes to a course's structure, as a pure
//! function from one `CourseDefinition` to the next. The `/redaksjon/kurs` pages turn a
//! form into a `Change` and save the result through `editorial::service::save_course`,
//! so the workflow, revisions and audit log apply as to any other content.
//!
//! A course under construction may be incomplete (a module without lessons, a quiz
//! without questions): `CourseDefinition::problems` lists what is missing, and
//! publishing refuses until the list is empty. A single question, on the other hand,
//! is only saved when it can be answered and graded.
use std::collections::BTreeSet;

use super::{AnswerOption, CourseDefinition, Lesson, Module, Question, QuestionKind, Quiz, option_key};
use crate::content::slugify;

pub const MAX_TITLE: usize = 200;
pub const MAX_TEXT: usize = 2_000;
pub const MAX_LESSON: usize = 200_000;
pub const MAX_OPTIONS: usize = 12;
pub const EXAM_KEY: &str = "eksamen";

/// A module, lesson or question one place up or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn parse(value: &str) -> Option<Direction> {
        match value {
            "opp" => Some(Direction::Up),
            "ned" => Some(Direction::Down),
            _ => None,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Direction::Up => "opp",
            Direction::Down => "ned",
        }
    }
}

/// One change to a course's structure, as an editor asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Settings(Settings),
    AddModule { title: String },
    RenameModule { module: String, title: String },
    MoveModule { module: String, direction: Direction },
    DeleteModule { module: String },
    AddLesson { module: String, title: String },
    SaveLesson { lesson: String, title: String, body_markdown: String },
    MoveLesson { lesson: String, direction: Direction },
    DeleteLesson { lesson: String },
    /// A practice quiz at the end of a module.
    AddQuiz { module: String },
    AddExam,
    RenameQuiz { quiz: String, title: String },
    DeleteQuiz { quiz: String },
    /// A new question (`question: None`) or a changed one, already checked.
    SaveQuestion { quiz: String, question: Option<String>, draft: QuestionDraft },
    MoveQuestion { quiz: String, question: String, direction: Direction },
    DeleteQuestion { quiz: String, question: String },
}

/// The course-wide settings, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub duration_minutes: String,
    pub pass_mark: String,
    pub max_attempts: String,
    /// One learning outcome per line.
    pub outcomes: String,
}

/// A question as typed in the question editor: options in the order shown, empty rows
/// left out. For true/false the two rows are "Sant" and "Usant".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuestionDraft {
    pub kind: String,
    pub text: String,
    pub explanation: String,
    pub options: Vec<OptionDraft>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OptionDraft {
    pub text: String,
    pub correct: bool,
    pub explanation: String,
}

impl OptionDraft {
    /// A row of the form left empty: not an option.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.explanation.trim().is_empty()
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// The module, lesson, quiz or question named does not exist (any more).
    #[error("{0}")]
    NotFound(String),
    /// What the editor typed cannot be saved; each problem is named.
    #[error("{}", .0.join(" "))]
    Invalid(Vec<String>),
}

/// What a change did, in the words of the revision list.
pub type Note = String;

/// The course after `change`, and a note saying what changed.
pub fn apply(course: &CourseDefinition, change: Change) -> Result<(CourseDefinition, Note), ChangeError> {
    let mut next = course.clone();
    let note = match change {
        Change::Settings(settings) => {
            settings.apply_to(&mut next)?;
            "Kursinnstillinger endret".to_owned()
        }
        Change::AddModule { title } => {
            let title = title_of(&title, "Modulen")?;
            let key = fresh_key(next.modules.iter().map(|m| m.key.as_str()), |n| format!("modul-{n}"));
            next.modules.push(Module { key, title: title.clone(), lessons: Vec::new(), quiz: None });
            format!("Modul lagt til: {title}")
        }
        Change::RenameModule { module, title } => {
            let title = title_of(&title, "Modulen")?;
            let found = module_mut(&mut next, &module)?;
            let old = std::mem::replace(&mut found.title, title.clone());
            format!("Modul omdøpt: {old} → {title}")
        }
        Change::MoveModule { module, direction } => {
            let index = next.modules.iter().position(|m| m.key == module).ok_or_else(|| missing("Modulen"))?;
            let title = next.modules[index].title.clone();
            shift(&mut next.modules, index, direction, "Modulen")?;
            format!("Modul flyttet {}: {title}", direction.word())
        }
        Change::DeleteModule { module } => {
            let index = next.modules.iter().position(|m| m.key == module).ok_or_else(|| missing("Modulen"))?;
            let removed = next.modules.remove(index);
            format!("Modul slettet: {} ({} leksjoner)", removed.title, removed.lessons.len())
        }
        Change::AddLesson { module, title } => {
            let title = title_of(&title, "Leksjonen")?;
            let key = new_lesson_key(&next, &title);
            module_mut(&mut next, &module)?.lessons.push(Lesson {
                key,
                title: title.clone(),
                body_markdown: String::new(),
                body_html: String::new(),
            });
            format!("Leksjon lagt til: {title}")
        }
        Change::SaveLesson { lesson, title, body_markdown } => {
            let title = title_of(&title, "Leksjonen")?;
            if body_markdown.len() > MAX_LESSON {
                return Err(ChangeError::Invalid(vec![format!("Leksjonsteksten kan ha høyst {MAX_LESSON} tegn.")]));
            }
            let found = lesson_mut(&mut next, &lesson)?;
            found.title = title.clone();
            found.body_markdown = body_markdown.replace("\r\n", "\n");
            format!("Leksjon endret: {title}")
        }
        Change::MoveLesson { lesson, direction } => {
            let (m, l) = lesson_place(&next, &lesson)?;
            let title = next.modules[m].lessons[l].title.clone();
            move_lesson(&mut next, m, l, direction)?;
            format!("Leksjon flyttet {}: {title}", direction.word())
        }
        Change::DeleteLesson { lesson } => {
            let (m, l) = lesson_place(&next, &lesson)?;
            let removed = next.modules[m].lessons.remove(l);
            format!("Leksjon slettet: {}", removed.title)
        }
        Change::AddQuiz { module } => {
            let found = module_mut(&mut next, &module)?;
            if found.quiz.is_some() {
                return Err(ChangeError::Invalid(vec!["Modulen har allerede en quiz.".into()]));
            }
            let key = format!("quiz-{}", found.key);
            found.quiz = Some(Quiz { key, title: format!("Sjekk deg selv: {}", found.title), questions: Vec::new() });
            format!("Quiz lagt til i modulen {}", found.title)
        }
        Change::AddExam => {
            if next.exam.is_some() {
                return Err(ChangeError::Invalid(vec!["Kurset har allerede en avsluttende prøve.".into()]));
            }
            next.exam = Some(Quiz { key: EXAM_KEY.into(), title: "Avsluttende prøve".into(), questions: Vec::new() });
            "Avsluttende prøve lagt til".to_owned()
        }
        Change::RenameQuiz { quiz, title } => {
            let title = title_of(&title, "Quizen")?;
            let found = quiz_mut(&mut next, &quiz)?;
            found.title = title.clone();
            format!("Quiz omdøpt: {title}")
        }
        Change::DeleteQuiz { quiz } => {
            let removed = if next.exam.as_ref().is_some_and(|e| e.key == quiz) {
                next.exam.take()
            } else {
                next.modules.iter_mut().find(|m| m.quiz.as_ref().is_some_and(|q| q.key == quiz)).and_then(|m| m.quiz.take())
            };
            let removed = removed.ok_or_else(|| missing("Quizen"))?;
            format!("Quiz slettet: {} ({} spørsmål)", removed.title, removed.questions.len())
        }
        Change::SaveQuestion { quiz, question, draft } => {
            let found = quiz_mut(&mut next, &quiz)?;
            let quiz_title = found.title.clone();
            match question {
                None => {
                    let key = fresh_key(found.questions.iter().map(|q| q.key.as_str()), |n| format!("q{n}"));
                    let built = draft.build(key)?;
                    found.questions.push(built);
                    format!("Spørsmål {} lagt til i {quiz_title}", found.questions.len())
                }
                Some(key) => {
                    let index = found.questions.iter().position(|q| q.key == key).ok_or_else(|| missing("Spørsmålet"))?;
                    found.questions[index] = draft.build(key)?;
                    format!("Spørsmål {} endret i {quiz_title}", index + 1)
                }
            }
        }
        Change::MoveQuestion { quiz, question, direction } => {
            let found = quiz_mut(&mut next, &quiz)?;
            let index = found.questions.iter().position(|q| q.key == question).ok_or_else(|| missing("Spørsmålet"))?;
            shift(&mut found.questions, index, direction, "Spørsmålet")?;
            format!("Spørsmål {} flyttet {} i {}", index + 1, direction.word(), found.title)
        }
        Change::DeleteQuestion { quiz, question } => {
            let found = quiz_mut(&mut next, &quiz)?;
            let index = found.questions.iter().position(|q| q.key == question).ok_or_else(|| missing("Spørsmålet"))?;
            found.questions.remove(index);
            format!("Spørsmål {} slettet fra {}", index + 1, found.title)
        }
    };
    Ok((next, note))
}

/// A new course: sensible settings, and nothing in it yet.
pub fn starter() -> CourseDefinition {
    CourseDefinition { duration_minutes: 30, outcomes: Vec::new(), pass_mark: 80, max_attempts: None, modules: Vec::new(), exam: None }
}

impl Settings {
    pub fn of(course: &CourseDefinition) -> Settings {
        Settings {
            duration_minutes: course.duration_minutes.to_string(),
            pass_mark: course.pass_mark.to_string(),
            max_attempts: course.max_attempts.map(|n| n.to_string()).unwrap_or_default(),
            outcomes: course.outcomes.join("\n"),
        }
    }

    fn apply_to(&self, course: &mut CourseDefinition) -> Result<(), ChangeError> {
        let mut problems = Vec::new();
        match self.duration_minutes.trim().parse::<u32>() {
            Ok(minutes) if (1..=6000).contains(&minutes) => course.duration_minutes = minutes,
            _ => problems.push(format!("Varighet: «{}» er ikke et antall minutter fra 1 til 6000.", self.duration_minutes.trim())),
        }
        match self.pass_mark.trim().trim_end_matches('%').trim().parse::<u8>() {
            Ok(mark) if (1..=100).contains(&mark) => course.pass_mark = mark,
            _ => problems.push(format!("Bestått-grense: «{}» er ikke en prosent fra 1 til 100.", self.pass_mark.trim())),
        }
        match self.max_attempts.trim() {
            "" => course.max_attempts = None,
            text => match text.parse::<u32>() {
                Ok(n) if (1..=100).contains(&n) => course.max_attempts = Some(n),
                _ => problems.push(format!("Antall forsøk: «{text}» er ikke et tall fra 1 til 100 (la feltet stå tomt for ubegrenset).")),
            },
        }
        let outcomes: Vec<String> = self.outcomes.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        if outcomes.iter().any(|o| o.chars().count() > MAX_TEXT) {
            problems.push(format!("Et læringsmål kan ha høyst {MAX_TEXT} tegn."));
        }
        course.outcomes = outcomes;
        if problems.is_empty() { Ok(()) } else { Err(ChangeError::Invalid(problems)) }
    }
}

impl QuestionDraft {
    pub fn of(question: &Question) -> QuestionDraft {
        QuestionDraft {
            kind: question.kind.as_str().to_owned(),
            text: question.text.clone(),
            explanation: question.explanation.clone(),
            options: question
                .options
                .iter()
                .map(|o| OptionDraft { text: o.text.clone(), correct: o.correct, explanation: o.explanation.clone() })
                .collect(),
        }
    }

    /// The question these fields make, or every problem with them.
    pub fn build(&self, key: String) -> Result<Question, ChangeError> {
        let mut problems = Vec::new();
        let Some(kind) = QuestionKind::parse(&self.kind) else {
            return Err(ChangeError::Invalid(vec!["Velg hva slags spørsmål det er.".into()]));
        };
        let text = self.text.trim();
        if text.chars().count() > MAX_TEXT || self.explanation.chars().count() > MAX_TEXT {
            problems.push(format!("Spørsmålet og forklaringen kan ha høyst {MAX_TEXT} tegn hver."));
        }
        let rows: Vec<&OptionDraft> = self.options.iter().filter(|o| !o.is_blank()).collect();
        if rows.len() > MAX_OPTIONS {
            problems.push(format!("Et spørsmål kan ha høyst {MAX_OPTIONS} svaralternativer."));
        }
        if rows.iter().any(|o| o.text.chars().count() > MAX_TEXT || o.explanation.chars().count() > MAX_TEXT) {
            problems.push(format!("Et svaralternativ og forklaringen til det kan ha høyst {MAX_TEXT} tegn hver."));
        }
        let options = match kind {
            QuestionKind::TrueFalse => {
                let answer = self.options.first().is_some_and(|o| o.correct);
                if !self.options.iter().take(2).any(|o| o.correct) {
                    problems.push("Velg om påstanden er sann eller usann.".into());
                }
                let mut options = Question::true_false_options(answer);
                for (option, typed) in options.iter_mut().zip(&self.options) {
                    option.explanation = typed.explanation.trim().to_owned();
                }
                options
            }
            _ => rows
                .iter()
                .enumerate()
                .map(|(i, o)| AnswerOption {
                    key: option_key(i),
                    text: o.text.trim().to_owned(),
                    correct: kind != QuestionKind::Ordering && o.correct,
                    explanation: o.explanation.trim().to_owned(),
                })
                .collect(),
        };
        let question = Question { key, kind, text: text.to_owned(), explanation: self.explanation.trim().to_owned(), options };
        if let Some(problem) = question.problem() {
            let mut message = problem.to_owned();
            if let Some(first) = message.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            problems.push(format!("{message}."));
        }
        if problems.is_empty() { Ok(question) } else { Err(ChangeError::Invalid(problems)) }
    }
}

fn missing(what: &str) -> ChangeError {
    ChangeError::NotFound(format!("{what} finnes ikke i kurset (lenger). Last siden på nytt."))
}

fn title_of(title: &str, what: &str) -> Result<String, ChangeError> {
    let title = title.trim();
    if title.is_empty() {
        Err(ChangeError::Invalid(vec![format!("{what} trenger en tittel.")]))
    } else if title.chars().count() > MAX_TITLE {
        Err(ChangeError::Invalid(vec![format!("Tittelen kan ha høyst {MAX_TITLE} tegn.")]))
    } else {
        Ok(title.to_owned())
    }
}

fn module_mut<'a>(course: &'a mut CourseDefinition, key: &str) -> Result<&'a mut Module, ChangeError> {
    course.modules.iter_mut().find(|m| m.key == key).ok_or_else(|| missing("Modulen"))
}

fn lesson_place(course: &CourseDefinition, key: &str) -> Result<(usize, usize), ChangeError> {
    course
        .modules
        .iter()
        .enumerate()
        .find_map(|(m, module)| module.lessons.iter().position(|l| l.key == key).map(|l| (m, l)))
        .ok_or_else(|| missing("Leksjonen"))
}

fn lesson_mut<'a>(course: &'a mut CourseDefinition, key: &str) -> Result<&'a mut Lesson, ChangeError> {
    let (m, l) = lesson_place(course, key)?;
    Ok(&mut course.modules[m].lessons[l])
}

fn quiz_mut<'a>(course: &'a mut CourseDefinition, key: &str) -> Result<&'a mut Quiz, ChangeError> {
    if let Some(exam) = course.exam.as_mut().filter(|e| e.key == key) {
        return Ok(exam);
    }
    course.modules.iter_mut().filter_map(|m| m.quiz.as_mut()).find(|q| q.key == key).ok_or_else(|| missing("Quizen"))
}

/// Swaps an element with its neighbour.
fn shift<T>(list: &mut [T], index: usize, direction: Direction, what: &str) -> Result<(), ChangeError> {
    let other = match direction {
        Direction::Up => index.checked_sub(1),
        Direction::Down => Some(index + 1).filter(|i| *i < list.len()),
    };
    let other = other.ok_or_else(|| {
        ChangeError::Invalid(vec![format!("{what} står allerede {}.", if direction == Direction::Up { "først" } else { "sist" })])
    })?;
    list.swap(index, other);
    Ok(())
}

/// Moves a lesson within its module; past the module's edge it moves into the end of
/// the module before, or the start of the module after.
fn move_lesson(course: &mut CourseDefinition, m: usize, l: usize, direction: Direction) -> Result<(), ChangeError> {
    let len = course.modules[m].lessons.len();
    match direction {
        Direction::Up if l > 0 => course.modules[m].lessons.swap(l, l - 1),
        Direction::Down if l + 1 < len => course.modules[m].lessons.swap(l, l + 1),
        Direction::Up if m > 0 => {
            let lesson = course.modules[m].lessons.remove(l);
            course.modules[m - 1].lessons.push(lesson);
        }
        Direction::Down if m + 1 < course.modules.len() => {
            let lesson = course.modules[m].lessons.remove(l);
            course.modules[m + 1].lessons.insert(0, lesson);
        }
        _ => return shift(&mut course.modules[m].lessons, l, direction, "Leksjonen"),
    }
    Ok(())
}

/// The first of `pattern(1)`, `pattern(2)`, ... that is not taken.
fn fresh_key<'a>(taken: impl Iterator<Item = &'a str>, pattern: impl Fn(usize) -> String) -> String {
    let taken: BTreeSet<&str> = taken.collect();
    first_free(1, &taken, pattern)
}

/// The first of `pattern(start)`, `pattern(start + 1)`, ... not in `taken`.
fn first_free(start: usize, taken: &BTreeSet<&str>, pattern: impl Fn(usize) -> String) -> String {
    let mut n = start;
    loop {
        let key = pattern(n);
        if !taken.contains(key.as_str()) {
            return key;
        }
        n += 1;
    }
}

/// A lesson's key is its address in the course (`/kurs/{area}/{slug}/{key}`): numbered
/// like the lesson files ("07-dosering"), and kept when the lesson is renamed or moved,
/// so links and learners' progress stay valid.
fn new_lesson_key(course: &CourseDefinition, title: &str) -> String {
    let mut taken: BTreeSet<&str> = course.lesson_keys().into_iter().collect();
    taken.extend(course.modules.iter().filter_map(|m| m.quiz.as_ref()).map(|q| q.key.as_str()));
    taken.extend(course.exam.as_ref().map(|e| e.key.as_str()));
    let name: String = slugify(title).chars().take(60).collect::<String>().trim_end_matches('-').to_owned();
    let start = course.lesson_keys().len() + 1;
    first_free(start, &taken, |n| if name.is_empty() { format!("{n:02}-leksjon") } else { format!("{n:02}-{name}") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::courses::tests::sample;

    fn change(course: &CourseDefinition, change: Change) -> CourseDefinition {
        apply(course, change).unwrap_or_else(|e| panic!("{e}")).0
    }

    fn draft(kind: &str, options: &[(&str, bool)]) -> QuestionDraft {
        QuestionDraft {
            kind: kind.into(),
            text: "Hva gjelder?".into(),
            explanation: String::new(),
            options: options.iter().map(|(text, correct)| OptionDraft { text: (*text).into(), correct: *correct, explanation: String::new() }).collect(),
        }
    }

    #[test]
    fn an_editor_builds_a_course_from_nothing_step_by_step() {
        let mut course = starter();
        assert!(!course.problems().is_empty(), "an empty course cannot be published");
        course = change(&course, Change::AddModule { title: "Grunnlag".into() });
        course = change(&course, Change::AddLesson { module: "modul-1".into(), title: "Hva er delirium?".into() });
        let key = course.modules[0].lessons[0].key.clone();
        assert_eq!(key, "01-hva-er-delirium");
        course = change(&course, Change::SaveLesson { lesson: key.clone(), title: "Hva er delirium".into(), body_markdown: "Akutt forvirring.\r\n".into() });
        course = change(&course, Change::AddExam);
        let question = Change::SaveQuestion { quiz: EXAM_KEY.into(), question: None, draft: draft("single", &[("Ja", true), ("Nei", false), ("", false)]) };
        course = change(&course, question);
        assert!(course.problems().is_empty(), "{:?}", course.problems());
        let lesson = &course.modules[0].lessons[0];
        assert_eq!((lesson.key.as_str(), lesson.title.as_str(), lesson.body_markdown.as_str()), (key.as_str(), "Hva er delirium", "Akutt forvirring.\n"));
        let exam = course.exam.as_ref().unwrap();
        assert_eq!(exam.questions[0].key, "q1");
        assert_eq!(exam.questions[0].options.len(), 2, "the empty row is left out");
    }

    #[test]
    fn lessons_move_within_and_across_modules_and_keep_their_keys() {
        let mut course = sample();
        course = change(&course, Change::AddModule { title: "Videre".into() });
        assert_eq!(course.modules[1].key, "modul-1", "the first free module key");
        course = change(&course, Change::MoveLesson { lesson: "02-former".into(), direction: Direction::Down });
        assert_eq!(course.modules[1].lessons[0].key, "02-former");
        course = change(&course, Change::MoveLesson { lesson: "02-former".into(), direction: Direction::Up });
        assert_eq!(course.lesson_keys(), ["01-ansvar", "02-former"]);
        course = change(&course, Change::MoveLesson { lesson: "01-ansvar".into(), direction: Direction::Down });
        assert_eq!(course.lesson_keys(), ["02-former", "01-ansvar"]);
        let error = apply(&course, Change::MoveModule { module: "grunnlag".into(), direction: Direction::Up }).unwrap_err();
        assert_eq!(error, ChangeError::Invalid(vec!["Modulen står allerede først.".into()]));
        course = change(&course, Change::MoveModule { module: "grunnlag".into(), direction: Direction::Down });
        assert_eq!(course.modules[0].title, "Videre");
    }

    #[test]
    fn a_question_is_saved_only_when_it_can_be_graded() {
        let course = sample();
        let save = |draft| apply(&course, Change::SaveQuestion { quiz: EXAM_KEY.into(), question: Some("q1".into()), draft });
        let Err(ChangeError::Invalid(problems)) = save(draft("multiple", &[("En", true), ("To", false), ("Tre", false)])) else { panic!() };
        assert_eq!(problems, ["Et spørsmål med flere riktige svar må ha minst to riktige og minst ett galt alternativ."]);
        let Err(ChangeError::Invalid(problems)) = save(draft("true_false", &[("Sant", false), ("Usant", false)])) else { panic!() };
        assert_eq!(problems, ["Velg om påstanden er sann eller usann."]);
        let Err(ChangeError::Invalid(problems)) = save(draft("nonsense", &[])) else { panic!() };
        assert_eq!(problems, ["Velg hva slags spørsmål det er."]);
        let (saved, note) = save(draft("ordering", &[("Først", true), ("Så", false)])).unwrap();
        let question = &saved.exam.as_ref().unwrap().questions[0];
        assert!(question.options.iter().all(|o| !o.correct), "ordering has no right option, only a right order");
        assert_eq!(note, "Spørsmål 1 endret i Eksamen");
        let (saved, _) = save(draft("true_false", &[("Sant", false), ("Usant", true)])).unwrap();
        assert_eq!(saved.exam.as_ref().unwrap().questions[0].options[1].key, "false");
        assert!(saved.exam.as_ref().unwrap().questions[0].options[1].correct);
    }

    #[test]
    fn changing_what_is_not_there_says_so() {
        let course = sample();
        for change in [
            Change::DeleteLesson { lesson: "99-finnes-ikke".into() },
            Change::RenameModule { module: "nei".into(), title: "X".into() },
            Change::DeleteQuestion { quiz: EXAM_KEY.into(), question: "q99".into() },
            Change::DeleteQuiz { quiz: "nei".into() },
        ] {
            assert!(matches!(apply(&course, change), Err(ChangeError::NotFound(_))));
        }
        assert!(matches!(apply(&course, Change::AddExam), Err(ChangeError::Invalid(_))), "one exam per course");
    }

    #[test]
    fn settings_are_checked_field_by_field() {
        let settings = Settings { duration_minutes: "en time".into(), pass_mark: "101".into(), max_attempts: "0".into(), outcomes: "A\n\n B \n".into() };
        let Err(ChangeError::Invalid(problems)) = apply(&sample(), Change::Settings(settings)) else { panic!() };
        assert_eq!(problems.len(), 3, "{problems:?}");
        let settings = Settings { duration_minutes: "45".into(), pass_mark: "90 %".into(), max_attempts: "".into(), outcomes: "A\n\n B \n".into() };
        let course = change(&sample(), Change::Settings(settings));
        assert_eq!((course.duration_minutes, course.pass_mark, course.max_attempts), (45, 90, None));
        assert_eq!(course.outcomes, ["A", "B"]);
    }

    #[test]
    fn the_outline_shows_what_an_editor_changed() {
        let before = crate::courses::outline::outline(&sample());
        let after = crate::courses::outline::outline(&change(&sample(), Change::RenameModule { module: "grunnlag".into(), title: "Det grunnleggende".into() }));
        assert!(before.contains("Modul 1: Grunnlag\n") && after.contains("Modul 1: Det grunnleggende\n"));
        assert!(before.contains("    [riktig] Rett\n"), "{before}");
        assert!(before.contains("    2. Så\n"), "ordering options show their place");
    }
}
