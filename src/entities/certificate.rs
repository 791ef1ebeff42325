use sea_orm::entity::prelude::*;

use super::ids::{UserId, ItemId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub user_id: Option<UserId>,
    pub enrolment_id: Option<i32>,
    pub content_item_id: ItemId,
    pub learner_name: String,
    pub course_title: String,
    pub issuer: String,
    pub course_version: i32,
    pub issued_at: DateTimeWithTimeZone,
    pub revoked_at: Option<DateTimeWithTimeZone>,
    pub revoked_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
