//! Storage of the areas' booking routines.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::{Languages, Routine};
use crate::entities::ids::AreaId;
use crate::entities::interpreter_routine;

/// A stored routine with when and by whom it was last saved.
#[derive(Clone, Debug)]
pub struct StoredRoutine {
    pub routine: Routine,
    pub updated_on: chrono::NaiveDate,
    pub updated_by: String,
}

fn languages(stored: Option<&str>) -> Option<Languages> {
    // Written by `Languages::to_stored`; a value that no longer parses counts as not offered.
    stored.and_then(|s| Languages::parse(s).ok())
}

fn routine_of(row: interpreter_routine::Model) -> StoredRoutine {
    StoredRoutine {
        routine: Routine {
            on_site: languages(row.on_site.as_deref()),
            video: languages(row.video.as_deref()),
            telephone: languages(row.telephone.as_deref()),
            booking_url: row.booking_url,
            phone: row.phone,
            hours: row.hours,
            urgent: row.urgent,
            urgent_phone: row.urgent_phone,
        },
        updated_on: row.updated_at.date_naive(),
        updated_by: row.updated_by,
    }
}

pub async fn of_area(db: &impl ConnectionTrait, area: AreaId) -> Result<Option<StoredRoutine>, DbErr> {
    let row = interpreter_routine::Entity::find().filter(interpreter_routine::Column::AreaId.eq(area)).one(db).await?;
    Ok(row.map(routine_of))
}

/// Writes the area's routine (creating it when it has none).
pub async fn save(db: &impl ConnectionTrait, area: AreaId, routine: &Routine, by: &str) -> Result<(), DbErr> {
    let existing = interpreter_routine::Entity::find().filter(interpreter_routine::Column::AreaId.eq(area)).one(db).await?;
    let mut row: interpreter_routine::ActiveModel = match existing {
        Some(row) => row.into(),
        None => interpreter_routine::ActiveModel { area_id: Set(area), ..Default::default() },
    };
    row.booking_url = Set(routine.booking_url.clone());
    row.phone = Set(routine.phone.clone());
    row.hours = Set(routine.hours.clone());
    row.on_site = Set(routine.on_site.as_ref().map(Languages::to_stored));
    row.video = Set(routine.video.as_ref().map(Languages::to_stored));
    row.telephone = Set(routine.telephone.as_ref().map(Languages::to_stored));
    row.urgent = Set(routine.urgent.clone());
    row.urgent_phone = Set(routine.urgent_phone.clone());
    row.updated_at = Set(Utc::now().fixed_offset());
    row.updated_by = Set(by.to_owned());
    row.save(db).await?;
    Ok(())
}
