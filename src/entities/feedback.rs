use sea_orm::entity::prelude::*;

use super::ids::{AreaId, UserId, ItemId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub area_id: AreaId,
    pub content_item_id: Option<ItemId>,
    pub page_path: String,
    pub kind: FeedbackKind,
    pub message: String,
    pub created_at: DateTimeWithTimeZone,
    pub handled_at: Option<DateTimeWithTimeZone>,
    pub handled_by: Option<UserId>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// What a reader said about a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum FeedbackKind {
    #[sea_orm(string_value = "useful")]
    Useful,
    #[sea_orm(string_value = "not_useful")]
    NotUseful,
    /// An error or outdated content: the editors should act.
    #[sea_orm(string_value = "error")]
    Error,
}

impl FeedbackKind {
    pub fn parse(s: &str) -> Option<FeedbackKind> {
        match s {
            "useful" => Some(FeedbackKind::Useful),
            "not_useful" => Some(FeedbackKind::NotUseful),
            "error" => Some(FeedbackKind::Error),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Useful => "useful",
            FeedbackKind::NotUseful => "not_useful",
            FeedbackKind::Error => "error",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FeedbackKind::Useful => "Nyttig",
            FeedbackKind::NotUseful => "Ikke nyttig",
            FeedbackKind::Error => "Feil eller utdatert",
        }
    }
}
