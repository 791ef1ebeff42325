//! The learner's side of a course: enrolling, reading lessons, taking quizzes and the
//! exam, and the certificate when everything is passed. No HTTP here.
use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Set};

use super::grading::{self, AnswerError, Answers, Graded};
use super::versions::{self, CourseVersion};
use super::{CourseDefinition, Step, certificate as codes, repo};
use crate::entities::ids::{AttemptId, ItemId, UserId};
use crate::accounts::User;
use crate::areas;
use crate::content::repo as content_repo;
use crate::audit::{self, Actor};
use super::attempt::Attempt;
use crate::entities::{certificate, enrolment};

#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    #[error("Kurset er ikke publisert.")]
    NotPublished,
    #[error("Du har ikke startet dette kurset. Trykk «Start kurset» først.")]
    NotEnrolled,
    #[error("Kurset har ingen leksjon eller quiz med dette navnet.")]
    NoSuchStep,
    #[error("Dette forsøket finnes ikke.")]
    NoSuchAttempt,
    #[error("Dette forsøket er ikke ditt.")]
    NotYourAttempt,
    #[error("Svarene på dette forsøket er allerede levert. Se resultatet, eller start et nytt forsøk.")]
    AlreadySubmitted,
    #[error("Du har brukt alle {max} forsøkene.")]
    NoAttemptsLeft { max: u32 },
    #[error("Du har bestått eksamen.")]
    AlreadyPassed,
    #[error("Kursbeviset er allerede trukket tilbake.")]
    AlreadyRevoked,
    #[error("{0}")]
    Answers(#[from] AnswerError),
    #[error("database")]
    Database(#[from] DbErr),
}

/// A learner's place in a course, read against the version they started.
#[derive(Clone, Debug)]
pub struct Progress {
    pub enrolment: enrolment::Model,
    pub version: CourseVersion,
    pub lessons_done: BTreeSet<String>,
    pub attempts: Vec<Attempt>,
    pub certificate: Option<certificate::Model>,
}

impl Progress {
    pub fn definition(&self) -> &CourseDefinition {
        self.version.definition()
    }

    pub fn attempts_at<'a>(&'a self, quiz_key: &str) -> impl Iterator<Item = &'a Attempt> + 'a {
        let quiz_key = quiz_key.to_owned();
        self.attempts.iter().filter(move |a| a.quiz_key == quiz_key)
    }

    pub fn submitted_attempts(&self, quiz_key: &str) -> usize {
        self.attempts_at(quiz_key).filter(|a| !a.is_open()).count()
    }

    pub fn open_attempt(&self, quiz_key: &str) -> Option<&Attempt> {
        self.attempts_at(quiz_key).find(|a| a.is_open())
    }

    pub fn passed(&self, quiz_key: &str) -> bool {
        self.attempts_at(quiz_key).any(Attempt::passed)
    }

    pub fn is_done(&self, step: &Step<'_>) -> bool {
        match step {
            Step::Lesson { lesson, .. } => self.lessons_done.contains(&lesson.key),
            Step::Quiz { quiz, .. } => self.passed(&quiz.key),
        }
    }

    pub fn steps_done(&self) -> usize {
        self.definition().steps().iter().filter(|step| self.is_done(step)).count()
    }

    pub fn all_done(&self) -> bool {
        self.definition().steps().iter().all(|step| self.is_done(step))
    }

    /// Where "Fortsett" goes: the first step not done yet, or the last one seen.
    pub fn resume_step(&self) -> Option<String> {
        let steps = self.definition().steps();
        steps
            .iter()
            .find(|step| !self.is_done(step))
            .or_else(|| steps.iter().find(|step| Some(step.key()) == self.enrolment.last_step.as_deref()))
            .or(steps.first())
            .map(|step| step.key().to_owned())
    }

    /// Why no new attempt at this quiz may start: the exam is passed (it is not taken
    /// again), or its attempts are used up. Module quizzes may always be retaken.
    pub fn no_new_attempt(&self, quiz_key: &str) -> Option<CourseError> {
        let (_, exam) = self.definition().quiz(quiz_key)?;
        if exam && self.passed(quiz_key) {
            return Some(CourseError::AlreadyPassed);
        }
        match (self.attempts_left(quiz_key), self.definition().max_attempts) {
            (Some(0), Some(max)) => Some(CourseError::NoAttemptsLeft { max }),
            _ => None,
        }
    }

    /// How many exam attempts are left; `None` is no limit.
    pub fn attempts_left(&self, quiz_key: &str) -> Option<u32> {
        let (_, exam) = self.definition().quiz(quiz_key)?;
        let max = self.definition().max_attempts.filter(|_| exam)?;
        Some(max.saturating_sub(self.submitted_attempts(quiz_key) as u32))
    }
}

pub async fn progress(db: &impl ConnectionTrait, user_id: UserId, item_id: ItemId) -> Result<Option<Progress>, DbErr> {
    match repo::enrolment(db, user_id, item_id).await? {
        Some(enrolment) => progress_of(db, enrolment).await.map(Some),
        None => Ok(None),
    }
}

async fn progress_of(db: &impl ConnectionTrait, enrolment: enrolment::Model) -> Result<Progress, DbErr> {
    let version = versions::by_id(db, enrolment.course_version_id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("course version {}", enrolment.course_version_id)))?;
    Ok(Progress {
        lessons_done: repo::lessons_done(db, enrolment.id).await?,
        attempts: repo::attempts(db, enrolment.id).await?,
        certificate: repo::certificate_of_enrolment(db, enrolment.id).await?,
        version,
        enrolment,
    })
}

/// Enrols the learner in the course's latest version, or returns where they are.
#[tracing::instrument(skip(db, learner), fields(learner = %learner.id))]
pub async fn start(db: &DatabaseConnection, learner: &User, item_id: ItemId) -> Result<Progress, CourseError> {
    if let Some(progress) = progress(db, learner.id, item_id).await? {
        return Ok(progress);
    }
    let version = versions::latest(db, item_id).await?.ok_or(CourseError::NotPublished)?;
    let enrolment = repo::enrol(db, learner.id, item_id, version.id, Utc::now().fixed_offset()).await?;
    Ok(progress_of(db, enrolment).await?)
}

async fn enrolled(db: &impl ConnectionTrait, learner: &User, item_id: ItemId) -> Result<Progress, CourseError> {
    progress(db, learner.id, item_id).await?.ok_or(CourseError::NotEnrolled)
}

/// Notes where the learner is, for "Fortsett".
pub async fn visit(db: &DatabaseConnection, progress: &Progress, step_key: &str) -> Result<(), DbErr> {
    repo::touch(db, progress.enrolment.id, step_key, Utc::now().fixed_offset()).await
}

/// Marks a lesson read; the course may be complete with it.
#[tracing::instrument(skip(db, learner), fields(learner = %learner.id))]
pub async fn complete_lesson(
    db: &DatabaseConnection,
    learner: &User,
    item_id: ItemId,
    lesson_key: &str,
) -> Result<Progress, CourseError> {
    let progress = enrolled(db, learner, item_id).await?;
    if !progress.definition().lesson_keys().contains(&lesson_key) {
        return Err(CourseError::NoSuchStep);
    }
    let now = Utc::now().fixed_offset();
    let txn = crate::db::begin_write(db).await?;
    repo::mark_lesson_done(&txn, progress.enrolment.id, lesson_key, now).await?;
    repo::touch(&txn, progress.enrolment.id, lesson_key, now).await?;
    let progress = progress_of(&txn, progress.enrolment).await?;
    finish_if_complete(&txn, &progress, learner).await?;
    txn.commit().await?;
    Ok(progress_of(db, progress.enrolment).await?)
}

/// Opens an attempt at a quiz, or returns the one already open. The exam has a limit
/// on attempts and is not taken again once passed; module quizzes may be retaken.
#[tracing::instrument(skip(db, learner), fields(learner = %learner.id))]
pub async fn start_attempt(
    db: &DatabaseConnection,
    learner: &User,
    item_id: ItemId,
    quiz_key: &str,
) -> Result<Attempt, CourseError> {
    let progress = enrolled(db, learner, item_id).await?;
    let (quiz, _) = progress.definition().quiz(quiz_key).ok_or(CourseError::NoSuchStep)?;
    if let Some(open) = progress.open_attempt(quiz_key) {
        return Ok(open.clone());
    }
    if let Some(why_not) = progress.no_new_attempt(quiz_key) {
        return Err(why_not);
    }
    let number = progress.attempts_at(quiz_key).map(|a| a.number).max().unwrap_or(0) + 1;
    let now = Utc::now().fixed_offset();
    // Another tab may open the same number at the same moment: then that one is used.
    let form_key = crate::tokens::random_token();
    repo::open_attempt(db, progress.enrolment.id, quiz_key, number, quiz.questions.len() as i32, form_key, now).await?;
    repo::touch(db, progress.enrolment.id, quiz_key, now).await?;
    let progress = progress_of(db, progress.enrolment).await?;
    progress.open_attempt(quiz_key).cloned().ok_or(CourseError::AlreadySubmitted)
}

/// The names and values of an attempt's form. Attempts opened before attempts had a key
/// of their own use the empty key.
pub fn attempt_form(attempt: &Attempt) -> grading::AttemptForm<'_> {
    grading::AttemptForm::new(&attempt.form_key)
}

/// Whether an attempt's result page shows the right answers and the explanations. A
/// module quiz does once submitted; the exam only once it is passed or no attempts
/// are left, so a failed attempt cannot be used to learn the answers for the next.
pub fn reveals_answers(progress: &Progress, attempt: &Attempt) -> bool {
    let Some((_, exam)) = progress.definition().quiz(&attempt.quiz_key) else { return false };
    !attempt.is_open() && (!exam || progress.passed(&attempt.quiz_key) || progress.attempts_left(&attempt.quiz_key) == Some(0))
}

/// The attempt and the learner's progress, if the attempt is this learner's.
pub async fn own_attempt(db: &DatabaseConnection, learner: &User, attempt_id: AttemptId) -> Result<(Attempt, Progress), CourseError> {
    let attempt = repo::attempt(db, attempt_id).await?.ok_or(CourseError::NoSuchAttempt)?;
    let enrolment = repo::enrolment_by_id(db, attempt.enrolment_id).await?.ok_or(CourseError::NoSuchAttempt)?;
    if enrolment.user_id != Some(learner.id) {
        return Err(CourseError::NotYourAttempt);
    }
    Ok((attempt, progress_of(db, enrolment).await?))
}

#[derive(Debug)]
pub struct Submitted {
    pub attempt: Attempt,
    pub graded: Graded,
    /// Issued by this submission.
    pub certificate: Option<certificate::Model>,
}

/// Grades and records an attempt. Nothing is written for answers no form could have
/// sent, for an attempt already submitted, or for another learner's attempt; of two
/// submissions of one attempt at once, one is recorded and the other refused.
#[tracing::instrument(skip(db, learner, fields), fields(learner = %learner.id))]
pub async fn submit(
    db: &DatabaseConnection,
    learner: &User,
    attempt_id: AttemptId,
    fields: &[(String, String)],
) -> Result<Submitted, CourseError> {
    let (attempt, progress) = own_attempt(db, learner, attempt_id).await?;
    if !attempt.is_open() {
        return Err(CourseError::AlreadySubmitted);
    }
    let definition = progress.definition();
    let (quiz, _) = definition.quiz(&attempt.quiz_key).ok_or(CourseError::NoSuchStep)?;
    let answers: Answers = grading::answers_from_form(quiz, attempt_form(&attempt), fields)?;
    let graded = grading::grade(quiz, &answers, definition.pass_mark);
    let answers_json = serde_json::to_string(&answers).map_err(|e| DbErr::Custom(e.to_string()))?;

    let now = Utc::now().fixed_offset();
    let txn = crate::db::begin_write(db).await?;
    let submission = repo::Submission {
        attempt_id,
        correct: graded.correct as i32,
        passed: graded.passed,
        answers_json,
        results: &graded.results,
    };
    if !repo::submit(&txn, submission, now).await? {
        return Err(CourseError::AlreadySubmitted);
    }
    repo::touch(&txn, progress.enrolment.id, &attempt.quiz_key, now).await?;
    let progress = progress_of(&txn, progress.enrolment).await?;
    let certificate = finish_if_complete(&txn, &progress, learner).await?;
    txn.commit().await?;
    let attempt = repo::attempt(db, attempt_id).await?.ok_or(CourseError::NoSuchAttempt)?;
    Ok(Submitted { attempt, graded, certificate })
}

/// Completes the enrolment and issues the certificate when every lesson is read and
/// every quiz passed. Only the request that completes it issues one.
async fn finish_if_complete(
    txn: &impl ConnectionTrait,
    progress: &Progress,
    learner: &User,
) -> Result<Option<certificate::Model>, DbErr> {
    if !progress.all_done() || progress.enrolment.completed_at.is_some() {
        return Ok(None);
    }
    // The course's area issues it, under the name the catalogue shows.
    let missing = |what: &str| DbErr::RecordNotFound(format!("{what} of enrolment {}", progress.enrolment.id));
    let item = content_repo::item_by_id(txn, progress.enrolment.content_item_id).await?.ok_or_else(|| missing("course"))?;
    let area = areas::repo::by_id(txn, item.area_id).await?.ok_or_else(|| missing("area"))?;
    let now = Utc::now().fixed_offset();
    if !repo::complete(txn, progress.enrolment.id, now).await? {
        return Ok(None);
    }
    let row = certificate::ActiveModel {
        code: Set(codes::new_code()),
        user_id: Set(Some(learner.id)),
        enrolment_id: Set(Some(progress.enrolment.id)),
        content_item_id: Set(progress.enrolment.content_item_id),
        learner_name: Set(learner.name.clone()),
        course_title: Set(progress.version.course.title.clone()),
        issuer: Set(super::publisher(&area)),
        course_version: Set(progress.version.number),
        issued_at: Set(now),
        ..Default::default()
    };
    let certificate = repo::insert_certificate(txn, row).await?;
    // By mail to a verified address, with the issue (else when the address is verified).
    if learner.email_verified {
        crate::outbox::enqueue(txn, super::certificate_mail::message(&certificate, &learner.email)).await?;
    }
    Ok(Some(certificate))
}

/// A learner's progress in every course they started (Mine kurs, the data export):
/// each table read once, however many courses.
pub async fn learner_progress(db: &impl ConnectionTrait, user_id: UserId) -> Result<Vec<Progress>, DbErr> {
    let enrolments = repo::enrolments_of(db, user_id).await?;
    let ids: Vec<i32> = enrolments.iter().map(|e| e.id).collect();
    let version_ids: Vec<i32> = enrolments.iter().map(|e| e.course_version_id).collect();
    // One enrolment per course, so each version is taken once.
    let mut versions: HashMap<i32, CourseVersion> = versions::by_ids(db, &version_ids).await?.into_iter().map(|v| (v.id, v)).collect();
    let mut lessons: HashMap<i32, BTreeSet<String>> = HashMap::new();
    for row in repo::lessons_done_in(db, &ids).await? {
        lessons.entry(row.enrolment_id).or_default().insert(row.lesson_key);
    }
    let mut attempts: HashMap<i32, Vec<Attempt>> = HashMap::new();
    for attempt in repo::attempts_of_enrolments(db, &ids).await? {
        attempts.entry(attempt.enrolment_id).or_default().push(attempt);
    }
    let mut certificates: HashMap<i32, certificate::Model> =
        repo::certificates_of_enrolments(db, &ids).await?.into_iter().filter_map(|c| Some((c.enrolment_id?, c))).collect();
    enrolments
        .into_iter()
        .map(|enrolment| {
            let version = versions
                .remove(&enrolment.course_version_id)
                .ok_or_else(|| DbErr::RecordNotFound(format!("course version {}", enrolment.course_version_id)))?;
            Ok(Progress {
                version,
                lessons_done: lessons.remove(&enrolment.id).unwrap_or_default(),
                attempts: attempts.remove(&enrolment.id).unwrap_or_default(),
                certificate: certificates.remove(&enrolment.id),
                enrolment,
            })
        })
        .collect()
}

/// Revokes a certificate: its page and PDF say so from now on. Audited.
#[tracing::instrument(skip_all, fields(certificate = %certificate.code))]
pub async fn revoke(db: &DatabaseConnection, by: &Actor, certificate: &certificate::Model, reason: &str) -> Result<(), CourseError> {
    let txn = crate::db::begin_write(db).await?;
    if !repo::revoke(&txn, &certificate.code, reason, Utc::now().fixed_offset()).await? {
        return Err(CourseError::AlreadyRevoked);
    }
    let target = format!("kursbevis {} ({}, {})", certificate.code, certificate.course_title, certificate.learner_name);
    audit::record(&txn, by, audit::Action::CertificateRevoked, &target, None, reason).await?;
    txn.commit().await?;
    Ok(())
}
