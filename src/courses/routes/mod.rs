//! Course pages: the catalogue, a course, its lessons and quizzes, attempts, "Mine kurs"
//! and certificates. Handlers read the request, ask `service`, and fill a view-model.
//! One file per page group; they share the helpers here and each other's view-models
//! through this module.
mod catalogue;
mod course;
mod steps;
mod attempts;
mod mine;
mod certificates;
mod statistics;

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
use crate::web::forms::{Choice, see_other, unprocessable};
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
pub(super) fn learner<'v>(visitor: &'v Visitor, next: &str) -> Result<&'v User, AppError> {
    match &visitor.user {
        Some(_) => visitor.may(Action::TakeCourses),
        None => Err(AppError::SignInRequired { next: next.to_owned() }),
    }
}

pub(super) fn course_url(area: &str, slug: &str) -> String {
    format!("/kurs/{area}/{slug}")
}

pub(super) fn duration_label(minutes: u32) -> String {
    match minutes {
        0..=59 => format!("{minutes} min"),
        _ if minutes.is_multiple_of(60) => format!("{} t", minutes / 60),
        _ => format!("{} t {} min", minutes / 60, minutes % 60),
    }
}

use catalogue::*;
use course::*;
use steps::*;
use attempts::*;
use mine::*;
use certificates::*;
use statistics::*;

