//! Atom 1.0 (RFC 4287), written out: a feed is a handful of elements, and writing them
//! here keeps every value escaped in one place.
use chrono::{DateTime, Utc};

use crate::web::markup::escape as xml_escape;

/// A feed, every address in it absolute.
pub struct Feed {
    /// The feed's own address: also its permanent id.
    pub self_url: String,
    /// The page the feed follows (an area's home, a theme page).
    pub page_url: String,
    pub title: String,
    pub subtitle: String,
    /// Who publishes it: the editorial team of the area.
    pub author: String,
    /// The latest change of any entry; an empty feed gives the epoch (its bytes, and
    /// so its ETag, stay the same until something is published).
    pub updated: DateTime<Utc>,
    pub entries: Vec<Entry>,
}

pub struct Entry {
    /// The page of the entry: its permanent id too (an address never reused for
    /// another item: slugs are unique per area and type).
    pub url: String,
    pub title: String,
    pub summary: String,
    pub lang: String,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// Type and themes, as Atom categories.
    pub categories: Vec<String>,
}

impl Feed {
    pub fn to_xml(&self) -> String {
        let mut xml = String::with_capacity(1024 + self.entries.len() * 512);
        xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nb\">\n");
        element(&mut xml, 1, "id", &self.self_url);
        element(&mut xml, 1, "title", &self.title);
        if !self.subtitle.is_empty() {
            element(&mut xml, 1, "subtitle", &self.subtitle);
        }
        element(&mut xml, 1, "updated", &self.updated.to_rfc3339());
        xml.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml_escape(&self.self_url)));
        xml.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(&self.page_url)));
        xml.push_str(&format!("  <author><name>{}</name></author>\n", xml_escape(&self.author)));
        element(&mut xml, 1, "generator", "fagbro");
        for entry in &self.entries {
            xml.push_str(&format!("  <entry xml:lang=\"{}\">\n", xml_escape(&entry.lang)));
            element(&mut xml, 2, "id", &entry.url);
            element(&mut xml, 2, "title", &entry.title);
            xml.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(&entry.url)));
            element(&mut xml, 2, "published", &entry.published.to_rfc3339());
            element(&mut xml, 2, "updated", &entry.updated.to_rfc3339());
            for category in &entry.categories {
                xml.push_str(&format!("    <category term=\"{}\"/>\n", xml_escape(category)));
            }
            if !entry.summary.is_empty() {
                element(&mut xml, 2, "summary", &entry.summary);
            }
            xml.push_str("  </entry>\n");
        }
        xml.push_str("</feed>\n");
        xml
    }
}

fn element(xml: &mut String, depth: usize, name: &str, text: &str) {
    xml.push_str(&"  ".repeat(depth));
    xml.push_str(&format!("<{name}>{}</{name}>\n", xml_escape(text)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_and_address_is_escaped() {
        let at = DateTime::parse_from_rfc3339("2026-12-05T10:00:00+01:00").unwrap().with_timezone(&Utc);
        let feed = Feed {
            self_url: "https://fagbro.example.no/feed/vestfold.atom".into(),
            page_url: "https://fagbro.example.no/vestfold".into(),
            title: "Vestfold & «omegn»".into(),
            subtitle: String::new(),
            author: "Redaksjonen <Vestfold>".into(),
            updated: at,
            entries: vec![Entry {
                url: "https://fagbro.example.no/vestfold/news/a?b=1&c=2".into(),
                title: "</title><script>alert(1)</script>".into(),
                summary: "\"sitat\" og 'enkle'".into(),
                lang: "nb".into(),
                published: at,
                updated: at,
                categories: vec!["news".into()],
            }],
        };
        let xml = feed.to_xml();
        assert!(xml.contains("<title>Vestfold &amp; «omegn»</title>"), "{xml}");
        assert!(xml.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"), "{xml}");
        assert!(xml.contains("href=\"https://fagbro.example.no/vestfold/news/a?b=1&amp;c=2\""), "{xml}");
        assert!(xml.contains("<updated>2026-12-05T09:00:00+00:00</updated>"), "{xml}");
        assert!(!xml.contains("<script>"));
    }
}
