use std::fmt;
use std::str::FromStr;

use sea_orm::entity::prelude::*;

use super::ids::{AreaId, ItemId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: ItemId,
    pub area_id: AreaId,
    pub kind: ContentKind,
    pub slug: String,
    pub lang: String,
    pub translation_group: String,
    pub title: String,
    pub summary: String,
    pub audience: String,
    pub tags: String,
    pub body_markdown: String,
    pub body_html: String,
    pub status: Status,
    pub published_on: Option<Date>,
    pub updated_on: Option<Date>,
    pub review_by: Option<Date>,
    pub event_starts: Option<DateTime>,
    pub event_ends: Option<DateTime>,
    pub event_place: Option<String>,
    pub adapts: Option<String>,
    pub source_path: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub modified_at: DateTimeWithTimeZone,
    /// When a scheduled item is to be published.
    pub publish_at: Option<DateTimeWithTimeZone>,
    pub adapts_revision: Option<i32>,
    /// A course's modules, lessons and quizzes (JSON of `courses::CourseDefinition`).
    pub course_definition: Option<String>,
    /// A translation: the revision number of its Norwegian original it was made from.
    pub translated_from: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::area::Entity",
        from = "Column::AreaId",
        to = "super::area::Column::Id"
    )]
    Area,
}

impl Related<super::area::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Area.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

/// The type folder of a content file and the `{type}` segment of its URL.
///
/// Stored as its name (`guide`, `article`, ...): a row with a name not listed here is a
/// read error, never silently some other kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, EnumIter, DeriveActiveEnum, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum ContentKind {
    #[sea_orm(string_value = "guide")]
    Guide,
    #[sea_orm(string_value = "article")]
    Article,
    #[sea_orm(string_value = "news")]
    News,
    #[sea_orm(string_value = "event")]
    Event,
    #[sea_orm(string_value = "interpreter")]
    Interpreter,
    #[sea_orm(string_value = "patient")]
    Patient,
    #[sea_orm(string_value = "course")]
    Course,
}

impl ContentKind {
    pub const ALL: [ContentKind; 7] = [
        ContentKind::Guide,
        ContentKind::Article,
        ContentKind::News,
        ContentKind::Event,
        ContentKind::Interpreter,
        ContentKind::Patient,
        ContentKind::Course,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContentKind::Guide => "guide",
            ContentKind::Article => "article",
            ContentKind::News => "news",
            ContentKind::Event => "event",
            ContentKind::Interpreter => "interpreter",
            ContentKind::Patient => "patient",
            ContentKind::Course => "course",
        }
    }

    /// What one item of this kind is called in the (bokmål) user interface.
    pub fn label(self) -> &'static str {
        match self {
            ContentKind::Guide => "Veileder",
            ContentKind::Article => "Fagartikkel",
            ContentKind::News => "Aktuelt",
            ContentKind::Event => "Arrangement",
            ContentKind::Interpreter => "Tolkeveiledning",
            ContentKind::Patient => "Pasientinformasjon",
            ContentKind::Course => "E-kurs",
        }
    }

    /// The heading of a list of items of this kind.
    pub fn plural_label(self) -> &'static str {
        match self {
            ContentKind::Guide => "Veiledere og prosedyrer",
            ContentKind::Article => "Fagartikler",
            ContentKind::News => "Aktuelt",
            ContentKind::Event => "Arrangementer og kurskalender",
            ContentKind::Interpreter => "Tolkeveiledning",
            ContentKind::Patient => "Pasientinformasjon",
            ContentKind::Course => "E-kurs",
        }
    }
}

impl fmt::Display for ContentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown content type {0:?} (expected one of guide, article, news, event, interpreter, patient, course)")]
pub struct UnknownKind(pub String);

impl FromStr for ContentKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ContentKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// Where an item is in the editorial workflow; only `Published` is ever shown to the public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, EnumIter, DeriveActiveEnum)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Status {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "in_review")]
    InReview,
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "archived")]
    Archived,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Draft, Status::InReview, Status::Published, Status::Archived];

    /// How a status reads in the editor pages.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Utkast",
            Status::InReview => "Til gjennomgang",
            Status::Published => "Publisert",
            Status::Archived => "Arkivert",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Published => "published",
            Status::Archived => "archived",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown status {0:?} (expected draft, in_review, published or archived)")]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL.into_iter().find(|status| status.as_str() == s).ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}
