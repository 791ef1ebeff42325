//! View-models: what templates get, built from storage rows by pure functions.
use std::collections::HashMap;

use serde::Serialize;

use super::repo::ItemSummary;
use super::{ContentKind, Lang};
use crate::entities::ids::AreaId;
use crate::entities::{area, theme};
use crate::web::format;

/// A link to one language version of a text.
#[derive(Clone, Debug, Serialize)]
pub struct LangLink {
    pub code: String,
    /// The language's name in itself, shown in the list of translations.
    pub name: String,
    pub name_in_bokmal: String,
    pub dir: &'static str,
    pub url: String,
    pub current: bool,
}

/// An item in a list: title, summary, where it is from and which languages it has.
#[derive(Clone, Debug, Serialize)]
pub struct ItemCard {
    pub title: String,
    pub summary: String,
    pub url: String,
    pub kind: &'static str,
    /// The kind's message key (`kind-news`, ...), for pages in the interface language.
    pub kind_key: String,
    pub lang: String,
    pub dir: &'static str,
    pub date_label: Option<String>,
    /// The same date as `2026-11-20`, for readers of the English interface.
    pub date_iso: Option<String>,
    /// The local area's name for a local item; `None` for central content.
    pub local_area: Option<String>,
    pub event_when: Option<String>,
    pub event_place: Option<String>,
    /// The other language versions, when there are any.
    pub languages: Vec<LangLink>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ThemeLink {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub url: String,
}

pub fn theme_link(viewing_area: &str, theme: &theme::Model) -> ThemeLink {
    ThemeLink {
        slug: theme.slug.clone(),
        name: theme.name.clone(),
        description: theme.description.clone(),
        url: format!("/{viewing_area}/tema/{}", theme.slug),
    }
}

/// The URL of an item seen from `viewing_area`: bokmål at the plain address, other
/// languages with the language added (`/ahus/patient/etter-operasjonen/ar`).
/// A text's links to shared content (`/central/...`), as they are followed from an
/// area: a Vestfold reader stays in Vestfold (`/vestfold/...`), where every central page
/// is also found. Runs on cleaned HTML, where `href="` only starts an attribute value.
pub fn links_in_area(html: &str, viewing_area: &str) -> String {
    if viewing_area == crate::areas::CENTRAL {
        return html.to_owned();
    }
    html.replace("href=\"/central/", &format!("href=\"/{viewing_area}/"))
}

/// What an outdated translation says, in its language where we have the words and in Norwegian.
#[derive(Serialize)]
pub struct OutdatedNotice {
    pub own: Option<NoticeText>,
    pub norwegian: NoticeText,
    pub date: String,
    /// The date in digits, for the sentence in the translation's language.
    pub numeric_date: String,
    /// The date as a machine reads it, for `<time datetime>`.
    pub iso_date: String,
    pub original_url: String,
}

#[derive(Serialize)]
pub struct NoticeText {
    pub lang: String,
    pub dir: &'static str,
    pub before_date: &'static str,
    pub after_date: &'static str,
    pub link: &'static str,
}

impl OutdatedNotice {
    pub fn new(lang: &Lang, since: chrono::NaiveDate, original_url: String) -> OutdatedNotice {
        use super::outdated_notice::{NoticeWords, in_language, in_norwegian};
        let text = |lang: &Lang, words: NoticeWords| NoticeText {
            lang: lang.to_string(),
            dir: lang.dir(),
            before_date: words.before_date,
            after_date: words.after_date,
            link: words.link,
        };
        OutdatedNotice {
            own: in_language(lang.as_str()).filter(|_| lang.as_str() != "nb").map(|words| text(lang, words)),
            norwegian: text(&Lang::bokmal(), in_norwegian()),
            date: format::date(since),
            numeric_date: since.format("%d.%m.%Y").to_string(),
            iso_date: since.to_string(),
            original_url,
        }
    }
}

pub fn item_url(viewing_area: &str, kind: ContentKind, slug: &str, lang: &str) -> String {
    if lang == "nb" {
        format!("/{viewing_area}/{kind}/{slug}")
    } else {
        format!("/{viewing_area}/{kind}/{slug}/{lang}")
    }
}

/// The message key of a kind's name in the interface catalogues (`kind-news`, ...).
pub fn kind_key(kind: ContentKind) -> String {
    format!("kind-{}", kind.as_str())
}

/// The message key of a kind's name in the plural, as a list's heading (`kinds-news`).
pub fn kinds_key(kind: ContentKind) -> String {
    format!("kinds-{}", kind.as_str())
}

/// Where an item is read: courses are taken under `/kurs` (the item address sends a
/// reader there), every other kind at its item address.
pub fn reading_url(area: &str, kind: ContentKind, slug: &str, lang: &str) -> String {
    match kind {
        ContentKind::Course => format!("/kurs/{area}/{slug}"),
        _ => item_url(area, kind, slug, lang),
    }
}

pub fn lang_link(viewing_area: &str, kind: ContentKind, slug: &str, lang: &Lang, current: bool) -> LangLink {
    LangLink {
        code: lang.to_string(),
        name: lang.native_name().to_owned(),
        name_in_bokmal: lang.name_in_bokmal().to_owned(),
        dir: lang.dir(),
        url: item_url(viewing_area, kind, slug, lang.as_str()),
        current,
    }
}

/// The language versions of one text, with the one a Norwegian reader is offered first.
pub struct Group {
    pub preferred: ItemSummary,
    pub langs: Vec<Lang>,
}

/// Groups summaries by translation group (keeping the order groups first appear in)
/// and picks bokmål, else the next language in preference order, as the face of each.
pub fn group_translations(items: Vec<ItemSummary>) -> Vec<Group> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<ItemSummary>> = HashMap::new();
    for item in items {
        if !groups.contains_key(&item.translation_group) {
            order.push(item.translation_group.clone());
        }
        groups.entry(item.translation_group.clone()).or_default().push(item);
    }
    order
        .into_iter()
        .filter_map(|key| {
            let mut versions = groups.remove(&key)?;
            versions.sort_by_key(|v| (lang_of(v).preference_rank(), v.lang.clone()));
            let langs = versions.iter().map(lang_of).collect();
            Some(Group { preferred: versions.swap_remove(0), langs })
        })
        .collect()
}

fn lang_of(item: &ItemSummary) -> Lang {
    Lang::parse(&item.lang).unwrap_or_else(|_| Lang::bokmal())
}

pub fn card(viewing_area: &str, areas_by_id: &HashMap<AreaId, area::Model>, group: &Group) -> ItemCard {
    let item = &group.preferred;
    let kind = item.kind;
    let lang = lang_of(item);
    let owner = areas_by_id.get(&item.area_id);
    let languages = if group.langs.len() > 1 {
        group.langs.iter().map(|l| lang_link(viewing_area, kind, &item.slug, l, *l == lang)).collect()
    } else {
        Vec::new()
    };
    ItemCard {
        title: item.title.clone(),
        summary: item.summary.clone(),
        url: item_url(viewing_area, kind, &item.slug, lang.as_str()),
        kind: kind.as_str(),
        kind_key: kind_key(kind),
        dir: lang.dir(),
        lang: lang.to_string(),
        date_label: item.updated_on.or(item.published_on).map(format::date),
        date_iso: item.updated_on.or(item.published_on).map(|date| date.to_string()),
        local_area: owner.filter(|a| a.slug != crate::areas::CENTRAL).map(|a| a.name.clone()),
        event_when: item.event_starts.map(|starts| format::event_span(starts, item.event_ends)),
        event_place: item.event_place.clone(),
        languages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_name_in_the_interface_catalogues() {
        use sea_orm::Iterable;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/locales");
        let keys = crate::web::i18n::Catalogues::load(&dir).unwrap().keys(crate::web::i18n::UiLang::Bokmal);
        for kind in ContentKind::iter() {
            assert!(keys.contains(&kind_key(kind)) && keys.contains(&kinds_key(kind)), "{kind:?}");
        }
    }

    #[test]
    fn a_course_is_read_under_kurs_and_other_kinds_at_their_item_address() {
        assert_eq!(reading_url("vestfold", ContentKind::Course, "sarstell", "nb"), "/kurs/vestfold/sarstell");
        assert_eq!(reading_url("vestfold", ContentKind::Course, "sarstell", "en"), "/kurs/vestfold/sarstell");
        assert_eq!(reading_url("vestfold", ContentKind::Guide, "sarstell", "nb"), "/vestfold/guide/sarstell");
        assert_eq!(reading_url("central", ContentKind::Patient, "etter-operasjonen", "ar"), "/central/patient/etter-operasjonen/ar");
    }

    #[test]
    fn links_to_shared_content_stay_in_the_readers_area() {
        let html = "<p>Se <a href=\"/central/interpreter\">tolk</a>, <a href=\"/central\">felles</a> og <a href=\"https://example.org/central/x\">x</a>.</p>";
        let local = links_in_area(html, "vestfold");
        assert!(local.contains("href=\"/vestfold/interpreter\""), "{local}");
        assert!(local.contains("href=\"/central\"") && local.contains("https://example.org/central/x"), "{local}");
        assert_eq!(links_in_area(html, "central"), html);
    }

    fn summary(group: &str, lang: &str) -> ItemSummary {
        ItemSummary {
            id: crate::entities::ids::ItemId(1),
            area_id: AreaId(1),
            kind: ContentKind::Patient,
            slug: group.into(),
            lang: lang.into(),
            translation_group: group.into(),
            title: format!("{group} ({lang})"),
            summary: String::new(),
            published_on: None,
            updated_on: None,
            event_starts: None,
            event_ends: None,
            event_place: None,
            modified_at: chrono::DateTime::UNIX_EPOCH.fixed_offset(),
        }
    }

    #[test]
    fn translations_are_shown_once_with_bokmal_as_their_face() {
        let groups = group_translations(vec![
            summary("etter-operasjonen", "ar"),
            summary("smertelindring", "en"),
            summary("etter-operasjonen", "nb"),
            summary("etter-operasjonen", "so"),
        ]);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].preferred.lang, "nb");
        let codes: Vec<&str> = groups[0].langs.iter().map(|l| l.as_str()).collect();
        assert_eq!(codes, ["nb", "ar", "so"]);
        assert_eq!(groups[1].preferred.lang, "en");
    }

    #[test]
    fn bokmal_lives_at_the_plain_address() {
        assert_eq!(item_url("ahus", ContentKind::Guide, "bruk-av-tolk", "nb"), "/ahus/guide/bruk-av-tolk");
        assert_eq!(item_url("ahus", ContentKind::Patient, "etter-operasjonen", "ar"), "/ahus/patient/etter-operasjonen/ar");
    }
}
