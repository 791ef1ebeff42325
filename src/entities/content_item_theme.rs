use sea_orm::entity::prelude::*;

use super::ids::ItemId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_item_themes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_item_id: ItemId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub theme_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
