//! Course pages: the catalogue, a course, its lessons and quizzes, attempts, "Mine kurs"
//! and certificates. Handlers read the request, ask `service`, and fill a view-model.
//! One file per page group, sharing the helpers here; what the pages show (their
//! view-models) is in `view.rs`.
mod catalogue;
mod view;
mod course;
mod steps;
mod attempts;
mod mine;
mod certificates;
mod statistics;

use std::collections::{BTreeMap, HashMap};

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::grading::{self, AnswerError};
use super::service::{self, CourseError, Progress};
use super::versions::{self, CourseVersion};
use super::{CourseDefinition, QuestionKind, Quiz, Step, certificate as codes, publisher, repo};
use crate::web::routes::Routes;
use crate::web::access::{Admin, Anyone, Editor, SignedIn};
use crate::web::session::Visitor;
use crate::state::AppState;
use crate::areas;
use crate::authz::Action;
use crate::content::repo as content_repo;
use crate::content::{ContentKind, Lang};
use crate::entities::{area, certificate, content_item};
use crate::courses::attempt::Attempt;
use crate::entities::ids::{AreaId, AttemptId, ItemId};
use crate::error::AppError;
use crate::web::forms::{Choice, see_other};
use crate::web::{Chrome, form_again, format, render};

pub fn routes(routes: &mut Routes) {
    routes.page("/kurs", catalogue);
    routes.page("/kurs/forsok/{id}", show_attempt);
    routes.post("/kurs/forsok/{id}", submit_attempt);
    routes.page("/kurs/{area}/{slug}", show_course);
    routes.post("/kurs/{area}/{slug}/start", start_course);
    routes.page("/kurs/{area}/{slug}/{step}", show_step);
    routes.post("/kurs/{area}/{slug}/{step}/fullfort", complete_lesson);
    routes.post("/kurs/{area}/{slug}/{step}/forsok", start_attempt);
    routes.page("/kursbevis", find_certificate);
    routes.page("/kursbevis/{code}", show_certificate);
    routes.page("/kursbevis/{code}/pdf", certificate_pdf);
    routes.post("/kursbevis/{code}/trekk-tilbake", revoke_certificate);
    routes.page("/min-side", my_courses);
    routes.page("/redaksjon/kurs/{id}/statistikk", statistics);
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
use view::*;

