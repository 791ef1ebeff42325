use sea_orm::entity::prelude::*;
use serde::Serialize;

use super::ids::MessageId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: MessageId,
    pub kind: MailKind,
    pub recipient: String,
    pub data: String,
    pub once_key: Option<String>,
    pub status: MailStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeWithTimeZone,
    pub last_error: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub sent_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Which message a row is: names its templates in `templates/mail/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, EnumIter, DeriveActiveEnum)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum MailKind {
    #[sea_orm(string_value = "test")]
    Test,
    #[sea_orm(string_value = "verify_address")]
    VerifyAddress,
    #[sea_orm(string_value = "sign_up_again")]
    SignUpAgain,
    #[sea_orm(string_value = "password_reset")]
    PasswordReset,
    #[sea_orm(string_value = "password_changed")]
    PasswordChanged,
    #[sea_orm(string_value = "new_address")]
    NewAddress,
    #[sea_orm(string_value = "address_changed")]
    AddressChanged,
    #[sea_orm(string_value = "newsletter_confirm")]
    NewsletterConfirm,
    #[sea_orm(string_value = "newsletter")]
    Newsletter,
    #[sea_orm(string_value = "review_reminder")]
    ReviewReminder,
    #[sea_orm(string_value = "feedback_digest")]
    FeedbackDigest,
    #[sea_orm(string_value = "proposal_arrived")]
    ProposalArrived,
    #[sea_orm(string_value = "proposal_decided")]
    ProposalDecided,
    #[sea_orm(string_value = "certificate")]
    Certificate,
}

impl MailKind {
    /// The template names: `mail/{name}.subject.txt`, `.txt` and `.html`.
    pub fn template(self) -> &'static str {
        match self {
            MailKind::Test => "test",
            MailKind::VerifyAddress => "verify_address",
            MailKind::SignUpAgain => "sign_up_again",
            MailKind::PasswordReset => "password_reset",
            MailKind::PasswordChanged => "password_changed",
            MailKind::NewAddress => "new_address",
            MailKind::AddressChanged => "address_changed",
            MailKind::NewsletterConfirm => "newsletter_confirm",
            MailKind::Newsletter => "newsletter",
            MailKind::ReviewReminder => "review_reminder",
            MailKind::FeedbackDigest => "feedback_digest",
            MailKind::ProposalArrived => "proposal_arrived",
            MailKind::ProposalDecided => "proposal_decided",
            MailKind::Certificate => "certificate",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, EnumIter, DeriveActiveEnum)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum MailStatus {
    /// Waiting to be sent, or claimed by a sender (then `next_attempt_at` is when the claim lapses).
    #[sea_orm(string_value = "queued")]
    Queued,
    #[sea_orm(string_value = "sent")]
    Sent,
    /// Given up after the last attempt or a permanent refusal; kept, and can be sent again.
    #[sea_orm(string_value = "failed")]
    Failed,
}
