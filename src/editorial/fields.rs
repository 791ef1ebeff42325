//! What an editor typed, checked field by field: every problem is named, and an item
//! is only written when there are none.
use chrono::{NaiveDate, NaiveDateTime};

use crate::entities::ids::AreaId;
use crate::content::repo::ItemWrite;
use crate::content::write::ItemFields;
use crate::content::{ContentKind, Lang, Slug};
use crate::web::forms::FormData;
use crate::entities::theme;

pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 600;
pub const MAX_BODY: usize = 300_000;

/// The form of the edit page, as strings; repeated `theme` fields become a list.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ItemForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub audience: String,
    pub tags: String,
    pub themes: Vec<String>,
    pub review_by: String,
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub translation_group: String,
}

/// The extra fields of a new item: where it goes and what it is.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct NewItemForm {
    pub area: String,
    pub kind: String,
    pub slug: String,
    pub lang: String,
}

impl ItemForm {
    /// The item's fields as the edit form sends them.
    pub fn from_form(data: &FormData) -> ItemForm {
        ItemForm {
            title: data.get("title"),
            summary: data.get("summary"),
            body: data.get("body").replace("\r\n", "\n"),
            audience: data.get("audience"),
            tags: data.get("tags"),
            themes: data.all("theme"),
            review_by: data.get("review_by"),
            starts: data.get("starts"),
            ends: data.get("ends"),
            place: data.get("place"),
            translation_group: data.get("translation_group"),
        }
    }
}

impl NewItemForm {
    /// What makes a new item, as the new-item form sends it.
    pub fn from_form(data: &FormData) -> NewItemForm {
        NewItemForm { area: data.get("area"), kind: data.get("kind"), slug: data.get("slug"), lang: data.get("lang") }
    }
}

impl ItemForm {
    pub fn of(item: &ItemWrite, themes: &[theme::Model]) -> ItemForm {
        let time = |t: Option<NaiveDateTime>| t.map(|t| t.format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default();
        ItemForm {
            title: item.fields.title.clone(),
            summary: item.fields.summary.clone(),
            body: item.fields.body_markdown.clone(),
            audience: item.fields.audience.join(", "),
            tags: item.fields.tags.join(", "),
            themes: themes.iter().filter(|t| item.fields.theme_ids.contains(&t.id)).map(|t| t.slug.clone()).collect(),
            review_by: item.fields.review_by.map(|d| d.to_string()).unwrap_or_default(),
            starts: time(item.fields.event_starts),
            ends: time(item.fields.event_ends),
            place: item.fields.event_place.clone().unwrap_or_default(),
            translation_group: item.fields.translation_group.clone(),
        }
    }

    /// `base` with these fields applied, or every problem found.
    pub fn apply_to(&self, base: &ItemWrite, themes: &[theme::Model]) -> Result<ItemWrite, Vec<String>> {
        let mut problems = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            problems.push("Tittel mangler.".to_owned());
        } else if title.chars().count() > MAX_TITLE {
            problems.push(format!("Tittelen kan ha høyst {MAX_TITLE} tegn."));
        }
        if self.summary.chars().count() > MAX_SUMMARY {
            problems.push(format!("Ingressen kan ha høyst {MAX_SUMMARY} tegn."));
        }
        if self.body.chars().count() > MAX_BODY {
            problems.push(format!("Teksten kan ha høyst {MAX_BODY} tegn."));
        }
        let mut theme_ids = Vec::new();
        for slug in &self.themes {
            match themes.iter().find(|t| &t.slug == slug) {
                Some(theme) => theme_ids.push(theme.id),
                None => problems.push(format!("Fagtemaet «{slug}» finnes ikke.")),
            }
        }
        theme_ids.sort_unstable();
        theme_ids.dedup();
        let review_by = optional(&self.review_by, "Faglig gjennomgang innen", parse_date, &mut problems);
        let is_event = base.fields.kind == ContentKind::Event;
        let starts = optional(&self.starts, "Starter", parse_time, &mut problems);
        let ends = optional(&self.ends, "Slutter", parse_time, &mut problems);
        if is_event && starts.is_none() && self.starts.trim().is_empty() {
            problems.push("Et arrangement må ha et starttidspunkt.".to_owned());
        }
        if let (Some(starts), Some(ends)) = (starts, ends)
            && ends < starts
        {
            problems.push("Arrangementet kan ikke slutte før det starter.".to_owned());
        }
        let translation_group = match self.translation_group.trim() {
            "" => base.fields.translation_group.clone(),
            group if group.len() > 255 => {
                problems.push("Oversettelsesgruppen kan ha høyst 255 tegn.".to_owned());
                base.fields.translation_group.clone()
            }
            group => group.to_owned(),
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let place = self.place.trim();
        let fields = ItemFields {
            title: title.to_owned(),
            summary: self.summary.trim().to_owned(),
            body_markdown: self.body.clone(),
            audience: list(&self.audience),
            tags: list(&self.tags),
            theme_ids,
            review_by,
            event_starts: starts.filter(|_| is_event),
            event_ends: ends.filter(|_| is_event),
            event_place: (is_event && !place.is_empty()).then(|| place.to_owned()),
            translation_group,
            ..base.fields.clone()
        };
        // The HTML is rendered by the service, off the request threads.
        Ok(ItemWrite { body_html: String::new(), fields, ..base.clone() })
    }
}

impl NewItemForm {
    /// The empty item these fields make, or every problem of the form at once: those of
    /// type, address and language, and those of the other fields (checked against a
    /// stand-in item, since there is no real one to check them on).
    pub fn base_or_every_problem(&self, area_id: AreaId, area_slug: &str, fields: &ItemForm, themes: &[theme::Model]) -> Result<ItemWrite, Vec<String>> {
        let mut problems = match self.base(area_id, area_slug, &fields.title) {
            Ok(base) => return Ok(base),
            Err(problems) => problems,
        };
        let stand_in = NewItemForm { slug: "utkast".into(), kind: ContentKind::News.as_str().into(), lang: "nb".into(), ..self.clone() };
        if let Ok(stand_in) = stand_in.base(area_id, area_slug, "") {
            problems.extend(fields.apply_to(&stand_in, themes).err().unwrap_or_default());
        }
        Err(problems)
    }

    /// The empty item these fields make, before the editable fields are applied.
    pub fn base(&self, area_id: AreaId, area_slug: &str, title: &str) -> Result<ItemWrite, Vec<String>> {
        let mut problems = Vec::new();
        let kind = match self.kind.parse::<ContentKind>() {
            Ok(kind) => Some(kind),
            Err(_) => {
                problems.push("Velg en innholdstype.".to_owned());
                None
            }
        };
        let slug_text = if self.slug.trim().is_empty() { crate::content::slugify(title) } else { self.slug.trim().to_owned() };
        let slug = match Slug::parse(&slug_text) {
            Ok(slug) => Some(slug),
            // No title and no slug: "Tittel mangler" says it.
            Err(_) if slug_text.is_empty() => None,
            Err(error) => {
                problems.push(format!("Adressen (slug): {error}."));
                None
            }
        };
        let lang = match Lang::parse(if self.lang.trim().is_empty() { "nb" } else { self.lang.trim() }) {
            Ok(lang) => Some(lang),
            Err(error) => {
                problems.push(format!("Språk: {error}."));
                None
            }
        };
        let (Some(kind), Some(slug), Some(lang)) = (kind, slug, lang) else { return Err(problems) };
        let blank = ItemWrite::blank(area_id, area_slug, kind, slug.as_str(), lang.as_str());
        // A new course starts empty; its modules and lessons are built in the course editor.
        let course_definition = (kind == ContentKind::Course).then(|| crate::courses::authoring::starter().to_json());
        Ok(ItemWrite { fields: ItemFields { course_definition, ..blank.fields }, ..blank })
    }
}

fn optional<T>(value: &str, label: &str, parse: fn(&str) -> Option<T>, problems: &mut Vec<String>) -> Option<T> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let parsed = parse(value);
    if parsed.is_none() {
        problems.push(format!("{label}: «{value}» er ikke en gyldig dato eller tid."));
    }
    parsed
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// A time as a `datetime-local` field sends it, with or without seconds.
pub(crate) fn parse_time(value: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

fn list(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_becomes_a_url_name() {
        assert_eq!(crate::content::slugify("Bruk av tolk på sykehjem"), "bruk-av-tolk-pa-sykehjem");
        assert_eq!(crate::content::slugify("  KOLS – ny rutine (2026)! "), "kols-ny-rutine-2026");
        assert_eq!(crate::content::slugify("Ærlig øvelse"), "aerlig-ovelse");
    }

    #[test]
    fn every_problem_with_a_form_is_named() {
        let base = NewItemForm { area: "vestfold".into(), kind: "event".into(), slug: "".into(), lang: "nb".into() }
            .base(AreaId(2), "vestfold", "Fagdag")
            .unwrap();
        assert_eq!(base.fields.slug, "fagdag");
        let fields = ItemForm {
            title: " ".into(),
            review_by: "31.12.2026".into(),
            starts: "2026-12-03T12:00".into(),
            ends: "2026-12-03T09:00".into(),
            themes: vec!["finnes-ikke".into()],
            ..ItemForm::default()
        };
        let problems = fields.apply_to(&base, &[]).unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("Tittel mangler")));
        assert!(problems.iter().any(|p| p.contains("31.12.2026")));
        assert!(problems.iter().any(|p| p.contains("slutte før")));
        assert!(problems.iter().any(|p| p.contains("finnes-ikke")));
    }
}
