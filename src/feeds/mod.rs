//! fagbro among the tools people already use: Atom feeds of an area's news and events,
//! its calendar for calendar apps, and the sitemap and robots rules for search engines.
//! Every address in them is absolute (`FAGBRO_PUBLIC_URL`), and each answers a repeated
//! request with 304 when nothing changed.
pub mod atom;
pub mod ical;
pub mod routes;
pub mod sitemap;

/// Text and attribute values in XML: the five characters with a meaning escaped, and
/// control characters XML 1.0 does not allow left out.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
