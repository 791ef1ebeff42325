//! A quiz attempt as the learner's side of a course reads it: open (the form is being
//! filled in) or submitted (graded, with its answers), never a mix. The table keeps the
//! submission in four nullable columns; a row where they disagree is a read error.
use sea_orm::DbErr;
use sea_orm::prelude::DateTimeWithTimeZone;

use crate::entities::ids::AttemptId;
use crate::entities::quiz_attempt;

#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    pub id: AttemptId,
    pub enrolment_id: i32,
    pub quiz_key: String,
    /// 1 for the first attempt at this quiz, then 2, ...
    pub number: i32,
    pub started_at: DateTimeWithTimeZone,
    /// How many questions the quiz had when the attempt was opened.
    pub total: i32,
    /// Random per attempt; the form's option values are derived from it. Attempts
    /// opened before attempts had a key use the empty key.
    pub form_key: String,
    pub state: AttemptState,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AttemptState {
    Open,
    Submitted(Submission),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub at: DateTimeWithTimeZone,
    pub correct: i32,
    pub passed: bool,
    /// The answers as sent (JSON of `grading::Answers`), for the result page and the export.
    pub answers_json: Option<String>,
}

impl Attempt {
    pub fn submission(&self) -> Option<&Submission> {
        match &self.state {
            AttemptState::Open => None,
            AttemptState::Submitted(submission) => Some(submission),
        }
    }

    pub fn is_open(&self) -> bool {
        self.state == AttemptState::Open
    }

    pub fn passed(&self) -> bool {
        self.submission().is_some_and(|s| s.passed)
    }
}

impl TryFrom<quiz_attempt::Model> for Attempt {
    type Error = DbErr;

    fn try_from(row: quiz_attempt::Model) -> Result<Attempt, DbErr> {
        let state = match (row.submitted_at, row.correct, row.passed) {
            (None, None, None) => AttemptState::Open,
            (Some(at), Some(correct), Some(passed)) => {
                AttemptState::Submitted(Submission { at, correct, passed, answers_json: row.answers })
            }
            _ => return Err(DbErr::Custom(format!("quiz attempt {}: submitted, result and pass mark disagree", row.id))),
        };
        Ok(Attempt {
            id: row.id,
            enrolment_id: row.enrolment_id,
            quiz_key: row.quiz_key,
            number: row.number,
            started_at: row.started_at,
            total: row.total,
            form_key: row.form_key.unwrap_or_default(),
            state,
        })
    }
}

/// Rows read from the table, as attempts.
pub fn from_rows(rows: Vec<quiz_attempt::Model>) -> Result<Vec<Attempt>, DbErr> {
    rows.into_iter().map(Attempt::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> quiz_attempt::Model {
        quiz_attempt::Model {
            id: AttemptId(3),
            enrolment_id: 1,
            quiz_key: "eksamen".into(),
            number: 1,
            started_at: chrono::Utc::now().fixed_offset(),
            submitted_at: None,
            correct: None,
            total: 4,
            passed: None,
            answers: None,
            form_key: Some("abc".into()),
        }
    }

    #[test]
    fn an_attempt_is_open_or_submitted_and_a_half_written_row_is_an_error() {
        assert!(Attempt::try_from(row()).unwrap().is_open());
        let submitted = quiz_attempt::Model { submitted_at: Some(chrono::Utc::now().fixed_offset()), correct: Some(4), passed: Some(true), ..row() };
        let attempt = Attempt::try_from(submitted).unwrap();
        assert!(attempt.passed() && attempt.submission().is_some_and(|s| s.correct == 4));
        let half = quiz_attempt::Model { submitted_at: Some(chrono::Utc::now().fixed_offset()), ..row() };
        assert!(Attempt::try_from(half).is_err());
    }
}
