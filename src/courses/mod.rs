//! E-learning: courses of modules, lessons and quizzes, learners' progress and
//! attempts, graded on the server, and verifiable course certificates (kursbevis).
//!
//! A course is a content item of kind `course`: its title, summary, themes, area and
//! workflow are the item's, and its structure is a `CourseDefinition` kept beside it.
//! Every publication whose course differs from the last one freezes a numbered
//! version (`versions`); a learner is served the version they started.
pub mod attempt;
pub mod authoring;
pub mod catalogue;
pub mod certificate;
pub mod certificate_mail;
pub mod files;
pub mod grading;
pub mod outline;
pub mod pdf;
pub mod repo;
pub mod routes;
pub mod service;
pub mod stats;
pub mod versions;

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

/// What a course is made of, as its editors write it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseDefinition {
    /// About how long the course takes, for the catalogue.
    pub duration_minutes: u32,
    /// What the learner can do afterwards ("Etter kurset kan du ...").
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// The share of right answers, in percent, that passes a quiz or the exam.
    pub pass_mark: u8,
    /// How many times the exam may be taken; `None` is no limit.
    #[serde(default)]
    pub max_attempts: Option<u32>,
    pub modules: Vec<Module>,
    #[serde(default)]
    pub exam: Option<Quiz>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Module {
    pub key: String,
    pub title: String,
    pub lessons: Vec<Lesson>,
    /// A practice quiz at the end of the module: must be passed, any number of tries.
    #[serde(default)]
    pub quiz: Option<Quiz>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub key: String,
    pub title: String,
    pub body_markdown: String,
    /// Filled in when a version is frozen, so learners' pages need no rendering.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body_html: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quiz {
    pub key: String,
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One right option.
    Single,
    /// Several right options; the learner is told how many.
    Multiple,
    /// "Sant" or "Usant".
    TrueFalse,
    /// Put the options in the right order; they are listed in that order here.
    Ordering,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::TrueFalse => "true_false",
            QuestionKind::Ordering => "ordering",
        }
    }

    pub fn parse(s: &str) -> Option<QuestionKind> {
        [QuestionKind::Single, QuestionKind::Multiple, QuestionKind::TrueFalse, QuestionKind::Ordering]
            .into_iter()
            .find(|kind| kind.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            QuestionKind::Single => "Ett riktig svar",
            QuestionKind::Multiple => "Flere riktige svar",
            QuestionKind::TrueFalse => "Sant eller usant",
            QuestionKind::Ordering => "Sett i riktig rekkefølge",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub key: String,
    pub kind: QuestionKind,
    pub text: String,
    /// Why the right answer is right, shown after submitting.
    #[serde(default)]
    pub explanation: String,
    pub options: Vec<AnswerOption>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub key: String,
    pub text: String,
    /// Unused by ordering questions, whose options are listed in the right order.
    #[serde(default)]
    pub correct: bool,
    /// Why this option is right or wrong, shown after submitting.
    #[serde(default)]
    pub explanation: String,
}

impl Question {
    pub fn correct_count(&self) -> usize {
        self.options.iter().filter(|o| o.correct).count()
    }

    pub fn option(&self, key: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.key == key)
    }

    /// What makes this question unusable, if anything.
    pub fn problem(&self) -> Option<&'static str> {
        let right = self.correct_count();
        if self.text.trim().is_empty() {
            return Some("spørsmålet trenger en tekst");
        }
        if self.options.iter().any(|o| o.text.trim().is_empty()) {
            return Some("et svaralternativ er tomt");
        }
        match self.kind {
            QuestionKind::Single if self.options.len() < 2 => Some("trenger minst to svaralternativer"),
            QuestionKind::Single if right != 1 => Some("et spørsmål med ett riktig svar må ha nøyaktig ett riktig alternativ"),
            QuestionKind::Multiple if self.options.len() < 3 => Some("trenger minst tre svaralternativer"),
            QuestionKind::Multiple if right < 2 || right == self.options.len() => {
                Some("et spørsmål med flere riktige svar må ha minst to riktige og minst ett galt alternativ")
            }
            QuestionKind::TrueFalse if self.options.len() != 2 || right != 1 => Some("sant/usant har to alternativer, ett riktig"),
            QuestionKind::Ordering if self.options.len() < 2 => Some("rekkefølge trenger minst to elementer"),
            _ => None,
        }
    }

    /// The two options of a true/false question, keyed `true` and `false`.
    pub fn true_false_options(answer: bool) -> Vec<AnswerOption> {
        [("true", "Sant", answer), ("false", "Usant", !answer)]
            .into_iter()
            .map(|(key, text, correct)| AnswerOption { key: key.into(), text: text.into(), correct, explanation: String::new() })
            .collect()
    }
}

/// Who publishes an area's courses, as the catalogue and certificates name them.
pub fn publisher(area: &crate::entities::area::Model) -> String {
    if area.slug == crate::areas::CENTRAL { "Felles (sentral redaksjon)".to_owned() } else { area.name.clone() }
}

/// Option keys by position: a, b, c, ...
pub fn option_key(index: usize) -> String {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    match letters.get(index) {
        Some(letter) => (*letter as char).to_string(),
        None => format!("o{}", index + 1),
    }
}

/// One place a learner can be in a course: a lesson or a quiz (the exam is a quiz).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    Lesson { module: &'a Module, lesson: &'a Lesson },
    Quiz { module: Option<&'a Module>, quiz: &'a Quiz, exam: bool },
}

impl<'a> Step<'a> {
    pub fn key(&self) -> &'a str {
        match self {
            Step::Lesson { lesson, .. } => &lesson.key,
            Step::Quiz { quiz, .. } => &quiz.key,
        }
    }

    pub fn title(&self) -> &'a str {
        match self {
            Step::Lesson { lesson, .. } => &lesson.title,
            Step::Quiz { quiz, .. } => &quiz.title,
        }
    }
}

/// A problem with a course's structure, which stops it from being saved or imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionError {
    /// Where: "modul 2, spørsmål 3" and the like.
    pub place: String,
    pub message: String,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", self.place, self.message) }
    }
}

impl CourseDefinition {
    /// Every lesson and quiz in the order a learner meets them, the exam last.
    pub fn steps(&self) -> Vec<Step<'_>> {
        let mut steps = Vec::new();
        for module in &self.modules {
            for lesson in &module.lessons {
                steps.push(Step::Lesson { module, lesson });
            }
            if let Some(quiz) = &module.quiz {
                steps.push(Step::Quiz { module: Some(module), quiz, exam: false });
            }
        }
        if let Some(exam) = &self.exam {
            steps.push(Step::Quiz { module: None, quiz: exam, exam: true });
        }
        steps
    }

    pub fn step(&self, key: &str) -> Option<(usize, Step<'_>)> {
        self.steps().into_iter().enumerate().find(|(_, step)| step.key() == key)
    }

    pub fn quiz(&self, key: &str) -> Option<(&Quiz, bool)> {
        match self.step(key) {
            Some((_, Step::Quiz { quiz, exam, .. })) => Some((quiz, exam)),
            _ => None,
        }
    }

    pub fn lesson_keys(&self) -> Vec<&str> {
        self.modules.iter().flat_map(|m| m.lessons.iter().map(|l| l.key.as_str())).collect()
    }

    /// A stored course structure (`content_items.course_definition`).
    pub fn from_json(json: &str) -> Result<CourseDefinition, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[allow(clippy::expect_used, reason = "a course definition is strings, numbers and lists: serialising it cannot fail")]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a course definition is plain data")
    }

    /// Everything that makes a course unusable, in the order an editor reads it.
    pub fn problems(&self) -> Vec<DefinitionError> {
        let mut problems = Vec::new();
        let mut problem = |place: String, message: &str| problems.push(DefinitionError { place, message: message.to_owned() });
        if !(1..=100).contains(&self.pass_mark) {
            problem(String::new(), "bestått-grensen (pass_mark) må være fra 1 til 100 prosent");
        }
        if self.max_attempts == Some(0) {
            problem(String::new(), "antall forsøk (max_attempts) må være minst 1, eller stå tomt for ubegrenset");
        }
        if self.modules.is_empty() {
            problem(String::new(), "kurset trenger minst én modul");
        }
        let mut step_keys = BTreeSet::new();
        for (m, module) in self.modules.iter().enumerate() {
            let place = format!("modul {}", m + 1);
            if module.title.trim().is_empty() {
                problem(place.clone(), "modulen trenger en tittel");
            }
            if module.lessons.is_empty() {
                problem(place.clone(), "modulen trenger minst én leksjon");
            }
            for (l, lesson) in module.lessons.iter().enumerate() {
                let place = format!("{place}, leksjon {}", l + 1);
                if lesson.title.trim().is_empty() {
                    problem(place.clone(), "leksjonen trenger en tittel");
                }
                if lesson.body_markdown.trim().is_empty() {
                    problem(place.clone(), "leksjonen har ingen tekst ennå");
                }
                if !step_keys.insert(lesson.key.clone()) {
                    problem(place, &format!("navnet {:?} er brukt to ganger i kurset", lesson.key));
                }
            }
            if let Some(quiz) = &module.quiz {
                quiz_problems(quiz, &format!("{place}, quiz"), &mut step_keys, &mut problem);
            }
        }
        if let Some(exam) = &self.exam {
            quiz_problems(exam, "eksamen", &mut step_keys, &mut problem);
        }
        problems
    }
}

fn quiz_problems(quiz: &Quiz, place: &str, step_keys: &mut BTreeSet<String>, problem: &mut impl FnMut(String, &str)) {
    if !step_keys.insert(quiz.key.clone()) {
        problem(place.to_owned(), &format!("navnet {:?} er brukt to ganger i kurset", quiz.key));
    }
    if quiz.questions.is_empty() {
        problem(place.to_owned(), "trenger minst ett spørsmål");
    }
    let mut question_keys = BTreeSet::new();
    for (q, question) in quiz.questions.iter().enumerate() {
        let place = format!("{place}, spørsmål {}", q + 1);
        if !question_keys.insert(question.key.as_str()) {
            problem(place.clone(), &format!("nøkkelen {:?} er brukt to ganger", question.key));
        }
        if let Some(message) = question.problem() {
            problem(place, message);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn option(key: &str, text: &str, correct: bool) -> AnswerOption {
        AnswerOption { key: key.into(), text: text.into(), correct, explanation: format!("Om {text}") }
    }

    pub fn sample() -> CourseDefinition {
        let question = |key: &str, kind, options: Vec<AnswerOption>| Question {
            key: key.into(),
            kind,
            text: format!("Spørsmål {key}"),
            explanation: String::new(),
            options,
        };
        CourseDefinition {
            duration_minutes: 30,
            outcomes: vec!["Kjenne de seks R-ene".into()],
            pass_mark: 75,
            max_attempts: Some(2),
            modules: vec![Module {
                key: "grunnlag".into(),
                title: "Grunnlag".into(),
                lessons: vec![
                    Lesson { key: "01-ansvar".into(), title: "Ansvar".into(), body_markdown: "Tekst".into(), body_html: String::new() },
                    Lesson { key: "02-former".into(), title: "Former".into(), body_markdown: "Tekst".into(), body_html: String::new() },
                ],
                quiz: Some(Quiz {
                    key: "quiz-grunnlag".into(),
                    title: "Sjekk deg selv".into(),
                    questions: vec![question("q1", QuestionKind::TrueFalse, Question::true_false_options(true))],
                }),
            }],
            exam: Some(Quiz {
                key: "eksamen".into(),
                title: "Eksamen".into(),
                questions: vec![
                    question("q1", QuestionKind::Single, vec![option("a", "Rett", true), option("b", "Galt", false)]),
                    question(
                        "q2",
                        QuestionKind::Multiple,
                        vec![option("a", "En", true), option("b", "To", true), option("c", "Tre", false)],
                    ),
                    question("q3", QuestionKind::TrueFalse, Question::true_false_options(false)),
                    question(
                        "q4",
                        QuestionKind::Ordering,
                        vec![option("a", "Først", false), option("b", "Så", false), option("c", "Sist", false)],
                    ),
                ],
            }),
        }
    }

    #[test]
    fn a_learner_meets_lessons_then_the_module_quiz_then_the_exam() {
        let course = sample();
        let keys: Vec<&str> = course.steps().iter().map(Step::key).collect();
        assert_eq!(keys, ["01-ansvar", "02-former", "quiz-grunnlag", "eksamen"]);
        assert_eq!(course.quiz("eksamen").map(|(_, exam)| exam), Some(true));
        assert_eq!(course.quiz("01-ansvar"), None);
        assert!(course.problems().is_empty(), "{:?}", course.problems());
    }

    #[test]
    fn a_badly_built_course_is_explained_question_by_question() {
        let mut course = sample();
        course.pass_mark = 0;
        let exam = course.exam.as_mut().unwrap();
        exam.questions[0].options[1].correct = true;
        exam.questions[1].options[0].correct = false;
        exam.questions[2].options.pop();
        course.modules[0].lessons[1].key = "01-ansvar".into();
        let problems: Vec<String> = course.problems().iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "bestått-grensen (pass_mark) må være fra 1 til 100 prosent",
                "modul 1, leksjon 2: navnet \"01-ansvar\" er brukt to ganger i kurset",
                "eksamen, spørsmål 1: et spørsmål med ett riktig svar må ha nøyaktig ett riktig alternativ",
                "eksamen, spørsmål 2: et spørsmål med flere riktige svar må ha minst to riktige og minst ett galt alternativ",
                "eksamen, spørsmål 3: sant/usant har to alternativer, ett riktig",
            ]
        );
    }
}
