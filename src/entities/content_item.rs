use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub area_id: i32,
    pub kind: String,
    pub slug: String,
    pub lang: String,
    pub translation_group: String,
    pub title: String,
    pub summary: String,
    pub audience: String,
    pub tags: String,
    pub body_markdown: String,
    pub body_html: String,
    pub status: String,
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
