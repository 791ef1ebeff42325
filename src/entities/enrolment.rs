use sea_orm::entity::prelude::*;

use super::ids::{UserId, ItemId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: Option<UserId>,
    pub content_item_id: ItemId,
    pub course_version_id: i32,
    pub started_at: DateTimeWithTimeZone,
    pub last_seen_at: DateTimeWithTimeZone,
    pub last_step: Option<String>,
    pub completed_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
