//! The course catalogue: every published course in the version learners get, and the
//! filters a learner picks from (theme, publishing area, audience, duration). A
//! course's audience and duration live in its frozen definition, not in columns, so the
//! filters are applied here, to the published courses (a few hundred at most).
use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, DbErr};

use super::versions::{self, CourseVersion};
use crate::entities::ids::{AreaId, ItemId};
use crate::content::ContentKind;
use crate::content::repo::{self as content_repo, ItemFilter};
use crate::entities::{area, content_item};

/// How long a course takes, as the catalogue groups it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duration {
    Short,
    Medium,
    Long,
}

impl Duration {
    pub const ALL: [Duration; 3] = [Duration::Short, Duration::Medium, Duration::Long];

    /// The value in the address (`?varighet=kort`).
    pub fn as_str(self) -> &'static str {
        match self {
            Duration::Short => "kort",
            Duration::Medium => "middels",
            Duration::Long => "lang",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Duration::Short => "Under 30 minutter",
            Duration::Medium => "30–60 minutter",
            Duration::Long => "Over 1 time",
        }
    }

    pub fn parse(s: &str) -> Option<Duration> {
        Duration::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn contains(self, minutes: u32) -> bool {
        match self {
            Duration::Short => minutes < 30,
            Duration::Medium => (30..=60).contains(&minutes),
            Duration::Long => minutes > 60,
        }
    }
}

/// What the learner filters by; `None` is any.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub theme: Option<String>,
    pub area: Option<String>,
    pub audience: Option<String>,
    pub duration: Option<Duration>,
}

impl Filter {
    pub fn is_set(&self) -> bool {
        self.theme.is_some() || self.area.is_some() || self.audience.is_some() || self.duration.is_some()
    }

    fn admits(&self, course: &Entry) -> bool {
        self.theme.as_ref().is_none_or(|t| course.themes.contains(t))
            && self.area.as_ref().is_none_or(|a| a == &course.area.slug)
            && self.audience.as_ref().is_none_or(|a| course.version.course.audience.contains(a))
            && self.duration.is_none_or(|d| d.contains(course.version.definition().duration_minutes))
    }
}

/// One published course as the catalogue lists it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub item: content_item::Model,
    /// The last published version: what learners get, not edits waiting to be published.
    pub version: CourseVersion,
    pub area: area::Model,
    /// Theme slugs.
    pub themes: Vec<String>,
}

pub struct Catalogue {
    /// The courses the filter admits, by title.
    pub courses: Vec<Entry>,
    /// Every audience of a published course, for the audience filter.
    pub audiences: BTreeSet<String>,
}

pub async fn catalogue(db: &impl ConnectionTrait, areas: &[area::Model], filter: &Filter) -> Result<Catalogue, DbErr> {
    let area_ids: Vec<AreaId> = areas.iter().map(|a| a.id).collect();
    let courses_only = ItemFilter { kinds: vec![ContentKind::Course], ..Default::default() };
    let ids: Vec<ItemId> = content_repo::published_summaries(db, &area_ids, &courses_only).await?.iter().map(|s| s.id).collect();
    let items = content_repo::items_by_ids(db, &ids).await?;
    let mut published = versions::latest_of(db, &ids).await?;
    let mut theme_slugs = content_repo::theme_slugs_of_items(db, &ids).await?;
    let entries = items.into_iter().filter_map(|item| {
        let version = published.remove(&item.id)?;
        let area = areas.iter().find(|a| a.id == item.area_id)?.clone();
        let themes = theme_slugs.remove(&item.id).unwrap_or_default();
        Some(Entry { item, version, area, themes })
    });
    Ok(filtered(entries, filter))
}

fn filtered(entries: impl Iterator<Item = Entry>, filter: &Filter) -> Catalogue {
    let mut audiences = BTreeSet::new();
    let mut courses = Vec::new();
    for entry in entries {
        audiences.extend(entry.version.course.audience.iter().cloned());
        if filter.admits(&entry) {
            courses.push(entry);
        }
    }
    courses.sort_by(|a, b| a.version.course.title.cmp(&b.version.course.title));
    Catalogue { courses, audiences }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_split_at_half_an_hour_and_an_hour() {
        assert!(Duration::Short.contains(29) && !Duration::Short.contains(30));
        assert!(Duration::Medium.contains(30) && Duration::Medium.contains(60));
        assert!(Duration::Long.contains(61) && !Duration::Long.contains(60));
        for d in Duration::ALL {
            assert_eq!(Duration::parse(d.as_str()), Some(d));
        }
        assert_eq!(Duration::parse("evig"), None);
    }
}
