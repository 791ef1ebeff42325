use sea_orm::entity::prelude::*;

use super::ids::{AreaId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeWithTimeZone,
    pub actor_id: Option<UserId>,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub area_id: Option<AreaId>,
    pub from_address: Option<String>,
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
