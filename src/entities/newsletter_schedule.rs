use sea_orm::entity::prelude::*;

use super::ids::AreaId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "newsletter_schedules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub area_id: AreaId,
    pub weekday: i32,
    pub hour: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
