use sea_orm::entity::prelude::*;

use super::ids::ItemId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub content_item_id: ItemId,
    pub changed_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
