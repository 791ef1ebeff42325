//! Storage of image records.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use crate::entities::ids::{AreaId, ItemId};
use crate::entities::media;

pub struct NewImage<'a> {
    pub key: &'a str,
    pub area_id: AreaId,
    pub content_item_id: Option<ItemId>,
    pub uploaded_by: Option<crate::entities::ids::UserId>,
    pub alt: &'a str,
    pub width: u32,
    pub height: u32,
}

pub async fn insert(db: &impl ConnectionTrait, image: NewImage<'_>) -> Result<media::Model, DbErr> {
    media::ActiveModel {
        key: Set(image.key.to_owned()),
        area_id: Set(image.area_id),
        content_item_id: Set(image.content_item_id),
        uploaded_by: Set(image.uploaded_by),
        alt: Set(image.alt.to_owned()),
        width: Set(image.width as i32),
        height: Set(image.height as i32),
        created_at: Set(Utc::now().fixed_offset()),
        ..Default::default()
    }
    .insert(db)
    .await
}
