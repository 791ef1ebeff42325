//! What an item is made of as one value (`ItemWrite`): what the importer and the editor
//! write, what an edit starts from, and how it is compared with the stored row.
use chrono::{NaiveDate, NaiveDateTime, Utc};
use sea_orm::{DbErr, Set};

use super::{ContentKind, ItemRef, Status};
use crate::entities::content_item;
use crate::entities::ids::AreaId;

/// Everything an item is made of, as the importer (and later the editor) writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemWrite {
    pub area_id: AreaId,
    pub kind: ContentKind,
    pub slug: String,
    pub lang: String,
    pub translation_group: String,
    pub title: String,
    pub summary: String,
    pub audience: Vec<String>,
    pub tags: Vec<String>,
    pub body_markdown: String,
    pub body_html: String,
    pub status: Status,
    pub published_on: Option<NaiveDate>,
    pub updated_on: Option<NaiveDate>,
    pub review_by: Option<NaiveDate>,
    pub event_starts: Option<NaiveDateTime>,
    pub event_ends: Option<NaiveDateTime>,
    pub event_place: Option<String>,
    pub adapts: Option<ItemRef>,
    pub source_path: Option<String>,
    /// Sorted theme ids.
    pub theme_ids: Vec<i32>,
    /// A course's structure as JSON (`courses::CourseDefinition`); `None` for other kinds.
    pub course_definition: Option<String>,
}

/// Lists are stored as comma-separated text: short, and always read whole.
fn join_list(items: &[String]) -> String {
    items.iter().map(|s| s.trim().replace(',', " ")).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(",")
}

pub fn split_list(stored: &str) -> Vec<String> {
    stored.split(',').map(str::to_owned).filter(|s| !s.is_empty()).collect()
}

impl ItemWrite {
    /// A draft with nothing in it yet: what the editor, the course import and tests
    /// fill in. Its translation group is its own address.
    pub fn blank(area_id: AreaId, area_slug: &str, kind: ContentKind, slug: &str, lang: &str) -> ItemWrite {
        ItemWrite {
            area_id,
            kind,
            translation_group: format!("{area_slug}/{kind}/{slug}"),
            slug: slug.to_owned(),
            lang: lang.to_owned(),
            title: String::new(),
            summary: String::new(),
            audience: Vec::new(),
            tags: Vec::new(),
            body_markdown: String::new(),
            body_html: String::new(),
            status: Status::Draft,
            published_on: None,
            updated_on: None,
            review_by: None,
            event_starts: None,
            event_ends: None,
            event_place: None,
            adapts: None,
            source_path: None,
            theme_ids: Vec::new(),
            course_definition: None,
        }
    }

    /// Whether the stored item already says what this write would.
    pub fn matches(&self, model: &content_item::Model, theme_ids: &[i32]) -> bool {
        ItemWrite::of_model(model, theme_ids.to_vec()).is_ok_and(|stored| stored == self.as_stored())
    }

    /// This write as it reads back once stored: lists trimmed, without commas or empty entries.
    fn as_stored(&self) -> ItemWrite {
        ItemWrite { audience: split_list(&join_list(&self.audience)), tags: split_list(&join_list(&self.tags)), ..self.clone() }
    }

    /// The write that leaves a stored item (with these themes) as it is: what an edit starts from.
    pub fn of_model(model: &content_item::Model, theme_ids: Vec<i32>) -> Result<ItemWrite, DbErr> {
        let adapts = match &model.adapts {
            Some(target) => Some(
                target.parse().map_err(|_| DbErr::Custom(format!("content item {}: stored adapts is not valid", model.id)))?,
            ),
            None => None,
        };
        Ok(ItemWrite {
            area_id: model.area_id,
            kind: model.kind,
            slug: model.slug.clone(),
            lang: model.lang.clone(),
            translation_group: model.translation_group.clone(),
            title: model.title.clone(),
            summary: model.summary.clone(),
            audience: split_list(&model.audience),
            tags: split_list(&model.tags),
            body_markdown: model.body_markdown.clone(),
            body_html: model.body_html.clone(),
            status: model.status,
            published_on: model.published_on,
            updated_on: model.updated_on,
            review_by: model.review_by,
            event_starts: model.event_starts,
            event_ends: model.event_ends,
            event_place: model.event_place.clone(),
            adapts,
            source_path: model.source_path.clone(),
            theme_ids,
            course_definition: model.course_definition.clone(),
        })
    }

    pub(super) fn apply(&self, active: &mut content_item::ActiveModel) {
        active.area_id = Set(self.area_id);
        active.kind = Set(self.kind);
        active.slug = Set(self.slug.clone());
        active.lang = Set(self.lang.clone());
        active.translation_group = Set(self.translation_group.clone());
        active.title = Set(self.title.clone());
        active.summary = Set(self.summary.clone());
        active.audience = Set(join_list(&self.audience));
        active.tags = Set(join_list(&self.tags));
        active.body_markdown = Set(self.body_markdown.clone());
        active.body_html = Set(self.body_html.clone());
        active.status = Set(self.status);
        active.published_on = Set(self.published_on);
        active.updated_on = Set(self.updated_on);
        active.review_by = Set(self.review_by);
        active.event_starts = Set(self.event_starts);
        active.event_ends = Set(self.event_ends);
        active.event_place = Set(self.event_place.clone());
        active.adapts = Set(self.adapts.as_ref().map(ItemRef::to_string));
        active.source_path = Set(self.source_path.clone());
        active.course_definition = Set(self.course_definition.clone());
        active.modified_at = Set(Utc::now().fixed_offset());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::ids::ItemId;

    /// The row `write` leaves in the table.
    fn stored(write: &ItemWrite) -> content_item::Model {
        use sea_orm::TryIntoModel;
        let now = Utc::now().fixed_offset();
        let mut row = content_item::ActiveModel {
            id: Set(ItemId(9)),
            created_at: Set(now),
            publish_at: Set(None),
            adapts_revision: Set(None),
            ..Default::default()
        };
        write.apply(&mut row);
        row.try_into_model().unwrap()
    }

    #[test]
    fn a_write_matches_its_stored_item_however_its_lists_were_typed_and_nothing_else() {
        let write = ItemWrite {
            title: "Bruk av tolk".into(),
            audience: vec![" sykepleiere ".into(), "".into(), "leger, turnus".into()],
            theme_ids: vec![2, 5],
            ..ItemWrite::blank(AreaId(1), "central", ContentKind::Guide, "bruk-av-tolk", "nb")
        };
        let model = stored(&write);
        assert!(write.matches(&model, &[2, 5]));
        assert!(!write.matches(&model, &[2]), "another theme is a change");
        assert!(!ItemWrite { title: "Bruk av tolk i heimen".into(), ..write.clone() }.matches(&model, &[2, 5]));
        assert_eq!(ItemWrite::of_model(&model, vec![2, 5]).unwrap().audience, ["sykepleiere", "leger  turnus"]);
    }
}
