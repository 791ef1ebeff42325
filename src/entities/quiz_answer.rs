use sea_orm::entity::prelude::*;

use super::ids::AttemptId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quiz_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub attempt_id: AttemptId,
    pub question_key: String,
    pub correct: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
