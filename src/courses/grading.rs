//! Grading, on the server only: the browser gets questions and options, never which
//! are right, until the answers are in.
use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use super::{AnswerOption, Question, QuestionKind, Quiz};

/// A learner's answers by question key: the chosen option keys (sorted), or for an
/// ordering question the option keys in the order the learner put them.
pub type Answers = BTreeMap<String, Vec<String>>;

/// Answers that no form of this quiz could have sent. Nothing is recorded for them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("spørsmålet «{0}» finnes ikke i denne quizen")]
    UnknownQuestion(String),
    #[error("spørsmål {number}: svaret «{option}» hører ikke til dette spørsmålet")]
    ForeignOption { number: usize, option: String },
    #[error("spørsmål {number} har ett riktig svar: velg bare ett")]
    OneChoiceOnly { number: usize },
    #[error("spørsmål {number}: gi hvert element sin egen plass, fra 1 til {count}")]
    BadOrder { number: usize, count: usize },
}

impl AnswerError {
    /// The question the learner should look at again, when it is one of the quiz's.
    pub fn question_number(&self) -> Option<usize> {
        match self {
            AnswerError::UnknownQuestion(_) => None,
            AnswerError::ForeignOption { number, .. } | AnswerError::OneChoiceOnly { number } | AnswerError::BadOrder { number, .. } => {
                Some(*number)
            }
        }
    }
}

/// The form of one attempt. Option values are derived from the attempt's random key,
/// so neither the values nor their order tell which option is right (an ordering
/// question's elements are not named a, b, c in the right order); the server maps
/// them back to the course's option keys.
#[derive(Clone, Copy, Debug)]
pub struct AttemptForm<'k> {
    key: &'k str,
}

impl<'k> AttemptForm<'k> {
    pub fn new(key: &'k str) -> Self {
        AttemptForm { key }
    }

    /// The value that stands for `option` of `question` in this attempt's form.
    pub fn option_value(&self, question: &str, option: &str) -> String {
        let digest = Sha256::new()
            .chain_update(self.key.as_bytes())
            .chain_update([0])
            .chain_update(question.as_bytes())
            .chain_update([0])
            .chain_update(option.as_bytes())
            .finalize();
        digest[..6].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The option a form value stands for; `None` for a value this attempt never sent.
    pub fn option_of<'q>(&self, question: &'q Question, value: &str) -> Option<&'q AnswerOption> {
        question.options.iter().find(|o| self.option_value(&question.key, &o.key) == value)
    }

    /// The form field of a choice question: `q.{question}` with an option value.
    pub fn choice_field(&self, question: &str) -> String {
        format!("q.{question}")
    }

    /// The form field of one element of an ordering question: `o.{question}.{option value}`
    /// with its place (1, 2, ...) as value. Keys are slugs, so the dots cannot clash.
    pub fn place_field(&self, question: &str, option: &str) -> String {
        format!("o.{question}.{}", self.option_value(question, option))
    }
}

/// Reads a submitted quiz form. Fields other than answers (the form token) are ignored;
/// a question left unanswered is simply wrong.
pub fn answers_from_form(quiz: &Quiz, form: AttemptForm<'_>, fields: &[(String, String)]) -> Result<Answers, AnswerError> {
    let mut chosen: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut places: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for (name, value) in fields {
        if let Some(key) = name.strip_prefix("q.") {
            let (question, number) = find(quiz, key)?;
            let option = form.option_of(question, value).ok_or_else(|| AnswerError::ForeignOption { number, option: value.clone() })?;
            chosen.entry(&question.key).or_default().insert(option.key.clone());
        } else if let Some(rest) = name.strip_prefix("o.") {
            let (key, option) = rest.split_once('.').unwrap_or((rest, ""));
            let (question, number) = find(quiz, key)?;
            let option = form.option_of(question, option).ok_or_else(|| AnswerError::ForeignOption { number, option: option.to_owned() })?;
            places.entry(&question.key).or_default().push((option.key.clone(), value.trim().to_owned()));
        }
    }
    let mut answers = Answers::new();
    for (index, question) in quiz.questions.iter().enumerate() {
        let number = index + 1;
        if question.kind == QuestionKind::Ordering {
            if let Some(given) = places.remove(question.key.as_str()) {
                answers.insert(question.key.clone(), order_from_places(question, number, given)?);
            } else if chosen.contains_key(question.key.as_str()) {
                return Err(AnswerError::BadOrder { number, count: question.options.len() });
            }
            continue;
        }
        if places.contains_key(question.key.as_str()) {
            return Err(AnswerError::ForeignOption { number, option: "rekkefølge".into() });
        }
        let Some(options) = chosen.remove(question.key.as_str()) else { continue };
        if question.kind != QuestionKind::Multiple && options.len() > 1 {
            return Err(AnswerError::OneChoiceOnly { number });
        }
        answers.insert(question.key.clone(), options.into_iter().collect());
    }
    Ok(answers)
}

fn find<'q>(quiz: &'q Quiz, key: &str) -> Result<(&'q Question, usize), AnswerError> {
    quiz.questions
        .iter()
        .enumerate()
        .find(|(_, q)| q.key == key)
        .map(|(index, q)| (q, index + 1))
        .ok_or_else(|| AnswerError::UnknownQuestion(key.to_owned()))
}

/// Every element must have its own place from 1 to n; an element left at "velg" (an
/// empty value) makes the answer incomplete, which the learner is asked to fix.
fn order_from_places(question: &Question, number: usize, given: Vec<(String, String)>) -> Result<Vec<String>, AnswerError> {
    let count = question.options.len();
    let bad = || AnswerError::BadOrder { number, count };
    if given.iter().all(|(_, place)| place.is_empty()) {
        return Ok(Vec::new());
    }
    let mut order: Vec<Option<String>> = vec![None; count];
    for (option, place) in given {
        let place: usize = place.parse().map_err(|_| bad())?;
        let slot = order.get_mut(place.wrapping_sub(1)).ok_or_else(bad)?;
        if slot.is_some() {
            return Err(bad());
        }
        *slot = Some(option);
    }
    let order: Vec<String> = order.into_iter().collect::<Option<_>>().ok_or_else(bad)?;
    let distinct: BTreeSet<&String> = order.iter().collect();
    if distinct.len() != count {
        return Err(bad());
    }
    Ok(order)
}

/// Whether one answer is right: exactly the right options, or exactly the right order.
pub fn is_correct(question: &Question, answer: Option<&Vec<String>>) -> bool {
    let Some(answer) = answer else { return false };
    match question.kind {
        QuestionKind::Ordering => answer.iter().eq(question.options.iter().map(|o| &o.key)),
        QuestionKind::Single | QuestionKind::Multiple | QuestionKind::TrueFalse => {
            let chosen: BTreeSet<&str> = answer.iter().map(String::as_str).collect();
            let right: BTreeSet<&str> = question.options.iter().filter(|o| o.correct).map(|o| o.key.as_str()).collect();
            chosen == right
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graded {
    /// Question key and whether it was answered right, in the quiz's order.
    pub results: Vec<(String, bool)>,
    pub correct: usize,
    pub total: usize,
    pub passed: bool,
}

pub fn grade(quiz: &Quiz, answers: &Answers, pass_mark: u8) -> Graded {
    let results: Vec<(String, bool)> =
        quiz.questions.iter().map(|q| (q.key.clone(), is_correct(q, answers.get(&q.key)))).collect();
    let correct = results.iter().filter(|(_, right)| *right).count();
    let total = results.len();
    Graded { passed: passes(correct, total, pass_mark), results, correct, total }
}

pub fn passes(correct: usize, total: usize, pass_mark: u8) -> bool {
    total > 0 && correct * 100 >= usize::from(pass_mark) * total
}

/// The order an ordering question's elements are shown in: shuffled by a seed (the
/// attempt), the same on every reload, and never already right.
pub fn display_order(question: &Question, seed: u64) -> Vec<usize> {
    let count = question.options.len();
    let mut order: Vec<usize> = (0..count).collect();
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for i in (1..count).rev() {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = ((state >> 33) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if count > 1 && order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::courses::tests::sample;

    const KEY: &str = "attempt-key";

    /// A form as the browser sends it, written with the course's own option keys:
    /// `q.q1=a` becomes `q.q1={value of a}`, `o.q4.a=1` becomes `o.q4.{value of a}=1`.
    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let form = AttemptForm::new(KEY);
        pairs
            .iter()
            .map(|(name, value)| match (name.strip_prefix("q."), name.strip_prefix("o.").and_then(|r| r.split_once('.'))) {
                (Some(question), _) => (name.to_string(), form.option_value(question, value)),
                (_, Some((question, option))) => (form.place_field(question, option), value.to_string()),
                _ => (name.to_string(), value.to_string()),
            })
            .collect()
    }

    fn read(quiz: &Quiz, fields: &[(String, String)]) -> Result<Answers, AnswerError> {
        answers_from_form(quiz, AttemptForm::new(KEY), fields)
    }

    fn exam() -> Quiz {
        sample().exam.unwrap()
    }

    #[test]
    fn every_question_kind_is_graded_right_and_wrong() {
        let exam = exam();
        let all_right = form(&[
            ("csrf", "x"),
            ("q.q1", "a"),
            ("q.q2", "b"),
            ("q.q2", "a"),
            ("q.q3", "false"),
            ("o.q4.c", "3"),
            ("o.q4.a", "1"),
            ("o.q4.b", "2"),
        ]);
        let graded = grade(&exam, &read(&exam, &all_right).unwrap(), 75);
        assert_eq!((graded.correct, graded.total, graded.passed), (4, 4, true));

        let all_wrong = form(&[("q.q1", "b"), ("q.q2", "a"), ("q.q3", "true"), ("o.q4.a", "2"), ("o.q4.b", "1"), ("o.q4.c", "3")]);
        let graded = grade(&exam, &read(&exam, &all_wrong).unwrap(), 75);
        assert_eq!(graded.results.iter().map(|(_, right)| *right).collect::<Vec<_>>(), [false, false, false, false]);
        assert!(!graded.passed);
    }

    #[test]
    fn a_multiple_choice_question_needs_every_right_option_and_no_wrong_one() {
        let q2 = &exam().questions[1];
        assert!(is_correct(q2, Some(&vec!["a".into(), "b".into()])));
        assert!(!is_correct(q2, Some(&vec!["a".into()])));
        assert!(!is_correct(q2, Some(&vec!["a".into(), "b".into(), "c".into()])));
        assert!(!is_correct(q2, None));
    }

    #[test]
    fn the_pass_mark_is_a_share_of_right_answers() {
        let exam = exam();
        let three_of_four = form(&[("q.q1", "a"), ("q.q2", "a"), ("q.q2", "b"), ("q.q3", "false")]);
        let graded = grade(&exam, &read(&exam, &three_of_four).unwrap(), 75);
        assert_eq!((graded.correct, graded.passed), (3, true));
        assert!(!grade(&exam, &read(&exam, &three_of_four).unwrap(), 76).passed);
        assert!(!passes(0, 0, 1), "an empty quiz passes nobody");
    }

    #[test]
    fn answers_no_form_could_send_are_refused() {
        let exam = exam();
        let refused = |pairs: &[(&str, &str)]| read(&exam, &form(pairs)).unwrap_err();
        assert_eq!(refused(&[("q.q9", "a")]), AnswerError::UnknownQuestion("q9".into()));
        let foreign = |pairs: &[(&str, &str)]| read(&exam, &pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()).unwrap_err();
        assert_eq!(foreign(&[("q.q1", "z")]), AnswerError::ForeignOption { number: 1, option: "z".into() });
        assert_eq!(foreign(&[("q.q1", "a")]), AnswerError::ForeignOption { number: 1, option: "a".into() }, "the plain key is not a value");
        assert_eq!(refused(&[("q.q1", "a"), ("q.q1", "b")]), AnswerError::OneChoiceOnly { number: 1 });
        assert_eq!(foreign(&[("q.q3", "maybe")]), AnswerError::ForeignOption { number: 3, option: "maybe".into() });
        assert_eq!(refused(&[("o.q4.a", "1"), ("o.q4.b", "1"), ("o.q4.c", "3")]), AnswerError::BadOrder { number: 4, count: 3 });
        assert_eq!(refused(&[("o.q4.a", "1"), ("o.q4.b", "2")]), AnswerError::BadOrder { number: 4, count: 3 });
        assert_eq!(refused(&[("o.q4.a", "4"), ("o.q4.b", "2"), ("o.q4.c", "3")]), AnswerError::BadOrder { number: 4, count: 3 });
        assert_eq!(foreign(&[("o.q4.x", "1")]).question_number(), Some(4));
    }

    #[test]
    fn unanswered_questions_count_as_wrong() {
        let exam = exam();
        let answers = read(&exam, &form(&[("q.q1", "a"), ("o.q4.a", ""), ("o.q4.b", ""), ("o.q4.c", "")])).unwrap();
        assert_eq!(grade(&exam, &answers, 75).correct, 1);
    }

    #[test]
    fn ordering_questions_are_shown_shuffled_never_solved() {
        let q4 = &exam().questions[3];
        for seed in 0..50 {
            let order = display_order(q4, seed);
            assert_ne!(order, [0, 1, 2], "seed {seed}");
            assert_eq!(display_order(q4, seed), order, "the same attempt shows the same order");
        }
    }

    #[test]
    fn the_form_tells_nothing_about_the_right_answer() {
        let q4 = &exam().questions[3];
        let first = AttemptForm::new("one attempt");
        let second = AttemptForm::new("another attempt");
        let values: Vec<String> = q4.options.iter().map(|o| first.option_value(&q4.key, &o.key)).collect();
        assert!(values.iter().all(|v| v.len() == 12), "{values:?}");
        let mut sorted = values.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), values.len(), "one value per option");
        let again: Vec<String> = q4.options.iter().map(|o| second.option_value(&q4.key, &o.key)).collect();
        assert!(values.iter().zip(&again).all(|(a, b)| a != b), "each attempt has its own values");
        // A value of one attempt means nothing in another.
        let fields = vec![(first.choice_field("q1"), first.option_value("q1", "a"))];
        assert!(answers_from_form(&exam(), second, &fields).is_err());
        assert!(answers_from_form(&exam(), first, &fields).is_ok());
    }
}
