//! Areas (områder): the health community's local sections plus `central`, the shared
//! core whose content is visible in every area.
pub mod repo;
pub mod routes;

use serde::Serialize;

use crate::entities::ids::AreaId;
use crate::entities::area;

/// The slug of the shared core.
pub const CENTRAL: &str = "central";

/// The cookie that remembers which area a visitor chose.
pub const AREA_COOKIE: &str = "fagbro_area";

/// An area as pages show it.
#[derive(Clone, Debug, Serialize)]
pub struct AreaView {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub is_central: bool,
    pub url: String,
}

impl From<&area::Model> for AreaView {
    fn from(area: &area::Model) -> AreaView {
        AreaView {
            slug: area.slug.clone(),
            name: area.name.clone(),
            description: area.description.clone(),
            is_central: area.slug == CENTRAL,
            url: format!("/{}", area.slug),
        }
    }
}

/// The areas whose published content a visitor of `area` sees: its own and the
/// central ones (for `central` itself, only central).
/// The area the visitor chose last (the area cookie), when it still exists.
pub async fn remembered(db: &impl sea_orm::ConnectionTrait, req: &actix_web::HttpRequest) -> Result<Option<String>, sea_orm::DbErr> {
    match req.cookie(AREA_COOKIE) {
        Some(cookie) if repo::by_slug(db, cookie.value()).await?.is_some() => Ok(Some(cookie.value().to_owned())),
        _ => Ok(None),
    }
}

pub fn visible_area_ids(area: &area::Model, central: &area::Model) -> Vec<AreaId> {
    if area.id == central.id { vec![central.id] } else { vec![area.id, central.id] }
}

/// The area a request is about, with the central area and all areas by id: what a
/// page needs to decide what is visible and how to label it.
pub struct AreaScope {
    pub area: area::Model,
    pub central: area::Model,
    pub by_id: std::collections::HashMap<AreaId, area::Model>,
}

impl AreaScope {
    /// Loads the scope for `/{slug}/...`; an unknown area is a helpful 404.
    pub async fn load(db: &impl sea_orm::ConnectionTrait, slug: &str) -> Result<AreaScope, crate::error::AppError> {
        let all = repo::all(db).await?;
        let not_found = || crate::error::AppError::NotFound(format!("Vi har ikke noe område som heter «{slug}»."));
        let area = all.iter().find(|a| a.slug == slug).cloned().ok_or_else(not_found)?;
        let central = all.iter().find(|a| a.slug == CENTRAL).cloned().ok_or_else(not_found)?;
        Ok(AreaScope { area, central, by_id: all.into_iter().map(|a| (a.id, a)).collect() })
    }

    pub fn visible_ids(&self) -> Vec<AreaId> {
        visible_area_ids(&self.area, &self.central)
    }

    pub fn is_central(&self) -> bool {
        self.area.id == self.central.id
    }

    pub fn view(&self) -> AreaView {
        AreaView::from(&self.area)
    }

    pub fn slug(&self) -> &str {
        &self.area.slug
    }
}
