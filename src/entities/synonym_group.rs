use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "synonym_groups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub words: String,
    pub created_at: DateTimeWithTimeZone,
    pub created_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
