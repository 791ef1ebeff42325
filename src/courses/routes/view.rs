//! What the course pages show: one view-model per page and its rows, filled by the
//! handlers beside it and rendered by `templates/courses/`.
use super::*;

// Page group: catalogue (catalogue.rs)
#[derive(Serialize)]
pub(super) struct CourseCard {
    pub(super) url: String,
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) duration: String,
    pub(super) publisher: String,
    pub(super) themes: Vec<String>,
    pub(super) audience: Vec<String>,
    pub(super) has_exam: bool,
    /// For a signed-in learner: "Påbegynt" or "Fullført".
    pub(super) learner_status: Option<&'static str>,
}

#[derive(Serialize)]
pub(super) struct CataloguePage {
    pub(super) courses: Vec<CourseCard>,
    pub(super) themes: Vec<Choice>,
    pub(super) areas: Vec<Choice>,
    pub(super) audiences: Vec<Choice>,
    pub(super) durations: Vec<Choice>,
    pub(super) filtered: bool,
}

// Page group: course (course.rs)
#[derive(Serialize)]
pub(super) struct CourseHeader {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) lang: String,
}

#[derive(Serialize)]
pub(super) struct ProgressView {
    pub(super) done: usize,
    pub(super) total: usize,
    pub(super) percent: usize,
    pub(super) resume_url: Option<String>,
    pub(super) completed: Option<String>,
    pub(super) certificate_url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct StepLink {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) kind: &'static str,
    pub(super) done: bool,
}

#[derive(Serialize)]
pub(super) struct ModuleView {
    pub(super) title: String,
    pub(super) steps: Vec<StepLink>,
}

#[derive(Serialize)]
pub(super) struct CoursePage {
    pub(super) course: CourseHeader,
    pub(super) summary: String,
    pub(super) intro_html: String,
    pub(super) publisher: String,
    pub(super) version: i32,
    pub(super) version_date: String,
    pub(super) newer_version: Option<i32>,
    pub(super) duration: String,
    pub(super) audience: Vec<String>,
    pub(super) outcomes: Vec<String>,
    pub(super) pass_mark: u8,
    pub(super) max_attempts: Option<u32>,
    pub(super) exam_questions: Option<usize>,
    pub(super) modules: Vec<ModuleView>,
    pub(super) exam: Option<StepLink>,
    pub(super) progress: Option<ProgressView>,
    pub(super) signed_in: bool,
    pub(super) start_url: String,
    pub(super) sign_in_url: String,
    pub(super) sign_up_url: String,
}

// Page group: steps (steps.rs)
#[derive(Serialize)]
pub(super) struct Neighbour {
    pub(super) title: String,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct LessonPage {
    pub(super) course: CourseHeader,
    pub(super) module_title: String,
    pub(super) title: String,
    pub(super) body_html: String,
    pub(super) position: usize,
    pub(super) step_count: usize,
    pub(super) previous: Option<Neighbour>,
    pub(super) next: Option<Neighbour>,
    pub(super) done: bool,
    pub(super) enrolled: bool,
    pub(super) complete_url: String,
    pub(super) progress: Option<ProgressView>,
    pub(super) start_url: String,
    pub(super) signed_in: bool,
}

#[derive(Serialize)]
pub(super) struct AttemptRow {
    pub(super) number: i32,
    pub(super) date: String,
    pub(super) score: String,
    pub(super) passed: bool,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct QuizPage {
    pub(super) course: CourseHeader,
    pub(super) module_title: Option<String>,
    pub(super) title: String,
    pub(super) exam: bool,
    pub(super) question_count: usize,
    pub(super) pass_mark: u8,
    pub(super) max_attempts: Option<u32>,
    pub(super) attempts_left: Option<u32>,
    pub(super) attempts: Vec<AttemptRow>,
    pub(super) passed: bool,
    pub(super) open_attempt_url: Option<String>,
    /// Why no new attempt can be started, when none can.
    pub(super) blocked: Option<String>,
    pub(super) enrolled: bool,
    pub(super) signed_in: bool,
    pub(super) start_attempt_url: String,
    pub(super) start_url: String,
    pub(super) previous: Option<Neighbour>,
    pub(super) next: Option<Neighbour>,
    pub(super) progress: Option<ProgressView>,
}

// Page group: attempts (attempts.rs)
#[derive(Serialize)]
pub(super) struct OptionView {
    /// The option's value in this attempt's form (choice questions).
    pub(super) value: String,
    /// The field of this element (ordering questions).
    pub(super) field: String,
    pub(super) text: String,
    pub(super) input_id: String,
    pub(super) chosen: bool,
    /// Ordering: the place the learner gave it.
    pub(super) place: Option<usize>,
    /// Only with the answers shown: whether this option is a right one (ordering: its right place).
    pub(super) right: Option<bool>,
    pub(super) right_place: Option<usize>,
    pub(super) explanation: String,
}

#[derive(Serialize)]
pub(super) struct QuestionView {
    pub(super) number: usize,
    pub(super) text: String,
    pub(super) kind: &'static str,
    pub(super) hint: String,
    pub(super) field: String,
    pub(super) options: Vec<OptionView>,
    pub(super) places: Vec<usize>,
    /// Only after submitting.
    pub(super) answered_right: Option<bool>,
    pub(super) explanation: String,
    pub(super) error: Option<String>,
}

#[derive(Serialize)]
pub(super) struct ResultView {
    pub(super) correct: usize,
    pub(super) total: usize,
    pub(super) percent: usize,
    pub(super) passed: bool,
    /// Right answers and explanations are shown (see `service::reveals_answers`).
    pub(super) answers_shown: bool,
}

#[derive(Serialize)]
pub(super) struct AttemptPage {
    pub(super) course: CourseHeader,
    pub(super) quiz_title: String,
    pub(super) quiz_url: String,
    pub(super) exam: bool,
    pub(super) number: i32,
    pub(super) pass_mark: u8,
    pub(super) action_url: String,
    pub(super) questions: Vec<QuestionView>,
    pub(super) result: Option<ResultView>,
    pub(super) error: Option<String>,
    pub(super) certificate_url: Option<String>,
    pub(super) next_url: Option<String>,
    pub(super) progress: Option<ProgressView>,
}

// Page group: mine (mine.rs)
#[derive(Serialize)]
pub(super) struct MyCourse {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) progress: ProgressView,
    pub(super) version: i32,
}

#[derive(Serialize)]
pub(super) struct MyCertificate {
    pub(super) code: String,
    pub(super) url: String,
    pub(super) course_title: String,
    pub(super) issued: String,
    pub(super) revoked: bool,
}

#[derive(Serialize)]
pub(super) struct MyPage {
    pub(super) in_progress: Vec<MyCourse>,
    pub(super) completed: Vec<MyCourse>,
    pub(super) certificates: Vec<MyCertificate>,
    pub(super) email: String,
    /// The address is not verified yet: the page reminds the learner.
    pub(super) unverified: bool,
}

// Page group: certificates (certificates.rs)
#[derive(Serialize)]
pub(super) struct FindPage {
    pub(super) typed: String,
    pub(super) not_found: bool,
}

#[derive(Serialize)]
pub(super) struct CertificatePage {
    pub(super) code: String,
    pub(super) learner_name: String,
    pub(super) course_title: String,
    pub(super) course_url: Option<String>,
    pub(super) version: i32,
    pub(super) issued: String,
    pub(super) issuer: String,
    pub(super) revoked: Option<String>,
    pub(super) revoked_reason: String,
    pub(super) pdf_url: String,
    pub(super) verify_url: String,
    pub(super) can_revoke: bool,
    pub(super) revoke_url: String,
}

// Page group: statistics (statistics.rs)
#[derive(Serialize)]
pub(super) struct QuestionRow {
    pub(super) quiz_title: String,
    pub(super) number: usize,
    pub(super) text: String,
    pub(super) answered: i64,
    pub(super) wrong: i64,
    pub(super) wrong_percent: Option<i64>,
    pub(super) flagged: bool,
}

#[derive(Serialize)]
pub(super) struct StatisticsPage {
    pub(super) id: ItemId,
    pub(super) title: String,
    pub(super) version: i32,
    pub(super) versions: Vec<i32>,
    pub(super) started: usize,
    pub(super) completed: usize,
    pub(super) pass_rate: Option<i64>,
    pub(super) median: Option<String>,
    pub(super) questions: Vec<QuestionRow>,
    pub(super) flagged: usize,
    pub(super) flag_percent: i64,
}
