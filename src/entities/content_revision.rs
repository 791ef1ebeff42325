use sea_orm::entity::prelude::*;

use super::ids::{UserId, ItemId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub content_item_id: ItemId,
    pub number: i32,
    pub author_id: Option<UserId>,
    pub author_name: String,
    pub note: String,
    pub snapshot: String,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
