//! A translation and its Norwegian original. A translation records which revision of the
//! original it was made from (`ItemFields::translated_from`); when the original's text
//! (title, summary or body) changed after that revision, the translation is outdated, and
//! says so until an editor brings it up to date.
use std::collections::{BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QueryTrait};

use super::revisions::IMPORTER;
use super::write::ItemFields;
use super::{ContentKind, Lang, Status};
use crate::entities::ids::{AreaId, ItemId};
use crate::entities::{content_item, content_item_theme, content_revision};

/// The language translations are made from.
pub const ORIGINAL_LANG: &str = "nb";

/// What a content file says it was translated from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TranslatedFrom {
    /// The Norwegian text as it was on this date (its `updated` date when translated).
    TextOf(NaiveDate),
    /// This revision of the original, as the editor shows it.
    Revision(i32),
}

/// Whether a translation says what its original says now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TranslationStatus {
    Current,
    /// The original's text changed on `since`, after the text the translation was made from.
    Outdated { since: NaiveDate },
}

/// One revision of the original: which text it had, and from what date.
#[derive(Clone, Debug)]
struct TextVersion {
    revision: i32,
    text: u64,
    dated: NaiveDate,
}

/// The original's text through its revisions.
#[derive(Clone, Debug, Default)]
pub struct OriginalHistory {
    versions: Vec<TextVersion>,
}

/// One stored revision as the history needs it.
pub struct RevisionRow {
    pub number: i32,
    pub created_on: NaiveDate,
    pub by_importer: bool,
    pub fields: ItemFields,
}

impl OriginalHistory {
    /// From the original's revisions, oldest first. A revision written by the importer is
    /// dated by the file's own `updated` (or `published`) date when the file moved it
    /// forward, so a fresh install knows when the Norwegian text last changed; any other
    /// revision by the day it was saved.
    pub fn of_revisions(rows: impl IntoIterator<Item = RevisionRow>) -> OriginalHistory {
        let mut versions: Vec<TextVersion> = Vec::new();
        for row in rows {
            let previous = versions.last().map(|v| v.dated);
            let declared = row.fields.updated_on.or(row.fields.published_on).filter(|d| *d <= row.created_on);
            let dated = match (row.by_importer, declared, previous) {
                (true, Some(declared), None) => declared,
                (true, Some(declared), Some(previous)) if declared > previous => declared,
                _ => row.created_on,
            };
            versions.push(TextVersion { revision: row.number, text: text_of(&row.fields), dated });
        }
        OriginalHistory { versions }
    }

    pub async fn load(db: &impl ConnectionTrait, original: ItemId) -> Result<OriginalHistory, DbErr> {
        Ok(OriginalHistory::load_many(db, &[original]).await?.remove(&original).unwrap_or_default())
    }

    /// The histories of these originals, in one query.
    pub async fn load_many(db: &impl ConnectionTrait, originals: &[ItemId]) -> Result<HashMap<ItemId, OriginalHistory>, DbErr> {
        let rows = content_revision::Entity::find()
            .filter(content_revision::Column::ContentItemId.is_in(originals.iter().copied()))
            .order_by_asc(content_revision::Column::ContentItemId)
            .order_by_asc(content_revision::Column::Number)
            .all(db)
            .await?;
        let mut by_item: HashMap<ItemId, Vec<RevisionRow>> = HashMap::new();
        for row in rows {
            let fields: ItemFields =
                serde_json::from_str(&row.snapshot).map_err(|e| DbErr::Custom(format!("revision {}: {e}", row.id)))?;
            by_item.entry(row.content_item_id).or_default().push(RevisionRow {
                number: row.number,
                created_on: row.created_at.date_naive(),
                by_importer: row.author_id.is_none() && row.author_name == IMPORTER,
                fields,
            });
        }
        Ok(by_item.into_iter().map(|(item, rows)| (item, OriginalHistory::of_revisions(rows))).collect())
    }

    /// The original's newest revision (0 when it has none).
    pub fn latest(&self) -> i32 {
        self.versions.last().map_or(0, |v| v.revision)
    }

    /// The status of a translation made from revision `from`. Made from a revision this
    /// history does not have (0: older than any kept), it is outdated since the first.
    pub fn status_of(&self, from: i32) -> TranslationStatus {
        let base = self.versions.iter().find(|v| v.revision == from).map(|v| v.text);
        let changed = self.versions.iter().filter(|v| v.revision > from).find(|v| Some(v.text) != base);
        match changed {
            Some(version) => TranslationStatus::Outdated { since: version.dated },
            None => TranslationStatus::Current,
        }
    }

    /// The revision a file's `translated_from` names: for a date, the newest revision
    /// dated on or before it (0 when the text is newer than that date).
    pub fn revision_of(&self, from: TranslatedFrom) -> Result<i32, String> {
        match from {
            TranslatedFrom::TextOf(date) => {
                Ok(self.versions.iter().filter(|v| v.dated <= date).map(|v| v.revision).max().unwrap_or(0))
            }
            TranslatedFrom::Revision(n) if n <= self.latest() => Ok(n),
            TranslatedFrom::Revision(n) => {
                Err(format!("the Norwegian text has {} revisions, so it has no revision {n}", self.latest()))
            }
        }
    }
}

/// What a reader compares between the original and a translation.
fn text_of(fields: &ItemFields) -> u64 {
    let mut hasher = DefaultHasher::new();
    (&fields.title, &fields.summary, &fields.body_markdown).hash(&mut hasher);
    hasher.finish()
}

/// Whether an item in this language is a translation (of a Norwegian original).
pub fn is_translation(lang: &str) -> bool {
    lang != ORIGINAL_LANG
}

/// The Norwegian original of a translation in this area and translation group.
pub async fn original_in(db: &impl ConnectionTrait, area: AreaId, group: &str) -> Result<Option<content_item::Model>, DbErr> {
    content_item::Entity::find()
        .filter(content_item::Column::AreaId.eq(area))
        .filter(content_item::Column::TranslationGroup.eq(group))
        .filter(content_item::Column::Lang.eq(ORIGINAL_LANG))
        .one(db)
        .await
}

/// The published language versions, originals and translations, of these translation groups.
pub async fn published_in_groups(db: &impl ConnectionTrait, groups: &[String]) -> Result<Vec<content_item::Model>, DbErr> {
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    content_item::Entity::find()
        .filter(content_item::Column::TranslationGroup.is_in(groups.iter().cloned()))
        .filter(content_item::Column::Status.eq(Status::Published))
        .all(db)
        .await
}

/// The original of `item` when `item` is a translation.
pub async fn original_of(db: &impl ConnectionTrait, item: &content_item::Model) -> Result<Option<content_item::Model>, DbErr> {
    if !is_translation(&item.lang) {
        return Ok(None);
    }
    original_in(db, item.area_id, &item.translation_group).await
}

/// A translation's status against its original, when it is one and records its source.
pub async fn status(db: &impl ConnectionTrait, item: &content_item::Model) -> Result<Option<(content_item::Model, TranslationStatus)>, DbErr> {
    let (Some(from), Some(original)) = (item.translated_from, original_of(db, item).await?) else { return Ok(None) };
    let history = OriginalHistory::load(db, original.id).await?;
    Ok(Some((original, history.status_of(from))))
}

/// One language of one original in the overview.
#[derive(Clone, Debug)]
pub enum Cell {
    Missing,
    /// A translation that does not record what it was made from (made before fagbro kept it).
    Unknown(content_item::Model),
    Current(content_item::Model),
    Outdated(content_item::Model, chrono::NaiveDate),
}

#[derive(Clone, Debug)]
pub struct OverviewRow {
    pub original: content_item::Model,
    /// The original's newest revision.
    pub latest_revision: i32,
    /// One per language of `Overview::langs`, in that order.
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, Default)]
pub struct Overview {
    /// Every language any of the originals is translated into, Norwegian first.
    pub langs: Vec<Lang>,
    pub rows: Vec<OverviewRow>,
}

/// Which originals the overview shows.
#[derive(Clone, Debug)]
pub struct OverviewFilter {
    pub areas: Vec<AreaId>,
    pub kind: ContentKind,
    pub theme: Option<i32>,
    /// Only published originals and translations (what the public API shows).
    pub published_only: bool,
}

/// The originals of `filter` (archived ones left out) and each of their translations' status.
pub async fn overview(db: &impl ConnectionTrait, filter: &OverviewFilter) -> Result<Overview, DbErr> {
    let items = content_item::Entity::find()
        .filter(content_item::Column::AreaId.is_in(filter.areas.iter().copied()))
        .filter(content_item::Column::Kind.eq(filter.kind))
        .filter(content_item::Column::Status.ne(Status::Archived))
        .apply_if(filter.published_only.then_some(Status::Published), |query, status| query.filter(content_item::Column::Status.eq(status)))
        .order_by_asc(content_item::Column::Title)
        .all(db)
        .await?;
    let with_theme: Option<BTreeSet<ItemId>> = match filter.theme {
        Some(theme) => Some(
            content_item_theme::Entity::find()
                .filter(content_item_theme::Column::ThemeId.eq(theme))
                .all(db)
                .await?
                .into_iter()
                .map(|link| link.content_item_id)
                .collect(),
        ),
        None => None,
    };
    let (originals, translations): (Vec<_>, Vec<_>) = items.into_iter().partition(|item| !is_translation(&item.lang));
    let originals: Vec<_> = originals.into_iter().filter(|o| with_theme.as_ref().is_none_or(|ids| ids.contains(&o.id))).collect();
    let mut by_group: HashMap<(AreaId, String), Vec<content_item::Model>> = HashMap::new();
    for item in translations {
        by_group.entry((item.area_id, item.translation_group.clone())).or_default().push(item);
    }
    let ids: Vec<ItemId> = originals.iter().map(|o| o.id).collect();
    let histories = OriginalHistory::load_many(db, &ids).await?;
    let mut langs: Vec<Lang> = originals
        .iter()
        .flat_map(|o| by_group.get(&(o.area_id, o.translation_group.clone())).into_iter().flatten())
        .filter_map(|t| Lang::parse(&t.lang).ok())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    langs.sort_by_key(|l| (l.preference_rank(), l.as_str().to_owned()));
    let rows = originals
        .into_iter()
        .map(|original| {
            let group = by_group.remove(&(original.area_id, original.translation_group.clone())).unwrap_or_default();
            let history = histories.get(&original.id).cloned().unwrap_or_default();
            let cells = langs
                .iter()
                .map(|lang| match group.iter().find(|t| t.lang == lang.as_str()) {
                    None => Cell::Missing,
                    Some(t) => match t.translated_from.map(|from| history.status_of(from)) {
                        None => Cell::Unknown(t.clone()),
                        Some(TranslationStatus::Current) => Cell::Current(t.clone()),
                        Some(TranslationStatus::Outdated { since }) => Cell::Outdated(t.clone(), since),
                    },
                })
                .collect();
            OverviewRow { original, latest_revision: history.latest(), cells }
        })
        .collect();
    Ok(Overview { langs, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ContentKind;
    use crate::content::write::ItemWrite;
    use crate::entities::ids::AreaId;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn leaflet(body: &str, updated: Option<&str>) -> ItemFields {
        let mut write = ItemWrite::blank(AreaId(1), "central", ContentKind::Patient, "etter-operasjonen", "nb");
        write.fields.title = "Etter operasjonen".into();
        write.fields.body_markdown = body.into();
        write.fields.updated_on = updated.map(day);
        write.fields
    }

    fn row(number: i32, saved: &str, by_importer: bool, fields: ItemFields) -> RevisionRow {
        RevisionRow { number, created_on: day(saved), by_importer, fields }
    }

    /// The Norwegian leaflet was imported with its fever limit changed on 1 October; a web
    /// editor then fixed a tag (no text change) and later changed the text again.
    fn history() -> OriginalHistory {
        let before = leaflet("Ring ved feber over 38,5.", Some("2025-06-01"));
        let after = leaflet("Ring ved feber over 38,0.", Some("2026-10-01"));
        let tagged = ItemFields { tags: vec!["feber".into()], ..after.clone() };
        let rewritten = ItemFields { body_markdown: "Ring ved feber over 38,0 eller frysninger.".into(), ..after.clone() };
        OriginalHistory::of_revisions([
            row(1, "2026-11-01", true, before),
            row(2, "2026-11-02", true, after),
            row(3, "2026-11-20", false, tagged),
            row(4, "2026-11-25", false, rewritten),
        ])
    }

    #[test]
    fn a_translation_is_outdated_from_the_first_change_of_the_original_text_after_its_source() {
        let history = history();
        assert_eq!(history.status_of(1), TranslationStatus::Outdated { since: day("2026-10-01") }, "dated by the file's updated date");
        assert_eq!(history.status_of(2), TranslationStatus::Outdated { since: day("2026-11-25") }, "a tag is not the text");
        assert_eq!(history.status_of(3), TranslationStatus::Outdated { since: day("2026-11-25") });
        assert_eq!(history.status_of(4), TranslationStatus::Current);
        assert_eq!(history.status_of(0), TranslationStatus::Outdated { since: day("2025-06-01") }, "older than any revision kept");
    }

    #[test]
    fn a_files_translated_from_date_names_the_text_of_that_day() {
        let history = history();
        let from = |text: &str| history.revision_of(TranslatedFrom::TextOf(day(text)));
        assert_eq!(from("2025-05-31"), Ok(0), "before any text the site has");
        assert_eq!(from("2025-06-01"), Ok(1));
        assert_eq!(from("2026-10-15"), Ok(2), "the fever change, not the later web edits");
        assert_eq!(from("2026-11-30"), Ok(4));
        assert_eq!(history.revision_of(TranslatedFrom::Revision(3)), Ok(3));
        assert!(history.revision_of(TranslatedFrom::Revision(5)).unwrap_err().contains("has 4 revisions"));
    }

    #[test]
    fn a_later_file_that_keeps_its_old_updated_date_is_dated_by_its_import() {
        let first = leaflet("A", Some("2026-10-01"));
        let typo_fixed = leaflet("B", Some("2026-10-01"));
        let history = OriginalHistory::of_revisions([row(1, "2026-11-01", true, first), row(2, "2026-11-10", true, typo_fixed)]);
        assert_eq!(history.status_of(1), TranslationStatus::Outdated { since: day("2026-11-10") });
    }
}
