use sea_orm::entity::prelude::*;

use super::ids::AreaId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "newsletter_issues")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub area_id: AreaId,
    pub subject: String,
    pub items: String,
    pub recipients: i32,
    pub sent_at: DateTimeWithTimeZone,
    pub sent_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
