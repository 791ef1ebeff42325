use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_stats")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub day: Date,
    pub area: String,
    pub query: String,
    pub searches: i32,
    pub zero_hits: i32,
    pub opened: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
