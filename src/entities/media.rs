use sea_orm::entity::prelude::*;

use super::ids::{AreaId, UserId, ItemId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "media")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub key: String,
    pub area_id: AreaId,
    pub content_item_id: Option<ItemId>,
    pub uploaded_by: Option<UserId>,
    pub alt: String,
    pub width: i32,
    pub height: i32,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
