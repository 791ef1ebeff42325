//! What an item is made of as one value (`ItemWrite`): what the importer and the editor
//! write, what an edit starts from, and how it is compared with the stored row.
use chrono::{NaiveDate, NaiveDateTime, Utc};
use sea_orm::{DbErr, Set};
use serde::{Deserialize, Serialize};

use super::{ContentKind, ItemRef, Status};
use crate::entities::content_item;
use crate::entities::ids::AreaId;

/// Everything an editor can change in an item, with what names it (type, slug, language):
/// what a revision keeps, so a revision reads on its own. Stored as JSON in
/// `content_revision.snapshot`; a field added later needs `#[serde(default)]` so older
/// revisions still read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFields {
    pub kind: ContentKind,
    pub slug: String,
    pub lang: String,
    pub translation_group: String,
    pub title: String,
    pub summary: String,
    pub audience: Vec<String>,
    pub tags: Vec<String>,
    pub body_markdown: String,
    pub status: Status,
    pub published_on: Option<NaiveDate>,
    pub updated_on: Option<NaiveDate>,
    pub review_by: Option<NaiveDate>,
    pub event_starts: Option<NaiveDateTime>,
    pub event_ends: Option<NaiveDateTime>,
    pub event_place: Option<String>,
    pub adapts: Option<ItemRef>,
    /// Sorted theme ids.
    pub theme_ids: Vec<i32>,
    /// A course's structure as JSON (`courses::CourseDefinition`); `None` for other kinds
    /// (and in revisions written before courses existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course_definition: Option<String>,
    /// A translation: the revision of its Norwegian original it was made from
    /// (`content::translation`). `None` for originals, and in revisions written before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<i32>,
}

/// An item as the importer and the editor write it: its fields, the area it belongs to,
/// the file it came from, and its text rendered (kept so a page view never renders).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemWrite {
    pub area_id: AreaId,
    pub source_path: Option<String>,
    /// `fields.body_markdown` as HTML; rendered by the writer (off the request threads when long).
    pub body_html: String,
    pub fields: ItemFields,
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
            source_path: None,
            body_html: String::new(),
            fields: ItemFields {
                kind,
                translation_group: format!("{area_slug}/{kind}/{slug}"),
                slug: slug.to_owned(),
                lang: lang.to_owned(),
                title: String::new(),
                summary: String::new(),
                audience: Vec::new(),
                tags: Vec::new(),
                body_markdown: String::new(),
                status: Status::Draft,
                published_on: None,
                updated_on: None,
                review_by: None,
                event_starts: None,
                event_ends: None,
                event_place: None,
                adapts: None,
                theme_ids: Vec::new(),
                course_definition: None,
                translated_from: None,
            },
        }
    }

    /// Whether the stored item already says what this write would.
    pub fn matches(&self, model: &content_item::Model, theme_ids: &[i32]) -> bool {
        ItemWrite::of_model(model, theme_ids.to_vec()).is_ok_and(|stored| stored == self.as_stored())
    }

    /// This write as it reads back once stored: lists trimmed, without commas or empty entries.
    fn as_stored(&self) -> ItemWrite {
        let fields = &self.fields;
        let fields = ItemFields { audience: split_list(&join_list(&fields.audience)), tags: split_list(&join_list(&fields.tags)), ..fields.clone() };
        ItemWrite { fields, ..self.clone() }
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
            source_path: model.source_path.clone(),
            body_html: model.body_html.clone(),
            fields: ItemFields {
            kind: model.kind,
            slug: model.slug.clone(),
            lang: model.lang.clone(),
            translation_group: model.translation_group.clone(),
            title: model.title.clone(),
            summary: model.summary.clone(),
            audience: split_list(&model.audience),
            tags: split_list(&model.tags),
            body_markdown: model.body_markdown.clone(),
            status: model.status,
            published_on: model.published_on,
            updated_on: model.updated_on,
            review_by: model.review_by,
            event_starts: model.event_starts,
            event_ends: model.event_ends,
            event_place: model.event_place.clone(),
            adapts,
            theme_ids,
            course_definition: model.course_definition.clone(),
            translated_from: model.translated_from,
            },
        })
    }

    pub(super) fn apply(&self, active: &mut content_item::ActiveModel) {
        active.area_id = Set(self.area_id);
        active.source_path = Set(self.source_path.clone());
        active.body_html = Set(self.body_html.clone());
        let fields = &self.fields;
        active.kind = Set(fields.kind);
        active.slug = Set(fields.slug.clone());
        active.lang = Set(fields.lang.clone());
        active.translation_group = Set(fields.translation_group.clone());
        active.title = Set(fields.title.clone());
        active.summary = Set(fields.summary.clone());
        active.audience = Set(join_list(&fields.audience));
        active.tags = Set(join_list(&fields.tags));
        active.body_markdown = Set(fields.body_markdown.clone());
        active.status = Set(fields.status);
        active.published_on = Set(fields.published_on);
        active.updated_on = Set(fields.updated_on);
        active.review_by = Set(fields.review_by);
        active.event_starts = Set(fields.event_starts);
        active.event_ends = Set(fields.event_ends);
        active.event_place = Set(fields.event_place.clone());
        active.adapts = Set(fields.adapts.as_ref().map(ItemRef::to_string));
        active.course_definition = Set(fields.course_definition.clone());
        active.translated_from = Set(fields.translated_from);
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
        let mut write = ItemWrite::blank(AreaId(1), "central", ContentKind::Guide, "bruk-av-tolk", "nb");
        write.fields.title = "Bruk av tolk".into();
        write.fields.audience = vec![" sykepleiere ".into(), "".into(), "leger, turnus".into()];
        write.fields.theme_ids = vec![2, 5];
        let model = stored(&write);
        assert!(write.matches(&model, &[2, 5]));
        assert!(!write.matches(&model, &[2]), "another theme is a change");
        let mut retitled = write.clone();
        retitled.fields.title = "Bruk av tolk i heimen".into();
        assert!(!retitled.matches(&model, &[2, 5]));
        assert_eq!(ItemWrite::of_model(&model, vec![2, 5]).unwrap().fields.audience, ["sykepleiere", "leger  turnus"]);
    }

    /// Revisions are stored JSON: these are one written before courses existed and one
    /// of a local adaptation, byte for byte as earlier versions stored them.
    #[test]
    fn revisions_stored_by_earlier_versions_still_read_and_write_back_the_same() {
        let before_courses = r#"{"kind":"guide","slug":"bruk-av-tolk","lang":"nb","translation_group":"central/guide/bruk-av-tolk","title":"Bruk av tolk","summary":"Når og hvordan","audience":["sykepleiere"],"tags":["tolk"],"body_markdown":"Tekst\n","status":"published","published_on":"2025-03-01","updated_on":null,"review_by":"2026-03-01","event_starts":null,"event_ends":null,"event_place":null,"adapts":null,"theme_ids":[3]}"#;
        let fields: ItemFields = serde_json::from_str(before_courses).unwrap();
        assert_eq!((fields.kind, fields.status, fields.course_definition.as_deref()), (ContentKind::Guide, Status::Published, None));
        assert_eq!(fields.review_by, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(serde_json::to_string(&fields).unwrap(), before_courses, "a revision writes back as it was stored");

        let adaptation = r#"{"kind":"guide","slug":"bruk-av-tolk","lang":"nb","translation_group":"vestfold/guide/bruk-av-tolk","title":"Tolk i Vestfold","summary":"","audience":[],"tags":[],"body_markdown":"","status":"draft","published_on":null,"updated_on":null,"review_by":null,"event_starts":null,"event_ends":null,"event_place":null,"adapts":"guide/bruk-av-tolk","theme_ids":[]}"#;
        let fields: ItemFields = serde_json::from_str(adaptation).unwrap();
        assert_eq!(fields.adapts.as_ref().map(ToString::to_string).as_deref(), Some("guide/bruk-av-tolk"));
        assert_eq!(serde_json::to_string(&fields).unwrap(), adaptation);

        let event = r#"{"kind":"event","slug":"fagdag","lang":"nb","translation_group":"vestfold/event/fagdag","title":"Fagdag","summary":"","audience":[],"tags":[],"body_markdown":"","status":"in_review","published_on":null,"updated_on":null,"review_by":null,"event_starts":"2025-05-02T09:00:00","event_ends":"2025-05-02T15:30:00","event_place":"Tønsberg","adapts":null,"theme_ids":[1,4]}"#;
        assert_eq!(serde_json::to_string(&serde_json::from_str::<ItemFields>(event).unwrap()).unwrap(), event);

        let broken = adaptation.replace("guide/bruk-av-tolk", "no such thing");
        assert!(serde_json::from_str::<ItemFields>(&broken).is_err(), "an unreadable stored reference is an error, not nothing");
        let unknown_kind = before_courses.replace(r#""kind":"guide""#, r#""kind":"webinar""#);
        assert!(serde_json::from_str::<ItemFields>(&unknown_kind).is_err(), "an unknown stored type is an error, not an article");
    }
}
