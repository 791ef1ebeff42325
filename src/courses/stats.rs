//! Statistics for a course's editors: how many started and completed, the exam's pass
//! rate, the median time to complete, and per question the share of wrong answers (a
//! question most learners miss is a badly written question or a gap in the lesson).
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult};

use super::versions::CourseVersion;
use super::{Step, repo};

/// A question is flagged when at least this share of its answers are wrong.
pub const FLAG_WRONG_SHARE: f64 = 0.5;

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionStats {
    pub quiz_title: String,
    pub number: usize,
    pub text: String,
    pub answered: i64,
    pub wrong: i64,
}

impl QuestionStats {
    pub fn wrong_share(&self) -> Option<f64> {
        (self.answered > 0).then(|| self.wrong as f64 / self.answered as f64)
    }

    pub fn flagged(&self) -> bool {
        self.wrong_share().is_some_and(|share| share >= FLAG_WRONG_SHARE)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CourseStats {
    pub started: usize,
    pub completed: usize,
    /// Of the learners who submitted the exam (or, without an exam, who started), the
    /// share who passed (completed).
    pub pass_rate: Option<f64>,
    pub median_minutes: Option<i64>,
    pub questions: Vec<QuestionStats>,
}

#[derive(Debug, FromQueryResult)]
struct AnswerCount {
    quiz_key: String,
    question_key: String,
    answered: i64,
    wrong: i64,
}

/// The numbers of one version of a course (its questions are that version's).
pub async fn of_version(db: &impl ConnectionTrait, version: &CourseVersion) -> Result<CourseStats, DbErr> {
    let enrolments: Vec<_> =
        repo::enrolments_of_course(db, version.item_id).await?.into_iter().filter(|e| e.course_version_id == version.id).collect();
    let mut minutes: Vec<i64> =
        enrolments.iter().filter_map(|e| e.completed_at.map(|done| (done - e.started_at).num_minutes())).collect();
    minutes.sort_unstable();
    let median_minutes = match minutes.len() {
        0 => None,
        n if n % 2 == 1 => Some(minutes[n / 2]),
        n => Some((minutes[n / 2 - 1] + minutes[n / 2]) / 2),
    };
    let completed = enrolments.iter().filter(|e| e.completed_at.is_some()).count();
    let counts = answer_counts(db, version).await?;
    let definition = version.definition();
    let pass_rate = match &definition.exam {
        Some(exam) => {
            let took: Vec<_> = enrolments.iter().map(|e| e.id).collect();
            let attempts = exam_outcomes(db, &took, &exam.key).await?;
            let sat = attempts.len();
            let passed = attempts.values().filter(|passed| **passed).count();
            (sat > 0).then(|| passed as f64 / sat as f64)
        }
        None => (!enrolments.is_empty()).then(|| completed as f64 / enrolments.len() as f64),
    };
    let by_key: HashMap<(String, String), &AnswerCount> = counts.iter().map(|c| ((c.quiz_key.clone(), c.question_key.clone()), c)).collect();
    let mut questions = Vec::new();
    for step in definition.steps() {
        let Step::Quiz { quiz, .. } = step else { continue };
        for (index, question) in quiz.questions.iter().enumerate() {
            let count = by_key.get(&(quiz.key.clone(), question.key.clone()));
            questions.push(QuestionStats {
                quiz_title: quiz.title.clone(),
                number: index + 1,
                text: question.text.clone(),
                answered: count.map_or(0, |c| c.answered),
                wrong: count.map_or(0, |c| c.wrong),
            });
        }
    }
    Ok(CourseStats { started: enrolments.len(), completed, pass_rate, median_minutes, questions })
}

/// Answers and wrong answers per question of the version, counted by the database.
async fn answer_counts(db: &impl ConnectionTrait, version: &CourseVersion) -> Result<Vec<AnswerCount>, DbErr> {
    let (answers, attempts, enrolments) = (Alias::new("quiz_answers"), Alias::new("quiz_attempts"), Alias::new("enrolments"));
    let column = |table: &Alias, name: &str| Expr::col((table.clone(), Alias::new(name)));
    let query = Query::select()
        .expr_as(column(&attempts, "quiz_key"), Alias::new("quiz_key"))
        .expr_as(column(&answers, "question_key"), Alias::new("question_key"))
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("answered"))
        .expr_as(Expr::cust("SUM(CASE WHEN quiz_answers.correct THEN 0 ELSE 1 END)"), Alias::new("wrong"))
        .from(answers.clone())
        .inner_join(attempts.clone(), column(&answers, "attempt_id").equals((attempts.clone(), Alias::new("id"))))
        .inner_join(enrolments.clone(), column(&attempts, "enrolment_id").equals((enrolments.clone(), Alias::new("id"))))
        .and_where(column(&enrolments, "course_version_id").eq(version.id))
        .group_by_col((attempts.clone(), Alias::new("quiz_key")))
        .group_by_col((answers.clone(), Alias::new("question_key")))
        .to_owned();
    AnswerCount::find_by_statement(db.get_database_backend().build(&query)).all(db).await
}

/// For each enrolment that submitted the exam: whether it passed.
async fn exam_outcomes(db: &impl ConnectionTrait, enrolment_ids: &[i32], exam_key: &str) -> Result<HashMap<i32, bool>, DbErr> {
    let mut outcomes: HashMap<i32, bool> = HashMap::new();
    for chunk in enrolment_ids.chunks(500) {
        for attempt in repo::attempts_of_enrolments(db, chunk).await? {
            if attempt.quiz_key == exam_key && !attempt.is_open() {
                *outcomes.entry(attempt.enrolment_id).or_default() |= attempt.passed();
            }
        }
    }
    Ok(outcomes)
}
