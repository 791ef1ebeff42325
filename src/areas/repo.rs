//! Storage of areas. The only code that touches the `areas` table.
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::ids::AreaId;
use crate::entities::area;

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<area::Model>, DbErr> {
    area::Entity::find().order_by_asc(area::Column::Position).order_by_asc(area::Column::Slug).all(db).await
}

pub async fn by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<area::Model>, DbErr> {
    area::Entity::find().filter(area::Column::Slug.eq(slug)).one(db).await
}

pub async fn by_id(db: &impl ConnectionTrait, id: AreaId) -> Result<Option<area::Model>, DbErr> {
    area::Entity::find_by_id(id).one(db).await
}

/// What an upsert did, for the import report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upserted {
    Created,
    Updated,
    Unchanged,
}

/// Creates the area, or brings its name, description and position up to date.
pub async fn upsert(
    db: &impl ConnectionTrait,
    slug: &str,
    name: &str,
    description: &str,
    position: i32,
) -> Result<(area::Model, Upserted), DbErr> {
    match by_slug(db, slug).await? {
        Some(existing)
            if existing.name == name && existing.description == description && existing.position == position =>
        {
            Ok((existing, Upserted::Unchanged))
        }
        Some(existing) => {
            let mut active: area::ActiveModel = existing.into();
            active.name = Set(name.to_owned());
            active.description = Set(description.to_owned());
            active.position = Set(position);
            Ok((active.update(db).await?, Upserted::Updated))
        }
        None => {
            let created = area::ActiveModel {
                slug: Set(slug.to_owned()),
                name: Set(name.to_owned()),
                description: Set(description.to_owned()),
                position: Set(position),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok((created, Upserted::Created))
        }
    }
}
