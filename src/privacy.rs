//! A learner's personal data (GDPR): everything kept about them as one JSON download,
//! and deleting the account. Certificates already issued stay verifiable with the name
//! and course printed on them; progress and answers stay only as anonymous numbers.
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use sea_orm::{DatabaseConnection, DbErr};
use serde::{Deserialize, Serialize};

use crate::web::routes::Routes;
use crate::web::access::SignedIn;
use crate::web::session::{SESSION_COOKIE, Visitor};
use crate::accounts::{Role, User, password, repo as accounts_repo};
use crate::state::AppState;
use crate::audit::{self, Actor};
use crate::courses::{grading, repo as courses_repo, service as courses};
use crate::error::AppError;
use crate::web::{Chrome, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/min-side/data.json", export);
    routes.post("/min-side/slett", delete);
}

#[derive(Serialize)]
pub struct Export {
    pub account: AccountData,
    pub courses: Vec<CourseData>,
    pub certificates: Vec<CertificateData>,
}

#[derive(Serialize)]
pub struct AccountData {
    pub name: String,
    pub email: String,
    pub role: Role,
    pub created_at: DateTime<FixedOffset>,
}

#[derive(Serialize)]
pub struct CourseData {
    pub course: String,
    pub version: i32,
    pub started_at: DateTime<FixedOffset>,
    pub last_seen_at: DateTime<FixedOffset>,
    pub completed_at: Option<DateTime<FixedOffset>>,
    pub lessons_read: Vec<String>,
    pub attempts: Vec<AttemptData>,
}

#[derive(Serialize)]
pub struct AttemptData {
    pub quiz: String,
    pub number: i32,
    pub started_at: DateTime<FixedOffset>,
    pub submitted_at: Option<DateTime<FixedOffset>>,
    pub correct: Option<i32>,
    pub total: i32,
    pub passed: Option<bool>,
    /// Question key → the options chosen (or their order).
    pub answers: Option<grading::Answers>,
}

#[derive(Serialize)]
pub struct CertificateData {
    pub code: String,
    pub course: String,
    pub version: i32,
    pub issued_at: DateTime<FixedOffset>,
    pub revoked_at: Option<DateTime<FixedOffset>>,
}

pub async fn export_of(db: &DatabaseConnection, user: &User) -> Result<Export, DbErr> {
    let model = accounts_repo::by_id(db, user.id).await?.ok_or_else(|| DbErr::RecordNotFound("user".into()))?;
    let mut courses_data = Vec::new();
    for progress in courses::learner_progress(db, user.id).await? {
        let definition = progress.definition();
        let lesson_title = |key: &str| definition.step(key).map_or(key.to_owned(), |(_, step)| step.title().to_owned());
        courses_data.push(CourseData {
            course: progress.version.course.title.clone(),
            version: progress.version.number,
            started_at: progress.enrolment.started_at,
            last_seen_at: progress.enrolment.last_seen_at,
            completed_at: progress.enrolment.completed_at,
            lessons_read: progress.lessons_done.iter().map(|key| lesson_title(key)).collect(),
            attempts: progress
                .attempts
                .iter()
                .map(|a| AttemptData {
                    quiz: lesson_title(&a.quiz_key),
                    number: a.number,
                    started_at: a.started_at,
                    submitted_at: a.submission().map(|s| s.at),
                    correct: a.submission().map(|s| s.correct),
                    total: a.total,
                    passed: a.submission().map(|s| s.passed),
                    answers: a.submission().and_then(|s| s.answers_json.as_deref()).and_then(|json| serde_json::from_str(json).ok()),
                })
                .collect(),
        });
    }
    let certificates = courses_repo::certificates_of(db, user.id)
        .await?
        .into_iter()
        .map(|c| CertificateData {
            code: c.code,
            course: c.course_title,
            version: c.course_version,
            issued_at: c.issued_at,
            revoked_at: c.revoked_at,
        })
        .collect();
    Ok(Export {
        account: AccountData { name: model.name, email: model.email, role: model.role, created_at: model.created_at },
        courses: courses_data,
        certificates,
    })
}

async fn export(visitor: SignedIn, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let export = export_of(&state.db, &visitor.user).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"fagbro-mine-data.json\""))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(export))
}

#[derive(Debug, thiserror::Error)]
pub enum DeleteError {
    #[error("Passordet stemmer ikke. Kontoen er ikke slettet.")]
    WrongPassword,
    #[error("Du er den siste administratoren. Gi en annen bruker rollen Administrator før du sletter kontoen.")]
    LastAdmin,
    #[error("database")]
    Database(#[from] DbErr),
}

/// Deletes the account after checking the password. Enrolments and attempts lose
/// their owner (statistics keep the numbers); certificates lose the link to the
/// account but keep the name printed on them, so an employer can still verify them.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub async fn delete_account(db: &DatabaseConnection, user: &User, typed_password: &str, actor: &Actor) -> Result<(), DeleteError> {
    let model = accounts_repo::by_id(db, user.id).await?.ok_or(DeleteError::WrongPassword)?;
    if !password::verify_off_thread(typed_password, &model.password_hash).await {
        return Err(DeleteError::WrongPassword);
    }
    let txn = crate::db::begin_write(db).await?;
    if user.role == Role::Admin && accounts_repo::lock_active_admins(&txn).await? <= 1 {
        return Err(DeleteError::LastAdmin);
    }
    courses_repo::forget_learner(&txn, user.id).await?;
    accounts_repo::delete_user(&txn, user.id).await?;
    audit::forget_address(&txn, user.id, &model.email).await?;
    // The log names the account by number only: the address itself is what was deleted.
    audit::record(&txn, actor, audit::Action::AccountDeleted, &format!("bruker {}", user.id), None, "").await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    password: String,
}

#[derive(Serialize)]
struct Deleted {}

async fn delete(visitor: SignedIn, state: web::Data<AppState>, form: web::Form<DeleteForm>) -> Result<HttpResponse, AppError> {
    let actor = Actor { id: None, name: "kontoeier".into(), from: visitor.from.clone() };
    match delete_account(&state.db, &visitor.user, &form.password, &actor).await {
        Ok(()) => {
            let mut response = render(&state.templates, "accounts/deleted.html", &Chrome::new("Kontoen er slettet", None), &Visitor { user: None, ..visitor.visitor.clone() }, &Deleted {})?;
            response.add_cookie(&state.cookie_keys.removal(SESSION_COOKIE)).map_err(|e| AppError::Internal(e.to_string()))?;
            Ok(response)
        }
        Err(error @ (DeleteError::WrongPassword | DeleteError::LastAdmin)) => Err(AppError::BadRequest(error.to_string())),
        Err(DeleteError::Database(error)) => Err(error.into()),
    }
}
