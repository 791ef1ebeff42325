use sea_orm::entity::prelude::*;

use super::ids::AreaId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interpreter_routines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub area_id: AreaId,
    pub booking_url: String,
    pub phone: String,
    pub hours: String,
    /// Per mode: `None` not offered, `"*"` every language, else language codes with commas.
    pub on_site: Option<String>,
    pub video: Option<String>,
    pub telephone: Option<String>,
    pub urgent: String,
    pub urgent_phone: String,
    pub updated_at: DateTimeWithTimeZone,
    pub updated_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
