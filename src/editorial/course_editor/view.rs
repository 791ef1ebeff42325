//! What the course editor's pages show: one view-model per page and its rows.
use super::*;

#[derive(Serialize)]
pub(super) struct CourseHeader {
    pub(super) id: ItemId,
    pub(super) title: String,
    pub(super) area: String,
    pub(super) status: Status,
    pub(super) status_label: &'static str,
    pub(super) public_url: Option<String>,
    /// A published course with edits that learners do not see yet.
    pub(super) pending: bool,
    /// The revision this page shows; every form sends it back.
    pub(super) revision: i32,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct LessonRow {
    pub(super) key: String,
    pub(super) title: String,
    pub(super) edit_url: String,
    pub(super) empty: bool,
}

#[derive(Serialize)]
pub(super) struct QuizRow {
    pub(super) key: String,
    pub(super) title: String,
    pub(super) questions: usize,
    pub(super) edit_url: String,
}

#[derive(Serialize)]
pub(super) struct ModuleRow {
    pub(super) key: String,
    pub(super) number: usize,
    pub(super) title: String,
    pub(super) lessons: Vec<LessonRow>,
    pub(super) quiz: Option<QuizRow>,
}

#[derive(Serialize)]
pub(super) struct OutlinePage {
    pub(super) course: CourseHeader,
    pub(super) settings: SettingsView,
    pub(super) modules: Vec<ModuleRow>,
    pub(super) exam: Option<QuizRow>,
    /// What stops the course from being published.
    pub(super) problems: Vec<String>,
    pub(super) errors: Vec<String>,
    pub(super) steps: Vec<WorkflowStep>,
    pub(super) versions: Vec<i32>,
}

#[derive(Serialize)]
pub(super) struct SettingsView {
    pub(super) duration_minutes: String,
    pub(super) pass_mark: String,
    pub(super) max_attempts: String,
    pub(super) outcomes: String,
}

#[derive(Serialize)]
pub(super) struct LessonView {
    pub(super) key: String,
    pub(super) title: String,
    pub(super) body: String,
    pub(super) module_title: String,
    pub(super) public_url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct QuestionRow {
    pub(super) key: String,
    pub(super) number: usize,
    pub(super) kind_label: &'static str,
    pub(super) text: String,
    pub(super) options: usize,
    pub(super) edit_url: String,
}

#[derive(Serialize)]
pub(super) struct QuizView {
    pub(super) key: String,
    pub(super) title: String,
    pub(super) exam: bool,
    pub(super) questions: Vec<QuestionRow>,
    pub(super) new_url: String,
}

#[derive(Serialize)]
pub(super) struct KindChoice {
    pub(super) value: &'static str,
    pub(super) label: &'static str,
    pub(super) selected: bool,
}

#[derive(Serialize)]
pub(super) struct StepPage {
    pub(super) course: CourseHeader,
    pub(super) lesson: Option<LessonView>,
    pub(super) quiz: Option<QuizView>,
    pub(super) kinds: Vec<KindChoice>,
    pub(super) preview_html: Option<String>,
    pub(super) errors: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct OptionRow {
    pub(super) index: usize,
    pub(super) text: String,
    pub(super) correct: bool,
    pub(super) explanation: String,
}

#[derive(Serialize)]
pub(super) struct QuestionPage {
    pub(super) course: CourseHeader,
    pub(super) quiz_title: String,
    pub(super) quiz_url: String,
    pub(super) action: String,
    /// "Spørsmål 3", or "Nytt spørsmål".
    pub(super) heading: String,
    pub(super) kinds: Vec<KindChoice>,
    pub(super) kind: String,
    pub(super) text: String,
    pub(super) explanation: String,
    pub(super) rows: Vec<OptionRow>,
    /// For true/false: which answer is right ("true", "false" or none yet).
    pub(super) true_false: String,
    pub(super) true_explanation: String,
    pub(super) false_explanation: String,
    pub(super) errors: Vec<String>,
}
