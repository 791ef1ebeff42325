use sea_orm::entity::prelude::*;

use super::ids::{AreaId, SubscriberId};

/// An address and dates: all a subscription keeps, deleted on unsubscribe.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "newsletter_subscribers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: SubscriberId,
    pub area_id: AreaId,
    pub email: String,
    pub confirm_token_hash: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub confirmed_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
