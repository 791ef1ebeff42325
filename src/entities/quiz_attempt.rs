use sea_orm::entity::prelude::*;

use super::ids::AttemptId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quiz_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: AttemptId,
    pub enrolment_id: i32,
    pub quiz_key: String,
    pub number: i32,
    pub started_at: DateTimeWithTimeZone,
    pub submitted_at: Option<DateTimeWithTimeZone>,
    pub correct: Option<i32>,
    pub total: i32,
    pub passed: Option<bool>,
    pub answers: Option<String>,
    /// Random per attempt; the form's option values are derived from it.
    pub form_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
