//! Course folders in `content/` (README: "Course files"):
//!
//! ```text
//! content/{area}/course/{slug}/course.toml      title, summary, themes, duration, pass mark,
//!                                              attempts, outcomes, modules in order
//! content/{area}/course/{slug}/01-intro.nb.md  a lesson: front matter with a title, Markdown
//! content/{area}/course/{slug}/quiz-1.toml     a quiz: [[question]] with [[question.option]]
//! ```
//! Problems are reported with file and line; a course with an error is not imported.
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{AnswerOption, CourseDefinition, Lesson, Module, Question, QuestionKind, Quiz, option_key};
use crate::content::problem::{Problem, Severity};
use crate::content::{Lang, Slug, Status, front_matter};

/// A course folder read and checked: the item's fields and the course's structure.
#[derive(Debug)]
pub struct CourseFolder {
    pub slug: Slug,
    pub title: String,
    pub summary: String,
    /// The course page's introduction, Markdown.
    pub description: String,
    pub themes: Vec<String>,
    pub themes_line: usize,
    pub audience: Vec<String>,
    pub tags: Vec<String>,
    pub lang: Lang,
    pub status: Option<Status>,
    pub definition: CourseDefinition,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseToml {
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    audience: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    status: Option<Status>,
    duration_minutes: u32,
    #[serde(default)]
    outcomes: Vec<String>,
    pass_mark: Spanned<u8>,
    #[serde(default)]
    max_attempts: Option<Spanned<u32>>,
    #[serde(default)]
    exam: Option<Spanned<String>>,
    #[serde(rename = "module")]
    modules: Vec<Spanned<ModuleToml>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModuleToml {
    title: String,
    lessons: Vec<String>,
    #[serde(default)]
    quiz: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizToml {
    title: String,
    #[serde(rename = "question")]
    questions: Vec<Spanned<QuestionToml>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionToml {
    #[serde(default)]
    key: Option<String>,
    kind: String,
    text: String,
    #[serde(default)]
    explanation: String,
    /// The right answer of a true/false question.
    #[serde(default)]
    answer: Option<bool>,
    #[serde(default, rename = "option")]
    options: Vec<OptionToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionToml {
    text: String,
    #[serde(default)]
    correct: bool,
    #[serde(default)]
    explanation: String,
}

/// Collects what is wrong, file by file, line by line.
struct Problems(Vec<Problem>);

impl Problems {
    fn error(&mut self, path: &Path, line: usize, message: impl Into<String>) {
        self.0.push(Problem { path: path.to_owned(), line: Some(line), message: message.into(), severity: Severity::Error });
    }

    fn warning(&mut self, path: &Path, line: usize, message: impl Into<String>) {
        self.0.push(Problem { path: path.to_owned(), line: Some(line), message: message.into(), severity: Severity::Warning });
    }

    fn has_errors(&self) -> bool {
        self.0.iter().any(|p| p.severity == Severity::Error)
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    1 + text[..offset.min(text.len())].matches('\n').count()
}

/// Reads a TOML file into `T`, or reports where it is wrong.
fn read_toml<T: serde::de::DeserializeOwned>(path: &Path, problems: &mut Problems) -> Option<(T, String)> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            problems.error(path, 1, format!("cannot be read: {error}"));
            return None;
        }
    };
    match toml::from_str(&text) {
        Ok(value) => Some((value, text)),
        Err(error) => {
            let line = error.span().map_or(1, |span| line_at(&text, span.start));
            problems.error(path, line, format!("not valid: {}", error.message().trim()));
            None
        }
    }
}

/// Reads `dir` (a course folder). Returns the course if it has no errors, and every
/// problem found (warnings too).
pub fn read_course_folder(dir: &Path) -> (Option<CourseFolder>, Vec<Problem>) {
    let mut problems = Problems(Vec::new());
    let course = read(dir, &mut problems);
    let course = course.filter(|_| !problems.has_errors());
    (course, problems.0)
}

fn read(dir: &Path, problems: &mut Problems) -> Option<CourseFolder> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let slug = match Slug::parse(&name) {
        Ok(slug) => slug,
        Err(error) => {
            problems.error(dir, 1, format!("course folder name: {error}"));
            return None;
        }
    };
    let course_path = dir.join("course.toml");
    if !course_path.is_file() {
        problems.error(dir, 1, "a course folder needs a course.toml (see the README: Course files)");
        return None;
    }
    let (course, text): (CourseToml, String) = read_toml(&course_path, problems)?;
    let lang = match Lang::parse(course.lang.as_deref().unwrap_or("nb")) {
        Ok(lang) => lang,
        Err(error) => {
            problems.error(&course_path, key_line(&text, "lang"), error.to_string());
            return None;
        }
    };
    if course.title.trim().is_empty() {
        problems.error(&course_path, key_line(&text, "title"), "title cannot be empty");
    }
    if !(1..=100).contains(course.pass_mark.get_ref()) {
        problems.error(&course_path, line_at(&text, course.pass_mark.span().start), "pass_mark is a percentage from 1 to 100");
    }
    if let Some(max) = &course.max_attempts
        && *max.get_ref() == 0
    {
        problems.error(&course_path, line_at(&text, max.span().start), "max_attempts must be at least 1 (leave it out for no limit)");
    }
    if course.modules.is_empty() {
        problems.error(&course_path, 1, "a course needs at least one [[module]] with lessons");
    }

    let mut used: Vec<PathBuf> = vec![course_path.clone()];
    let mut modules = Vec::new();
    for (index, module) in course.modules.iter().enumerate() {
        let line = line_at(&text, module.span().start);
        let module = module.get_ref();
        if module.lessons.is_empty() {
            problems.error(&course_path, line, format!("module {:?} needs at least one lesson", module.title));
        }
        let mut lessons = Vec::new();
        for lesson_name in &module.lessons {
            if let Some((lesson, path)) = read_lesson(dir, lesson_name, &lang, &course_path, line, problems) {
                used.push(path);
                lessons.push(lesson);
            }
        }
        let quiz = module.quiz.as_ref().and_then(|file| {
            let path = dir.join(file);
            used.push(path.clone());
            read_quiz(&path, &course_path, line, problems)
        });
        modules.push(Module { key: format!("modul-{}", index + 1), title: module.title.trim().to_owned(), lessons, quiz });
    }
    let exam = course.exam.as_ref().and_then(|file| {
        let path = dir.join(file.get_ref());
        used.push(path.clone());
        read_quiz(&path, &course_path, line_at(&text, file.span().start), problems)
    });
    warn_unused_files(dir, &used, &lang, problems);

    let definition = CourseDefinition {
        duration_minutes: course.duration_minutes,
        outcomes: course.outcomes.iter().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()).collect(),
        pass_mark: *course.pass_mark.get_ref(),
        max_attempts: course.max_attempts.as_ref().map(|m| *m.get_ref()),
        modules,
        exam,
    };
    if !problems.has_errors() {
        // What the file-by-file checks cannot see: names used twice across the course.
        for problem in definition.problems() {
            problems.error(&course_path, 1, problem.to_string());
        }
    }
    Some(CourseFolder {
        slug,
        title: course.title.trim().to_owned(),
        summary: course.summary.trim().to_owned(),
        description: course.description,
        themes: course.themes,
        themes_line: key_line(&text, "themes"),
        audience: course.audience,
        tags: course.tags,
        lang,
        status: course.status,
        definition,
    })
}

/// The line where `key = ...` is set at the top of a TOML file, or 1.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| line.split_once('=').is_some_and(|(k, _)| k.trim() == key))
        .map_or(1, |index| index + 1)
}

/// A lesson named `01-intro` is the file `01-intro.{lang}.md` (or `01-intro.md` in bokmål).
fn read_lesson(
    dir: &Path,
    name: &str,
    lang: &Lang,
    course_path: &Path,
    line: usize,
    problems: &mut Problems,
) -> Option<(Lesson, PathBuf)> {
    if let Err(error) = Slug::parse(name) {
        problems.error(course_path, line, format!("lesson {name:?}: {error}"));
        return None;
    }
    let mut candidates = vec![dir.join(format!("{name}.{}.md", lang.as_str()))];
    if lang.as_str() == "nb" {
        candidates.push(dir.join(format!("{name}.md")));
    }
    let Some(path) = candidates.iter().find(|p| p.is_file()) else {
        problems.error(course_path, line, format!("lesson {name:?}: there is no file {}", candidates[0].display()));
        return None;
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            problems.error(path, 1, format!("cannot be read: {error}"));
            return None;
        }
    };
    let document = match front_matter::parse(&text) {
        Ok(document) => document,
        Err(problem) => {
            problems.error(path, problem.line, problem.message);
            return None;
        }
    };
    Some((
        Lesson { key: name.to_owned(), title: document.front.title.clone(), body_markdown: document.body, body_html: String::new() },
        path.clone(),
    ))
}

fn read_quiz(path: &Path, course_path: &Path, line: usize, problems: &mut Problems) -> Option<Quiz> {
    let key = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if path.extension().is_none_or(|e| e != "toml") || Slug::parse(&key).is_err() {
        problems.error(course_path, line, format!("{}: a quiz is a .toml file with a slug for a name, such as quiz-1.toml", path.display()));
        return None;
    }
    if !path.is_file() {
        problems.error(course_path, line, format!("there is no quiz file {}", path.display()));
        return None;
    }
    let (quiz, text): (QuizToml, String) = read_toml(path, problems)?;
    if quiz.questions.is_empty() {
        problems.error(path, 1, "a quiz needs at least one [[question]]");
    }
    let mut questions = Vec::new();
    for (index, spanned) in quiz.questions.into_iter().enumerate() {
        let line = line_at(&text, spanned.span().start);
        let raw = spanned.into_inner();
        let Some(kind) = QuestionKind::parse(&raw.kind) else {
            problems.error(path, line, format!("kind {:?}: expected single, multiple, true_false or ordering", raw.kind));
            continue;
        };
        let options = match (kind, raw.answer) {
            (QuestionKind::TrueFalse, Some(answer)) if raw.options.is_empty() => Question::true_false_options(answer),
            (QuestionKind::TrueFalse, _) => {
                problems.error(path, line, "a true_false question has answer = true or answer = false, and no options");
                continue;
            }
            (_, Some(_)) => {
                problems.error(path, line, "answer = ... is only for true_false questions; mark options with correct = true");
                continue;
            }
            _ => raw
                .options
                .into_iter()
                .enumerate()
                .map(|(i, o)| AnswerOption {
                    key: option_key(i),
                    text: o.text.trim().to_owned(),
                    correct: o.correct,
                    explanation: o.explanation.trim().to_owned(),
                })
                .collect(),
        };
        let key = raw.key.unwrap_or_else(|| format!("q{}", index + 1));
        if Slug::parse(&key).is_err() {
            problems.error(path, line, format!("question key {key:?} may only use a-z, 0-9 and hyphens"));
            continue;
        }
        let question = Question { key, kind, text: raw.text.trim().to_owned(), explanation: raw.explanation.trim().to_owned(), options };
        if let Some(message) = question.problem() {
            problems.error(path, line, message);
            continue;
        }
        questions.push(question);
    }
    Some(Quiz { key, title: quiz.title.trim().to_owned(), questions })
}

/// A lesson or quiz file that no module lists is probably a mistake in course.toml.
fn warn_unused_files(dir: &Path, used: &[PathBuf], lang: &Lang, problems: &mut Problems) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut unused: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md" || e == "toml"))
        .filter(|p| !used.contains(p))
        .collect();
    unused.sort();
    for path in unused {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let other_language = name.ends_with(".md") && !name.ends_with(&format!(".{}.md", lang.as_str()));
        let message = if other_language {
            "lessons in another language than the course's are not imported yet; skipped"
        } else {
            "not used: no module in course.toml lists it"
        };
        problems.warning(&path, 1, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("hjertesvikt");
        std::fs::create_dir(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        root
    }

    const COURSE: &str = r#"title = "Hjertesvikt"
summary = "Kort kurs"
themes = ["kols"]
duration_minutes = 20
pass_mark = 80
max_attempts = 3
exam = "eksamen.toml"

[[module]]
title = "Grunnlag"
lessons = ["01-hva-er-hjertesvikt"]
quiz = "quiz-1.toml"
"#;
    const LESSON: &str = "+++\ntitle = \"Hva er hjertesvikt?\"\n+++\nHjertet pumper for svakt.\n";
    const QUIZ: &str = r#"title = "Sjekk deg selv"

[[question]]
kind = "true_false"
text = "Hjertesvikt gir ofte tung pust."
answer = true
"#;
    const EXAM: &str = r#"title = "Eksamen"

[[question]]
kind = "single"
text = "Hva er et tidlig tegn?"
explanation = "Vektøkning over kort tid er væske."
[[question.option]]
text = "Vektøkning på 2 kg på tre dager"
correct = true
[[question.option]]
text = "Bedre matlyst"
explanation = "Nei."

[[question]]
kind = "ordering"
text = "Sett i rekkefølge"
[[question.option]]
text = "Vei pasienten"
[[question.option]]
text = "Noter vekten"
"#;

    fn read_dir(root: &tempfile::TempDir) -> (Option<CourseFolder>, Vec<String>) {
        let (course, problems) = read_course_folder(&root.path().join("hjertesvikt"));
        let root_text = root.path().display().to_string();
        (course, problems.iter().map(|p| p.to_string().replace(&root_text, "")).collect())
    }

    #[test]
    fn a_course_folder_becomes_modules_lessons_quizzes_and_an_exam() {
        let root = folder(&[("course.toml", COURSE), ("01-hva-er-hjertesvikt.nb.md", LESSON), ("quiz-1.toml", QUIZ), ("eksamen.toml", EXAM)]);
        let (course, problems) = read_dir(&root);
        assert_eq!(problems, Vec::<String>::new());
        let course = course.unwrap();
        assert_eq!((course.slug.as_str(), course.title.as_str(), course.lang.as_str()), ("hjertesvikt", "Hjertesvikt", "nb"));
        let definition = &course.definition;
        assert_eq!((definition.pass_mark, definition.max_attempts, definition.duration_minutes), (80, Some(3), 20));
        assert_eq!(definition.modules[0].lessons[0].title, "Hva er hjertesvikt?");
        assert_eq!(definition.modules[0].quiz.as_ref().unwrap().questions[0].options[0].key, "true");
        let exam = definition.exam.as_ref().unwrap();
        assert_eq!((exam.key.as_str(), exam.questions.len()), ("eksamen", 2));
        assert_eq!(exam.questions[0].options[1].explanation, "Nei.");
        assert_eq!(exam.questions[1].kind, QuestionKind::Ordering);
    }

    #[test]
    fn mistakes_are_reported_with_file_and_line() {
        let bad_exam = EXAM.replace("text = \"Bedre matlyst\"", "text = \"Bedre matlyst\"\ncorrect = true");
        let root = folder(&[
            ("course.toml", &COURSE.replace("\"01-hva-er-hjertesvikt\"", "\"01-hva-er-hjertesvikt\", \"02-mangler\"")),
            ("01-hva-er-hjertesvikt.nb.md", LESSON),
            ("quiz-1.toml", &QUIZ.replace("true_false", "yes_no")),
            ("eksamen.toml", &bad_exam),
            ("99-glemt.nb.md", LESSON),
        ]);
        let (course, problems) = read_dir(&root);
        assert!(course.is_none());
        assert_eq!(
            problems,
            [
                "/hjertesvikt/course.toml:9: lesson \"02-mangler\": there is no file /hjertesvikt/02-mangler.nb.md",
                "/hjertesvikt/quiz-1.toml:3: kind \"yes_no\": expected single, multiple, true_false or ordering",
                "/hjertesvikt/eksamen.toml:3: et spørsmål med ett riktig svar må ha nøyaktig ett riktig alternativ",
                "/hjertesvikt/99-glemt.nb.md:1: warning: not used: no module in course.toml lists it",
            ]
        );
    }

    #[test]
    fn a_broken_course_toml_names_its_line() {
        let root = folder(&[("course.toml", &COURSE.replace("pass_mark = 80", "pass_mark = \"80\""))]);
        let (course, problems) = read_dir(&root);
        assert!(course.is_none());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("/hjertesvikt/course.toml:5: not valid"), "{problems:?}");
    }
}
