//! What the editor pages show: one view-model per page and its rows, filled by the
//! handlers beside it and rendered by `templates/editorial/`.
use crate::entities::ids::UserId;
use super::*;

// Page group: dashboard (dashboard.rs)
/// A row in an editor list.
#[derive(Serialize)]
pub(super) struct ItemRow {
    pub(super) id: ItemId,
    pub(super) title: String,
    pub(super) kind: &'static str,
    pub(super) area: String,
    pub(super) lang: String,
    pub(super) status: &'static str,
    pub(super) edit_url: String,
    pub(super) note: String,
}

#[derive(Serialize)]
pub(super) struct FeedbackRow {
    pub(super) id: i32,
    pub(super) kind: &'static str,
    pub(super) message: String,
    pub(super) page: String,
    pub(super) area: String,
    pub(super) received: String,
}

#[derive(Serialize)]
pub(super) struct ProposalRow {
    pub(super) id: i32,
    pub(super) item_title: String,
    pub(super) proposer: String,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct DashboardPage {
    pub(super) name: String,
    pub(super) role: &'static str,
    pub(super) areas: Vec<String>,
    pub(super) my_drafts: Vec<ItemRow>,
    pub(super) other_drafts: Vec<ItemRow>,
    pub(super) in_review: Vec<ItemRow>,
    pub(super) scheduled: Vec<ItemRow>,
    pub(super) review_passed: Vec<ItemRow>,
    pub(super) central_changed: Vec<ItemRow>,
    pub(super) proposals: Vec<ProposalRow>,
    pub(super) feedback: Vec<FeedbackRow>,
    pub(super) is_admin: bool,
    /// Patient material translations in the editor's areas that are older than their original.
    pub(super) outdated_translations: usize,
}

// Page group: items (items.rs)
#[derive(Serialize)]
pub(super) struct ItemsPage {
    pub(super) rows: Vec<ItemRow>,
    pub(super) areas: Vec<Choice>,
    pub(super) kinds: Vec<Choice>,
    pub(super) statuses: Vec<Choice>,
    pub(super) q: String,
}

#[derive(Serialize)]
pub(super) struct ThemeChoice {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) checked: bool,
}

#[derive(Serialize)]
pub(super) struct ItemInfo {
    pub(super) id: ItemId,
    pub(super) title: String,
    pub(super) status: Status,
    pub(super) status_label: &'static str,
    pub(super) area: String,
    pub(super) kind_label: &'static str,
    pub(super) kind: ContentKind,
    pub(super) lang: String,
    pub(super) public_url: Option<String>,
    pub(super) adapts: Option<String>,
    pub(super) original_url: Option<String>,
    pub(super) publish_at: Option<String>,
}

/// A workflow button: the step's form value and its label.
#[derive(Serialize)]
pub(crate) struct Step {
    pub(super) value: &'static str,
    pub(super) label: &'static str,
}

#[derive(Serialize, Default)]
pub(super) struct EditPage {
    /// "new", "edit" or "propose" (a central item seen by a local editor).
    pub(super) mode: &'static str,
    pub(super) action: String,
    pub(super) item: Option<ItemInfo>,
    pub(super) new: NewItemForm,
    pub(super) area_choices: Vec<Choice>,
    pub(super) kind_choices: Vec<Choice>,
    pub(super) lang_choices: Vec<Choice>,
    pub(super) fields: ItemForm,
    pub(super) themes: Vec<ThemeChoice>,
    pub(super) errors: Vec<String>,
    pub(super) preview_html: Option<String>,
    pub(super) steps: Vec<Step>,
    pub(super) can_schedule: bool,
    pub(super) adapt_into: Vec<Choice>,
    /// The revision the form was made from; a save names it, so a colleague's save in
    /// between is not silently overwritten.
    pub(super) revision: i32,
    pub(super) translation: Option<TranslationPanel>,
}

// Page group: history (history.rs)
#[derive(Serialize)]
pub(super) struct RevisionRow {
    pub(super) number: i32,
    pub(super) author: String,
    pub(super) at: String,
    pub(super) note: String,
}

#[derive(Serialize)]
pub(super) struct RevisionsPage {
    pub(super) item_id: ItemId,
    pub(super) title: String,
    pub(super) can_restore: bool,
    pub(super) revisions: Vec<RevisionRow>,
    pub(super) from: i32,
    pub(super) to: i32,
    pub(super) diff: Vec<diff::DiffLine>,
}

// Page group: proposals (proposals.rs)
#[derive(Serialize)]
pub(super) struct ProposalPage {
    pub(super) id: i32,
    pub(super) item_id: ItemId,
    pub(super) item_title: String,
    pub(super) proposer: String,
    pub(super) note: String,
    pub(super) state: &'static str,
    pub(super) created: String,
    pub(super) changed_since: bool,
    pub(super) can_decide: bool,
    pub(super) diff: Vec<diff::DiffLine>,
}

// Page group: users (users.rs)
#[derive(Serialize)]
pub(super) struct UserRow {
    pub(super) id: UserId,
    pub(super) email: String,
    pub(super) name: String,
    pub(super) role: Role,
    pub(super) role_label: &'static str,
    /// Area slugs (for the form) and names (to read).
    pub(super) area_slugs: Vec<String>,
    pub(super) areas: String,
}

/// What was typed into "Ny bruker", shown again when it is refused (never the password).
#[derive(Serialize, Default)]
pub(super) struct NewUserTyped {
    pub(super) name: String,
    pub(super) email: String,
    pub(super) role: String,
    pub(super) areas: Vec<String>,
}

/// A role change to admin waiting for the admin's confirmation.
#[derive(Serialize)]
pub(super) struct AdminToConfirm {
    pub(super) user_id: UserId,
    pub(super) name: String,
}

#[derive(Serialize)]
pub(super) struct UsersPage {
    pub(super) users: Vec<UserRow>,
    /// Least privilege first: a new user is a learner unless the admin picks otherwise.
    pub(super) roles: Vec<Choice>,
    pub(super) areas: Vec<Choice>,
    pub(super) errors: Vec<String>,
    pub(super) typed: NewUserTyped,
    pub(super) confirm: Option<AdminToConfirm>,
    /// What was just done (a reset link sent).
    pub(super) notice: Option<String>,
}

// Page group: audit_log (audit_log.rs)
#[derive(Serialize)]
pub(super) struct AuditRow {
    pub(super) at: String,
    pub(super) actor: String,
    pub(super) action: String,
    pub(super) target: String,
    pub(super) from: String,
    pub(super) detail: String,
}

// Page group: translations (translations.rs)
#[derive(Serialize)]
pub(super) struct LangHeading {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) native: String,
    pub(super) dir: &'static str,
}

#[derive(Serialize)]
pub(super) struct TranslationCell {
    /// "current", "outdated", "missing" or "unknown".
    pub(super) state: &'static str,
    pub(super) label: String,
    pub(super) url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct TranslationRow {
    pub(super) title: String,
    pub(super) area: String,
    pub(super) edit_url: String,
    pub(super) cells: Vec<TranslationCell>,
}

#[derive(Serialize)]
pub(super) struct TranslationsPage {
    pub(super) langs: Vec<LangHeading>,
    pub(super) rows: Vec<TranslationRow>,
    pub(super) areas: Vec<Choice>,
    pub(super) themes: Vec<Choice>,
    pub(super) kinds: Vec<Choice>,
}

/// On a translation's edit page: what it was made from, and whether the original changed since.
#[derive(Serialize)]
pub(super) struct TranslationPanel {
    pub(super) original_title: String,
    pub(super) original_url: String,
    pub(super) original_revisions_url: String,
    /// The original's newest revision: what "brought up to date" records.
    pub(super) original_revision: i32,
    /// The original's revision the translation was made from; 0 is "older than any kept".
    pub(super) translated_from: Option<i32>,
    /// What it was made from, in words (`None` when not recorded).
    pub(super) made_from: Option<String>,
    pub(super) outdated_since: Option<String>,
}
